import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "../../db/client";
import { claimForm, daysAgo, submitNew, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";

// A link to the approval queue of one partner (/claims/review?partner=<id>) names that partner in
// the filter box, also when nothing of theirs is waiting, and offers the way back to the whole queue.
const portal = usePortal({ people: { chris: "chris@volta.example", marta: "marta@baltictools.example" } });
const { as } = portal;
const db = await getDb();

/** The partner box's value as the page renders it. */
function partnerBox(html: string) {
  return /<input[^>]*name="partner"[^>]*>/.exec(html)?.[0].match(/value="([^"]*)"/)?.[1] ?? "";
}

describe("the approval queue's partner filter", () => {
  it("names a partner with nothing waiting, says so, and links to the whole queue", async () => {
    const [quiet] = rowsOf<{ id: string; name: string }>(
      await db.execute(sql`select o.id, o.name from organisations o where o.kind <> 'manufacturer'
        and not exists (select 1 from claims c where c.organisation_id = o.id and c.status = 'in_review') order by o.name limit 1`),
    );
    expect(quiet).toBeTruthy();
    const res = await as.chris.get(`/claims/review?partner=${quiet.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(textOf(partnerBox(html))).toBe(quiet.name);
    expect(textOf(html)).toContain(`Nothing from ${quiet.name} is waiting.`);
    expect(html).toMatch(/<a[^>]*href="\/claims\/review"[^>]*>Show the whole queue<\/a>/);
    expect(textOf(html)).not.toContain("Nothing waiting. Well done.");
  });

  it("ignores an id of no partner (the manufacturer itself, nobody, a malformed one): the whole queue, nothing named", async () => {
    // One claim waits (Marta's, Baltic Tools), so the whole queue has something to show.
    await submitNew(as.marta, claimForm({ invoice: "INV-FILTER-1", date: daysAgo(2), lines: [{ sku: "VT-DISC10", qty: 2 }] }));
    const whole = textOf(await (await as.chris.get("/claims/review")).text());
    const showing = /Showing \d+ claims?\./.exec(whole)?.[0];
    expect(showing).toBeTruthy();
    const [maker] = rowsOf<{ id: string; name: string }>(
      await db.execute(sql`select id, name from organisations where kind = 'manufacturer' limit 1`),
    );
    for (const partner of [maker.id, randomUUID()]) {
      const res = await as.chris.get(`/claims/review?partner=${partner}`);
      expect(res.status, partner).toBe(200);
      const html = await res.text();
      expect(textOf(html), partner).toContain(showing!);
      expect(partnerBox(html), partner).toBe("");
    }
    // Not an id: read as part of a name, as the box always did; still a page, never the manufacturer's name.
    for (const partner of ["------------------------------------", `${maker.id}'`, "%"]) {
      const res = await as.chris.get(`/claims/review?partner=${encodeURIComponent(partner)}`);
      expect(res.status, partner).toBe(200);
      expect(textOf(await res.text())).not.toContain(`Nothing from ${maker.name}`);
    }
  });
});
