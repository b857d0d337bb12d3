import { and, desc, eq, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { rowsOf, type Queryable } from "@db/client";
import { emailOutbox } from "@db/schema";
import type { Locale } from "@db/schema/enums";
import { renderEmail, secretPropsOf, type TemplateName, type TemplateProps } from "@emails/index";
import { config } from "~/lib/config.server";
import { maskedProps, sealProps } from "./secrets.server";

export const MAX_ATTEMPTS = 8;

/**
 * Queues an email in the caller's transaction; it is sent only if that transaction commits.
 * The template's secret props (links, codes) are stored masked, their values sealed for the
 * delivery job alone (see decision 007).
 */
export async function queueEmail<N extends TemplateName>(
  db: Queryable,
  mail: { to: string; template: N; props: TemplateProps<N>; locale: Locale; userId?: string; topic?: string; notBefore?: Date },
): Promise<void> {
  await db.insert(emailOutbox).values({
    to: mail.to,
    template: mail.template,
    props: sealProps(mail.template, mail.props as Record<string, unknown>, secretPropsOf(mail.template)),
    locale: mail.locale,
    userId: mail.userId ?? null,
    topic: mail.topic ?? null,
    // Quiet hours: mail that can wait is queued for the start of the recipient's day.
    ...(mail.notBefore ? { nextAttemptAt: mail.notBefore } : {}),
  });
}

/** Topic mail carries a one-click unsubscribe link; the outbox id (random, unguessable) is the key. */
export function unsubscribeUrl(row: { id: string; topic: string | null }): string | undefined {
  return row.topic ? `${config.publicUrl}/unsubscribe/${row.id}` : undefined;
}

/**
 * How long a worker holds a mail it took (MAIL_LEASE_SECONDS, default 5 minutes). A worker that
 * dies mid-send (killed, crashed) lets the mail go after this; the SMTP timeouts below are kept
 * well inside it, so a live worker has always finished or given up before anyone else may retry.
 */
export function mailLeaseSeconds(): number {
  const n = Number(process.env.MAIL_LEASE_SECONDS ?? 300);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 300;
}

let cached: { key: string; transport: Transporter } | undefined;
async function transportFor(url: string): Promise<Transporter> {
  const step = Math.max(1000, Math.floor((mailLeaseSeconds() * 1000) / 5));
  const dkim = config.dkim;
  const key = `${url} ${step} ${dkim ? `${dkim.domainName} ${dkim.keySelector} ${dkim.privateKey.length}` : ""}`;
  if (cached?.key !== key) {
    const nodemailer = await import("nodemailer");
    // Connecting, the greeting and any silence mid-conversation each get a fifth of the lease.
    cached = {
      key,
      // With DKIM_* set, every mail is signed (see README, "Email and DKIM").
      transport: nodemailer.createTransport({
        url,
        connectionTimeout: step,
        greetingTimeout: step,
        socketTimeout: step,
        dnsTimeout: step,
        ...(dkim ? { dkim } : {}),
      }),
    };
  }
  return cached.transport;
}

/** Minutes to wait before the next try: 1, 2, 4, ... capped at an hour. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

export type Leased = {
  id: string;
  to: string;
  template: string;
  props: Record<string, unknown>;
  locale: Locale;
  attempts: number;
  topic: string | null;
  time_zone: string | null;
};

/**
 * Takes the next due mail for this worker: one row, locked with SKIP LOCKED so two workers never
 * take the same one, its attempt counted and its next try pushed a lease away, all in one
 * statement. One row at a time, so a killed worker strands one mail for one lease, not a batch.
 */
export async function leaseNextMessage(db: Queryable, channel: "email" | "sms" = "email"): Promise<Leased | null> {
  const leased = await db.execute(sql`
    update email_outbox set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${mailLeaseSeconds()})
    where id = (
      select id from email_outbox where status = 'pending' and channel = ${channel} and next_attempt_at <= now()
      order by next_attempt_at limit 1 for update skip locked
    )
    returning id, "to", template, props, locale, attempts, topic,
      -- Dates in the mail in the recipient's own time zone (their setting, else their region's).
      (select coalesce(cs.time_zone, rtz.time_zone) from users u join organisations o on o.id = u.organisation_id
        left join communication_settings cs on cs.user_id = u.id left join region_time_zones rtz on rtz.region = o.region
        where u.id = email_outbox.user_id) as time_zone`);
  return rowsOf<Leased>(leased)[0] ?? null;
}

export async function renewLease(db: Queryable, row: Leased): Promise<boolean> {
  const renewed = await db.execute(sql`
    update email_outbox set next_attempt_at = now() + make_interval(secs => ${mailLeaseSeconds()})
    where id = ${row.id} and status = 'pending' and attempts = ${row.attempts}
    returning id`);
  return rowsOf(renewed).length > 0;
}

/**
 * Sends what is due, up to `limit` mails. Each mail is leased first (see leaseNextMessage), the
 * lease renewed after rendering, and the mail marked sent by the very next statement after the
 * SMTP server accepts it: a crash between those two is the only way a mail goes out twice. A
 * failure records the error and schedules a retry with back-off. `shouldStop` is asked between mails (a server shutting down finishes the
 * mail in hand and leaves the rest to the next worker).
 * Without SMTP_URL nothing is sent and the mail waits in the outbox (see /admin/outbox).
 */
export async function deliverDueEmails(db: Queryable, opts: { smtpUrl?: string; limit?: number; shouldStop?: () => boolean } = {}) {
  const smtpUrl = opts.smtpUrl ?? config.smtpUrl;
  if (!smtpUrl) return { sent: 0, failed: 0 };
  const limit = opts.limit ?? 20;
  let sent = 0;
  let failed = 0;
  for (let n = 0; n < limit && !opts.shouldStop?.(); n++) {
    const row = await leaseNextMessage(db, "email");
    if (!row) break;
    let accepted = false;
    try {
      const unsubscribe = unsubscribeUrl(row);
      const mail = await renderEmail(row.template, row.props, row.locale, {
        unsubscribeUrl: unsubscribe,
        timeZone: row.time_zone ?? undefined,
      });
      const transport = await transportFor(smtpUrl);
      // Rendering can be slow (a cold process, a busy CPU): renew the lease just before talking to
      // the mail server, and only if it is still ours. If it ran out meanwhile and another worker
      // took the mail, that worker sends it; so the lease only has to outlast the SMTP exchange.
      if (!(await renewLease(db, row))) continue;
      await transport.sendMail({
        from: config.mailFrom,
        to: row.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        // RFC 8058: mail clients offer "unsubscribe" and may POST to it without opening the page.
        ...(unsubscribe
          ? {
              list: { unsubscribe: { url: unsubscribe, comment: "Unsubscribe" } },
              headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
            }
          : {}),
      });
      accepted = true;
      await db.update(emailOutbox).set({ status: "sent", sentAt: new Date(), lastError: null }).where(eq(emailOutbox.id, row.id));
      sent++;
    } catch (error) {
      // Accepted but not marked (the database went away): the lease brings it back, and it may
      // go out twice; that is the window above, nothing to record as a delivery failure.
      if (accepted) throw error;
      failed++;
      await recordFailure(db, row, error);
    }
  }
  return { sent, failed };
}

/** A try that failed: the error kept for /admin/outbox, the next try after a back-off, or "failed" after the last. */
export async function recordFailure(db: Queryable, row: Leased, error: unknown): Promise<void> {
  const giveUp = row.attempts >= MAX_ATTEMPTS;
  await db
    .update(emailOutbox)
    .set({
      status: giveUp ? "failed" : "pending",
      lastError: String((error as Error)?.message ?? error).slice(0, 500),
      nextAttemptAt: new Date(Date.now() + retryDelayMinutes(row.attempts) * 60_000),
    })
    .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, "pending")));
}

/** The outbox as an admin sees it: secret props masked, sealed values never leave the database. */
export async function listOutbox(db: Queryable, limit = 100) {
  const rows = await db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit);
  return rows.map((row) => ({ ...row, props: maskedProps(row.props) }));
}

export async function getOutboxEmail(db: Queryable, id: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1);
  if (!row) return null;
  if (row.channel === "sms") {
    // A text message: its words, masked, as plain text in the same frame.
    const { renderSms } = await import("../sms/texts.server");
    const text = renderSms(row.template, maskedProps(row.props), row.locale);
    const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return {
      row: { ...row, props: maskedProps(row.props) },
      rendered: { subject: text, html: `<pre style="white-space:pre-wrap">${escaped}</pre>`, text },
    };
  }
  const rendered = await renderEmail(row.template, row.props, row.locale, { unsubscribeUrl: unsubscribeUrl(row), masked: true });
  return { row: { ...row, props: maskedProps(row.props) }, rendered };
}
