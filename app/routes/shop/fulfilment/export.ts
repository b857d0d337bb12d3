import { getDb } from "@db/client";
import { exportOrdersToShip } from "~/domain/shop/fulfilment.server";
import { requireActor } from "~/lib/access.server";
import { csvResponse } from "~/lib/csv";
import { isoDay } from "~/lib/dates";
import type { Route } from "./+types/export";

/** Approved orders to ship as CSV for the warehouse. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.orders.view");
  return csvResponse(`orders-to-ship-${isoDay(new Date())}.csv`, await exportOrdersToShip(await getDb(), actor));
}
