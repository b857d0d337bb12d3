import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { courseLessons, courses } from "../../db/schema";
import { freshPerson } from "../support/people";
import { signInOnPage, useBrowser, usePhone, usePortal } from "../support/fixtures";

const portal = usePortal();
const browser = useBrowser();

describe("a course in Lithuanian on a phone (issue 18)", () => {
  it("a Lithuanian salesperson finds the course, its lessons and its description in Lithuanian, the untranslated lesson text in English", async () => {
    const db = await getDb();
    const [course] = await db.select().from(courses).where(eq(courses.title, "Selling the V18 cordless platform"));
    const mantas = await freshPerson({ role: "salesperson", locale: "lt", tag: "lt-phone-course" });
    const { ctx, page, problems } = await usePhone(browser);
    // Lesson videos are embedded from YouTube; there is no network here, so such requests end at once.
    await ctx.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await signInOnPage(page, portal.url, mantas.email);

    await page.goto(`${portal.url}/learn`);
    await page
      .getByRole("link", { name: /Akumuliatorinės V18 platformos pardavimas/ })
      .first()
      .tap();
    await page.waitForURL(`**/learn/courses/${course.id}`);
    // The address changes before the course page replaces the list (React keeps the list on screen
    // while the new page's words arrive), and the list has a card with the same title: wait for the
    // course page's own heading level and its description, as a person waits for the page.
    await page.getByRole("heading", { level: 1, name: "Akumuliatorinės V18 platformos pardavimas" }).waitFor();
    await page.getByText("Vienas akumuliatorius keturiasdešimčiai įrankių").first().waitFor();
    const text = await page.locator("main").innerText();
    expect(text).toContain("Vienas akumuliatorius keturiasdešimčiai įrankių");
    expect(text).toContain("Kaip pasirinkti tinkamą akumuliatorių");
    expect(text).not.toContain("Selling the V18 cordless platform");

    // The first lesson: its title in Lithuanian; its text, not yet translated, in the programme's default language.
    const [first] = await db.select().from(courseLessons).where(eq(courseLessons.courseId, course.id)).orderBy(asc(courseLessons.position));
    await page.goto(`${portal.url}/learn/courses/${course.id}/lessons/${first.id}`);
    await page.getByRole("heading", { name: "Vienas akumuliatorius – keturiasdešimt įrankių" }).waitFor();
    await page.getByRole("heading", { name: "Why customers stay with one platform" }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/content-course-lt-phone.png", fullPage: true });
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
