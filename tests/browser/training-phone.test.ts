import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { courses, quizQuestions } from "../../db/schema";
import { getBalance } from "../../app/domain/points/ledger.server";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { actorFor } from "../support/portal";
import { usePortal, useBrowser } from "../support/fixtures";

const portal = usePortal();
const browser = useBrowser();

/** A phone: small screen, touch, and a browser that never reaches outside this machine. */
async function phone() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, baseURL: portal.url });
  // Lesson videos are embedded from YouTube; there is no network here, so such requests end at once.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return { context, page: await context.newPage() };
}

describe("learning on a phone", () => {
  it("takes a course lesson by lesson, passes the quiz, sees the points and the certificate", async () => {
    const db = await getDb();
    const [course] = await db.select().from(courses).where(eq(courses.title, "Selling the V18 cordless platform"));
    const key = await db.select().from(quizQuestions).where(eq(quizQuestions.courseId, course.id));
    const harry = await actorFor("harry@northfield.example");

    const { context, page } = await phone();
    // A script error on any page (a failed hydration, a crash in a click handler) fails the test.
    const scriptErrors: string[] = [];
    page.on("pageerror", (e) => scriptErrors.push(e.message));
    await page.goto("/login");
    await page.fill('input[name="email"]', "harry@northfield.example");
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL("**/home");
    // Measured after signing in: the first sign-in brings the welcome bonus.
    const before = await getBalance(db, harry.id);

    // "Learn" sits in the phone's bottom bar.
    await page.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: "Learn" }).tap();
    await page.waitForURL("**/learn");
    await page
      .getByRole("link", { name: /Selling the V18 cordless platform/ })
      .first()
      .tap();
    await page.waitForURL(`**/learn/courses/${course.id}`);
    await page.getByRole("link", { name: "Start the course" }).tap();

    // Three lessons; each "Done" is saved on the server before the next one opens.
    await page.getByRole("heading", { name: "One battery, forty tools" }).waitFor();
    await page.getByRole("button", { name: "Done, next lesson" }).tap();
    await page.getByRole("heading", { name: "Choosing the right battery" }).waitFor();
    // The lesson image is served by the portal itself and actually decodes.
    await page.locator('img[alt="Runtime by battery size"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => (document.querySelector('img[alt="Runtime by battery size"]') as HTMLImageElement | null)?.naturalWidth === 480,
    );
    await page.getByRole("button", { name: "Done, next lesson" }).tap();
    await page.getByRole("heading", { name: "Closing with warranty and registration" }).waitFor();
    await page.getByRole("button", { name: "Done, back to the course" }).tap();
    await page.waitForURL(`**/learn/courses/${course.id}`);
    await page.getByText("3 of 3 lessons done").waitFor();

    await page.getByRole("button", { name: "Start the quiz" }).tap();
    await page.waitForURL(`**/learn/courses/${course.id}/quiz`);
    for (const q of key) for (const option of q.correct) await page.locator(`input[name="q_${q.id}"][value="${option}"]`).check();
    await page.getByRole("button", { name: "Submit answers" }).tap();
    await page.waitForURL(`**/learn/courses/${course.id}/attempts/*`);
    await page.getByRole("heading", { name: "You passed!" }).waitFor();
    expect(await page.getByTestId("score").textContent()).toBe("100%");
    await page.getByText("+150 points added to your balance").waitFor();
    expect(await getBalance(db, harry.id)).toBe(before + 150);

    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole("link", { name: "View certificate" }).tap();
    await page.waitForURL("**/learn/certificates/*");
    await page.getByRole("heading", { name: "Certificate of completion" }).waitFor();
    expect(await page.getByTestId("holder").textContent()).toBe("Harry Shaw");
    await page.getByRole("button", { name: "Print" }).waitFor();

    // Back on Learn, the course shows as passed and the certificate is listed with its expiry.
    await page.goto("/learn");
    await page.getByRole("region", { name: "Certificates" }).getByRole("link", { name: "Selling the V18 cordless platform" }).waitFor();
    await page
      .getByText(/Valid until/)
      .first()
      .waitFor();
    expect(scriptErrors).toEqual([]);
    await context.close();
  });
});
