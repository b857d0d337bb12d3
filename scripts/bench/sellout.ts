import type postgres from "postgres";
import type { Db } from "@db/client";

/**
 * Sell-out matching at scale: 50,000 waiting claims with two lines each (100,000 claim lines:
 * one by invoice + SKU + quantity, one serial-numbered) against 1,000,000 sell-out rows and
 * 545,000 sold serials, then one whole-queue comparison (refreshMatches, set-based SQL) timed.
 * Its own partners and people (ids 3xxxxxxx-…), so it runs beside the core dataset or alone.
 */
export const SELLOUT_CLAIMS = 50_000;
export const SELLOUT_ROWS = 1_000_000;
const PARTNERS = 500;

const uuid = (prefix: string, n: string) => `('${prefix}-0000-0000-0000-' || lpad((${n})::text, 12, '0'))::uuid`;

export async function seedSellout(sql: postgres.Sql) {
  await sql.unsafe(`
    insert into organisations (id, name, kind, region)
      select ${uuid("30000000", "g")}, 'Bench partner ' || g, 'dealer', 'Bench' from generate_series(1, ${PARTNERS}) g;
    insert into users (id, organisation_id, email, name, role, status)
      select ${uuid("31000000", "g")}, ${uuid("30000000", "g")}, 'bench-seller-' || g || '@bench.example', 'Seller ' || g, 'salesperson', 'active'
      from generate_series(1, ${PARTNERS}) g;
    insert into claims (id, organisation_id, user_id, status, invoice_number, invoice_key, invoice_loose_key, invoice_date, submitted_at, last_submitted_at)
      select ${uuid("32000000", "g")}, ${uuid("30000000", `1 + g % ${PARTNERS}`)}, ${uuid("31000000", `1 + g % ${PARTNERS}`)},
        'in_review', 'B-' || g, 'B-' || g, 'B' || g, current_date - 5, now(), now()
      from generate_series(1, ${SELLOUT_CLAIMS}) g;
    insert into claim_lines (claim_id, position, sku, quantity, serials)
      select ${uuid("32000000", "g")}, p,
        case when p = 0 then 'SKU-' || (g % 200) else 'SKU-S' || (g % 200) end,
        case when p = 0 then 1 + g % 5 else 1 end,
        case when p = 0 then '{}'::text[] else array['SN-' || g] end
      from generate_series(1, ${SELLOUT_CLAIMS}) g, generate_series(0, 1) p;
    insert into sellout_uploads (id, uploader_organisation_id, filename, row_count)
      values ('33000000-0000-0000-0000-000000000001', ${uuid("30000000", "1")}, 'bench.csv', ${SELLOUT_ROWS});
    -- A row for every claim's invoice line (one in seven short by a unit: partly matched) ...
    insert into sellout_rows (upload_id, partner_id, line, invoice_key, invoice_date, sku, quantity)
      select '33000000-0000-0000-0000-000000000001', ${uuid("30000000", `1 + g % ${PARTNERS}`)}, g + 1, 'B-' || g, current_date - 5,
        'SKU-' || (g % 200), greatest(1, 1 + g % 5 - case when g % 7 = 0 then 1 else 0 end)
      from generate_series(1, ${SELLOUT_CLAIMS}) g;
    -- ... and the rest of the million other sales.
    insert into sellout_rows (upload_id, partner_id, line, invoice_key, invoice_date, sku, quantity)
      select '33000000-0000-0000-0000-000000000001', ${uuid("30000000", `1 + g % ${PARTNERS}`)}, g + 1, 'N-' || g, current_date - 30,
        'SKU-' || (g % 200), 1 + g % 3
      from generate_series(${SELLOUT_CLAIMS + 1}, ${SELLOUT_ROWS}) g;
    -- Serials: nine in ten claimed ones sold by the claimant, one in fifty by another partner, plus 500,000 others.
    insert into sellout_serials (serial, upload_id, partner_id, sku)
      select 'SN-' || g, '33000000-0000-0000-0000-000000000001',
        ${uuid("30000000", `1 + (g + case when g % 50 = 0 then 1 else 0 end) % ${PARTNERS}`)}, 'SKU-S' || (g % 200)
      from generate_series(1, ${SELLOUT_CLAIMS}) g where g % 10 <> 0;
    insert into sellout_serials (serial, upload_id, partner_id, sku)
      select 'NS-' || g, '33000000-0000-0000-0000-000000000001', ${uuid("30000000", `1 + g % ${PARTNERS}`)}, 'SKU-S' || (g % 200)
      from generate_series(1, 500000) g;
  `);
}

export type SelloutFigures = { claimLines: number; selloutRows: number; ms: number; byStatus: Record<string, number> };

/** One whole-queue comparison, timed; the outcome counted by status. */
export async function timeSellout(sql: postgres.Sql, db: Db): Promise<SelloutFigures> {
  const { refreshMatches } = await import("../../app/domain/sellout/match.server");
  const t = performance.now();
  await refreshMatches(db);
  const ms = performance.now() - t;
  const [{ lines }] = await sql<Array<{ lines: number }>>`
    select count(*)::int as lines from claim_lines l join claims c on c.id = l.claim_id where c.status = 'in_review'`;
  const [{ rows }] = await sql<Array<{ rows: number }>>`select count(*)::int as rows from sellout_rows`;
  const counts = await sql<
    Array<{ status: string; n: number }>
  >`select status::text, count(*)::int as n from sellout_matches group by status`;
  return { claimLines: lines, selloutRows: rows, ms, byStatus: Object.fromEntries(counts.map((c) => [c.status, c.n])) };
}
