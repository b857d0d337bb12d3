import { crc32, deflateSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { courseImages, courseLessons, courses, quizAttempts, quizQuestions, users, webinarRegistrations, webinars } from "../../db/schema";
import type { Role } from "../../db/schema/enums";
import type { Actor } from "../../app/lib/actor";
import { actorByEmail } from "../../app/domain/auth/actor.server";
import { completeLesson } from "../../app/domain/training/courses.server";
import { startAttempt, submitAttempt } from "../../app/domain/training/quizzes.server";
import { enterAttendanceCode, importAttendance } from "../../app/domain/training/webinars.server";
import { DAY_MS } from "../../app/lib/dates";

const PAST_WEBINAR = "V18 range update: what's new this season";
const SOON_WEBINAR = "Brushless motor diagnostics: live Q&A";

/** A small PNG drawn in code (no binary files in the repo): bars of a runtime comparison chart. */
function barChartPng(values: number[], colours: Array<[number, number, number]>): Buffer {
  const width = 480;
  const height = 240;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const barWidth = Math.floor(width / (values.length * 2 + 1));
  const max = Math.max(...values);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number] = y % 40 === 0 ? [226, 232, 240] : [255, 255, 255];
      const slot = Math.floor(x / barWidth);
      if (slot % 2 === 1) {
        const i = (slot - 1) / 2;
        if (i < values.length && height - y <= Math.round((values[i] / max) * (height - 20))) rgb = colours[i % colours.length];
      }
      raw.set(rgb, row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

type SeedQuestion = { prompt: string; kind: "single" | "multiple"; options: string[]; correct: number[] };
type SeedCourse = {
  title: string;
  description: string;
  targetRoles: Role[];
  points: number;
  certificateMonths: number;
  image?: { values: number[] };
  lessons: Array<{ title: string; body: string; videoUrl?: string }>;
  questions: SeedQuestion[];
};

export const DEMO_COURSES: SeedCourse[] = [
  {
    title: "Selling the V18 cordless platform",
    description: "One battery for forty tools: how to explain the V18 system, match a kit to the job and close the sale with the right battery.",
    targetRoles: ["salesperson", "manager"],
    points: 150,
    certificateMonths: 24,
    image: { values: [38, 52, 71, 95] },
    lessons: [
      {
        title: "One battery, forty tools",
        body: `# Why customers stay with one platform

Most tradespeople buy a **platform**, not a tool. Once they own two V18 batteries and a charger, every next tool is cheaper for them with us than with a competitor.

- Every V18 tool takes every V18 battery, including the 2015 packs.
- The **bare tool** (no battery, no charger) is the best offer for existing owners.
- Kits make sense for a first purchase or when a second charger is needed.

> Ask first: "Which batteries do you already have?" The answer decides the offer.`,
      },
      {
        title: "Choosing the right battery",
        body: `# Ampere-hours are runtime, not power

A 5.0 Ah pack runs a drill about twice as long as a 2.5 Ah pack. Power comes from the tool's motor; the pack decides how long it lasts and how much it weighs.

IMAGE

1. **2.5 Ah compact**: overhead work, installers on ladders, light drilling.
2. **5.0 Ah**: everyday site work, impact drivers, jigsaws.
3. **8.0 Ah HighOutput**: grinders, circular saws, SDS hammers.

Runtime in the chart: minutes of continuous cutting with the V18 circular saw, packs 2.5 / 4.0 / 5.0 / 8.0 Ah.`,
        videoUrl: "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
      },
      {
        title: "Closing with warranty and registration",
        body: `# Three years, if they register

Every V18 tool has a 1-year warranty, extended to **3 years** when the customer registers it within 30 days at *volta.example/register*.

- Offer to register it at the counter: it takes two minutes on a phone.
- Registered customers come back for service, and service brings the next sale.
- Point out the battery warranty: 2 years, also extended by registration.`,
      },
    ],
    questions: [
      { prompt: "A customer owns two V18 5.0 Ah batteries and wants an impact driver. What do you offer first?", kind: "single", options: ["The bare tool", "A kit with two 2.5 Ah packs", "A kit with an 8.0 Ah pack"], correct: [0] },
      { prompt: "What does a larger Ah rating give the user?", kind: "single", options: ["More torque", "Longer runtime", "Faster charging"], correct: [1] },
      { prompt: "Which packs suit a circular saw used all day?", kind: "multiple", options: ["2.5 Ah compact", "5.0 Ah", "8.0 Ah HighOutput"], correct: [1, 2] },
      { prompt: "How long is the warranty on a V18 tool that the customer registers within 30 days?", kind: "single", options: ["1 year", "2 years", "3 years"], correct: [2] },
      { prompt: "Which of these are true for V18 batteries?", kind: "multiple", options: ["2015 packs still fit current tools", "They need a separate charger per tool", "Registration extends their warranty"], correct: [0, 2] },
    ],
  },
  {
    title: "Servicing brushless motors: diagnostics and warranty",
    description: "For service technicians: reading the fault LED, the five checks before opening a tool, and when a repair is a warranty case.",
    targetRoles: ["technician"],
    points: 200,
    certificateMonths: 12,
    lessons: [
      {
        title: "Reading the fault LED",
        body: `# The LED tells you where to look

Brushless V18 tools blink a code on the fuel-gauge LED when they shut down:

- **1 blink**: pack over temperature, let it cool; not a fault.
- **2 blinks**: tool over current, usually a jammed bit or blade.
- **3 blinks**: motor controller fault: this one needs the bench.

Always test with a *known good* battery before diagnosing the tool.`,
      },
      {
        title: "Warranty or paid repair?",
        body: `# Decide before you open the housing

A broken seal on the housing voids the warranty claim, so check the serial and the registration first.

1. Look up the serial number in the service portal.
2. Check for impact damage, water ingress or a foreign charger.
3. Only then open the tool and replace the controller or the motor as one unit.`,
      },
    ],
    questions: [
      { prompt: "A tool blinks the LED three times and stops. What is the likely cause?", kind: "single", options: ["Battery too hot", "Jammed bit", "Motor controller fault"], correct: [2] },
      { prompt: "What do you do first with a tool that will not start?", kind: "single", options: ["Open the housing", "Try a known good battery", "Replace the motor"], correct: [1] },
      { prompt: "Which of these void a warranty claim?", kind: "multiple", options: ["Water ingress", "A broken housing seal", "Registering the tool late on the same day"], correct: [0, 1] },
      { prompt: "What do you check before opening a tool under warranty?", kind: "single", options: ["Serial number and registration", "The colour of the housing", "The customer's invoice total"], correct: [0] },
    ],
  },
  {
    title: "Handling objections on the shop floor",
    description: "Short answers to the five things customers say before they buy a cheaper brand.",
    targetRoles: [],
    points: 80,
    certificateMonths: 36,
    lessons: [
      {
        title: "\u201cIt's cheaper over there\u201d",
        body: `# Price the platform, not the tool

Compare what the customer will pay **over three tools**, not for one. Most of the difference disappears once the batteries they already own are counted.

- Ask which tools they plan to buy this year.
- Show the bare-tool price next to the competitor's kit.
- Mention the 3-year registered warranty.`,
      },
      {
        title: "\u201cI'll think about it\u201d",
        body: `# Make the next step small

Offer something that keeps the conversation open: a demo tool for the weekend, a quote by email, or a reminder when the promotion ends.

> The customer who leaves with a quote comes back twice as often as one who leaves with nothing.`,
      },
    ],
    questions: [
      { prompt: "A customer says a competitor's drill is cheaper. What do you compare?", kind: "single", options: ["The price of the drill alone", "The cost over the tools they plan to buy", "The weight of the drills"], correct: [1] },
      { prompt: "Which are good ways to keep a hesitant customer?", kind: "multiple", options: ["A weekend demo tool", "A quote by email", "A bigger discount without asking why"], correct: [0, 1] },
      { prompt: "What extends the warranty to three years?", kind: "single", options: ["Buying a kit", "Registering the tool within 30 days", "Paying by card"], correct: [1] },
    ],
  },
];


/** Takes a course the way a participant does: every lesson, then the quiz answered right. */
async function passCourse(db: Db, actor: Actor, courseId: string, when: Date) {
  const lessons = await db.select({ id: courseLessons.id }).from(courseLessons).where(eq(courseLessons.courseId, courseId));
  for (const l of lessons) await completeLesson(db, actor, courseId, l.id);
  await startAttempt(db, actor, courseId, when);
  const stored = await db.select().from(quizQuestions).where(eq(quizQuestions.courseId, courseId));
  return submitAttempt(db, actor, courseId, Object.fromEntries(stored.map((q) => [q.id, q.correct])), when);
}

/**
 * Courses with lessons and quizzes, past and upcoming webinars; with `activity`, also demo
 * progress (passes with their points, certificates, registrations, attendance). Idempotent.
 */
export async function seedTraining(db: Db, opts: { activity?: boolean } = {}) {
  const [trainer] = await db.select().from(users).where(eq(users.email, "trainer@volta.example"));
  if (!trainer) return;
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(courses);
  if (existing.n === 0) await seedContent(db, trainer.id);
  if (opts.activity) await seedTrainingActivity(db);
}

async function seedContent(db: Db, trainerId: string) {
  for (const c of DEMO_COURSES) {
    const [course] = await db
      .insert(courses)
      .values({ title: c.title, description: c.description, targetRoles: c.targetRoles, points: c.points, certificateMonths: c.certificateMonths, status: "published", publishedAt: new Date(), createdBy: trainerId })
      .returning();
    let imageLine = "";
    if (c.image) {
      const [img] = await db
        .insert(courseImages)
        .values({ courseId: course.id, contentType: "image/png", data: barChartPng(c.image.values, [[29, 78, 216], [37, 99, 235], [59, 130, 246], [30, 64, 175]]) })
        .returning({ id: courseImages.id });
      imageLine = `![Runtime by battery size](/learn/images/${img.id})`;
    }
    await db.insert(courseLessons).values(c.lessons.map((l, i) => ({ courseId: course.id, position: i + 1, title: l.title, body: l.body.replace("IMAGE", imageLine), videoUrl: l.videoUrl ?? null })));
    await db.insert(quizQuestions).values(
      c.questions.map((q, i) => {
        const options = q.options.map((text, j) => ({ id: `o${j + 1}`, text }));
        return { courseId: course.id, position: i + 1, prompt: q.prompt, kind: q.kind, options, correct: q.correct.map((j) => `o${j + 1}`) };
      }),
    );
  }

  await seedWebinars(db, trainerId);
}

async function seedWebinars(db: Db, trainerId: string) {
  const now = Date.now();
  const hourAligned = (offsetDays: number, hourUtc: number) => {
    const d = new Date(now + offsetDays * DAY_MS);
    d.setUTCHours(hourUtc, 0, 0, 0);
    return d;
  };
  await db.insert(webinars).values([
    {
      title: PAST_WEBINAR,
      description: "New tools, the 8.0 Ah HighOutput pack and the spring promotion, with time for questions.",
      speaker: "Tom Trainer, Volta Tools",
      startsAt: hourAligned(-20, 13),
      timeZone: "Europe/London",
      durationMinutes: 60,
      joinUrl: "https://meet.example.com/volta-v18-update",
      capacity: 200,
      points: 50,
      attendanceCode: "V18NEW",
      recordingUrl: "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
      createdBy: trainerId,
    },
    {
      title: SOON_WEBINAR,
      description: "Bring your hardest service cases. We go through fault codes and warranty decisions live.",
      speaker: "Rūta Kairytė, Service Engineering",
      startsAt: hourAligned(2, 12),
      timeZone: "Europe/Vilnius",
      durationMinutes: 45,
      joinUrl: "https://meet.example.com/volta-brushless-qa",
      capacity: 50,
      targetRoles: ["technician", "manager"],
      points: 40,
      attendanceCode: "BLDC42",
      createdBy: trainerId,
    },
    {
      title: "Add-on sales that stick: accessories at the counter",
      description: "Blades, bits and a second battery: what to offer with each tool, and how to say it in one sentence.",
      speaker: "Chris Channel, Volta Tools",
      startsAt: hourAligned(9, 9),
      timeZone: "Europe/London",
      durationMinutes: 40,
      joinUrl: "https://meet.example.com/volta-addon-sales",
      capacity: 30,
      points: 30,
      attendanceCode: "ADDON7",
      createdBy: trainerId,
    },
    {
      title: "Новинки аккумуляторного инструмента V18",
      description: "Обзор новых моделей и акций сезона для партнёров Урала.",
      speaker: "Ирина Соколова",
      startsAt: hourAligned(6, 8),
      timeZone: "Asia/Yekaterinburg",
      durationMinutes: 60,
      joinUrl: "https://meet.example.com/volta-ural",
      regions: ["Russia Ural"],
      points: 50,
      attendanceCode: "URAL24",
      createdBy: trainerId,
    },
  ]);
}

/** Demo progress, once: found by the demo titles, skipped when anyone has taken a quiz already. */
async function seedTrainingActivity(db: Db) {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(quizAttempts);
  if (n > 0) return;
  const ids: string[] = [];
  for (const c of DEMO_COURSES) {
    const [row] = await db.select({ id: courses.id }).from(courses).where(eq(courses.title, c.title));
    if (!row) return;
    ids.push(row.id);
  }
  const [past] = await db.select().from(webinars).where(eq(webinars.title, PAST_WEBINAR));
  const [soon] = await db.select().from(webinars).where(eq(webinars.title, SOON_WEBINAR));
  if (!past || !soon) return;
  const trainerActor = await actorByEmail(db, "trainer@volta.example");
  // Progress: Marta passed the V18 course; Jack passed it almost two years ago (renewal due soon);
  // Tomas passed the service course; Sam is half-way through the V18 lessons.
  const now = Date.now();
  await passCourse(db, await actorByEmail(db, "marta@baltictools.example"), ids[0], new Date(now - 12 * DAY_MS));
  await passCourse(db, await actorByEmail(db, "jack@northfield.example"), ids[0], new Date(now - (730 - 20) * DAY_MS));
  await passCourse(db, await actorByEmail(db, "tomas@baltictools.example"), ids[1], new Date(now - 40 * DAY_MS));
  const sam = await actorByEmail(db, "sam@northfield.example");
  const [firstLesson] = await db.select({ id: courseLessons.id }).from(courseLessons).where(eq(courseLessons.courseId, ids[0])).orderBy(courseLessons.position).limit(1);
  await completeLesson(db, sam, ids[0], firstLesson.id);

  const tomas = await actorByEmail(db, "tomas@baltictools.example");
  const olivia = await actorByEmail(db, "olivia@northfield.example");
  await db.insert(webinarRegistrations).values([
    { webinarId: soon.id, userId: tomas.id, organisationId: tomas.organisationId },
    { webinarId: soon.id, userId: olivia.id, organisationId: olivia.organisationId },
    { webinarId: past.id, userId: sam.id, organisationId: sam.organisationId },
  ]);
  // The past webinar: one attendee confirmed with the code during the session, others came in by import.
  await enterAttendanceCode(db, await actorByEmail(db, "marta@baltictools.example"), past.id, "V18NEW", new Date(past.startsAt.getTime() + 30 * 60_000));
  await importAttendance(
    db,
    trainerActor,
    past.id,
    ["Attendee Email,Name,Time in Session (minutes)", "sam@northfield.example,Sam Patel,52", "priya@proinstall.example,Priya Nair,12", "visitor@unknown.example,Guest,40"].join("\n"),
    30,
  );
}
