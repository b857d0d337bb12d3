import { getDb } from "@db/client";
import { hobbyInsights } from "~/domain/shop/insights.server";
import { requireActor } from "~/lib/access.server";
import { csvResponse } from "~/lib/csv";
import type { Route } from "./+types/insights-csv";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "shop.insights");
  const { categories } = await hobbyInsights(await getDb());
  return csvResponse("shop-hobbies.csv", [
    ["category", "name_en", "participants_chose", "active_rewards", "orders", "units", "points_redeemed", "points_last_90_days"],
    ...categories.map((c) => [c.slug, c.nameEn, c.participants, c.rewards, c.orders, c.units, c.points, c.points90]),
  ]);
}
