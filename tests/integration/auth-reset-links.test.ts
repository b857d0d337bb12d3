import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { userTokens } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { deliverAndTake } from "../support/mail";
import { freshPerson } from "../support/people";
import { Visitor } from "../support/portal";
import { usePortal, useSmtp } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();
const db = await getDb();

const REFUSED = "This link has expired or has already been used.";
const NEW_PASSWORD = "a-brand-new-password";

/** Page text without tags: what a person reads. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
}

/** A person of the test's own asks for a reset link; returns them and the link's path from the mail. */
async function askForLink() {
  const person = await freshPerson({ tag: "reset" });
  expect((await new Visitor(portal.url).post("/forgot-password", { email: person.email })).status).toBe(200);
  const { path } = await deliverAndTake(smtp, person.email, "/reset-password/");
  return { person, path };
}

/** What the link's page offers: the form to choose a password, or the refusal with a way to ask again. */
async function linkPage(path: string) {
  const html = await (await new Visitor(portal.url).get(path)).text();
  return { text: text(html), hasForm: /name="password"/.test(html), asksAgain: /href="\/forgot-password"/.test(html) };
}

describe("password reset links", () => {
  it("expire after an hour: the page says so and offers a new link, the form changes nothing", async () => {
    const { person, path } = await askForLink();
    const [token] = await db.select().from(userTokens).where(eq(userTokens.userId, person.id));
    const minutes = (token.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    expect((await linkPage(path)).hasForm).toBe(true);

    // An hour passes.
    await db
      .update(userTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userTokens.userId, person.id));
    const page = await linkPage(path);
    expect(page.text).toContain(REFUSED);
    expect(page.text).toContain("Ask for a new link");
    expect(page.asksAgain).toBe(true);
    expect(page.hasForm).toBe(false);

    // A form kept open in a tab and sent late is refused, with the same message and no session.
    const late = new Visitor(portal.url);
    const res = await late.post(path, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain(REFUSED);
    expect(late.cookies.has("portal_session")).toBe(false);
    // The password is unchanged: the old one works, the new one does not.
    expect((await new Visitor(portal.url).post("/login", { email: person.email, password: NEW_PASSWORD })).status).toBe(400);
    await new Visitor(portal.url).signIn(person.email, DEMO_PASSWORD);
  });

  it("work once: the used link's page says so, and a second use changes nothing", async () => {
    const { person, path } = await askForLink();
    // Signed in on another device before the reset: that session ends with it.
    const otherDevice = new Visitor(portal.url);
    await otherDevice.signIn(person.email, DEMO_PASSWORD);
    const used = new Visitor(portal.url);
    const done = await used.post(path, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/home");
    expect((await used.get("/home")).status).toBe(200);
    expect((await otherDevice.get("/home")).headers.get("location")).toMatch(/^\/login/);

    const page = await linkPage(path);
    expect(page.text).toContain(REFUSED);
    expect(page.hasForm).toBe(false);
    const again = await new Visitor(portal.url).post(path, {
      password: "someone-elses-password",
      confirmPassword: "someone-elses-password",
    });
    expect(again.status).toBe(400);
    expect(text(await again.text())).toContain(REFUSED);
    await new Visitor(portal.url).signIn(person.email, NEW_PASSWORD);
  });

  it("a made-up link is refused the same way, never a 500", async () => {
    for (const token of ["nonsense", "x".repeat(500), "%00", "..%2F..%2Fetc"]) {
      const res = await new Visitor(portal.url).get(`/reset-password/${token}`);
      expect(res.status, token).toBeLessThan(500);
      if (res.status === 200) expect(text(await res.text())).toContain(REFUSED);
      const post = await new Visitor(portal.url).post(`/reset-password/${token}`, {
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      expect(post.status, token).toBeLessThan(500);
      expect(post.status, token).toBeGreaterThanOrEqual(400);
    }
  });
});
