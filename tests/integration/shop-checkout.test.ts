import { readAtOnce } from "../support/mail-modes";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "../../db/client";
import { auditLog, ledgerEntries, orders, rewardCodes } from "../../db/schema";
import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { addToWishlist } from "../../app/domain/shop/rewards.server";
import { cancelOrder, placeOrder } from "../../app/domain/shop/orders.server";
import { notifyReachableWishes } from "../../app/domain/shop/wishes.server";
import { listNotifications } from "../../app/domain/notifications/notify.server";
import { UserError } from "../../app/lib/errors";
import { createTranslator } from "../../app/i18n/translate";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { actorFor, Visitor } from "../support/portal";
import { ADDRESS, balanceOf, buy, givePoints, ledgerSum, makeParticipants, makeReward, putInCart, stockOf } from "../support/shop";
import { usePortal, useSmtp } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();
const en = createTranslator("en");

async function sendMail() {
  await deliverDueEmails(await getDb(), { smtpUrl: smtp.url, limit: 200 });
}

describe("checkout", () => {
  it("20 buyers, 3 in stock: exactly 3 orders, 17 clear 'sold out' messages, points untouched for the 17", async () => {
    const { reward, variantId } = await makeReward({ name: "Last three reels", pointsPrice: 500, stock: 3 });
    const buyers = await makeParticipants(20);
    for (const b of buyers) {
      await givePoints(b, 800);
      await putInCart(b, variantId);
    }
    const db = await getDb();
    const results = await Promise.allSettled(
      buyers.map((b) => placeOrder(db, b, { checkoutKey: randomUUID(), expectedTotal: 500, address: ADDRESS })),
    );

    const won = buyers.filter((_, i) => results[i].status === "fulfilled");
    const lost = buyers.filter((_, i) => results[i].status === "rejected");
    expect(won).toHaveLength(3);
    expect(lost).toHaveLength(17);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(UserError);
        expect((r.reason as UserError).status).toBe(409);
        expect(en((r.reason as UserError).key, (r.reason as UserError).vars)).toBe(
          "Sorry, Last three reels has just sold out. Nothing was charged; remove it from the cart to order the rest.",
        );
      }
    }
    expect(await stockOf(variantId)).toBe(0);
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from order_lines where reward_id = ${reward.id}`));
    expect(n).toBe(3);
    for (const b of won) expect(await balanceOf(b)).toBe(300);
    for (const b of lost) {
      expect(await balanceOf(b)).toBe(800);
      expect(await ledgerSum(b)).toBe(800);
    }
  });

  it("refuses an order the balance does not cover, with the points still there and the stock not reserved", async () => {
    const sam = await actorFor("sam@northfield.example");
    const { variantId } = await makeReward({ name: "Carp rod", pointsPrice: 900, stock: 2 });
    await givePoints(sam, 400);
    const before = await balanceOf(sam);
    const error = await buy(sam, variantId, 900).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.status).toBe(409);
    expect(en(error.key, error.vars)).toBe("You do not have enough points for this (900 points needed).");
    expect(await balanceOf(sam)).toBe(before);
    expect(await stockOf(variantId)).toBe(2);
  });

  it("debits points, reserves stock and writes one ledger entry that explains the order", async () => {
    const jack = await actorFor("jack@northfield.example");
    const { variantId } = await makeReward({ name: "Bait cooler", pointsPrice: 250, stock: 5 });
    await givePoints(jack, 1000);
    const [order] = await buy(jack, variantId, 250, 2);
    expect(order).toMatchObject({ status: "placed", totalPoints: 500, kind: "physical", city: "Leeds" });
    expect(await balanceOf(jack)).toBe(500);
    expect(await stockOf(variantId)).toBe(3);
    const db = await getDb();
    const [entry] = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.sourceType, "order"), eq(ledgerEntries.sourceId, order.id)));
    expect(entry).toMatchObject({ kind: "redeem", amount: -500, descriptionKey: "shop.ledger.order" });
    expect(en(entry.descriptionKey, entry.descriptionVars)).toBe(`Reward shop order #${order.number}`);
    expect(entry.calculation?.map((c) => en(c.key, c.vars))).toEqual(["2 × Bait cooler at 250 points"]);
  });

  it("the same checkout sent twice (a retry on a bad connection) places one order", async () => {
    const olivia = await actorFor("olivia@northfield.example");
    const { variantId } = await makeReward({ name: "Garden kneeler", pointsPrice: 120, stock: 5, category: "gardening" });
    await givePoints(olivia, 500);
    await putInCart(olivia, variantId);
    const key = randomUUID();
    const db = await getDb();
    const [a, b] = await Promise.all([
      placeOrder(db, olivia, { checkoutKey: key, expectedTotal: 120, address: ADDRESS }),
      placeOrder(db, olivia, { checkoutKey: key, expectedTotal: 120, address: ADDRESS }),
    ]);
    expect(a[0].id).toBe(b[0].id);
    const again = await placeOrder(db, olivia, { checkoutKey: key, expectedTotal: 120, address: ADDRESS });
    expect(again[0].id).toBe(a[0].id);
    expect(await balanceOf(olivia)).toBe(380);
    expect(await stockOf(variantId)).toBe(4);
  });

  it("refuses to charge a total the participant did not see", async () => {
    const priya = await actorFor("priya@proinstall.example");
    const { reward, variantId } = await makeReward({ name: "Spice rack", pointsPrice: 300, stock: 5, category: "cooking" });
    await givePoints(priya, 1000);
    await putInCart(priya, variantId);
    const db = await getDb();
    await db.execute(sql`update rewards set points_price = 450 where id = ${reward.id}`);
    const error = await placeOrder(db, priya, { checkoutKey: randomUUID(), expectedTotal: 300, address: ADDRESS }).catch((e) => e);
    expect(error).toMatchObject({ key: "shop.prices_changed", status: 409 });
    expect(await balanceOf(priya)).toBe(1000);
  });
});

describe("cancellation", () => {
  it("a participant cancels a placed order: points come back through a reversing entry, stock returns, an email says so", async () => {
    const marta = await actorFor("marta@baltictools.example");
    const { variantId } = await makeReward({ name: "Float tube", pointsPrice: 700, stock: 1 });
    await givePoints(marta, 1000);
    const [order] = await buy(marta, variantId, 700);
    expect(await balanceOf(marta)).toBe(300);
    expect(await stockOf(variantId)).toBe(0);

    const db = await getDb();
    await cancelOrder(db, marta, order.id, null);
    expect(await balanceOf(marta)).toBe(1000);
    expect(await ledgerSum(marta)).toBe(1000);
    expect(await stockOf(variantId)).toBe(1);
    const entries = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.sourceType, "order"), eq(ledgerEntries.sourceId, order.id)));
    const reverse = entries.find((e) => e.kind === "reverse")!;
    expect(reverse.amount).toBe(700);
    expect(reverse.reversesEntryId).toBe(entries.find((e) => e.kind === "redeem")!.id);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "shop.order_cancelled"), eq(auditLog.entityId, order.id)));
    expect(audit.actorId).toBe(marta.id);

    // Cancelling twice changes nothing and says why.
    const twice = await cancelOrder(db, marta, order.id, null).catch((e) => e);
    expect(twice).toMatchObject({ key: "shop.wrong_status", status: 409 });
    expect(await balanceOf(marta)).toBe(1000);

    await sendMail();
    const mail = await smtp.waitFor((m) => m.to.includes("marta@baltictools.example") && m.subject.includes("cancelled"));
    expect(mail.subject).toBe(`Order #${order.number} cancelled: 700 points returned`);
  });

  it("once approved, only fulfilment staff can cancel, with a reason the participant reads", async () => {
    const tomas = await actorFor("tomas@baltictools.example");
    const admin = await actorFor("admin@volta.example");
    const { variantId } = await makeReward({ name: "Head torch", pointsPrice: 400, stock: 3 });
    await givePoints(tomas, 400);
    const [order] = await buy(tomas, variantId, 400);
    const db = await getDb();
    await db.update(orders).set({ status: "approved", approvedAt: new Date() }).where(eq(orders.id, order.id));

    expect(await cancelOrder(db, tomas, order.id, null).catch((e) => e)).toMatchObject({ key: "shop.wrong_status" });
    expect(await cancelOrder(db, admin, order.id, null).catch((e) => e)).toMatchObject({ key: "shop.reason_required", field: "reason" });
    await cancelOrder(db, admin, order.id, "Out of production");
    expect(await balanceOf(tomas)).toBe(400);
    expect(await stockOf(variantId)).toBe(3);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "shop.order_cancelled"), eq(auditLog.entityId, order.id)));
    expect(audit).toMatchObject({ actorId: admin.id, reason: "Out of production" });
  });

  it("shipped orders cannot be cancelled", async () => {
    const ben = await actorFor("ben@proinstall.example");
    const admin = await actorFor("admin@volta.example");
    const { variantId } = await makeReward({ name: "Rain poncho", pointsPrice: 200, stock: 3 });
    await givePoints(ben, 200);
    const [order] = await buy(ben, variantId, 200);
    const db = await getDb();
    await db
      .update(orders)
      .set({ status: "shipped", approvedAt: new Date(), shippedAt: new Date(), carrier: "DPD", trackingNumber: "X1" })
      .where(eq(orders.id, order.id));
    expect(await cancelOrder(db, admin, order.id, "late").catch((e) => e)).toMatchObject({ key: "shop.wrong_status", status: 409 });
    expect(await balanceOf(ben)).toBe(0);
  });
});

describe("digital rewards", () => {
  it("12 buyers race for 4 codes: 4 get distinct codes, 8 are told it sold out", async () => {
    const codes = ["GAME-AAAA-0001", "GAME-AAAA-0002", "GAME-AAAA-0003", "GAME-AAAA-0004"];
    const { variantId } = await makeReward({ name: "Game card", pointsPrice: 100, kind: "digital", category: "gaming", codes });
    expect(await stockOf(variantId)).toBe(4);
    const buyers = await makeParticipants(12);
    for (const b of buyers) {
      await givePoints(b, 100);
      await putInCart(b, variantId);
    }
    const db = await getDb();
    const results = await Promise.allSettled(
      buyers.map((b) => placeOrder(db, b, { checkoutKey: randomUUID(), expectedTotal: 100, address: null })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    expect(
      results
        .filter((r) => r.status === "rejected")
        .every((r) => ((r as PromiseRejectedResult).reason as UserError).key === "shop.sold_out"),
    ).toBe(true);
    const claimed = await db.select().from(rewardCodes).where(eq(rewardCodes.variantId, variantId));
    expect(new Set(claimed.map((c) => c.orderLineId)).size).toBe(4);
    expect(claimed.every((c) => c.orderLineId)).toBe(true);
  });

  it("a code is delivered at once, shown in the portal exactly once, and emailed", async () => {
    const dmitry = await actorFor("dmitry@uralinstrument.example");
    const { variantId } = await makeReward({
      name: "Photo book voucher",
      nameRu: "Сертификат на фотокнигу",
      pointsPrice: 150,
      kind: "digital",
      category: "photography",
      codes: ["PHOTO-XY12-7788"],
    });
    await givePoints(dmitry, 150);
    await putInCart(dmitry, variantId);
    const [order] = await placeOrder(await getDb(), dmitry, { checkoutKey: randomUUID(), expectedTotal: 150, address: null });
    expect(order).toMatchObject({ kind: "digital", status: "delivered" });

    // Through the portal, as the participant would.
    const v = new Visitor(portal.url);
    await v.signIn("dmitry@uralinstrument.example", DEMO_PASSWORD);
    const page = await (await v.get(`/shop/orders/${order.id}`)).text();
    expect(page).not.toContain("PHOTO-XY12-7788");
    const first = await v.post(`/shop/orders/${order.id}`, { intent: "reveal" });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("PHOTO-XY12-7788");
    const second = await (await v.post(`/shop/orders/${order.id}`, { intent: "reveal" })).text();
    expect(second).not.toContain("PHOTO-XY12-7788");
    expect(second).toContain("7788");

    // Another participant cannot reveal it: the order does not exist for them.
    const other = new Visitor(portal.url);
    await other.signIn("irina@uralinstrument.example", DEMO_PASSWORD);
    expect((await other.post(`/shop/orders/${order.id}`, { intent: "reveal" })).status).toBe(404);

    await sendMail();
    const mail = await smtp.waitFor((m) => m.to.includes("dmitry@uralinstrument.example") && m.text.includes("PHOTO-XY12-7788"));
    // Dmitry reads the portal in Russian, so his email is in Russian too.
    expect(mail.subject).toBe(`Код подарка по заказу #${order.number}`);
    expect(mail.text).toContain("Сертификат на фотокнигу");
  });
});

describe("wish list", () => {
  it("tells a participant once, in one email, when wished rewards come within reach", async () => {
    const db = await getDb();
    const rasa = await actorFor("rasa@homefix.example");
    // Wished rewards are news (weekly digest, daytime) by default; this reader chose them at once.
    await readAtOnce(db, ["wish_list"], { emails: ["rasa@homefix.example"], daytime: true });
    const cheap = await makeReward({ name: "Kite", pointsPrice: 900, category: "kids" });
    const dear = await makeReward({ name: "Scooter", pointsPrice: 1500, category: "kids" });
    const gone = await makeReward({ name: "Sold-out puzzle", pointsPrice: 100, category: "kids", stock: 0 });
    await givePoints(rasa, 500);
    for (const r of [cheap, dear, gone]) await addToWishlist(db, rasa, r.reward.id);

    expect((await notifyReachableWishes(db)).told).toBe(0);
    await givePoints(rasa, 1200); // 1,700: both the kite and the scooter, not the sold-out puzzle
    const [a, b] = await Promise.all([notifyReachableWishes(db), notifyReachableWishes(db)]);
    expect(a.told + b.told).toBe(2);
    expect((await notifyReachableWishes(db)).told).toBe(0);

    const notices = await listNotifications(db, rasa.id);
    expect(
      notices
        .filter((n) => n.topic === "wish_list")
        .map((n) => n.vars.name)
        .sort(),
    ).toEqual(["Kite", "Scooter"]);
    await sendMail();
    const mail = await smtp.waitFor((m) => m.to.includes("rasa@homefix.example") && m.subject.includes("wish list"));
    expect(mail.subject).toBe("2 rewards on your wish list are within reach");
    expect(mail.text).toContain("Kite: 900 points");
    expect(mail.text).toContain("Scooter: 1,500 points");
    expect(mail.text).not.toContain("Sold-out puzzle");
    expect(smtp.inbox.filter((m) => m.to.includes("rasa@homefix.example") && m.subject.includes("wish list"))).toHaveLength(1);
  });
});
