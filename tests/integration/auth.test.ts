import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { Visitor } from "../support/portal";
import { usePortal, useSmtp } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();

describe("signing in", () => {
  it("signs in with the right password and lands on home", async () => {
    const v = new Visitor(portal.url);
    const res = await v.signIn("marta@baltictools.example", DEMO_PASSWORD);
    expect(res.headers.get("location")).toBe("/home");
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/portal_session=\w+/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const home = await v.get("/home");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Marta");
  });

  it("refuses a wrong password with a clear message", async () => {
    const v = new Visitor(portal.url);
    const res = await v.post("/login", { email: "marta@baltictools.example", password: "wrong-password" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The email or password is not right.");
  });

  it("sends a password reset link that works once", async () => {
    const v = new Visitor(portal.url);
    const asked = await v.post("/forgot-password", { email: "sam@northfield.example" });
    expect(asked.status).toBe(200);
    await deliverDueEmails(await getDb(), { smtpUrl: smtp.url, limit: 1000 });
    const mail = await smtp.waitFor((m) => m.to.includes("sam@northfield.example"));
    expect(mail.subject).toMatch(/reset/i);
    const link = mail.links.find((l) => l.includes("/reset-password/"))!;
    const path = new URL(link).pathname;
    const form = await v.get(path);
    expect(await form.text()).toContain("Choose a new password");
    const done = await v.post(path, { password: "a-brand-new-password", confirmPassword: "a-brand-new-password" });
    expect(done.status).toBe(302);
    const again = await new Visitor(portal.url).post(path, { password: "another-password-1", confirmPassword: "another-password-1" });
    expect(await again.text()).toContain("expired or has already been used");
    await new Visitor(portal.url).signIn("sam@northfield.example", "a-brand-new-password");
  });
});
