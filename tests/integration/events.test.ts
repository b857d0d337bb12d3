import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checkIn } from "../../app/domain/events/check-in.server";
import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { cancelEventRegistration, createEvent, registerForEvent } from "../../app/domain/events/events.server";
import { passToken } from "../../app/domain/events/pass.server";
import { sqlState } from "../../app/lib/errors";
import { getDb } from "../../db/client";
import { auditLog, eventRegistrations, events, ledgerEntries } from "../../db/schema";
import { usePortal, useSmtp } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

const HOUR = 3_600_000;
const portal = usePortal();
const smtp = useSmtp();
const db = await getDb();
const { signedIn } = portal;

/** Page text without tags: what a person reads. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/<!-- -->/g, "")
    .replace(/\s+/g, " ");
}

/** The venue's wall clock "YYYY-MM-DDTHH:MM", `inHours` from now, in UTC (the test's venue is in UTC). */
const local = (inHours: number) => new Date(Date.now() + inHours * HOUR).toISOString().slice(0, 16);

async function newEvent(capacity: number, opts: { inHours?: number; points?: number } = {}) {
  const { inHours = 48, points = 40 } = opts;
  return createEvent(db, await actorFor("trainer@volta.example"), {
    kind: "product_training",
    title: `Training ${Math.random().toString(36).slice(2, 7)}`,
    description: "",
    venueName: "Volta Academy",
    venueAddress: "Gedimino pr. 9, Vilnius",
    startsLocal: local(inHours),
    endsLocal: local(inHours + 2),
    timeZone: "UTC",
    capacity,
    targetRoles: [],
    regions: [],
    points,
  });
}

describe("registering for an in-person event", () => {
  it("never gives more seats than the capacity to registrations that race; the rest wait in order", async () => {
    const e = await newEvent(5);
    const people = await Promise.all(Array.from({ length: 24 }, (_, i) => freshPerson({ tag: `race${i}` })));
    const results = await Promise.all(people.map((p) => registerForEvent(db, p, e.id)));
    expect(results.filter((r) => r.status === "registered")).toHaveLength(5);
    expect(results.filter((r) => r.status === "waitlisted")).toHaveLength(19);
    const [row] = await db.select().from(events).where(eq(events.id, e.id));
    expect(row.seatsTaken).toBe(5);
    const seats = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.status, "registered")));
    expect(seats[0].n).toBe(5);

    // The database itself refuses an overbooking, whatever the code does.
    const overbook = await db
      .update(events)
      .set({ seatsTaken: 6 })
      .where(eq(events.id, e.id))
      .catch((error: unknown) => error);
    expect(sqlState(overbook)).toBe("23514");

    // Over HTTP, the next person is told the event is full and where they stand.
    const late = await freshPerson({ tag: "late" });
    const v = await signedIn(late.email);
    const page = text(await (await v.post(`/learn/events/${e.id}`, { intent: "register" })).text());
    expect(page).toContain("The event is full: you are on the waiting list.");
    expect(page).toContain("You are number 20 on the waiting list.");
    expect(page).not.toContain("Your pass");
  });

  it("gives a freed seat to the first person waiting, who is told and gets a pass", async () => {
    const e = await newEvent(1);
    const [anna, ben, cara] = await Promise.all([freshPerson({ tag: "anna" }), freshPerson({ tag: "ben" }), freshPerson({ tag: "cara" })]);
    const [a, b, c] = await Promise.all([signedIn(anna.email), signedIn(ben.email), signedIn(cara.email)]);
    const path = `/learn/events/${e.id}`;

    const first = text(await (await a.post(path, { intent: "register" })).text());
    expect(first).toContain("You are registered. Show your QR code at the door.");
    expect(first).toContain("Your pass");
    expect(first).toMatch(/Code: [A-Z2-9]{4}-[A-Z2-9]{4}/);
    const queued = text(await (await b.post(path, { intent: "register" })).text());
    expect(queued).toContain("You are number 1 on the waiting list.");
    expect(text(await (await c.post(path, { intent: "register" })).text())).toContain("You are number 2 on the waiting list.");

    const cancelled = text(await (await a.post(path, { intent: "cancel" })).text());
    expect(cancelled).toContain("Your registration is cancelled.");
    expect(cancelled).toContain("1 of 1 seat taken");

    // Ben was first in the queue: the seat is his, he is told, and his pass is on the page.
    const bens = text(await (await b.get(path)).text());
    expect(bens).toContain("Your pass");
    expect(bens).not.toContain("waiting list.");
    expect(text(await (await b.get("/inbox")).text())).toContain(`A seat at “${e.title}” is free and it is yours.`);
    // Cara moves up one place.
    expect(text(await (await c.get(path)).text())).toContain("You are number 1 on the waiting list.");
    const [row] = await db.select().from(events).where(eq(events.id, e.id));
    expect(row.seatsTaken).toBe(1);

    // The list mixes this event with the webinars, marked in person, with Ben's place on it.
    const list = text(await (await b.get("/learn/webinars")).text());
    expect(list).toContain(e.title);
    expect(list).toContain("In person");
  });
});

describe("the organiser changes or calls off an event", () => {
  it("keeps every seat taken, seats the waiting list when capacity grows, tells people of a new venue and of the cancellation, and audits it", async () => {
    const e = await newEvent(2);
    const [anna, ben, cara, dan] = await Promise.all(["anna", "ben", "cara", "dan"].map((tag) => freshPerson({ tag: `edit-${tag}` })));
    for (const p of [anna, ben, cara, dan]) await registerForEvent(db, p, e.id);
    const trainer = await signedIn("trainer@volta.example");
    const path = `/learn/manage/events/${e.id}`;
    const form = (changes: Record<string, string>) => ({
      intent: "update",
      kind: e.kind,
      title: e.title,
      description: "",
      venueName: e.venueName,
      venueAddress: e.venueAddress,
      startsLocal: local(48),
      endsLocal: local(50),
      timeZone: "UTC",
      capacity: "2",
      regions: "",
      points: "40",
      ...changes,
    });
    // The form opens with the event's own values.
    const page = text(await (await trainer.get(path)).text());
    expect(page).toContain("Change the event");
    expect(page).toContain("Cancel the event");

    // Fewer seats than people holding one: refused, nothing changed, what was typed kept.
    const shrink = await trainer.post(path, form({ capacity: "1", venueName: "Typed but refused" }));
    expect(shrink.status).toBe(400);
    const shrinkHtml = await shrink.text();
    expect(text(shrinkHtml)).toContain("Seats already taken: 2. The capacity cannot be lower.");
    expect(shrinkHtml).toContain('value="Typed but refused"');
    expect((await db.select().from(events).where(eq(events.id, e.id)))[0]).toMatchObject({ capacity: 2, venueName: "Volta Academy" });

    // One more seat: the first person waiting gets it at once and is told; nobody is told of a change.
    const grow = text(await (await trainer.post(path, form({ capacity: "3" }))).text());
    expect(grow).toContain("Saved.");
    expect(grow).not.toContain("has been told");
    const [c, d, a] = await Promise.all([signedIn(cara.email), signedIn(dan.email), signedIn(anna.email)]);
    expect(text(await (await c.get(`/learn/events/${e.id}`)).text())).toContain("Your pass");
    expect(text(await (await c.get("/inbox")).text())).toContain(`A seat at “${e.title}” is free and it is yours.`);
    expect(text(await (await d.get(`/learn/events/${e.id}`)).text())).toContain("You are number 1 on the waiting list.");
    expect(text(await (await a.get("/inbox")).text())).not.toContain("has a new time or venue");

    // A new venue: everyone registered or waiting is told, and the event page shows it.
    const moved = text(await (await trainer.post(path, form({ capacity: "3", venueName: "Volta Kaunas hall" }))).text());
    expect(moved).toContain("Saved. Everyone registered or waiting has been told of the new time or venue.");
    for (const v of [a, d]) expect(text(await (await v.get("/inbox")).text())).toContain(`“${e.title}” has a new time or venue.`);
    expect(text(await (await a.get(`/learn/events/${e.id}`)).text())).toContain("Volta Kaunas hall");
    // ... and by email, saying where it now is and what they hold (a seat or a place in the queue).
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    const seatMail = await smtp.waitFor((m) => m.to.includes(anna.email.toLowerCase()) && m.subject === `New time or venue: ${e.title}`);
    expect(seatMail.text).toContain("Volta Kaunas hall, Gedimino pr. 9, Vilnius");
    expect(seatMail.text).toContain("Your seat is kept.");
    expect(seatMail.links.some((l) => l.endsWith(`/learn/events/${e.id}/ics`))).toBe(true);
    const queueMail = await smtp.waitFor((m) => m.to.includes(dan.email.toLowerCase()) && m.subject === `New time or venue: ${e.title}`);
    expect(queueMail.text).toContain("You are still on the waiting list.");

    // Called off: people are told, registering and changing are refused.
    const off = text(await (await trainer.post(path, { intent: "cancel" })).text());
    expect(off).toContain("The event is cancelled. Everyone registered or waiting has been told.");
    expect(off).not.toContain("Change the event");
    for (const v of [a, d]) expect(text(await (await v.get("/inbox")).text())).toContain(`“${e.title}” is cancelled.`);
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    const offMail = await smtp.waitFor((m) => m.to.includes(cara.email.toLowerCase()) && m.subject === `Cancelled: ${e.title}`);
    expect(offMail.text).toContain("Volta Kaunas hall");
    expect(offMail.text).toContain("Your seat is released.");
    const b = await signedIn(ben.email);
    expect((await b.post(`/learn/events/${e.id}`, { intent: "register" })).status).toBe(409);
    const late = await trainer.post(path, form({ capacity: "4" }));
    expect(late.status).toBe(409);
    expect(text(await late.text())).toContain("This event is cancelled.");

    const audit = await db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "event"), eq(auditLog.entityId, e.id)));
    const actions = audit.map((r) => r.action).sort();
    expect(actions).toEqual(["event.cancelled", "event.created", "event.updated", "event.updated"]);
    expect(audit.find((r) => r.action === "event.cancelled")?.details).toMatchObject({ told: 4 });
  });
});

describe("check-in at the door", () => {
  it("checks a person in once under 10 scanners each scanning twice at the same moment: one credit, the rest told when", async () => {
    const e = await newEvent(10, { inHours: 1, points: 40 });
    const person = await freshPerson({ tag: "door" });
    await registerForEvent(db, person, e.id);
    const token = passToken(e.id, person.id);
    const organisers = await Promise.all(
      ["trainer@volta.example", "chris@volta.example", "admin@volta.example"].map((email) => signedIn(email)),
    );
    const scans = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        organisers[i % organisers.length].post(`/learn/manage/events/${e.id}/check-in`, { intent: "check_in", code: token }),
      ),
    );
    const pages = await Promise.all(scans.map(async (r) => ({ status: r.status, text: text(await r.text()) })));
    expect(pages.every((p) => p.status === 200)).toBe(true);
    const ok = pages.filter((p) => p.text.includes(`${person.name} (Northfield Building Supplies) is checked in at`));
    const again = pages.filter((p) => /is already checked in at \d\d:\d\d\. Nothing credited\./.test(p.text));
    expect(ok).toHaveLength(1);
    expect(ok[0].text).toContain("40 points credited.");
    expect(again).toHaveLength(19);

    const credits = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, person.id), eq(ledgerEntries.sourceType, "event"), eq(ledgerEntries.sourceId, e.id)));
    expect(credits.map((c) => c.amount)).toEqual([40]);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, e.id), eq(auditLog.action, "event.checked_in")));
    expect(audits).toHaveLength(1);

    // The person sees it: checked in, and the points.
    const v = await signedIn(person.email);
    const page = text(await (await v.get(`/learn/events/${e.id}`)).text());
    expect(page).toMatch(/Checked in at \d\d:\d\d\. 40 points credited for attending\./);
    expect(text(await (await v.get("/points")).text())).toContain(`Event attended: ${e.title}`);

    // The organiser's report counts them for their partner; the CSV has their row.
    const report = text(await (await organisers[0].get(`/learn/manage/events/${e.id}`)).text());
    expect(report).toContain("1 of 1 checked in");
    const csv = await (await organisers[0].get(`/learn/manage/events/${e.id}/attendance.csv`)).text();
    expect(csv).toContain(`Northfield Building Supplies,${person.name},${person.email},Registered,`);
  });

  it("takes the typed code, and refuses a pass for another event, a queued person and a made-up code", async () => {
    const e = await newEvent(1, { inHours: 1, points: 0 });
    const other = await newEvent(5, { inHours: 1 });
    const [seated, queued] = await Promise.all([freshPerson({ tag: "seated" }), freshPerson({ tag: "queued" })]);
    await registerForEvent(db, seated, e.id);
    await registerForEvent(db, queued, e.id);
    await registerForEvent(db, seated, other.id);
    const trainer = await signedIn("trainer@volta.example");
    const door = `/learn/manage/events/${e.id}/check-in`;

    // Another event's pass for the same person is no pass here.
    const foreign = await trainer.post(door, { intent: "check_in", code: passToken(other.id, seated.id) });
    expect(foreign.status).toBe(404);
    expect(text(await foreign.text())).toContain("This pass or code is not a registration for this event.");

    const made = await trainer.post(door, { intent: "check_in", code: "ZZZZ-ZZZZ" });
    expect(made.status).toBe(404);
    const madeHtml = await made.text();
    expect(text(madeHtml)).toContain("This pass or code is not a registration for this event.");
    // What was typed stays in the field.
    expect(madeHtml).toContain('value="ZZZZ-ZZZZ"');

    const [q] = await db
      .select({ code: eventRegistrations.checkInCode })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.userId, queued.id)));
    const waiting = await trainer.post(door, { intent: "check_in", code: q.code });
    expect(waiting.status).toBe(409);
    expect(text(await waiting.text())).toContain(`${queued.name} is on the waiting list, not registered`);

    // The code printed under the seated person's QR, typed in lower case with a space.
    const v = await signedIn(seated.email);
    const code = /Code: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text(await (await v.get(`/learn/events/${e.id}`)).text()))![1];
    const typed = await trainer.post(door, { intent: "check_in", code: code.toLowerCase().replace("-", " ") });
    expect(text(await typed.text())).toContain(`${seated.name} (Northfield Building Supplies) is checked in at`);

    // Checked in before the start (doors open early): the seat is theirs, there is nothing to cancel.
    await expect(cancelEventRegistration(db, seated, e.id)).rejects.toMatchObject({ key: "events.errors.checked_in_cancel", status: 409 });

    // A partner cannot open the door page at all.
    const partner = await signedIn(seated.email);
    expect((await partner.post(door, { intent: "check_in", code })).status).toBe(403);

    // Doors are not open days ahead.
    const later = await newEvent(5, { inHours: 72 });
    await registerForEvent(db, seated, later.id);
    await expect(checkIn(db, await actorFor("trainer@volta.example"), later.id, passToken(later.id, seated.id))).rejects.toMatchObject({
      key: "events.checkin.not_open",
    });
  });
});
