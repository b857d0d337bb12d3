import { type Placeholder, type SQL, and, asc, desc, eq, gte, lte, notInArray, sql } from "drizzle-orm";
import { rowsOf, type Queryable, type Tx } from "@db/client";
import { preparedQuery } from "@db/prepared";
import { ledgerAllocations, ledgerEntries, pointAccounts, programmeSettings, type LedgerKind } from "@db/schema";
import { UserError, sqlState } from "~/lib/errors";
import { addDays } from "~/lib/dates";
import { expiryFor } from "./earning-expiry.server";

export type Participant = { userId: string; organisationId: string };
export type CalculationLine = { key: string; vars?: Record<string, string | number> };

type EntryInput = Participant & {
  sourceType: string;
  sourceId: string;
  descriptionKey: string;
  descriptionVars?: Record<string, string | number>;
  calculation?: CalculationLine[];
  createdBy?: string | null;
  reversesEntryId?: number | null;
};

/** Sources whose credits count toward the optional monthly earning cap. */
const UNCAPPED_SOURCES = ["welcome", "adjustment", "order"];

// Read by most pages (point value, expiry, caps): built once per database handle (db/prepared.ts).
const settingsRow = preparedQuery((db: Queryable) => db.select().from(programmeSettings).where(eq(programmeSettings.id, 1)).limit(1));

export async function getSettings(db: Queryable) {
  const [row] = await settingsRow(db, {});
  if (row) return row;
  const [created] = await db.insert(programmeSettings).values({ id: 1 }).onConflictDoNothing().returning();
  return created ?? (await db.select().from(programmeSettings).where(eq(programmeSettings.id, 1)))[0];
}

/** Creates the account row if needed and locks it: every change to one participant's points queues here. */
async function lockAccount(tx: Tx, p: Participant): Promise<number> {
  await tx.insert(pointAccounts).values({ userId: p.userId, organisationId: p.organisationId }).onConflictDoNothing();
  const [row] = await tx
    .select({ balance: pointAccounts.balance })
    .from(pointAccounts)
    .where(eq(pointAccounts.userId, p.userId))
    .for("update");
  return row.balance;
}

/**
 * Appends one entry; null when this participant already has an entry of this kind for this
 * source (the unique key decides, whoever got there first).
 */
async function appendEntry(tx: Tx, input: EntryInput & { kind: LedgerKind }, amount: number, expiresAt: Date | null) {
  const [entry] = await tx
    .insert(ledgerEntries)
    .values({
      userId: input.userId,
      organisationId: input.organisationId,
      kind: input.kind,
      sourceType: input.sourceType,
      sourceId: input.sourceId,
      amount,
      expiresAt,
      descriptionKey: input.descriptionKey,
      descriptionVars: input.descriptionVars ?? {},
      calculation: input.calculation ?? null,
      createdBy: input.createdBy ?? null,
      reversesEntryId: input.reversesEntryId ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: ledgerEntries.id });
  return entry ?? null;
}

export type CreditResult = { entryId: number | null; credited: number; duplicate: boolean; capped: boolean };

/**
 * Appends a positive entry (a "lot") and raises the balance, inside the caller's transaction.
 * The unique key on (participant, kind, source) makes a second credit for the same source a
 * no-op, whoever races to it. With `applyCap`, the monthly earning cap trims the amount.
 */
export async function creditPoints(
  tx: Tx,
  input: EntryInput & {
    kind: Extract<LedgerKind, "earn" | "adjust" | "reverse">;
    amount: number;
    applyCap?: boolean;
    expiresAt?: Date | null;
  },
): Promise<CreditResult> {
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw new Error(`credit amount must be a positive integer, got ${input.amount}`);
  await lockAccount(tx, input);
  const settings = await getSettings(tx);
  let amount = input.amount;
  let capped = false;
  if (input.applyCap && settings.monthlyEarnCap) {
    const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    const [{ earned }] = await tx
      .select({ earned: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)::int` })
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.userId, input.userId),
          eq(ledgerEntries.kind, "earn"),
          gte(ledgerEntries.createdAt, monthStart),
          notInArray(ledgerEntries.sourceType, UNCAPPED_SOURCES),
        ),
      );
    const room = Math.max(0, settings.monthlyEarnCap - earned);
    if (room < amount) {
      amount = room;
      capped = true;
    }
  }
  if (amount === 0) return { entryId: null, credited: 0, duplicate: false, capped };
  const calculation = capped
    ? [...(input.calculation ?? []), { key: "ledger.calc.capped", vars: { cap: settings.monthlyEarnCap!, points: amount } }]
    : input.calculation;
  const entry = await appendEntry(
    tx,
    { ...input, calculation },
    amount,
    // Unless the caller names an expiry, the earning source's own (issue 19): months, never, or the programme's.
    input.expiresAt === undefined ? await expiryFor(tx, input.sourceType, settings.expiryMonths) : input.expiresAt,
  );
  if (!entry) return { entryId: null, credited: 0, duplicate: true, capped: false };
  await tx
    .update(pointAccounts)
    .set({
      balance: sql`${pointAccounts.balance} + ${amount}`,
      earnedTotal: sql`${pointAccounts.earnedTotal} + ${input.kind === "earn" ? amount : 0}`,
      updatedAt: new Date(),
    })
    .where(eq(pointAccounts.userId, input.userId));
  return { entryId: entry.id, credited: amount, duplicate: false, capped };
}

/** Lots of a participant with what is left of each, oldest expiry first. */
async function openLots(tx: Queryable, userId: string, opts: { dueBy?: Date } = {}) {
  const rows = await tx.execute(sql`
    select e.id, e.expires_at as "expiresAt",
      e.amount - coalesce((select sum(a.points) from ledger_allocations a where a.lot_entry_id = e.id), 0) as remaining
    from ledger_entries e
    where e.user_id = ${userId} and e.amount > 0 ${opts.dueBy ? sql`and e.expires_at <= ${opts.dueBy.toISOString()}` : sql``}
    order by e.expires_at asc nulls last, e.id asc`);
  return rowsOf<{ id: number | string; expiresAt: string | Date | null; remaining: number | string }>(rows)
    .map((r) => ({ id: Number(r.id), expiresAt: r.expiresAt ? new Date(r.expiresAt) : null, remaining: Number(r.remaining) }))
    .filter((r) => r.remaining > 0);
}

async function allocate(tx: Tx, debitEntryId: number, userId: string, points: number, lots?: Array<{ id: number; remaining: number }>) {
  let left = points;
  const rows: Array<{ debitEntryId: number; lotEntryId: number; points: number }> = [];
  for (const lot of lots ?? (await openLots(tx, userId))) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    rows.push({ debitEntryId, lotEntryId: lot.id, points: take });
    left -= take;
  }
  // The balance guard passed, so the lots must cover it; if not, the ledger is inconsistent.
  if (left > 0) throw new Error(`ledger lots do not cover a debit of ${points} for ${userId}`);
  if (rows.length) await tx.insert(ledgerAllocations).values(rows);
}

/** Expires every due lot of one participant; the caller holds the account lock. */
async function expireLotsOfUser(tx: Tx, p: Participant, now: Date): Promise<number> {
  let expired = 0;
  for (const lot of await openLots(tx, p.userId, { dueBy: now })) {
    const entry = await appendEntry(
      tx,
      {
        ...p,
        kind: "expire",
        sourceType: "lot",
        sourceId: String(lot.id),
        descriptionKey: "ledger.desc.expired",
        descriptionVars: { date: lot.expiresAt!.toISOString() },
      },
      -lot.remaining,
      null,
    );
    if (!entry) continue;
    await tx.insert(ledgerAllocations).values({ debitEntryId: entry.id, lotEntryId: lot.id, points: lot.remaining });
    await tx
      .update(pointAccounts)
      .set({ balance: sql`${pointAccounts.balance} - ${lot.remaining}`, updatedAt: new Date() })
      .where(eq(pointAccounts.userId, p.userId));
    expired += lot.remaining;
  }
  return expired;
}

export type DebitResult = { entryId: number; balance: number; duplicate: boolean };

/**
 * Takes points away inside the caller's transaction: due lots are expired first, then one
 * guarded UPDATE lowers the balance only if it covers the amount, and the debit is allocated
 * to the oldest lots. Not enough points is a clear 409 for the user, never a negative balance.
 */
export async function debitPoints(
  tx: Tx,
  input: EntryInput & { kind: Extract<LedgerKind, "redeem" | "adjust" | "reverse">; amount: number },
): Promise<DebitResult> {
  if (!Number.isInteger(input.amount) || input.amount <= 0) throw new Error(`debit amount must be a positive integer, got ${input.amount}`);
  await lockAccount(tx, input);
  await expireLotsOfUser(tx, input, new Date());
  const entry = await appendEntry(tx, input, -input.amount, null);
  if (!entry) {
    const [existing] = await tx
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.userId, input.userId),
          eq(ledgerEntries.kind, input.kind),
          eq(ledgerEntries.sourceType, input.sourceType),
          eq(ledgerEntries.sourceId, input.sourceId),
        ),
      );
    const [acc] = await tx.select({ balance: pointAccounts.balance }).from(pointAccounts).where(eq(pointAccounts.userId, input.userId));
    return { entryId: existing.id, balance: acc.balance, duplicate: true };
  }
  let updated: Array<{ balance: number }>;
  try {
    updated = await tx
      .update(pointAccounts)
      .set({
        balance: sql`${pointAccounts.balance} - ${input.amount}`,
        spentTotal: sql`${pointAccounts.spentTotal} + ${input.kind === "redeem" ? input.amount : 0}`,
        updatedAt: new Date(),
      })
      .where(and(eq(pointAccounts.userId, input.userId), gte(pointAccounts.balance, input.amount)))
      .returning({ balance: pointAccounts.balance });
  } catch (error) {
    if (sqlState(error) === "23514") throw new UserError("ledger.insufficient", undefined, { count: input.amount }, 409);
    throw error;
  }
  if (!updated.length) throw new UserError("ledger.insufficient", undefined, { count: input.amount }, 409);
  await allocate(tx, entry.id, input.userId, input.amount);
  return { entryId: entry.id, balance: updated[0].balance, duplicate: false };
}

/**
 * Gives back the points of a debit (a cancelled order, a withdrawn adjustment). The refund
 * keeps the expiry of the lots the debit had used, but never less than 30 days from now.
 */
export async function refundDebit(tx: Tx, debitEntryId: number, input: Omit<EntryInput, keyof Participant | "reversesEntryId">) {
  const [debit] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, debitEntryId));
  if (!debit || debit.amount >= 0) throw new Error(`entry ${debitEntryId} is not a debit`);
  const lots = await tx
    .select({ expiresAt: ledgerEntries.expiresAt })
    .from(ledgerAllocations)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerAllocations.lotEntryId))
    .where(eq(ledgerAllocations.debitEntryId, debitEntryId))
    .orderBy(asc(ledgerEntries.expiresAt));
  const floor = addDays(Date.now(), 30).getTime();
  const earliest = lots[0]?.expiresAt?.getTime() ?? floor;
  return creditPoints(tx, {
    ...input,
    userId: debit.userId,
    organisationId: debit.organisationId,
    kind: "reverse",
    amount: -debit.amount,
    reversesEntryId: debit.id,
    expiresAt: new Date(Math.max(earliest, floor)),
  });
}

/** Participants whose due lots one transaction of the expiry job closes. */
const EXPIRY_BATCH = 1000;

/**
 * The expiry job, set-based: for a batch of participants with due lots it locks their accounts in
 * id order (the order every other multi-account writer uses, so no deadlock with a checkout or a
 * debit, which lock one account and wait here), then ONE statement appends an expire entry for
 * what is left of each due lot, allocates it to the lot, lowers each balance by the sum and takes
 * the lots off lot_expiry_queue (db/schema/expiry.ts). A run reads only the queue's due rows,
 * never the years of lots closed before, and costs a handful of statements however many are due.
 *
 * Safe under concurrent debits: a debit holds its account lock while it spends or expires lots,
 * so the statement (run after the locks, under a fresh snapshot) sees what it left, and the unique
 * (participant, kind, source) key on the ledger makes a lot expire once even if a debit expired it
 * first. Balances cannot go negative: what expires is what the lot has left, which the balance
 * holds, and the CHECK on point_accounts would refuse it anyway. Safe to run twice and in several
 * processes (the second waits on the locks and finds nothing left).
 */
export async function expireDuePoints(db: { transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T> } & Queryable, now = new Date()) {
  const at = now.toISOString();
  let participants = 0;
  let points = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      // The batch: participants with a due lot, in id order; their accounts locked in that order.
      // One more than a batch is asked for, so a run over exactly a batch knows it is done without a
      // second, empty transaction (the extra account is locked too, harmlessly, until the commit).
      // `= any(array(...))`: the account rows by their key, not a hash join over every account
      // (issue 17: a sequential scan of all 100,000 accounts was 34 ms of the run).
      const locked = rowsOf<{ user_id: string }>(
        await tx.execute(sql`
          select a.user_id from point_accounts a
          where a.user_id = any(array(
            select distinct q.user_id from lot_expiry_queue q where q.expires_at <= ${at} order by q.user_id limit ${EXPIRY_BATCH + 1}))
          order by a.user_id
          for update of a`),
      ).map((r) => r.user_id);
      const more = locked.length > EXPIRY_BATCH;
      const users = locked.slice(0, EXPIRY_BATCH);
      if (!users.length) {
        // Lots of people without an account row cannot hold points; clear them rather than loop on them.
        await tx.execute(sql`delete from lot_expiry_queue q where q.expires_at <= ${at}
          and not exists (select 1 from point_accounts a where a.user_id = q.user_id)`);
        return null;
      }
      // One array parameter (ids read back from the database, so a plain literal), not 1,000 of them.
      const ids = sql`${`{${users.join(",")}}`}::uuid[]`;
      const [row] = rowsOf<{ participants: number | string; points: number | string | null }>(
        await tx.execute(sql`
          with due as (
            select q.entry_id, e.user_id, e.organisation_id, e.expires_at,
              e.amount - coalesce((select sum(al.points) from ledger_allocations al where al.lot_entry_id = e.id), 0) as remaining
            from lot_expiry_queue q join ledger_entries e on e.id = q.entry_id
            where q.expires_at <= ${at} and q.user_id = any(${ids})
          ), expired as (
            insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, description_key, description_vars)
              select user_id, organisation_id, 'expire', 'lot', entry_id::text, -remaining, 'ledger.desc.expired',
                jsonb_build_object('date', to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
              from due where remaining > 0
              order by user_id, expires_at, entry_id
            -- The source key only (not the id's key too): one check per row fewer.
            on conflict (kind, source_type, source_id, user_id) do nothing
            returning id, user_id, source_id, amount
          ), allocated as (
            insert into ledger_allocations (debit_entry_id, lot_entry_id, points)
              select id, source_id::bigint, -amount from expired
          ), lowered as (
            update point_accounts a set balance = a.balance - s.points, updated_at = now()
              from (select user_id, sum(-amount)::int as points from expired group by user_id) s
              where a.user_id = s.user_id
            returning s.points
          ), closed as (
            -- Every due lot of the batch is closed now (expired here, or spent or expired before).
            delete from lot_expiry_queue q using due where q.entry_id = due.entry_id
          )
          select count(*) as participants, sum(points) as points from lowered`),
      );
      return { participants: Number(row.participants), points: Number(row.points ?? 0), more };
    });
    if (!batch) break;
    participants += batch.participants;
    points += batch.points;
    if (!batch.more) break;
  }
  return { participants, points };
}

export async function getBalance(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.select({ balance: pointAccounts.balance }).from(pointAccounts).where(eq(pointAccounts.userId, userId));
  return row?.balance ?? 0;
}

/**
 * What is left of one participant's lots that expire within the programme's warning period
 * (`expiry_warning_days`, the admin's setting), as a JSON column of another statement: the one
 * "expiring soon" window of /points, /home, team points and the warning mails. Read off
 * lot_expiry_queue by person and expiry (lot_expiry_queue_user_idx): only the lots the expiry job
 * has not closed, so a lot already due counts until the job closes it (as in team points), and
 * the expired lots of past months are never read (docs/performance.md, "Team points, seventh
 * round": 20 past lots per person made such a sum ~20 times slower). Null before the programme's
 * settings row exists (getSettings makes it).
 */
export function expiringSoonJson(userId: string | Placeholder): SQL<ExpiringSoon | string | null> {
  return sql<ExpiringSoon | string | null>`(select json_build_object(
      'days', ps.expiry_warning_days, 'points', coalesce(sum(l.remaining), 0), 'earliest', min(l.expires_at))
    from ${programmeSettings} ps
    left join lateral (
      select q.expires_at, e.amount - coalesce((select sum(al.points) from ledger_allocations al where al.lot_entry_id = e.id), 0) as remaining
      from lot_expiry_queue q join ledger_entries e on e.id = q.entry_id
      where q.user_id = ${userId} and q.expires_at <= now() + ps.expiry_warning_days * interval '1 day'
    ) l on l.remaining > 0
    where ps.id = 1
    group by ps.expiry_warning_days)`;
}

export type ExpiringSoon = { days: number; points: number; earliest: string | Date | null };

/** expiringSoonJson's column as figures; null while the settings row is not made yet. */
export function expiringSoonOf(v: ExpiringSoon | string | null | undefined) {
  const e = typeof v === "string" ? (JSON.parse(v) as ExpiringSoon) : v;
  if (!e) return null;
  return { days: Number(e.days), points: Number(e.points), earliest: e.earliest ? new Date(e.earliest) : null };
}

/** Points that will expire by `until`, with the earliest date and the lots, from the lots still open. */
export async function expiringPoints(db: Queryable, userId: string, until: Date) {
  const lots = (await openLots(db, userId)).filter((l) => l.expiresAt && l.expiresAt <= until);
  return { points: lots.reduce((s, l) => s + l.remaining, 0), earliest: lots[0]?.expiresAt ?? null, lots };
}

export type HistoryFilter = { kind?: LedgerKind; from?: Date; to?: Date; limit?: number };

export async function pointsHistory(db: Queryable, userId: string, filter: HistoryFilter = {}) {
  return db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.userId, userId),
        filter.kind ? eq(ledgerEntries.kind, filter.kind) : undefined,
        filter.from ? gte(ledgerEntries.createdAt, filter.from) : undefined,
        filter.to ? lte(ledgerEntries.createdAt, filter.to) : undefined,
      ),
    )
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
    .limit(filter.limit ?? 200);
}

/** Outstanding liability: every unspent point, and its money value in minor units. */
export async function pointLiability(db: Queryable) {
  const settings = await getSettings(db);
  const [row] = await db.select({ points: sql<number>`coalesce(sum(${pointAccounts.balance}), 0)::int` }).from(pointAccounts);
  return { points: row.points, valueMinor: row.points * settings.pointValueMinor, currency: settings.currency };
}
