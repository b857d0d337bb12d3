import { and, asc, desc, eq, ilike, ne, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import { enrolmentRequests, organisations, outlets, partnerParticipation, referrals, users } from "@db/schema";
import type { Locale, PartnerRole } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { INVITE_DAYS, config } from "~/lib/config.server";
import { DAY_MS } from "~/lib/dates";
import { UserError, constraintName, notFoundError, sqlState } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { createTranslator } from "~/i18n/translate";
import { hitWindow, minutesUntil } from "../auth/throttle.server";
import { issueUserToken } from "../auth/user-tokens.server";
import { queueEmail } from "../mail/outbox.server";
import { notify } from "../notifications/notify.server";
import { queueSms } from "../sms/outbox.server";
import { FIND_LIMIT, FIND_MIN } from "./rules";

/** Requests from one network address an hour (a shop behind one NAT joins together), and per email or phone a day. */
export const REQUEST_LIMITS = { perAddress: 20, addressWindowSeconds: 60 * 60, perContact: 3, contactWindowSeconds: 24 * 60 * 60 } as const;

/** Active partners only, never the manufacturer. */
const joinable = and(eq(organisations.active, true), ne(organisations.kind, "manufacturer"));

/**
 * Companies whose name contains the text, a few at most and only for 3 letters or more, so the
 * page can help someone find their own company without listing the programme's partners.
 */
export async function findCompanies(db: Queryable, text: string) {
  if (text.length < FIND_MIN) return [];
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ id: organisations.id, name: organisations.name, region: organisations.region })
    .from(organisations)
    .where(and(joinable, ilike(organisations.name, pattern)))
    .orderBy(asc(organisations.name))
    .limit(FIND_LIMIT);
}

/** The partner a join code belongs to, or null. */
export async function companyByCode(db: Queryable, code: string) {
  const [row] = await db
    .select({ id: organisations.id })
    .from(partnerParticipation)
    .innerJoin(organisations, eq(organisations.id, partnerParticipation.organisationId))
    .where(and(eq(partnerParticipation.joinCode, code), joinable));
  return row?.id ?? null;
}

/** The partner a person asks to join and its outlets (name and city only), or null. */
export async function companyToJoin(db: Queryable, organisationId: string) {
  if (!isId(organisationId)) return null;
  const [org] = await db
    .select({ id: organisations.id, name: organisations.name, region: organisations.region })
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), joinable));
  if (!org) return null;
  const places = await db
    .select({ id: outlets.id, name: outlets.name, city: outlets.city })
    .from(outlets)
    .where(eq(outlets.organisationId, org.id))
    .orderBy(asc(outlets.name));
  return { ...org, outlets: places };
}

export type JoinInput = { name: string; email?: string | null; phone?: string | null; role: PartnerRole; outletId: string | null };

/**
 * A person asks to join a partner. Counted per network address and per email or phone before
 * anything is written; one pending request per email and per phone is the database's rule (a
 * second one is a clear message, not a duplicate). The partner's executives get a notice.
 */
export async function requestToJoin(db: Db, organisationId: string, input: JoinInput, ctx: { ip: string; locale: Locale }) {
  const company = await companyToJoin(db, organisationId);
  if (!company) throw notFoundError();
  const email = input.email?.trim().toLowerCase() || null;
  const phone = input.phone || null;
  if (!email && !phone) throw new UserError("sms.errors.contact_required", "email");
  if (input.outletId && !company.outlets.some((o) => o.id === input.outletId)) throw new UserError("errors.choose", "outletId");
  for (const [key, limit, seconds] of [
    [`enrol:address:${ctx.ip}`, REQUEST_LIMITS.perAddress, REQUEST_LIMITS.addressWindowSeconds],
    [`enrol:contact:${email ?? phone}`, REQUEST_LIMITS.perContact, REQUEST_LIMITS.contactWindowSeconds],
  ] as const) {
    const hit = await hitWindow(db, key, limit, seconds);
    if (!hit.allowed) throw new UserError("enrol.errors.limited", undefined, { count: minutesUntil(hit.retryAt!) }, 429);
  }
  try {
    return await db.transaction(async (tx) => {
      const [request] = await tx
        .insert(enrolmentRequests)
        .values({
          organisationId: company.id,
          outletId: input.outletId,
          name: input.name.trim(),
          email,
          phone,
          role: input.role,
          locale: ctx.locale,
        })
        .returning();
      await recordAudit(tx, {
        actor: null,
        action: "enrolment.requested",
        entityType: "enrolment_request",
        entityId: request.id,
        organisationId: company.id,
        details: { role: input.role, outletId: input.outletId, by: email ? "email" : "phone" },
      });
      const executives = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.organisationId, company.id), eq(users.role, "executive"), eq(users.status, "active")));
      for (const executive of executives)
        await notify(tx, {
          userId: executive.id,
          topic: "announcements",
          titleKey: "enrol.notice.requested",
          vars: { name: request.name },
          link: "/team/requests",
        });
      return { request, company };
    });
  } catch (error) {
    const name = sqlState(error) === "23505" ? constraintName(error) : undefined;
    if (name === "enrolment_requests_pending_email_unique") throw new UserError("enrol.errors.pending", "email");
    if (name === "enrolment_requests_pending_phone_unique") throw new UserError("enrol.errors.pending", "phone");
    throw error;
  }
}

/** The partner's requests: every pending one, then the last decided ones. */
export async function listRequests(db: Queryable, actor: Actor) {
  const rows = await db
    .select({
      id: enrolmentRequests.id,
      name: enrolmentRequests.name,
      email: enrolmentRequests.email,
      phone: enrolmentRequests.phone,
      role: enrolmentRequests.role,
      status: enrolmentRequests.status,
      outlet: outlets.name,
      createdAt: enrolmentRequests.createdAt,
      decidedAt: enrolmentRequests.decidedAt,
      note: enrolmentRequests.note,
    })
    .from(enrolmentRequests)
    .leftJoin(outlets, eq(outlets.id, enrolmentRequests.outletId))
    .where(eq(enrolmentRequests.organisationId, actor.organisationId))
    .orderBy(
      sql`${enrolmentRequests.status} <> 'pending'`,
      desc(sql`coalesce(${enrolmentRequests.decidedAt}, ${enrolmentRequests.createdAt})`),
    )
    .limit(60);
  return { pending: rows.filter((r) => r.status === "pending"), decided: rows.filter((r) => r.status !== "pending").slice(0, 20) };
}

/**
 * Moves one of the actor's partner's requests out of "pending" in one guarded UPDATE: of two
 * executives deciding at once, the second gets a clear 409 and nothing after it runs.
 */
async function decide(tx: Tx, actor: Actor, requestId: string, status: "approved" | "declined", note: string | null) {
  if (!isId(requestId)) throw notFoundError();
  const [row] = await tx
    .update(enrolmentRequests)
    .set({ status, decidedBy: actor.id, decidedAt: new Date(), note })
    .where(
      and(
        eq(enrolmentRequests.id, requestId),
        eq(enrolmentRequests.organisationId, actor.organisationId),
        eq(enrolmentRequests.status, "pending"),
      ),
    )
    .returning();
  if (row) return row;
  const [now] = await tx
    .select({ status: enrolmentRequests.status })
    .from(enrolmentRequests)
    .where(and(eq(enrolmentRequests.id, requestId), eq(enrolmentRequests.organisationId, actor.organisationId)));
  if (!now) throw notFoundError();
  throw new UserError("enrol.errors.decided", undefined, undefined, 409);
}

/**
 * Approves a request: the person is created (invited) in the executive's organisation with the
 * role asked for, any referral naming their email or phone is linked to them, and they are told
 * by email (a link to set a password, as an invitation) or by text message (a link to sign in
 * with a code), in their language, all in one transaction with the audit row.
 */
export async function approveRequest(db: Db, actor: Actor, requestId: string) {
  try {
    return await db.transaction(async (tx) => {
      const request = await decide(tx, actor, requestId, "approved", null);
      const [user] = await tx
        .insert(users)
        .values({
          organisationId: request.organisationId,
          email: request.email,
          phone: request.phone,
          name: request.name,
          role: request.role,
          status: "invited",
          locale: request.locale,
        })
        .returning();
      await tx.update(enrolmentRequests).set({ userId: user.id }).where(eq(enrolmentRequests.id, request.id));
      const [referral] = await tx
        .update(referrals)
        .set({ inviteeId: user.id, joinedAt: new Date() })
        .where(
          sql`${referrals.id} = (select r.id from referrals r where r.invitee_id is null and r.referrer_id <> ${user.id}
            and (${request.email ? sql`lower(r.email) = ${request.email}` : sql`false`} or ${request.phone ? sql`r.phone = ${request.phone}` : sql`false`})
            order by r.created_at limit 1)`,
        )
        .returning({ id: referrals.id, referrerId: referrals.referrerId });
      await tell(tx, request, actor.organisationName, "approved", user.id);
      await recordAudit(tx, {
        actor,
        action: "enrolment.approved",
        entityType: "enrolment_request",
        entityId: request.id,
        organisationId: request.organisationId,
        details: { userId: user.id, role: request.role, outletId: request.outletId, referralId: referral?.id ?? null },
      });
      if (referral)
        await notify(tx, {
          userId: referral.referrerId,
          topic: "points_credited",
          titleKey: "enrol.notice.referral_joined",
          vars: { name: request.name },
          link: "/referrals",
        });
      return { request, user };
    });
  } catch (error) {
    const name = sqlState(error) === "23505" ? constraintName(error) : undefined;
    if (name === "users_email_unique" || name === "users_phone_unique")
      throw new UserError("enrol.errors.already_member", undefined, undefined, 409);
    throw error;
  }
}

/** Declines a request with an optional note the person reads; they are told either way. */
export async function declineRequest(db: Db, actor: Actor, requestId: string, note: string) {
  return db.transaction(async (tx) => {
    const request = await decide(tx, actor, requestId, "declined", note || null);
    await tell(tx, request, actor.organisationName, "declined", null);
    await recordAudit(tx, {
      actor,
      action: "enrolment.declined",
      entityType: "enrolment_request",
      entityId: request.id,
      organisationId: request.organisationId,
      reason: note || null,
    });
    return request;
  });
}

/** The decision by email when the person gave one, else by text message; sent only if the decision commits. */
async function tell(
  tx: Queryable,
  request: typeof enrolmentRequests.$inferSelect,
  organisationName: string,
  decision: "approved" | "declined",
  userId: string | null,
) {
  if (request.email) {
    const url =
      decision === "approved" && userId
        ? `${config.publicUrl}/invite/${await issueUserToken(tx, userId, "invite", INVITE_DAYS * DAY_MS)}`
        : `${config.publicUrl}/enrol`;
    await queueEmail(tx, {
      to: request.email,
      template: "enrolment_decided",
      locale: request.locale,
      props: { name: request.name, organisationName, decision, note: request.note ?? "", url, days: INVITE_DAYS },
      ...(userId ? { userId } : {}),
    });
    return;
  }
  if (!request.phone) return;
  const t = createTranslator(request.locale);
  await queueSms(tx, {
    to: request.phone,
    template: "notice",
    locale: request.locale,
    props: {
      title: t(decision === "approved" ? "enrol.text.approved" : "enrol.text.declined", { organisation: organisationName }),
      url:
        decision === "approved" ? `${config.publicUrl}/login/code?phone=${encodeURIComponent(request.phone)}` : `${config.publicUrl}/enrol`,
    },
    ...(userId ? { userId } : {}),
  });
}
