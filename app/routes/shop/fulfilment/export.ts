import { getDb } from "@db/client";
import { exportOrdersToShip } from "~/domain/shop/fulfilment.server";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/export";

/** Approved orders to ship as CSV for the warehouse (UTF-8 with BOM, so spreadsheets read Cyrillic). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.orders.view");
  const csv = await exportOrdersToShip(await getDb(), actor);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="orders-to-ship-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
