import { describe, expect, it } from "vitest";
import { createEvent } from "../../app/domain/events/events.server";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { getDb } from "../../db/client";

const portal = usePortal();
const browser = useBrowser();
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/pages-shots";
const HOUR = 3_600_000;

describe("an in-person event on two phones", () => {
  it("a person registers and shows their QR; the organiser's phone scans it at the door; the person sees checked in and the points", async () => {
    const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString().slice(0, 16);
    const event = await createEvent(await getDb(), await actorFor("trainer@volta.example"), {
      kind: "business_breakfast",
      title: `Breakfast ${Math.random().toString(36).slice(2, 7)}`,
      description: "Coffee, the new V18 range, and questions.",
      venueName: "Hotel Neris",
      venueAddress: "Konstitucijos pr. 1, Vilnius",
      startsLocal: inHours(1),
      endsLocal: inHours(3),
      timeZone: "UTC",
      capacity: 12,
      targetRoles: [],
      regions: [],
      points: 40,
    });
    const person = await freshPerson({ tag: "phone-event" });

    // The participant finds the event in the one list and registers.
    const guest = await usePhone(browser);
    const g = guest.page;
    await signInOnPage(g, portal.url, person.email);
    await g.goto(`${portal.url}/learn/webinars`);
    await g.getByRole("link", { name: new RegExp(event.title) }).tap();
    await g.waitForURL(new RegExp(`/learn/events/${event.id}$`));
    await g.getByText("Hotel Neris, Konstitucijos pr. 1, Vilnius").waitFor();
    await g.getByRole("button", { name: "Register" }).tap();
    await g.getByText("You are registered. Show your QR code at the door.").waitFor();
    const qr = g.getByRole("img", { name: `QR code of your pass for ${event.title}` });
    await qr.waitFor();
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(200);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expect.poll(() => g.getByTestId("event-pass-code").textContent()).toMatch(/^Code: [A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await g.screenshot({ path: `${SHOTS}/event-pass-phone.png`, fullPage: true });
    // What the door camera sees: the pass on the participant's screen (centred, clear of the bottom bar).
    await qr.evaluate((el) => el.scrollIntoView({ block: "center" }));
    const shown = await qr.screenshot();

    // The organiser's phone at the door: the portal's scanner reads the pass (a photo, as headless Chromium has no camera).
    const door = await usePhone(browser);
    const d = door.page;
    await signInOnPage(d, portal.url, "trainer@volta.example");
    await d.goto(`${portal.url}/learn/manage/events/${event.id}/check-in`);
    await d.getByRole("button", { name: "Scan a pass" }).tap();
    await d.getByText("Scan the participant's QR code").waitFor();
    await d.getByTestId("scan-pass").setInputFiles({ name: "pass.png", mimeType: "image/png", buffer: shown });
    const result = d.getByTestId("check-in-result");
    await expect
      .poll(() => result.textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`${person.name} \\(Northfield Building Supplies\\) is checked in at \\d\\d:\\d\\d\\. 40 points credited\\.`));
    // The answer sits near the thumb: on the first screen of the phone.
    expect((await result.boundingBox())!.y).toBeLessThan(844);
    await d.screenshot({ path: `${SHOTS}/event-check-in-phone.png`, fullPage: true });

    // A second scan of the same pass: told when, nothing credited.
    await d.getByRole("button", { name: "Scan a pass" }).tap();
    await d.getByTestId("scan-pass").setInputFiles({ name: "pass.png", mimeType: "image/png", buffer: shown });
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toMatch(/is already checked in at \d\d:\d\d\. Nothing credited\./);

    // The participant sees it on their phone.
    await g.reload();
    await g.getByText(/Checked in at \d\d:\d\d\. 40 points credited for attending\./).waitFor();
    expect(await g.getByRole("img", { name: /QR code of your pass/ }).count()).toBe(0);
    await g.goto(`${portal.url}/points`);
    await g.getByText(`Event attended: ${event.title}`).first().waitFor();
    await g.screenshot({ path: `${SHOTS}/event-points-phone.png`, fullPage: true });

    // The organiser's attendance report: cards on the phone, a table on a desktop.
    await d.goto(`${portal.url}/learn/manage/events/${event.id}`);
    await d.getByText("1 of 1 checked in").waitFor();
    const card = d.getByTestId("partner-row").filter({ hasText: "Northfield Building Supplies" });
    expect((await card.boundingBox())!.width).toBeLessThanOrEqual(390);
    const desk = await useDesktop(browser);
    await signInOnPage(desk.page, portal.url, "chris@volta.example", { by: "click" });
    await desk.page.goto(`${portal.url}/learn/manage/events/${event.id}`);
    await desk.page.getByRole("table", { name: "Attendance by partner" }).waitFor();
    await desk.page.screenshot({ path: `${SHOTS}/event-report-desktop.png`, fullPage: true });

    expect(guest.problems).toEqual([]);
    expect(door.problems).toEqual([]);
    expect(desk.problems).toEqual([]);
  }, 180_000);

  it("the organiser moves an event to another venue on a phone and then calls it off; each answer shows under the button", async () => {
    const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString().slice(0, 16);
    const event = await createEvent(await getDb(), await actorFor("trainer@volta.example"), {
      kind: "seminar",
      title: `Seminar ${Math.random().toString(36).slice(2, 7)}`,
      description: "",
      venueName: "Hotel Neris",
      venueAddress: "Konstitucijos pr. 1, Vilnius",
      startsLocal: inHours(30),
      endsLocal: inHours(32),
      timeZone: "UTC",
      capacity: 12,
      targetRoles: [],
      regions: [],
      points: 0,
    });
    const phone = await usePhone(browser);
    const p = phone.page;
    await signInOnPage(p, portal.url, "trainer@volta.example");
    await p.goto(`${portal.url}/learn/manage/events/${event.id}`);
    const venue = p.getByLabel("Venue", { exact: true });
    expect(await venue.inputValue()).toBe("Hotel Neris");
    await venue.fill("Volta Academy, hall B");
    await p.getByLabel("Seats").fill("20");
    await p.getByRole("button", { name: "Save" }).tap();
    // Nobody has registered yet, so nobody is told.
    const saved = p.getByText("Saved.", { exact: true });
    await saved.waitFor();
    const box = (await saved.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await p.getByText("Volta Academy, hall B").first().waitFor();

    await p.getByRole("button", { name: "Cancel the event" }).tap();
    const off = p.getByText("The event is cancelled. Everyone registered or waiting has been told.");
    await off.waitFor();
    const offBox = (await off.boundingBox())!;
    expect(offBox.y + offBox.height).toBeLessThanOrEqual(844);
    // The form goes once the page has the cancelled event (the answer can show a moment before).
    await p.getByRole("button", { name: "Save" }).waitFor({ state: "detached" });
    expect(await p.getByRole("button", { name: "Save" }).count()).toBe(0);
    expect(phone.problems).toEqual([]);
    await phone.ctx.close();
  }, 90_000);
});
