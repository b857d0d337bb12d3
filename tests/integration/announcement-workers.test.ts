import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnouncement, sendAnnouncementNow } from "../../app/domain/communication/announcements.server";
import { EMPTY_SEGMENT } from "../../app/domain/communication/segments.server";
import { getDb, rowsOf, type Db } from "../../db/client";
import { announcementDeliveries, emailOutbox } from "../../db/schema";
import { seedDemo } from "../../scripts/seed/index";
import { actorFor } from "../support/portal";
import { startPortalProcess, waitFor, type PortalProcess as Proc } from "../support/processes";
import { startSmtp, type ReceivedMail } from "../support/smtp";
import { readAtOnce } from "../support/mail-modes";

/**
 * An announcement's mail drained by two real portal processes at once (their jobs lease one mail
 * at a time with FOR UPDATE SKIP LOCKED), each through its own SMTP server into one shared inbox.
 * One process is killed with SIGKILL while a mail of its waits to be accepted. Counted at the SMTP
 * servers: every recipient gets the announcement exactly once.
 */

const LEASE_SECONDS = 5;
const procs: Proc[] = [];
let db: Db;

const until = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs?: number) => waitFor(what, probe, procs, timeoutMs);

beforeAll(async () => {
  db = await getDb();
  await seedDemo(db);
});
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
  await Promise.all(procs.map((p) => p.exit));
});

describe("announcement delivery with several workers", () => {
  it("delivers every mail exactly once when one of two workers is killed -9 mid-batch", { timeout: 120_000 }, async () => {
    // Everyone reads mail in daytime (quiet hours would hold some of it), and nothing else is waiting.
    const utcHour = new Date().getUTCHours();
    const zone = (() => {
      for (let off = -12; off <= 14; off++)
        if ((utcHour + off + 24) % 24 === 12) return off === 0 ? "UTC" : `Etc/GMT${off > 0 ? "-" : "+"}${Math.abs(off)}`;
      return "UTC";
    })();
    await db.execute(sql`insert into communication_settings (user_id, time_zone)
      select id, ${zone} from users on conflict (user_id) do update set time_zone = excluded.time_zone`);
    await db.delete(emailOutbox);
    // Announcements go to the weekly digest by default: here everyone chose "at once".
    await readAtOnce(db, ["announcements"]);

    const inbox: ReceivedMail[] = [];
    let a: Proc | undefined;
    let killedAt = 0;
    const smtpA = await startSmtp({
      inbox,
      acceptDelayMs: 60,
      // Killed while sending one of this announcement's mails (the processes' other jobs mail too).
      async onWaiting(mail) {
        const ours = mail.subject === "Workers check" || mail.subject === "Проверка рассылки";
        if (ours && smtpA.accepted() >= 3 && !killedAt && a) {
          killedAt = Date.now();
          a.child.kill("SIGKILL");
          await a.exit;
        }
      },
    });
    const smtpB = await startSmtp({ inbox, acceptDelayMs: 20 });
    try {
      const start = async (smtpUrl: string) => {
        const p = await startPortalProcess({ SMTP_URL: smtpUrl, JOBS_INTERVAL_MS: "300", MAIL_LEASE_SECONDS: String(LEASE_SECONDS) });
        procs.push(p);
        return p;
      };
      a = await start(smtpA.url);
      const b = await start(smtpB.url);
      for (const p of [a, b]) await until(`${p.url}/readyz`, async () => (await fetch(`${p.url}/readyz`)).status === 200, 45_000);

      const chris = await actorFor("chris@volta.example");
      const id = await createAnnouncement(db, chris, {
        contents: [
          { locale: "en", title: "Workers check", bodyMarkdown: "Every partner, **once**." },
          { locale: "ru", title: "Проверка рассылки", bodyMarkdown: "Каждому партнёру, **один раз**." },
        ],
        link: null,
        segment: EMPTY_SEGMENT,
      });
      const recipients = await sendAnnouncementNow(db, chris, id);
      expect(recipients).toBeGreaterThan(8);
      const queued = rowsOf<{ to: string }>(
        await db.execute(
          sql`select e."to" from announcement_deliveries d join email_outbox e on e.id = d.email_id where d.announcement_id = ${id}`,
        ),
      );
      expect(queued.length).toBe(recipients);

      await until("process A to be killed mid-batch", async () => killedAt > 0, 40_000);
      expect(await a.exit, "A died from the kill").toBeNull();
      await until(
        "every announcement mail to be sent",
        async () => {
          const [left] = rowsOf<{ n: number }>(
            await db.execute(sql`select count(*)::int as n from announcement_deliveries d join email_outbox e on e.id = d.email_id
              where d.announcement_id = ${id} and e.status <> 'sent'`),
          );
          return left.n === 0;
        },
        60_000,
      );
      await new Promise((r) => setTimeout(r, 1000)); // room for a duplicate to show up, if any

      // Counted at the SMTP servers: each recipient exactly once, nobody else.
      // (The processes' other jobs may mail the same people about other things: only this announcement counts.)
      const ours = inbox.filter((m) => m.subject === "Workers check" || m.subject === "Проверка рассылки");
      const got = new Map<string, number>();
      for (const m of ours) for (const to of m.to) got.set(to, (got.get(to) ?? 0) + 1);
      expect(
        [...got].filter(([, n]) => n !== 1),
        "addresses that did not get exactly one",
      ).toEqual([]);
      expect([...got.keys()].sort()).toEqual(queued.map((q) => q.to.toLowerCase()).sort());
      expect(smtpA.accepted()).toBeGreaterThanOrEqual(3);
      expect(smtpB.accepted()).toBeGreaterThan(0);
      // The mail A was sending when it died was leased again and sent once.
      const retried = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from announcement_deliveries d join email_outbox e on e.id = d.email_id
          where d.announcement_id = ${id} and e.attempts >= 2`),
      );
      expect(retried[0].n).toBeGreaterThanOrEqual(1);
      // Every message carries one-click unsubscribe.
      expect(ours.every((m) => m.headers["list-unsubscribe-post"] === "List-Unsubscribe=One-Click")).toBe(true);
      expect(await db.select().from(announcementDeliveries).where(eq(announcementDeliveries.announcementId, id))).toHaveLength(recipients);
    } finally {
      await smtpA.close();
      await smtpB.close();
    }
  });
});
