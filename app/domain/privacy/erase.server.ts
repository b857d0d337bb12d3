import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import {
  auditLog,
  authThrottle,
  cartItems,
  emailOutbox,
  signInCodes,
  smsTopics,
  communicationSettings,
  digestItems,
  emailPreferences,
  emailTopicModes,
  knownDevices,
  tipViews,
  notifications,
  orders,
  organisations,
  sessions,
  shopProfiles,
  signInSources,
  userHobbies,
  userTokens,
  users,
  wishlistItems,
} from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { tenantScope } from "~/lib/scope.server";
import { accountKey, deviceKey } from "../auth/sign-in.server";

/**
 * Everything that lets a person sign in or remembers them signing in: sessions, open invitation
 * and reset links, their known devices, and the throttle's counters and records kept under their
 * email, their id or their devices (decision 021).
 */
async function forgetSignIn(tx: Queryable, userId: string, email: string) {
  const devices = await tx.delete(knownDevices).where(eq(knownDevices.userId, userId)).returning({ tokenHash: knownDevices.tokenHash });
  const keys = [accountKey(email), `reset:account:${userId}`, `invite:account:${userId}`, ...devices.map((d) => deviceKey(d.tokenHash))];
  await tx.delete(authThrottle).where(inArray(authThrottle.key, keys));
  await tx.delete(signInSources).where(eq(signInSources.email, email));
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(userTokens).where(eq(userTokens.userId, userId));
  await tx.delete(signInCodes).where(eq(signInCodes.userId, userId));
  await tx.delete(smsTopics).where(eq(smsTopics.userId, userId));
}

/** What an erased person is called from then on: the same in every language, and no one's name. */
export const ERASED_NAME = "[erased]";
const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/** The person an admin is about to erase, for the confirmation page; null reads as "not found". */
export async function personToErase(db: Queryable, actor: Actor, userId: string) {
  if (!isId(userId)) return null;
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      erasedAt: users.erasedAt,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, userId), tenantScope(actor, users.organisationId)))
    .limit(1);
  return row ?? null;
}

/**
 * Erases a person on request by anonymising them (decision 008). What stays, unchanged: their
 * user id and every row that points at it — ledger entries (append-only, so balances, team
 * totals and liability stand), contest entries/scores/results, claims with their lines and
 * evidence (business records the manufacturer must keep), orders and training records — and the
 * audit log, which gains an entry saying who erased whom and why. What goes: name and email
 * (placeholders), password, sessions, sign-in attempts, open links (tokens), email preferences,
 * the inbox, shop profile/hobbies/wish list/cart, mail addressed to them, delivery addresses on
 * past orders, and their email in audit details. All in one transaction.
 */
export async function erasePerson(db: Db, actor: Actor, userId: string, reason: string) {
  const person = await personToErase(db, actor, userId);
  if (!person) throw new UserError("common.not_found", undefined, undefined, 404);
  if (person.id === actor.id) throw new UserError("people.not_yourself");
  if (person.erasedAt) throw new UserError("privacy.erase.already", undefined, undefined, 409);
  return db.transaction(async (tx) => {
    // Locked, so two admins erasing at once (or an accept of a pending invitation) cannot interleave.
    const [locked] = await tx
      .select({ email: users.email, erasedAt: users.erasedAt })
      .from(users)
      .where(eq(users.id, person.id))
      .for("update");
    if (!locked || locked.erasedAt) throw new UserError("privacy.erase.already", undefined, undefined, 409);
    // A parcel on its way still needs its address: fulfil or cancel it first.
    const open = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.userId, person.id), eq(orders.kind, "physical"), inArray(orders.status, ["placed", "approved", "shipped"])))
      .limit(1);
    if (open.length) throw new UserError("privacy.erase.open_orders", undefined, undefined, 409);

    const oldEmail = (locked.email ?? "").toLowerCase();
    const now = new Date();
    await tx
      .update(users)
      .set({
        name: ERASED_NAME,
        email: erasedEmail(person.id),
        phone: null,
        passwordHash: null,
        status: "deactivated",
        deactivatedAt: now,
        erasedAt: now,
        locale: null,
      })
      .where(eq(users.id, person.id));
    await forgetSignIn(tx, person.id, oldEmail);
    await tx.delete(emailPreferences).where(eq(emailPreferences.userId, person.id));
    // Communication: their time zone, email modes, waiting digest items and seen tips (announcement deliveries stay as counts).
    for (const table of [communicationSettings, emailTopicModes, digestItems, tipViews])
      await tx.delete(table).where(eq(table.userId, person.id));
    await tx.delete(notifications).where(eq(notifications.userId, person.id));
    await tx.delete(emailOutbox).where(sql`${emailOutbox.userId} = ${person.id} or lower(${emailOutbox.to}) = ${oldEmail}`);
    await tx.delete(cartItems).where(eq(cartItems.userId, person.id));
    await tx.delete(wishlistItems).where(eq(wishlistItems.userId, person.id));
    await tx.delete(userHobbies).where(eq(userHobbies.userId, person.id));
    await tx.delete(shopProfiles).where(eq(shopProfiles.userId, person.id));
    // Past orders stay (points were spent on them); where they went does not.
    await tx
      .update(orders)
      .set({
        recipientName: sql`case when ${orders.recipientName} is null then null else ${ERASED_NAME} end`,
        phone: null,
        addressLine: sql`case when ${orders.addressLine} is null then null else '' end`,
        city: sql`case when ${orders.city} is null then null else '' end`,
        postalCode: null,
      })
      .where(eq(orders.userId, person.id));
    await tx.update(organisations).set({ channelManagerId: null }).where(eq(organisations.channelManagerId, person.id));
    // The trail stays; the address it recorded (e.g. on the invitation) is replaced.
    await tx
      .update(auditLog)
      .set({ details: sql`${auditLog.details} || jsonb_build_object('email', ${ERASED_NAME}::text)` })
      .where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, person.id), sql`${auditLog.details} ? 'email'`));
    await recordAudit(tx, {
      actor,
      action: "user.erased",
      entityType: "user",
      entityId: person.id,
      organisationId: person.organisationId,
      reason,
      details: { role: person.role },
    });
    return { id: person.id, organisationId: person.organisationId };
  });
}
