import { asc, desc, eq } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { earningRules, programmeSettings } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { getSettings } from "../points/ledger.server";
import type { EarningRuleInput } from "./forms";

/** Every earning rule, newest window first, for the points rules page. */
export async function listEarningRules(db: Queryable) {
  return db.select().from(earningRules).orderBy(desc(earningRules.startsOn), asc(earningRules.name));
}

/** Adds an earning rule; it applies to invoices dated inside its window, with its audit row. */
export async function createEarningRule(db: Db, actor: Actor, input: EarningRuleInput) {
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .insert(earningRules)
      .values({
        name: input.name,
        kind: input.kind,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        category: input.category,
        basis: input.basis,
        measure: input.measure,
        mode: input.mode,
        steps: input.steps,
        setUnits: input.setUnits,
        bonus: input.bonus,
        tiers: input.tiers,
        regions: input.regions,
        roles: input.roles,
        createdBy: actor.id,
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "points_rule.earning_rule_created",
      entityType: "earning_rule",
      entityId: rule.id,
      details: { ...input },
    });
    return rule;
  });
}

/** Ends an earning rule: it no longer applies to claims priced or approved from now on (approved claims keep their points). */
export async function deactivateEarningRule(db: Db, actor: Actor, id: string) {
  if (!isId(id)) throw new UserError("common.not_found", undefined, undefined, 404);
  return db.transaction(async (tx) => {
    const [rule] = await tx.update(earningRules).set({ active: false }).where(eq(earningRules.id, id)).returning();
    if (!rule) throw new UserError("common.not_found", undefined, undefined, 404);
    await recordAudit(tx, {
      actor,
      action: "points_rule.earning_rule_ended",
      entityType: "earning_rule",
      entityId: id,
      details: { name: rule.name },
    });
  });
}

/** Sets the first-claim bonus (0 = none), audited with the value before. */
export async function setFirstClaimBonus(db: Db, actor: Actor, points: number) {
  return db.transaction(async (tx) => {
    const before = await getSettings(tx);
    await tx.update(programmeSettings).set({ firstClaimBonus: points, updatedAt: new Date() }).where(eq(programmeSettings.id, 1));
    await recordAudit(tx, {
      actor,
      action: "points_rule.first_claim_bonus_set",
      entityType: "programme_settings",
      entityId: "1",
      details: { before: before.firstClaimBonus, after: points },
    });
  });
}
