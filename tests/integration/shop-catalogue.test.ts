import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "../../db/client";
import { rewards } from "../../db/schema";
import { getCatalogue, getReward, getWishlist, setHobbies } from "../../app/domain/shop/rewards.server";
import { addToCart } from "../../app/domain/shop/cart.server";
import { UserError } from "../../app/lib/errors";
import { actorFor } from "../support/portal";
import { balanceOf, buy, givePoints, makeReward, rewardBySeedKey } from "../support/shop";
import { usePortal } from "../support/fixtures";

const portal = usePortal();

async function visibleNames(email: string) {
  const catalogue = await getCatalogue(await getDb(), await actorFor(email));
  return catalogue.items.map((i) => i.name);
}

const { signedIn } = portal;

describe("catalogue rules", () => {
  it("shows a tier-limited reward only to partners of those tiers, and reads as 'not found' to others", async () => {
    const hotel = await rewardBySeedKey("hotel-weekend");
    expect(hotel.reward.tiers).toEqual(["gold", "platinum"]);
    expect(await visibleNames("ona@baltictools.example")).toContain(hotel.reward.name); // platinum
    expect(await visibleNames("sam@northfield.example")).toContain(hotel.reward.name); // gold
    expect(await visibleNames("priya@proinstall.example")).not.toContain(hotel.reward.name); // silver
    const paulius = await actorFor("paulius@homefix.example"); // registered
    expect(await getReward(await getDb(), paulius, hotel.reward.id)).toBeNull();
    expect(await addToCart(await getDb(), paulius, { variantId: hotel.variantId, quantity: 1 }).catch((e) => e)).toMatchObject({
      status: 404,
    });

    const v = await signedIn("paulius@homefix.example");
    const page = await v.get(`/shop/rewards/${hotel.reward.id}`);
    expect(page.status).toBe(404);
    const post = await v.post(`/shop/rewards/${hotel.reward.id}`, { intent: "add", variantId: hotel.variantId, quantity: "1" });
    expect(post.status).toBe(404);
  });

  it("shows a role-limited reward only to those roles", async () => {
    const golf = await rewardBySeedKey("golf-day");
    expect(await visibleNames("emma@northfield.example")).toContain(golf.reward.name); // executive
    expect(await visibleNames("harry@northfield.example")).toContain(golf.reward.name); // manager
    expect(await visibleNames("sam@northfield.example")).not.toContain(golf.reward.name); // salesperson
    expect(await visibleNames("olivia@northfield.example")).not.toContain(golf.reward.name); // technician
  });

  it("offers a reward only inside its active window and while it is on sale", async () => {
    const db = await getDb();
    const day = 86_400_000;
    const winter = await rewardBySeedKey("winter-fishing-set");
    expect(winter.reward.activeFrom!.getTime()).toBeGreaterThan(Date.now());
    expect(await visibleNames("lukas@baltictools.example")).not.toContain(winter.reward.name);

    await db
      .update(rewards)
      .set({ activeFrom: new Date(Date.now() - day) })
      .where(eq(rewards.id, winter.reward.id));
    expect(await visibleNames("lukas@baltictools.example")).toContain(winter.reward.name);

    await db
      .update(rewards)
      .set({ activeFrom: new Date(Date.now() - 3 * day), activeUntil: new Date(Date.now() - day) })
      .where(eq(rewards.id, winter.reward.id));
    expect(await visibleNames("lukas@baltictools.example")).not.toContain(winter.reward.name);

    const { reward } = await makeReward({ name: "Retired lure set", pointsPrice: 100, active: false });
    expect(await visibleNames("lukas@baltictools.example")).not.toContain(reward.name);
  });

  it("hides every reward of a category an admin took off sale", async () => {
    const db = await getDb();
    const { reward } = await makeReward({ name: "Retro console", pointsPrice: 900, category: "gaming" });
    expect(await visibleNames("jack@northfield.example")).toContain(reward.name);
    await db.execute(sql`update shop_categories set active = false where slug = 'gaming'`);
    try {
      expect(await visibleNames("jack@northfield.example")).not.toContain(reward.name);
    } finally {
      await db.execute(sql`update shop_categories set active = true where slug = 'gaming'`);
    }
  });

  it("leads with the participant's hobbies", async () => {
    const db = await getDb();
    const marta = await actorFor("marta@baltictools.example");
    expect((await getCatalogue(db, marta)).answered).toBe(false);
    const [photo, cars] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from shop_categories where slug in ('photography', 'cars') order by slug desc`),
    );
    await setHobbies(db, marta, [photo.id, cars.id]);
    const catalogue = await getCatalogue(db, marta);
    expect(catalogue.answered).toBe(true);
    expect(
      catalogue.categories
        .slice(0, 2)
        .map((c) => c.slug)
        .sort(),
    ).toEqual(["cars", "photography"]);
    expect(catalogue.categories.slice(2).every((c) => !c.hobby)).toBe(true);

    const v = await signedIn("marta@baltictools.example");
    const html = await (await v.get("/shop")).text();
    const forYou = html.indexOf("For your hobbies");
    expect(forYou).toBeGreaterThan(0);
    // The first reward after the heading is from one of her hobbies.
    const firstReward = html.slice(forYou).match(/<h3[^>]*>([^<]+)<\/h3>/)![1];
    const [row] = rowsOf<{ slug: string }>(
      await db.execute(
        sql`select c.slug from rewards r join shop_categories c on c.id = r.category_id where r.name = ${firstReward.replace(/&amp;/g, "&")}`,
      ),
    );
    expect(["cars", "photography"]).toContain(row.slug);
  });

  it("sends a first-time visitor to the hobby question, and remembers 'skip'", async () => {
    const v = await signedIn("sam@northfield.example");
    const first = await v.get("/shop");
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/shop/hobbies?first=1");
    const skipped = await v.post("/shop/hobbies", { intent: "skip" });
    expect(skipped.headers.get("location")).toBe("/shop");
    expect((await v.get("/shop")).status).toBe(200);
    // Later, the profile leads back to the question.
    expect(await (await v.get("/me")).text()).toContain('href="/shop/hobbies"');
  });

  it("refuses a hobby that does not exist with a field message, not a 500", async () => {
    const v = await signedIn("olivia@northfield.example");
    const res = await v.post("/shop/hobbies", { intent: "save", categoryIds: ["00000000-0000-0000-0000-000000000000"] });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Choose one of the options.");
  });

  it("the wish list says how many points are still to go", async () => {
    const db = await getDb();
    const tomas = await actorFor("tomas@baltictools.example");
    const v = await signedIn("tomas@baltictools.example"); // the first sign-in credits the welcome bonus
    await givePoints(tomas, 1800);
    const { reward } = await makeReward({ name: "Fly fishing kit", pointsPrice: (await balanceOf(tomas)) + 700 });
    expect((await v.post("/shop?index", { intent: "wish", rewardId: reward.id })).status).toBe(200);
    const wish = await getWishlist(db, tomas);
    expect(wish.items.map((i) => i.name)).toContain("Fly fishing kit");
    const html = await (await v.get("/shop/wishlist")).text();
    expect(html).toContain("700 points to go");
    await givePoints(tomas, 700);
    expect(await (await v.get("/shop/wishlist")).text()).toContain("You have enough points for this");
  });

  it("keeps partner-side browsing away from manufacturer staff and the shop admin away from partners", async () => {
    const admin = await signedIn("admin@volta.example");
    expect((await admin.get("/shop")).status).toBe(403);
    expect((await admin.get("/shop/manage")).status).toBe(200);
    const sam = await signedIn("sam@northfield.example");
    expect((await sam.get("/shop/manage")).status).toBe(403);
    expect((await sam.get("/shop/fulfilment")).status).toBe(403);
    expect((await sam.get("/shop/fulfilment/export.csv")).status).toBe(403);
    const finance = await signedIn("finance@volta.example");
    expect((await finance.get("/shop/fulfilment")).status).toBe(200);
    expect((await finance.get("/shop/manage")).status).toBe(403);
  });
});

describe("cart", () => {
  it("refuses more than is in stock or more than ten, with a message at the quantity field", async () => {
    const { reward, variantId } = await makeReward({ name: "Landing net", pointsPrice: 300, stock: 2 });
    const v = await signedIn("jack@northfield.example");
    const tooMany = await v.post(`/shop/rewards/${reward.id}`, { intent: "add", variantId, quantity: "3" });
    expect(tooMany.status).toBe(409);
    expect(await tooMany.text()).toContain("Only 2 left in stock.");
    const silly = await v.post(`/shop/rewards/${reward.id}`, { intent: "add", variantId, quantity: "lots" });
    expect(silly.status).toBe(400);
    expect(await silly.text()).toContain("Enter a whole number.");
    const ok = await v.post(`/shop/rewards/${reward.id}`, { intent: "add", variantId, quantity: "2" });
    expect(ok.status).toBe(200);
    expect(await (await v.get("/shop/cart")).text()).toContain("Landing net");
  });

  it("cannot add a sold-out option", async () => {
    const { variantId } = await makeReward({ name: "Empty shelf", pointsPrice: 100, stock: 0 });
    const error = await addToCart(await getDb(), await actorFor("jack@northfield.example"), { variantId, quantity: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ key: "shop.sold_out_now", status: 409 });
  });

  it("checks out through the portal: a missing address is a field message and nothing is charged", async () => {
    const sam = await actorFor("sam@northfield.example");
    const { reward, variantId } = await makeReward({ name: "Wader boots", pointsPrice: 600, stock: 4 });
    await givePoints(sam, 1000);
    const v = await signedIn("sam@northfield.example");
    await v.post(`/shop/rewards/${reward.id}`, { intent: "add", variantId, quantity: "1" });
    const cart = await (await v.get("/shop/cart")).text();
    const key = cart.match(/name="checkoutKey" value="([^"]+)"/)![1];
    const total = cart.match(/name="expectedTotal" value="([^"]+)"/)![1];
    const missing = await v.post("/shop/cart", {
      intent: "checkout",
      checkoutKey: key,
      expectedTotal: total,
      recipientName: "Sam Patel",
      addressLine: "",
      city: "Leeds",
      country: "United Kingdom",
    });
    expect(missing.status).toBe(400);
    const body = await missing.text();
    expect(body).toContain("Please fill this in.");
    expect(body).toContain('value="Sam Patel"'); // what was typed is still there
    const before = await balanceOf(sam);
    const placed = await v.post("/shop/cart", {
      intent: "checkout",
      checkoutKey: key,
      expectedTotal: total,
      recipientName: "Sam Patel",
      phone: "",
      addressLine: "12 Kirkstall Road",
      postalCode: "LS3 1HR",
      city: "Leeds",
      country: "United Kingdom",
    });
    expect(placed.status).toBe(302);
    const location = placed.headers.get("location")!;
    expect(location).toMatch(/^\/shop\/orders\/[0-9a-f-]{36}\?placed=1$/);
    const order = await (await v.get(location)).text();
    expect(order).toContain("Order placed: 600 points were taken from your balance.");
    expect(order).toContain("Wader boots");
    expect(await balanceOf(sam)).toBe(before - 600);
    // Sending the same form again (the first response was lost) lands on the same order.
    const again = await v.post("/shop/cart", {
      intent: "checkout",
      checkoutKey: key,
      expectedTotal: total,
      recipientName: "Sam Patel",
      phone: "",
      addressLine: "12 Kirkstall Road",
      postalCode: "LS3 1HR",
      city: "Leeds",
      country: "United Kingdom",
    });
    expect(again.headers.get("location")).toBe(location);
  });

  it("another partner's order reads as not found", async () => {
    const sam = await actorFor("sam@northfield.example");
    const { variantId } = await makeReward({ name: "Private parcel", pointsPrice: 50, stock: 4 });
    await givePoints(sam, 50);
    const [order] = await buy(sam, variantId, 50);
    const other = await signedIn("marta@baltictools.example");
    expect((await other.get(`/shop/orders/${order.id}`)).status).toBe(404);
    expect((await other.post(`/shop/orders/${order.id}`, { intent: "cancel" })).status).toBe(404);
    const colleague = await signedIn("jack@northfield.example");
    expect((await colleague.get(`/shop/orders/${order.id}`)).status).toBe(404);
    expect((await (await signedIn("sam@northfield.example")).get(`/shop/orders/${order.id}`)).status).toBe(200);
  });
});
