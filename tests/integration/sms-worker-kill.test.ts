import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueSms } from "../../app/domain/sms/outbox.server";
import { getDb, type Db } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { startPortalProcess, waitFor, type PortalProcess as Proc } from "../support/processes";
import { startSmpp, type Smpp } from "../support/smpp";

/**
 * Issue 20: a batch of text messages drained by the portal as production runs it (scripts/serve.ts
 * in a child process, its job timer delivering the outbox), through a real SMPP server on loopback.
 * The worker is killed with SIGKILL while the SMPP server holds one of the batch's submit_sm
 * unanswered; a new worker is started. Counted at the SMPP server: every message arrives exactly
 * once, and every outbox row ends sent.
 */

const BATCH = 30;
const LEASE_SECONDS = 3;
const procs: Proc[] = [];
let db: Db;
let smpp: Smpp | undefined;

const until = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs?: number) => waitFor(what, probe, procs, timeoutMs);

beforeAll(async () => {
  db = await getDb();
});
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
  await Promise.all(procs.map((p) => p.exit));
  await smpp?.close();
});

describe("text messages across a worker killed mid-batch", () => {
  it("arrive exactly once at the SMPP gateway when the worker dies -9 holding one in flight", { timeout: 60_000 }, async () => {
    // Distinct numbers and texts, so each message is told apart at the gateway.
    const batch = Array.from({ length: BATCH }, (_, i) => ({
      to: `+9197${String(70_000_000 + i).padStart(8, "0")}`,
      title: `Kill check ${i + 1}`,
    }));
    const phones = batch.map((b) => b.to);
    await db.delete(emailOutbox).where(eq(emailOutbox.channel, "sms"));
    await db.transaction(async (tx) => {
      for (const b of batch)
        await queueSms(tx, { to: b.to, template: "notice", locale: "en", props: { title: b.title, url: "https://portal.example/n" } });
    });

    let a: Proc | undefined;
    let submits = 0;
    let killedAt = 0;
    let receivedAtKill = -1;
    let held: { to: string; text: string } | undefined;
    smpp = await startSmpp({
      // The 6th submit of the batch is held unanswered while its sender is killed -9.
      async onWaiting(sms) {
        submits++;
        if (submits === 6 && a && !killedAt) {
          held = sms;
          receivedAtKill = smpp!.received.length;
          killedAt = Date.now();
          a.child.kill("SIGKILL");
          await a.exit;
          // Room for the dead connection's close to reach the server before it decides.
          await new Promise((r) => setTimeout(r, 100));
        }
      },
    });
    const start = async () => {
      const p = await startPortalProcess({ SMPP_URL: smpp!.url, JOBS_INTERVAL_MS: "300", MAIL_LEASE_SECONDS: String(LEASE_SECONDS) });
      procs.push(p);
      return p;
    };

    a = await start();
    await until("worker A to be killed mid-batch", async () => killedAt > 0, 40_000);
    expect(await a.exit, "A died from the kill").toBeNull();
    expect(receivedAtKill).toBe(5);
    expect(held && phones.includes(held.to)).toBe(true);
    // The held message was never acknowledged, so the gateway did not keep it.
    expect(smpp.received.filter((m) => m.to === held!.to)).toHaveLength(0);
    const [midway] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.channel, "sms"), eq(emailOutbox.status, "sent")));
    expect(midway.n).toBe(5);

    const b = await start();
    await until(
      "every text of the batch to be sent",
      async () => {
        const [left] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(emailOutbox)
          .where(and(eq(emailOutbox.channel, "sms"), inArray(emailOutbox.to, phones), sql`${emailOutbox.status} <> 'sent'`));
        return left.n === 0;
      },
      30_000,
    );
    // Room for a duplicate to show up, if any: another job run of B, past the old lease.
    await new Promise((r) => setTimeout(r, (LEASE_SECONDS + 1) * 1000));
    expect(b.child.exitCode).toBeNull();

    // Counted at the gateway: each number got its own text exactly once, and nothing else.
    const ours = smpp.received.filter((m) => phones.includes(m.to));
    const got = new Map<string, string[]>();
    for (const m of ours) got.set(m.to, [...(got.get(m.to) ?? []), m.text]);
    expect(
      [...got].filter(([, texts]) => texts.length !== 1),
      "numbers that did not get exactly one text",
    ).toEqual([]);
    expect([...got.keys()].sort()).toEqual([...phones].sort());
    for (const b of batch) expect(got.get(b.to)![0]).toContain(b.title);
    expect(new Set(ours.map((m) => m.messageId)).size).toBe(BATCH);

    // Every row ends sent; the one in flight at the kill was leased again and sent by B.
    const rows = await db
      .select({ to: emailOutbox.to, status: emailOutbox.status, attempts: emailOutbox.attempts })
      .from(emailOutbox)
      .where(inArray(emailOutbox.to, phones));
    expect(rows).toHaveLength(BATCH);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    expect(rows.find((r) => r.to === held!.to)!.attempts).toBeGreaterThanOrEqual(2);
  });
});
