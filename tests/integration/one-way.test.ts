import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "../../db/client";
import { orders } from "../../db/schema";
import { claimForm, daysAgo } from "../support/claims";
import { actorFor } from "../support/portal";
import { ADDRESS, buy, givePoints, makeReward, putInCart } from "../support/shop";
import { usePortal } from "../support/fixtures";

/**
 * The hardening that comes from doing each thing one way (docs/architecture.md, "One way to do
 * each thing"), checked over HTTP: one intent dispatcher (a missing or strange intent changes
 * nothing), one form reader (a body that is not a form is a 400, too many fields a 413), one id
 * check (36 dashes is a 404), and the claim scope that hides another person's draft.
 */

const db = await getDb();
const PEOPLE = {
  marta: "marta@baltictools.example", // salesperson, Baltic Tools
  tomas: "tomas@baltictools.example", // technician, Baltic Tools
  lukas: "lukas@baltictools.example", // manager, Baltic Tools
  ona: "ona@baltictools.example", // executive, Baltic Tools
  chris: "chris@volta.example", // channel manager
  admin: "admin@volta.example",
};
const portal = usePortal<string>({ people: PEOPLE });
const { as } = portal;

/** A POST with the visitor's cookies and any body, as a script (not a browser) could send it. */
function rawPost(who: string, path: string, body: BodyInit, type?: string) {
  const cookie = who === "anonymous" ? "" : [...as[who].cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const headers: Record<string, string> = { origin: portal.url, ...(cookie ? { cookie } : {}), ...(type ? { "content-type": type } : {}) };
  return fetch(portal.url + path, { method: "POST", body, redirect: "manual", headers });
}

const STRANGE_INTENTS: Array<Record<string, string>> = [
  {},
  { intent: "" },
  { intent: "explode" },
  { intent: "__proto__" },
  { intent: "constructor" },
  { intent: "toString" },
  { intent: "hasOwnProperty" },
];

async function statusOf(orderId: string) {
  const [o] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  return o.status;
}

describe("one intent dispatcher", () => {
  it("an order's page: a missing, unknown or prototype intent is a 400 and the order is not cancelled", async () => {
    const marta = await actorFor(PEOPLE.marta);
    const { variantId } = await makeReward({ name: `Intent test reel ${randomUUID().slice(0, 6)}`, pointsPrice: 100, stock: 5 });
    await givePoints(marta, 300);
    const [order] = await buy(marta, variantId, 100);
    const before = await statusOf(order.id);
    for (const form of STRANGE_INTENTS) {
      const res = await as.marta.post(`/shop/orders/${order.id}`, { ...form, reason: "changed my mind" });
      expect(res.status, JSON.stringify(form)).toBe(400);
      const admin = await as.admin.post(`/shop/fulfilment/orders/${order.id}`, { ...form, reason: "out of stock" });
      expect(admin.status, `fulfilment ${JSON.stringify(form)}`).toBe(400);
    }
    expect(await statusOf(order.id)).toBe(before);
    expect(before).not.toBe("cancelled");
    // The real button still works.
    expect((await as.marta.post(`/shop/orders/${order.id}`, { intent: "cancel", reason: "" })).status).toBe(200);
    expect(await statusOf(order.id)).toBe("cancelled");
  });

  it("the cart: a form without a known intent never checks out", async () => {
    const marta = await actorFor(PEOPLE.marta);
    const { variantId } = await makeReward({ name: `Cart intent test ${randomUUID().slice(0, 6)}`, pointsPrice: 50, stock: 5 });
    await givePoints(marta, 100);
    await putInCart(marta, variantId);
    const count = async () =>
      rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from orders where user_id = ${marta.id}`))[0].n;
    const before = await count();
    for (const form of STRANGE_INTENTS) {
      const res = await as.marta.post("/shop/cart", { ...form, checkoutKey: randomUUID(), expectedTotal: "50", ...ADDRESS });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(await res.text()).not.toContain("Error:");
    }
    expect(await count()).toBe(before);
  });

  it("a claim's page and an organisation's page: a prototype intent is a 400, not a crash", async () => {
    const orgId = rowsOf<{ id: string }>(await db.execute(sql`select id from organisations where name = 'Baltic Tools Distribution'`))[0]
      .id;
    for (const intent of ["__proto__", "constructor", "toString"]) {
      expect((await as.chris.post(`/organisations/${orgId}`, { intent })).status, intent).toBe(400);
      expect((await as.chris.post(`/claims/${randomUUID()}`, { intent })).status, intent).toBe(400);
      expect((await as.admin.post("/claims/rules", { intent })).status, intent).toBe(400);
    }
  });
});

describe("one form reader", () => {
  const bodies: Array<{ name: string; type: string; body: string }> = [
    { name: "JSON", type: "application/json", body: JSON.stringify({ intent: "cancel", email: "a@b.example" }) },
    { name: "plain text", type: "text/plain", body: "intent=cancel" },
    {
      name: "broken multipart",
      type: "multipart/form-data; boundary=xyz",
      body: '--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncan',
    },
    { name: "no content type", type: "", body: "" },
  ];
  const targets = [
    { who: "anonymous", path: "/login" },
    { who: "anonymous", path: "/forgot-password" },
    { who: "marta", path: "/me" },
    { who: "marta", path: "/shop/cart" },
    { who: "marta", path: "/claims/new" },
    { who: "chris", path: "/organisations/new" },
    { who: "admin", path: "/admin/programme" },
  ];

  for (const t of targets) {
    it(`POST ${t.path} as ${t.who}: JSON, text, broken multipart or no body is a 400`, async () => {
      for (const b of bodies) {
        const res = await rawPost(t.who, t.path, b.body, b.type);
        expect(res.status, b.name).toBe(400);
        const text = await res.text();
        expect(text, b.name).not.toMatch(/at [\w.]+ \(|TypeError|SyntaxError/);
      }
    });
  }

  it("70,000 serial numbers on a one-unit claim line are refused before anything reads them", async () => {
    const body = new URLSearchParams({
      intent: "draft",
      invoiceNumber: "INV-MANY",
      invoiceDate: daysAgo(2),
      "lines.0.sku": "VT-LD50",
      "lines.0.quantity": "1",
    });
    for (let i = 0; i < 70_000; i++) body.append("lines.0.serials", `S${i}`);
    const res = await rawPost("marta", "/claims/new", body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const many = new URLSearchParams({ intent: "password" });
    for (let i = 0; i < 70_000; i++) many.append(`f${i}`, "x");
    const me = await rawPost("marta", "/me", many);
    expect(me.status).toBe(413);
  });
});

describe("one id check", () => {
  const dashes = "-".repeat(36);
  it("36 dashes where an id belongs is the 404 page, never a database error", async () => {
    const pages: Array<[string, string]> = [
      ["marta", `/claims/${dashes}`],
      ["marta", `/claims/${dashes}/evidence`],
      ["marta", `/shop/orders/${dashes}`],
      ["marta", `/shop/rewards/${dashes}`],
      ["marta", `/learn/courses/${dashes}`],
      ["marta", `/learn/webinars/${dashes}`],
      ["marta", `/learn/certificates/${dashes}`],
      ["marta", `/contests/${dashes}`],
      ["chris", `/organisations/${dashes}`],
      ["chris", `/organisations/${dashes}/points`],
      ["admin", `/admin/outbox/${dashes}/html`],
      ["admin", `/shop/fulfilment/orders/${dashes}`],
      ["admin", `/shop/manage/rewards/${dashes}`],
      ["admin", `/learn/manage/courses/${dashes}`],
    ];
    for (const [who, path] of pages) expect((await as[who].get(path)).status, path).toBe(404);
  });

  it("and in a form's address: posting to 36 dashes is a 404 too", async () => {
    const posts: Array<[string, string, Record<string, string>]> = [
      ["chris", `/contests/${dashes}`, {}],
      ["chris", `/organisations/${dashes}`, { intent: "add_outlet", name: "a", address: "b", city: "c", country: "d" }],
      ["chris", `/claims/${dashes}`, { intent: "approve" }],
      ["marta", `/shop/orders/${dashes}`, { intent: "cancel", reason: "" }],
      ["marta", `/learn/webinars/${dashes}`, { intent: "register" }],
      ["admin", `/shop/fulfilment/orders/${dashes}`, { intent: "approve" }],
    ];
    for (const [who, path, form] of posts) expect((await as[who].post(path, form)).status, path).toBe(404);
  });
});

describe("a draft is its author's alone", () => {
  it("a colleague, the manager and the executive get 404 for another's draft and its file; the author opens it", async () => {
    const res = await as.marta.post(
      "/claims/new",
      claimForm({ invoice: `DRAFT-${randomUUID().slice(0, 6)}`, date: daysAgo(2), lines: [{ sku: "VT-LD50", qty: 1 }], intent: "draft" }),
    );
    expect(res.status).toBe(302);
    const id = (res.headers.get("location") ?? "").match(/^\/claims\/([0-9a-f-]{36})\/edit/)?.[1];
    expect(id).toBeTruthy();
    expect((await as.marta.get(`/claims/${id}`)).status).toBe(200);
    for (const who of ["tomas", "lukas", "ona", "chris"]) {
      expect((await as[who].get(`/claims/${id}`)).status, who).toBe(404);
      expect((await as[who].get(`/claims/${id}/evidence`)).status, `${who} evidence`).toBe(404);
      expect(await (await as[who].get("/claims")).text(), `${who} list`).not.toContain(id);
    }
  });
});
