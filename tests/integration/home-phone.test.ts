import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { claims } from "../../db/schema";
import { createContest, recordContestProgress } from "../../app/domain/contests/contests.server";
import { partnerHome } from "../../app/domain/home/home.server";
import type { Actor } from "../../app/lib/actor";
import { contestInput } from "../support/contests";
import { claimForm, daysAgo, submitNew, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { givePoints } from "../support/shop";

const portal = usePortal();

async function sale(who: Actor, units: number, minutesAgo: number) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  await (await getDb()).transaction((tx) =>
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
      lines: [{ sku: "VT-DR18", quantity: units, revenueMinor: 0 }],
    }),
  );
}

async function home(email: string) {
  const v = await portal.signedIn(email);
  const res = await v.get("/home");
  expect(res.status).toBe(200);
  return { v, html: await res.text() };
}

describe("home leads with what to do next", () => {
  it("gives a salesperson points, claims in flight, contest place and gap, a course to start and one offer; not the menu again", async () => {
    const contest = await createContest(
      await getDb(),
      await actorFor("chris@volta.example"),
      contestInput({ name: `Home dash ${randomUUID().slice(0, 4)}` }),
    );
    const seller = await freshPerson({ tag: "home" });
    const rival = await freshPerson({ org: "Baltic Tools Distribution", tag: "homerival" });
    await sale(rival, 6, 30);
    await sale(seller, 4, 20);
    await givePoints(seller, 250);
    const v = await portal.signedIn(seller.email);
    await submitNew(v, claimForm({ invoice: `HOME-${randomUUID().slice(0, 6)}`, date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }] }));

    const page = textOf(await (await v.get("/home")).text());
    expect(page).toMatch(/My points \d/);
    expect(page).toMatch(/waiting in 1 claim/);
    expect(page).toContain(`Place 2 of 2 in ${contest.name}`);
    expect(page).toContain("3 units more to move up one place");
    expect(page).toMatch(/Ends in (9|10) days/);
    expect(page).toMatch(/Start “[^”]+”/);
    // The seeded "Battery month" promotion is running: that is the one offer.
    expect(page).toContain("Promotion: ");
    // No tiles repeating the bottom bar ("Claim" next to "Claims").
    const main = page.slice(page.indexOf("What to do next"));
    expect(main).not.toMatch(/\bClaims\b.*\bClaim\b/);
  });

  it("shows a manager the team's claims waiting for their check, and an executive their team and best place", async () => {
    // A claim of a ProInstall salesperson waiting for the partner manager's check (when the programme asks for one).
    const seller = await freshPerson({ org: "ProInstall Climate Services", tag: "tocheck" });
    const claimId = await submitNew(
      await portal.signedIn(seller.email),
      claimForm({ invoice: `CHK-${randomUUID().slice(0, 6)}`, date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }] }),
    );
    await (await getDb()).update(claims).set({ status: "manager_check" }).where(eq(claims.id, claimId));
    const manager = await freshPerson({ org: "ProInstall Climate Services", role: "manager", tag: "checker" });
    const { html } = await home(manager.email);
    expect(textOf(html)).toContain("Check 1 claim from your team");
    expect(html).toContain('href="/claims/check"');

    const contest = await createContest(
      await getDb(),
      await actorFor("chris@volta.example"),
      contestInput({ name: `Team dash ${randomUUID().slice(0, 4)}` }),
    );
    await sale(await freshPerson({ tag: "best" }), 9, 10);
    const emma = textOf((await home("emma@northfield.example")).html);
    expect(emma).toContain("Your team");
    expect(emma).toMatch(/Active people \d+/);
    expect(emma).toContain(`Your best: place 1 of 1 in ${contest.name}`);
    expect(emma).not.toContain("will count");
  });

  it("reads all of it in one statement", async () => {
    const db = await getDb();
    const statements: string[] = [];
    // Count what partnerHome sends: the drizzle client's execute is the only way out.
    const counting = new Proxy(db, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          statements.push(String(key));
          return value.apply(target, args);
        };
      },
    });
    const data = await partnerHome(counting, await actorFor("sam@northfield.example"));
    expect(statements).toEqual(["execute"]);
    expect(data.balance).toBeGreaterThanOrEqual(0);
  });
});
