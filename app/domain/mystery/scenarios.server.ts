import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, max, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { mysteryScenarios, mysterySettings, mysteryVisits, type MysteryScenario } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError, notFoundError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { parseQuestionnaire, planScenarioEdit } from "./scoring";

export type ScenarioInput = { title: string; legend: string; instructions: string; questionnaire: string };

export async function getMysterySettings(db: Queryable) {
  const [row] = await db.select().from(mysterySettings).where(eq(mysterySettings.id, 1));
  if (row) return row;
  await db.insert(mysterySettings).values({ id: 1 }).onConflictDoNothing();
  return (await db.select().from(mysterySettings).where(eq(mysterySettings.id, 1)))[0];
}

export async function saveMysterySettings(
  db: Db,
  actor: Actor,
  input: { awardPoints: number; disputeWindowDays: number; rotationDays: number; reportDueHours: number; reviewRequired: boolean },
) {
  return db.transaction(async (tx) => {
    const before = await getMysterySettings(tx);
    await tx
      .update(mysterySettings)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(mysterySettings.id, 1));
    const changed = Object.fromEntries(
      (Object.keys(input) as Array<keyof typeof input>)
        .filter((k) => before[k] !== input[k])
        .map((k) => [k, { from: before[k], to: input[k] }]),
    );
    await recordAudit(tx, { actor, action: "mystery.settings", entityType: "mystery_settings", entityId: "1", details: changed });
  });
}

function questionnaireOf(text: string) {
  const parsed = parseQuestionnaire(text);
  if (!parsed.ok) {
    const p = parsed.problems[0];
    throw new UserError(p.key, "questionnaire", { ...(p.vars ?? {}), line: p.line });
  }
  return parsed.questionnaire;
}

export async function createScenario(db: Db, actor: Actor, input: ScenarioInput): Promise<MysteryScenario> {
  const questionnaire = questionnaireOf(input.questionnaire);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mysteryScenarios)
      .values({
        familyId: randomUUID(),
        version: 1,
        title: input.title,
        legend: input.legend,
        instructions: input.instructions,
        questionnaire,
        createdBy: actor.id,
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "mystery.scenario.create",
      entityType: "mystery_scenario",
      entityId: row.id,
      details: { title: row.title },
    });
    return row;
  });
}

/**
 * Saves an edit of one version. A draft changes in place; a published version never does
 * (reports filed with it keep their questions): the edit becomes the next version, a draft,
 * or updates the draft that already follows it. Returns the version that holds the edit.
 */
export async function editScenario(db: Db, actor: Actor, scenarioId: string, input: ScenarioInput): Promise<MysteryScenario> {
  const questionnaire = questionnaireOf(input.questionnaire);
  if (!isId(scenarioId)) throw notFoundError();
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(mysteryScenarios).where(eq(mysteryScenarios.id, scenarioId)).for("update");
    if (!current) throw notFoundError();
    // Versions of one scenario queue on its first row, so two editors make one next version.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mystery_scenario:${current.familyId}`}))`);
    const [draft] = await tx
      .select()
      .from(mysteryScenarios)
      .where(and(eq(mysteryScenarios.familyId, current.familyId), eq(mysteryScenarios.status, "draft")));
    const [{ latest }] = await tx
      .select({ latest: max(mysteryScenarios.version) })
      .from(mysteryScenarios)
      .where(eq(mysteryScenarios.familyId, current.familyId));
    const target = draft ?? current;
    const plan = planScenarioEdit(target, latest ?? target.version);
    const values = { title: input.title, legend: input.legend, instructions: input.instructions, questionnaire };
    let row: MysteryScenario;
    if (plan.mode === "refused") throw new UserError("mystery.errors.scenario_retired", undefined, undefined, 409);
    if (plan.mode === "in_place") {
      [row] = await tx.update(mysteryScenarios).set(values).where(eq(mysteryScenarios.id, target.id)).returning();
    } else {
      [row] = await tx
        .insert(mysteryScenarios)
        .values({ ...values, familyId: current.familyId, version: plan.version, createdBy: actor.id })
        .returning();
    }
    await recordAudit(tx, {
      actor,
      action: plan.mode === "in_place" ? "mystery.scenario.edit" : "mystery.scenario.new_version",
      entityType: "mystery_scenario",
      entityId: row.id,
      details: { title: row.title, version: row.version },
    });
    return row;
  });
}

/** Publishes a draft version; the version it follows is retired (its reports keep it). */
export async function publishScenario(db: Db, actor: Actor, scenarioId: string): Promise<MysteryScenario> {
  if (!isId(scenarioId)) throw notFoundError();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(mysteryScenarios)
      .set({ status: "published", publishedAt: new Date() })
      .where(and(eq(mysteryScenarios.id, scenarioId), eq(mysteryScenarios.status, "draft")))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ id: mysteryScenarios.id }).from(mysteryScenarios).where(eq(mysteryScenarios.id, scenarioId));
      if (!exists) throw notFoundError();
      throw new UserError("mystery.errors.scenario_not_draft", undefined, undefined, 409);
    }
    await tx
      .update(mysteryScenarios)
      .set({ status: "retired" })
      .where(
        and(
          eq(mysteryScenarios.familyId, row.familyId),
          eq(mysteryScenarios.status, "published"),
          sql`${mysteryScenarios.id} <> ${row.id}`,
        ),
      );
    await recordAudit(tx, {
      actor,
      action: "mystery.scenario.publish",
      entityType: "mystery_scenario",
      entityId: row.id,
      details: { version: row.version },
    });
    return row;
  });
}

export async function getScenario(db: Queryable, scenarioId: string) {
  if (!isId(scenarioId)) return null;
  const [row] = await db.select().from(mysteryScenarios).where(eq(mysteryScenarios.id, scenarioId));
  if (!row) return null;
  const versions = await db
    .select({
      id: mysteryScenarios.id,
      version: mysteryScenarios.version,
      status: mysteryScenarios.status,
      createdAt: mysteryScenarios.createdAt,
      visits: sql<number>`(select count(*)::int from ${mysteryVisits} v where v.scenario_id = ${mysteryScenarios.id})`,
    })
    .from(mysteryScenarios)
    .where(eq(mysteryScenarios.familyId, row.familyId))
    .orderBy(desc(mysteryScenarios.version));
  return { ...row, versions };
}

/** Every scenario once, by its newest version. */
export async function listScenarios(db: Queryable) {
  return db
    .selectDistinctOn([mysteryScenarios.familyId], {
      id: mysteryScenarios.id,
      familyId: mysteryScenarios.familyId,
      title: mysteryScenarios.title,
      version: mysteryScenarios.version,
      status: mysteryScenarios.status,
      legend: mysteryScenarios.legend,
    })
    .from(mysteryScenarios)
    .orderBy(asc(mysteryScenarios.familyId), desc(mysteryScenarios.version));
}

/** Versions a visit may be planned with: the published ones. */
export async function plannableScenarios(db: Queryable) {
  return db
    .select({ id: mysteryScenarios.id, title: mysteryScenarios.title, version: mysteryScenarios.version })
    .from(mysteryScenarios)
    .where(eq(mysteryScenarios.status, "published"))
    .orderBy(asc(mysteryScenarios.title));
}
