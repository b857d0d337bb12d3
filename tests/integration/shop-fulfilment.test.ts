import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, orders, rewardVariants } from "../../db/schema";
import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { parseCsv as readCsv } from "../../app/lib/csv";
import { hobbyInsights } from "../../app/domain/shop/insights.server";
import { cancelOrder } from "../../app/domain/shop/orders.server";
import { actorFor } from "../support/portal";

const parseCsv = (text: string) => readCsv(text).map((r) => r.fields);
import { buy, givePoints, makeReward, stockOf } from "../support/shop";
import { usePortal, useSmtp } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();

const { signedIn } = portal;

async function mailTo(email: string, subject: string) {
  await deliverDueEmails(await getDb(), { smtpUrl: smtp.url, limit: 200 });
  return smtp.waitFor((m) => m.to.includes(email) && m.subject === subject);
}

describe("fulfilment", () => {
  it("takes an order from placed to delivered, emailing the participant at each step and logging each decision", async () => {
    const harry = await actorFor("harry@northfield.example");
    const { variantId } = await makeReward({ name: "Telescopic rod", pointsPrice: 350, stock: 5 });
    await givePoints(harry, 350);
    const [order] = await buy(harry, variantId, 350);
    const n = `#${order.number}`;
    expect((await mailTo("harry@northfield.example", `Order ${n} received`)).text).toContain("took 350 points from your balance");

    const admin = await signedIn("admin@volta.example");
    const url = `/shop/fulfilment/orders/${order.id}`;
    expect((await admin.post(url, { intent: "approve" })).status).toBe(200);
    await mailTo("harry@northfield.example", `Order ${n} approved`);

    // A tracking number with characters a carrier never uses is a field message, not a 500.
    const bad = await admin.post(url, { intent: "ship", carrier: "DPD", trackingNumber: "<script>" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Use letters, digits, spaces, dots, dashes and slashes only.");
    expect((await admin.post(url, { intent: "ship", carrier: "DPD", trackingNumber: "05501234567" })).status).toBe(200);
    const shipped = await mailTo("harry@northfield.example", `Order ${n} is on its way`);
    expect(shipped.text).toContain("Carrier: DPD. Tracking number: 05501234567.");
    expect(shipped.links.some((l) => l.endsWith(`/shop/orders/${order.id}`))).toBe(true);

    expect((await admin.post(url, { intent: "deliver" })).status).toBe(200);
    await mailTo("harry@northfield.example", `Order ${n} delivered`);

    const db = await getDb();
    const trail = await db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.entityId, order.id));
    const adminActor = await actorFor("admin@volta.example");
    expect(
      trail
        .filter((t) => t.actorId === adminActor.id)
        .map((t) => t.action)
        .sort(),
    ).toEqual(["shop.order_approved", "shop.order_delivered", "shop.order_shipped"]);
    // Approving twice does not email twice: the second click is refused.
    const twice = await admin.post(url, { intent: "approve" });
    expect(twice.status).toBe(409);
  });

  it("finance sees the queue and the export but cannot decide anything", async () => {
    const finance = await signedIn("finance@volta.example");
    expect((await finance.get("/shop/fulfilment?status=placed")).status).toBe(200);
    expect((await finance.get("/shop/fulfilment/export.csv")).status).toBe(200);
    const jack = await actorFor("jack@northfield.example");
    const { variantId } = await makeReward({ name: "Float set", pointsPrice: 90, stock: 5 });
    await givePoints(jack, 90);
    const [order] = await buy(jack, variantId, 90);
    expect((await finance.post(`/shop/fulfilment/orders/${order.id}`, { intent: "approve" })).status).toBe(403);
    const db = await getDb();
    const [still] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    expect(still.status).toBe("placed");
  });

  it("exports approved orders for the warehouse and imports its tracking numbers back, once", async () => {
    const db = await getDb();
    const buyers = await Promise.all(["ona@baltictools.example", "emma@northfield.example", "irina@uralinstrument.example"].map(actorFor));
    const { variantId } = await makeReward({ name: 'Camping stove, "compact"', pointsPrice: 200, stock: 10, category: "travel" });
    const placed: Array<typeof orders.$inferSelect> = [];
    for (const b of buyers) {
      await givePoints(b, 200);
      placed.push((await buy(b, variantId, 200))[0]);
    }
    const admin = await signedIn("admin@volta.example");
    for (const o of placed.slice(0, 2))
      expect((await admin.post("/shop/fulfilment?index", { intent: "approve", orderId: o.id })).status).toBe(200);

    const res = await admin.get("/shop/fulfilment/export.csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="orders-to-ship-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual([
      "order_number",
      "placed_at",
      "recipient",
      "phone",
      "address",
      "city",
      "postal_code",
      "country",
      "partner",
      "reward",
      "variant",
      "sku",
      "quantity",
      "carrier",
      "tracking_number",
    ]);
    const mine = rows.filter((r) => r[9] === 'Camping stove, "compact"');
    expect(mine.map((r) => r[0]).sort()).toEqual(
      placed
        .slice(0, 2)
        .map((o) => String(o.number))
        .sort(),
    ); // the unapproved one is not there
    expect(mine[0][7]).not.toBe("");

    // The warehouse fills in the last two columns; one row has a typo in the order number.
    const filled = [
      rows[0],
      ...mine.map((r, i) => [...r.slice(0, 13), "DPD", `TRK-${i}`]),
      ["99999999", "", "", "", "", "", "", "", "", "", "", "", "", "DPD", "TRK-X"],
    ];
    const csv = filled.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n");
    const form = new FormData();
    form.set("intent", "import");
    form.set("file", new File([csv], "tracking.csv", { type: "text/csv" }));
    const imported = await admin.post("/shop/fulfilment?index", form);
    expect(imported.status).toBe(200);
    const html = await imported.text();
    expect(html).toContain("2 of 3 shipped, 1 need attention.");
    expect(html).toContain("There is no such order to ship.");
    const after = await db
      .select()
      .from(orders)
      .where(
        inArray(
          orders.id,
          placed.map((o) => o.id),
        ),
      );
    expect(
      after
        .filter((o) => o.status === "shipped")
        .map((o) => o.trackingNumber)
        .sort(),
    ).toEqual(["TRK-0", "TRK-1"]);
    expect(after.find((o) => o.id === placed[2].id)!.status).toBe("placed");

    // The same file again: nothing ships twice, nobody is emailed twice.
    const form2 = new FormData();
    form2.set("intent", "import");
    form2.set("csv", csv);
    const again = await (await admin.post("/shop/fulfilment?index", form2)).text();
    expect(again).toContain("0 of 3 shipped");
    expect(again).toContain("Already shipped with this tracking number.");
    await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 200 });
    const shippedMails = smtp.inbox.filter(
      (m) => /is on its way/.test(m.subject) && placed.slice(0, 2).some((o) => m.subject.includes(`#${o.number}`)),
    );
    expect(shippedMails).toHaveLength(2);
    const audits = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "shop.order_shipped"),
          inArray(
            auditLog.entityId,
            placed.map((o) => o.id),
          ),
        ),
      );
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => (a.details as { source?: string }).source === "csv")).toBe(true);
  });

  it("refuses a file without the needed columns with a clear message", async () => {
    const admin = await signedIn("admin@volta.example");
    const form = new FormData();
    form.set("intent", "import");
    form.set("csv", "order,tracking\n1001,ABC");
    const res = await admin.post("/shop/fulfilment?index", form);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The first row must name the columns order_number, carrier and tracking_number.");
  });
});

describe("managing rewards", () => {
  it("receives and writes off stock by difference, audit-logged, never below zero", async () => {
    const { reward, variantId } = await makeReward({ name: "Bivvy tent", pointsPrice: 3000, stock: 2 });
    const admin = await signedIn("admin@volta.example");
    const url = `/shop/manage/rewards/${reward.id}`;
    expect((await admin.post(url, { intent: "adjust_stock", variantId, delta: "+5", reason: "Delivery 4711" })).status).toBe(200);
    expect(await stockOf(variantId)).toBe(7);
    const tooMuch = await admin.post(url, { intent: "adjust_stock", variantId, delta: "-8", reason: "" });
    expect(tooMuch.status).toBe(409);
    expect(await tooMuch.text()).toContain("You cannot remove more units than are in stock.");
    expect(await stockOf(variantId)).toBe(7);
    const zero = await admin.post(url, { intent: "adjust_stock", variantId, delta: "0" });
    expect(zero.status).toBe(400);
    const db = await getDb();
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "shop.stock_adjusted"), eq(auditLog.entityId, reward.id)));
    expect(entry).toMatchObject({ reason: "Delivery 4711", details: { variantId, delta: 5, stockAfter: 7 } });
  });

  it("adds options with their own stock, and codes to digital rewards (duplicates skipped, never logged)", async () => {
    const admin = await signedIn("admin@volta.example");
    const shirt = await makeReward({ name: "Club shirt", pointsPrice: 800, stock: 0, category: "sports" });
    const url = `/shop/manage/rewards/${shirt.reward.id}`;
    expect((await admin.post(url, { intent: "add_variant", size: "M", colour: "Blue", sku: "SH-M-B", stock: "4" })).status).toBe(200);
    const dup = await admin.post(url, { intent: "add_variant", size: "M", colour: "Blue", sku: "", stock: "1" });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("This reward already has that size and colour.");
    const db = await getDb();
    const options = await db.select().from(rewardVariants).where(eq(rewardVariants.rewardId, shirt.reward.id));
    expect(options.find((o) => o.size === "M")!.stock).toBe(4);

    const card = await makeReward({ name: "Cinema card", pointsPrice: 300, kind: "digital", category: "kids" });
    const res = await admin.post(`/shop/manage/rewards/${card.reward.id}`, {
      intent: "add_codes",
      variantId: card.variantId,
      codes: "CIN-1\nCIN-2\nCIN-2\n\nCIN-3",
    });
    expect(await res.text()).toContain("3 codes added, 1 skipped as duplicates.");
    expect(await stockOf(card.variantId)).toBe(3);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "shop.codes_added"), eq(auditLog.entityId, card.reward.id)));
    expect(JSON.stringify(entry.details)).not.toContain("CIN-");
    // Digital stock moves only with codes.
    expect(
      (await admin.post(`/shop/manage/rewards/${card.reward.id}`, { intent: "adjust_stock", variantId: card.variantId, delta: "5" }))
        .status,
    ).toBe(400);
  });

  it("creates a reward from the form and refuses bad input field by field", async () => {
    const admin = await signedIn("admin@volta.example");
    const db = await getDb();
    const bad = await admin.post("/shop/manage/new", {
      name: "",
      pointsPrice: "-5",
      categoryId: "",
      kind: "physical",
      stock: "3",
      activeFrom: "2026-12-31",
      activeUntil: "2026-01-01",
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain("Please fill this in.");
    expect(text).toContain("This number is too small.");
    expect(text).toContain("Choose one of the options.");
    const [category] = await db.query.shopCategories.findMany({ where: (c, { eq }) => eq(c.slug, "kids"), limit: 1 });
    const ok = await admin.post("/shop/manage/new", {
      name: "Kite",
      pointsPrice: "1 200",
      categoryId: category.id,
      kind: "physical",
      stock: "3",
      tiers: ["gold", "platinum"],
      active: "on",
      activeFrom: "",
      activeUntil: "",
    });
    expect(ok.status).toBe(302);
    const id = ok.headers.get("location")!.match(/rewards\/([0-9a-f-]{36})/)![1];
    const reward = await db.query.rewards.findFirst({ where: (r, { eq }) => eq(r.id, id) });
    expect(reward).toMatchObject({
      name: "Kite",
      pointsPrice: 1200,
      tiers: ["gold", "platinum"],
      images: ["/images/shop/categories/kids.svg"],
    });

    // "Active until 31 March" stays on offer all of 31 March, and the edit form shows 31 March again.
    const dated = await admin.post("/shop/manage/new", {
      name: "Sled",
      pointsPrice: "900",
      categoryId: category.id,
      kind: "physical",
      stock: "1",
      active: "on",
      activeFrom: "2026-03-01",
      activeUntil: "2026-03-31",
    });
    expect(dated.status).toBe(302);
    const sledId = dated.headers.get("location")!.match(/rewards\/([0-9a-f-]{36})/)![1];
    const sled = await db.query.rewards.findFirst({ where: (r, { eq }) => eq(r.id, sledId) });
    expect(sled?.activeFrom?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(sled?.activeUntil?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    const form = await (await admin.get(`/shop/manage/rewards/${sledId}`)).text();
    expect(form).toMatch(/name="activeUntil"[^>]*value="2026-03-31"|value="2026-03-31"[^>]*name="activeUntil"/);
    expect(form).toMatch(/name="activeFrom"[^>]*value="2026-03-01"|value="2026-03-01"[^>]*name="activeFrom"/);
  });

  it("accepts PNG pictures and refuses anything that only claims to be one", async () => {
    const { reward } = await makeReward({ name: "Picture frame", pointsPrice: 100 });
    const admin = await signedIn("admin@volta.example");
    const url = `/shop/manage/rewards/${reward.id}`;
    const fake = new FormData();
    fake.set("intent", "upload_image");
    fake.set("image", new File(["<svg onload=alert(1)>"], "x.png", { type: "image/png" }));
    const refused = await admin.post(url, fake);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Upload a PNG, JPEG or WebP picture.");

    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
      "hex",
    );
    const real = new FormData();
    real.set("intent", "upload_image");
    real.set("image", new File([png], "frame.png", { type: "image/png" }));
    expect((await admin.post(url, real)).status).toBe(200);
    const db = await getDb();
    const saved = await db.query.rewards.findFirst({ where: (r, { eq }) => eq(r.id, reward.id) });
    const src = saved!.images.at(-1)!;
    expect(src).toMatch(/^\/shop\/images\/[0-9a-f-]{36}$/);
    const image = await (await signedIn("sam@northfield.example")).get(src);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
  });
});

describe("hobby insights", () => {
  it("counts who chose each hobby and what each category redeems, leaving cancelled orders out", async () => {
    const db = await getDb();
    const before = await hobbyInsights(db);
    const fishingBefore = before.categories.find((c) => c.slug === "fishing")!;
    const sam = await actorFor("sam@northfield.example");
    const { variantId } = await makeReward({ name: "Keep net", pointsPrice: 450, stock: 5, category: "fishing" });
    await givePoints(sam, 900);
    await buy(sam, variantId, 450, 2);
    const jack = await actorFor("jack@northfield.example");
    await givePoints(jack, 450);
    const [cancelled] = await buy(jack, variantId, 450);
    await cancelOrder(db, jack, cancelled.id, null);

    const after = await hobbyInsights(db);
    const fishing = after.categories.find((c) => c.slug === "fishing")!;
    expect(fishing.points - fishingBefore.points).toBe(900);
    expect(fishing.units - fishingBefore.units).toBe(2);
    expect(fishing.participants).toBeGreaterThan(0); // demo participants chose fishing

    const admin = await signedIn("chris@volta.example");
    const page = await (await admin.get("/shop/insights")).text();
    expect(page).toContain("Hobby insights");
    const csv = parseCsv(await (await admin.get("/shop/insights.csv")).text());
    const row = csv.find((r) => r[0] === "fishing")!;
    // The name in the default language only: other languages are content translations.
    expect(csv[0].slice(0, 3)).toEqual(["category", "name_en", "participants_chose"]);
    expect(Number(row[2])).toBe(fishing.participants);
    expect(Number(row[6])).toBe(fishing.points);
  });
});
