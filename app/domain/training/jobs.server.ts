import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@db/client";
import { certificateWarnings, users, webinarReminders, webinars } from "@db/schema";
import { notify } from "~/domain/notifications/notify.server";
import { config } from "~/lib/config.server";
import { webinarEmailProps } from "./webinars.server";
import { addDays } from "~/lib/dates";

const HOUR = 3_600_000;
export const CERTIFICATE_WARNING_DAYS = 30;

/**
 * Webinar reminders a day and an hour before the start, to people still registered. The
 * reminder key (webinar, person, kind) is claimed in the same transaction as the email, so
 * each reminder goes out once however often, or from however many processes, the job runs.
 * Someone who registers within the last hour gets only the hour reminder.
 */
export async function sendWebinarReminders(db: Db, now = new Date()) {
  const due = rowsOf<{ webinar_id: string; user_id: string; kind: "day" | "hour" }>(
    await db.execute(sql`
      select r.webinar_id, r.user_id,
        case when w.starts_at <= ${new Date(now.getTime() + HOUR).toISOString()}::timestamptz then 'hour' else 'day' end as kind
      from webinar_registrations r
      join webinars w on w.id = r.webinar_id
      join users u on u.id = r.user_id
      where r.status = 'registered' and w.cancelled_at is null and u.status = 'active'
        and w.starts_at > ${now.toISOString()}::timestamptz
        and w.starts_at <= ${addDays(now, 1).toISOString()}::timestamptz`),
  );
  let sent = 0;
  for (const row of due) {
    sent += await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(webinarReminders)
        .values({ webinarId: row.webinar_id, userId: row.user_id, kind: row.kind })
        .onConflictDoNothing()
        .returning();
      if (!claimed) return 0;
      const [w] = await tx.select().from(webinars).where(eq(webinars.id, row.webinar_id));
      const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.user_id));
      await notify(tx, {
        userId: row.user_id,
        topic: "webinar_reminders",
        titleKey: row.kind === "day" ? "training.notice.reminder_day" : "training.notice.reminder_hour",
        vars: { title: w.title },
        link: `/learn/webinars/${w.id}`,
        email: { template: "webinar_reminder", props: { ...webinarEmailProps(w, person.name), kind: row.kind } },
      });
      return 1;
    });
  }
  return sent;
}

/**
 * One email per certificate validity period, 30 days before it expires. The warning key
 * (certificate, expiry) is claimed with the email; a renewed certificate has a new expiry and
 * so earns a new warning later.
 */
export async function sendCertificateWarnings(db: Db, now = new Date()) {
  const due = rowsOf<{ id: string; user_id: string; expires_at: string | Date; title: string; name: string; course_id: string }>(
    await db.execute(sql`
      select c.id, c.user_id, c.expires_at, co.title, u.name, co.id as course_id
      from certificates c join courses co on co.id = c.course_id join users u on u.id = c.user_id
      where u.status = 'active'
        and c.expires_at > ${now.toISOString()}::timestamptz
        and c.expires_at <= ${addDays(now, CERTIFICATE_WARNING_DAYS).toISOString()}::timestamptz
        and not exists (select 1 from certificate_warnings w where w.certificate_id = c.id and w.expires_at = c.expires_at)`),
  );
  let sent = 0;
  for (const row of due) {
    const expiresAt = new Date(row.expires_at);
    sent += await db.transaction(async (tx) => {
      const [claimed] = await tx.insert(certificateWarnings).values({ certificateId: row.id, expiresAt }).onConflictDoNothing().returning();
      if (!claimed) return 0;
      await notify(tx, {
        userId: row.user_id,
        topic: "training",
        titleKey: "training.notice.certificate_expiring",
        vars: { title: row.title },
        link: `/learn/courses/${row.course_id}`,
        email: {
          template: "certificate_expiring",
          props: {
            name: row.name,
            title: row.title,
            expiresAt: expiresAt.toISOString(),
            url: `${config.publicUrl}/learn/courses/${row.course_id}`,
            certificateUrl: `${config.publicUrl}/learn/certificates/${row.id}`,
          },
        },
      });
      return 1;
    });
  }
  return sent;
}

export async function runTrainingJobs(db: Db, now = new Date()) {
  return { webinarReminders: await sendWebinarReminders(db, now), certificateWarnings: await sendCertificateWarnings(db, now) };
}
