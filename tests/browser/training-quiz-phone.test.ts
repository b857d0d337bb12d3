import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { courseLessons, courses, quizQuestions } from "../../db/schema";
import { completeLesson } from "../../app/domain/training/courses.server";
import { createWebinar } from "../../app/domain/training/webinars.server";
import { watchForErrors } from "../support/browser";
import { signInOnPage, useBrowser, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

const portal = usePortal();
const browser = useBrowser();
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/pages-shots";

describe("training on a phone and a desktop", () => {
  it("a failed quiz shows the wrong answers and retries from the result; a webinar shows the viewer's time beside the host's", async () => {
    const db = await getDb();
    const [course] = await db.select().from(courses).where(eq(courses.title, "Handling objections on the shop floor"));
    const key = await db.select().from(quizQuestions).where(eq(quizQuestions.courseId, course.id));
    const person = await freshPerson({ tag: "quizphone" });
    for (const l of await db.select({ id: courseLessons.id }).from(courseLessons).where(eq(courseLessons.courseId, course.id)))
      await completeLesson(db, person, course.id, l.id);

    const phone = await usePhone(browser);
    const { page } = phone;
    await signInOnPage(page, portal.url, person.email);
    await page.goto(`${portal.url}/learn/courses/${course.id}`);
    await page.getByRole("button", { name: "Start the quiz" }).tap();
    await page.waitForURL(`**/learn/courses/${course.id}/quiz`);
    // Every question answered with a wrong option.
    for (const q of key) {
      const wrong = q.options.find((o) => !q.correct.includes(o.id))!;
      await page.getByRole("group", { name: q.prompt }).getByLabel(wrong.text, { exact: true }).check();
    }
    await page.getByRole("button", { name: /submit/i }).tap();
    await page.waitForURL(`**/learn/courses/${course.id}/attempts/**`);
    await page.getByRole("heading", { name: "Your answers" }).waitFor();
    expect(await page.getByTestId("reviewed-question").count()).toBe(key.length);
    expect(await page.getByText("Wrong", { exact: true }).count()).toBe(key.length);
    await page.screenshot({ path: `${SHOTS}/quiz-failed-phone.png`, fullPage: true });
    // The retry sits under the score, in reach without scrolling.
    const retry = page.getByRole("button", { name: "Try the quiz again" }).first();
    const box = (await retry.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(844);
    await retry.tap();
    await page.waitForURL(`**/learn/courses/${course.id}/quiz`);
    await page.getByRole("group", { name: key[0].prompt }).waitFor();
    expect(phone.problems).toEqual([]);
    await phone.ctx.close();

    // A desktop in Tokyo opening a webinar hosted in London.
    const webinar = await createWebinar(db, await actorFor("trainer@volta.example"), {
      title: "Cordless line-up 2031",
      description: "",
      speaker: "Tom Trainer",
      startsLocal: "2031-03-04T10:00",
      timeZone: "Europe/London",
      durationMinutes: 45,
      joinUrl: "https://meet.example.com/line-up",
      capacity: null,
      targetRoles: [],
      regions: [],
      points: 0,
    });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB", timezoneId: "Asia/Tokyo" });
    const desk = await ctx.newPage();
    const problems = watchForErrors(desk);
    await signInOnPage(desk, portal.url, person.email, { by: "click" });
    await desk.goto(`${portal.url}/learn/webinars/${webinar.id}`);
    // The first view learns the zone from the browser and shows it at once.
    await desk.getByText("your time (Asia/Tokyo)").waitFor();
    const when = await desk.getByTestId("webinar-when").textContent();
    expect(when).toContain("Mar 4, 2031, 7:00 PM your time (Asia/Tokyo)");
    expect(when).toContain("10:00 AM for the host (Europe/London)");
    await desk.screenshot({ path: `${SHOTS}/webinar-zones-desktop.png` });
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
