import { eq, sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import { emailOutbox, users } from "@db/schema";
import type { Locale } from "@db/schema/enums";
import { config } from "~/lib/config.server";
import { leaseNextMessage, mailLeaseSeconds, recordFailure, renewLease } from "../mail/outbox.server";
import { openProps, sealProps } from "../mail/secrets.server";
import { openSmppGateway, type SmsGateway } from "./smpp.server";
import { renderSms, smsSecretPropsOf, type SmsProps, type SmsTemplateName } from "./texts.server";

/**
 * Queues a text message in the caller's transaction, in the same durable outbox as email
 * (channel "sms"): sent only if that transaction commits, retried with the same back-off, its
 * secrets (codes, links) sealed the same way.
 */
export async function queueSms<N extends SmsTemplateName>(
  db: Queryable,
  sms: { to: string; template: N; props: SmsProps<N>; locale: Locale; userId?: string; topic?: string },
): Promise<void> {
  await db.insert(emailOutbox).values({
    channel: "sms",
    to: sms.to,
    template: sms.template,
    props: sealProps(sms.template, sms.props as Record<string, unknown>, smsSecretPropsOf(sms.template)),
    locale: sms.locale,
    userId: sms.userId ?? null,
    topic: sms.topic ?? null,
  });
}

export const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/**
 * Counts one sent message against this month's budget (SMS_MONTHLY_BUDGET) and, the first time
 * the count reaches 80%, warns every active admin by email: `warned_at` is claimed by the same
 * statement, so several workers warn once.
 */
async function countSent(db: Queryable): Promise<void> {
  const budget = config.smsMonthlyBudget;
  const threshold = Math.ceil(budget * 0.8);
  const [row] = rowsOf<{ sent: number; warn: boolean }>(
    await db.execute(sql`
      with bumped as (
        insert into sms_usage as u (month, sent) values (${monthOf(new Date())}, 1)
        on conflict (month) do update set sent = u.sent + 1
        returning month, sent, warned_at
      ), claimed as (
        update sms_usage set warned_at = now()
        where month = (select month from bumped) and warned_at is null and (select sent from bumped) >= ${threshold}
        returning month
      )
      select (select sent from bumped) as sent, exists (select 1 from claimed) as warn`),
  );
  if (!row?.warn) return;
  const admins = await db
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.status} = 'active' and ${users.email} is not null`);
  const { queueEmail } = await import("../mail/outbox.server");
  for (const admin of admins)
    await queueEmail(db, {
      to: admin.email!,
      template: "sms_budget",
      locale: admin.locale ?? "en",
      props: { sent: row.sent, budget, month: monthOf(new Date()) },
    });
}

/** This month's text messages and the budget, for the admin's outbox page. */
export async function smsUsage(db: Queryable) {
  const [row] = rowsOf<{ sent: number }>(await db.execute(sql`select sent from sms_usage where month = ${monthOf(new Date())}`));
  return { month: monthOf(new Date()), sent: row?.sent ?? 0, budget: config.smsMonthlyBudget };
}

/**
 * Sends due text messages through the SMPP gateway, one leased row at a time exactly like email
 * (deliverDueEmails): the lease is renewed just before submitting and the row marked sent by the
 * very next statement after the gateway's submit_sm_resp, so a worker killed mid-batch leaves at
 * most the one message in hand to its lease, and nothing already accepted goes out again.
 * Without SMPP_URL nothing is sent and the messages wait in the outbox.
 */
export async function deliverDueSms(db: Queryable, opts: { smppUrl?: string; limit?: number; shouldStop?: () => boolean } = {}) {
  const smppUrl = opts.smppUrl ?? config.smppUrl;
  if (!smppUrl) return { sent: 0, failed: 0 };
  const limit = opts.limit ?? 20;
  let sent = 0;
  let failed = 0;
  let gateway: SmsGateway | null = null;
  try {
    for (let n = 0; n < limit && !opts.shouldStop?.(); n++) {
      const row = await leaseNextMessage(db, "sms");
      if (!row) break;
      let accepted = false;
      try {
        const text = renderSms(row.template, openProps(row.template, row.props), row.locale);
        gateway ??= await openSmppGateway(smppUrl, {
          from: config.smsFrom,
          stepMs: Math.max(1000, Math.floor((mailLeaseSeconds() * 1000) / 5)),
        });
        if (!(await renewLease(db, row))) continue;
        await gateway.submit(row.to, text);
        accepted = true;
        await db.update(emailOutbox).set({ status: "sent", sentAt: new Date(), lastError: null }).where(eq(emailOutbox.id, row.id));
        sent++;
        await countSent(db);
      } catch (error) {
        if (accepted) throw error;
        failed++;
        await recordFailure(db, row, error);
        // A broken connection is not reused: the next message opens a fresh one.
        await gateway?.close();
        gateway = null;
      }
    }
  } finally {
    await gateway?.close();
  }
  return { sent, failed };
}
