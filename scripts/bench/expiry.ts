import type { Db } from "@db/client";
import type { BenchContext } from "./types";

/**
 * The expiry job at scale. On top of the core ledger (1,000,000 open lots expiring next year) it
 * adds `pastLots` lots that expired long ago and were closed by the job then (their expire entry
 * and allocation written), as years of running leave behind, and 1,000 lots due now, one each
 * for 1,000 participants. Then it times one run of the job (after a run with nothing due yet, as
 * the server's timer runs it), and a second run with nothing due.
 */
export const DUE_LOTS = 1_000;

export async function seedExpiry({ sql, participants }: BenchContext, pastLots: number) {
  await sql.unsafe(`
    with past as (
      insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, expires_at, description_key, created_at)
        select u.id, u.organisation_id, 'earn', 'claim', 'past:' || g, 20, now() - interval '400 days' + (g % 300) * interval '1 hour', 'claims.desc.approved', now() - interval '800 days'
        from generate_series(1, ${pastLots}) g
        join users u on u.id = ('20000000-0000-0000-0000-' || lpad((1 + g % ${participants})::text, 12, '0'))::uuid
      returning id, user_id, organisation_id, amount, expires_at
    ), expired as (
      insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, description_key, created_at)
        select user_id, organisation_id, 'expire', 'lot', id::text, -amount, 'ledger.desc.expired', expires_at from past
      returning id, source_id, amount
    )
    insert into ledger_allocations (debit_entry_id, lot_entry_id, points) select id, source_id::bigint, -amount from expired;

    insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, expires_at, description_key)
      select u.id, u.organisation_id, 'earn', 'claim', 'due:' || g, 25, now() - interval '1 hour', 'claims.desc.approved'
      from generate_series(1, ${DUE_LOTS}) g
      join users u on u.id = ('20000000-0000-0000-0000-' || lpad((g * 37 % ${participants} + 1)::text, 12, '0'))::uuid;
    update point_accounts a set balance = balance + 25, earned_total = earned_total + 25
      from ledger_entries e where e.source_id like 'due:%' and e.user_id = a.user_id;
  `);
  // The past lots were closed by the job back then, so they are no longer waiting for it (the
  // queue does not exist in builds before it, which the bench can also measure).
  const [{ queue }] = await sql<Array<{ queue: string | null }>>`select to_regclass('lot_expiry_queue')::text as queue`;
  if (queue) await sql.unsafe("delete from lot_expiry_queue where expires_at < now() - interval '2 days'");
}

export type ExpiryFigures = { lots: number; due: number; firstRunMs: number; expiredLots: number; secondRunMs: number };

export async function timeExpiry({ sql }: BenchContext, db: Db): Promise<ExpiryFigures> {
  const { expireDuePoints } = await import("../../app/domain/points/ledger.server");
  const [{ lots }] = await sql<Array<{ lots: number }>>`select count(*)::int as lots from ledger_entries where amount > 0`;
  // The job runs on a timer in every server process (every 5 s by default), so the run that finds
  // 1,000 lots due follows runs that found none, on connections that have run its statements. One
  // such run first, as of two hours ago (the due lots expired an hour ago): the timed run is the
  // job's steady state, not a new connection's first statements (login, catalogue reads, plans).
  await expireDuePoints(db, new Date(Date.now() - 2 * 3_600_000));
  let t = performance.now();
  await expireDuePoints(db);
  const firstRunMs = performance.now() - t;
  const [{ expired }] = await sql<Array<{ expired: number }>>`
    select count(*)::int as expired from ledger_entries where kind = 'expire' and created_at > now() - interval '10 minutes'`;
  t = performance.now();
  await expireDuePoints(db);
  const secondRunMs = performance.now() - t;
  return { lots, due: DUE_LOTS, firstRunMs, expiredLots: expired, secondRunMs };
}
