import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSurvey, submitResponse } from "../../app/domain/surveys/surveys.server";
import { addDays, isoDay } from "../../app/lib/dates";
import { getDb } from "../../db/client";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

const portal = usePortal();
const browser = useBrowser();

const QUESTIONS = [
  "? [nps] How likely are you to recommend the programme? | nps",
  "? [easy] Is the claim form easy on your phone? | yes_no",
  "? [reward] Which reward would you like more of? | choice | Tools; Electronics; Travel",
  "? [else] Anything else? | text",
].join("\n");

describe("surveys", () => {
  it("a participant opens the survey from the inbox on a phone, answers it and sees the points", async () => {
    const db = await getDb();
    const seller = await freshPerson({ tag: "survey-phone" });
    const title = `Programme check ${Date.now()}`;
    await createSurvey(db, await actorFor("chris@volta.example"), {
      title,
      intro: "Two minutes, promise.",
      questionnaire: QUESTIONS,
      opensOn: isoDay(new Date()),
      closesOn: isoDay(addDays(new Date(), 7)),
      points: 25,
      roles: [],
      tiers: [],
    });

    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, seller.email);
    await phone.page.goto(`${portal.url}/inbox`);
    await phone.page.getByRole("button", { name: new RegExp(`New survey: ${title}`) }).tap();
    await phone.page.waitForURL(/\/surveys\/[0-9a-f-]{36}$/);
    await phone.page.getByText("Answer every question to earn 25 points.").waitFor();

    // Sending with a question left out keeps the page and says which one.
    await phone.page.getByRole("radio", { name: "9" }).tap();
    await phone.page.getByRole("button", { name: "Send my answers" }).tap();
    await phone.page.getByRole("alert").getByText("Answer this question.").first().waitFor();
    await phone.page.getByRole("radio", { name: "Yes" }).tap();
    await phone.page.getByRole("radio", { name: "Electronics" }).tap();
    await phone.page.getByLabel("Anything else?").fill("Longer warranty on drills");
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.getByRole("button", { name: "Send my answers" }).tap();
    await phone.page.getByTestId("survey-done").getByText("Thank you! 25 points were added to your balance.").waitFor();

    // The points are in the balance, with the survey named.
    await phone.page.getByRole("link", { name: "My points" }).tap();
    await phone.page.waitForURL(/\/points/);
    await phone.page.getByText(`Survey answered: ${title}`).first().waitFor();
    expect(phone.problems).toEqual([]);
    await phone.ctx.close();
  });

  it("the channel manager publishes a survey at a desk, sees results with a chart and downloads the CSV", async () => {
    const db = await getDb();
    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, "chris@volta.example", { by: "click" });
    await desk.page.getByRole("link", { name: "Surveys" }).first().click();
    await desk.page.waitForURL("**/surveys");
    await desk.page.getByRole("link", { name: "New survey" }).click();
    const title = `Desk survey ${Date.now()}`;
    await desk.page.getByLabel("Title").fill(title);
    await desk.page.getByLabel("Questions").fill(QUESTIONS);
    await desk.page.getByLabel("Points for a complete answer").fill("10");
    await desk.page.getByRole("checkbox", { name: "Salesperson" }).check();
    await desk.page.getByRole("button", { name: "Publish survey" }).click();
    await desk.page.waitForURL(/\/surveys\/[0-9a-f-]{36}\/results$/);
    const id = desk.page.url().split("/").at(-2)!;

    for (const [nps, reward] of [
      ["10", "o2"],
      ["8", "o1"],
      ["2", "o2"],
    ]) {
      const person = await freshPerson({ tag: "survey-desk" });
      const f = new FormData();
      for (const [k, v] of Object.entries({ "a.nps": nps, "a.easy": "yes", "a.reward": reward, "a.else": `Note ${nps}` })) f.append(k, v);
      await submitResponse(db, person, id, f);
    }
    await desk.page.reload();
    await desk.page.getByTestId("survey-responses").getByText("3").waitFor();
    expect(await desk.page.getByTestId("survey-nps").textContent()).toBe("0");
    expect(await desk.page.getByTestId("survey-chart").locator("svg").count()).toBeGreaterThan(0);
    await desk.page.getByText("Note 10").waitFor();

    const [download] = await Promise.all([
      desk.page.waitForEvent("download"),
      desk.page.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    const csv = readFileSync(await download.path(), "utf8");
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("How likely are you to recommend the programme?");
    expect(csv).toContain("Electronics");
    expect(desk.problems).toEqual([]);
    await desk.ctx.close();
  });

  it("a participant suggests a reward and picks notification channels on a phone; the channel manager marks it added at a desk", async () => {
    const seller = await freshPerson({ tag: "suggest-phone" });
    const phone = await usePhone(browser);
    await signInOnPage(phone.page, portal.url, seller.email);
    await phone.page.goto(`${portal.url}/rewards/suggest`);
    const name = `Laser level ${Date.now()}`;
    await phone.page.getByLabel("Reward").fill(name);
    await phone.page.getByLabel("Why would you like it?").fill("Every tiler asks for one");
    await phone.page.getByRole("button", { name: "Send suggestion" }).tap();
    await phone.page.getByRole("status").getByText("Thank you! The programme team will look at your suggestion.").waitFor();
    await phone.page.getByText(name).waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // How they hear of each topic is chosen on their own page, next to the email choice.
    await phone.page.goto(`${portal.url}/me`);
    await phone.page.getByText("Text messages need a mobile number on your profile.").waitFor();
    expect(await phone.page.getByRole("checkbox", { name: "Text message" }).first().isDisabled()).toBe(true);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const preferences = phone.page.locator("form", { has: phone.page.locator('input[name="intent"][value="preferences"]') });
    await preferences.getByRole("button", { name: "Save" }).tap();
    await phone.page.getByText("Email preferences saved.").waitFor();
    expect(phone.problems).toEqual([]);
    await phone.ctx.close();

    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, "chris@volta.example", { by: "click" });
    await desk.page.goto(`${portal.url}/rewards/suggestions`);
    const card = desk.page.locator("li", { hasText: name });
    await card.getByRole("button", { name: "Mark added" }).click();
    await card.getByText("Added").waitFor();
    expect(desk.problems).toEqual([]);
    await desk.ctx.close();
  });
});
