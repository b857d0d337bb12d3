import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { placeOrder } from "../../app/domain/shop/orders.server";
import { getDb } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { actorFor, Visitor } from "../support/portal";
import { givePoints, makeReward, putInCart } from "../support/shop";
import { startEachTestWithNoMail, usePortal, useSmtp } from "../support/fixtures";

const root = path.resolve(import.meta.dirname, "../..");
const portal = usePortal();
const smtp = useSmtp();
const db = await getDb();
const admin = portal.person("admin@volta.example");

startEachTestWithNoMail(smtp);

/** Everything a reset mail row holds, as text: what someone reading the database would see. */
const rowText = async (id: string) => JSON.stringify((await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]);

describe("secrets in the outbox", () => {
  // Its own process (tsx start-up, then every job) may take up to the 60 s allowed it below on a busy machine.
  it("a queued reset link is masked for the admin, delivered working by the job in another process, then gone from the row", {
    timeout: 90_000,
  }, async () => {
    const asked = await new Visitor(portal.url).post("/forgot-password", { email: "sam@northfield.example" });
    expect(asked.status).toBe(200);
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, "sam@northfield.example"));
    expect(row.template).toBe("password_reset");
    expect(row.props.url).toMatch(/\/reset-password\/•+$/);
    expect(row.props.$sealed).toMatch(/^v1\./);

    const list = await (await admin.get("/admin/outbox")).text();
    expect(list).toContain("sam@northfield.example");
    expect(list).not.toMatch(/reset-password\/[A-Za-z0-9_-]{10,}/);
    expect(list).not.toContain("$sealed");
    const html = await (await admin.get(`/admin/outbox/${row.id}/html`)).text();
    expect(html).toContain("/reset-password/••••••••");
    expect(html).not.toMatch(/reset-password\/[A-Za-z0-9_-]{10,}/);

    // The delivery job runs as its own process (`npm run jobs`), as it would from cron.
    await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["scripts/jobs.ts"], {
      cwd: root,
      env: { ...process.env, SMTP_URL: smtp.url, PUBLIC_URL: portal.url },
      timeout: 60_000,
    });
    const mail = await smtp.waitFor((m) => m.to.includes("sam@northfield.example"));
    const link = mail.links.find((l) => l.includes("/reset-password/"))!;
    expect(link).not.toContain("•");
    const token = link.split("/").pop()!;
    expect(html).not.toContain(token);
    expect(list).not.toContain(token);

    const after = await rowText(row.id);
    expect(after).toContain('"status":"sent"');
    expect(after).not.toContain("$sealed");
    expect(after).not.toContain(token);
    expect(await (await admin.get(`/admin/outbox/${row.id}/html`)).text()).not.toContain(token);

    const v = new Visitor(portal.url);
    const done = await v.post(new URL(link).pathname, { password: "a-sealed-new-password", confirmPassword: "a-sealed-new-password" });
    expect(done.status).toBe(302);
    await new Visitor(portal.url).signIn("sam@northfield.example", "a-sealed-new-password");
  });

  it("a mail given up on keeps no secret either", async () => {
    await new Visitor(portal.url).post("/forgot-password", { email: "jack@northfield.example" });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, "jack@northfield.example"));
    expect(row.props.$sealed).toBeTruthy();
    await db.update(emailOutbox).set({ status: "failed" }).where(eq(emailOutbox.id, row.id));
    expect(await rowText(row.id)).not.toContain("$sealed");
  });

  it("a digital reward code is not readable in the outbox, and reaches the buyer", async () => {
    const dmitry = await actorFor("dmitry@uralinstrument.example");
    const { variantId } = await makeReward({
      name: "Cinema voucher",
      pointsPrice: 120,
      kind: "digital",
      category: "photography",
      codes: ["CINEMA-SECRET-4242"],
    });
    await givePoints(dmitry, 120);
    await putInCart(dmitry, variantId);
    await placeOrder(db, dmitry, { checkoutKey: randomUUID(), expectedTotal: 120, address: null });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "shop_digital_code"));
    expect(await rowText(row.id)).not.toContain("CINEMA-SECRET-4242");
    expect(await (await admin.get("/admin/outbox")).text()).not.toContain("CINEMA-SECRET-4242");
    const html = await (await admin.get(`/admin/outbox/${row.id}/html`)).text();
    expect(html).toContain("Cinema voucher");
    expect(html).not.toContain("CINEMA-SECRET-4242");

    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 });
    await smtp.waitFor((m) => m.to.includes("dmitry@uralinstrument.example") && m.text.includes("CINEMA-SECRET-4242"));
    expect(await rowText(row.id)).not.toContain("CINEMA-SECRET-4242");
  });

  it("a mail sealed under another key is not sent, and says why", async () => {
    await new Visitor(portal.url).post("/forgot-password", { email: "olivia@northfield.example" });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, "olivia@northfield.example"));
    const key = process.env.OUTBOX_SECRET_KEY;
    process.env.OUTBOX_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
    try {
      expect(await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 })).toEqual({ sent: 0, failed: 1 });
    } finally {
      process.env.OUTBOX_SECRET_KEY = key;
    }
    const [after] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, row.id));
    expect(after.status).toBe("pending");
    expect(after.lastError).toContain("OUTBOX_SECRET_KEY");
    expect(smtp.inbox).toEqual([]);
  });
});
