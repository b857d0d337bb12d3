import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { addVariant, setVariantActive } from "../../app/domain/shop/manage.server";
import { addToWishlist, setHobbies } from "../../app/domain/shop/rewards.server";
import { compareSizes } from "../../app/domain/shop/sizes";
import { notifyReachableWishes } from "../../app/domain/shop/wishes.server";
import { listNotifications } from "../../app/domain/notifications/notify.server";
import { textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { buy, givePoints, makeReward } from "../support/shop";

const portal = usePortal();

/** A shopper of their own who has answered the hobby question, signed in over HTTP. */
async function shopper(tag: string) {
  const person = await freshPerson({ tag });
  await setHobbies(await getDb(), person, []);
  return { person, visitor: await portal.signedIn(person.email) };
}

/** The rewards on a catalogue page, in the order shown: name and price in points. */
function cards(html: string): Array<{ name: string; points: number }> {
  return [
    ...html.matchAll(/data-testid="reward-card"[\s\S]*?<h3[^>]*>([\s\S]*?)<\/h3>(?:<\/a>)?\s*<p[^>]*><span[^>]*>([\d,]+) point/g),
  ].map((m) => ({
    name: textOf(m[1]).trim(),
    points: Number(m[2].replace(/,/g, "")),
  }));
}
const cardNames = (html: string) => cards(html).map((c) => c.name);

describe("the shop on a phone: finding, choosing, wishing", () => {
  it("lists sizes as on a label: clothing XS to XXL, shoes by number", async () => {
    const db = await getDb();
    const admin = await actorFor("admin@volta.example");
    const parka = await makeReward({ name: "Size-order parka", pointsPrice: 700 });
    const shoes = await makeReward({ name: "Size-order boots", pointsPrice: 900 });
    // The admin adds them in any order; the plain variant made with the reward is switched off.
    for (const size of ["XL", "S", "XXL", "M", "XS", "L"])
      await addVariant(db, admin, parka.reward.id, { size, colour: "", sku: "", stock: 3 });
    for (const size of ["42", "38", "40.5", "39", "44"])
      await addVariant(db, admin, shoes.reward.id, { size, colour: "", sku: "", stock: 3 });
    await setVariantActive(db, admin, parka.variantId, false);
    await setVariantActive(db, admin, shoes.variantId, false);

    const { visitor } = await shopper("sizes");
    const options = async (id: string) => {
      const html = await (await visitor.get(`/shop/rewards/${id}`)).text();
      return [...html.matchAll(/name="variantId" value="[^"]+"[^>]*\/>([^<]*)</g)].map((m) => m[1].trim());
    };
    expect(await options(parka.reward.id)).toEqual(["XS", "S", "M", "L", "XL", "XXL"]);
    expect(await options(shoes.reward.id)).toEqual(["38", "39", "40.5", "42", "44"]);
    // The rule itself, for what admins also type: 2XL, ranges, kids' heights, unknown words last.
    expect(["3XL", "M (52–56)", "S (48–52)", "2XL", "one size", "XS"].sort(compareSizes)).toEqual([
      "XS",
      "S (48–52)",
      "M (52–56)",
      "2XL",
      "3XL",
      "one size",
    ]);
    expect(["140", "128", "98", "EU 36"].sort(compareSizes)).toEqual(["98", "128", "140", "EU 36"]);
  });

  it("takes a bought reward off the wish list and never announces a wish that was affordable when made", async () => {
    const db = await getDb();
    const { person, visitor } = await shopper("wish");
    const lamp = await makeReward({ name: "Wish-test head lamp", pointsPrice: 400 });
    const tent = await makeReward({ name: "Wish-test tent", pointsPrice: 90_000 });
    await givePoints(person, 1_000);
    // Wished through the shop's heart button, the way a phone does it.
    for (const r of [lamp, tent]) expect((await visitor.post("/shop?index", { intent: "wish", rewardId: r.reward.id })).status).toBe(200);
    // She could already afford the lamp: no "within reach" notice about it now or later.
    await notifyReachableWishes(db);
    expect((await listNotifications(db, person.id)).filter((n) => n.topic === "wish_list")).toEqual([]);

    await buy(person, lamp.variantId, 400);
    const list = textOf(await (await visitor.get("/shop/wishlist")).text());
    expect(list).not.toContain("Wish-test head lamp");
    expect(list).toContain("Wish-test tent");
    // Wishing again for something bought is allowed: the list is theirs.
    await addToWishlist(db, person, lamp.reward.id);
    expect(textOf(await (await visitor.get("/shop/wishlist")).text())).toContain("Wish-test head lamp");
  });

  it("searches names and descriptions and sorts by points, name or newest; odd input is a search, never an error", async () => {
    const { visitor } = await shopper("search");
    const search = async (query: string) => {
      const res = await visitor.get(`/shop?${query}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    expect(cardNames(await search("q=jacket"))).toEqual(["Waterproof fishing jacket"]);
    // A word from the description only ("packs down to 70 cm"), in any case.
    expect(cardNames(await search("q=PACKS+DOWN"))).toEqual(["Telescopic carbon rod, 3.6 m"]);
    // Russian names are searched too.
    expect(cardNames(await search(`q=${encodeURIComponent("куртка")}`))).toContain("Waterproof fishing jacket");
    // LIKE wildcards mean themselves; a long or control-laden query is cut and cleaned (a NUL is refused earlier, for every address).
    expect(textOf(await search("q=%25"))).toContain("No reward matches that search");
    expect(textOf(await search("q=_"))).toContain("No reward matches that search");
    expect(textOf(await search(`q=${"jacket".repeat(2_000)}`))).toContain("No reward matches that search");
    expect(cardNames(await search("q=%01jacket%1F"))).toEqual(["Waterproof fishing jacket"]);

    // The whole list at once (a sorted list comes 24 at a time; "show" asks for more).
    const dearestFirst = cards(await search("sort=points_desc&show=2000")).map((c) => c.points);
    expect(dearestFirst.length).toBeGreaterThan(10);
    expect(dearestFirst).toEqual([...dearestFirst].sort((a, b) => b - a));
    const cheapestFirst = cards(await search("sort=points&show=2000")).map((c) => c.points);
    expect(cheapestFirst).toEqual([...dearestFirst].reverse());
    const byName = cardNames(await search("sort=name"));
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, "en")));
    const newest = await makeReward({ name: "Zz newest reward", pointsPrice: 50_000 });
    expect(cardNames(await search("sort=newest"))[0]).toBe(newest.reward.name);
    // An unknown sort is the default order, not a 400.
    expect(cardNames(await search("sort=%27;drop"))).toEqual(cardNames(await search("sort=points")));
  });
});
