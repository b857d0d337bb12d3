import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, contestResults, emailOutbox, notifications } from "../../db/schema";
import {
  closeContest,
  closeDueContests,
  createContest,
  getContest,
  leaderboard,
  recordContestProgress,
  traceScore,
} from "../../app/domain/contests/contests.server";
import { getBalance } from "../../app/domain/points/ledger.server";
import { partnerHome } from "../../app/domain/home/home.server";
import { UserError } from "../../app/lib/errors";
import type { Actor } from "../../app/lib/actor";
import { seedDemo } from "../../scripts/seed/index";
import { actorFor } from "../support/portal";
import { contestInput } from "../support/contests";
import { readAtOnce } from "../support/mail-modes";

const DAY = 86_400_000;
let manager: Actor;

/** An approved sale counted toward contests, as the claims approval does. */
async function approvedSale(who: Actor, units: number, at: Date, opts: { sourceId?: string; now?: Date } = {}) {
  const db = await getDb();
  return db.transaction((tx) =>
    recordContestProgress(
      tx,
      {
        userId: who.id,
        organisationId: who.organisationId,
        role: who.role,
        tier: who.tier,
        region: who.region,
        occurredAt: at,
        reachedAt: at,
        sourceType: "claim",
        sourceId: opts.sourceId ?? randomUUID(),
        lines: [{ sku: "DRL-18", quantity: units, revenueMinor: units * 15_000 }],
        salesPoints: units * 40,
      },
      opts.now,
    ),
  );
}

beforeAll(async () => {
  await seedDemo(await getDb());
  // Contest news goes to the weekly digest by default; these readers chose "at once".
  await readAtOnce(await getDb(), ["contest_news"]);
  manager = await actorFor("chris@volta.example");
});

describe("seller contests", () => {
  it("ranks by score, breaks ties by who got there first, and shows gaps", async () => {
    const db = await getDb();
    const contest = await createContest(db, manager, contestInput());
    const [marta, sam, jack] = await Promise.all(
      ["marta@baltictools.example", "sam@northfield.example", "jack@northfield.example"].map(actorFor),
    );
    await approvedSale(sam, 5, new Date(Date.now() - 5 * DAY));
    await approvedSale(jack, 5, new Date(Date.now() - 3 * DAY));
    await approvedSale(marta, 2, new Date(Date.now() - 4 * DAY));
    const full = (await getContest(db, marta, contest.id))!;
    const board = await leaderboard(db, marta, full);
    expect(board.board.map((r) => r.score)).toEqual([5, 5, 2]);
    // "Place 3 of 3": N is kept by the database beside the entries, the same in every process.
    expect(board.participants).toBe(3);
    const [kept] = (await db.execute(
      sql`select participants from contest_participant_counts where contest_id = ${contest.id}`,
    )) as unknown as Array<{ participants: number }>;
    expect(kept.participants).toBe(3);
    // Sam and Jack both have 5; Sam reached it two days earlier.
    expect(board.board[0].name).toBe("S. P. (Northfield Building Supplies)");
    expect(board.me).toMatchObject({ rank: 3, score: 2, gapToNext: 4, gapToPrize: 4 });
    expect(board.board[2]).toMatchObject({ isMe: true, name: "Marta Kazlauskė" });
  });

  it("places someone among thousands as counting everyone ahead would, from the score bands the database keeps", async () => {
    const db = await getDb();
    const contest = await createContest(db, manager, contestInput());
    const marta = await actorFor("marta@baltictools.example");
    // 3,000 others with scores over ~80 bands (some tied with Marta), then scores raised in bulk,
    // some people removed, and Marta's own sales counted (an insert, then an ON CONFLICT update).
    await db.execute(sql`insert into contest_scores (contest_id, participant_id, organisation_id, score, reached_at)
      select ${contest.id}::uuid, gen_random_uuid(), ${marta.organisationId}::uuid, (g * 7919) % 5000, now() - (g % 50) * interval '1 hour'
      from generate_series(1, 3000) g`);
    await approvedSale(marta, 2400, new Date(Date.now() - 2 * DAY));
    await db.execute(
      sql`update contest_scores set score = score + 70 where contest_id = ${contest.id} and score % 3 = 0 and participant_id <> ${marta.id}`,
    );
    await db.execute(sql`delete from contest_scores where contest_id = ${contest.id} and score % 11 = 0 and participant_id <> ${marta.id}`);
    await approvedSale(marta, 41, new Date(Date.now() - DAY));
    const kept = (await db.execute(
      sql`select band, participants from contest_score_bands where contest_id = ${contest.id} and participants > 0 order by band`,
    )) as unknown as Array<{ band: number; participants: number }>;
    const recount = (await db.execute(
      sql`select contest_score_band(score) as band, count(*)::int as participants from contest_scores where contest_id = ${contest.id} group by 1 order by 1`,
    )) as unknown as Array<{ band: number; participants: number }>;
    expect(kept.length).toBeGreaterThan(50);
    expect(kept).toEqual(recount);
    const [{ rank, total }] = (await db.execute(sql`select 1 + count(*) filter (where a.score > m.score
        or (a.score = m.score and (a.reached_at, a.participant_id) < (m.reached_at, m.participant_id)))::int as rank, count(*)::int as total
      from contest_scores a join contest_scores m on m.contest_id = a.contest_id and m.participant_id = ${marta.id}
      where a.contest_id = ${contest.id}`)) as unknown as Array<{ rank: number; total: number }>;
    expect(rank).toBeGreaterThan(100);
    // The contest board and the home page both say "place <rank> of <total>".
    const board = await leaderboard(db, marta, (await getContest(db, marta, contest.id))!);
    expect(board.me).toMatchObject({ rank, score: 2441 });
    expect(board.participants).toBe(total);
    const home = await partnerHome(db, marta);
    expect(home.contests.find((c) => c.id === contest.id)).toMatchObject({ rank, participants: total });
  });

  it("keeps ineligible people and other roles out, and hides the contest from them", async () => {
    const db = await getDb();
    const contest = await createContest(db, manager, contestInput({ scope: "tier", tiers: ["platinum"] }));
    const sam = await actorFor("sam@northfield.example"); // gold tier
    expect(await approvedSale(sam, 9, new Date(Date.now() - DAY))).not.toContain(contest.id);
    expect(await getContest(db, sam, contest.id)).toBeNull();
    const marta = await actorFor("marta@baltictools.example"); // platinum
    expect(await approvedSale(marta, 1, new Date(Date.now() - DAY))).toContain(contest.id);
    // Ona is Marta's executive: she does not compete, but may follow the contest.
    const ona = await actorFor("ona@baltictools.example");
    expect(await getContest(db, ona, contest.id)).not.toBeNull();
    expect((await leaderboard(db, ona, (await getContest(db, ona, contest.id))!)).me).toBeNull();
    const emma = await actorFor("emma@northfield.example"); // executive of a gold partner: out of scope
    expect(await getContest(db, emma, contest.id)).toBeNull();
  });

  it("counts a late approval inside the grace period but not after it", async () => {
    const db = await getDb();
    const contest = await createContest(
      db,
      manager,
      contestInput({ startsAt: new Date(Date.now() - 30 * DAY), endsAt: new Date(Date.now() - 3 * DAY), graceDays: 5 }),
    );
    const olivia = await actorFor("olivia@northfield.example");
    const saleDate = new Date(Date.now() - 10 * DAY);
    expect(await approvedSale(olivia, 4, saleDate)).toContain(contest.id);
    // The same sale approved 6 days after the end (grace is 5 days): not counted.
    expect(await approvedSale(olivia, 3, saleDate, { now: new Date(Date.now() + 3 * DAY) })).not.toContain(contest.id);
    // A sale made after the end never counts, even inside the grace period.
    expect(await approvedSale(olivia, 7, new Date(Date.now() - DAY))).not.toContain(contest.id);
    const full = (await getContest(db, olivia, contest.id))!;
    expect((await leaderboard(db, olivia, full)).me?.score).toBe(4);
  });

  it("traces every score back to the claims that made it", async () => {
    const db = await getDb();
    const contest = await createContest(db, manager, contestInput());
    const tomas = await actorFor("tomas@baltictools.example");
    const claimA = randomUUID();
    const claimB = randomUUID();
    await approvedSale(tomas, 2, new Date(Date.now() - 2 * DAY), { sourceId: claimA });
    await approvedSale(tomas, 3, new Date(Date.now() - DAY), { sourceId: claimB });
    await approvedSale(tomas, 3, new Date(Date.now() - DAY), { sourceId: claimB }); // approved twice: counted once
    const trace = (await traceScore(db, tomas, contest.id, tomas.id))!;
    expect(trace.map((e) => e.sourceId).sort()).toEqual([claimA, claimB].sort());
    expect(trace.reduce((s, e) => s + e.value, 0)).toBe(5);
    const other = await actorFor("sam@northfield.example");
    expect(await traceScore(db, other, contest.id, tomas.id)).toBeNull();
  });

  it("announces a new contest to the eligible people only", async () => {
    const db = await getDb();
    const contest = await createContest(db, manager, contestInput({ scope: "region", regions: ["UK North"], roles: ["salesperson"] }));
    const told = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.link, `/contests/${contest.id}`));
    const [sam, jack, marta] = await Promise.all(
      ["sam@northfield.example", "jack@northfield.example", "marta@baltictools.example"].map(actorFor),
    );
    expect(told.map((t) => t.userId).sort()).toEqual([sam.id, jack.id].sort());
    expect(told.map((t) => t.userId)).not.toContain(marta.id);
    const mails = await db.select({ to: emailOutbox.to }).from(emailOutbox).where(eq(emailOutbox.template, "contest_announced"));
    expect(mails.map((m) => m.to)).toEqual(expect.arrayContaining(["sam@northfield.example", "jack@northfield.example"]));
  });

  it("closes after the grace period, credits prizes once and records it", async () => {
    const db = await getDb();
    const contest = await createContest(
      db,
      manager,
      contestInput({
        startsAt: new Date(Date.now() - 40 * DAY),
        endsAt: new Date(Date.now() - 20 * DAY),
        graceDays: 3,
        roles: ["salesperson"],
      }),
    );
    // Sales were counted while the contest was running.
    const [paulius, dmitry] = await Promise.all(["paulius@homefix.example", "dmitry@uralinstrument.example"].map(actorFor));
    const during = new Date(Date.now() - 25 * DAY);
    await approvedSale(paulius, 8, during, { now: during });
    await approvedSale(dmitry, 3, during, { now: during });
    await expect(closeContest(db, contest.id, manager, new Date(Date.now() - 18 * DAY))).rejects.toBeInstanceOf(UserError);
    const before = await getBalance(db, paulius.id);
    const first = await closeDueContests(db);
    expect(first.closed).toBeGreaterThanOrEqual(1);
    const again = await closeContest(db, contest.id, manager);
    expect(again.alreadyClosed).toBe(true);
    expect(await getBalance(db, paulius.id)).toBe(before + 5000);
    const results = await db.select().from(contestResults).where(eq(contestResults.contestId, contest.id));
    expect(results.map((r) => [r.rank, r.score, r.prizePoints]).sort()).toEqual([
      [1, 8, 5000],
      [2, 3, 2000],
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, contest.id));
    expect(audit.map((a) => a.action)).toContain("contest.closed");
  });
});

describe("contest form", () => {
  it("tells the channel manager what is wrong with the dates and prizes", async () => {
    const { startPortal, Visitor } = await import("../support/portal");
    const { DEMO_PASSWORD } = await import("../../scripts/seed/index");
    const portal = await startPortal();
    try {
      const cm = new Visitor(portal.url);
      await cm.signIn("chris@volta.example", DEMO_PASSWORD);
      const form = {
        name: "Backwards",
        rules: "r",
        startsAt: "2026-05-10",
        endsAt: "2026-05-01",
        graceDays: "3",
        scope: "all",
        roles: "salesperson",
        metric: "units",
        ranking: "individual",
        minScore: "0",
        privacy: "full_name",
        prizes: "1-1: 500",
      };
      const dates = await cm.post("/contests/new", form);
      expect(dates.status).toBe(400);
      expect(await dates.text()).toContain("The end must be after the start.");
      const prizes = await cm.post("/contests/new", { ...form, endsAt: "2026-05-31", prizes: "first place: lots" });
      expect(prizes.status).toBe(400);
      expect(await prizes.text()).toContain("Write each prize as from-to: points or a prize name.");

      // "Until 31 May" counts sales all of 31 May: the contest ends at that day's last instant.
      const made = await cm.post("/contests/new", { ...form, name: "Whole last day", startsAt: "2026-05-01", endsAt: "2026-05-31" });
      expect(made.status).toBe(302);
      const { getDb } = await import("../../db/client");
      const id = made.headers.get("location")!.split("/").pop()!;
      const saved = await (await getDb()).query.contests.findFirst({ where: (c, { eq }) => eq(c.id, id) });
      expect(saved?.startsAt.toISOString()).toBe("2026-05-01T00:00:00.000Z");
      expect(saved?.endsAt.toISOString()).toBe("2026-05-31T23:59:59.999Z");
      expect((await cm.post("/contests/new", { ...form, startsAt: "2026-05-01", endsAt: "2026-02-31" })).status).toBe(400);
    } finally {
      await portal.close();
    }
  });
});
