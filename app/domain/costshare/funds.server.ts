import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, Queryable, Tx } from "@db/client";
import {
  claimLines,
  claims,
  costshareEntries,
  costshareFunds,
  costsharePeriods,
  costshareSettings,
  costshareTierRates,
  organisations,
  products,
  programmeSettings,
  type CostshareEntryKind,
  type CostshareFund,
} from "@db/schema";
import { PARTNER_KINDS, TIERS, type Tier } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { addDays, isoDay, startOfDay } from "~/lib/dates";
import { constraintName, sqlState, UserError } from "~/lib/errors";
import { columnIndex, readCsvTable } from "~/lib/csv";
import { DEFAULT_CURRENCY, parseMoney } from "~/lib/money";
import { tenantScope } from "~/lib/scope.server";
import { MAX_MINOR } from "./forms";
import { type ShareRule, utilisationBp } from "./rule";

/**
 * The cost-share ledger core: the only code that writes costshare_entries and the fund figures.
 * Every entry and the change it makes to its fund row happen in one transaction; a change that
 * takes money out of `available` is one guarded UPDATE (available >= amount), and the fund's
 * CHECKs refuse an overdraft or a payment beyond what was claimed if anything slips past.
 */

export type CostshareSettings = typeof costshareSettings.$inferSelect & { currency: string };

export async function getSettings(db: Queryable): Promise<CostshareSettings> {
  const [row] = await db.select().from(costshareSettings).where(eq(costshareSettings.id, 1));
  const [programme] = await db.select({ currency: programmeSettings.currency }).from(programmeSettings).where(eq(programmeSettings.id, 1));
  const settings = row ?? (await db.insert(costshareSettings).values({ id: 1 }).onConflictDoNothing().returning())[0];
  return { ...(settings ?? (await db.select().from(costshareSettings))[0]), currency: programme?.currency ?? DEFAULT_CURRENCY };
}

export function ruleOf(settings: Pick<CostshareSettings, "ruleKind" | "baseShareBp" | "shareTable">): ShareRule {
  return settings.ruleKind === "formula"
    ? { kind: "formula", baseBp: settings.baseShareBp }
    : { kind: "table", table: settings.shareTable };
}

export type Figures = { allocated: number; committed: number; claimed: number; paid: number; expired: number; available: number };

/** What each kind of entry does to the figures (see the schema's comment). */
function deltas(kind: CostshareEntryKind, a: number): Partial<Figures> {
  switch (kind) {
    case "allocation":
    case "accrual":
    case "adjustment":
      return { allocated: a, available: a };
    case "commitment":
      return { committed: a, available: -a };
    case "release":
      return { committed: -a, available: a };
    case "claim":
      return { claimed: a };
    case "payment":
      return { paid: a };
    case "expiry":
      return { expired: a, available: -a };
  }
}

export type EntryInput = {
  fundId: string;
  organisationId: string;
  kind: CostshareEntryKind;
  amount: number;
  sourceKey: string;
  requestId?: string | null;
  claimId?: string | null;
  paymentId?: string | null;
  note?: string | null;
  createdBy?: string | null;
};

/**
 * Appends one entry and applies it to its fund, inside `tx`. When the entry would take
 * `available` below zero the guarded UPDATE matches no row and this throws "not enough funds"
 * (409); a second entry for the same source (kind + sourceKey) is refused by the unique index.
 */
export async function appendEntry(tx: Tx, entry: EntryInput): Promise<CostshareFund> {
  const d = deltas(entry.kind, entry.amount);
  const inc = (col: keyof Figures) => (d[col] ? sql`${sql.identifier(col)} + ${d[col]}` : sql.identifier(col));
  let fund: CostshareFund | undefined;
  try {
    await tx.insert(costshareEntries).values({
      fundId: entry.fundId,
      organisationId: entry.organisationId,
      kind: entry.kind,
      amount: entry.amount,
      sourceKey: entry.sourceKey,
      requestId: entry.requestId ?? null,
      claimId: entry.claimId ?? null,
      paymentId: entry.paymentId ?? null,
      note: entry.note ?? null,
      createdBy: entry.createdBy ?? null,
    });
    const guard = (d.available ?? 0) < 0 ? sql`${costshareFunds.available} >= ${-(d.available ?? 0)}` : undefined;
    [fund] = await tx
      .update(costshareFunds)
      .set({
        allocated: sql`${inc("allocated")}`,
        committed: sql`${inc("committed")}`,
        claimed: sql`${inc("claimed")}`,
        paid: sql`${inc("paid")}`,
        expired: sql`${inc("expired")}`,
        available: sql`${inc("available")}`,
        updatedAt: new Date(),
      })
      .where(and(eq(costshareFunds.id, entry.fundId), guard))
      .returning();
  } catch (error) {
    throw ledgerError(error);
  }
  if (!fund) throw new UserError("errors.costshare.not_enough_funds", undefined, undefined, 409);
  return fund;
}

/** A refused ledger write as the message a person reads, never a 500. */
function ledgerError(error: unknown): unknown {
  const state = sqlState(error);
  if (state === "23505" && constraintName(error) === "costshare_entries_source_unique")
    return new UserError("errors.costshare.already_done", undefined, undefined, 409);
  if (state === "23514") {
    const name = constraintName(error);
    if (name === "costshare_funds_available_not_negative")
      return new UserError("errors.costshare.not_enough_funds", undefined, undefined, 409);
    return new UserError("errors.costshare.figures_refused", undefined, undefined, 409);
  }
  return error;
}

/** The fund of a partner for a period, made empty on first use (one per partner and period). */
export async function ensureFund(db: Queryable, periodId: string, organisationId: string): Promise<CostshareFund> {
  await db.insert(costshareFunds).values({ periodId, organisationId }).onConflictDoNothing();
  const [fund] = await db
    .select()
    .from(costshareFunds)
    .where(and(eq(costshareFunds.periodId, periodId), eq(costshareFunds.organisationId, organisationId)));
  return fund;
}

/** The figures recomputed from the entries alone: what every screen's figures must equal. */
export async function figuresFromEntries(db: Queryable, fundId: string): Promise<Figures> {
  const rows = await db
    .select({ kind: costshareEntries.kind, total: sql<string>`coalesce(sum(${costshareEntries.amount}), 0)` })
    .from(costshareEntries)
    .where(eq(costshareEntries.fundId, fundId))
    .groupBy(costshareEntries.kind);
  const f: Figures = { allocated: 0, committed: 0, claimed: 0, paid: 0, expired: 0, available: 0 };
  for (const r of rows) {
    for (const [k, v] of Object.entries(deltas(r.kind, Number(r.total)))) f[k as keyof Figures] += v;
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// Fund summary: the read other areas (dashboards) use.

export type FundSummaryRow = Figures & {
  organisationId: string;
  organisationName: string;
  tier: Tier;
  region: string;
  /** Claimed / allocated in basis points (2500 = 25%): the utilisation KPI. */
  utilisationBp: number;
  currency: string;
};

/**
 * Allocated, committed, claimed, paid, expired, available and utilisation per partner, summed
 * over the funds of `periodId` (every period when omitted), for `partnerId` or every partner the
 * scope reaches. `scope` is the actor (a partner's people see only their own organisation) or
 * null for trusted internal callers (jobs, reports computed for staff).
 */
export async function fundSummary(
  db: Queryable,
  scope: Actor | null,
  opts: { periodId?: string; partnerId?: string } = {},
): Promise<FundSummaryRow[]> {
  const { currency } = await getSettings(db);
  const sum = (c: AnyPgColumn) => sql<string>`coalesce(sum(${c}), 0)`;
  const rows = await db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      tier: organisations.tier,
      region: organisations.region,
      allocated: sum(costshareFunds.allocated),
      committed: sum(costshareFunds.committed),
      claimed: sum(costshareFunds.claimed),
      paid: sum(costshareFunds.paid),
      expired: sum(costshareFunds.expired),
      available: sum(costshareFunds.available),
    })
    .from(costshareFunds)
    .innerJoin(organisations, eq(organisations.id, costshareFunds.organisationId))
    .where(
      and(
        opts.periodId ? eq(costshareFunds.periodId, opts.periodId) : undefined,
        opts.partnerId ? eq(costshareFunds.organisationId, opts.partnerId) : undefined,
        scope ? tenantScope(scope, costshareFunds.organisationId) : undefined,
      ),
    )
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name));
  return rows.map((r) => {
    const n = {
      allocated: Number(r.allocated),
      committed: Number(r.committed),
      claimed: Number(r.claimed),
      paid: Number(r.paid),
      expired: Number(r.expired),
      available: Number(r.available),
    };
    return { ...r, ...n, utilisationBp: utilisationBp(n.claimed, n.allocated), currency };
  });
}

/** Totals of summary rows, e.g. by tier or region for the usage report. */
export function totalsBy<K extends string>(rows: FundSummaryRow[], key: (r: FundSummaryRow) => K) {
  const out = new Map<K, Figures & { utilisationBp: number }>();
  for (const r of rows) {
    const t = out.get(key(r)) ?? { allocated: 0, committed: 0, claimed: 0, paid: 0, expired: 0, available: 0, utilisationBp: 0 };
    for (const k of ["allocated", "committed", "claimed", "paid", "expired", "available"] as const) t[k] += r[k];
    t.utilisationBp = utilisationBp(t.claimed, t.allocated);
    out.set(key(r), t);
  }
  return [...out.entries()].map(([k, v]) => ({ key: k, ...v }));
}

export async function fundEntries(db: Queryable, actor: Actor, fundId: string) {
  return db
    .select()
    .from(costshareEntries)
    .where(and(eq(costshareEntries.fundId, fundId), tenantScope(actor, costshareEntries.organisationId)))
    .orderBy(desc(costshareEntries.id))
    .limit(200);
}

/** A partner's funds, newest period first (scoped). */
export async function partnerFunds(db: Queryable, actor: Actor, organisationId: string) {
  return db
    .select({ fund: costshareFunds, period: costsharePeriods })
    .from(costshareFunds)
    .innerJoin(costsharePeriods, eq(costsharePeriods.id, costshareFunds.periodId))
    .where(and(eq(costshareFunds.organisationId, organisationId), tenantScope(actor, costshareFunds.organisationId)))
    .orderBy(desc(costsharePeriods.startsOn));
}

// ---------------------------------------------------------------------------------------------
// Periods and settings.

export async function listPeriods(db: Queryable) {
  return db.select().from(costsharePeriods).orderBy(desc(costsharePeriods.startsOn));
}

/** The period whose dates hold `day` (the one that started last when they overlap). */
export async function periodOn(db: Queryable, day: string) {
  const [period] = await db
    .select()
    .from(costsharePeriods)
    .where(and(lte(costsharePeriods.startsOn, day), gte(costsharePeriods.endsOn, day)))
    .orderBy(desc(costsharePeriods.startsOn))
    .limit(1);
  return period ?? null;
}

export async function createPeriod(db: Db, actor: Actor, input: { name: string; startsOn: string; endsOn: string }) {
  const settings = await getSettings(db);
  const expiresOn = isoDay(addDays(startOfDay(input.endsOn), settings.expiryDays));
  return db.transaction(async (tx) => {
    const [period] = await tx
      .insert(costsharePeriods)
      .values({ ...input, expiresOn })
      .onConflictDoNothing()
      .returning();
    if (!period) throw new UserError("errors.costshare.period_exists", "name", undefined, 409);
    await recordAudit(tx, {
      actor,
      action: "costshare.period_created",
      entityType: "costshare_period",
      entityId: period.id,
      details: { ...input, expiresOn },
    });
    return period;
  });
}

export async function saveSettings(db: Db, actor: Actor, values: Partial<typeof costshareSettings.$inferInsert>) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(costshareSettings).where(eq(costshareSettings.id, 1)).for("update");
    await tx
      .update(costshareSettings)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(costshareSettings.id, 1));
    const changed = Object.fromEntries(
      Object.entries(values).filter(([k, v]) => JSON.stringify((before as Record<string, unknown>)?.[k]) !== JSON.stringify(v)),
    );
    await recordAudit(tx, {
      actor,
      action: "costshare.settings_changed",
      entityType: "costshare_settings",
      entityId: "1",
      details: { changed },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Allocations: typed, imported from CSV, or accrued from last period's sales.

async function partnerOrg(db: Queryable, organisationId: string) {
  const [org] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), inArray(organisations.kind, [...PARTNER_KINDS])));
  return org ?? null;
}

/**
 * Adds to (or, as an adjustment, takes from) a partner's allocation for a period. `key` is made
 * when the form was shown, so a double submit allocates once (the second is "already done").
 */
export async function allocate(
  db: Db,
  actor: Actor,
  input: { periodId: string; organisationId: string; amountMinor: number; note: string; key: string; direction?: "add" | "remove" },
) {
  const org = await partnerOrg(db, input.organisationId);
  if (!org) throw new UserError("errors.costshare.no_partner", "organisationId");
  const [period] = await db.select().from(costsharePeriods).where(eq(costsharePeriods.id, input.periodId));
  if (!period) throw new UserError("errors.costshare.no_period", "periodId");
  const remove = input.direction === "remove";
  if (remove && !input.note) throw new UserError("errors.costshare.reason_required", "note");
  return db.transaction(async (tx) => {
    const fund = await ensureFund(tx, period.id, org.id);
    const after = await appendEntry(tx, {
      fundId: fund.id,
      organisationId: org.id,
      kind: remove ? "adjustment" : "allocation",
      amount: remove ? -input.amountMinor : input.amountMinor,
      sourceKey: `form:${input.key}`,
      note: input.note || null,
      createdBy: actor.id,
    });
    await recordAudit(tx, {
      actor,
      action: remove ? "costshare.adjusted" : "costshare.allocated",
      entityType: "costshare_fund",
      entityId: fund.id,
      organisationId: org.id,
      reason: input.note || null,
      details: { period: period.name, amountMinor: remove ? -input.amountMinor : input.amountMinor },
    });
    return after;
  });
}

export type ImportReport = { added: number; errors: Array<{ line: number; key: string; vars?: Record<string, string | number> }> };

/**
 * Allocations from a CSV with columns `partner` (the organisation's exact name) and `amount`
 * (major units), optional `note`. Every row is checked first; nothing is written unless all rows
 * are good, so a file is imported whole or not at all. `fileKey` (the file's hash) makes a
 * second import of the same file "already done".
 */
export async function importAllocations(db: Db, actor: Actor, periodId: string, csv: string, fileKey: string): Promise<ImportReport> {
  const { currency } = await getSettings(db);
  const [period] = await db.select().from(costsharePeriods).where(eq(costsharePeriods.id, periodId));
  if (!period) throw new UserError("errors.costshare.no_period", "periodId");
  const { columns, rows } = readCsvTable(csv, { maxRows: 5000 });
  const partnerCol = columnIndex(columns, "partner", "organisation", "name");
  const amountCol = columnIndex(columns, "amount", "allocation");
  const noteCol = columnIndex(columns, "note");
  if (partnerCol < 0 || amountCol < 0) throw new UserError("errors.costshare.csv_columns", "file");
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.kind, [...PARTNER_KINDS]));
  const byName = new Map(orgs.map((o) => [o.name.trim().toLowerCase(), o.id]));
  const errors: ImportReport["errors"] = [];
  const good: Array<{ orgId: string; amount: number; note: string; line: number }> = [];
  for (const row of rows) {
    const name = (row.fields[partnerCol] ?? "").trim();
    const orgId = byName.get(name.toLowerCase());
    const amount = parseMoney(row.fields[amountCol] ?? "", currency);
    if (!orgId) errors.push({ line: row.line, key: "errors.costshare.csv_partner", vars: { name: name.slice(0, 80) } });
    else if (!amount || amount > MAX_MINOR) errors.push({ line: row.line, key: "errors.costshare.csv_amount" });
    else good.push({ orgId, amount, note: (noteCol >= 0 ? (row.fields[noteCol] ?? "") : "").trim().slice(0, 500), line: row.line });
  }
  if (errors.length || !good.length) return { added: 0, errors: errors.length ? errors : [{ line: 1, key: "errors.costshare.csv_empty" }] };
  await db.transaction(async (tx) => {
    for (const g of good) {
      const fund = await ensureFund(tx, period.id, g.orgId);
      await appendEntry(tx, {
        fundId: fund.id,
        organisationId: g.orgId,
        kind: "allocation",
        amount: g.amount,
        sourceKey: `import:${fileKey}:${g.line}`,
        note: g.note || null,
        createdBy: actor.id,
      });
    }
    await recordAudit(tx, {
      actor,
      action: "costshare.allocations_imported",
      entityType: "costshare_period",
      entityId: period.id,
      details: { rows: good.length, totalMinor: good.reduce((s, g) => s + g.amount, 0) },
    });
  });
  return { added: good.length, errors: [] };
}

/** Each partner's approved sales (list price × quantity of approved claims) with invoices in a period. */
export async function salesInPeriod(db: Queryable, periodId: string) {
  const [period] = await db.select().from(costsharePeriods).where(eq(costsharePeriods.id, periodId));
  if (!period) return [];
  const rows = await db
    .select({
      organisationId: claims.organisationId,
      tier: organisations.tier,
      sales: sql<string>`coalesce(sum(${claimLines.quantity}::bigint * coalesce(${products.listPriceMinor}, 0)), 0)`,
    })
    .from(claims)
    .innerJoin(claimLines, eq(claimLines.claimId, claims.id))
    .innerJoin(products, eq(products.id, claimLines.productId))
    .innerJoin(organisations, eq(organisations.id, claims.organisationId))
    .where(and(eq(claims.status, "approved"), gte(claims.invoiceDate, period.startsOn), lte(claims.invoiceDate, period.endsOn)))
    .groupBy(claims.organisationId, organisations.tier);
  return rows.map((r) => ({ ...r, sales: Number(r.sales) }));
}

/**
 * Accrues each partner's allocation for `periodId` as its tier's rate of its approved sales in
 * `sourcePeriodId`: one rate for every partner of a tier, never graduated by volume (proportionally
 * equal terms). Each fund accrues once (the entry's key is the fund and the source period).
 */
export async function accrue(db: Db, actor: Actor, input: { periodId: string; sourcePeriodId: string; ratesBp: Record<Tier, number> }) {
  const [period] = await db.select().from(costsharePeriods).where(eq(costsharePeriods.id, input.periodId));
  if (!period || input.periodId === input.sourcePeriodId) throw new UserError("errors.costshare.no_period", "periodId");
  const sales = await salesInPeriod(db, input.sourcePeriodId);
  let accrued = 0;
  let partners = 0;
  await db.transaction(async (tx) => {
    for (const tier of TIERS) {
      await tx
        .insert(costshareTierRates)
        .values({ periodId: period.id, tier, rateBp: input.ratesBp[tier] })
        .onConflictDoUpdate({ target: [costshareTierRates.periodId, costshareTierRates.tier], set: { rateBp: input.ratesBp[tier] } });
    }
    for (const s of sales) {
      const amount = Number((BigInt(s.sales) * BigInt(input.ratesBp[s.tier])) / 10000n);
      if (amount <= 0) continue;
      const fund = await ensureFund(tx, period.id, s.organisationId);
      const [done] = await tx
        .select({ id: costshareEntries.id })
        .from(costshareEntries)
        .where(and(eq(costshareEntries.kind, "accrual"), eq(costshareEntries.sourceKey, `accrual:${fund.id}:${input.sourcePeriodId}`)));
      if (done) continue;
      await appendEntry(tx, {
        fundId: fund.id,
        organisationId: s.organisationId,
        kind: "accrual",
        amount,
        sourceKey: `accrual:${fund.id}:${input.sourcePeriodId}`,
        note: `${input.ratesBp[s.tier] / 100}% × ${s.sales}`,
        createdBy: actor.id,
      });
      accrued += amount;
      partners++;
    }
    await recordAudit(tx, {
      actor,
      action: "costshare.accrued",
      entityType: "costshare_period",
      entityId: period.id,
      details: { sourcePeriodId: input.sourcePeriodId, ratesBp: input.ratesBp, partners, accruedMinor: accrued },
    });
  });
  return { partners, accrued };
}

export async function tierRates(db: Queryable, periodId: string) {
  return db.select().from(costshareTierRates).where(eq(costshareTierRates.periodId, periodId));
}

export async function partnerOptions(db: Queryable) {
  return db
    .select({ id: organisations.id, name: organisations.name, tier: organisations.tier, region: organisations.region })
    .from(organisations)
    .where(inArray(organisations.kind, [...PARTNER_KINDS]))
    .orderBy(asc(organisations.name));
}
