import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { emailOutbox, notifications } from "../../db/schema";
import { createContest, type ContestInput } from "../../app/domain/contests/contests.server";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { readAtOnce } from "../support/mail-modes";
import { deliverAndTake } from "../support/mail";
import { actorFor, Visitor } from "../support/portal";
import { usePortal, useSmtp } from "../support/fixtures";
import { EMAIL_TOPICS } from "../../app/domain/notifications/topics";

const DAY = 86_400_000;
const portal = usePortal();
const smtp = useSmtp();

function contest(name: string): ContestInput {
  return {
    name,
    rules: "Sell the most.",
    startsAt: new Date(Date.now() - DAY),
    endsAt: new Date(Date.now() + 9 * DAY),
    graceDays: 3,
    scope: "region",
    tiers: [],
    regions: ["UK North"],
    partnerIds: [],
    roles: ["salesperson"],
    metric: "units",
    productSkus: [],
    ranking: "individual",
    minScore: 0,
    privacy: "initials_partner",
    prizes: [],
  };
}

describe("email preferences and one-click unsubscribe", () => {
  it("puts an unsubscribe link and header on topic mail; the link switches that topic off", async () => {
    const db = await getDb();
    // Contest news is weekly and held for daytime by default; Sam and Jack chose "at once".
    await readAtOnce(db, ["contest_news"], { emails: ["sam@northfield.example", "jack@northfield.example"], daytime: true });
    const cm = await actorFor("chris@volta.example");
    await createContest(db, cm, contest(`Winter drills ${randomUUID().slice(0, 4)}`));
    const { mail, path } = await deliverAndTake(smtp, "sam@northfield.example", "/unsubscribe/");
    expect(mail.headers["list-unsubscribe"]).toContain(path);
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    const visitor = new Visitor(portal.url);
    // Opening the link only asks; a link scanner cannot unsubscribe anyone.
    const page = await visitor.get(path);
    expect(await page.text()).toContain("Stop emails about: Contests: new ones and results?");
    // A mail client's one-click POST carries no Origin header and no session.
    const res = await fetch(portal.url + path, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    expect(res.status).toBe(200);

    const second = await createContest(db, cm, contest(`Spring saws ${randomUUID().slice(0, 4)}`));
    const sam = await actorFor("sam@northfield.example");
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "contest_announced"), eq(emailOutbox.to, "sam@northfield.example")));
    expect(mails).toHaveLength(1);
    // The in-app notice still arrives.
    const notices = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, sam.id), eq(notifications.link, `/contests/${second.id}`)));
    expect(notices).toHaveLength(1);
    // Jack did not unsubscribe and gets both.
    const jacks = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "contest_announced"), eq(emailOutbox.to, "jack@northfield.example")));
    expect(jacks).toHaveLength(2);
  });

  // The profile shows a mode per topic: at once, in the weekly digest, or no email.
  const modeOf = (html: string, topic: string) =>
    new RegExp(`<select[^>]*name="mode_${topic}"[^>]*>[\\s\\S]*?<option value="(\\w+)" selected=""`).exec(html)?.[1];
  const allModes = (mode: string) => Object.fromEntries(EMAIL_TOPICS.map((t) => [`mode_${t}`, mode]));

  it("shows and saves a mode per topic on the profile page, with what each topic sends", async () => {
    const visitor = new Visitor(portal.url);
    await visitor.signIn("jack@northfield.example", DEMO_PASSWORD);
    const before = await (await visitor.get("/me")).text();
    expect(before).toContain("Emails I receive");
    expect(before).toContain("New contests open to you, and their results.");
    expect(modeOf(before, "contest_news")).toBe("instant");
    const saved = await visitor.post("/me", {
      intent: "preferences",
      ...allModes("instant"),
      mode_contest_news: "off",
      mode_orders: "weekly",
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Email preferences saved.");
    const after = await (await visitor.get("/me")).text();
    expect(modeOf(after, "contest_news")).toBe("off");
    expect(modeOf(after, "orders")).toBe("weekly");
    expect(modeOf(after, "claim_decided")).toBe("instant");
    const bad = await visitor.post("/me", { intent: "preferences", ...allModes("instant"), mode_orders: "hourly" });
    expect(bad.status).toBe(400);
    const zone = await visitor.post("/me", { intent: "preferences", ...allModes("instant"), timeZone: "Mars/Olympus" });
    expect(zone.status).toBe(400);
    expect(await zone.text()).toContain("Choose a time zone from the list.");
  });
});
