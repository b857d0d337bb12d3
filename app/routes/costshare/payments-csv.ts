import { getDb } from "@db/client";
import { paymentExportRows } from "~/domain/costshare/payments.server";
import { requireActor } from "~/lib/access.server";
import { csvResponse } from "~/lib/csv";
import { minorToMajor } from "~/lib/money";
import type { Route } from "./+types/payments-csv";

/** For finance: one row per payment line, with partner, claim, request, amounts and reference. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "costshare.pay");
  const { currency, rows } = await paymentExportRows(await getDb());
  return csvResponse("cost-share-payments.csv", [
    ["payment", "paid_on", "method", "reference", "partner", "claim", "request", "activity", "claim_approved", "amount_paid", "currency"],
    ...rows.map((r) => [
      r.paymentNumber,
      r.paidOn,
      r.method,
      r.reference,
      r.partner,
      r.claimNumber,
      r.requestNumber,
      r.title,
      minorToMajor(r.approvedMinor ?? 0, currency),
      minorToMajor(r.amountMinor, currency),
      currency,
    ]),
  ]);
}
