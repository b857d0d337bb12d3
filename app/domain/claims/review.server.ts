import { and, asc, eq, gte, ilike, inArray, lte, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Queryable, Tx } from "@db/client";
import {
  claimEvents,
  claimLines,
  claims,
  organisations,
  products,
  promotionProducts,
  promotions,
  users,
  type Claim,
  type ClaimEventKind,
} from "@db/schema";
import { DEFAULT_LOCALE, type Locale, type PartnerRole, type Role, type Tier } from "@db/schema/enums";
import { localiseCategories, localiseProducts } from "./products.server";
import type { ClaimDecision } from "@emails/claim-decided";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { UserError } from "~/lib/errors";
import { tenantScope } from "~/lib/scope.server";
import { recordContestProgress, type ProgressEvent } from "../contests/contests.server";
import { creditPoints } from "../points/ledger.server";
import { claimCategory, pickTip } from "../communication/tips.server";
import { notify } from "../notifications/notify.server";
import { priceClaim } from "./claims.server";
import { creditBonuses, lockVolumes, takeBackClaim } from "../rules/earning.server";
import { creditReferralBonus } from "../enrolment/referrals.server";
import { isoDate } from "./shared";
import { releasePromotionBudgets, spendPromotionBudgets } from "../gates/budgets.server";
import { isId } from "~/lib/ids";
import { addDays, dayForDisplay } from "~/lib/dates";
import { pageOf } from "~/lib/paging";

function notFound(): never {
  throw new UserError("common.not_found", undefined, undefined, 404);
}

/**
 * Moves a claim from one status to another in one guarded UPDATE: of two reviewers (or two
 * clicks) acting at once, the second finds the status already changed and gets a clear 409,
 * so nothing after it (the credit, the email) ever runs twice.
 */
async function transition(
  tx: Tx,
  claimId: string,
  from: Claim["status"],
  set: Partial<typeof claims.$inferInsert>,
  scope?: ReturnType<typeof tenantScope>,
) {
  if (!isId(claimId)) notFound();
  const [claim] = await tx
    .update(claims)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(claims.id, claimId), eq(claims.status, from), scope))
    .returning();
  if (claim) return claim;
  const [now] = await tx
    .select({ status: claims.status })
    .from(claims)
    .where(and(eq(claims.id, claimId), scope));
  if (!now || now.status === "draft") notFound();
  throw new UserError("errors.claims.already_decided", undefined, { status: now.status }, 409);
}

async function logEvent(
  tx: Tx,
  claim: Claim,
  actor: Actor,
  kind: ClaimEventKind,
  note: string | null,
  details: Record<string, unknown> = {},
) {
  await tx.insert(claimEvents).values({ claimId: claim.id, actorId: actor.id, kind, note });
  await recordAudit(tx, {
    actor,
    action: `claim.${kind}`,
    entityType: "claim",
    entityId: claim.id,
    organisationId: claim.organisationId,
    reason: note,
    details: { number: claim.number, ...details },
  });
}

/**
 * A "did you know" line for the email: a product running in a promotion now that has a tip and
 * is not in this claim (something new to sell), else a tip about a product in the claim.
 */
async function productTip(tx: Queryable, claimId: string, locale: Locale): Promise<{ product: string; text: string } | null> {
  const today = isoDate(new Date());
  const inClaim = await tx.select({ productId: claimLines.productId }).from(claimLines).where(eq(claimLines.claimId, claimId));
  const ids = inClaim.map((l) => l.productId).filter((x): x is string => !!x);
  const [promoted] = await tx
    .select({ id: products.id, name: products.name, tip: products.tip })
    .from(products)
    .where(
      and(
        eq(products.active, true),
        sql`${products.tip} is not null`,
        ids.length
          ? sql`${products.id} not in (${sql.join(
              ids.map((i) => sql`${i}`),
              sql`, `,
            )})`
          : undefined,
        sql`exists (select 1 from ${promotions} p where p.active and p.starts_on <= ${today} and p.ends_on >= ${today}
          and ((p.scope = 'category' and p.category = ${products.category}) or exists (select 1 from ${promotionProducts} pp where pp.promotion_id = p.id and pp.product_id = ${products.id})))`,
      ),
    )
    .orderBy(asc(products.name))
    .limit(1);
  // The product's name and tip in the claimant's language where translated (issue 18).
  if (promoted?.tip) {
    const [read] = await localiseProducts(tx, [promoted], locale);
    return { product: read.name, text: read.tip ?? promoted.tip };
  }
  if (!ids.length) return null;
  const [own] = await tx
    .select({ id: products.id, name: products.name, tip: products.tip })
    .from(products)
    .where(and(inArray(products.id, ids), sql`${products.tip} is not null`))
    .limit(1);
  if (!own?.tip) return null;
  const [read] = await localiseProducts(tx, [own], locale);
  return { product: read.name, text: read.tip ?? own.tip };
}

/** Tells the claimant, in the app and by email in their language, inside the deciding transaction. */
async function tellClaimant(
  tx: Tx,
  claim: Claim,
  decision: ClaimDecision,
  opts: { note?: string | null; points?: number; credited?: number },
) {
  const [claimant] = await tx.select({ name: users.name, locale: users.locale }).from(users).where(eq(users.id, claim.userId));
  // Points credited: a "did you know" tip from the claim's product category, not one this person saw in 90 days.
  const category = decision === "approved" && (opts.credited ?? 0) > 0 ? await claimCategory(tx, claim.id) : null;
  const categoryTip = category ? await pickTip(tx, claim.userId, category, claimant?.locale ?? "en") : null;
  await notify(tx, {
    userId: claim.userId,
    topic: "claim_decided",
    titleKey: `claims.notice.${decision}`,
    bodyKey: categoryTip ? "communication.tip.notice" : undefined,
    vars: {
      number: claim.number,
      invoice: claim.invoiceNumber,
      count: opts.credited ?? 0,
      ...(categoryTip ? { tip: categoryTip.text } : {}),
    },
    link: `/claims/${claim.id}`,
    email: {
      template: "claim_decided",
      props: {
        name: claimant?.name ?? "",
        number: claim.number,
        invoiceNumber: claim.invoiceNumber,
        decision,
        credited: opts.credited ?? 0,
        points: opts.points ?? 0,
        note: opts.note ?? "",
        url: `${config.publicUrl}/claims/${claim.id}`,
        tip:
          categoryTip && category
            ? {
                product: (await localiseCategories(tx, [category], claimant?.locale ?? DEFAULT_LOCALE)).get(category) ?? category,
                text: categoryTip.text,
              }
            : await productTip(tx, claim.id, claimant?.locale ?? DEFAULT_LOCALE),
      },
    },
  });
}

type Claimant = { role: Role; tier: Tier; region: string };
type SoldLine = { sku: string; quantity: number | null; listPriceMinor: number | null };

/** An approved claim as the contests count it: its points, units and list-price revenue, dated by the invoice. */
function contestEvent(claim: Claim, who: Claimant, lines: SoldLine[]): ProgressEvent {
  return {
    userId: claim.userId,
    organisationId: claim.organisationId,
    role: who.role,
    tier: who.tier,
    region: who.region,
    // Noon UTC of the invoice day, so the sale falls on that day in every contest time zone.
    occurredAt: claim.invoiceDate ? dayForDisplay(claim.invoiceDate) : (claim.submittedAt ?? claim.createdAt),
    reachedAt: claim.submittedAt ?? claim.createdAt,
    sourceType: "claim",
    sourceId: claim.id,
    salesPoints: claim.points,
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity ?? 0, revenueMinor: (l.listPriceMinor ?? 0) * (l.quantity ?? 0) })),
  };
}

/**
 * Counts every approved claim toward the contests open at `at`, exactly as approval does (each
 * contest takes a claim once, so running it again adds nothing). For contests created after the
 * sales they should count, such as the demo's.
 */
export async function countApprovedClaims(db: Db, at: Date) {
  const approved = await db
    .select({ claim: claims, role: users.role, tier: organisations.tier, region: organisations.region })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.userId))
    .innerJoin(organisations, eq(organisations.id, claims.organisationId))
    .where(eq(claims.status, "approved"));
  for (const row of approved) {
    const lines = await db
      .select({ sku: claimLines.sku, quantity: claimLines.quantity, listPriceMinor: products.listPriceMinor })
      .from(claimLines)
      .innerJoin(products, eq(products.id, claimLines.productId))
      .where(eq(claimLines.claimId, row.claim.id));
    await db.transaction((tx) => recordContestProgress(tx, contestEvent(row.claim, row, lines), at));
  }
}

export type ApproveResult = { claim: Claim; points: number; credited: number; capped: boolean };

/**
 * Approves a claim waiting for the channel manager: recalculates its points with the rules in
 * force on the invoice date, credits them through the ledger (source = this claim, so a second
 * credit is impossible even past the guarded status change), counts the sale toward open
 * contests, writes the audit row and tells the claimant, all in one transaction.
 */
export async function approveClaim(db: Db, actor: Actor, claimId: string): Promise<ApproveResult> {
  return db.transaction(async (tx) => {
    const claim = await transition(tx, claimId, "in_review", {
      status: "approved",
      decidedBy: actor.id,
      decidedAt: new Date(),
      decisionNote: null,
    });
    const [who] = await tx
      .select({ role: users.role, tier: organisations.tier, region: organisations.region })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.id, claim.userId));
    // Volume-based rules read the partner's approved volume: approvals of one partner queue here.
    await lockVolumes(tx, claim.organisationId);
    const lines = await tx
      .select({
        id: claimLines.id,
        productId: claimLines.productId,
        quantity: claimLines.quantity,
        sku: claimLines.sku,
        listPriceMinor: products.listPriceMinor,
      })
      .from(claimLines)
      .innerJoin(products, eq(products.id, claimLines.productId))
      .where(eq(claimLines.claimId, claim.id))
      .orderBy(asc(claimLines.position));
    const price = (opts?: { promotions: false }) =>
      priceClaim(
        tx,
        { tier: who.tier, role: who.role as PartnerRole },
        claim.invoiceDate!,
        lines.map((l) => ({ productId: l.productId!, quantity: l.quantity! })),
        { userId: claim.userId, organisationId: claim.organisationId, region: who.region, claimId: claim.id },
        opts,
      );
    // Promotion budgets: a promotion pays its part only while its budget lasts (same transaction, row-locked).
    const { calculation: priced, outcomes: budgets } = await spendPromotionBudgets(tx, claim, await price(), () =>
      price({ promotions: false }),
    );
    for (const [i, line] of lines.entries())
      await tx.update(claimLines).set({ points: priced.lines[i].points }).where(eq(claimLines.id, line.id));

    let credit = { entryId: null as number | null, credited: 0, capped: false };
    if (priced.total > 0) {
      const result = await creditPoints(tx, {
        userId: claim.userId,
        organisationId: claim.organisationId,
        kind: "earn",
        sourceType: "claim",
        sourceId: claim.id,
        amount: priced.total,
        applyCap: true,
        descriptionKey: "claims.ledger.credit",
        descriptionVars: { number: claim.number, invoice: claim.invoiceNumber },
        calculation: priced.calculation,
        createdBy: actor.id,
      });
      if (result.duplicate) throw new Error(`claim ${claim.id} was already credited`);
      credit = result;
    }
    const [approved] = await tx
      .update(claims)
      .set({ points: priced.total, calculation: priced.calculation, creditedEntryId: credit.entryId, creditedPoints: credit.credited })
      .where(eq(claims.id, claim.id))
      .returning();
    // Bundle sets and the first-claim bonus: each key credited once, whoever races for it.
    const bonuses = await creditBonuses(tx, actor, approved, priced.bonuses);
    // The referrer's bonus when this is a referred person's first approved claim (issue 19).
    const referral = await creditReferralBonus(tx, actor, approved);
    await logEvent(tx, approved, actor, "approved", null, {
      points: priced.total,
      credited: credit.credited,
      capped: credit.capped,
      ledgerEntryId: credit.entryId,
      bonuses,
      ...(budgets.length ? { budgets } : {}),
      ...(referral ? { referral } : {}),
    });
    await recordContestProgress(tx, contestEvent(approved, who, lines));
    await tellClaimant(tx, approved, "approved", { points: priced.total, credited: credit.credited });
    return { claim: approved, points: priced.total, credited: credit.credited, capped: credit.capped };
  });
}

/**
 * Reverses an approved claim (found to be wrong after approval): the status moves from approved
 * to reversed in one guarded UPDATE, and its points and the bonuses it earned are taken back
 * through the ledger, with the audit row and the claimant's notice, in one transaction.
 */
export async function reverseClaim(db: Db, actor: Actor, claimId: string, reason: string) {
  return db.transaction(async (tx) => {
    const claim = await transition(tx, claimId, "approved", {
      status: "reversed",
      decidedBy: actor.id,
      decidedAt: new Date(),
      decisionNote: reason,
    });
    await lockVolumes(tx, claim.organisationId);
    const result = await takeBackClaim(tx, actor, claim, reason);
    const budgets = await releasePromotionBudgets(tx, claim.id);
    await logEvent(tx, claim, actor, "reversed", reason, { ...result, ...(budgets.length ? { budgets } : {}) });
    await notify(tx, {
      userId: claim.userId,
      topic: "claim_decided",
      titleKey: "rules.notice.reversed",
      vars: { number: claim.number, count: result.taken },
      link: `/claims/${claim.id}`,
    });
    return { claim, ...result };
  });
}

/** Rejects a claim with a reason the claimant reads; they may correct it and send it again. */
export async function rejectClaim(db: Db, actor: Actor, claimId: string, reason: string) {
  return db.transaction(async (tx) => {
    const claim = await transition(tx, claimId, "in_review", {
      status: "rejected",
      decidedBy: actor.id,
      decidedAt: new Date(),
      decisionNote: reason,
    });
    await logEvent(tx, claim, actor, "rejected", reason);
    await tellClaimant(tx, claim, "rejected", { note: reason });
    return claim;
  });
}

/** Sends a claim back to its claimant with a question; they edit and resubmit it. */
export async function requestInformation(db: Db, actor: Actor, claimId: string, question: string) {
  return db.transaction(async (tx) => {
    const claim = await transition(tx, claimId, "in_review", {
      status: "info_requested",
      decidedBy: actor.id,
      decidedAt: new Date(),
      decisionNote: question,
    });
    await logEvent(tx, claim, actor, "info_requested", question);
    await tellClaimant(tx, claim, "info_requested", { note: question });
    return claim;
  });
}

/** A partner manager confirms a colleague's claim; it moves on to the channel manager. Never their own. */
export async function confirmClaim(db: Db, actor: Actor, claimId: string) {
  return db.transaction(async (tx) => {
    const claim = await transition(
      tx,
      claimId,
      "manager_check",
      { status: "in_review", checkedBy: actor.id, checkedAt: new Date() },
      and(tenantScope(actor, claims.organisationId), ne(claims.userId, actor.id)),
    );
    await logEvent(tx, claim, actor, "checked", null);
    return claim;
  });
}

/** A partner manager sends a colleague's claim back for correction, saying what is wrong. */
export async function returnClaim(db: Db, actor: Actor, claimId: string, note: string) {
  return db.transaction(async (tx) => {
    const claim = await transition(
      tx,
      claimId,
      "manager_check",
      { status: "info_requested", checkedBy: actor.id, checkedAt: new Date(), decisionNote: note },
      and(tenantScope(actor, claims.organisationId), ne(claims.userId, actor.id)),
    );
    await logEvent(tx, claim, actor, "returned", note);
    await tellClaimant(tx, claim, "returned", { note });
    return claim;
  });
}

/** Approves several claims, each in its own transaction: one that cannot be approved does not hold up the rest. */
export async function bulkApprove(db: Db, actor: Actor, claimIds: string[]) {
  const approved: number[] = [];
  const refused: Array<{ id: string; key: string }> = [];
  for (const id of [...new Set(claimIds)].slice(0, 200)) {
    try {
      approved.push((await approveClaim(db, actor, id)).claim.number);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      refused.push({ id, key: error.key });
    }
  }
  return { approved, refused };
}

export type QueueFilter = {
  organisationId?: string;
  /** Partners whose name contains this (any case): the filter box, typed rather than picked from every partner. */
  partnerName?: string;
  region?: string;
  /** Waiting at least this many days since (re)submission. */
  minAgeDays?: number;
  minPoints?: number;
  maxPoints?: number;
  flaggedOnly?: boolean;
  /** Only partners whose account manager is the actor. */
  mine?: boolean;
};

/**
 * After a decision on `claimId`: its number (for the message) and the claim to decide next, the
 * oldest waiting in the review queue (the queue's own order), or null when the queue is empty.
 * Lets a channel manager go from one decision to the next.
 */
export async function nextInReview(db: Queryable, claimId: string): Promise<{ number: number | null; next: string | null }> {
  const [[decided], [next]] = await Promise.all([
    db.select({ number: claims.number }).from(claims).where(eq(claims.id, claimId)),
    db
      .select({ id: claims.id })
      .from(claims)
      .where(and(eq(claims.status, "in_review"), ne(claims.id, claimId)))
      .orderBy(asc(claims.lastSubmittedAt), asc(claims.id))
      .limit(1),
  ]);
  return { number: decided?.number ?? null, next: next?.id ?? null };
}

/** The channel managers' approval queue, oldest first, with lines, flags and evidence to decide from. */
/** A queue cursor: the last claim's submission instant in microseconds since 1970, and its id. */
const QUEUE_CURSOR = /^(\d{1,17})_([0-9a-f-]{36})$/;

/** Claims on one page of the review queue: enough to fill a phone's screens, few enough to render fast. */
export const QUEUE_PAGE = 20;

/**
 * The review queue, oldest first, a page at a time: `after` is the cursor of the previous page's
 * last claim (keyset on the status index, so page 500 costs what page 1 does); `next` is the
 * cursor for the page after this one, or null. A malformed cursor reads as the first page.
 */
export async function reviewQueue(
  db: Queryable,
  _actor: Actor,
  filter: QueueFilter,
  page: { after?: string | null; limit?: number } = {},
  /** The number waiting, when the request floor already counted it (the shell's badge): not counted twice. */
  waiting: number | null = null,
) {
  const limit = page.limit ?? QUEUE_PAGE;
  const cursor = page.after ? QUEUE_CURSOR.exec(page.after) : null;
  const after =
    cursor && isId(cursor[2])
      ? sql`(${claims.lastSubmittedAt}, ${claims.id}) > (timestamptz 'epoch' + ${cursor[1]}::bigint * interval '1 microsecond', ${cursor[2]}::uuid)`
      : undefined;
  const rows = await db
    .select({
      id: claims.id,
      number: claims.number,
      invoiceNumber: claims.invoiceNumber,
      invoiceDate: claims.invoiceDate,
      points: claims.points,
      flags: claims.flags,
      lastSubmittedAt: claims.lastSubmittedAt,
      submittedAt: claims.submittedAt,
      claimantName: users.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
      region: organisations.region,
      tier: organisations.tier,
      // The cursor in full precision (a JavaScript Date would drop the microseconds).
      cursorMicros: sql<string>`(extract(epoch from ${claims.lastSubmittedAt}) * 1000000)::bigint::text`,
      // Lines and the evidence files ride along as JSON: one statement for the page, not three.
      lines: sql<
        QueueLine[] | string
      >`(select coalesce(json_agg(json_build_object('sku', l.sku, 'name', p.name, 'quantity', l.quantity, 'serials', l.serials, 'points', l.points) order by l.position), '[]'::json)
        from claim_lines l left join products p on p.id = l.product_id where l.claim_id = "claims"."id")`,
      // Every evidence file, newest first (a claim may carry several).
      files: sql<
        QueueFile[] | string
      >`(select coalesce(json_agg(json_build_object('id', f.id, 'claimId', f.claim_id, 'mime', f.mime) order by f.created_at desc), '[]'::json)
        from claim_files f where f.claim_id = "claims"."id")`,
    })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.userId))
    .innerJoin(organisations, eq(organisations.id, claims.organisationId))
    .where(
      and(
        eq(claims.status, "in_review"),
        filter.organisationId ? eq(claims.organisationId, filter.organisationId) : undefined,
        filter.partnerName ? ilike(organisations.name, `%${filter.partnerName.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        filter.region ? eq(organisations.region, filter.region) : undefined,
        filter.minAgeDays ? lte(claims.lastSubmittedAt, addDays(new Date(), -filter.minAgeDays)) : undefined,
        filter.minPoints !== undefined ? gte(claims.points, filter.minPoints) : undefined,
        filter.maxPoints !== undefined ? lte(claims.points, filter.maxPoints) : undefined,
        filter.flaggedOnly ? sql`jsonb_array_length(${claims.flags}) > 0` : undefined,
        filter.mine ? eq(organisations.channelManagerId, _actor.id) : undefined,
        after,
      ),
    )
    .orderBy(asc(claims.lastSubmittedAt), asc(claims.id))
    .limit(limit + 1);
  const [total] =
    waiting !== null
      ? [{ n: waiting }]
      : await db.select({ n: sql<number>`count(*)::int` }).from(claims).where(eq(claims.status, "in_review"));
  const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  const shown = pageOf(rows, limit, (r) => `${r.cursorMicros}_${r.id}`);
  return {
    total: total.n,
    next: shown.next,
    claims: shown.rows.map(({ cursorMicros: _, ...r }) => ({ ...r, lines: json(r.lines), files: json(r.files) })),
  };
}

type QueueLine = { sku: string; name: string | null; quantity: number | null; serials: string[]; points: number };
type QueueFile = { id: string; claimId: string; mime: string };

/**
 * The regions to filter the queue by. Partners are not listed: with a thousand of them the list
 * was most of the page's bytes and render time (issue 17); the partner filter is a name box.
 * With `partnerId` (a link to the queue of one partner), that partner's name in the same
 * statement, so the box names what it filters by even when nothing of theirs is waiting; null
 * for an id of no partner the actor reaches (the manufacturer itself, another tenant, nobody).
 */
export async function queueFilterOptions(db: Queryable, actor: Actor, partnerId?: string) {
  const chosen = alias(organisations, "chosen");
  const partnerName =
    partnerId && isId(partnerId)
      ? sql<string | null>`(${db
          .select({ name: chosen.name })
          .from(chosen)
          .where(and(eq(chosen.id, partnerId), ne(chosen.kind, "manufacturer"), tenantScope(actor, chosen.id)))})`
      : sql<string | null>`null::text`;
  const rows = await db
    .selectDistinct({ region: organisations.region, partnerName })
    .from(organisations)
    .where(ne(organisations.kind, "manufacturer"))
    .orderBy(asc(organisations.region));
  const name = rows[0]?.partnerName ?? null;
  return {
    regions: rows.map((r) => r.region).filter((r): r is string => !!r),
    partner: name !== null && partnerId ? { id: partnerId, name } : null,
  };
}
