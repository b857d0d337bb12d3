import { desc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { enrolmentSettings, partnerParticipation, programmeTerms, users } from "@db/schema";
import { PARTNER_ROLES, type PartnerRole, type Role } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError, constraintName, sqlState } from "~/lib/errors";
import { randomInt } from "node:crypto";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "./rules";

/**
 * Participation terms and join codes (issue 19). The choice made here: a partner whose executive
 * has not accepted the terms, or a role the executive did not opt in, can draft claims but cannot
 * send them (submitClaim refuses with a message saying why), so nothing waits in the channel
 * team's queue that could never be credited. Accepting any version lets people earn; a newer
 * version is offered to the executive to accept again.
 */

function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

export async function currentTerms(db: Queryable) {
  const [row] = await db.select().from(programmeTerms).orderBy(desc(programmeTerms.version)).limit(1);
  return row ?? null;
}

/** The partner's participation row, made with a fresh join code the first time it is needed. */
export async function participationOf(db: Queryable, organisationId: string) {
  const [found] = await db.select().from(partnerParticipation).where(eq(partnerParticipation.organisationId, organisationId));
  if (found) return found;
  // A code already taken by another partner (1 in 800 billion) is drawn again.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const [made] = await db
        .insert(partnerParticipation)
        .values({ organisationId, joinCode: newJoinCode() })
        .onConflictDoNothing({ target: partnerParticipation.organisationId })
        .returning();
      if (made) return made;
      const [raced] = await db.select().from(partnerParticipation).where(eq(partnerParticipation.organisationId, organisationId));
      if (raced) return raced;
    } catch (error) {
      if (!(sqlState(error) === "23505" && constraintName(error) === "partner_participation_join_code_unique")) throw error;
    }
  }
  throw new Error("could not draw a free join code");
}

/** What the executive's terms page shows: the current text, what was accepted, by whom, and the code. */
export async function termsPage(db: Queryable, actor: Actor) {
  const participation = await participationOf(db, actor.organisationId);
  const terms = await currentTerms(db);
  const [acceptedBy] = participation.acceptedBy
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, participation.acceptedBy))
    : [];
  return { terms, participation, acceptedByName: acceptedBy?.name ?? null };
}

/**
 * The executive accepts a version of the terms for their organisation and chooses the roles that
 * take part. The row is locked, the change audited with what it was before.
 */
export async function acceptTerms(db: Db, actor: Actor, input: { version: number; roles: PartnerRole[] }) {
  const terms = await currentTerms(db);
  // Only the version on the page can be accepted: an old tab cannot accept a text no longer current.
  if (!terms || terms.version !== input.version) throw new UserError("enrol.errors.terms_changed", undefined, undefined, 409);
  const roles = PARTNER_ROLES.filter((r) => input.roles.includes(r));
  await participationOf(db, actor.organisationId);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(partnerParticipation)
      .where(eq(partnerParticipation.organisationId, actor.organisationId))
      .for("update");
    await tx
      .update(partnerParticipation)
      .set({ termsVersion: terms.version, acceptedBy: actor.id, acceptedAt: new Date(), roles, updatedAt: new Date() })
      .where(eq(partnerParticipation.organisationId, actor.organisationId));
    await recordAudit(tx, {
      actor,
      action: "participation.terms_accepted",
      entityType: "organisation",
      entityId: actor.organisationId,
      organisationId: actor.organisationId,
      details: { version: terms.version, roles, before: { version: before?.termsVersion ?? null, roles: before?.roles ?? [] } },
    });
  });
}

/** A new join code; the old one stops working at once (a leaked poster). Audited. */
export async function regenerateJoinCode(db: Db, actor: Actor) {
  await participationOf(db, actor.organisationId);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const code = newJoinCode();
        await tx
          .update(partnerParticipation)
          .set({ joinCode: code, updatedAt: new Date() })
          .where(eq(partnerParticipation.organisationId, actor.organisationId));
        await recordAudit(tx, {
          actor,
          action: "participation.join_code_regenerated",
          entityType: "organisation",
          entityId: actor.organisationId,
          organisationId: actor.organisationId,
        });
        return code;
      });
    } catch (error) {
      if (!(sqlState(error) === "23505" && constraintName(error) === "partner_participation_join_code_unique")) throw error;
    }
  }
  throw new Error("could not draw a free join code");
}

/** Whether a person of this role at this partner may earn now (terms accepted, role opted in). */
export async function participationState(
  db: Queryable,
  organisationId: string,
  role: Role,
): Promise<"ok" | "terms_not_accepted" | "role_not_taking_part"> {
  const [row] = await db
    .select({ accepted: partnerParticipation.acceptedAt, roles: partnerParticipation.roles })
    .from(partnerParticipation)
    .where(eq(partnerParticipation.organisationId, organisationId));
  if (!row?.accepted) return "terms_not_accepted";
  return row.roles.includes(role) ? "ok" : "role_not_taking_part";
}

/** Refuses to send a claim for a partner that has not accepted the terms or a role not opted in (409). */
export async function requireParticipation(db: Queryable, actor: Pick<Actor, "organisationId" | "role">) {
  const state = await participationState(db, actor.organisationId, actor.role);
  if (state !== "ok") throw new UserError(`enrol.errors.${state}`, undefined, undefined, 409);
}

/** Publishes a new version of the terms (admin); executives are asked to accept it. */
export async function publishTerms(db: Db, actor: Actor, input: { title: string; body: string }) {
  return db.transaction(async (tx) => {
    // One publisher at a time: the next version number is read under this lock.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('programme_terms', 0))`);
    const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${programmeTerms.version}), 0)::int + 1` }).from(programmeTerms);
    const [row] = await tx
      .insert(programmeTerms)
      .values({ version: next, title: input.title, body: input.body, createdBy: actor.id })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "participation.terms_published",
      entityType: "programme_terms",
      entityId: String(row.version),
      details: { version: row.version, title: row.title },
    });
    return row;
  });
}

export async function referralBonus(db: Queryable): Promise<number> {
  const [row] = await db.select({ points: enrolmentSettings.referralBonus }).from(enrolmentSettings).where(eq(enrolmentSettings.id, 1));
  return row?.points ?? 0;
}

export async function setReferralBonus(db: Db, actor: Actor, points: number) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(enrolmentSettings).where(eq(enrolmentSettings.id, 1)).for("update");
    await tx
      .insert(enrolmentSettings)
      .values({ id: 1, referralBonus: points })
      .onConflictDoUpdate({ target: enrolmentSettings.id, set: { referralBonus: points, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: "participation.referral_bonus_set",
      entityType: "enrolment_settings",
      entityId: "1",
      details: { before: before?.referralBonus ?? 0, after: points },
    });
  });
}

/**
 * A demo partner accepts the current terms with every role (seeds only: scripts/seed), so the
 * demo's people can claim at once; nothing when no terms are published yet.
 */
export async function acceptForDemo(db: Queryable, organisationId: string) {
  const terms = await currentTerms(db);
  if (!terms) return;
  await participationOf(db, organisationId);
  await db
    .update(partnerParticipation)
    .set({ termsVersion: terms.version, acceptedAt: new Date(), roles: [...PARTNER_ROLES] })
    .where(eq(partnerParticipation.organisationId, organisationId));
}
