import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { organisations, rewardSuggestions, users } from "@db/schema";
import type { z } from "zod";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError, notFoundError } from "~/lib/errors";
import { notify } from "../notifications/notify.server";
import type { suggestionSchema } from "./forms";

export type SuggestionInput = z.infer<typeof suggestionSchema>;

/** At most this many open suggestions per person, so the channel team's list stays readable. */
const MAX_OPEN_PER_PERSON = 10;

/**
 * A participant suggests a reward not in the catalogue; every active channel manager and admin
 * hears of it in their inbox (and by text message where they chose so), in the same transaction.
 */
export async function suggestReward(db: Db, actor: Actor, input: SuggestionInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [{ open }] = await tx
      .select({ open: sql<number>`count(*)::int` })
      .from(rewardSuggestions)
      .where(and(eq(rewardSuggestions.userId, actor.id), eq(rewardSuggestions.status, "new")));
    if (open >= MAX_OPEN_PER_PERSON)
      throw new UserError("surveys.errors.too_many_suggestions", undefined, { max: MAX_OPEN_PER_PERSON }, 429);
    const [row] = await tx
      .insert(rewardSuggestions)
      .values({ userId: actor.id, organisationId: actor.organisationId, name: input.name, link: input.link || null, reason: input.reason })
      .returning({ id: rewardSuggestions.id });
    await recordAudit(tx, {
      actor,
      action: "reward.suggest",
      entityType: "reward_suggestion",
      entityId: row.id,
      organisationId: actor.organisationId,
      details: { name: input.name },
    });
    const team = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(sql`${users.role} in ('channel_manager', 'admin') and ${users.status} = 'active' and ${organisations.kind} = 'manufacturer'`);
    for (const person of team)
      await notify(tx, {
        userId: person.id,
        topic: "surveys",
        titleKey: "surveys.suggestion.notice",
        vars: { name: input.name, partner: actor.organisationName },
        link: "/rewards/suggestions",
      });
    return row.id;
  });
}

export async function mySuggestions(db: Queryable, actor: Actor) {
  return db
    .select({
      id: rewardSuggestions.id,
      name: rewardSuggestions.name,
      status: rewardSuggestions.status,
      createdAt: rewardSuggestions.createdAt,
    })
    .from(rewardSuggestions)
    .where(eq(rewardSuggestions.userId, actor.id))
    .orderBy(desc(rewardSuggestions.createdAt))
    .limit(50);
}

/** The channel team's list: new ones first, then the decided ones, newest first. */
export async function listSuggestions(db: Queryable) {
  return db
    .select({
      id: rewardSuggestions.id,
      name: rewardSuggestions.name,
      link: rewardSuggestions.link,
      reason: rewardSuggestions.reason,
      status: rewardSuggestions.status,
      createdAt: rewardSuggestions.createdAt,
      person: users.name,
      partner: organisations.name,
    })
    .from(rewardSuggestions)
    .innerJoin(users, eq(users.id, rewardSuggestions.userId))
    .innerJoin(organisations, eq(organisations.id, rewardSuggestions.organisationId))
    .orderBy(sql`${rewardSuggestions.status} = 'new' desc`, desc(rewardSuggestions.createdAt))
    .limit(300);
}

/**
 * Marks a suggestion added to the catalogue or declined: one guarded UPDATE from "new" (the second
 * of two deciders gets 409), audited, and the person who suggested it is told.
 */
export async function decideSuggestion(db: Db, actor: Actor, id: string, status: "added" | "declined"): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(rewardSuggestions)
      .set({ status, decidedBy: actor.id, decidedAt: new Date() })
      .where(and(eq(rewardSuggestions.id, id), eq(rewardSuggestions.status, "new")))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ id: rewardSuggestions.id }).from(rewardSuggestions).where(eq(rewardSuggestions.id, id));
      if (!exists) throw notFoundError();
      throw new UserError("surveys.errors.already_decided", undefined, undefined, 409);
    }
    await recordAudit(tx, {
      actor,
      action: `reward.suggestion.${status}`,
      entityType: "reward_suggestion",
      entityId: id,
      organisationId: row.organisationId,
      details: { name: row.name },
    });
    await notify(tx, {
      userId: row.userId,
      topic: "surveys",
      titleKey: `surveys.suggestion.${status}`,
      vars: { name: row.name },
      link: "/rewards/suggest",
    });
  });
}
