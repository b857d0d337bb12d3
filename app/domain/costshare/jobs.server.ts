import { and, eq, gt, inArray, lt, lte, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { costshareClaims, costshareFunds, costsharePeriods, costshareReminders, costshareRequests, users } from "@db/schema";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { addDays, DAY_MS, isoDay, startOfDay } from "~/lib/dates";
import { notify } from "../notifications/notify.server";
import { appendEntry, getSettings } from "./funds.server";
import { releaseCommitment, tellPartner } from "./requests.server";

/**
 * The daily cost-share work, safe to run often and from several processes: each request and fund
 * is claimed by a guarded UPDATE or a row lock in the transaction that changes it, and each
 * reminder by its key in costshare_reminders.
 */

/** Approved requests whose claim window has passed without a claim (or with one still returned): expired, money back. */
export async function expireRequests(db: Db, now = new Date()) {
  const today = isoDay(now);
  const due = await db
    .select({ id: costshareRequests.id })
    .from(costshareRequests)
    .where(
      and(
        eq(costshareRequests.status, "approved"),
        lt(costshareRequests.claimBy, today),
        sql`not exists (select 1 from ${costshareClaims} c where c.request_id = ${costshareRequests.id} and c.status <> 'returned')`,
      ),
    )
    .limit(500);
  let expired = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [request] = await tx
        .update(costshareRequests)
        .set({ status: "expired", updatedAt: new Date() })
        .where(and(eq(costshareRequests.id, id), eq(costshareRequests.status, "approved")))
        .returning();
      if (!request) return;
      await releaseCommitment(tx, null, request, request.approvedMinor ?? 0, "expired");
      await recordAudit(tx, {
        actor: null,
        action: "costshare.request_expired",
        entityType: "costshare_request",
        entityId: request.id,
        organisationId: request.organisationId,
        details: { number: request.number, releasedMinor: request.approvedMinor },
      });
      await tellPartner(tx, request, "request_expired", { amountMinor: request.approvedMinor ?? 0 });
      expired++;
    });
  }
  return expired;
}

/** Funds of periods past their expiry day lose what is still available (an expiry entry). */
export async function expireFunds(db: Db, now = new Date()) {
  const today = isoDay(now);
  const due = await db
    .select({ id: costshareFunds.id })
    .from(costshareFunds)
    .innerJoin(costsharePeriods, eq(costsharePeriods.id, costshareFunds.periodId))
    .where(and(lt(costsharePeriods.expiresOn, today), gt(costshareFunds.available, 0)))
    .limit(500);
  let expired = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      // The row lock makes two runs take turns: the second finds nothing left to expire.
      const [fund] = await tx.select().from(costshareFunds).where(eq(costshareFunds.id, id)).for("update");
      if (!fund || fund.available <= 0) return;
      await appendEntry(tx, {
        fundId: fund.id,
        organisationId: fund.organisationId,
        kind: "expiry",
        amount: fund.available,
        sourceKey: `expiry:${fund.id}:${now.getTime()}:${fund.available}`,
      });
      await recordAudit(tx, {
        actor: null,
        action: "costshare.fund_expired",
        entityType: "costshare_fund",
        entityId: fund.id,
        organisationId: fund.organisationId,
        details: { expiredMinor: fund.available },
      });
      expired++;
    });
  }
  return expired;
}

const WARN_DAYS = [14, 3] as const;

async function claimReminder(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], key: string): Promise<boolean> {
  const [row] = await tx.insert(costshareReminders).values({ key }).onConflictDoNothing().returning();
  return !!row;
}

/**
 * Emails partners 14 and 3 days before their funds expire (to the executives and managers of a
 * partner with money still available) and before a claim window closes (to the request's author).
 */
export async function sendReminders(db: Db, now = new Date()) {
  const today = isoDay(now);
  const horizon = isoDay(addDays(startOfDay(today), 14));
  const { currency } = await getSettings(db);
  let sent = 0;
  const funds = await db
    .select({ fund: costshareFunds, period: costsharePeriods })
    .from(costshareFunds)
    .innerJoin(costsharePeriods, eq(costsharePeriods.id, costshareFunds.periodId))
    .where(and(gt(costshareFunds.available, 0), lte(costsharePeriods.expiresOn, horizon), sql`${costsharePeriods.expiresOn} >= ${today}`))
    .limit(500);
  for (const { fund, period } of funds) {
    const days = Math.round((startOfDay(period.expiresOn).getTime() - startOfDay(today).getTime()) / DAY_MS);
    const step = WARN_DAYS.filter((d) => days <= d).at(-1);
    if (step === undefined) continue;
    await db.transaction(async (tx) => {
      if (!(await claimReminder(tx, `fund:${fund.id}:${step}`))) return;
      const people = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(
          and(eq(users.organisationId, fund.organisationId), inArray(users.role, ["executive", "manager"]), eq(users.status, "active")),
        );
      for (const p of people)
        await notify(tx, {
          userId: p.id,
          topic: "cost_share",
          titleKey: "costshare.notice.funds_expiring",
          vars: { days, period: period.name },
          link: "/cost-share",
          email: {
            template: "costshare_notice",
            props: {
              name: p.name,
              kind: "funds_expiring",
              number: 0,
              title: period.name,
              amountMinor: fund.available,
              currency,
              note: period.expiresOn,
              days,
              url: `${config.publicUrl}/cost-share`,
            },
          },
        });
      sent++;
    });
  }
  const requests = await db
    .select()
    .from(costshareRequests)
    .where(
      and(
        eq(costshareRequests.status, "approved"),
        lte(costshareRequests.claimBy, horizon),
        sql`${costshareRequests.claimBy} >= ${today}`,
        sql`not exists (select 1 from ${costshareClaims} c where c.request_id = ${costshareRequests.id} and c.status <> 'returned')`,
      ),
    )
    .limit(500);
  for (const request of requests) {
    const days = Math.round((startOfDay(request.claimBy).getTime() - startOfDay(today).getTime()) / DAY_MS);
    const step = WARN_DAYS.filter((d) => days <= d).at(-1);
    if (step === undefined) continue;
    await db.transaction(async (tx) => {
      if (!(await claimReminder(tx, `request:${request.id}:${step}`))) return;
      await tellPartner(tx, request, "claim_window", { days, note: request.claimBy, amountMinor: request.approvedMinor ?? 0 });
      sent++;
    });
  }
  return sent;
}

export async function runCostshareJobs(db: Db, now = new Date()) {
  const requests = await expireRequests(db, now);
  const funds = await expireFunds(db, now);
  const reminders = await sendReminders(db, now);
  return { requests, funds, reminders };
}
