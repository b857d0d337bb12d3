import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContest } from "../../app/domain/contests/contests.server";
import type { Actor } from "../../app/lib/actor";
import { getDb } from "../../db/client";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/seed/index";
import { claimForm, daysAgo, submitNew, textOf } from "../support/claims";
import { contestInput } from "../support/contests";
import { freshPerson } from "../support/people";
import { Visitor, actorFor } from "../support/portal";
import { type PortalProcess, startPortalProcess, waitFor } from "../support/processes";

/**
 * Issue 17: a contest's board and each seller's "Place X of N" are right whichever server process
 * a request lands on. Two production processes (build/server/serve.js, as `npm run serve` starts
 * it) on this file's PostgreSQL; sales are sent and approved over HTTP through one and read through
 * the other, and the other way round. Every round reads the board through both processes before
 * the next sale, so a place or a count kept in either process would show stale in the next round.
 */

const procs: PortalProcess[] = [];

beforeAll(async () => {
  await seedDemo(await getDb());
  // Background jobs held back: nothing but these requests changes the board during the test.
  for (let i = 0; i < 2; i++) procs.push(await startPortalProcess({ JOBS_INTERVAL_MS: "3600000" }));
  for (const p of procs) await waitFor(`${p.url}/readyz`, async () => (await fetch(`${p.url}/readyz`)).status === 200, procs, 60_000);
}, 120_000);

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGTERM");
  await Promise.all(procs.map((p) => p.exit));
});

/** The rows of the board table, as text: "<place> <name> <score> <prize>". */
function boardRows(html: string): string[] {
  const table = html.slice(html.indexOf("<tbody"), html.indexOf("</tbody>"));
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]).replace(/\s+/g, " ").trim());
}

describe("a contest served by two processes on one PostgreSQL", () => {
  it("shows the same, right board and 'Place X of N' through either process, whichever approved the sale", {
    timeout: 240_000,
  }, async () => {
    const db = await getDb();
    const chris = await actorFor("chris@volta.example");
    const contest = await createContest(db, chris, contestInput({ privacy: "full_name", roles: ["salesperson"] }));
    const sellers = await Promise.all(["a", "b", "c"].map((k) => freshPerson({ tag: `two-processes-${k}` })));
    const [ana, ben, cai] = sellers;

    // Everyone signed in on both processes: a session made through one is valid in the other.
    const signedIn = async (email: string, p: PortalProcess) => {
      const v = new Visitor(p.url);
      await v.signIn(email, DEMO_PASSWORD);
      return v;
    };
    const visitors = new Map<string, Visitor[]>();
    for (const email of [chris.email, ...sellers.map((s) => s.email)])
      visitors.set(email, await Promise.all(procs.map((p) => signedIn(email, p))));
    const as = (who: { email: string }, through: number) => visitors.get(who.email)![through];

    /** A sale of `units` bit sets, sent by the seller and approved by the channel manager, both through one process. */
    const sale = async (who: Actor & { email: string }, units: number, through: number) => {
      const id = await submitNew(
        as(who, through),
        claimForm({ invoice: `TWO-${randomUUID().slice(0, 8)}`, date: daysAgo(1), lines: [{ sku: "VT-BIT32", qty: units }] }),
      );
      const approved = await as(chris, through).post(`/claims/${id}`, { intent: "approve" });
      expect(approved.status, `approving ${who.email}'s claim through process ${through + 1}`).toBe(302);
    };

    /** The board through both processes equals `expected` (best first), and each seller reads their own place of N there. */
    const boardIs = async (expected: Array<[Actor & { email: string }, number]>) => {
      const seen: string[][] = [];
      for (const through of [0, 1]) {
        const res = await as(chris, through).get(`/contests/${contest.id}`);
        expect(res.status).toBe(200);
        const rows = boardRows(await res.text());
        expect(rows, `board through process ${through + 1}`).toHaveLength(expected.length);
        expected.forEach(([who, units], i) => {
          expect(rows[i]).toMatch(new RegExp(`^${i + 1} ${who.name} \\(Northfield Building Supplies\\) ${units} unit`));
        });
        seen.push(rows);
        for (const [i, [who, units]] of expected.entries()) {
          const page = await as(who, through).get(`/contests/${contest.id}`);
          expect(page.status).toBe(200);
          const text = textOf(await page.text()).replace(/\s+/g, " ");
          expect(text, `${who.email} through process ${through + 1}`).toContain(`Place ${i + 1} of ${expected.length}`);
          expect(text).toContain(`Score: ${units} unit`);
        }
      }
      // The channel manager sees the very same board from either process.
      expect(seen[0]).toEqual(seen[1]);
    };

    await sale(ana, 2, 0);
    await boardIs([[ana, 2]]);
    await sale(ben, 5, 1);
    await boardIs([
      [ben, 5],
      [ana, 2],
    ]);
    await sale(cai, 3, 0);
    await boardIs([
      [ben, 5],
      [cai, 3],
      [ana, 2],
    ]);
    // Two approvals at the same moment, one in each process: Ana overtakes both.
    await Promise.all([sale(ana, 4, 1), sale(cai, 1, 0)]);
    await boardIs([
      [ana, 6],
      [ben, 5],
      [cai, 4],
    ]);
  });
});
