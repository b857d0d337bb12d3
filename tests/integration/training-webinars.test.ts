import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createWebinar } from "../../app/domain/training/webinars.server";
import { sendWebinarReminders } from "../../app/domain/training/jobs.server";
import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { addDays } from "../../app/lib/dates";
import { getDb } from "../../db/client";
import { courses, webinars } from "../../db/schema";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { usePortal, useSmtp } from "../support/fixtures";

const HOUR = 3_600_000;
const portal = usePortal();
const smtp = useSmtp();
const db = await getDb();

const { signedIn } = portal;
function decode(s: string) {
  return s
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/<!-- -->/g, "");
}
/** Page text without tags: what a person reads. */
function text(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}

/** A webinar of the test's own, published by the trainer, starting `inHours` from now. */
async function newWebinar(over: Partial<Parameters<typeof createWebinar>[2]> & { inHours?: number } = {}) {
  const { inHours = 72, ...rest } = over;
  const trainer = await actorFor("trainer@volta.example");
  return createWebinar(db, trainer, {
    title: `Webinar ${Math.random().toString(36).slice(2, 7)}`,
    description: "",
    speaker: "Tom Trainer",
    startsLocal: new Date(Date.now() + inHours * HOUR).toISOString().slice(0, 16),
    timeZone: "UTC",
    durationMinutes: 60,
    joinUrl: "https://meet.example.com/test",
    capacity: null,
    targetRoles: [],
    regions: [],
    points: 0,
    ...rest,
  });
}

describe("cancelling a webinar registration", () => {
  it("frees the seat for the next person, and the cancelled person gets no reminder", async () => {
    const w = await newWebinar({ capacity: 1, inHours: 20 });
    const [anna, ben] = await Promise.all([freshPerson({ tag: "anna" }), freshPerson({ tag: "ben", org: "Baltic Tools Distribution" })]);
    const [a, b] = await Promise.all([signedIn(anna.email), signedIn(ben.email)]);
    const path = `/learn/webinars/${w.id}`;

    expect(text(await (await a.post(path, { intent: "register" })).text())).toContain("You are registered.");
    const full = await b.post(path, { intent: "register" });
    expect(full.status).toBe(409);
    expect(text(await full.text())).toContain("Sorry, this webinar is fully booked.");

    const cancelled = await a.post(path, { intent: "cancel" });
    expect(cancelled.status).toBe(200);
    const page = text(await cancelled.text());
    expect(page).toContain("Your registration is cancelled.");
    expect(page).toContain("0 of 1 seat taken");
    expect(page).toContain("Register");
    expect(page).not.toContain("Cancel my registration");

    expect(text(await (await b.post(path, { intent: "register" })).text())).toContain("You are registered.");
    expect(text(await (await b.get(path)).text())).toContain("1 of 1 seat taken");

    // The reminder job runs a day before: Ben hears from it, Anna does not.
    expect(await sendWebinarReminders(db)).toBeGreaterThanOrEqual(1);
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    await smtp.waitFor((m) => m.to.includes(ben.email) && m.subject === `Tomorrow: ${w.title}`);
    expect(smtp.inbox.filter((m) => m.to.includes(anna.email)).map((m) => m.subject)).toEqual([`You are registered: ${w.title}`]);
    expect(text(await (await a.get("/inbox")).text())).not.toContain("Tomorrow");
  });

  it("cannot be cancelled once the webinar has started: the seat stays taken", async () => {
    const w = await newWebinar({ capacity: 5 });
    const person = await freshPerson({ tag: "late" });
    const v = await signedIn(person.email);
    const path = `/learn/webinars/${w.id}`;
    await v.post(path, { intent: "register" });
    await db
      .update(webinars)
      .set({ startsAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(webinars.id, w.id));
    const res = await v.post(path, { intent: "cancel" });
    expect(res.status).toBe(409);
    expect(text(await res.text())).toContain("The webinar has started; there is no registration to cancel now.");
    expect(text(await (await v.get(path)).text())).toContain("1 of 5 seats taken");
  });
});

describe("webinar recordings", () => {
  it("can be linked only once the webinar has started, then everyone the webinar is for may watch it, registered or not", async () => {
    const w = await newWebinar({ regions: ["UK North"] });
    const trainer = await signedIn("trainer@volta.example");
    const manage = `/learn/manage/webinars/${w.id}`;
    const recording = "https://video.example.com/recordings/v18-platform";

    const early = await trainer.post(manage, { intent: "recording", recordingUrl: recording });
    expect(early.status).toBe(400);
    expect(text(await early.text())).toContain("A recording can be linked once the webinar has started.");

    // The webinar took place yesterday.
    await db
      .update(webinars)
      .set({ startsAt: addDays(new Date(), -1) })
      .where(eq(webinars.id, w.id));
    const saved = await trainer.post(manage, { intent: "recording", recordingUrl: recording });
    expect(saved.status).toBe(200);
    expect(text(await saved.text())).toContain("Recording link saved.");

    // Sam (UK North) never registered: he still finds the recording, on the list and on the page.
    const sam = await signedIn("sam@northfield.example");
    const list = await (await sam.get("/learn/webinars")).text();
    expect(text(list)).toMatch(new RegExp(`${w.title}.*Recording`));
    const page = await (await sam.get(`/learn/webinars/${w.id}`)).text();
    expect(text(page)).toContain("Watch the recording");
    expect(page).toContain(`href="${recording}"`);
    // Marta works in another region: the webinar, and so its recording, is not for her.
    const marta = await signedIn("marta@baltictools.example");
    expect((await marta.get(`/learn/webinars/${w.id}`)).status).toBe(404);
    expect(await (await marta.get("/learn/webinars")).text()).not.toContain(recording);
  });
});

describe("assigned and optional courses", () => {
  it("shows a course as assigned to the roles it targets and as optional to everyone else", async () => {
    const published = await db
      .select()
      .from(courses)
      .where(and(eq(courses.status, "published")));
    const forSales = published.find((c) => c.targetRoles.includes("salesperson") && !c.targetRoles.includes("technician"))!;
    const forTechs = published.find((c) => c.targetRoles.includes("technician") && !c.targetRoles.includes("salesperson"))!;
    const forNobody = published.find((c) => c.targetRoles.length === 0)!;
    expect(forSales && forTechs && forNobody).toBeTruthy();

    /** The course titles under each heading of /learn, as the person reads them. */
    async function sections(email: string) {
      const html = await (await (await signedIn(email)).get("/learn")).text();
      // From a heading to the next one (the course cards are sections of their own).
      const section = (id: string) => text(new RegExp(`<h2 id="${id}"[\\s\\S]*?(?=<h2 )`).exec(html)?.[0] ?? "");
      return { assigned: section("assigned"), optional: section("optional") };
    }
    const sales = await sections("sam@northfield.example");
    expect(sales.assigned).toContain(forSales.title);
    expect(sales.optional).toContain(forTechs.title);
    expect(sales.optional).toContain(forNobody.title);
    expect(sales.assigned).not.toContain(forTechs.title);

    const tech = await sections("olivia@northfield.example");
    expect(tech.assigned).toContain(forTechs.title);
    expect(tech.optional).toContain(forSales.title);
    expect(tech.assigned).not.toContain(forSales.title);

    // The course page says the same, with its badge.
    const sam = await signedIn("sam@northfield.example");
    expect(text(await (await sam.get(`/learn/courses/${forSales.id}`)).text())).toMatch(/\bAssigned\b/);
    expect(text(await (await sam.get(`/learn/courses/${forTechs.id}`)).text())).toMatch(/\bOptional\b/);
  });
});
