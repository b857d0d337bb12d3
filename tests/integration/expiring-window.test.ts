import { describe, expect, it } from "vitest";
import { creditPoints, getSettings } from "../../app/domain/points/ledger.server";
import { getDb } from "../../db/client";
import { actorFor } from "../support/portal";
import { usePortal } from "../support/fixtures";

// "Expiring soon" is one window everywhere: the programme's expiry warning (the admin's setting),
// on the participant's /points and /home as in their executive's team points.
const portal = usePortal({
  people: { admin: "admin@volta.example", executive: "ona@baltictools.example", lukas: "lukas@baltictools.example" },
});
const { as } = portal;
const db = await getDb();
const DAY = 86_400_000;

function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** What Lukas reads on /points (figure and heading), on /home, and what his executive reads in his row of team points. */
async function whatEachSees() {
  const points = await (await as.lukas.get("/points")).text();
  const figure = text(/data-testid="expiring"[^>]*>([\s\S]*?)<\/p>/.exec(points)?.[1] ?? "").trim();
  const heading = /Expiring in the next (\d+) days?/.exec(text(points))?.[1];
  const home = await (await as.lukas.get("/home")).text();
  const onHome = /data-testid="home-expiring"[^>]*>([\s\S]*?)<\/p>/.exec(home);
  const team = await (await as.executive.get("/team/points")).text();
  const column = /Expiring within (\d+) days?/.exec(text(team))?.[1];
  // Lukas's row: name (and email), balance, earned, spent, expiring soon, last activity.
  const row = [...team.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => r[1]).find((r) => text(r).trim().startsWith("Lukas Jonaitis"));
  const cells = [...(row ?? "").matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]).trim());
  expect(row).toBeTruthy();
  return {
    points: { figure, days: heading },
    home: onHome ? text(onHome[1]).trim() : null,
    team: { figure: cells[4], days: column },
  };
}

async function setWarningDays(days: number) {
  const s = await getSettings(db);
  const res = await as.admin.post("/admin/programme", {
    currency: s.currency,
    pointValue: (s.pointValueMinor / 100).toFixed(2),
    expiryMonths: String(s.expiryMonths),
    welcomeBonus: String(s.welcomeBonus),
    monthlyEarnCap: s.monthlyEarnCap ? String(s.monthlyEarnCap) : "",
    expiryWarningDays: String(days),
    claimWindowDays: String(s.claimWindowDays),
    ...(s.partnerManagerCheck ? { partnerManagerCheck: "on" } : {}),
  });
  expect(res.status).toBe(200);
  expect((await getSettings(db)).expiryWarningDays).toBe(days);
}

describe("points expiring soon", () => {
  it("reads the programme's warning period on /points, /home and team points, and follows the admin's change", async () => {
    // Lukas (seeded): 300 expiring in 20 days, 650 in two years; here 120 more that expire in 45 days.
    const lukas = await actorFor("lukas@baltictools.example");
    await db.transaction((tx) =>
      creditPoints(tx, {
        userId: lukas.id,
        organisationId: lukas.organisationId,
        kind: "earn",
        sourceType: "test",
        sourceId: "window-45",
        amount: 120,
        descriptionKey: "ledger.desc.test",
        expiresAt: new Date(Date.now() + 45 * DAY),
      }),
    );

    // The programme's default: 30 days.
    expect((await getSettings(db)).expiryWarningDays).toBe(30);
    let seen = await whatEachSees();
    expect(seen.points).toEqual({ figure: "300", days: "30" });
    expect(seen.team).toEqual({ figure: "300", days: "30" });
    expect(seen.home).toMatch(/^300 expire from /);

    // The admin widens it to 60 days: the 45-day lot joins, for everyone.
    await setWarningDays(60);
    seen = await whatEachSees();
    expect(seen.points).toEqual({ figure: "420", days: "60" });
    expect(seen.team).toEqual({ figure: "420", days: "60" });
    expect(seen.home).toMatch(/^420 expire from /);

    // And narrows it to 10 days: nothing of Lukas's is that close, anywhere.
    await setWarningDays(10);
    seen = await whatEachSees();
    expect(seen.points).toEqual({ figure: "0", days: "10" });
    expect(seen.team).toEqual({ figure: "0", days: "10" });
    expect(seen.home).toBeNull();
  });
});
