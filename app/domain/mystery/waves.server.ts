import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import { mysteryScenarios, mysteryVisits, mysteryWaves, organisations, outlets, users, type MysteryWave } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { addDays, isoDay, startOfDay } from "~/lib/dates";
import { UserError, notFoundError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { getMysterySettings } from "./scenarios.server";

export async function createWave(
  db: Db,
  actor: Actor,
  input: { name: string; startsOn: string; endsOn: string; blackoutDates: string[] },
): Promise<MysteryWave> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mysteryWaves)
      .values({ ...input, createdBy: actor.id })
      .returning();
    await recordAudit(tx, { actor, action: "mystery.wave.create", entityType: "mystery_wave", entityId: row.id, details: input });
    return row;
  });
}

export async function setBlackout(db: Db, actor: Actor, waveId: string, blackoutDates: string[]) {
  if (!isId(waveId)) throw notFoundError();
  await db.transaction(async (tx) => {
    const [row] = await tx.update(mysteryWaves).set({ blackoutDates }).where(eq(mysteryWaves.id, waveId)).returning();
    if (!row) throw notFoundError();
    await recordAudit(tx, {
      actor,
      action: "mystery.wave.blackout",
      entityType: "mystery_wave",
      entityId: waveId,
      details: { blackoutDates },
    });
  });
}

export async function listWaves(db: Queryable) {
  return db
    .select({
      id: mysteryWaves.id,
      name: mysteryWaves.name,
      startsOn: mysteryWaves.startsOn,
      endsOn: mysteryWaves.endsOn,
      visits: sql<number>`(select count(*)::int from ${mysteryVisits} v where v.wave_id = ${mysteryWaves.id} and v.status <> 'voided')`,
      done: sql<number>`(select count(*)::int from ${mysteryVisits} v where v.wave_id = ${mysteryWaves.id} and v.status = 'published')`,
    })
    .from(mysteryWaves)
    .orderBy(desc(mysteryWaves.startsOn));
}

/** The wave running today, else the latest one that started. */
export async function currentWave(db: Queryable, today = isoDay(new Date())) {
  const [running] = await db
    .select()
    .from(mysteryWaves)
    .where(sql`${mysteryWaves.startsOn} <= ${today} and ${mysteryWaves.endsOn} >= ${today}`)
    .orderBy(desc(mysteryWaves.startsOn))
    .limit(1);
  if (running) return running;
  const [latest] = await db
    .select()
    .from(mysteryWaves)
    .where(sql`${mysteryWaves.startsOn} <= ${today}`)
    .orderBy(desc(mysteryWaves.startsOn))
    .limit(1);
  return latest ?? null;
}

/** Outlets of active partners with no visit (other than a voided one) planned in the wave. */
export async function coverage(db: Queryable, waveId: string) {
  const all = await db
    .select({
      outletId: outlets.id,
      outlet: outlets.name,
      city: outlets.city,
      partner: organisations.name,
      region: organisations.region,
      visits: sql<number>`(select count(*)::int from ${mysteryVisits} v where v.outlet_id = ${outlets.id} and v.wave_id = ${waveId} and v.status <> 'voided')`,
    })
    .from(outlets)
    .innerJoin(organisations, eq(organisations.id, outlets.organisationId))
    .where(and(eq(organisations.active, true), ne(organisations.kind, "manufacturer")))
    .orderBy(asc(organisations.name), asc(outlets.name));
  return { outlets: all, uncovered: all.filter((o) => o.visits === 0), covered: all.filter((o) => o.visits > 0).length };
}

export async function getWave(db: Queryable, waveId: string) {
  if (!isId(waveId)) return null;
  const [wave] = await db.select().from(mysteryWaves).where(eq(mysteryWaves.id, waveId));
  if (!wave) return null;
  const visits = await db
    .select({
      id: mysteryVisits.id,
      status: mysteryVisits.status,
      dueFrom: mysteryVisits.dueFrom,
      dueTo: mysteryVisits.dueTo,
      late: mysteryVisits.late,
      scorePermille: mysteryVisits.scorePermille,
      outlet: outlets.name,
      partner: organisations.name,
      scenario: mysteryScenarios.title,
      scenarioVersion: mysteryScenarios.version,
      auditor: users.name,
    })
    .from(mysteryVisits)
    .innerJoin(outlets, eq(outlets.id, mysteryVisits.outletId))
    .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
    .innerJoin(mysteryScenarios, eq(mysteryScenarios.id, mysteryVisits.scenarioId))
    .innerJoin(users, eq(users.id, mysteryVisits.auditorId))
    .where(eq(mysteryVisits.waveId, waveId))
    .orderBy(asc(mysteryVisits.dueFrom), asc(organisations.name));
  return { wave, visits, coverage: await coverage(db, waveId) };
}

/** The days of a due window that are not blackout days. */
export function openDays(dueFrom: string, dueTo: string, blackout: readonly string[]): string[] {
  const days: string[] = [];
  for (let d = startOfDay(dueFrom); isoDay(d) <= dueTo && days.length < 400; d = addDays(d, 1))
    if (!blackout.includes(isoDay(d))) days.push(isoDay(d));
  return days;
}

/**
 * The rotation rule: the same auditor may not visit the same outlet again within the
 * programme's rotation days. Two plans for one auditor and outlet queue on an advisory lock,
 * so two planners at once cannot both slip past the check.
 */
async function checkRotation(tx: Tx, auditorId: string, outletId: string, dueFrom: string, dueTo: string) {
  const settings = await getMysterySettings(tx);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mystery_rotation:${auditorId}:${outletId}`}))`);
  if (settings.rotationDays === 0) return;
  const [clash] = await tx
    .select({
      day: sql<string>`coalesce(to_char(${mysteryVisits.visitedAt} at time zone 'UTC', 'YYYY-MM-DD'), ${mysteryVisits.dueFrom}::text)`,
    })
    .from(mysteryVisits)
    .where(
      and(
        eq(mysteryVisits.auditorId, auditorId),
        eq(mysteryVisits.outletId, outletId),
        ne(mysteryVisits.status, "voided"),
        // Any day of the other visit's window (or its actual day) closer than the rotation to this window.
        sql`coalesce((${mysteryVisits.visitedAt} at time zone 'UTC')::date, ${mysteryVisits.dueTo}) > ${dueFrom}::date - ${settings.rotationDays}::int`,
        sql`coalesce((${mysteryVisits.visitedAt} at time zone 'UTC')::date, ${mysteryVisits.dueFrom}) < ${dueTo}::date + ${settings.rotationDays}::int`,
      ),
    )
    .limit(1);
  if (clash) throw new UserError("mystery.errors.rotation", "dueFrom", { days: settings.rotationDays, date: clash.day }, 409);
}

export async function planVisit(
  db: Db,
  actor: Actor,
  waveId: string,
  input: { outletId: string; scenarioId: string; auditorId: string; dueFrom: string; dueTo: string },
) {
  if (!isId(waveId)) throw notFoundError();
  return db.transaction(async (tx) => {
    const [wave] = await tx.select().from(mysteryWaves).where(eq(mysteryWaves.id, waveId));
    if (!wave) throw notFoundError();
    if (input.dueFrom < wave.startsOn || input.dueTo > wave.endsOn)
      throw new UserError("mystery.errors.outside_wave", "dueFrom", { from: wave.startsOn, to: wave.endsOn });
    if (!openDays(input.dueFrom, input.dueTo, wave.blackoutDates).length) throw new UserError("mystery.errors.all_blackout", "dueFrom");
    const [outlet] = await tx
      .select({ id: outlets.id, organisationId: outlets.organisationId, kind: organisations.kind })
      .from(outlets)
      .innerJoin(organisations, eq(organisations.id, outlets.organisationId))
      .where(eq(outlets.id, input.outletId));
    if (!outlet || outlet.kind === "manufacturer") throw new UserError("mystery.errors.no_outlet", "outletId");
    const [scenario] = await tx
      .select({ id: mysteryScenarios.id })
      .from(mysteryScenarios)
      .where(and(eq(mysteryScenarios.id, input.scenarioId), eq(mysteryScenarios.status, "published")));
    if (!scenario) throw new UserError("mystery.errors.no_scenario", "scenarioId");
    const [auditor] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.auditorId), eq(users.role, "auditor"), ne(users.status, "deactivated")));
    if (!auditor) throw new UserError("mystery.errors.no_auditor", "auditorId");
    await checkRotation(tx, input.auditorId, input.outletId, input.dueFrom, input.dueTo);
    const [visit] = await tx
      .insert(mysteryVisits)
      .values({ ...input, waveId, organisationId: outlet.organisationId, createdBy: actor.id })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "mystery.visit.plan",
      entityType: "mystery_visit",
      entityId: visit.id,
      organisationId: outlet.organisationId,
      details: { waveId, outletId: input.outletId, dueFrom: input.dueFrom, dueTo: input.dueTo },
    });
    return visit;
  });
}

/** Auditors who can be assigned (manufacturer staff or an agency's people with the auditor role). */
export async function auditors(db: Queryable) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.role, "auditor"), ne(users.status, "deactivated")))
    .orderBy(asc(users.name));
}

export async function allOutlets(db: Queryable) {
  return db
    .select({ id: outlets.id, name: outlets.name, partner: organisations.name })
    .from(outlets)
    .innerJoin(organisations, eq(organisations.id, outlets.organisationId))
    .where(and(eq(organisations.active, true), ne(organisations.kind, "manufacturer")))
    .orderBy(asc(organisations.name), asc(outlets.name));
}
