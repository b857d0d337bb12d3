import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, type Queryable, rowsOf } from "@db/client";
import { claims, organisations, selloutMatches, selloutSettings, users } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { UserError } from "~/lib/errors";
import { approveClaim } from "../claims/review.server";

/**
 * Claims against sell-out data, set-based: one statement compares every waiting claim's lines
 * with the sell-out rows (serial numbers first, then invoice + SKU + quantity) and stores the
 * result per claim in sellout_matches, which the review queue reads. The rule in plain code is
 * matchLine in rows.ts; the tests hold the two together.
 */

/**
 * Whole-queue comparisons run one at a time (an advisory lock), so two uploads or job runs do not
 * repeat each other's work. Every upsert writes its rows in claim id order, so a page's small
 * comparison and a whole one never wait on each other in a cycle (no deadlock).
 */
const MATCH_LOCK = 7_140_001;

export type MatchScope = { claimIds?: string[] };

/**
 * Compares the claims waiting for a decision (or only `claimIds`) with the sell-out data and
 * records the outcome. Returns how many claims were compared.
 */
export async function refreshMatches(db: Db, scope: MatchScope = {}): Promise<number> {
  if (scope.claimIds && !scope.claimIds.length) return 0;
  return db.transaction(async (tx) => {
    if (!scope.claimIds) await tx.execute(sql`select pg_advisory_xact_lock(${MATCH_LOCK})`);
    const result = await tx.execute(sql`
      with outcome as (${matchSelect(scope)})
      insert into sellout_matches (claim_id, status, lines_total, lines_matched, foreign_serials, matched_at)
      select claim_id, status::sellout_match_status, lines_total, lines_matched, foreign_serials, now() from outcome
      order by claim_id
      on conflict (claim_id) do update set status = excluded.status, lines_total = excluded.lines_total,
        lines_matched = excluded.lines_matched, foreign_serials = excluded.foreign_serials, matched_at = excluded.matched_at
      returning claim_id`);
    return rowsOf(result).length;
  });
}

/**
 * The comparison itself, one SELECT: per claim its status, lines and lines matched, and serials
 * sold by another partner. Claims waiting for a decision, or only `claimIds`.
 */
function matchSelect(scope: MatchScope) {
  const only = scope.claimIds
    ? sql`and c.id in (${sql.join(
        scope.claimIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql`and c.status in ('manager_check', 'in_review')`;
  return sql`
      with target as (
        select c.id, c.organisation_id, c.invoice_key from claims c
        where c.status <> 'draft' ${only}
      ), lines as (
        select l.id, l.claim_id, t.organisation_id, t.invoice_key, l.sku, coalesce(l.quantity, 1) as quantity, l.serials
        from claim_lines l join target t on t.id = l.claim_id
      ), serial_hits as (
        select s.line_id, s.serial,
          coalesce(bool_or(ss.partner_id = s.organisation_id and ss.sku = s.sku), false) as own,
          coalesce(bool_or(ss.partner_id <> s.organisation_id), false) as elsewhere
        from (select l.id as line_id, l.organisation_id, l.sku, unnest(l.serials) as serial from lines l where cardinality(l.serials) > 0) s
        left join sellout_serials ss on ss.serial = s.serial
        group by s.line_id, s.serial
      ), serial_lines as (
        select line_id, count(*) filter (where own) as found, count(*) as total,
          coalesce(array_agg(serial order by serial) filter (where elsewhere and not own), '{}') as foreign_serials
        from serial_hits group by line_id
      ), quantity_lines as (
        select l.id as line_id, coalesce(sum(r.quantity), 0) as sold
        from lines l
        left join sellout_rows r on r.partner_id = l.organisation_id and r.invoice_key = l.invoice_key and r.sku = l.sku
        where cardinality(l.serials) = 0
        group by l.id
      ), line_status as (
        select l.claim_id,
          case
            when sl.line_id is not null then
              case when sl.found = sl.total then 'matched' when sl.found > 0 then 'partial' else 'unmatched' end
            else
              case when q.sold >= l.quantity then 'matched' when q.sold > 0 then 'partial' else 'unmatched' end
          end as status,
          coalesce(sl.foreign_serials, '{}') as foreign_serials
        from lines l
        left join serial_lines sl on sl.line_id = l.id
        left join quantity_lines q on q.line_id = l.id
      ), per_claim as (
        select t.id as claim_id,
          count(ls.claim_id)::int as total,
          (count(*) filter (where ls.status = 'matched'))::int as matched,
          (count(*) filter (where ls.status = 'unmatched'))::int as unmatched
        from target t left join line_status ls on ls.claim_id = t.id
        group by t.id
      ), foreign_per_claim as (
        select ls.claim_id, array_agg(distinct f order by f) as foreign_serials
        from line_status ls cross join lateral unnest(ls.foreign_serials) as f
        group by ls.claim_id
      )
      select p.claim_id,
        case when p.total > 0 and p.matched = p.total then 'matched' when p.unmatched = p.total then 'unmatched' else 'partial' end as status,
        p.total as lines_total, p.matched as lines_matched, coalesce(f.foreign_serials, '{}') as foreign_serials
      from per_claim p left join foreign_per_claim f on f.claim_id = p.claim_id`;
}

/** The comparison for a page of claims, read-only and current (one statement), for the review queue. */
export async function matchesNow(db: Queryable, claimIds: string[]): Promise<Record<string, ClaimMatch>> {
  if (!claimIds.length) return {};
  const rows = rowsOf<{
    claim_id: string;
    status: ClaimMatch["status"];
    lines_total: number;
    lines_matched: number;
    foreign_serials: string[] | string;
  }>(await db.execute(matchSelect({ claimIds })));
  return Object.fromEntries(
    rows.map((r) => [
      r.claim_id,
      {
        claimId: r.claim_id,
        status: r.status,
        linesTotal: Number(r.lines_total),
        linesMatched: Number(r.lines_matched),
        foreignSerials: pgTextArray(r.foreign_serials),
      },
    ]),
  );
}

/** A text[] as the driver hands it back: an array (postgres.js) or its literal '{A,B}' (some paths). */
function pgTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((s) => s.replace(/^"|"$/g, "")) : [];
}

export type ClaimMatch = {
  claimId: string;
  status: "matched" | "partial" | "unmatched";
  linesTotal: number;
  linesMatched: number;
  foreignSerials: string[];
};

/** The stored outcome for these claims (the queue's page of them). */
export async function matchesFor(db: Queryable, claimIds: string[]): Promise<Map<string, ClaimMatch>> {
  if (!claimIds.length) return new Map();
  const rows = await db.select().from(selloutMatches).where(inArray(selloutMatches.claimId, claimIds));
  return new Map(rows.map((r) => [r.claimId, r]));
}

export async function selloutSettingsOf(db: Queryable) {
  const [row] = await db.select().from(selloutSettings).where(eq(selloutSettings.id, 1));
  return { autoApprove: row?.autoApprove ?? false };
}

const SYSTEM_EMAIL = "sellout-automation@system.invalid";

/**
 * The system actor that approves fully matched claims: a manufacturer user who can never sign in
 * (deactivated, no password), so the claim's history and the audit log name "the system" as the
 * approver while the approval itself is the very same approveClaim a person runs.
 */
export async function systemActor(db: Db): Promise<Actor> {
  const [maker] = await db
    .select({ id: organisations.id, name: organisations.name, tier: organisations.tier, region: organisations.region })
    .from(organisations)
    .where(eq(organisations.kind, "manufacturer"))
    .orderBy(organisations.createdAt)
    .limit(1);
  if (!maker) throw new Error("no manufacturer organisation to act for");
  await db
    .insert(users)
    .values({ organisationId: maker.id, email: SYSTEM_EMAIL, name: "Sell-out automation", role: "admin", status: "deactivated" })
    .onConflictDoNothing();
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${SYSTEM_EMAIL}`);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: null,
    role: user.role,
    locale: null,
    organisationId: maker.id,
    organisationName: maker.name,
    organisationKind: "manufacturer",
    tier: maker.tier,
    region: maker.region,
  };
}

/**
 * When the programme says so, approves every waiting claim whose lines all matched and none of
 * whose serials was sold by another partner, each through approveClaim (its guarded status
 * change, one-time ledger credit, audit row and email). Run by several processes at once, a
 * claim is still approved once: the second finds it decided and moves on.
 */
export async function autoApproveMatched(db: Db, limit = 500): Promise<{ approved: number; skipped: number }> {
  if (!(await selloutSettingsOf(db)).autoApprove) return { approved: 0, skipped: 0 };
  await refreshMatches(db);
  const due = await db
    .select({ id: claims.id })
    .from(claims)
    .innerJoin(selloutMatches, eq(selloutMatches.claimId, claims.id))
    .where(
      and(eq(claims.status, "in_review"), eq(selloutMatches.status, "matched"), sql`cardinality(${selloutMatches.foreignSerials}) = 0`),
    )
    .orderBy(claims.lastSubmittedAt)
    .limit(limit);
  if (!due.length) return { approved: 0, skipped: 0 };
  const actor = await systemActor(db);
  let approved = 0;
  let skipped = 0;
  for (const { id } of due) {
    try {
      await approveClaim(db, actor, id);
      approved++;
    } catch (error) {
      // Decided meanwhile (by a person or another process): nothing to do.
      if (!(error instanceof UserError)) throw error;
      skipped++;
    }
  }
  return { approved, skipped };
}

/** The review queue by match outcome (a claim not compared yet counts as unmatched), and how many carry a serial sold elsewhere. */
export async function queueMatchCounts(db: Queryable) {
  const [row] = await db
    .select({
      matched: sql<number>`(count(*) filter (where ${selloutMatches.status} = 'matched'))::int`,
      partial: sql<number>`(count(*) filter (where ${selloutMatches.status} = 'partial'))::int`,
      unmatched: sql<number>`(count(*) filter (where ${selloutMatches.status} is null or ${selloutMatches.status} = 'unmatched'))::int`,
      foreign: sql<number>`(count(*) filter (where cardinality(${selloutMatches.foreignSerials}) > 0))::int`,
    })
    .from(claims)
    .leftJoin(selloutMatches, eq(selloutMatches.claimId, claims.id))
    .where(eq(claims.status, "in_review"));
  return row;
}
