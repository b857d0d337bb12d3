import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { timeZoneOf } from "../../app/domain/communication/settings.server";
import { notify } from "../../app/domain/notifications/notify.server";
import { createFormatter } from "../../app/i18n/format";
import { getDb } from "../../db/client";
import { notifications } from "../../db/schema";
import { freshPerson } from "../support/people";
import { usePortal } from "../support/fixtures";

const portal = usePortal();
const db = await getDb();

const { signedIn } = portal;
function decode(s: string) {
  return s
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/<!-- -->/g, "");
}
/** The bell's label, e.g. "Inbox, 2 unread notices" (the same in the phone header and the sidebar). */
function bell(html: string): string[] {
  return [...html.matchAll(/<a [^>]*>/g)]
    .filter((m) => m[0].includes('href="/inbox"'))
    .map((m) => decode(/aria-label="([^"]*)"/.exec(m[0])?.[1] ?? ""));
}
/** The inbox items in page order: title text and whether it is shown as unread. */
function items(html: string) {
  return [...html.matchAll(/<li [^>]*data-notice="(read|unread)"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => ({
    unread: m[1] === "unread",
    text: decode(m[2].replace(/<[^>]+>/g, " "))
      .replace(/\s+/g, " ")
      .trim(),
  }));
}
async function idOf(userId: string, titleKey: string, vars: Record<string, string | number>) {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.titleKey, titleKey)));
  return rows.find((r) => JSON.stringify(r.vars) === JSON.stringify(vars))!.id;
}

/**
 * Two people of this test's own: "marta" with three notices (the last one linking outside the
 * portal), "sam" at another partner with one. Every test starts from this, in any order.
 */
async function twoPeopleWithNotices() {
  const [marta, sam] = await Promise.all([freshPerson({ org: "Baltic Tools Distribution", tag: "marta" }), freshPerson({ tag: "sam" })]);
  // One at a time, so each has its own time.
  await notify(db, {
    userId: marta.id,
    topic: "points_credited",
    titleKey: "points_admin.notice.credited",
    vars: { count: 20, reason: "First" },
    link: "/points",
  });
  await notify(db, {
    userId: marta.id,
    topic: "points_credited",
    titleKey: "points_admin.notice.credited",
    vars: { count: 30, reason: "Second" },
    link: "/contests",
  });
  await notify(db, {
    userId: marta.id,
    topic: "points_credited",
    titleKey: "points_admin.notice.debited",
    vars: { count: 5, reason: "Third" },
    link: "https://evil.example/phish",
  });
  await notify(db, {
    userId: sam.id,
    topic: "points_credited",
    titleKey: "points_admin.notice.credited",
    vars: { count: 99, reason: "Sam's own" },
  });
  return { marta, sam };
}

describe("the inbox", () => {
  it("lists a person's own notices newest first, unread highlighted, with the count on the bell", async () => {
    const { marta } = await twoPeopleWithNotices();
    const v = await signedIn(marta.email);
    expect(bell(await (await v.get("/home")).text())).toEqual(["Inbox, 3 unread notices", "Inbox, 3 unread notices"]);
    const html = await (await v.get("/inbox")).text();
    expect(html).toContain("3 unread notices");
    expect(items(html)).toEqual([
      { unread: true, text: expect.stringContaining("5 points were taken from your account: Third") },
      { unread: true, text: expect.stringContaining("30 points were added to your account: Second") },
      { unread: true, text: expect.stringContaining("20 points were added to your account: First") },
    ]);
    expect(html).not.toContain("Sam&#x27;s own");
    expect(html).not.toContain("Sam's own");
  });

  it("opening a notice marks it read and follows its link, but only inside the portal", async () => {
    const { marta } = await twoPeopleWithNotices();
    const v = await signedIn(marta.email);
    const second = await idOf(marta.id, "points_admin.notice.credited", { count: 30, reason: "Second" });
    const opened = await v.post("/inbox", { intent: "open", id: second });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe("/contests");
    const phish = await idOf(marta.id, "points_admin.notice.debited", { count: 5, reason: "Third" });
    expect((await v.post("/inbox", { intent: "open", id: phish })).headers.get("location")).toBe("/inbox");

    const html = await (await v.get("/inbox")).text();
    expect(items(html).map((i) => i.unread)).toEqual([false, false, true]);
    expect(bell(html)[0]).toBe("Inbox, 1 unread notice");
  });

  it("cannot open someone else's notice", async () => {
    const { marta, sam } = await twoPeopleWithNotices();
    const samsNotice = await idOf(sam.id, "points_admin.notice.credited", { count: 99, reason: "Sam's own" });
    const v = await signedIn(marta.email);
    expect((await v.post("/inbox", { intent: "open", id: samsNotice })).status).toBe(404);
    expect((await v.post("/inbox", { intent: "open", id: "not-an-id" })).status).toBe(404);
    const [row] = await db.select().from(notifications).where(eq(notifications.id, samsNotice));
    expect(row.readAt).toBeNull();
  });

  it("marks everything read at once, and only the person's own notices", async () => {
    const { marta, sam } = await twoPeopleWithNotices();
    const v = await signedIn(marta.email);
    const res = await v.post("/inbox", { intent: "read_all" });
    expect(res.status).toBe(200);
    const html = await (await v.get("/inbox")).text();
    expect(items(html).every((i) => !i.unread)).toBe(true);
    expect(html).toContain("Everything is read.");
    expect(html).not.toContain("Mark all as read");
    expect(bell(html)).toEqual(["Inbox", "Inbox"]);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, marta.id), isNull(notifications.readAt))),
    ).toHaveLength(0);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, sam.id), isNull(notifications.readAt))),
    ).toHaveLength(1);
  });

  it("every role has one, in the person's language, with dates in their format", async () => {
    const admin = await signedIn("admin@volta.example");
    const empty = await (await admin.get("/inbox")).text();
    expect(empty).toContain("Nothing here yet.");

    const dmitry = await freshPerson({ org: "Ural Instrument", locale: "ru", tag: "dmitry" });
    const date = new Date(Date.now() + 9 * 86_400_000).toISOString();
    await notify(db, {
      userId: dmitry.id,
      topic: "points_expiring",
      titleKey: "points_admin.notice.expiring",
      vars: { count: 5, date },
      link: "/points",
    });
    const ru = await signedIn(dmitry.email);
    const html = decode(await (await ru.get("/inbox")).text());
    expect(html).toContain("Уведомления");
    // Dated in Dmitry's own time zone (Ural Instrument's, Yekaterinburg): a day ahead of UTC late in a UTC day.
    const zone = await timeZoneOf(db, dmitry.id);
    expect(html).toContain(`Успейте потратить 5 баллов в магазине: они сгорят ${createFormatter("ru", zone).date(date)}<`);
    expect(bell(html)[0]).toBe("Уведомления: 1 непрочитанное");
  });
});
