import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeContest, createContest, recordContestProgress } from "../../app/domain/contests/contests.server";
import { creditPoints } from "../../app/domain/points/ledger.server";
import { queueEmail } from "../../app/domain/mail/outbox.server";
import type { Actor } from "../../app/lib/actor";
import { DAY_MS } from "../../app/lib/dates";
import { getDb, rowsOf, type Db } from "../../db/client";
import { auditLog, contestResults, contests, emailOutbox, ledgerEntries, pointAccounts } from "../../db/schema";
import { seedDemo } from "../../scripts/seed/index";
import { actorFor } from "../support/portal";
import { contestInput } from "../support/contests";
import { startPortalProcess, waitFor, type PortalProcess as Proc } from "../support/processes";
import { startSmtp, type ReceivedMail } from "../support/smtp";
import { readAtOnce } from "../support/mail-modes";

/**
 * Two real portal processes (scripts/serve.ts, as production runs it) against one PostgreSQL,
 * running the background jobs every 300 ms, each sending through its own SMTP server into one
 * shared inbox. One is killed with SIGKILL while a mail of its is on the wire. Every mail must
 * arrive once, every due lot expire once, the contest close once with its prizes credited once.
 */

const MAILS = 24;
const LEASE_SECONDS = 6;

const procs: Proc[] = [];
let db: Db;

const startServer = async (smtpUrl: string) => {
  const p = await startPortalProcess({
    SMTP_URL: smtpUrl,
    JOBS_INTERVAL_MS: "300",
    MAIL_LEASE_SECONDS: String(LEASE_SECONDS),
    SHUTDOWN_TIMEOUT_MS: "10000",
  });
  procs.push(p);
  return p;
};
const until = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs?: number) => waitFor(what, probe, procs, timeoutMs);
const ready = (p: Proc) => until(`${p.url}/readyz`, async () => (await fetch(`${p.url}/readyz`)).status === 200, 45_000);

beforeAll(async () => {
  db = await getDb();
  await seedDemo(db);
  // Contest results go to the weekly digest and wait for daytime by default; the three sellers
  // below chose "at once" and read mail where it is day now.
  await readAtOnce(db, ["contest_news"], {
    emails: ["sam@northfield.example", "marta@baltictools.example", "jack@northfield.example"],
    daytime: true,
  });
});
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
  await Promise.all(procs.map((p) => p.exit));
});

describe("several portal processes on one PostgreSQL", () => {
  it("do each job's work once, even when one is killed mid-batch", { timeout: 90_000 }, async () => {
    const chris = await actorFor("chris@volta.example");
    const [sam, marta, jack] = await Promise.all(
      ["sam@northfield.example", "marta@baltictools.example", "jack@northfield.example"].map(actorFor),
    );

    // A contest with three sellers, open for now; it becomes due once both processes run.
    const contest = await createContest(
      db,
      chris,
      contestInput({ name: `Two processes ${randomUUID().slice(0, 6)}`, rules: "Sell the most.", graceDays: 0 }),
    );
    const sale = (who: Actor, units: number, daysAgo: number) =>
      db.transaction((tx) =>
        recordContestProgress(tx, {
          userId: who.id,
          organisationId: who.organisationId,
          role: who.role,
          tier: who.tier,
          region: who.region,
          occurredAt: new Date(Date.now() - daysAgo * DAY_MS),
          reachedAt: new Date(Date.now() - daysAgo * DAY_MS),
          sourceType: "claim",
          sourceId: randomUUID(),
          lines: [{ sku: "DRL-18", quantity: units, revenueMinor: units * 15_000 }],
          salesPoints: units * 40,
        }),
      );
    await sale(sam, 5, 3);
    await sale(marta, 3, 2);
    await sale(jack, 1, 1);

    // Six people, each about to receive a lot of points that is already past its expiry.
    const people = [
      sam,
      marta,
      jack,
      ...(await Promise.all(["ona@baltictools.example", "tomas@baltictools.example", "harry@northfield.example"].map(actorFor))),
    ];
    const lots: Array<{ id: number; userId: string; amount: number }> = [];
    const balancesBefore = new Map(
      (
        await db
          .select()
          .from(pointAccounts)
          .where(
            inArray(
              pointAccounts.userId,
              people.map((p) => p.id),
            ),
          )
      ).map((a) => [a.userId, a.balance]),
    );
    // Start from an empty outbox (the demo's and the contest announcement's mail are not this test's).
    await db.delete(emailOutbox);

    // Two SMTP servers, one inbox. Process A's server accepts each mail a moment after it has
    // arrived; after three accepted, A is killed while its fourth waits to be accepted.
    const inbox: ReceivedMail[] = [];
    let a: Proc | undefined;
    let killedAt = 0;
    const smtpA = await startSmtp({
      inbox,
      acceptDelayMs: 80,
      async onWaiting() {
        if (smtpA.accepted() >= 3 && !killedAt && a) {
          killedAt = Date.now();
          a.child.kill("SIGKILL");
          // Dead before this mail could be accepted: its connection is gone when the server decides.
          await a.exit;
        }
      },
    });
    const smtpB = await startSmtp({ inbox, acceptDelayMs: 80 });
    try {
      a = await startServer(smtpA.url);
      const b = await startServer(smtpB.url);
      await Promise.all([ready(a), ready(b)]);
      // Now everything becomes due at once, in one transaction, for both processes to find.
      await db.transaction(async (tx) => {
        for (let i = 0; i < MAILS; i++) {
          await queueEmail(tx, {
            to: `reader${i}@example.test`,
            template: "password_reset",
            props: { name: `Reader ${i}`, url: "https://portal.example/reset", minutes: 60 },
            locale: "en",
          });
        }
        await tx
          .update(contests)
          .set({ startsAt: new Date(Date.now() - 40 * DAY_MS), endsAt: new Date(Date.now() - 10 * DAY_MS) })
          .where(eq(contests.id, contest.id));
        for (const [i, p] of people.entries()) {
          const amount = 100 + i;
          const r = await creditPoints(tx, {
            userId: p.id,
            organisationId: p.organisationId,
            kind: "earn",
            sourceType: "test",
            sourceId: `lot-${i}`,
            amount,
            descriptionKey: "ledger.desc.test",
            expiresAt: new Date(Date.now() - 60_000),
          });
          expect(r.credited).toBe(amount);
          lots.push({ id: r.entryId!, userId: p.id, amount });
        }
      });
      await until("process A to be killed mid-batch", async () => killedAt > 0, 30_000);
      expect(await a.exit, "A died from the kill, not on its own").toBeNull();

      // B carries on; the mail A was sending comes back after its lease and goes out once.
      // Only mail that is due counts: the jobs may also queue mail that quiet hours hold until
      // 08:00 in the reader's time zone (the monthly report to executives, announcements). Held
      // mail was never tried; a mail leased by the killed process (attempts > 0, its lease in the
      // future) is still owed, so it counts until B has sent it.
      await until(
        "every due mail to be sent",
        async () => {
          const [left] = rowsOf<{ n: number }>(
            await db.execute(
              sql`select count(*)::int as n from email_outbox where status <> 'sent' and (next_attempt_at <= now() or attempts > 0)`,
            ),
          );
          return left.n === 0;
        },
        40_000,
      );
      await new Promise((r) => setTimeout(r, 1000)); // room for a duplicate to show up, if any
      const outbox = await db.select().from(emailOutbox).where(eq(emailOutbox.status, "sent"));
      expect(outbox.length).toBeGreaterThanOrEqual(MAILS + 3); // the mails above and the contest results
      const perAddress = (to: string[]) => to.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());
      expect(perAddress(inbox.flatMap((m) => m.to))).toEqual(perAddress(outbox.map((r) => r.to)));
      expect(inbox).toHaveLength(outbox.length);
      // The mail that A was sending when it died: leased twice, sent once.
      expect(outbox.filter((r) => r.attempts >= 2).length).toBeGreaterThanOrEqual(1);
      expect(smtpA.accepted()).toBeGreaterThanOrEqual(3);
      expect(smtpB.accepted()).toBeGreaterThan(0);

      // Every due lot expired once: one expiry entry per lot, balances down by exactly the lot.
      for (const lot of lots) {
        const expiries = await db
          .select()
          .from(ledgerEntries)
          .where(and(eq(ledgerEntries.kind, "expire"), eq(ledgerEntries.sourceType, "lot"), eq(ledgerEntries.sourceId, String(lot.id))));
        expect(expiries.map((e) => e.amount)).toEqual([-lot.amount]);
      }
      // The contest closed once: three results, two prizes credited once each, one audit row.
      const [closed] = await db.select().from(contests).where(eq(contests.id, contest.id));
      expect(closed.closedAt).not.toBeNull();
      expect(await db.select().from(contestResults).where(eq(contestResults.contestId, contest.id))).toHaveLength(3);
      const prizes = await db
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.sourceType, "contest"), eq(ledgerEntries.sourceId, contest.id)));
      expect(prizes.map((p) => [p.userId, p.amount]).sort()).toEqual(
        [
          [marta.id, 2000],
          [sam.id, 5000],
        ].sort(),
      );
      expect(
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, "contest.closed"), eq(auditLog.entityId, contest.id))),
      ).toHaveLength(1);
      for (const p of people) {
        const lot = lots.find((l) => l.userId === p.id)!;
        const prize = prizes.find((x) => x.userId === p.id)?.amount ?? 0;
        const [acc] = await db.select().from(pointAccounts).where(eq(pointAccounts.userId, p.id));
        // Credited and expired once each: back where it was, plus any prize.
        expect(acc.balance, p.email).toBe((balancesBefore.get(p.id) ?? 0) + lot.amount - lot.amount + prize);
      }
      // Closing again by hand changes nothing.
      expect(await closeContest(db, contest.id, chris)).toMatchObject({ closed: false, alreadyClosed: true });

      // SIGTERM: B stops taking requests, finishes, closes the database and exits cleanly.
      b.child.kill("SIGTERM");
      expect(await b.exit).toBe(0);
    } finally {
      await smtpA.close();
      await smtpB.close();
    }
  });
});
