import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invitePerson } from "../../app/domain/people/people.server";
import { requestPasswordReset } from "../../app/domain/auth/passwords.server";
import { issueUserToken } from "../../app/domain/auth/user-tokens.server";
import { getDb } from "../../db/client";
import { auditLog, organisations, outlets, users } from "../../db/schema";
import { actorFor, Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal<string>({
  people: {
    admin: "admin@volta.example",
    chris: "chris@volta.example",
    ona: "ona@baltictools.example",
    marta: "marta@baltictools.example",
  },
});
const { as } = portal;
const db = await getDb();
let baltic = "";
let volta = "";
let inviteToken = "";
let resetToken = "";

const M = {
  required: "Please fill this in.",
  email: "Enter an email address like name@example.com.",
  choose: "Choose one of the options.",
  invalid: "This value is not valid.",
  tooLong: "This is too long.",
  short: "Use at least 10 characters.",
  mismatch: "The two passwords do not match.",
};

beforeAll(async () => {
  as.anonymous = new Visitor(portal.url);
  [{ id: baltic }] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, "Baltic Tools Distribution"));
  [{ id: volta }] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, "manufacturer"));
  const invited = await invitePerson(
    db,
    await actorFor("ona@baltictools.example"),
    { organisationId: baltic, email: "newbie@baltictools.example", name: "New Person", role: "salesperson" },
    "en",
  );
  inviteToken = await issueUserToken(db, invited.id, "invite", 60_000 * 60);
  const [marta] = await db.select().from(users).where(eq(users.email, "marta@baltictools.example"));
  await requestPasswordReset(db, "nobody-here@x.example", "en", "127.0.0.1");
  resetToken = await issueUserToken(db, marta.id, "password_reset", 60_000 * 60);
});

function decode(s: string) {
  return s
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}
/** The message shown under a field, as a person reads it. */
function fieldMessage(html: string, field: string): string | null {
  const m = html.match(new RegExp(`<p id="(?:[a-z]+-)?${field.replace(".", "\\.")}-error"[^>]*>([^<]*)</p>`));
  return m ? decode(m[1]) : null;
}
/** The message shown above a form. */
function formMessage(html: string): string | null {
  const m = html.match(/<div role="alert"[^>]*>([^<]*)<\/div>/);
  return m ? decode(m[1]) : null;
}

type Case = {
  title: string;
  who: string;
  path: () => string;
  form: Record<string, string>;
  status?: number;
  /** field name -> message shown under it; "_form" -> message above the form. */
  shows: Record<string, string>;
};

const validOrg = { name: "Valid Partner", kind: "dealer", region: "Baltics", tier: "gold", channelManagerId: "" };
const validOutlet = {
  "outlet.name": "Shop",
  "outlet.address": "Street 1",
  "outlet.city": "Town",
  "outlet.postalCode": "",
  "outlet.country": "Lithuania",
};
const orgPage = () => `/organisations/${baltic}`;

const cases: Case[] = [
  { title: "sign-in with nothing", who: "anonymous", path: () => "/login", form: {}, shows: { email: M.required, password: M.required } },
  {
    title: "sign-in with a malformed email",
    who: "anonymous",
    path: () => "/login",
    form: { email: "marta at baltic", password: "x" },
    shows: { email: M.email },
  },
  {
    title: "password reset request without an email",
    who: "anonymous",
    path: () => "/forgot-password",
    form: { email: "  " },
    shows: { email: M.required },
  },
  {
    title: "password reset request with a malformed email",
    who: "anonymous",
    path: () => "/forgot-password",
    form: { email: "x@" },
    shows: { email: M.email },
  },
  {
    title: "new password too short",
    who: "anonymous",
    path: () => `/reset-password/${resetToken}`,
    form: { password: "tiny-pw7", confirmPassword: "tiny-pw7" },
    shows: { password: M.short },
  },
  {
    title: "new passwords differ",
    who: "anonymous",
    path: () => `/reset-password/${resetToken}`,
    form: { password: "long enough one", confirmPassword: "long enough two" },
    shows: { confirmPassword: M.mismatch },
  },
  {
    title: "accepting an invitation with no name and a short password",
    who: "anonymous",
    path: () => `/invite/${inviteToken}`,
    form: { name: " ", password: "tiny-pw7", confirmPassword: "tiny-pw7" },
    shows: { name: M.required, password: M.short },
  },
  {
    title: "accepting an invitation with passwords that differ",
    who: "anonymous",
    path: () => `/invite/${inviteToken}`,
    form: { name: "New Person", password: "long enough one", confirmPassword: "long enough two" },
    shows: { confirmPassword: M.mismatch },
  },
  {
    title: "changing password with nothing",
    who: "marta",
    path: () => "/me",
    form: { intent: "password", currentPassword: "", password: "", confirmPassword: "" },
    shows: { currentPassword: M.required, password: M.short },
  },
  {
    title: "changing password with a wrong current one",
    who: "marta",
    path: () => "/me",
    form: { intent: "password", currentPassword: "wrong one", password: "long enough one", confirmPassword: "long enough one" },
    shows: { currentPassword: "Your current password is not right." },
  },
  {
    title: "a new partner with nothing filled in",
    who: "chris",
    path: () => "/organisations/new",
    form: {},
    shows: {
      name: M.required,
      kind: M.choose,
      region: M.required,
      tier: M.choose,
      "outlet.name": M.required,
      "outlet.address": M.required,
      "outlet.city": M.required,
      "outlet.country": M.required,
    },
  },
  {
    title: "a new partner that claims to be the manufacturer",
    who: "admin",
    path: () => "/organisations/new",
    form: { ...validOrg, ...validOutlet, kind: "manufacturer" },
    shows: { kind: M.choose },
  },
  {
    title: "a new partner with a name too long",
    who: "chris",
    path: () => "/organisations/new",
    form: { ...validOrg, ...validOutlet, name: "x".repeat(161) },
    shows: { name: M.tooLong },
  },
  {
    title: "a new partner with a made-up channel manager id",
    who: "chris",
    path: () => "/organisations/new",
    form: { ...validOrg, ...validOutlet, channelManagerId: "not-a-uuid" },
    shows: { channelManagerId: M.invalid },
  },
  {
    title: "a new partner whose channel manager is not one",
    who: "chris",
    path: () => "/organisations/new",
    form: { ...validOrg, ...validOutlet, channelManagerId: "00000000-0000-4000-8000-000000000000" },
    shows: { channelManagerId: "Choose a channel manager from the list." },
  },
  {
    title: "partner details with a made-up tier",
    who: "chris",
    path: orgPage,
    form: { intent: "update", ...validOrg, name: "", tier: "diamond" },
    shows: { name: M.required, tier: M.choose },
  },
  {
    title: "an outlet with nothing filled in",
    who: "chris",
    path: orgPage,
    form: { intent: "add_outlet" },
    shows: { name: M.required, address: M.required, city: M.required, country: M.required },
  },
  {
    title: "an invitation with a bad email and role",
    who: "ona",
    path: orgPage,
    form: { intent: "invite", name: "", email: "nope", role: "emperor" },
    shows: { name: M.required, email: M.email, role: M.choose },
  },
  {
    title: "an invitation for a manufacturer role",
    who: "ona",
    path: orgPage,
    form: { intent: "invite", name: "Sneaky", email: "sneaky@baltictools.example", role: "admin" },
    shows: { role: "You cannot give this role." },
  },
  {
    title: "an invitation for someone who already has an account",
    who: "ona",
    path: orgPage,
    form: { intent: "invite", name: "Sam", email: "sam@northfield.example", role: "salesperson" },
    shows: { email: "Someone with this email already has an account." },
  },
  {
    title: "a role that does not exist",
    who: "ona",
    path: orgPage,
    form: { intent: "change_role", userId: "MARTA", role: "emperor" },
    shows: { _form: M.choose },
  },
  {
    title: "a role the executive may not give",
    who: "ona",
    path: orgPage,
    form: { intent: "change_role", userId: "MARTA", role: "finance" },
    shows: { _form: "You cannot give this role." },
  },
  {
    title: "deactivating oneself",
    who: "ona",
    path: orgPage,
    form: { intent: "deactivate", userId: "ONA" },
    shows: { _form: "You cannot change your own account here." },
  },
  {
    title: "a deactivation reason too long",
    who: "ona",
    path: orgPage,
    form: { intent: "deactivate", userId: "MARTA", reason: "x".repeat(501) },
    shows: { _form: M.tooLong },
  },
  {
    title: "deactivating a made-up person",
    who: "ona",
    path: orgPage,
    form: { intent: "deactivate", userId: "../../etc/passwd" },
    status: 404,
    shows: { _form: "That was not found." },
  },
  {
    title: "an outlet for the manufacturer itself",
    who: "admin",
    path: () => `/organisations/${volta}`,
    form: { intent: "add_outlet", name: "HQ", address: "1 Main St", city: "Town", postalCode: "", country: "LT" },
    status: 404,
    shows: { _form: "That was not found." },
  },
  { title: "an unknown button", who: "ona", path: orgPage, form: { intent: "delete_everything" }, shows: {} },
  { title: "an unknown language", who: "marta", path: () => "/locale", form: { locale: "klingon" }, shows: {} },
];

describe("bad input on every form gets a 400 with the message where the person looks", () => {
  for (const c of cases) {
    it(c.title, async () => {
      const ids: Record<string, string> = {};
      for (const [k, email] of [
        ["MARTA", "marta@baltictools.example"],
        ["ONA", "ona@baltictools.example"],
      ]) {
        ids[k] = (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;
      }
      const form = Object.fromEntries(Object.entries(c.form).map(([k, v]) => [k, ids[v] ?? v]));
      const before = await changes();
      const res = await as[c.who].post(c.path(), form);
      expect(res.status).toBe(c.status ?? 400);
      const html = await res.text();
      for (const [field, message] of Object.entries(c.shows)) {
        if (field === "_form") expect(formMessage(html), "message above the form").toBe(message);
        else expect(fieldMessage(html, field), `message under ${field}`).toBe(message);
      }
      // Passwords are never sent back.
      for (const [k, v] of Object.entries(form)) if (/password/i.test(k) && v.length > 3) expect(html).not.toContain(v);
      expect(await changes(), "refused input changed something").toEqual(before);
    });
  }

  it("keeps an emailed link usable after a mistake on its form", async () => {
    await as.anonymous.post(`/reset-password/${resetToken}`, { password: "short", confirmPassword: "short" });
    const ok = await new Visitor(portal.url).post(`/reset-password/${resetToken}`, {
      password: "long enough now",
      confirmPassword: "long enough now",
    });
    expect(ok.status).toBe(302);
    await as.anonymous.post(`/invite/${inviteToken}`, { name: "", password: "x", confirmPassword: "y" });
    const joined = await new Visitor(portal.url).post(`/invite/${inviteToken}`, {
      name: "New Person",
      password: "long enough now",
      confirmPassword: "long enough now",
    });
    expect(joined.status).toBe(302);
  });
});

async function changes() {
  const [a] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  const [u] = await db
    .select({ n: sql<number>`count(*)::int`, h: sql<string>`string_agg(coalesce(password_hash, '') || role || status, ',' order by id)` })
    .from(users);
  const [o] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  const [l] = await db.select({ n: sql<number>`count(*)::int` }).from(outlets);
  return { audit: a.n, users: u, orgs: o.n, outlets: l.n };
}

describe("hostile input never causes a server error", () => {
  const nasty = ["\u0000", "a\u0000b@x.example", "x".repeat(100_000), "‮evil‬ 🎉 <script>alert(1)</script>", "' or 1=1 --"];
  const targets: Array<{ who: string; path: () => string; fields: string[]; extra?: Record<string, string> }> = [
    { who: "anonymous", path: () => "/forgot-password", fields: ["email"] },
    { who: "anonymous", path: () => `/invite/${"x".repeat(40)}`, fields: ["name", "password", "confirmPassword"] },
    { who: "anonymous", path: () => `/reset-password/${"\u0000"}`, fields: ["password", "confirmPassword"] },
    { who: "marta", path: () => "/me", fields: ["currentPassword", "password", "confirmPassword"], extra: { intent: "password" } },
    { who: "marta", path: () => "/locale", fields: ["locale", "redirectTo"] },
    {
      who: "chris",
      path: () => "/organisations/new",
      fields: [
        "name",
        "kind",
        "region",
        "tier",
        "channelManagerId",
        "outlet.name",
        "outlet.address",
        "outlet.city",
        "outlet.postalCode",
        "outlet.country",
      ],
      extra: { ...validOrg, ...validOutlet },
    },
    { who: "chris", path: orgPage, fields: ["name", "region", "channelManagerId"], extra: { intent: "update", ...validOrg } },
    {
      who: "chris",
      path: orgPage,
      fields: ["name", "address", "city", "postalCode", "country"],
      extra: { intent: "add_outlet", name: "a", address: "b", city: "c", country: "d" },
    },
    {
      who: "ona",
      path: orgPage,
      fields: ["name", "email", "role"],
      extra: { intent: "invite", name: "A Person", email: "a.person@baltictools.example", role: "salesperson" },
    },
    { who: "ona", path: orgPage, fields: ["userId", "reason", "intent"], extra: { intent: "deactivate" } },
    { who: "ona", path: orgPage, fields: ["userId", "role"], extra: { intent: "change_role", role: "manager" } },
  ];

  for (const t of targets) {
    it(`POST ${t.path().slice(0, 40)} ${t.extra?.intent ?? ""}`, async () => {
      for (const field of t.fields) {
        for (const value of nasty) {
          const res = await as[t.who].post(t.path(), { ...t.extra, [field]: value });
          expect(res.status, `${field}=${JSON.stringify(value.slice(0, 20))}`).toBeLessThan(500);
        }
        // The same field sent twice, as a tampered form would.
        const body = new URLSearchParams({ ...t.extra });
        body.append(field, "one");
        body.append(field, "two");
        const res = await fetch(portal.url + t.path(), {
          method: "POST",
          body,
          redirect: "manual",
          headers: { origin: portal.url, cookie: [...as[t.who].cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
        });
        expect(res.status, `${field} twice`).toBeLessThan(500);
      }
    });
  }
});
