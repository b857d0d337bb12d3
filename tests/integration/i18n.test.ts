import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { createTranslator } from "../../app/i18n/translate";
import { deliverAndTake } from "../support/mail";
import { freshPerson } from "../support/people";
import { Visitor } from "../support/portal";
import { usePortal, useSmtp } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();
const db = await getDb();

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

const RU = { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" };
const EN = { "accept-language": "en-GB,en;q=0.9" };

async function signIn(email: string, headers: Record<string, string>) {
  const v = new Visitor(portal.url);
  const res = await v.post("/login", { email, password: DEMO_PASSWORD }, headers);
  expect(res.status).toBe(302);
  return v;
}

describe("the interface language", () => {
  it("follows the browser's Accept-Language for someone not signed in", async () => {
    const ru = await (await new Visitor(portal.url).get("/login", RU)).text();
    expect(ru).toContain('<html lang="ru"');
    expect(ru).toContain("Забыли пароль?");
    const en = await (await new Visitor(portal.url).get("/login", EN)).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain("Forgot your password?");
    const lt = await (await new Visitor(portal.url).get("/login", { "accept-language": "lt-LT,lt;q=0.9" })).text();
    expect(lt).toContain('<html lang="lt"');
    expect(lt).toContain(escapeHtml(createTranslator("lt")("auth.forgot")));
    const other = await (await new Visitor(portal.url).get("/login", { "accept-language": "de-DE,de;q=0.9" })).text();
    expect(other).toContain("Forgot your password?");
  });

  it("shows form errors in the visitor's language", async () => {
    const res = await new Visitor(portal.url).post("/login", { email: "", password: "" }, RU);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Заполните это поле.");
  });

  it("lets a person's saved language win over the browser's", async () => {
    const irina = await signIn("irina@uralinstrument.example", EN);
    const home = await (await irina.get("/home", EN)).text();
    expect(home).toContain("Здравствуйте, Ирина");
    expect(home).toContain("Руководитель");
  });

  it("remembers a language chosen on the profile page on the account, for every device", async () => {
    const marta = await signIn("marta@baltictools.example", RU);
    expect(await (await marta.get("/home", RU)).text()).toContain("Здравствуйте, Marta");
    const switched = await marta.post("/locale", { locale: "en", redirectTo: "/me" }, RU);
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe("/me");
    expect(await (await marta.get("/me", RU)).text()).toContain("Change password");
    const [row] = await db.select().from(users).where(eq(users.email, "marta@baltictools.example"));
    expect(row.locale).toBe("en");
    // Another phone, a Russian browser, no cookie: still English.
    const phone = await signIn("marta@baltictools.example", RU);
    phone.cookies.delete("portal_locale");
    expect(await (await phone.get("/home", RU)).text()).toContain("Hello, Marta");
  });

  it("keeps an anonymous visitor's choice in a cookie", async () => {
    const v = new Visitor(portal.url);
    const res = await v.post("/locale", { locale: "ru", redirectTo: "/login" }, EN);
    expect(res.headers.get("location")).toBe("/login");
    expect(await (await v.get("/login", EN)).text()).toContain("Забыли пароль?");
  });

  it("does not follow a language switch's redirect off the site", async () => {
    const res = await new Visitor(portal.url).post("/locale", { locale: "en", redirectTo: "//evil.example/" });
    expect(res.headers.get("location")).toBe("/");
  });

  it("writes emails in the recipient's language", async () => {
    await new Visitor(portal.url).post("/forgot-password", { email: "dmitry@uralinstrument.example" }, EN);
    const { mail } = await deliverAndTake(smtp, "dmitry@uralinstrument.example", "/reset-password/");
    expect(mail.subject).toBe("Восстановление пароля на партнёрском портале");
    expect(mail.html).toContain('lang="ru"');
    await new Visitor(portal.url).post("/forgot-password", { email: "sam@northfield.example" }, RU);
    const sam = await deliverAndTake(smtp, "sam@northfield.example", "/reset-password/");
    // Sam never chose a language: the one he asked in is used.
    expect(sam.mail.subject).toBe("Восстановление пароля на партнёрском портале");
  });

  it("writes a Hindi speaker's email in Hindi, in Devanagari, received by the mail server", async () => {
    const asha = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", locale: "hi", tag: "hindi" });
    await new Visitor(portal.url).post("/forgot-password", { email: asha.email }, EN);
    const { mail } = await deliverAndTake(smtp, asha.email, "/reset-password/");
    const hi = createTranslator("hi");
    expect(mail.subject).toBe(hi("email.reset.subject"));
    expect(mail.subject).toMatch(/[\u0900-\u097F]/);
    expect(mail.html).toContain('lang="hi"');
    expect(mail.text).toContain(hi("email.reset.cta"));
    expect(mail.text).not.toContain(createTranslator("en")("email.reset.cta"));
  });
});
