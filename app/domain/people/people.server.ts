import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { organisations, userTokens, users } from "@db/schema";
import type { Locale, Role } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { INVITE_DAYS, config } from "~/lib/config.server";
import { UserError, constraintName, sqlState } from "~/lib/errors";
import { hashPassword } from "~/lib/password.server";
import { assignableRoles } from "~/lib/permissions";
import { tenantScope } from "~/lib/scope.server";
import { LIMITS, hitWindow, minutesUntil } from "../auth/throttle.server";
import { queueEmail } from "../mail/outbox.server";
import { queueSms } from "../sms/outbox.server";
import { createSession, invalidateUserSessions } from "../auth/sessions.server";
import { consumeUserToken, issueUserToken } from "../auth/user-tokens.server";
import { grantWelcomeBonus } from "../points/welcome.server";
import { isId } from "~/lib/ids";
import { DAY_MS } from "~/lib/dates";

/** The organisation, if the actor may reach it at all; otherwise "not found" (never "forbidden"). */
async function reachOrganisation(db: Queryable, actor: Actor, organisationId: string) {
  if (!isId(organisationId)) throw new UserError("common.not_found", undefined, undefined, 404);
  const [org] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), tenantScope(actor, organisations.id)))
    .limit(1);
  if (!org) throw new UserError("common.not_found", undefined, undefined, 404);
  return org;
}

/** A person the actor may manage: in an organisation they reach, and not themselves. */
async function reachPerson(db: Queryable, actor: Actor, userId: string) {
  if (!isId(userId)) throw new UserError("common.not_found", undefined, undefined, 404);
  const [row] = await db
    .select({ user: users, org: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, userId), tenantScope(actor, users.organisationId)))
    .limit(1);
  if (!row) throw new UserError("common.not_found", undefined, undefined, 404);
  if (row.user.id === actor.id) throw new UserError("people.not_yourself");
  if (assignableRoles(actor.role, row.org.kind === "manufacturer").length === 0)
    throw new UserError("common.forbidden", undefined, undefined, 403);
  return row;
}

export async function listPeople(db: Queryable, actor: Actor, organisationId: string) {
  await reachOrganisation(db, actor, organisationId);
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      role: users.role,
      outletId: users.outletId,
      status: users.status,
      createdAt: users.createdAt,
      deactivatedAt: users.deactivatedAt,
      erasedAt: users.erasedAt,
    })
    .from(users)
    .where(eq(users.organisationId, organisationId))
    .orderBy(sql`${users.status} = 'deactivated'`, asc(users.name));
}

/** An email address, a phone number (E.164, see app/domain/sms/phone.ts) or both. */
export type InviteInput = { organisationId: string; email?: string | null; phone?: string | null; name: string; role: Role };

/** Creates the invited person (status "invited") and emails them a link to set a password. */
export async function invitePerson(db: Db, actor: Actor, input: InviteInput, locale: Locale) {
  const org = await reachOrganisation(db, actor, input.organisationId);
  if (!assignableRoles(actor.role, org.kind === "manufacturer").includes(input.role))
    throw new UserError("people.role_not_allowed", "role");
  const email = input.email?.trim().toLowerCase() || null;
  const phone = input.phone || null;
  if (!email && !phone) throw new UserError("sms.errors.contact_required", "email");
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ organisationId: org.id, email, phone, name: input.name.trim(), role: input.role, status: "invited", locale })
        .returning();
      await sendInvitation(tx, actor, user, org.name, locale);
      await recordAudit(tx, {
        actor,
        action: "user.invited",
        entityType: "user",
        entityId: user.id,
        organisationId: org.id,
        details: { email, role: input.role, ...(phone ? { phone } : {}) },
      });
      return user;
    });
  } catch (error) {
    if (sqlState(error) === "23505" && constraintName(error) === "users_email_unique") throw new UserError("people.email_taken", "email");
    if (sqlState(error) === "23505" && constraintName(error) === "users_phone_unique")
      throw new UserError("sms.errors.phone_taken", "phone");
    throw error;
  }
}

async function sendInvitation(
  tx: Queryable,
  actor: Actor,
  user: { id: string; email: string | null; phone: string | null; name: string },
  organisationName: string,
  locale: Locale,
) {
  // Counted in the caller's transaction: a refused or failed invitation does not use up the allowance.
  const { perAccount, perInviter, windowSeconds } = LIMITS.inviteMail;
  for (const [key, limit] of [
    [`invite:account:${user.id}`, perAccount],
    [`invite:inviter:${actor.id}`, perInviter],
  ] as const) {
    const hit = await hitWindow(tx, key, limit, windowSeconds);
    if (!hit.allowed) throw new UserError("people.invite_limited", undefined, { count: minutesUntil(hit.retryAt!) }, 429);
  }
  // Only the newest invitation link works: a resend retires the ones sent before.
  await tx
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userTokens.userId, user.id), eq(userTokens.purpose, "invite"), isNull(userTokens.usedAt)));
  // Someone without an email is invited by text message: the link opens sign-in by code for
  // their number, and the first code they use makes them active (sign-in-code.server.ts).
  if (!user.email) {
    if (!user.phone) return;
    await queueSms(tx, {
      to: user.phone,
      template: "invitation",
      locale,
      props: { organisationName, url: `${config.publicUrl}/login/code?phone=${encodeURIComponent(user.phone)}` },
      userId: user.id,
    });
    return;
  }
  const token = await issueUserToken(tx, user.id, "invite", INVITE_DAYS * DAY_MS);
  await queueEmail(tx, {
    to: user.email,
    template: "invitation",
    locale,
    props: { name: user.name, organisationName, inviterName: actor.name, url: `${config.publicUrl}/invite/${token}`, days: INVITE_DAYS },
  });
}

/** Sends a fresh invitation link to someone who has not accepted yet. */
export async function resendInvitation(db: Db, actor: Actor, userId: string) {
  const { user, org } = await reachPerson(db, actor, userId);
  if (user.status !== "invited") throw new UserError("people.not_invited");
  await db.transaction(async (tx) => {
    await sendInvitation(tx, actor, user, org.name, user.locale ?? "en");
    await recordAudit(tx, { actor, action: "user.invitation_resent", entityType: "user", entityId: user.id, organisationId: org.id });
  });
}

/** Deactivated people cannot sign in; everything they did stays, attributed to them. */
export async function deactivatePerson(db: Db, actor: Actor, userId: string, reason: string | null) {
  const { user, org } = await reachPerson(db, actor, userId);
  if (user.status === "deactivated") return;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ status: "deactivated", deactivatedAt: new Date() }).where(eq(users.id, user.id));
    await invalidateUserSessions(tx, user.id);
    await recordAudit(tx, { actor, action: "user.deactivated", entityType: "user", entityId: user.id, organisationId: org.id, reason });
  });
}

export async function reactivatePerson(db: Db, actor: Actor, userId: string) {
  const { user, org } = await reachPerson(db, actor, userId);
  if (user.status !== "deactivated") return;
  // An erased person is a placeholder with no email to sign in with: invite them afresh instead.
  if (user.erasedAt) throw new UserError("privacy.erase.already", undefined, undefined, 409);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ status: user.passwordHash ? "active" : "invited", deactivatedAt: null })
      .where(eq(users.id, user.id));
    await recordAudit(tx, { actor, action: "user.reactivated", entityType: "user", entityId: user.id, organisationId: org.id });
  });
}

export async function changeRole(db: Db, actor: Actor, userId: string, role: Role) {
  const { user, org } = await reachPerson(db, actor, userId);
  if (!assignableRoles(actor.role, org.kind === "manufacturer").includes(role)) throw new UserError("people.role_not_allowed", "role");
  if (user.role === role) return;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ role }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      actor,
      action: "user.role_changed",
      entityType: "user",
      entityId: user.id,
      organisationId: org.id,
      details: { from: user.role, to: role },
    });
  });
}

/** The invitee sets a password through the emailed link and is signed in. */
export async function acceptInvitation(db: Db, token: string, input: { name: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  const accepted = await db.transaction(async (tx) => {
    const userId = await consumeUserToken(tx, token, "invite");
    if (!userId) throw new UserError("auth.link_invalid");
    const [user] = await tx
      .update(users)
      .set({ status: "active", passwordHash, name: input.name.trim(), activatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.status, "invited")))
      .returning();
    if (!user) throw new UserError("auth.link_invalid");
    await recordAudit(tx, {
      actor: { id: user.id },
      action: "user.invitation_accepted",
      entityType: "user",
      entityId: user.id,
      organisationId: user.organisationId,
    });
    const [org] = await tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, user.organisationId));
    return { user, organisationKind: org.kind, ...(await createSession(tx, user.id)) };
  });
  await grantWelcomeBonus(db, {
    id: accepted.user.id,
    organisationId: accepted.user.organisationId,
    organisationKind: accepted.organisationKind,
  });
  return accepted;
}

export async function setLocale(db: Queryable, actor: Actor, locale: Locale) {
  await db.update(users).set({ locale }).where(eq(users.id, actor.id));
}
