import { asc, eq } from "drizzle-orm";
import { courseImages, courseLessons, courses, quizQuestions, webinars } from "../../db/schema";
import { completeLesson } from "../../app/domain/training/courses.server";
import { startAttempt, submitAttempt } from "../../app/domain/training/quizzes.server";
import { PARTNER_ROLES, TEAM_LEADS } from "../../db/schema/enums";
import { allowOnly, cellsFor, everyoneSignedIn, override, type AccessFixtures, type AccessRule } from "../support/access";
import { actorFor } from "../support/portal";

const TRAINERS = ["admin", "trainer"] as const;
const partners = [...PARTNER_ROLES];

async function course(fx: AccessFixtures) {
  const [c] = await fx.db.select().from(courses).where(eq(courses.title, "Selling the V18 cordless platform"));
  return c.id;
}

async function lessons(fx: AccessFixtures) {
  return fx.db
    .select({ id: courseLessons.id })
    .from(courseLessons)
    .where(eq(courseLessons.courseId, await course(fx)))
    .orderBy(asc(courseLessons.position));
}

/** The salesperson's passed attempt (and so their certificate), made once per run. */
let passed: Promise<{ attemptId: string; certificateId: string }> | undefined;
function salespersonPass(fx: AccessFixtures) {
  passed ??= (async () => {
    const actor = await actorFor(fx.userOf.salesperson);
    const courseId = await course(fx);
    for (const l of await lessons(fx)) await completeLesson(fx.db, actor, courseId, l.id);
    await startAttempt(fx.db, actor, courseId);
    const key = await fx.db.select().from(quizQuestions).where(eq(quizQuestions.courseId, courseId));
    const r = await submitAttempt(fx.db, actor, courseId, Object.fromEntries(key.map((q) => [q.id, q.correct])));
    return { attemptId: r.attemptId, certificateId: r.certificateId! };
  })();
  return passed;
}

async function webinar(fx: AccessFixtures) {
  const [w] = await fx.db
    .select({ id: webinars.id })
    .from(webinars)
    .where(eq(webinars.title, "Add-on sales that stick: accessories at the counter"));
  return w.id;
}

// Everyone signed in may look at courses and webinars; only partner people take part (points,
// certificates); trainers and admins author. Another person's attempt reads as not found.
const rules: AccessRule[] = [
  { pattern: "/learn", get: everyoneSignedIn(), shows: "Courses, webinars and your certificates" },
  {
    pattern: "/learn/courses/:courseId",
    path: async (fx) => {
      await salespersonPass(fx);
      return `/learn/courses/${await course(fx)}`;
    },
    get: everyoneSignedIn(),
    // Starting the quiz before the lessons are done is refused with a clear 409; the salesperson,
    // who passed already, may start again to renew.
    post: { expect: override(allowOnly(partners, { status: 409 }), { salesperson: { redirect: /^\/learn\/courses\/[0-9a-f-]+\/quiz$/ } }) },
    shows: "Selling the V18 cordless platform",
  },
  {
    pattern: "/learn/courses/:courseId/lessons/:lessonId",
    path: async (fx) => `/learn/courses/${await course(fx)}/lessons/${(await lessons(fx))[0].id}`,
    get: everyoneSignedIn(),
    post: { expect: allowOnly(partners, { redirect: /^\/learn\/courses\/[0-9a-f-]+\/lessons\/[0-9a-f-]+$/ }) },
    shows: "One battery, forty tools",
  },
  {
    pattern: "/learn/courses/:courseId/quiz",
    path: async (fx) => {
      // The salesperson has a quiz open (a renewal); everyone else has none.
      await salespersonPass(fx);
      await startAttempt(fx.db, await actorFor(fx.userOf.salesperson), await course(fx));
      return `/learn/courses/${await course(fx)}/quiz`;
    },
    // No open attempt: back to the course page, which says what to do first.
    get: override(allowOnly(partners, { redirect: /^\/learn\/courses\/[0-9a-f-]+$/ }), { salesperson: "ok" }),
    // An empty submission: unanswered questions (400) for the salesperson, the course page for the rest.
    post: { expect: override(allowOnly(partners, { redirect: /^\/learn\/courses\/[0-9a-f-]+$/ }), { salesperson: "invalid" }) },
  },
  {
    pattern: "/learn/courses/:courseId/attempts/:attemptId",
    path: async (fx) => `/learn/courses/${await course(fx)}/attempts/${(await salespersonPass(fx)).attemptId}`,
    get: override(allowOnly(partners, "not_found"), { salesperson: "ok" }),
    shows: "You passed!",
  },
  {
    pattern: "/learn/certificates/:certificateId",
    path: async (fx) => `/learn/certificates/${(await salespersonPass(fx)).certificateId}`,
    // The holder, their executive and manager, and the manufacturer; not a colleague.
    get: override(
      everyoneSignedIn(),
      cellsFor(
        PARTNER_ROLES.filter((r) => r !== "salesperson" && !TEAM_LEADS.includes(r)),
        "not_found",
      ),
    ),
    shows: "Certificate of completion",
  },
  { pattern: "/learn/webinars", get: everyoneSignedIn(), shows: "Upcoming webinars" },
  {
    pattern: "/learn/webinars/:webinarId",
    path: async (fx) => `/learn/webinars/${await webinar(fx)}`,
    get: everyoneSignedIn(),
    post: { expect: allowOnly(partners, "invalid") },
    shows: "Add-on sales that stick",
  },
  {
    pattern: "/learn/webinars/:webinarId/ics",
    path: async (fx) => `/learn/webinars/${await webinar(fx)}/ics`,
    get: everyoneSignedIn(),
    shows: "BEGIN:VCALENDAR",
  },
  {
    pattern: "/learn/images/:imageId",
    path: async (fx) => {
      const [img] = await fx.db.select({ id: courseImages.id }).from(courseImages).limit(1);
      return `/learn/images/${img.id}`;
    },
    get: everyoneSignedIn(),
  },
  { pattern: "/learn/team", get: allowOnly(["admin", "channel_manager", "trainer", "executive", "manager"]), shows: "Team training" },
  {
    pattern: "/learn/team/export",
    get: allowOnly(["admin", "channel_manager", "trainer", "executive", "manager"]),
    shows: "Assigned passed",
  },
  { pattern: "/learn/manage", get: allowOnly(TRAINERS), shows: "Courses &amp; webinars" },
  { pattern: "/learn/manage/export", get: allowOnly(TRAINERS), shows: "Failed attempts" },
  { pattern: "/learn/manage/courses/new", get: allowOnly(TRAINERS), post: { expect: allowOnly(TRAINERS, "invalid") }, shows: "New course" },
  {
    pattern: "/learn/manage/courses/:courseId",
    path: async (fx) => `/learn/manage/courses/${await course(fx)}`,
    get: allowOnly(TRAINERS),
    post: { expect: allowOnly(TRAINERS, "invalid") },
    shows: "Add a question",
  },
  {
    pattern: "/learn/manage/webinars/new",
    get: allowOnly(TRAINERS),
    post: { expect: allowOnly(TRAINERS, "invalid") },
    shows: "New webinar",
  },
  {
    pattern: "/learn/manage/webinars/:webinarId",
    path: async (fx) => `/learn/manage/webinars/${await webinar(fx)}`,
    get: allowOnly(TRAINERS),
    post: { expect: allowOnly(TRAINERS, "invalid") },
    shows: "Attendance code",
  },
];

export default rules;
