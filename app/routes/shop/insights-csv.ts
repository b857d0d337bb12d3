import { getDb } from "@db/client";
import { toCsv } from "~/domain/shop/csv";
import { hobbyInsights } from "~/domain/shop/insights.server";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/insights-csv";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "shop.insights");
  const { categories } = await hobbyInsights(await getDb());
  const csv = toCsv([
    ["category", "name_en", "name_ru", "participants_chose", "active_rewards", "orders", "units", "points_redeemed", "points_last_90_days"],
    ...categories.map((c) => [c.slug, c.nameEn, c.nameRu, c.participants, c.rewards, c.orders, c.units, c.points, c.points90]),
  ]);
  return new Response(`\uFEFF${csv}`, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="shop-hobbies.csv"', "Cache-Control": "no-store" },
  });
}
