import { sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { emailPreferences, monthlyReportSends } from "@db/schema";
import { config } from "~/lib/config.server";
import type { Actor } from "~/lib/actor";
import { isoDay } from "~/lib/dates";
import { notify } from "../notifications/notify.server";
import { wantsEmail } from "../notifications/preferences.server";
import { claimsTotals } from "./claims.server";
import { participationTotals } from "./participation.server";
import { addMonthsToDay, periodOf, periodQuery } from "./period";
import { pointsTotals } from "./points.server";
import { salesTotals } from "./sales.server";
import { query } from "./sql.server";

export const MONTHLY_TOPIC = "monthly_report" as const;

export function monthlyReportWanted(db: Queryable, userId: string): Promise<boolean> {
  return wantsEmail(db, userId, MONTHLY_TOPIC);
}

/** The switch on the report page: the same preference as on the profile page and the email's unsubscribe link. */
export async function setMonthlyReport(db: Queryable, actor: Actor, enabled: boolean): Promise<void> {
  await db
    .insert(emailPreferences)
    .values({ userId: actor.id, topic: MONTHLY_TOPIC, enabled })
    .onConflictDoUpdate({ target: [emailPreferences.userId, emailPreferences.topic], set: { enabled, updatedAt: new Date() } });
}

/**
 * The monthly report job: each active partner executive who has not switched it off gets last
 * month's headline figures for their organisation, by email (in their language) and in the
 * inbox, with a link to the dashboard. The (executive, month) row is claimed in the transaction
 * that queues the email, so however often the job runs, and in however many processes, each
 * executive gets one per month.
 */
export async function sendMonthlyReports(db: Db, now = new Date()) {
  const month = periodOf("month", addMonthsToDay(isoDay(now), -1));
  const key = month.from.slice(0, 7);
  const due = await query<{ id: string; name: string; organisation_id: string; organisation: string }>(
    db,
    sql`select u.id, u.name, u.organisation_id, o.name as organisation from users u join organisations o on o.id = u.organisation_id
      where u.role = 'executive' and u.status = 'active' and o.kind <> 'manufacturer'
        and not exists (select 1 from monthly_report_sends s where s.user_id = u.id and s.month = ${key})
        -- Switched off: no row means on (the default of every email topic).
        and not exists (select 1 from email_preferences p where p.user_id = u.id and p.topic = ${MONTHLY_TOPIC} and not p.enabled)
      order by u.id`,
  );
  let sent = 0;
  for (const exec of due) {
    const scope = { organisationId: exec.organisation_id };
    const [people, points, sales, claims] = await Promise.all([
      participationTotals(db, scope, month),
      pointsTotals(db, scope, month),
      salesTotals(db, scope, month),
      claimsTotals(db, scope, month),
    ]);
    const done = await db.transaction(async (tx) => {
      const claimed = await tx.insert(monthlyReportSends).values({ userId: exec.id, month: key }).onConflictDoNothing().returning();
      if (!claimed.length) return false;
      await notify(tx, {
        userId: exec.id,
        topic: MONTHLY_TOPIC,
        titleKey: "reports.notice.monthly",
        vars: { month: key },
        link: `/reports?${periodQuery(month)}`,
        email: {
          template: "monthly_report",
          props: {
            name: exec.name,
            organisation: exec.organisation,
            month: key,
            figures: [
              { label: "reports.participation.share", value: people.share, format: "permille" },
              { label: "reports.participation.active", value: people.active, format: "number" },
              { label: "reports.points.earned", value: points.earned, format: "number" },
              { label: "reports.points.spent", value: points.spent, format: "number" },
              { label: "reports.sales.units", value: sales.units, format: "number" },
              { label: "reports.claims.approved", value: claims.approved, format: "number" },
            ],
            url: `${config.publicUrl}/reports?${periodQuery(month)}`,
          },
        },
      });
      return true;
    });
    if (done) sent++;
  }
  return { month: key, sent };
}
