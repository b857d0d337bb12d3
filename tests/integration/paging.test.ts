import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setHobbies } from "../../app/domain/shop/rewards.server";
import { TEAM_PAGE } from "../../app/domain/points/team-points.server";
import { getDb, rowsOf } from "../../db/client";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { makeReward } from "../support/shop";

/**
 * Long lists come a page at a time (issue 17): the review queue, the team's points and the shop
 * front. Each page is a plain link with a cursor (no JavaScript needed), keeps the filters, and
 * the pages together show every row exactly once, in the list's order.
 */
const portal = usePortal({ people: { chris: "chris@volta.example", ona: "ona@baltictools.example" } });
const db = await getDb();

const decodeHtml = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');
/** The address of the page's "next page" link, or null. */
const nextLink = (html: string) => {
  const m = html.match(/<a[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*rel="next"[^>]*href="([^"]+)"/);
  return m ? decodeHtml(m[1] ?? m[2]) : null;
};

describe("the review queue, a page at a time", () => {
  it("shows 20 claims, oldest first, and the next pages follow on with the filters kept", async () => {
    // 45 more claims waiting at Northfield, several sent in the same microsecond (the id breaks the tie).
    await db.execute(sql`
      insert into claims (organisation_id, user_id, status, invoice_number, invoice_key, invoice_loose_key, invoice_date, points, submitted_at, last_submitted_at)
        select u.organisation_id, u.id, 'in_review', 'PAGE-' || g, 'PAGE-' || g, 'PAGE' || g, current_date, 10 + g,
          timestamptz '2026-01-05 10:00:00.123456' + (g / 3) * interval '1 second', timestamptz '2026-01-05 10:00:00.123456' + (g / 3) * interval '1 second'
        from generate_series(1, 45) g join users u on u.email = 'sam@northfield.example'`);
    const [northfield] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from organisations where name = 'Northfield Building Supplies'`),
    );
    const expected = rowsOf<{ id: string }>(
      await db.execute(
        sql`select id from claims where status = 'in_review' and organisation_id = ${northfield.id} order by last_submitted_at, id`,
      ),
    ).map((r) => r.id);
    expect(expected.length).toBeGreaterThanOrEqual(45);

    const seen: string[] = [];
    let address: string | null = `/claims/review?partner=${northfield.id}`;
    let pages = 0;
    while (address) {
      const res = await portal.as.chris.get(address);
      expect(res.status).toBe(200);
      const html = await res.text();
      const ids = [...html.matchAll(/name="claimIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
      expect(ids.length).toBeLessThanOrEqual(20);
      seen.push(...ids);
      pages++;
      address = nextLink(html);
      if (address) {
        // The filter rides along; past the first page there is a way back to the oldest.
        expect(address).toContain(`partner=${northfield.id}`);
        expect(address).toMatch(/after=/);
      }
      if (pages > 1) expect(html).toContain("Back to the first page");
    }
    expect(pages).toBe(Math.ceil(expected.length / 20));
    expect(seen).toEqual(expected);
  });

  it("reads a broken or foreign cursor as the first page, never an error", async () => {
    const first = await (await portal.as.chris.get("/claims/review")).text();
    const firstIds = [...first.matchAll(/name="claimIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    for (const after of ["zzz", "1_x", `99999999999999999_${randomUUID()}`, "%00", "9".repeat(500)]) {
      const res = await portal.as.chris.get(`/claims/review?after=${encodeURIComponent(after)}`);
      expect(res.status).toBe(200);
      const ids = [...(await res.text()).matchAll(/name="claimIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
      // A well-formed cursor past the end is an empty page; anything malformed is the first page.
      if (after.startsWith("9999") && after.includes("_")) expect(ids).toEqual([]);
      else expect(ids).toEqual(firstIds);
    }
  });
});

describe("team points, a page at a time", () => {
  it("shows a page of people (TEAM_PAGE) with the whole team's totals, and the pages cover everyone once", async () => {
    const [baltic] = rowsOf<{ id: string }>(await db.execute(sql`select id from organisations where name = 'Baltic Tools Distribution'`));
    await db.execute(sql`
      insert into users (organisation_id, email, name, role, status)
        select ${baltic.id}, 'crowd-' || g || '@baltictools.example', 'Crowd ' || lpad(g::text, 3, '0'), 'salesperson', 'active'
        from generate_series(1, 110) g`);
    const people = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from users where organisation_id = ${baltic.id}`),
    )[0].n;

    const names: string[] = [];
    let address: string | null = "/team/points";
    let totalsRow = "";
    while (address) {
      const res = await portal.as.ona.get(address);
      expect(res.status).toBe(200);
      const html = await res.text();
      const body = html.match(/<tbody[^>]*>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
      const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => r[1]);
      const total = rows.pop() ?? "";
      // The totals row is the team's on every page, not the page's.
      if (!totalsRow) totalsRow = total;
      else expect(total).toBe(totalsRow);
      expect(rows.length).toBeLessThanOrEqual(TEAM_PAGE);
      names.push(...rows.map((r) => decodeHtml(r.match(/<span class="block font-medium">([^<]*)<\/span>/)?.[1] ?? "")));
      address = nextLink(html);
    }
    expect(names.length).toBe(people);
    expect(new Set(names).size).toBe(people);
    // The CSV (everyone at once) lists the same people in the same order.
    const csv = await (await portal.as.ona.get(`/organisations/${baltic.id}/points.csv`)).text();
    const csvNames = csv
      .split("\r\n")
      .slice(1)
      .filter(Boolean)
      .map((line) =>
        line
          .split(",")[0]
          .replace(/^"|"$/g, "")
          .replace(/^\uFEFF/, ""),
      );
    expect(names).toEqual(csvNames);
  });

  it("reads a cursor naming nobody of this team (a stranger, another partner's person) as the first page, never as an empty team", async () => {
    const tbody = (html: string) => html.match(/<tbody[^>]*>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
    const first = await (await portal.as.ona.get("/team/points")).text();
    expect(tbody(first)).not.toBe("");
    const [stranger] = rowsOf<{ id: string }>(await db.execute(sql`select id from users where email = 'sam@northfield.example'`));
    for (const after of [randomUUID(), stranger.id]) {
      const res = await portal.as.ona.get(`/team/points?after=${after}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      // The team has people: it never reads "nobody takes part", and its table and totals stay.
      expect(html).not.toContain("Nobody in this organisation takes part yet.");
      expect(tbody(html)).toBe(tbody(first));
    }
  });
});

/** The names on the reward cards of a shop page, in order. */
const cards = (html: string) => [...html.matchAll(/data-testid="reward-card"[\s\S]*?<h3[^>]*>([^<]*)</g)].map((m) => decodeHtml(m[1]));

describe("the shop front, a short first screen", () => {
  it("shows four of a big category with a link to all of it, whose list comes 24 at a time", async () => {
    for (let i = 1; i <= 30; i++)
      await makeReward({ name: `Paging lure ${String(i).padStart(2, "0")}`, pointsPrice: 10 + i, category: "fishing" });
    const shopper = await freshPerson({ tag: "paging-shop" });
    await setHobbies(db, shopper, []);
    const visitor = await portal.signedIn(shopper.email);
    // What this person may see of the category (some rewards are for other tiers), shown all at once.
    const fishing = cards(await (await visitor.get("/shop?category=fishing&show=2000")).text()).length;
    expect(fishing).toBeGreaterThan(30);

    const front = await (await visitor.get("/shop")).text();

    const lures = [...front.matchAll(/Paging lure (\d\d)/g)].map((m) => m[1]);
    // The four cheapest lures (the front's order is by points) and a link to the whole category.
    expect([...new Set(lures)]).toEqual(["01", "02", "03", "04"]);
    expect(front).toContain(`Fishing: see all (${fishing})`);
    expect(front).toContain('href="/shop?category=fishing"');

    const list = await (await visitor.get("/shop?category=fishing")).text();
    expect(cards(list)).toHaveLength(24);
    const more = nextLink(list);
    expect(more).toBe("/shop?category=fishing&show=48");
    const all = await (await visitor.get(more ?? "")).text();
    expect(cards(all)).toHaveLength(fishing);
    expect(nextLink(all)).toBeNull();
    // A nonsense "show" is the first page, not an error.
    const odd = await visitor.get("/shop?category=fishing&show=-5");
    expect(odd.status).toBe(200);
    expect(cards(await odd.text())).toHaveLength(24);
  });
});
