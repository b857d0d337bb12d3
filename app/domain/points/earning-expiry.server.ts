import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { earningExpiry } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";

/**
 * How long earned points last, per earning source (issue 19): a row of `earning_expiry` gives the
 * months for one ledger source type, or null for "never expires"; the row "*" applies to every
 * source without its own row; with no row at all the programme's expiry months apply. Read by the
 * ledger (creditPoints) when it appends a lot, so each lot carries its own expires_at.
 */
export const ANY_SOURCE = "*";
/** The sources an admin sets, in the order the settings page shows them ("*" first: all others). */
export const EXPIRY_SOURCES = [ANY_SOURCE, "claim", "bonus", "course", "webinar", "contest", "mystery_visit", "welcome"] as const;
export type ExpirySource = (typeof EXPIRY_SOURCES)[number];

/** What an admin chose for one source: the programme default, a number of months, or never. */
export type ExpiryChoice =
  | { source: ExpirySource; rule: "default" }
  | { source: ExpirySource; rule: "months"; months: number }
  | { source: ExpirySource; rule: "never" };

function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * When a lot of `sourceType` credited `now` expires: its own row, else the "*" row, else the
 * programme's months. Null means it never expires.
 */
export async function expiryFor(db: Queryable, sourceType: string, programmeMonths: number, now = new Date()): Promise<Date | null> {
  const rows = await db
    .select({ sourceType: earningExpiry.sourceType, months: earningExpiry.months })
    .from(earningExpiry)
    .where(inArray(earningExpiry.sourceType, [sourceType, ANY_SOURCE]));
  const row = rows.find((r) => r.sourceType === sourceType) ?? rows.find((r) => r.sourceType === ANY_SOURCE);
  if (!row) return addMonths(now, programmeMonths);
  return row.months === null ? null : addMonths(now, row.months);
}

/** Every source's current choice, for the settings page. */
export async function listEarningExpiry(db: Queryable): Promise<ExpiryChoice[]> {
  const rows = await db.select().from(earningExpiry).orderBy(asc(earningExpiry.sourceType));
  const bySource = new Map(rows.map((r) => [r.sourceType, r.months]));
  return EXPIRY_SOURCES.map((source): ExpiryChoice => {
    if (!bySource.has(source)) return { source, rule: "default" };
    const months = bySource.get(source);
    return months === null || months === undefined ? { source, rule: "never" } : { source, rule: "months", months };
  });
}

/**
 * Saves the choices in one transaction and records what changed, before and after, in the audit
 * log. Lots already credited keep their expiry; a change applies to points earned from now on.
 */
export async function saveEarningExpiry(db: Db, actor: Actor, choices: ExpiryChoice[]) {
  return db.transaction(async (tx) => {
    // One save at a time, so two admins' saves do not interleave their before/after.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('earning_expiry', 0))`);
    const before = new Map((await listEarningExpiry(tx)).map((c) => [c.source, c]));
    const changed: Record<string, { from: string; to: string }> = {};
    const show = (c: ExpiryChoice | undefined) => (!c || c.rule === "default" ? "default" : c.rule === "never" ? "never" : `${c.months}`);
    for (const choice of choices) {
      const was = before.get(choice.source);
      if (show(was) === show(choice)) continue;
      changed[choice.source] = { from: show(was), to: show(choice) };
      if (choice.rule === "default") await tx.delete(earningExpiry).where(eq(earningExpiry.sourceType, choice.source));
      else {
        const months = choice.rule === "never" ? null : choice.months;
        await tx
          .insert(earningExpiry)
          .values({ sourceType: choice.source, months })
          .onConflictDoUpdate({ target: earningExpiry.sourceType, set: { months, updatedAt: new Date() } });
      }
    }
    if (Object.keys(changed).length)
      await recordAudit(tx, {
        actor,
        action: "programme.expiry_changed",
        entityType: "programme",
        entityId: "earning_expiry",
        details: changed,
      });
    return { changed: Object.keys(changed) };
  });
}
