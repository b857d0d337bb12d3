import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cartItems, rewardVariants, rewards } from "../../db/schema";
import { PARTICIPANTS, ROLES, type Role } from "../../db/schema/enums";
import { creditPoints } from "../../app/domain/points/ledger.server";
import { placeOrder, suggestedAddress } from "../../app/domain/shop/orders.server";
import { actorFor } from "../support/portal";

/**
 * Who may open the reward shop's pages, for the access matrix (tests/integration/
 * access-matrix.test.ts picks up every tests/access/*.ts). The row shape is the matrix's
 * AccessRule; the few helpers are written out here so this file stands on its own.
 */
type Who = Role | "anonymous";
type Outcome = "ok" | "forbidden" | "not_found" | "login" | "invalid" | { redirect: string | RegExp } | { status: number };
type Fixtures = { db: Db; userOf: Record<Role, string> };
type Rule = {
  pattern: string;
  path?: (fx: Fixtures) => string | Promise<string>;
  get: Record<Who, Outcome>;
  post?: { form?: Record<string, string>; expect: Record<Who, Outcome> };
  shows?: string;
};

const EVERYONE: Who[] = [...ROLES, "anonymous"];
const PARTNER: Role[] = [...PARTICIPANTS];
// The order is the salesperson's: every other partner person gets "not found".
const notTheBuyer = Object.fromEntries(PARTICIPANTS.filter((r) => r !== "salesperson").map((r) => [r, "not_found" as const]));
function allowOnly(allowed: readonly Role[], ok: Outcome = "ok", denied: Outcome = "forbidden"): Record<Who, Outcome> {
  return Object.fromEntries(EVERYONE.map((w) => [w, w === "anonymous" ? "login" : allowed.includes(w) ? ok : denied])) as Record<
    Who,
    Outcome
  >;
}
function override(row: Record<Who, Outcome>, cells: Partial<Record<Who, Outcome>>): Record<Who, Outcome> {
  return { ...row, ...cells };
}

async function seededReward(db: Db, key: string) {
  const [row] = await db
    .select({ id: rewards.id, variantId: rewardVariants.id })
    .from(rewards)
    .innerJoin(rewardVariants, eq(rewardVariants.rewardId, rewards.id))
    .where(eq(rewards.seedKey, key))
    .limit(1);
  return row;
}

/** An order placed by the salesperson, once per run: theirs to open, nobody else's among partners. */
let salespersonOrder: Promise<string> | undefined;
function order(fx: Fixtures) {
  salespersonOrder ??= (async () => {
    const buyer = await actorFor(fx.userOf.salesperson);
    const seeds = await seededReward(fx.db, "herb-seeds");
    await fx.db.transaction((tx) =>
      creditPoints(tx, {
        userId: buyer.id,
        organisationId: buyer.organisationId,
        kind: "earn",
        sourceType: "test",
        sourceId: "access-matrix-shop",
        amount: 600,
        descriptionKey: "ledger.desc.test",
      }),
    );
    await fx.db.insert(cartItems).values({ userId: buyer.id, variantId: seeds.variantId, quantity: 1 });
    const [placed] = await placeOrder(fx.db, buyer, {
      checkoutKey: randomUUID(),
      expectedTotal: 600,
      address: await suggestedAddress(fx.db, buyer),
    });
    return placed.id;
  })();
  return salespersonOrder;
}

const browse = allowOnly(PARTNER);

const rules: Rule[] = [
  {
    pattern: "/shop",
    // The demo salesperson has not chosen hobbies yet, so the shop asks first.
    get: override(browse, { salesperson: { redirect: "/shop/hobbies?first=1" } }),
    // A page POST re-renders the shop, so the salesperson without hobbies is sent to choose them.
    post: {
      form: { intent: "wish", rewardId: "" },
      expect: override(allowOnly(PARTNER, "not_found"), { salesperson: { redirect: "/shop/hobbies?first=1" } }),
    },
  },
  {
    pattern: "/shop/hobbies",
    get: browse,
    post: { form: { intent: "save", categoryIds: "not-a-category" }, expect: allowOnly(PARTNER, "invalid") },
    shows: "Fishing",
  },
  {
    pattern: "/shop/rewards/:rewardId",
    path: async (fx) => `/shop/rewards/${(await seededReward(fx.db, "tackle-box")).id}`,
    get: browse,
    post: { form: { intent: "add" }, expect: allowOnly(PARTNER, "invalid") },
    shows: "Tackle box with 120 lures",
  },
  { pattern: "/shop/wishlist", get: browse, post: { expect: allowOnly(PARTNER, "invalid") } },
  { pattern: "/shop/cart", get: browse, post: { form: { intent: "checkout" }, expect: allowOnly(PARTNER, "invalid") } },
  { pattern: "/shop/orders", get: browse },
  {
    pattern: "/shop/orders/:orderId",
    path: async (fx) => `/shop/orders/${await order(fx)}`,
    get: override(allowOnly(["salesperson"]), notTheBuyer),
    post: {
      form: { intent: "received" },
      expect: override(allowOnly(["salesperson"], { status: 409 }), notTheBuyer),
    },
  },
  {
    pattern: "/shop/manage",
    get: allowOnly(["admin"]),
    post: { form: { intent: "margin" }, expect: allowOnly(["admin"], "invalid") },
    shows: "Tackle box with 120 lures",
  },
  { pattern: "/shop/manage/new", get: allowOnly(["admin"]), post: { expect: allowOnly(["admin"], "invalid") } },
  {
    pattern: "/shop/manage/rewards/:rewardId",
    path: async (fx) => `/shop/manage/rewards/${(await seededReward(fx.db, "tackle-box")).id}`,
    get: allowOnly(["admin"]),
    post: { form: { intent: "update" }, expect: allowOnly(["admin"], "invalid") },
    shows: "Options and stock",
  },
  {
    pattern: "/shop/manage/categories",
    get: allowOnly(["admin"]),
    post: { expect: allowOnly(["admin"], "invalid") },
    shows: "Hobby categories",
  },
  {
    pattern: "/shop/fulfilment",
    get: allowOnly(["admin", "finance"]),
    post: { expect: allowOnly(["admin"], "invalid") },
    shows: "Fulfilment",
  },
  {
    pattern: "/shop/fulfilment/orders/:orderId",
    path: async (fx) => `/shop/fulfilment/orders/${await order(fx)}`,
    get: allowOnly(["admin", "finance"]),
    post: { form: { intent: "ship" }, expect: allowOnly(["admin"], "invalid") },
  },
  { pattern: "/shop/insights", get: allowOnly(["admin", "channel_manager", "finance"]), shows: "Hobby insights" },
  { pattern: "/shop/fulfilment/export.csv", get: allowOnly(["admin", "finance"]), shows: "order_number" },
  { pattern: "/shop/insights.csv", get: allowOnly(["admin", "channel_manager", "finance"]), shows: "points_redeemed" },
  {
    pattern: "/shop/images/:imageId",
    // No upload in the demo: any signed-in person gets past the gate, to "not found".
    path: () => `/shop/images/${randomUUID()}`,
    get: allowOnly([...ROLES], "not_found"),
  },
];

export default rules;
