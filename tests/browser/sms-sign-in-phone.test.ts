import { randomInt } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueSms } from "../../app/domain/sms/outbox.server";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { usePhone, useBrowser, usePortal } from "../support/fixtures";
import { startSmpp, type Smpp } from "../support/smpp";

// Issue 20 on a 390x844 phone in Chromium: a person without email, invited by text message,
// opens the link from the SMS, asks for a code, types it and lands in the portal.

const portal = usePortal();
const browser = useBrowser();
const chris = portal.person("chris@volta.example");
const db = await getDb();
let smpp: Smpp;
beforeAll(async () => {
  smpp = await startSmpp();
});
afterAll(async () => smpp?.close());

describe("a person without email on a phone", () => {
  it("is invited by SMS and signs in with the texted code", async () => {
    const phone = `+9197${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
    const [partner] = (await db.execute(
      sql`select id from organisations where kind <> 'manufacturer' order by name limit 1`,
    )) as unknown as Array<{
      id: string;
    }>;
    const invited = await chris.post(`/organisations/${partner.id}`, {
      intent: "invite",
      name: "Maria Santos",
      email: "",
      phone,
      role: "technician",
    });
    expect(invited.status).toBe(200);
    await deliverDueSms(db, { smppUrl: smpp.url });
    const link = smpp.to(phone)[0].text.match(/https?:\/\/\S+/)![0];

    const { page } = await usePhone(browser);
    await page.goto(link);
    await page.getByRole("button", { name: "Text me a code" }).tap();
    await page.getByText("a code is on its way").waitFor();
    await deliverDueSms(db, { smppUrl: smpp.url });
    const code = smpp
      .to(phone)
      .at(-1)!
      .text.match(/\b(\d{6})\b/)![1];
    await page.getByLabel("6-digit code").fill(code);
    await page.getByRole("button", { name: "Sign in", exact: true }).tap();
    await page.waitForURL(/\/home/);
    const [user] = await db.select().from(users).where(eq(users.phone, phone));
    expect(user.status).toBe("active");
    expect(user.email).toBeNull();
  });
});
