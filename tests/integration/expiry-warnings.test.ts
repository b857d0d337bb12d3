import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeZoneOf } from "../../app/domain/communication/settings.server";
import { sendExpiryWarnings } from "../../app/domain/points/expiry-warnings.server";
import { saveEmailPreferences } from "../../app/domain/notifications/preferences.server";
import { EMAIL_TOPICS } from "../../app/domain/notifications/topics";
import { creditPoints, debitPoints, getBalance } from "../../app/domain/points/ledger.server";
import { createFormatter } from "../../app/i18n/format";
import { runDueJobs } from "../../app/jobs/run.server";
import { getDb, rowsOf, type Db } from "../../db/client";
import { expiryWarnings, ledgerEntries, notifications, users } from "../../db/schema";
import { seedDemo } from "../../scripts/seed/index";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { startSmtp } from "../support/smtp";

const DAY = 86_400_000;
let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

type P = { userId: string; organisationId: string };
/** A participant of the test's own, so no test depends on what another left behind. */
async function participant(opts: Parameters<typeof freshPerson>[0] = {}): Promise<P & { email: string }> {
  const a = await freshPerson(opts);
  return { userId: a.id, organisationId: a.organisationId, email: a.email };
}
async function lot(p: P, amount: number, sourceId: string, expiresAt: Date) {
  const r = await db.transaction((tx) =>
    creditPoints(tx, { ...p, kind: "earn", sourceType: "test", sourceId, amount, descriptionKey: "ledger.desc.test", expiresAt }),
  );
  return r.entryId!;
}
const mailTo = (email: string) => smtp.inbox.filter((m) => m.to.includes(email));
async function noticesOf(userId: string) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.topic, "points_expiring")));
}

beforeAll(async () => {
  db = await getDb();
  await seedDemo(db);
  smtp = await startSmtp();
  // The job runner delivers mail itself when SMTP is configured, as in production.
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp?.close();
});

describe("points expiry", () => {
  it("expires due points and warns about what is coming exactly once, however often the job runs", async () => {
    const sam = await participant({ tag: "sam" });
    const soon = new Date(Date.now() + 5 * DAY);
    await lot(sam, 80, "already-due", new Date(Date.now() - 60_000));
    await lot(sam, 500, "expires-soon", soon);
    await lot(sam, 300, "expires-later", new Date(Date.now() + 200 * DAY));
    expect(await getBalance(db, sam.userId)).toBe(880);

    const first = await runDueJobs(db);
    const second = await runDueJobs(db);
    expect(first.expiry?.points).toBeGreaterThanOrEqual(80);
    expect(second.expiry?.points).toBe(0);
    expect(second.expiryWarnings).toEqual({ participants: 0, points: 0 });

    // The due lot expired, oldest first; the others are untouched.
    expect(await getBalance(db, sam.userId)).toBe(800);
    const expired = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, sam.userId), eq(ledgerEntries.kind, "expire")));
    expect(expired.map((e) => e.amount)).toEqual([-80]);

    // One email, in English, with the total, the date and the two links.
    const mails = mailTo(sam.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe("500 of your points are about to expire");
    expect(mail.text).toContain(`500 points on your account expire on ${createFormatter("en").date(soon)}.`);
    expect(mail.links).toContain(`${process.env.PUBLIC_URL}/points`);
    expect(mail.links).toContain(`${process.env.PUBLIC_URL}/shop`);
    // And one notice in the inbox.
    const notices = await noticesOf(sam.userId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ titleKey: "points_admin.notice.expiring", link: "/points", vars: { count: 500 } });
    const warned = await db.select().from(expiryWarnings).where(eq(expiryWarnings.userId, sam.userId));
    expect(warned).toHaveLength(1);
  });

  it("writes the warning in the participant's language", async () => {
    // Alexey's seeded balance has 600 points that expire within the warning period.
    const alexey = await actorFor("alexey@uralinstrument.example");
    await runDueJobs(db);
    const [seeded] = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, alexey.id), eq(ledgerEntries.sourceId, "lot-1")));
    const alexeysLot = seeded.expiresAt!;
    const mail = await smtp.waitFor((m) => m.to.includes("alexey@uralinstrument.example"));
    expect(mail.subject).toBe("Скоро сгорят 600 ваших баллов");
    // The date as Alexey reads it: in his own time zone (Yekaterinburg), which is a day ahead of UTC
    // for the last hours of a UTC day.
    const zone = await timeZoneOf(db, alexey.id);
    expect(mail.text).toContain(`600 баллов на вашем счёте сгорят ${createFormatter("ru", zone).date(alexeysLot)}`);
    // The Russian date ends with its own full stop ("г."); the sentence adds none.
    expect(mail.text).not.toContain("г..");
    expect(mail.text).toContain("Выбрать подарок");
  });

  it("warns again only for a new lot that comes into the warning period, counting what is left of it", async () => {
    const sam = await participant({ tag: "sam" });
    await lot(sam, 500, "expires-soon", new Date(Date.now() + 5 * DAY));
    await lot(sam, 300, "expires-later", new Date(Date.now() + 200 * DAY));
    await sendExpiryWarnings(db);
    expect((await noticesOf(sam.userId)).map((n) => n.vars.count)).toEqual([500]);
    // Spending 600 uses the 500-point lot up (oldest first) and 100 of the 300-point lot.
    await db.transaction((tx) =>
      debitPoints(tx, {
        ...sam,
        kind: "redeem",
        sourceType: "order",
        sourceId: "expiry-test-order",
        amount: 600,
        descriptionKey: "ledger.desc.test",
      }),
    );
    // 190 days on, the 300-point lot is within 30 days of expiring; the 500-point lot was already announced.
    const later = await sendExpiryWarnings(db, new Date(Date.now() + 190 * DAY));
    expect(later.participants).toBeGreaterThanOrEqual(1);
    const notices = await noticesOf(sam.userId);
    expect(notices).toHaveLength(2);
    expect(notices.map((n) => n.vars.count).sort()).toEqual([200, 500]);
    expect(await sendExpiryWarnings(db, new Date(Date.now() + 190 * DAY))).toEqual({ participants: 0, points: 0 });
  });

  it("warns once when two job runners race, and never warns a deactivated person", async () => {
    const [jack, olivia] = await Promise.all([participant({ tag: "jack" }), participant({ tag: "olivia" })]);
    // Whatever else is due now is announced first, so the race below is about these two lots only.
    await sendExpiryWarnings(db);
    await lot(jack, 70, "race-lot", new Date(Date.now() + 3 * DAY));
    await lot(olivia, 90, "gone-lot", new Date(Date.now() + 3 * DAY));
    await db.update(users).set({ status: "deactivated" }).where(eq(users.id, olivia.userId));
    const results = await Promise.all([sendExpiryWarnings(db), sendExpiryWarnings(db), sendExpiryWarnings(db)]);
    expect(results.reduce((s, r) => s + r.points, 0)).toBe(70);
    expect(await noticesOf(jack.userId)).toHaveLength(1);
    expect(await noticesOf(olivia.userId)).toHaveLength(0);
    const [queued] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from email_outbox where "to" = ${olivia.email} and template = 'points_expiring'`),
    );
    expect(queued.n).toBe(0);
  });

  it("respects a participant who turned expiry emails off: the notice still arrives, the email does not", async () => {
    const harry = await freshPerson({ role: "manager", tag: "harry" });
    await saveEmailPreferences(
      db,
      harry,
      EMAIL_TOPICS.filter((t) => t !== "points_expiring"),
    );
    await lot({ userId: harry.id, organisationId: harry.organisationId }, 45, "quiet-lot", new Date(Date.now() + 4 * DAY));
    await sendExpiryWarnings(db);
    expect(await noticesOf(harry.id)).toHaveLength(1);
    const [queued] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from email_outbox where "to" = ${harry.email} and template = 'points_expiring'`),
    );
    expect(queued.n).toBe(0);
  });
});
