import { sql } from "drizzle-orm";
import { CLAIMANTS, PARTNER_ROLES_SQL_LIST } from "../../db/schema/enums";
import type { Db } from "../../db/client";

/**
 * Report test data spread over the last 15 months, made in SQL (generate_series, no loops):
 * ledger entries of every kind for each partner person, and sales claims in every status with
 * lines of the catalogue's products (and one unknown SKU). Tagged "report-test" / "RT-" so a
 * test can tell them from the demo seed's. Dates are relative to now, so the periods a test
 * asks for (this month, last month, a quarter, last year) always hold data.
 */
export async function seedReportData(db: Db, opts: { perPerson?: number } = {}) {
  const n = opts.perPerson ?? 40;
  // The demo people were invited and activated "now"; spread them over the past two years so
  // past periods have signed-up people (and some invitations and activations) to count.
  await db.execute(sql`
    update users set created_at = now() - ((hashtext(id::text) & 511) + 20) * interval '1 day',
      activated_at = case when activated_at is not null then now() - ((hashtext(id::text) & 511) + 10) * interval '1 day' end
    where role in ${sql.raw(PARTNER_ROLES_SQL_LIST)}`);
  await db.execute(sql`
    insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, description_key, created_at, expires_at)
    select u.id, u.organisation_id, k.kind::ledger_kind, 'report-test', 'rt-' || g, k.amount, 'ledger.desc.test',
      now() - (g * 11 + (hashtext(u.id::text) & 7)) * interval '1 day' - (g % 13) * interval '1 hour',
      case when k.amount > 0 then now() + (g * 9 - 90) * interval '1 day' end
    from users u
    cross join generate_series(1, ${n}) g
    cross join lateral (select
      (array['earn', 'earn', 'redeem', 'earn', 'expire', 'adjust'])[g % 6 + 1] as kind,
      case (g % 6) when 2 then -((g % 7) + 1) * 5 when 4 then -((g % 3) + 1) * 3 else ((g % 11) + 1) * 10 end as amount) k
    where u.role in ${sql.raw(PARTNER_ROLES_SQL_LIST)} and u.status = 'active'
      and (g + hashtext(u.id::text)) % 3 <> 0`);
  await db.execute(sql`
    insert into claims (organisation_id, user_id, status, invoice_number, invoice_key, invoice_date, points, submitted_at, last_submitted_at, decided_at, created_at)
    select x.organisation_id, x.user_id, x.status::claim_status, x.inv, upper(x.inv), x.sent::date, x.points, x.sent, x.sent + interval '2 hours',
      case when x.status in ('approved', 'rejected') then x.sent + ((x.g % 9) * interval '1 day') + interval '5 hours' end, x.sent
    from (
      select u.organisation_id, u.id as user_id, g,
        (array['in_review', 'approved', 'rejected', 'info_requested', 'approved', 'manager_check', 'approved'])[g % 7 + 1] as status,
        'RT-' || g || '-' || left(u.id::text, 8) as inv,
        now() - (g * 13 + (hashtext(u.id::text) & 3)) * interval '1 day' as sent,
        g * 7 as points
      from users u cross join generate_series(1, ${n}) g
      where u.role in ${sql.raw(`(${CLAIMANTS.map((r) => `'${r}'`).join(", ")})`)} and u.status = 'active') x`);
  await db.execute(sql`
    insert into claim_lines (claim_id, position, sku, product_id, quantity, points)
    select c.id, k, p.sku, p.id, (c.number % 5) + 1, ((c.number % 5) + 1) * 10
    from claims c cross join generate_series(1, 2) k
    cross join lateral (select id, sku from products order by sku offset ((c.number + k) % 8) limit 1) p
    where c.invoice_number like 'RT-%' and (k = 1 or c.number % 2 = 0)`);
  // A line whose SKU matched no product: counted in units, shown under its SKU.
  await db.execute(sql`
    insert into claim_lines (claim_id, position, sku, product_id, quantity, points)
    select c.id, 9, 'UNKNOWN-1', null, 3, 0 from claims c where c.invoice_number like 'RT-%' and c.number % 5 = 0`);
}
