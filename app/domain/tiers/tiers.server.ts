import { and, asc, desc, eq, gt, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { type Db, type Queryable, type Tx, rowsOf } from "@db/client";
import {
  certificates,
  claimLines,
  claims,
  courses,
  organisations,
  products,
  tierHistory,
  tierReviews,
  tierSettings,
  trainingRequirements,
  tierStatus,
  tierThresholds,
  users,
} from "@db/schema";
import { TIERS, type Tier } from "@db/schema/enums";
import type { TierBasis, TierCadence } from "@db/schema/tiers";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { isoDay } from "~/lib/dates";
import { notFoundError, UserError } from "~/lib/errors";
import { listMultipliers } from "../claims/rules.server";
import { getSettings as getProgrammeSettings } from "../points/ledger.server";
import { notify } from "../notifications/notify.server";
import {
  computeTier,
  decideReview,
  nextTier,
  reviewPeriodKey,
  rulesClimb,
  type TierMetrics,
  type TierRule,
  tierRank,
  trailingWindow,
} from "./compute";

export type TierProgramme = {
  basis: TierBasis;
  cadence: TierCadence;
  graceDays: number;
  certificationCourseId: string | null;
  rules: TierRule[];
};

/** Used until the channel team saves its own: a programme without tier rules keeps everyone where they are. */
const DEFAULTS = { basis: "sales" as TierBasis, cadence: "monthly" as TierCadence, graceDays: 60, certificationCourseId: null };

export async function getTierProgramme(db: Queryable): Promise<TierProgramme> {
  const [[row], rules] = await Promise.all([
    db.select().from(tierSettings).where(eq(tierSettings.id, 1)),
    db.select().from(tierThresholds),
  ]);
  return {
    basis: row?.basis ?? DEFAULTS.basis,
    cadence: row?.cadence ?? DEFAULTS.cadence,
    graceDays: row?.graceDays ?? DEFAULTS.graceDays,
    certificationCourseId: row?.certificationCourseId ?? DEFAULTS.certificationCourseId,
    rules: rules
      .filter((r): r is typeof r & { tier: TierRule["tier"] } => r.tier !== "registered")
      .map((r) => ({ tier: r.tier, minVolume: r.minVolume, minCertified: r.minCertified }))
      .sort((a, b) => tierRank(a.tier) - tierRank(b.tier)),
  };
}

/** Saves the programme's tier rules (the channel team), audited; thresholds must climb tier by tier. */
export async function saveTierProgramme(db: Db, actor: Actor, input: TierProgramme) {
  if (!rulesClimb(input.rules)) throw new UserError("tiers.errors.climb", "silver_volume");
  if (input.certificationCourseId) {
    const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.id, input.certificationCourseId));
    if (!course) throw new UserError("errors.choose", "certificationCourseId");
  }
  await db.transaction(async (tx) => {
    const values = {
      basis: input.basis,
      cadence: input.cadence,
      graceDays: input.graceDays,
      certificationCourseId: input.certificationCourseId,
      updatedAt: new Date(),
    };
    await tx
      .insert(tierSettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: tierSettings.id, set: values });
    for (const r of input.rules) {
      await tx
        .insert(tierThresholds)
        .values(r)
        .onConflictDoUpdate({ target: tierThresholds.tier, set: { minVolume: r.minVolume, minCertified: r.minCertified } });
    }
    await recordAudit(tx, {
      actor,
      action: "tiers.settings_saved",
      entityType: "tier_settings",
      entityId: "1",
      details: { ...values, updatedAt: undefined, rules: input.rules },
    });
  });
}

/**
 * Every active partner's trailing-12-month volume and certified people, in two grouped queries
 * (not one query per partner): approved claims by invoice date in the window, valued at list
 * price x quantity or at their points; people of the partner, still active, holding a certificate
 * that has not expired (of the programme's certification course when one is named).
 */
export async function measurePartners(
  db: Queryable,
  programme: Pick<TierProgramme, "basis" | "certificationCourseId">,
  today: string,
  only?: string[],
): Promise<Map<string, TierMetrics>> {
  const { from, to } = trailingWindow(today);
  const orgFilter = only?.length ? inArray(organisations.id, only) : undefined;
  const partners = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(ne(organisations.kind, "manufacturer"), eq(organisations.active, true), orgFilter));
  const ids = partners.map((p) => p.id);
  const out = new Map<string, TierMetrics>(ids.map((id) => [id, { volume: 0, certified: 0 }]));
  if (!ids.length) return out;
  const inWindow = and(
    eq(claims.status, "approved"),
    gte(claims.invoiceDate, from),
    lte(claims.invoiceDate, to),
    inArray(claims.organisationId, ids),
  );
  const volumes =
    programme.basis === "points"
      ? await db
          .select({ id: claims.organisationId, v: sql<string>`coalesce(sum(${claims.points}), 0)` })
          .from(claims)
          .where(inWindow)
          .groupBy(claims.organisationId)
      : await db
          .select({
            id: claims.organisationId,
            v: sql<string>`coalesce(sum(${claimLines.quantity}::bigint * coalesce(${products.listPriceMinor}, 0)), 0)`,
          })
          .from(claims)
          .innerJoin(claimLines, eq(claimLines.claimId, claims.id))
          .innerJoin(products, eq(products.id, claimLines.productId))
          .where(inWindow)
          .groupBy(claims.organisationId);
  const certified = await db
    .select({ id: certificates.organisationId, n: sql<number>`count(distinct ${certificates.userId})::int` })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(
      and(
        inArray(certificates.organisationId, ids),
        eq(users.status, "active"),
        eq(users.organisationId, certificates.organisationId),
        gt(certificates.expiresAt, new Date(`${today}T00:00:00Z`)),
        programme.certificationCourseId ? eq(certificates.courseId, programme.certificationCourseId) : undefined,
      ),
    )
    .groupBy(certificates.organisationId);
  for (const v of volumes) {
    const m = out.get(v.id);
    if (m) m.volume = Number(v.v);
  }
  for (const c of certified) {
    const m = out.get(c.id);
    if (m) m.certified = c.n;
  }
  // A tier that requires courses (training gates) counts the people holding every one of them,
  // unexpired, instead of the programme's one certification: the requirement set on
  // /learn/requirements is the rule the review applies, not a second list beside it.
  const tiersWithCourses = rowsOf<{ tier: Tier }>(
    await db.execute(sql`select distinct subject_id as tier from ${trainingRequirements} where subject_type = 'tier'`),
  ).map((r) => r.tier);
  if (!tiersWithCourses.length) return out;
  for (const m of out.values()) m.certifiedFor = Object.fromEntries(tiersWithCourses.map((t) => [t, 0]));
  const perTier = rowsOf<{ id: string; tier: Tier; n: number }>(
    await db.execute(sql`
      select u.organisation_id as id, t.tier, count(*)::int as n
      from ${users} u
      cross join (select distinct subject_id as tier from ${trainingRequirements} where subject_type = 'tier') t
      where u.organisation_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
        and u.status = 'active'
        and not exists (
          select 1 from ${trainingRequirements} r
          where r.subject_type = 'tier' and r.subject_id = t.tier
            and not exists (
              select 1 from ${certificates} c
              where c.user_id = u.id and c.organisation_id = u.organisation_id and c.course_id = r.course_id
                and c.expires_at > ${`${today}T00:00:00Z`}::timestamptz))
      group by u.organisation_id, t.tier`),
  );
  for (const r of perTier) {
    const m = out.get(r.id);
    if (m?.certifiedFor) m.certifiedFor[r.tier] = r.n;
  }
  return out;
}

type Change = { organisationId: string; from: Tier; to: Tier };

/** Tells every active person of the partner, in the inbox and by email in their language. */
async function announce(tx: Tx, change: Change, multiplierPercent: number) {
  const people = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organisationId, change.organisationId), eq(users.status, "active")));
  const up = tierRank(change.to) > tierRank(change.from);
  for (const p of people) {
    await notify(tx, {
      userId: p.id,
      topic: "tier_changes",
      titleKey: `tiers.notice.now.${change.to}`,
      bodyKey: up ? "tiers.notice.up" : "tiers.notice.down",
      vars: { percent: multiplierPercent },
      link: "/tier",
      email: {
        template: "tier_changed",
        props: { name: p.name, from: change.from, to: change.to, multiplierPercent, url: `${config.publicUrl}/tier` },
      },
    });
  }
}

async function tierPercent(db: Queryable, tier: Tier): Promise<number> {
  const m = await listMultipliers(db);
  return m.tiers.find((x) => x.key === tier)?.percent ?? 100;
}

/** Locks the partner's row (every change of its tier queues here) and reads its standing. */
async function lockPartner(tx: Tx, organisationId: string) {
  const [org] = await tx
    .select({ id: organisations.id, tier: organisations.tier, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), ne(organisations.kind, "manufacturer")))
    .for("update");
  if (!org) return null;
  await tx.insert(tierStatus).values({ organisationId }).onConflictDoNothing();
  const [status] = await tx.select().from(tierStatus).where(eq(tierStatus.organisationId, organisationId));
  return { org, status };
}

/**
 * One review over every active partner, under `key`. Each partner is its own transaction: its row
 * is locked, the rule decides from its standing as it is now, and a change is written as the
 * tier_history row (organisation, review key) first: the unique index lets one change per partner
 * per review through, so two processes running the same review at once change each partner once.
 */
export async function runTierReview(
  db: Db,
  opts: { key: string; actor?: Actor | null; now?: Date },
): Promise<{ key: string; reviewed: number; changed: number; atRisk: number }> {
  const now = opts.now ?? new Date();
  const today = isoDay(now);
  const programme = await getTierProgramme(db);
  await db
    .insert(tierReviews)
    .values({ key: opts.key, runBy: opts.actor?.id ?? null })
    .onConflictDoNothing();
  const metrics = await measurePartners(db, programme, today);
  const multipliers = await listMultipliers(db);
  const percentOf = (t: Tier) => multipliers.tiers.find((x) => x.key === t)?.percent ?? 100;
  let changed = 0;
  let atRisk = 0;
  for (const [organisationId, m] of metrics) {
    const outcome = await db.transaction(async (tx) => {
      const locked = await lockPartner(tx, organisationId);
      if (!locked) return "gone" as const;
      const { org, status } = locked;
      const computed = computeTier(m, programme.rules);
      const decision = decideReview({
        current: org.tier,
        computed,
        pinned: status.pinnedTier,
        atRiskUntil: status.atRiskUntil,
        today,
        graceDays: programme.graceDays,
      });
      const measured = { lastVolume: m.volume, lastCertified: m.certified, lastReviewKey: opts.key, lastReviewedAt: now };
      if (decision.kind === "change") {
        const [row] = await tx
          .insert(tierHistory)
          .values({
            organisationId,
            fromTier: org.tier,
            toTier: decision.to,
            reason: "review",
            reviewKey: opts.key,
            actorId: opts.actor?.id ?? null,
            volume: m.volume,
            certified: m.certified,
          })
          .onConflictDoNothing()
          .returning({ id: tierHistory.id });
        // This review already changed the partner (another run got there first): nothing more.
        if (!row) return "keep" as const;
        await tx.update(organisations).set({ tier: decision.to }).where(eq(organisations.id, organisationId));
        await tx
          .update(tierStatus)
          .set({ ...measured, atRiskUntil: null })
          .where(eq(tierStatus.organisationId, organisationId));
        await recordAudit(tx, {
          actor: opts.actor ?? null,
          action: "tiers.reviewed",
          entityType: "organisation",
          entityId: organisationId,
          organisationId,
          details: { from: org.tier, to: decision.to, review: opts.key, volume: m.volume, certified: m.certified },
        });
        await announce(tx, { organisationId, from: org.tier, to: decision.to }, percentOf(decision.to));
        return "changed" as const;
      }
      await tx
        .update(tierStatus)
        .set({ ...measured, atRiskUntil: decision.kind === "at_risk" ? decision.until : null })
        .where(eq(tierStatus.organisationId, organisationId));
      return decision.kind === "at_risk" ? ("at_risk" as const) : ("keep" as const);
    });
    if (outcome === "changed") changed++;
    if (outcome === "at_risk") atRisk++;
  }
  await db
    .update(tierReviews)
    .set({ finishedAt: new Date(), changed: sql`${tierReviews.changed} + ${changed}` })
    .where(eq(tierReviews.key, opts.key));
  if (opts.actor) {
    await recordAudit(db, {
      actor: opts.actor,
      action: "tiers.review_run",
      entityType: "tier_review",
      entityId: opts.key,
      details: { changed, atRisk },
    });
  }
  return { key: opts.key, reviewed: metrics.size, changed, atRisk };
}

/**
 * The scheduled review, from the jobs: once per period of the programme's cadence. A period's
 * review that has not finished (never started, or a process died in it) runs again; what it
 * already changed stays changed once, by the review key.
 */
export async function runScheduledTierReview(db: Db, now = new Date()) {
  const programme = await getTierProgramme(db);
  if (!programme.rules.length) return null;
  const key = reviewPeriodKey(isoDay(now), programme.cadence);
  const [done] = await db
    .select({ key: tierReviews.key })
    .from(tierReviews)
    .where(and(eq(tierReviews.key, key), sql`${tierReviews.finishedAt} is not null`));
  if (done) return null;
  return runTierReview(db, { key, now });
}

/** "Run review now": its own review key, so it may change a partner the period's review already changed. */
export async function runReviewNow(db: Db, actor: Actor, now = new Date()) {
  return runTierReview(db, { key: `manual:${now.toISOString()}`, actor, now });
}

/** Pins a partner's tier (reviews leave it there) with a reason; the tier changes at once. Audited. */
export async function pinTier(db: Db, actor: Actor, organisationId: string, tier: Tier, reason: string) {
  await db.transaction(async (tx) => {
    const locked = await lockPartner(tx, organisationId);
    if (!locked) throw notFoundError();
    const { org } = locked;
    await tx
      .update(tierStatus)
      .set({ pinnedTier: tier, pinReason: reason, pinnedBy: actor.id, pinnedAt: new Date(), atRiskUntil: null })
      .where(eq(tierStatus.organisationId, organisationId));
    await tx
      .insert(tierHistory)
      .values({ organisationId, fromTier: org.tier, toTier: tier, reason: "pin", actorId: actor.id, note: reason });
    await recordAudit(tx, {
      actor,
      action: "tiers.pinned",
      entityType: "organisation",
      entityId: organisationId,
      organisationId,
      reason,
      details: { from: org.tier, to: tier },
    });
    if (org.tier !== tier) {
      await tx.update(organisations).set({ tier }).where(eq(organisations.id, organisationId));
      await announce(tx, { organisationId, from: org.tier, to: tier }, await tierPercent(tx, tier));
    }
  });
}

/**
 * A tier chosen by hand on the organisation's page (inside that page's transaction, which writes
 * organisations.tier itself): it counts as a pin, so the next review does not undo it, and it
 * goes in the tier history and the audit log like any pin.
 */
export async function recordTierSetByHand(tx: Tx, actor: Actor, organisationId: string, from: Tier, to: Tier) {
  await tx
    .insert(tierStatus)
    .values({ organisationId, pinnedTier: to, pinnedBy: actor.id, pinnedAt: new Date() })
    .onConflictDoUpdate({
      target: tierStatus.organisationId,
      set: { pinnedTier: to, pinReason: null, pinnedBy: actor.id, pinnedAt: new Date(), atRiskUntil: null },
    });
  await tx.insert(tierHistory).values({ organisationId, fromTier: from, toTier: to, reason: "pin", actorId: actor.id });
  await recordAudit(tx, {
    actor,
    action: "tiers.pinned",
    entityType: "organisation",
    entityId: organisationId,
    organisationId,
    details: { from, to },
  });
  await announce(tx, { organisationId, from, to }, await tierPercent(tx, to));
}

/**
 * Unpins: the partner's volume decides again at once, by the same rule as a review: a higher
 * tier applies now; a lower one starts the grace period (the tier is kept until it ends).
 */
export async function unpinTier(db: Db, actor: Actor, organisationId: string, reason: string, now = new Date()) {
  const programme = await getTierProgramme(db);
  const today = isoDay(now);
  const m = (await measurePartners(db, programme, today, [organisationId])).get(organisationId) ?? { volume: 0, certified: 0 };
  await db.transaction(async (tx) => {
    const locked = await lockPartner(tx, organisationId);
    if (!locked) throw notFoundError();
    const { org, status } = locked;
    if (!status.pinnedTier) throw new UserError("tiers.errors.not_pinned", "_form", {}, 409);
    const decision = decideReview({
      current: org.tier,
      computed: computeTier(m, programme.rules),
      pinned: null,
      atRiskUntil: null,
      today,
      graceDays: programme.graceDays,
    });
    const to = decision.kind === "change" ? decision.to : org.tier;
    await tx
      .update(tierStatus)
      .set({
        pinnedTier: null,
        pinReason: null,
        pinnedBy: null,
        pinnedAt: null,
        atRiskUntil: decision.kind === "at_risk" ? decision.until : null,
        lastVolume: m.volume,
        lastCertified: m.certified,
      })
      .where(eq(tierStatus.organisationId, organisationId));
    await tx.insert(tierHistory).values({
      organisationId,
      fromTier: org.tier,
      toTier: to,
      reason: "unpin",
      actorId: actor.id,
      note: reason,
      volume: m.volume,
      certified: m.certified,
    });
    await recordAudit(tx, {
      actor,
      action: "tiers.unpinned",
      entityType: "organisation",
      entityId: organisationId,
      organisationId,
      reason,
      details: { from: org.tier, to },
    });
    if (to !== org.tier) {
      await tx.update(organisations).set({ tier: to }).where(eq(organisations.id, organisationId));
      await announce(tx, { organisationId, from: org.tier, to }, await tierPercent(tx, to));
    }
  });
}

/** The partner's own tier page: where it stands, what the next tier takes, what its tier does to points. */
export async function myTier(db: Queryable, actor: Actor, now = new Date()) {
  const programme = await getTierProgramme(db);
  const today = isoDay(now);
  const [[org], [status], metricsMap, multipliers, settings] = await Promise.all([
    db.select({ tier: organisations.tier }).from(organisations).where(eq(organisations.id, actor.organisationId)),
    db.select().from(tierStatus).where(eq(tierStatus.organisationId, actor.organisationId)),
    measurePartners(db, programme, today, [actor.organisationId]),
    listMultipliers(db),
    getProgrammeSettings(db),
  ]);
  const tier = org?.tier ?? actor.tier;
  const metrics = metricsMap.get(actor.organisationId) ?? { volume: 0, certified: 0 };
  const pinned = status?.pinnedTier ?? null;
  return {
    tier,
    basis: programme.basis,
    currency: settings.currency,
    metrics,
    next: nextTier(tier, metrics, programme.rules),
    pinned,
    atRiskUntil: pinned ? null : (status?.atRiskUntil ?? null),
    window: trailingWindow(today),
    multipliers: TIERS.map((t) => ({ tier: t, percent: multipliers.tiers.find((x) => x.key === t)?.percent ?? 100 })),
    rules: programme.rules,
  };
}

/** Courses whose certificate may count for the tiers' "certified people". */
export async function certificationCourses(db: Queryable) {
  return db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(eq(courses.status, "published"))
    .orderBy(asc(courses.title));
}

/** The channel team's list: every active partner with its tier, pin, risk and last measure. */
export async function listPartnerTiers(db: Queryable) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      tier: organisations.tier,
      pinnedTier: tierStatus.pinnedTier,
      atRiskUntil: tierStatus.atRiskUntil,
      lastVolume: tierStatus.lastVolume,
      lastCertified: tierStatus.lastCertified,
      lastReviewedAt: tierStatus.lastReviewedAt,
    })
    .from(organisations)
    .leftJoin(tierStatus, eq(tierStatus.organisationId, organisations.id))
    .where(and(ne(organisations.kind, "manufacturer"), eq(organisations.active, true)))
    .orderBy(asc(organisations.name));
}

/** One partner for the channel team: standing, live measure and history (newest first); null when not a partner. */
export async function partnerTier(db: Queryable, organisationId: string, now = new Date()) {
  const [org] = await db
    .select({ id: organisations.id, name: organisations.name, tier: organisations.tier })
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), ne(organisations.kind, "manufacturer")));
  if (!org) return null;
  const programme = await getTierProgramme(db);
  const [[status], metricsMap, history, settings] = await Promise.all([
    db.select().from(tierStatus).where(eq(tierStatus.organisationId, organisationId)),
    measurePartners(db, programme, isoDay(now), [organisationId]),
    db
      .select({
        id: tierHistory.id,
        fromTier: tierHistory.fromTier,
        toTier: tierHistory.toTier,
        reason: tierHistory.reason,
        note: tierHistory.note,
        createdAt: tierHistory.createdAt,
        who: users.name,
      })
      .from(tierHistory)
      .leftJoin(users, eq(users.id, tierHistory.actorId))
      .where(eq(tierHistory.organisationId, organisationId))
      .orderBy(desc(tierHistory.createdAt), desc(tierHistory.id))
      .limit(200),
    getProgrammeSettings(db),
  ]);
  const metrics = metricsMap.get(organisationId) ?? { volume: 0, certified: 0 };
  return {
    org,
    basis: programme.basis,
    currency: settings.currency,
    metrics,
    computed: computeTier(metrics, programme.rules),
    pinnedTier: status?.pinnedTier ?? null,
    pinReason: status?.pinReason ?? null,
    atRiskUntil: status?.pinnedTier ? null : (status?.atRiskUntil ?? null),
    history,
  };
}
