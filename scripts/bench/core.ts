import type { BenchContext, BenchDataset } from "./types";

/**
 * The portal at scale: 1,000 partner organisations and N participants (100,000 by default) with
 * 10 lots each in the ledger (1,000,000 rows), one contest everyone is in (as many entries and a
 * summary row each), 10,000 claims waiting for review, a shop of 200 rewards, and one partner of
 * 500 people whose executive reads their points.
 */
export const MAKER = "00000000-0000-0000-0000-000000000001";
export const BIG_PARTNER = "10000000-0000-0000-0000-000000000001";
export const CONTEST = "30000000-0000-0000-0000-000000000001";
export const CHANNEL_MANAGER = "21000000-0000-0000-0000-000000000001";
export const EXECUTIVE = "21000000-0000-0000-0000-000000000002";
export const userId = (n: number) => `20000000-0000-0000-0000-${String(n).padStart(12, "0")}`;
/** The salesperson whose pages are measured: in the middle of the board, in an ordinary partner. */
export const viewer = (ctx: BenchContext) => userId(Math.floor(ctx.participants / 2) + 1);

const LOTS_PER_PARTICIPANT = 10;
const WAITING_CLAIMS = 10_000;
const REWARDS = 200;
const TEAM = 500;

export const core: BenchDataset = {
  name: "core",
  async seed({ sql, participants }) {
    await sql.unsafe(`
      insert into organisations (id, name, kind, region, tier) values ('${MAKER}', 'Bench Maker', 'manufacturer', 'Global', 'platinum');
      insert into organisations (id, name, kind, region, tier)
        select ('10000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 'Partner ' || g, 'dealer', 'Region ' || (g % 10), (array['registered','silver','gold','platinum'])[1 + g % 4]::tier
        from generate_series(1, 1000) g;
      -- The first ${TEAM} people work for partner 1 (the executive's team); the rest spread over the others.
      insert into users (id, organisation_id, email, name, role, status)
        select ('20000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid,
          ('10000000-0000-0000-0000-' || lpad((case when g <= ${TEAM} then 1 else 2 + g % 999 end)::text, 12, '0'))::uuid,
          'seller' || g || '@bench.example', 'Seller ' || g, 'salesperson', 'active'
        from generate_series(1, ${participants}) g;
      insert into users (id, organisation_id, email, name, role, status) values
        ('${CHANNEL_MANAGER}', '${MAKER}', 'channel@bench.example', 'Bench Channel', 'channel_manager', 'active'),
        ('${EXECUTIVE}', '${BIG_PARTNER}', 'executive@bench.example', 'Bench Executive', 'executive', 'active');
      -- Each lot described as an approved claim's credit is (the key and values review.server.ts writes),
      -- so /points draws each line of its history as it would for a real claim.
      insert into ledger_entries (user_id, organisation_id, kind, source_type, source_id, amount, expires_at, description_key, description_vars)
        select u.id, u.organisation_id, 'earn', 'claim', u.id || ':' || s, 10 + abs(s * 7 + hashtext(u.id::text)) % 90, now() + interval '1 year',
          'claims.ledger.credit', jsonb_build_object('number', 'CL-' || s, 'invoice', 'INV-' || s)
        from users u cross join generate_series(1, ${LOTS_PER_PARTICIPANT}) s where u.role = 'salesperson';
      insert into point_accounts (user_id, organisation_id, balance, earned_total)
        select user_id, organisation_id, sum(amount), sum(amount) from ledger_entries group by user_id, organisation_id;
      insert into contests (id, name, rules, starts_at, ends_at, grace_days, roles, metric)
        values ('${CONTEST}', 'Bench contest', 'Most points from sales wins.', now() - interval '30 days', now() + interval '30 days', 7, '{salesperson}', 'sales_points');
      insert into contest_prizes (contest_id, rank_from, rank_to, points) values ('${CONTEST}', 1, 10, 1000);
      insert into contest_entries (contest_id, participant_id, user_id, organisation_id, source_type, source_id, value, occurred_at)
        select '${CONTEST}', user_id, user_id, organisation_id, 'claim', source_id, amount, now() - (id % 1000) * interval '1 minute'
        from ledger_entries;
      insert into contest_scores (contest_id, participant_id, organisation_id, score, reached_at)
        select contest_id, participant_id, organisation_id, sum(value), max(occurred_at) from contest_entries group by contest_id, participant_id, organisation_id;

      -- Claims: 50 products; ${WAITING_CLAIMS} claims in review, one line each.
      insert into products (sku, name, category, points_per_unit)
        select 'SKU-' || g, 'Product ' || g, 'Category ' || (g % 5), 10 + g from generate_series(1, 50) g;
      insert into claims (organisation_id, user_id, status, invoice_number, invoice_key, invoice_loose_key, invoice_date, points, submitted_at, last_submitted_at)
        select u.organisation_id, u.id, 'in_review', 'INV-' || g, 'INV-' || g, 'INV' || g, current_date - (g % 20), 10 + g % 90,
          now() - (g % 2000) * interval '1 minute', now() - (g % 2000) * interval '1 minute'
        from generate_series(1, ${WAITING_CLAIMS}) g join users u on u.id = ('20000000-0000-0000-0000-' || lpad((1 + g % ${participants})::text, 12, '0'))::uuid;
      insert into claim_lines (claim_id, position, sku, product_id, quantity, points)
        select c.id, 0, p.sku, p.id, 1, c.points from claims c join products p on p.sku = 'SKU-' || (1 + c.number % 50);

      -- Shop: 5 categories, ${REWARDS} rewards open to everyone, stock on each.
      insert into shop_categories (slug, name_en, sort_order)
        select 'bench-' || g, 'Category ' || g, g from generate_series(1, 5) g;
      insert into rewards (category_id, name, description, points_price, kind)
        select (select id from shop_categories where slug = 'bench-' || (1 + g % 5)), 'Reward ' || g, 'A reward.', 100 + g * 10, 'physical'
        from generate_series(1, ${REWARDS}) g;
      -- Every reward and category also named in Russian, as a translated programme has them.
      insert into content_translations (entity_type, entity_id, field, locale, text)
        select 'reward', id, 'name', 'ru'::locale, 'Награда ' || name from rewards
        union all select 'shop_category', id, 'name', 'ru'::locale, 'Категория ' || name_en from shop_categories
        on conflict do nothing;
      insert into reward_variants (reward_id, stock) select id, 10 from rewards;
    `);
    // The viewer has answered the shop's first question (otherwise /shop asks it first).
    await sql`insert into shop_profiles (user_id) values (${viewer({ sql, participants })})`;
  },
  pages(ctx) {
    const seller = viewer(ctx);
    return [
      { name: "/healthz", path: "/healthz", signedIn: false, expect: "ok" },
      { name: "/login", path: "/login", signedIn: false, expect: "<form" },
      { name: "/home", path: "/home", as: seller, signedIn: true, expect: "<main" },
      { name: "/points", path: "/points", as: seller, signedIn: true, expect: "<main" },
      { name: "/claims/new", path: "/claims/new", as: seller, signedIn: true, expect: "<form" },
      { name: "contest board", path: `/contests/${CONTEST}`, as: seller, signedIn: true, expect: /data-testid="my-position"/ },
      { name: "review queue", path: "/claims/review", as: CHANNEL_MANAGER, signedIn: true, expect: "INV-" },
      { name: "/shop", path: "/shop", as: seller, signedIn: true, expect: "Reward 1" },
      { name: "team points", path: "/team/points", as: EXECUTIVE, signedIn: true, expect: "Seller 1" },
    ];
  },
};
