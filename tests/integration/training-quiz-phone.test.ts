import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { courseLessons, courses, quizQuestions } from "../../db/schema";
import { completeLesson } from "../../app/domain/training/courses.server";
import { createWebinar } from "../../app/domain/training/webinars.server";
import type { Actor } from "../../app/lib/actor";
import { textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

const portal = usePortal();
const COURSE = "Handling objections on the shop floor";

async function course() {
  const [c] = await (await getDb()).select().from(courses).where(eq(courses.title, COURSE));
  return c;
}

async function readyForQuiz(tag: string): Promise<{ person: Actor; v: Awaited<ReturnType<typeof portal.signedIn>>; courseId: string }> {
  const db = await getDb();
  const c = await course();
  const person = await freshPerson({ tag });
  for (const l of await db.select({ id: courseLessons.id }).from(courseLessons).where(eq(courseLessons.courseId, c.id)))
    await completeLesson(db, person, c.id, l.id);
  return { person, v: await portal.signedIn(person.email), courseId: c.id };
}

/** Takes the quiz over HTTP, answering the first `wrong` questions (by position) wrongly; returns the result page's address. */
async function takeQuiz(v: Awaited<ReturnType<typeof portal.signedIn>>, courseId: string, wrong: number) {
  const started = await v.post(`/learn/courses/${courseId}`, {});
  expect(started.headers.get("location")).toBe(`/learn/courses/${courseId}/quiz`);
  const qs = await (await getDb()).select().from(quizQuestions).where(eq(quizQuestions.courseId, courseId)).orderBy(quizQuestions.position);
  const form: Record<string, string[]> = {};
  qs.forEach((q, i) => {
    form[`q_${q.id}`] = i < wrong ? [q.options.find((o) => !q.correct.includes(o.id))!.id] : q.correct;
  });
  const sent = await v.post(`/learn/courses/${courseId}/quiz`, form);
  expect(sent.status).toBe(302);
  return { location: sent.headers.get("location")!, questions: qs };
}

describe("a failed quiz on a phone", () => {
  it("shows which answers were wrong, without the key, and retries from the result page", async () => {
    const { v, courseId } = await readyForQuiz("quizfail");
    const { location, questions } = await takeQuiz(v, courseId, 2);
    const page = textOf(await (await v.get(location)).text());
    expect(page).toContain("Not passed this time");
    expect(page).toContain("Your answers");
    expect(page.match(/Wrong/g)?.length).toBe(2);
    expect(page.match(/Right/g)?.length).toBe(questions.length - 2);
    // What they chose for a wrong one is repeated; the right option of that question is not shown.
    const [first] = questions;
    const chosen = first.options.find((o) => !first.correct.includes(o.id))!;
    expect(page).toContain(`You chose: ${chosen.text}`);
    for (const right of first.options.filter((o) => first.correct.includes(o.id))) expect(page).not.toContain(right.text);
    expect(page).toContain("Try the quiz again");
    expect(page).toContain("2 tries left before a pause.");

    // The button posts to the course, which opens a new attempt and goes straight to the quiz.
    const again = await takeQuiz(v, courseId, 0);
    expect(textOf(await (await v.get(again.location)).text())).not.toContain("Your answers");
  });

  it("keeps the answers to itself when the course says so", async () => {
    const db = await getDb();
    const c = await course();
    await db.update(courses).set({ showWrongAnswers: false }).where(eq(courses.id, c.id));
    try {
      const { v, courseId } = await readyForQuiz("quizhide");
      const { location, questions } = await takeQuiz(v, courseId, 1);
      const page = textOf(await (await v.get(location)).text());
      expect(page).toContain("This course does not show which answers were wrong.");
      expect(page).not.toContain("Your answers");
      expect(page).not.toContain(questions[0].prompt);
      expect(page).toContain("Try the quiz again");
    } finally {
      await db.update(courses).set({ showWrongAnswers: true }).where(eq(courses.id, c.id));
    }
  });

  it("lets a trainer untick the setting, and a tick survives a save", async () => {
    const c = await course();
    const trainer = await portal.signedIn("trainer@volta.example");
    const form = {
      intent: "update",
      title: c.title,
      description: c.description,
      points: String(c.points),
      passMark: String(c.passMark),
      attemptsLimit: String(c.attemptsLimit),
      cooldownHours: String(c.cooldownHours),
      certificateMonths: String(c.certificateMonths),
    };
    expect((await trainer.post(`/learn/manage/courses/${c.id}`, form)).status).toBeLessThan(400);
    expect((await course()).showWrongAnswers).toBe(false);
    expect((await trainer.post(`/learn/manage/courses/${c.id}`, { ...form, showWrongAnswers: "on" })).status).toBeLessThan(400);
    expect((await course()).showWrongAnswers).toBe(true);
  });
});

describe("webinar times", () => {
  it("shows the viewer's own time with the host's beside it, from the browser's zone cookie; a forged zone is ignored", async () => {
    const db = await getDb();
    const webinar = await createWebinar(db, await actorFor("trainer@volta.example"), {
      title: "Zones webinar",
      description: "",
      speaker: "Tom Trainer",
      startsLocal: "2031-03-04T10:00",
      timeZone: "Europe/London",
      durationMinutes: 45,
      joinUrl: "https://meet.example.com/zones",
      capacity: null,
      targetRoles: [],
      regions: [],
      points: 0,
    });
    const v = await portal.signedIn("sam@northfield.example");
    const when = async (cookie?: string) => {
      if (cookie) v.cookies.set("portal_tz", cookie);
      else v.cookies.delete("portal_tz");
      return textOf(await (await v.get(`/learn/webinars/${webinar.id}`)).text());
    };
    // 10:00 in London in March (GMT) is 19:00 in Tokyo.
    const tokyo = await when("Asia%2FTokyo");
    expect(tokyo).toContain("Mar 4, 2031, 7:00 PM your time (Asia/Tokyo)");
    expect(tokyo).toContain("Mar 4, 2031, 10:00 AM for the host (Europe/London)");
    // No zone known yet, the same zone as the host, or a made-up one: the time as announced.
    for (const cookie of [undefined, "Europe%2FLondon", "Mars%2FOlympus", "%3Cscript%3E"]) {
      const page = await when(cookie);
      expect(page).toContain("Mar 4, 2031, 10:00 AM (Europe/London)");
      expect(page).not.toContain("your time");
    }
  });
});
