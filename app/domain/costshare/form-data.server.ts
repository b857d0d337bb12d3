import { and, eq, gte } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { costshareFunds, costsharePeriods } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { isoDay } from "~/lib/dates";
import { getSettings, ruleOf } from "./funds.server";

/** What the request form needs to explain the reimbursement while typing: the rule, the lead time, open periods and their available funds. */
export async function requestFormData(db: Queryable, actor: Actor, now = new Date()) {
  const settings = await getSettings(db);
  const today = isoDay(now);
  const periods = await db
    .select({
      id: costsharePeriods.id,
      name: costsharePeriods.name,
      startsOn: costsharePeriods.startsOn,
      endsOn: costsharePeriods.endsOn,
      available: costshareFunds.available,
    })
    .from(costsharePeriods)
    .leftJoin(
      costshareFunds,
      and(eq(costshareFunds.periodId, costsharePeriods.id), eq(costshareFunds.organisationId, actor.organisationId)),
    )
    .where(gte(costsharePeriods.endsOn, today))
    .orderBy(costsharePeriods.startsOn);
  return {
    rule: ruleOf(settings),
    currency: settings.currency,
    leadBusinessDays: settings.leadBusinessDays,
    claimWindowDays: settings.claimWindowDays,
    today,
    periods: periods.map((p) => ({ ...p, available: p.available ?? 0 })),
  };
}
