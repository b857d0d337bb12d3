import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createAnnouncement, sendDueAnnouncements } from "../../app/domain/communication/announcements.server";
import { sendWeeklyDigests, weekStart } from "../../app/domain/communication/digest.server";
import { releaseAt } from "../../app/domain/communication/quiet-hours";
import { countRecipients, EMPTY_SEGMENT } from "../../app/domain/communication/segments.server";
import { claimCategory, pickTip } from "../../app/domain/communication/tips.server";
import { approveClaim } from "../../app/domain/claims/review.server";
import { createContest } from "../../app/domain/contests/contests.server";
import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { notify } from "../../app/domain/notifications/notify.server";
import { EMAIL_TOPICS } from "../../app/domain/notifications/topics";
import type { Actor } from "../../app/lib/actor";
import { DAY_MS } from "../../app/lib/dates";
import { getDb, rowsOf } from "../../db/client";
import {
  announcementDeliveries,
  announcements,
  communicationSettings,
  digestItems,
  digests,
  emailOutbox,
  notifications,
  organisations,
  shopCategories,
  tipViews,
  userHobbies,
} from "../../db/schema";
import type { Segment } from "../../db/schema/communication";
import { claimForm, daysAgo, serials, submitNew, textOf } from "../support/claims";
import { contestInput } from "../support/contests";
import { startEachTestWithNoMail, usePortal, useSmtp } from "../support/fixtures";
import { readAtOnce } from "../support/mail-modes";
import { freshPerson } from "../support/people";
import { actorFor, type Visitor } from "../support/portal";

const portal = usePortal({ people: { chris: "chris@volta.example", ona: "ona@baltictools.example", admin: "admin@volta.example" } });
const smtp = useSmtp();
startEachTestWithNoMail(smtp);
const db = await getDb();

/** A fixed-offset zone in which the wall clock shows `hour` right now (Etc/GMT signs are inverted). */
function zoneWithLocalHour(hour: number): string {
  const utc = new Date().getUTCHours();
  for (let off = -12; off <= 14; off++)
    if ((utc + off + 24) % 24 === hour) return off === 0 ? "UTC" : `Etc/GMT${off > 0 ? "-" : "+"}${Math.abs(off)}`;
  throw new Error("no zone");
}
const DAYTIME = () => zoneWithLocalHour(12);
const NIGHT = () => zoneWithLocalHour(2);

async function setZone(userId: string, timeZone: string) {
  await db
    .insert(communicationSettings)
    .values({ userId, timeZone })
    .onConflictDoUpdate({ target: communicationSettings.userId, set: { timeZone } });
}

function announcementForm(o: { title: string; body?: string; ru?: string; segment?: Record<string, string | string[]>; link?: string }) {
  return {
    intent: "save",
    title_en: o.title,
    body_en: o.body ?? "Double points on **drills** until Friday.",
    title_ru: o.ru ?? `${o.title} (рус)`,
    body_ru: "Двойные баллы за **дрели** до пятницы.",
    link: o.link ?? "",
    ...(o.segment ?? {}),
  };
}

async function createByHttp(v: Visitor, form: Record<string, string | string[]>): Promise<string> {
  const res = await v.post("/announcements/new", form);
  const to = res.headers.get("location") ?? "";
  expect(res.status, textOf(await res.clone().text()).slice(0, 500)).toBe(302);
  return to.split("/").pop()!;
}

/** The segment's people counted by a query written independently of segmentCondition. */
async function independentCount(segment: Segment, onlyOrganisation: string | null = null): Promise<number> {
  const people = rowsOf<{
    id: string;
    org: string;
    tier: string;
    region: string;
    role: string;
    kind: string;
    active: boolean;
    status: string;
    erased: boolean;
  }>(
    await db.execute(sql`select u.id, o.id as org, o.tier::text as tier, o.region, u.role::text as role, o.kind::text as kind, o.active,
      u.status::text as status, u.erased_at is not null as erased from users u, organisations o where o.id = u.organisation_id`),
  );
  const hobbies = rowsOf<{ user_id: string; category_id: string }>(await db.execute(sql`select user_id, category_id from user_hobbies`));
  const earnings = rowsOf<{ user_id: string; created_at: string }>(
    await db.execute(sql`select user_id, created_at from ledger_entries where kind = 'earn' and source_type <> 'welcome'`),
  );
  const earnedWithin = (id: string, days: number) =>
    earnings.some((e) => e.user_id === id && new Date(e.created_at).getTime() >= Date.now() - days * DAY_MS);
  return people.filter(
    (p) =>
      p.status === "active" &&
      !p.erased &&
      p.active &&
      p.kind !== "manufacturer" &&
      (!onlyOrganisation || p.org === onlyOrganisation) &&
      (!segment.tiers.length || segment.tiers.includes(p.tier)) &&
      (!segment.regions.length || segment.regions.includes(p.region)) &&
      (!segment.organisationIds.length || segment.organisationIds.includes(p.org)) &&
      (!segment.roles.length || segment.roles.includes(p.role)) &&
      (!segment.hobbyIds.length || hobbies.some((h) => h.user_id === p.id && segment.hobbyIds.includes(h.category_id))) &&
      (!segment.activeWithinDays || earnedWithin(p.id, segment.activeWithinDays)) &&
      (!segment.inactiveForDays || !earnedWithin(p.id, segment.inactiveForDays)),
  ).length;
}

describe("segments", () => {
  it("count the same people as an independent query, and sending reaches exactly them", async () => {
    const [baltic] = await db.select().from(organisations).where(eq(organisations.name, "Baltic Tools Distribution"));
    const [fishing] = await db.select().from(shopCategories).limit(1);
    const angler = await freshPerson({ org: "Baltic Tools Distribution", tag: "angler" });
    await db.insert(userHobbies).values({ userId: angler.id, categoryId: fishing.id });
    const segments: Segment[] = [
      EMPTY_SEGMENT,
      { ...EMPTY_SEGMENT, tiers: ["gold", "platinum"] },
      { ...EMPTY_SEGMENT, regions: ["Baltics"], roles: ["salesperson"] },
      { ...EMPTY_SEGMENT, organisationIds: [baltic.id], roles: ["executive", "manager"] },
      { ...EMPTY_SEGMENT, hobbyIds: [fishing.id] },
      { ...EMPTY_SEGMENT, activeWithinDays: 30 },
      { ...EMPTY_SEGMENT, inactiveForDays: 30, roles: ["technician", "salesperson"] },
    ];
    for (const segment of segments) {
      const n = await countRecipients(db, segment, null);
      expect(n, JSON.stringify(segment)).toBe(await independentCount(segment));
    }
    expect(await countRecipients(db, { ...EMPTY_SEGMENT, hobbyIds: [fishing.id] }, null)).toBeGreaterThanOrEqual(1);
    expect(await countRecipients(db, EMPTY_SEGMENT, baltic.id)).toBe(await independentCount(EMPTY_SEGMENT, baltic.id));

    // Sent: one notice and one delivery row per person the count promised.
    const segment = { ...EMPTY_SEGMENT, regions: ["Baltics"], roles: ["salesperson"] };
    const promised = await countRecipients(db, segment, null);
    const chris = await actorFor("chris@volta.example");
    const id = await createAnnouncement(db, chris, {
      contents: [
        { locale: "en", title: "Segment check", bodyMarkdown: "Hello" },
        { locale: "ru", title: "Проверка сегмента", bodyMarkdown: "Привет" },
      ],
      link: null,
      segment,
    });
    const res = await portal.as.chris.post(`/announcements/${id}`, { intent: "send_now" });
    expect(res.status).toBe(200);
    expect(textOf(await res.text())).toContain(`Sent to ${promised} people.`);
    const delivered = await db.select().from(announcementDeliveries).where(eq(announcementDeliveries.announcementId, id));
    expect(delivered).toHaveLength(promised);
    const notices = await db
      .select()
      .from(notifications)
      .where(eq(notifications.link, `/announcements/${id}/read`));
    expect(new Set(notices.map((n) => n.userId))).toEqual(new Set(delivered.map((d) => d.userId)));
    // Sending twice is refused and adds nobody.
    const again = await portal.as.chris.post(`/announcements/${id}`, { intent: "send_now" });
    expect(again.status).toBe(409);
    expect(await db.select().from(announcementDeliveries).where(eq(announcementDeliveries.announcementId, id))).toHaveLength(promised);
  });

  it("lets a partner executive reach only their own people, whatever the form says", async () => {
    const [northfield] = await db.select().from(organisations).where(eq(organisations.name, "Northfield Building Supplies"));
    const ona = await actorFor("ona@baltictools.example");
    const id = await createByHttp(
      portal.as.ona,
      announcementForm({ title: "Team meeting on Monday", segment: { organisationIds: northfield.id, regions: "UK North" } }),
    );
    const page = textOf(await (await portal.as.ona.get(`/announcements/${id}`)).text());
    const own = await countRecipients(db, EMPTY_SEGMENT, ona.organisationId);
    expect(page).toContain(`${own} people will receive it.`);
    await portal.as.ona.post(`/announcements/${id}`, { intent: "send_now" });
    const reached = rowsOf<{ org: string }>(
      await db.execute(sql`select distinct u.organisation_id as org from announcement_deliveries d join users u on u.id = d.user_id
        where d.announcement_id = ${id}`),
    );
    expect(reached.map((r) => r.org)).toEqual([ona.organisationId]);
    // The channel team's list shows it; another partner's executive would get "not found" (access matrix).
    expect(await (await portal.as.chris.get(`/announcements/${id}`)).text()).toContain("Team meeting on Monday");
  });
});

describe("writing, previewing and sending", () => {
  it("previews each language as safe HTML, keeps what was typed on a refusal, and counts deliveries", async () => {
    const bad = await portal.as.chris.post(
      "/announcements/new",
      announcementForm({ title: "", link: "https://evil.example", segment: { activeWithinDays: "0" } }),
    );
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    expect(badText).toContain("Please fill this in.");
    expect(badText).toContain("Enter a portal address starting with /");
    expect(badText).toContain("Enter a number of days from 1 to 3650.");
    expect(badText).toContain("Double points on **drills** until Friday.");

    const on = await freshPerson({ org: "Baltic Tools Distribution", role: "technician", locale: "ru", tag: "on" });
    const weekly = await freshPerson({ org: "Baltic Tools Distribution", role: "technician", tag: "weekly" });
    const off = await freshPerson({ org: "Baltic Tools Distribution", role: "technician", tag: "off" });
    // Everyone the segment reaches (seeded people too) is in daytime, so quiet hours hold nobody's mail whatever the hour.
    const reached = rowsOf<{ id: string; email: string }>(
      await db.execute(sql`select id, email from users where organisation_id = ${on.organisationId} and role = 'technician'`),
    );
    for (const p of reached) await setZone(p.id, DAYTIME());
    // Announcements go to the weekly digest by default: the seeded readers chose "at once".
    await readAtOnce(db, ["announcements"], { emails: reached.map((p) => p.email) });
    const set = async (p: Actor & { email: string }, mode: string) => {
      const v = await portal.signedIn(p.email);
      const res = await v.post("/me", { intent: "preferences", ...allInstant(), mode_announcements: mode, timeZone: DAYTIME() });
      expect(res.status).toBe(200);
    };
    await set(weekly, "weekly");
    await set(off, "off");

    const id = await createByHttp(
      portal.as.chris,
      announcementForm({
        title: "Spring promotion",
        body: "Hello <script>alert(1)</script> and [click](javascript:alert(1)) and **bold**",
        segment: { organisationIds: on.organisationId, roles: "technician" },
      }),
    );
    const page = await (await portal.as.chris.get(`/announcements/${id}`)).text();
    expect(page).toContain("Email preview: English");
    expect(page).toContain("Email preview: Русский");
    expect(page).toContain("Spring promotion (рус)");
    expect(page).toContain("<strong>bold</strong>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain('href="javascript:');
    const expected = await countRecipients(db, { ...EMPTY_SEGMENT, organisationIds: [on.organisationId], roles: ["technician"] }, null);
    expect(textOf(page)).toContain(`${expected} people will receive it.`);

    await portal.as.chris.post(`/announcements/${id}`, { intent: "send_now" });
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    // At once: the email, in Russian for a Russian reader, with RFC 8058 one-click unsubscribe.
    const mail = await smtp.waitFor((m) => m.to.includes(on.email.toLowerCase()));
    expect(mail.subject).toBe("Spring promotion (рус)");
    expect(mail.html).toContain("<strong>дрели</strong>");
    expect(mail.headers["list-unsubscribe"]).toMatch(/\/unsubscribe\/[0-9a-f-]{36}/);
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    // Weekly: no email now, the notice waits for the digest. Off: no email, the notice still arrives.
    expect(smtp.inbox.filter((m) => m.to.includes(weekly.email.toLowerCase()) || m.to.includes(off.email.toLowerCase()))).toEqual([]);
    expect(await db.select().from(digestItems).where(eq(digestItems.userId, weekly.id))).toHaveLength(1);
    for (const p of [on, weekly, off])
      expect(
        await db
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, p.id), eq(notifications.topic, "announcements"))),
      ).toHaveLength(1);

    // The reader opens it from the inbox: read counts go up; the unsubscribe link works without signing in.
    const reader = await portal.signedIn(on.email);
    const read = await reader.get(`/announcements/${id}/read`);
    expect(read.status).toBe(200);
    expect(textOf(await read.text())).toContain("Двойные баллы");
    const unsubscribe = new URL(mail.headers["list-unsubscribe"].replace(/[<>]/g, "").split(",")[0]).pathname;
    expect(
      (await fetch(portal.url + unsubscribe, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) })).status,
    ).toBe(200);
    const stats = textOf(await (await portal.as.chris.get(`/announcements/${id}`)).text());
    expect(stats).toContain("Read in the portal 1");
    // Everyone reached gets the email at once except the weekly reader and the one who turned announcements off.
    expect(stats).toContain(`Emails sent ${expected - 2}`);
    expect(stats).toContain("In weekly digest 1");
    expect(stats).toMatch(/Unsubscribed [1-9]/);
  });

  it("attaches a course, contest or reward picked from a list, and readers get a button that opens it", async () => {
    const running = await createContest(db, await actorFor("chris@volta.example"), contestInput({ name: "Attachable drills" }));
    const form = await (await portal.as.chris.get("/announcements/new")).text();
    // The picker lists running contests, published courses and rewards on sale, by name.
    const options = [...form.matchAll(/<option value="(\/(?:contests|learn\/courses|shop\/rewards)\/[0-9a-f-]{36})">([^<]*)<\/option>/g)];
    const contest = options.find((o) => o[2] === "Contest: Attachable drills");
    expect(contest?.[1]).toBe(`/contests/${running.id}`);
    expect(contest, "a running contest to attach").toBeDefined();
    expect(options.some((o) => o[2].startsWith("Course: "))).toBe(true);
    expect(options.some((o) => o[2].startsWith("Reward: "))).toBe(true);

    // Picking an item and typing a different link is refused, keeping both.
    const both = await portal.as.chris.post("/announcements/new", {
      ...announcementForm({ title: "New contest", link: "/points" }),
      attach: contest![1],
    });
    expect(both.status).toBe(400);
    const refused = await both.text();
    expect(refused).toContain("Attach an item or type a link, not both.");
    expect(refused).toContain(`<option value="${contest![1]}" selected="">`);

    const id = await createByHttp(portal.as.chris, { ...announcementForm({ title: "New contest" }), attach: contest![1] });
    const [saved] = await db.select().from(announcements).where(eq(announcements.id, id));
    expect(saved.link).toBe(contest![1]);
    // Editing shows the item picked, not the address typed.
    expect(await (await portal.as.chris.get(`/announcements/${id}`)).text()).toContain(`<option value="${contest![1]}" selected="">`);
    const reader = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", tag: "attach" });
    await portal.as.chris.post(`/announcements/${id}`, { intent: "send_now" });
    const read = await (await (await portal.signedIn(reader.email)).get(`/announcements/${id}/read`)).text();
    expect(read).toContain(`href="${contest![1]}"`);
    // Detail pages carry the item's own name in their <title>, before the section.
    expect(read).toMatch(/<title>New contest · [^<]+ · Partner Portal<\/title>/);
    const contestPage = await (await portal.as.chris.get(`/contests/${running.id}`)).text();
    expect(contestPage).toMatch(/<title>Attachable drills · [^<]+ · Partner Portal<\/title>/);
  });

  it("schedules for later: nothing goes before the time, then the job sends it once", async () => {
    const p = await freshPerson({ org: "Baltic Tools Distribution", role: "technician", tag: "sched" });
    await setZone(p.id, DAYTIME());
    const id = await createByHttp(
      portal.as.chris,
      announcementForm({ title: "Webinar next week", segment: { organisationIds: p.organisationId, roles: "technician" } }),
    );
    const past = await portal.as.chris.post(`/announcements/${id}`, { intent: "schedule", sendAt: "2020-01-01T10:00" });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("This time has passed.");
    const tomorrow = new Date(Date.now() + DAY_MS).toISOString().slice(0, 16);
    const ok = await portal.as.chris.post(`/announcements/${id}`, { intent: "schedule", sendAt: tomorrow });
    expect(ok.status).toBe(200);
    expect(await sendDueAnnouncements(db)).toEqual({ sent: 0, recipients: 0 });
    // The clock reaches the time.
    await db
      .update(announcements)
      .set({ sendAt: new Date(Date.now() - 1000) })
      .where(eq(announcements.id, id));
    const first = await sendDueAnnouncements(db);
    expect(first.sent).toBe(1);
    expect(await sendDueAnnouncements(db)).toEqual({ sent: 0, recipients: 0 });
    expect(await db.select().from(announcementDeliveries).where(eq(announcementDeliveries.userId, p.id))).toHaveLength(1);
  });
});

/** Every topic at once, as the profile form posts it (derived, so a new topic cannot break the form here). */
function allInstant(): Record<string, string> {
  return Object.fromEntries(EMAIL_TOPICS.map((t) => [`mode_${t}`, "instant"]));
}

describe("preferences, quiet hours and the digest", () => {
  it("respects each topic's mode: at once, weekly, off", async () => {
    const p = await freshPerson({ tag: "modes" });
    const v = await portal.signedIn(p.email);
    await v.post("/me", { intent: "preferences", ...allInstant(), mode_contest_news: "weekly", mode_orders: "off" });
    const tell = (topic: "contest_news" | "orders" | "claim_decided") =>
      db.transaction((tx) =>
        notify(tx, {
          userId: p.id,
          topic,
          titleKey: "inbox.title",
          email: {
            template: "contest_announced",
            props: { contestName: `About ${topic}`, from: "1", to: "2", metricKey: "inbox.title", topPrize: "", url: "http://x" },
          },
        }),
      );
    await tell("contest_news");
    await tell("orders");
    await tell("claim_decided");
    const queued = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, p.id));
    expect(queued.map((q) => q.topic)).toEqual(["claim_decided"]);
    expect((await db.select().from(digestItems).where(eq(digestItems.userId, p.id))).map((d) => d.topic)).toEqual(["contest_news"]);
    expect(await db.select().from(notifications).where(eq(notifications.userId, p.id))).toHaveLength(3);
  });

  it("defaults, until a person chooses: decisions at once, news in the weekly digest, shown so on the profile", async () => {
    const p = await freshPerson({ tag: "defaults" });
    const v = await portal.signedIn(p.email);
    const profile = await (await v.get("/me")).text();
    const selected = (topic: string) =>
      new RegExp(`<select[^>]*name="mode_${topic}"[^>]*>[\\s\\S]*?<option value="(\\w+)" selected=""`).exec(profile)?.[1];
    for (const topic of ["claim_decided", "points_credited", "points_expiring", "orders"]) expect(selected(topic), topic).toBe("instant");
    for (const topic of ["contest_news", "announcements", "wish_list"]) expect(selected(topic), topic).toBe("weekly");
    await db.transaction(async (tx) => {
      for (const topic of ["contest_news", "wish_list", "claim_decided"] as const)
        await notify(tx, {
          userId: p.id,
          topic,
          titleKey: "inbox.title",
          email: {
            template: "contest_announced",
            props: { contestName: `Default ${topic}`, from: "1", to: "2", metricKey: "inbox.title", topPrize: "", url: "http://x" },
          },
        });
    });
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.userId, p.id))).map((q) => q.topic)).toEqual(["claim_decided"]);
    expect((await db.select().from(digestItems).where(eq(digestItems.userId, p.id))).map((d) => d.topic).sort()).toEqual([
      "contest_news",
      "wish_list",
    ]);
  });

  it("holds announcements outside 08:00-20:00 in the reader's time zone and sends them when the window opens", async () => {
    const sleeper = await freshPerson({ org: "Baltic Tools Distribution", role: "manager", tag: "night" });
    const awake = await freshPerson({ org: "Baltic Tools Distribution", role: "manager", tag: "day" });
    await setZone(sleeper.id, NIGHT());
    await setZone(awake.id, DAYTIME());
    await readAtOnce(db, ["announcements", "contest_news"], { emails: [sleeper.email, awake.email] });
    const chris = await actorFor("chris@volta.example");
    const id = await createAnnouncement(db, chris, {
      contents: [
        { locale: "en", title: "Quiet hours check", bodyMarkdown: "Hi" },
        { locale: "ru", title: "Тихие часы", bodyMarkdown: "Привет" },
      ],
      link: null,
      segment: { ...EMPTY_SEGMENT, organisationIds: [sleeper.organisationId], roles: ["manager"] },
    });
    const before = new Date();
    await portal.as.chris.post(`/announcements/${id}`, { intent: "send_now" });
    const [held] = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, sleeper.id));
    // Held until 08:00 there, as the pure rule says.
    expect(Math.abs(held.nextAttemptAt.getTime() - releaseAt(before, NIGHT()).getTime())).toBeLessThan(60_000);
    expect(held.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5 * 3600_000);
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    await smtp.waitFor((m) => m.to.includes(awake.email.toLowerCase()));
    expect(smtp.inbox.filter((m) => m.to.includes(sleeper.email.toLowerCase()))).toEqual([]);
    // 08:00 comes (the clock moves the held mail's time to now): it goes out.
    await db
      .update(emailOutbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(emailOutbox.id, held.id));
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    await smtp.waitFor((m) => m.to.includes(sleeper.email.toLowerCase()));
    // Other news waits too (contest news here); a claim decision goes at once, even at night.
    await db.transaction(async (tx) => {
      for (const topic of ["contest_news", "claim_decided"] as const)
        await notify(tx, {
          userId: sleeper.id,
          topic,
          titleKey: "inbox.title",
          email: {
            template: "contest_announced",
            props: { contestName: `Night ${topic}`, from: "1", to: "2", metricKey: "inbox.title", topPrize: "", url: "http://x" },
          },
        });
    });
    const night = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.userId, sleeper.id), inArray(emailOutbox.topic, ["contest_news", "claim_decided"])));
    const at = Object.fromEntries(night.map((m) => [m.topic, m.nextAttemptAt.getTime()]));
    expect(at.contest_news).toBeGreaterThan(Date.now() + 5 * 3600_000);
    expect(at.claim_decided).toBeLessThanOrEqual(Date.now() + 1000);
    // Security mail never waits: a reset link goes at once whatever the hour.
    expect(releaseAt(before, NIGHT()).getTime()).toBeGreaterThan(before.getTime());
  });

  it("groups last week's notices into one email per person, once, and sends nothing when there is nothing", async () => {
    const p = await freshPerson({ tag: "digest" });
    const quiet = await freshPerson({ tag: "quiet" });
    await setZone(p.id, DAYTIME());
    const v = await portal.signedIn(p.email);
    await v.post("/me", {
      intent: "preferences",
      ...allInstant(),
      mode_contest_news: "weekly",
      mode_orders: "weekly",
      timeZone: DAYTIME(),
    });
    const tell = (topic: "contest_news" | "orders", title: string) =>
      db.transaction((tx) =>
        notify(tx, {
          userId: p.id,
          topic,
          titleKey: "communication.notice.title",
          vars: { title },
          email: {
            template: "contest_announced",
            props: { contestName: title, from: "1", to: "2", metricKey: "inbox.title", topPrize: "", url: "http://x" },
          },
        }),
      );
    await tell("contest_news", "Winter drills contest");
    await tell("contest_news", "Spring saws contest");
    await tell("orders", "Your tackle box shipped");
    await tell("contest_news", "This week's news");
    // The first three happened last week; the fourth this week and waits for next week's digest.
    const lastWeek = new Date(weekStart(new Date()).getTime() - 2 * DAY_MS);
    await db.execute(sql`update digest_items set created_at = ${lastWeek.toISOString()} where user_id = ${p.id} and id in
      (select id from digest_items where user_id = ${p.id} order by id limit 3)`);

    await sendWeeklyDigests(db);
    await sendWeeklyDigests(db);
    const mine = await db.select().from(digests).where(eq(digests.userId, p.id));
    expect(mine).toHaveLength(1);
    expect(mine[0].items).toBe(3);
    expect(await db.select().from(digests).where(eq(digests.userId, quiet.id))).toEqual([]);
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    const mail = await smtp.waitFor((m) => m.to.includes(p.email.toLowerCase()));
    expect(mail.subject).toBe("Your week: 3 updates");
    expect(mail.text).toContain("Winter drills contest");
    expect(mail.text).toContain("Your tackle box shipped");
    expect(mail.text).not.toContain("This week's news");
    expect(mail.text.indexOf("Contests: new ones and results")).toBeLessThan(mail.text.indexOf("My reward orders"));
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(smtp.inbox.filter((m) => m.to.includes(p.email.toLowerCase()))).toHaveLength(1);
    expect(smtp.inbox.filter((m) => m.to.includes(quiet.email.toLowerCase()))).toEqual([]);
  });
});

describe("did you know: product tips", () => {
  it("rotates tips from the claim's category, never repeating one within 90 days, in the email and the inbox notice", async () => {
    const admin = portal.as.admin;
    for (const [category, en] of [
      ["Drills", "Drill tip one: the DR18 chuck holds 13 mm bits."],
      ["Drills", "Drill tip two: every Volta 18 V battery fits."],
      ["Saws", "Saw tip: never shown for a drill sale."],
    ]) {
      const res = await admin.post("/admin/tips", { intent: "create", category, text_en: en, text_ru: `RU ${en}` });
      expect(res.status).toBe(200);
    }
    const badTip = await admin.post("/admin/tips", { intent: "create", category: "Nonsense", text_en: "x", text_ru: "y" });
    expect(badTip.status).toBe(400);

    const seller = await freshPerson({ tag: "tips" });
    await setZone(seller.id, DAYTIME());
    const sellerVisitor = await portal.signedIn(seller.email);
    const chris = await actorFor("chris@volta.example");
    const approveOne = async () => {
      const id = await submitNew(
        sellerVisitor,
        claimForm({
          invoice: `TIP-${Math.random().toString(36).slice(2, 8)}`,
          date: daysAgo(1),
          lines: [{ sku: "VT-DR18", qty: 1, serials: serials(1) }],
        }),
      );
      expect(await claimCategory(db, id)).toBe("Drills");
      await approveClaim(db, chris, id);
      const [notice] = await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, seller.id),
            eq(notifications.link, `/claims/${id}`),
            eq(notifications.titleKey, "claims.notice.approved"),
          ),
        );
      return notice;
    };
    const first = await approveOne();
    const second = await approveOne();
    const third = await approveOne();
    const shown = [first.vars.tip, second.vars.tip].sort();
    expect(shown).toEqual(["Drill tip one: the DR18 chuck holds 13 mm bits.", "Drill tip two: every Volta 18 V battery fits."]);
    // Both drill tips were seen within 90 days: the third approval carries none of them again.
    expect(third.vars.tip).toBeUndefined();
    // The inbox shows the tip under the notice; the email carries it too.
    const inbox = textOf(await (await sellerVisitor.get("/inbox")).text());
    expect(inbox).toContain(`Did you know? ${first.vars.tip}`);
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    const mail = await smtp.waitFor((m) => m.to.includes(seller.email.toLowerCase()) && m.text.includes(String(first.vars.tip)));
    expect(mail.text).not.toContain("Saw tip");
    // 91 days later the first one may come back; the saw tip never does for drills.
    await db.execute(sql`update tip_views set seen_at = now() - interval '91 days' where user_id = ${seller.id}`);
    const again = await db.transaction((tx) => pickTip(tx, seller.id, "Drills", "ru"));
    expect(again?.text).toMatch(/^RU Drill tip/);
    expect(await db.select().from(tipViews).where(eq(tipViews.userId, seller.id))).toHaveLength(2);
  });
});
