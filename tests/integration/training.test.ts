import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "../../db/client";
import {
  auditLog,
  certificates,
  courseLessons,
  courses,
  ledgerEntries,
  quizQuestions,
  webinarRegistrations,
  webinars,
} from "../../db/schema";
import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { getBalance } from "../../app/domain/points/ledger.server";
import { completeLesson } from "../../app/domain/training/courses.server";
import { getOpenQuiz, startAttempt, submitAttempt } from "../../app/domain/training/quizzes.server";
import { sendCertificateWarnings, sendWebinarReminders } from "../../app/domain/training/jobs.server";
import { teamTraining } from "../../app/domain/training/reports.server";
import {
  cancelWebinar,
  createWebinar,
  enterAttendanceCode,
  importAttendance,
  registerForWebinar,
} from "../../app/domain/training/webinars.server";
import { createContest } from "../../app/domain/contests/contests.server";
import { contestEntries, notifications } from "../../db/schema";
import type { Actor } from "../../app/lib/actor";
import { UserError } from "../../app/lib/errors";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { actorFor, Visitor } from "../support/portal";
import { usePortal, useSmtp } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function courseByTitle(title: string) {
  const db = await getDb();
  const [c] = await db.select().from(courses).where(eq(courses.title, title));
  return c;
}

async function finishLessons(actor: Actor, courseId: string) {
  const db = await getDb();
  const lessons = await db.select({ id: courseLessons.id }).from(courseLessons).where(eq(courseLessons.courseId, courseId));
  for (const l of lessons) await completeLesson(db, actor, courseId, l.id);
}

/** Answers from the stored key: right ones, or wrong ones for the first `wrong` questions. */
async function answersFor(courseId: string, wrong = 0) {
  const db = await getDb();
  const qs = await db.select().from(quizQuestions).where(eq(quizQuestions.courseId, courseId)).orderBy(quizQuestions.position);
  return Object.fromEntries(qs.map((q, i) => [q.id, i < wrong ? [q.options.find((o) => !q.correct.includes(o.id))!.id] : q.correct]));
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

async function courseCredits(userId: string, courseId: string) {
  const db = await getDb();
  return db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.userId, userId), eq(ledgerEntries.sourceType, "course"), eq(ledgerEntries.sourceId, courseId)));
}

async function newWebinar(overrides: Partial<Parameters<typeof createWebinar>[2]> = {}) {
  const db = await getDb();
  const trainer = await actorFor("trainer@volta.example");
  return createWebinar(db, trainer, {
    title: `Test webinar ${Math.random().toString(36).slice(2, 7)}`,
    description: "",
    speaker: "Tom Trainer",
    startsLocal: new Date(Date.now() + 3 * DAY).toISOString().slice(0, 16),
    timeZone: "UTC",
    durationMinutes: 60,
    joinUrl: "https://meet.example.com/test",
    capacity: null,
    targetRoles: [],
    regions: [],
    points: 40,
    ...overrides,
  });
}

/** Moves a webinar in time (test set-up only: a session that is "now" or over). */
async function moveWebinar(id: string, startsAt: Date) {
  const db = await getDb();
  await db.update(webinars).set({ startsAt }).where(eq(webinars.id, id));
}

describe("courses and quizzes", () => {
  it("opens the quiz only after every lesson, and credits the course points exactly once", async () => {
    const db = await getDb();
    const marta = await actorFor("marta@baltictools.example");
    const course = await courseByTitle("Selling the V18 cordless platform");
    expect((await refusal(startAttempt(db, marta, course.id))).key).toBe("training.quiz.lessons_first");
    await finishLessons(marta, course.id);
    const before = await getBalance(db, marta.id);
    await startAttempt(db, marta, course.id);
    const first = await submitAttempt(db, marta, course.id, await answersFor(course.id));
    expect(first).toMatchObject({ passed: true, scorePercent: 100, points: 150 });
    expect(await getBalance(db, marta.id)).toBe(before + 150);

    // Passing again renews the certificate but never pays twice.
    const [certBefore] = await db
      .select()
      .from(certificates)
      .where(and(eq(certificates.userId, marta.id), eq(certificates.courseId, course.id)));
    await startAttempt(db, marta, course.id, new Date(Date.now() + DAY));
    const second = await submitAttempt(db, marta, course.id, await answersFor(course.id), new Date(Date.now() + DAY));
    expect(second).toMatchObject({ passed: true, points: 0 });
    expect(await getBalance(db, marta.id)).toBe(before + 150);
    expect(await courseCredits(marta.id, course.id)).toHaveLength(1);
    const [certAfter] = await db
      .select()
      .from(certificates)
      .where(and(eq(certificates.userId, marta.id), eq(certificates.courseId, course.id)));
    expect(certAfter.number).toBe(certBefore.number);
    expect(certAfter.expiresAt.getTime()).toBeGreaterThan(certBefore.expiresAt.getTime());
  });

  it("scores an attempt once when the same answers are submitted twice at the same moment", async () => {
    const db = await getDb();
    const jack = await actorFor("jack@northfield.example");
    const course = await courseByTitle("Selling the V18 cordless platform");
    await finishLessons(jack, course.id);
    const jackBefore = await getBalance(db, jack.id);
    await startAttempt(db, jack, course.id);
    const answers = await answersFor(course.id);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => submitAttempt(db, jack, course.id, answers)));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected") as PromiseRejectedResult[])
      expect((r.reason as UserError).key).toBe("training.quiz.no_open_attempt");
    expect(await courseCredits(jack.id, course.id)).toHaveLength(1);
    expect(await getBalance(db, jack.id)).toBe(jackBefore + 150);
  });

  it("enforces the attempts limit with a cool-down, and a later pass still pays once", async () => {
    const db = await getDb();
    const ben = await actorFor("ben@proinstall.example");
    const course = await courseByTitle("Servicing brushless motors: diagnostics and warranty");
    expect(course.attemptsLimit).toBe(3);
    await finishLessons(ben, course.id);
    const benBefore = await getBalance(db, ben.id);
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) {
      const at = new Date(t0 + i * 60_000);
      await startAttempt(db, ben, course.id, at);
      // 2 of 4 right is 50%, under the 80% mark.
      expect(await submitAttempt(db, ben, course.id, await answersFor(course.id, 2), at)).toMatchObject({
        passed: false,
        scorePercent: 50,
        points: 0,
      });
    }
    const blocked = await refusal(startAttempt(db, ben, course.id, new Date(t0 + 3 * 60_000)));
    expect(blocked).toMatchObject({ key: "training.quiz.cooldown", status: 409 });
    const afterCooldown = new Date(t0 + 2 * 60_000 + course.cooldownHours * HOUR);
    await startAttempt(db, ben, course.id, afterCooldown);
    expect(await submitAttempt(db, ben, course.id, await answersFor(course.id), afterCooldown)).toMatchObject({
      passed: true,
      points: 200,
    });
    expect(await getBalance(db, ben.id)).toBe(benBefore + 200);
  });

  it("asks for unanswered questions instead of burning the attempt", async () => {
    const db = await getDb();
    const priya = await actorFor("priya@proinstall.example");
    const course = await courseByTitle("Handling objections on the shop floor");
    await finishLessons(priya, course.id);
    await startAttempt(db, priya, course.id);
    const answers = await answersFor(course.id);
    const [firstId] = Object.keys(answers);
    const missing = await refusal(submitAttempt(db, priya, course.id, { [firstId]: answers[firstId] }));
    expect(missing).toMatchObject({ key: "training.quiz.unanswered", vars: { count: 2 } });
    expect((await getOpenQuiz(db, priya, course.id))?.attempt ?? null).not.toBeNull();
    expect((await submitAttempt(db, priya, course.id, answers)).passed).toBe(true);
  });

  it("never sends the answer key to the browser, and keeps the same shuffled order on reload", async () => {
    const v = new Visitor(portal.url);
    await v.signIn("olivia@northfield.example", DEMO_PASSWORD);
    const olivia = await actorFor("olivia@northfield.example");
    const course = await courseByTitle("Handling objections on the shop floor");
    await finishLessons(olivia, course.id);
    const started = await v.post(`/learn/courses/${course.id}`, {});
    expect(started.headers.get("location")).toBe(`/learn/courses/${course.id}/quiz`);
    const page1 = await (await v.get(`/learn/courses/${course.id}/quiz`)).text();
    const page2 = await (await v.get(`/learn/courses/${course.id}/quiz`)).text();
    expect(page1).toContain("Choose every right answer.");
    expect(page1).not.toMatch(/"correct"/);
    const order = (html: string) => [...html.matchAll(/name="q_([0-9a-f-]{36})" value="(o\d)"/g)].map((m) => `${m[1]}:${m[2]}`).join();
    expect(order(page1)).not.toBe("");
    expect(order(page1)).toBe(order(page2));
    // Unanswered questions: a clear 400, the page keeps what was chosen.
    const firstPair = order(page1).split(",")[0].split(":");
    const refused = await v.post(`/learn/courses/${course.id}/quiz`, { [`q_${firstPair[0]}`]: firstPair[1] });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("questions have no answer yet");
  });
});

describe("certificates", () => {
  it("emails the holder once, 30 days before the certificate expires; a renewal earns a new warning", async () => {
    const db = await getDb();
    const tomas = await actorFor("tomas@baltictools.example");
    const course = await courseByTitle("Servicing brushless motors: diagnostics and warranty");
    await finishLessons(tomas, course.id);
    const longAgo = new Date(Date.now() - (365 - 20) * DAY);
    await startAttempt(db, tomas, course.id, longAgo);
    await submitAttempt(db, tomas, course.id, await answersFor(course.id), longAgo);
    const before = smtp.inbox.length;
    expect(await sendCertificateWarnings(db)).toBeGreaterThanOrEqual(1);
    expect(await sendCertificateWarnings(db)).toBe(0);
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    const mail = await smtp.waitFor((m) => m.to.includes("tomas@baltictools.example") && /expires soon/.test(m.subject));
    expect(mail.text).toContain("Servicing brushless motors");
    expect(mail.links.some((l) => l.includes(`/learn/courses/${course.id}`))).toBe(true);
    expect(smtp.inbox.slice(before).filter((m) => m.to.includes("tomas@baltictools.example"))).toHaveLength(1);

    // Renewed today: valid for 12 more months, so no warning now, and a fresh one 30 days before the new date.
    await startAttempt(db, tomas, course.id);
    await submitAttempt(db, tomas, course.id, await answersFor(course.id));
    expect(await sendCertificateWarnings(db)).toBe(0);
    expect(await sendCertificateWarnings(db, new Date(Date.now() + 340 * DAY))).toBeGreaterThanOrEqual(1);
  });

  it("shows a certificate to its holder and their executive, and to nobody at another partner", async () => {
    const db = await getDb();
    const [cert] = await db
      .select()
      .from(certificates)
      .innerJoin(courses, eq(courses.id, certificates.courseId))
      .where(eq(certificates.userId, (await actorFor("marta@baltictools.example")).id));
    const path = `/learn/certificates/${cert.certificates.id}`;
    const holder = new Visitor(portal.url);
    await holder.signIn("marta@baltictools.example", DEMO_PASSWORD);
    const page = await holder.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Marta Kazlauskė");
    expect(html).toContain(cert.certificates.number);
    const boss = new Visitor(portal.url);
    await boss.signIn("ona@baltictools.example", DEMO_PASSWORD);
    expect((await boss.get(path)).status).toBe(200);
    const stranger = new Visitor(portal.url);
    await stranger.signIn("emma@northfield.example", DEMO_PASSWORD);
    expect((await stranger.get(path)).status).toBe(404);
    const colleague = new Visitor(portal.url);
    await colleague.signIn("tomas@baltictools.example", DEMO_PASSWORD);
    expect((await colleague.get(path)).status).toBe(404);
  });

  it("reports team completion to partner executives for their own organisation only", async () => {
    const db = await getDb();
    const ona = await actorFor("ona@baltictools.example");
    const team = await teamTraining(db, ona);
    expect(team.every((m) => m.organisation === "Baltic Tools Distribution")).toBe(true);
    const marta = team.find((m) => m.name === "Marta Kazlauskė")!;
    expect(marta).toMatchObject({ assigned: 1, assignedPassed: 1, coursesPassed: 1, trainingPoints: 150 });
    expect(marta.certificates[0].title).toBe("Selling the V18 cordless platform");
  });
});

describe("webinars", () => {
  it("never registers more people than the capacity, however many register at once", async () => {
    const db = await getDb();
    const w = await newWebinar({ capacity: 3 });
    const emails = ["marta", "tomas", "lukas", "ona"]
      .map((n) => `${n}@baltictools.example`)
      .concat(["sam", "jack", "olivia", "harry", "emma"].map((n) => `${n}@northfield.example`));
    const people = await Promise.all(emails.map(actorFor));
    const results = await Promise.allSettled(people.map((p) => registerForWebinar(db, p, w.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results.filter((r) => r.status === "rejected") as PromiseRejectedResult[])
      expect((r.reason as UserError).key).toBe("training.webinar.full");
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(webinarRegistrations)
      .where(and(eq(webinarRegistrations.webinarId, w.id), eq(webinarRegistrations.status, "registered")));
    expect(n).toBe(3);
  });

  it("registers through the page, emails the details with a calendar link, and serves a valid .ics", async () => {
    const w = await newWebinar({ title: "Cordless grinders: safe use", timeZone: "Europe/Vilnius", startsLocal: "2031-03-10T15:00" });
    const v = new Visitor(portal.url);
    await v.signIn("priya@proinstall.example", DEMO_PASSWORD);
    const res = await v.post(`/learn/webinars/${w.id}`, { intent: "register" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You are registered.");
    await deliverDueEmails(await getDb(), { smtpUrl: smtp.url, limit: 1000 });
    const mail = await smtp.waitFor((m) => m.to.includes("priya@proinstall.example") && m.subject.includes("Cordless grinders"));
    expect(mail.text).toContain("(Europe/Vilnius)");
    const icsLink = mail.links.find((l) => l.endsWith("/ics"))!;
    const ics = await v.get(new URL(icsLink).pathname);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const body = await ics.text();
    expect(body).toContain("BEGIN:VEVENT\r\n");
    expect(body).toContain("DTSTART:20310310T130000Z\r\n");
    expect(body).toContain("DURATION:PT60M\r\n");
    expect(body).toContain(`UID:webinar-${w.id}@`);
  });

  it("accepts the attendance code only inside the session window, and pays once", async () => {
    const db = await getDb();
    const w = await newWebinar({ points: 40 });
    const sam = await actorFor("sam@northfield.example");
    const start = new Date(Date.now() + HOUR);
    await moveWebinar(w.id, start);
    expect((await refusal(enterAttendanceCode(db, sam, w.id, w.attendanceCode, new Date(start.getTime() - 60_000)))).key).toBe(
      "training.code.not_yet",
    );
    const during = new Date(start.getTime() + 30 * 60_000);
    expect((await refusal(enterAttendanceCode(db, sam, w.id, "WRONG1", during))).key).toBe("training.code.wrong");
    const before = await getBalance(db, sam.id);
    expect(await enterAttendanceCode(db, sam, w.id, ` ${w.attendanceCode.toLowerCase()} `, during)).toMatchObject({
      recorded: true,
      points: 40,
    });
    expect(await enterAttendanceCode(db, sam, w.id, w.attendanceCode, during)).toMatchObject({ already: true, points: 0 });
    expect(await getBalance(db, sam.id)).toBe(before + 40);
    const jack = await actorFor("jack@northfield.example");
    const tooLate = new Date(start.getTime() + (60 + 16) * 60_000);
    expect((await refusal(enterAttendanceCode(db, jack, w.id, w.attendanceCode, tooLate))).key).toBe("training.code.closed");
  });

  it("imports an attendee export: adds up minutes, reports every unmatched row, pays once, audits the import", async () => {
    const db = await getDb();
    const trainer = await actorFor("trainer@volta.example");
    const w = await newWebinar({ points: 25 });
    await moveWebinar(w.id, new Date(Date.now() - 2 * HOUR));
    const lukas = await actorFor("lukas@baltictools.example");
    const lukasBefore = await getBalance(db, lukas.id);
    const grace = await actorFor("grace@proinstall.example");
    // Grace confirmed with the code already: the import must not pay her again.
    await enterAttendanceCode(db, grace, w.id, w.attendanceCode, new Date(Date.now() - HOUR));
    const graceBefore = await getBalance(db, grace.id);
    const csv = [
      "Email,Name,Minutes",
      "LUKAS@baltictools.example,Lukas,20", // line 2: with line 3, 45 minutes: counts
      "lukas@baltictools.example,Lukas,25",
      "grace@proinstall.example,Grace,50",
      "rasa@homefix.example,Rasa,10", // below the threshold
      "nobody@nowhere.example,Guest,55", // nobody in the programme
      "chris@volta.example,Chris,60", // manufacturer staff
      "not an email,X,30",
      "dmitry@uralinstrument.example,Dmitry,about an hour",
    ].join("\n");
    const summary = await importAttendance(db, trainer, w.id, csv, 30);
    expect(summary).toMatchObject({ totalRows: 8, recorded: 1, alreadyRecorded: 1, points: 25 });
    expect(summary.unmatched.map((u) => [u.line, u.reason])).toEqual([
      [5, "below_threshold"],
      [6, "unknown_email"],
      [7, "not_participant"],
      [8, "invalid_email"],
      [9, "invalid_minutes"],
    ]);
    expect(await getBalance(db, lukas.id)).toBe(lukasBefore + 25);
    expect(await getBalance(db, grace.id)).toBe(graceBefore);
    // The same file again changes nothing.
    const again = await importAttendance(db, trainer, w.id, csv, 30);
    expect(again).toMatchObject({ recorded: 0, alreadyRecorded: 2, points: 0 });
    expect(await getBalance(db, lukas.id)).toBe(lukasBefore + 25);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, w.id), eq(auditLog.action, "webinar.attendance_imported")));
    expect(audits).toHaveLength(2);
    expect(audits[0].actorId).toBe(trainer.id);
  });

  it("shows the trainer the unmatched rows of an uploaded CSV, and refuses a file without an email column", async () => {
    const w = await newWebinar();
    await moveWebinar(w.id, new Date(Date.now() - HOUR));
    const v = new Visitor(portal.url);
    await v.signIn("trainer@volta.example", DEMO_PASSWORD);
    const good = new FormData();
    good.set("intent", "import");
    good.set("minMinutes", "30");
    good.set(
      "file",
      new Blob(["Attendee Email;Time in Session (minutes)\nharry@northfield.example;41\nghost@nowhere.example;50\n"], { type: "text/csv" }),
      "attendees.csv",
    );
    const res = await v.post(`/learn/manage/webinars/${w.id}`, good);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("2 rows: 1 recorded, 0 already recorded, 1 row not matched");
    expect(html).toContain("ghost@nowhere.example");
    expect(html).toContain("Nobody in the programme has this email");
    const bad = new FormData();
    bad.set("intent", "import");
    bad.set("minMinutes", "30");
    bad.set("file", new Blob(["Name,Minutes\nHarry,41\n"], { type: "text/csv" }), "attendees.csv");
    const refused = await v.post(`/learn/manage/webinars/${w.id}`, bad);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("No email column found");
  });

  it("sends the day and hour reminders once each to registered people", async () => {
    const db = await getDb();
    const w = await newWebinar({ title: "Reminder test webinar", startsLocal: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 16) });
    const paulius = await actorFor("paulius@homefix.example");
    await registerForWebinar(db, paulius, w.id);
    const start = w.startsAt.getTime();
    expect(await sendWebinarReminders(db, new Date(start - 30 * HOUR))).toBe(0);
    expect(await sendWebinarReminders(db, new Date(start - 20 * HOUR))).toBe(1);
    expect(await sendWebinarReminders(db, new Date(start - 19 * HOUR))).toBe(0);
    expect(await sendWebinarReminders(db, new Date(start - 50 * 60_000))).toBe(1);
    expect(await sendWebinarReminders(db, new Date(start - 10 * 60_000))).toBe(0);
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    await smtp.waitFor((m) => m.to.includes("paulius@homefix.example") && m.subject === "Tomorrow: Reminder test webinar");
    await smtp.waitFor((m) => m.to.includes("paulius@homefix.example") && m.subject === "Starting soon: Reminder test webinar");
  });

  it("hides webinars aimed at another region, and another role, as not found", async () => {
    const ural = await newWebinar({ regions: ["Russia Ural"] });
    const techs = await newWebinar({ targetRoles: ["technician"] });
    const v = new Visitor(portal.url);
    await v.signIn("marta@baltictools.example", DEMO_PASSWORD);
    expect((await v.get(`/learn/webinars/${ural.id}`)).status).toBe(404);
    expect((await v.get(`/learn/webinars/${techs.id}`)).status).toBe(404);
    expect((await v.post(`/learn/webinars/${ural.id}`, { intent: "register" })).status).toBe(404);
    const d = new Visitor(portal.url);
    await d.signIn("dmitry@uralinstrument.example", DEMO_PASSWORD);
    expect((await d.get(`/learn/webinars/${ural.id}`)).status).toBe(200);
  });
});

describe("trainer forms", () => {
  it("refuses bad course input with field messages (never a 500), keeping the ticked roles", async () => {
    const v = new Visitor(portal.url);
    await v.signIn("trainer@volta.example", DEMO_PASSWORD);
    const res = await v.post("/learn/manage/courses/new", {
      title: "",
      description: "x",
      targetRoles: ["salesperson", "technician"],
      points: "-5",
      passMark: "150",
      attemptsLimit: "3",
      cooldownHours: "24",
      certificateMonths: "12",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Please fill this in.");
    expect(html).toContain("Enter a whole number.");
    expect(html).toContain("This number is outside the allowed range.");
    const ticked = (html.match(/<input[^>]*name="targetRoles"[^>]*>/g) ?? [])
      .filter((i) => i.includes("checked"))
      .map((i) => i.match(/value="(\w+)"/)![1]);
    expect(ticked).toEqual(["salesperson", "technician"]);
    const partner = new Visitor(portal.url);
    await partner.signIn("sam@northfield.example", DEMO_PASSWORD);
    expect((await partner.get("/learn/manage")).status).toBe(403);
  });

  it("refuses a webinar with an unknown time zone, and publishing a course without a quiz; publishing is audited", async () => {
    const v = new Visitor(portal.url);
    await v.signIn("trainer@volta.example", DEMO_PASSWORD);
    const bad = await v.post("/learn/manage/webinars/new", {
      title: "Zone test",
      speaker: "Tom",
      startsLocal: "2031-01-01T10:00",
      timeZone: "Europe/Atlantis",
      durationMinutes: "60",
      joinUrl: "https://meet.example.com/x",
      capacity: "",
      regions: "",
      points: "10",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter a time zone such as Europe/London.");

    const created = await v.post("/learn/manage/courses/new", {
      title: "Draft course",
      description: "",
      points: "10",
      passMark: "80",
      attemptsLimit: "3",
      cooldownHours: "24",
      certificateMonths: "12",
    });
    expect(created.status).toBe(302);
    const editPath = created.headers.get("location")!;
    await v.post(editPath, { intent: "add_lesson", title: "Only lesson", body: "# Hello\n\nText", videoUrl: "" });
    const refused = await v.post(editPath, { intent: "publish" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Add at least one quiz question.");
    const noMark = await v.post(editPath, { intent: "add_question", prompt: "Which?", kind: "single", options: "A\nB" });
    expect(noMark.status).toBe(400);
    expect(await noMark.text()).toContain("Mark the right answer with *");
    await v.post(editPath, { intent: "add_question", prompt: "Which?", kind: "single", options: "* A\nB" });
    expect((await v.post(editPath, { intent: "publish" })).status).toBe(200);
    const db = await getDb();
    const courseId = editPath.split("/").pop()!;
    const audits = rowsOf<{ action: string }>(
      await db.execute(sql`select action from audit_log where entity_id = ${courseId} order by created_at`),
    );
    expect(audits.map((a) => a.action)).toContain("course.published");
  });
});

describe("training and the rest of the programme", () => {
  it("counts a first course pass toward a 'courses passed' contest, and a renewal not again", async () => {
    const db = await getDb();
    const cm = await actorFor("chris@volta.example");
    const contest = await createContest(db, cm, {
      name: "Learning sprint",
      rules: "Pass the most courses.",
      startsAt: new Date(Date.now() - DAY),
      endsAt: new Date(Date.now() + 10 * DAY),
      graceDays: 1,
      scope: "all",
      tiers: [],
      regions: [],
      partnerIds: [],
      roles: ["salesperson", "technician", "manager", "executive"],
      metric: "courses_passed",
      productSkus: [],
      ranking: "individual",
      minScore: 0,
      privacy: "initials_partner",
      prizes: [{ rankFrom: 1, rankTo: 1, points: 500, description: "" }],
    });
    const irina = await actorFor("irina@uralinstrument.example");
    const course = await courseByTitle("Handling objections on the shop floor");
    await finishLessons(irina, course.id);
    for (const offset of [0, HOUR]) {
      const at = new Date(Date.now() + offset);
      await startAttempt(db, irina, course.id, at);
      await submitAttempt(db, irina, course.id, await answersFor(course.id), at);
    }
    const entries = await db
      .select()
      .from(contestEntries)
      .where(and(eq(contestEntries.contestId, contest.id), eq(contestEntries.userId, irina.id)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ sourceType: "course", sourceId: course.id, value: 1 });
  });

  it("cancelling a webinar tells everyone registered, stops reminders and registrations, and is audited", async () => {
    const db = await getDb();
    const trainer = await actorFor("trainer@volta.example");
    const w = await newWebinar({
      title: "Webinar that will not happen",
      startsLocal: new Date(Date.now() + 12 * HOUR).toISOString().slice(0, 16),
    });
    const alexey = await actorFor("alexey@uralinstrument.example");
    await registerForWebinar(db, alexey, w.id);
    await cancelWebinar(db, trainer, w.id);
    await cancelWebinar(db, trainer, w.id);
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    // Alexey reads Russian: the cancellation comes in his language.
    const mail = await smtp.waitFor((m) => m.to.includes("alexey@uralinstrument.example") && m.subject.startsWith("Отменён"));
    expect(mail.text).toContain("Webinar that will not happen");
    const notices = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, alexey.id), eq(notifications.titleKey, "training.notice.cancelled")));
    expect(notices).toHaveLength(1);
    expect(await sendWebinarReminders(db)).toBe(0);
    const sam = await actorFor("sam@northfield.example");
    expect((await refusal(registerForWebinar(db, sam, w.id))).key).toBe("training.webinar.cancelled");
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, w.id), eq(auditLog.action, "webinar.cancelled")));
    expect(audits).toHaveLength(1);
  });

  it("exports the team report as CSV for the executive's own people only", async () => {
    const v = new Visitor(portal.url);
    await v.signIn("emma@northfield.example", DEMO_PASSWORD);
    const res = await v.get("/learn/team/export");
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = await res.text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("Assigned passed");
    expect(csv).toContain("Sam Patel");
    expect(csv).not.toContain("Marta");
    expect(csv).toContain("Selling the V18 cordless platform");
  });
});
