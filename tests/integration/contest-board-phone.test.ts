import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { createContest, recordContestProgress } from "../../app/domain/contests/contests.server";
import { contributionValue } from "../../app/domain/contests/rules";
import type { Actor } from "../../app/lib/actor";
import { DAY_MS } from "../../app/lib/dates";
import { DRILLS_AND_DRIVERS, winterDrillChallenge } from "../../scripts/seed/contests";
import { contestInput } from "../support/contests";
import { textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

const portal = usePortal();

/** An approved sale counted toward contests, as approving its claim does. */
async function sale(who: Actor, units: number, salesPoints: number, minutesAgo: number) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  const db = await getDb();
  await db.transaction((tx) =>
    recordContestProgress(tx, {
      userId: who.id,
      organisationId: who.organisationId,
      role: who.role,
      tier: who.tier,
      region: who.region,
      occurredAt: at,
      reachedAt: at,
      sourceType: "claim",
      sourceId: randomUUID(),
      lines: [{ sku: "VT-DR18", quantity: units, revenueMinor: units * 14_900 }],
      salesPoints,
    }),
  );
}

async function page(email: string, path: string) {
  const v = await portal.signedIn(email);
  const res = await v.get(path);
  expect(res.status).toBe(200);
  return textOf(await res.text());
}

describe("the contest board as each role reads it", () => {
  it("says the gap in the contest's unit, heads the prize column and counts down to the end", async () => {
    const db = await getDb();
    const cm = await actorFor("chris@volta.example");
    const units = await createContest(db, cm, contestInput({ endsAt: new Date(Date.now() + 9 * DAY_MS + 5 * 3_600_000) }));
    const points = await createContest(db, cm, contestInput({ metric: "sales_points" }));
    const [ahead, behind] = [await freshPerson({ tag: "gap-a" }), await freshPerson({ tag: "gap-b" })];
    await sale(ahead, 5, 300, 30);
    await sale(behind, 3, 231, 20);

    const unitsPage = await page(behind.email, `/contests/${units.id}`);
    // 5 - 3 + 1: an equal score is not enough, the other got there first.
    expect(unitsPage).toContain("3 units more to move up one place");
    expect(unitsPage).toMatch(/Ends in 9 days [45] h/);
    expect(unitsPage).toContain("Prize");
    const pointsPage = await page(behind.email, `/contests/${points.id}`);
    expect(pointsPage).toContain("70 points more to move up one place");
    expect(pointsPage).toContain("231 points");
  });

  it("shows an executive their own people by name and everyone else's as the contest's privacy says", async () => {
    const db = await getDb();
    const cm = await actorFor("chris@volta.example");
    const contest = await createContest(db, cm, contestInput({ privacy: "initials_partner" }));
    const own = await freshPerson({ tag: "own" });
    const other = await freshPerson({ org: "Baltic Tools Distribution", tag: "rival" });
    await sale(own, 4, 100, 30);
    await sale(other, 6, 100, 20);

    // Emma runs Northfield: her salesperson by full name (a link to what counted), Baltic's by initials.
    const emma = await page("emma@northfield.example", `/contests/${contest.id}`);
    expect(emma).toContain(own.name);
    expect(emma).not.toContain(other.name);
    expect(emma).toContain("F. R. (Baltic Tools Distribution)");
    // She does not compete, so she is not told her claims will count.
    expect(emma).not.toContain("will count");
    expect(emma).toContain("Your role does not compete in this contest");
    // Ona runs Baltic: the mirror image.
    const ona = await page("ona@baltictools.example", `/contests/${contest.id}`);
    expect(ona).toContain(other.name);
    expect(ona).not.toContain(own.name);
    expect(ona).toContain("F. O. (Northfield Building Supplies)");
    // A salesperson sees only their own name; a colleague at the same partner stays initials.
    const colleague = await freshPerson({ tag: "peer" });
    const peer = await page(colleague.email, `/contests/${contest.id}`);
    expect(peer).not.toContain(own.name);
    expect(peer).toContain("will count");
    // The channel manager runs the contest: no "your claims" either.
    expect(await page("chris@volta.example", `/contests/${contest.id}`)).not.toContain("will count");
  });

  it("scores the demo's running contest exactly as its rules text says", () => {
    const winter = winterDrillChallenge();
    expect(winter.metric).toBe("units");
    expect(winter.rules).toContain("scores 1 unit");
    expect(winter.rules).toContain(`${winter.graceDays} days after the end`);
    // Each listed product counts one per unit; anything else counts nothing.
    for (const sku of DRILLS_AND_DRIVERS) expect(contributionValue(winter, { lines: [{ sku, quantity: 2, revenueMinor: 1 }] })).toBe(2);
    expect(contributionValue(winter, { lines: [{ sku: "VT-AG125", quantity: 5, revenueMinor: 1 }], salesPoints: 450 })).toBe(0);
  });
});
