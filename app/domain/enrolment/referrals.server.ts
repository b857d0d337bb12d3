import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import { bonusAwards, ledgerEntries, referrals, users } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { UserError, constraintName, sqlState } from "~/lib/errors";
import { createTranslator } from "~/i18n/translate";
import { hitWindow, minutesUntil } from "../auth/throttle.server";
import { queueEmail } from "../mail/outbox.server";
import { notify } from "../notifications/notify.server";
import { creditPoints } from "../points/ledger.server";
import { isFirstClaim } from "../rules/earning.server";
import { queueSms } from "../sms/outbox.server";
import { referralBonus } from "./participation.server";

/** Referrals one participant may send a day. */
export const REFERRALS_PER_DAY = 20;

/** The bonus_awards key of a referral: one live award per referral, whoever races for it. */
export const referralKey = (referralId: string) => `referral:${referralId}`;

/**
 * A participant invites a colleague at another partner or a new dealer by email or phone. A
 * person already in the portal, or already referred by someone, is refused with a message; the
 * invitation links to the join page, where they find their company and ask to join.
 */
export async function referColleague(db: Db, actor: Actor, input: { name: string; email?: string | null; phone?: string | null }) {
  const email = input.email?.trim().toLowerCase() || null;
  const phone = input.phone || null;
  if (!email && !phone) throw new UserError("sms.errors.contact_required", "email");
  const [member] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`${email ? sql`lower(${users.email}) = ${email}` : sql`false`} or ${phone ? sql`${users.phone} = ${phone}` : sql`false`}`)
    .limit(1);
  if (member) throw new UserError("enrol.errors.referral_member", email ? "email" : "phone");
  const hit = await hitWindow(db, `referral:sender:${actor.id}`, REFERRALS_PER_DAY, 24 * 60 * 60);
  if (!hit.allowed) throw new UserError("enrol.errors.limited", undefined, { count: minutesUntil(hit.retryAt!) }, 429);
  const locale = actor.locale ?? "en";
  try {
    return await db.transaction(async (tx) => {
      const [referral] = await tx
        .insert(referrals)
        .values({ referrerId: actor.id, referrerOrganisationId: actor.organisationId, name: input.name.trim(), email, phone })
        .returning();
      const url = `${config.publicUrl}/enrol`;
      if (email)
        await queueEmail(tx, {
          to: email,
          template: "referral_invitation",
          locale,
          props: { name: referral.name, referrerName: actor.name, organisationName: actor.organisationName, url },
        });
      else if (phone)
        await queueSms(tx, {
          to: phone,
          template: "notice",
          locale,
          props: { title: createTranslator(locale)("enrol.text.referral", { referrer: actor.name }), url },
        });
      await recordAudit(tx, {
        actor,
        action: "referral.sent",
        entityType: "referral",
        entityId: referral.id,
        organisationId: actor.organisationId,
        details: { by: email ? "email" : "phone" },
      });
      return referral;
    });
  } catch (error) {
    const name = sqlState(error) === "23505" ? constraintName(error) : undefined;
    if (name === "referrals_email_unique") throw new UserError("enrol.errors.referred", "email");
    if (name === "referrals_phone_unique") throw new UserError("enrol.errors.referred", "phone");
    throw error;
  }
}

// Qualified by hand: drizzle writes a lone table's columns unqualified, which inside these
// subqueries would name bonus_awards' own id.
const referralKeySql = sql.raw(`'referral:' || "referrals"."id"::text`);

export type ReferralState = "invited" | "joined" | "earned" | "reversed";

/** The actor's referrals, newest first, each with its state and the points it earned. */
export async function listReferrals(db: Queryable, actor: Actor) {
  const rows = await db
    .select({
      id: referrals.id,
      name: referrals.name,
      email: referrals.email,
      phone: referrals.phone,
      createdAt: referrals.createdAt,
      joinedAt: referrals.joinedAt,
      inviteeId: referrals.inviteeId,
      earned: sql<number>`coalesce((select sum(e.amount) from ${bonusAwards} a join ${ledgerEntries} e on e.id = a.entry_id
        where a.key = ${referralKeySql} and a.reversed_at is null), 0)::int`,
      everEarned: sql<boolean>`exists (select 1 from ${bonusAwards} a where a.key = ${referralKeySql})`,
    })
    .from(referrals)
    .where(eq(referrals.referrerId, actor.id))
    .orderBy(desc(referrals.createdAt))
    .limit(100);
  return rows.map((r) => {
    const state: ReferralState = r.earned > 0 ? "earned" : r.everEarned ? "reversed" : r.inviteeId ? "joined" : "invited";
    return { ...r, state };
  });
}

/**
 * At a claim's approval: when the claimant was referred and this is their first approved claim,
 * the referrer earns the programme's referral bonus. The award row's key (one live award per
 * referral, a unique index) is claimed in the approving transaction, so simultaneous approvals of
 * the invitee's claims credit it once; reversing the claim reverses the award (takeBackClaim)
 * and frees the key for the invitee's next first claim.
 */
export async function creditReferralBonus(tx: Tx, actor: Actor, claim: { id: string; userId: string; number: number }) {
  const [referral] = await tx
    .select({
      id: referrals.id,
      referrerId: referrals.referrerId,
      name: users.name,
      organisationId: users.organisationId,
      status: users.status,
    })
    .from(referrals)
    .innerJoin(users, eq(users.id, referrals.referrerId))
    .where(eq(referrals.inviteeId, claim.userId));
  if (referral?.status !== "active") return null;
  const points = await referralBonus(tx);
  if (points <= 0 || !(await isFirstClaim(tx, claim.userId, claim.id))) return null;
  const [award] = await tx
    .insert(bonusAwards)
    .values({
      key: referralKey(referral.id),
      userId: referral.referrerId,
      organisationId: referral.organisationId,
      claimId: claim.id,
      points,
    })
    .onConflictDoNothing()
    .returning();
  if (!award) return null;
  const [invitee] = await tx.select({ name: users.name }).from(users).where(eq(users.id, claim.userId));
  const result = await creditPoints(tx, {
    userId: referral.referrerId,
    organisationId: referral.organisationId,
    kind: "earn",
    sourceType: "bonus",
    sourceId: award.id,
    amount: points,
    applyCap: true,
    descriptionKey: "enrol.ledger.referral",
    descriptionVars: { name: invitee?.name ?? "" },
    createdBy: actor.id,
  });
  await tx.update(bonusAwards).set({ entryId: result.entryId }).where(eq(bonusAwards.id, award.id));
  await notify(tx, {
    userId: referral.referrerId,
    topic: "points_credited",
    titleKey: "enrol.notice.referral_earned",
    vars: { name: invitee?.name ?? "", count: result.credited },
    link: "/referrals",
  });
  return { awardId: award.id, referrerId: referral.referrerId, credited: result.credited };
}

/** Live referral awards (tests and the referrer's page read the same rows). */
export async function liveReferralAwards(db: Queryable, referralId: string) {
  return db
    .select()
    .from(bonusAwards)
    .where(and(eq(bonusAwards.key, referralKey(referralId)), isNull(bonusAwards.reversedAt)));
}
