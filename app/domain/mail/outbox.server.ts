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
  mail: { to: string; template: N; props: TemplateProps<N>; locale: Locale; userId?: string; topic?: string },
): Promise<void> {
  await db.insert(emailOutbox).values({
    to: mail.to,
    template: mail.template,
    props: sealProps(mail.template, mail.props as Record<string, unknown>, secretPropsOf(mail.template)),
    locale: mail.locale,
    userId: mail.userId ?? null,
    topic: mail.topic ?? null,
  });
}

/** Topic mail carries a one-click unsubscribe link; the outbox id (random, unguessable) is the key. */
export function unsubscribeUrl(row: { id: string; topic: string | null }): string | undefined {
  return row.topic ? `${config.publicUrl}/unsubscribe/${row.id}` : undefined;
}

let cached: { url: string; transport: Transporter } | undefined;
async function transportFor(url: string): Promise<Transporter> {
  if (cached?.url !== url) {
    const nodemailer = await import("nodemailer");
    cached = { url, transport: nodemailer.createTransport(url) };
  }
  return cached.transport;
}

/** Minutes to wait before the next try: 1, 2, 4, ... capped at an hour. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends what is due. Each row is leased first (next attempt pushed out) so two workers never
 * send the same mail; a failure records the error and schedules a retry with back-off.
 * Without SMTP_URL nothing is sent and the mail waits in the outbox (see /admin/outbox).
 */
export async function deliverDueEmails(db: Queryable, opts: { smtpUrl?: string; limit?: number } = {}) {
  const smtpUrl = opts.smtpUrl ?? config.smtpUrl;
  if (!smtpUrl) return { sent: 0, failed: 0 };
  type Leased = { id: string; to: string; template: string; props: Record<string, unknown>; locale: Locale; attempts: number; topic: string | null };
  const leased = await db.execute(sql`
    update email_outbox set attempts = attempts + 1, next_attempt_at = now() + interval '5 minutes'
    where id in (
      select id from email_outbox where status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at limit ${opts.limit ?? 20} for update skip locked
    )
    returning id, "to", template, props, locale, attempts, topic`);
  let sent = 0;
  let failed = 0;
  for (const row of rowsOf<Leased>(leased)) {
    try {
      const unsubscribe = unsubscribeUrl(row);
      const mail = await renderEmail(row.template, row.props, row.locale, { unsubscribeUrl: unsubscribe });
      const transport = await transportFor(smtpUrl);
      await transport.sendMail({
        from: config.mailFrom,
        to: row.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        // RFC 8058: mail clients offer "unsubscribe" and may POST to it without opening the page.
        ...(unsubscribe ? { list: { unsubscribe: { url: unsubscribe, comment: "Unsubscribe" } }, headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } } : {}),
      });
      await db.update(emailOutbox).set({ status: "sent", sentAt: new Date(), lastError: null }).where(eq(emailOutbox.id, row.id));
      sent++;
    } catch (error) {
      failed++;
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
  }
  return { sent, failed };
}

/** The outbox as an admin sees it: secret props masked, sealed values never leave the database. */
export async function listOutbox(db: Queryable, limit = 100) {
  const rows = await db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit);
  return rows.map((row) => ({ ...row, props: maskedProps(row.props) }));
}

export async function getOutboxEmail(db: Queryable, id: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1);
  if (!row) return null;
  const rendered = await renderEmail(row.template, row.props, row.locale, { unsubscribeUrl: unsubscribeUrl(row), masked: true });
  return { row: { ...row, props: maskedProps(row.props) }, rendered };
}
