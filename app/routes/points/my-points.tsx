import { Form, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { LEDGER_KINDS } from "@db/schema/enums";
import { myPoints } from "~/domain/points/my-points.server";
import { isRealDate } from "~/domain/claims/shared";
import { CalculationLines, lineText } from "~/components/claims/parts";
import { Button, Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { lastInstantOfDay, startOfDay } from "~/lib/dates";
import type { Route } from "./+types/my-points";

// Filters from the address bar; a malformed one is ignored, never an error page.
const day = z.string().refine(isRealDate).optional().catch(undefined);
const filterSchema = z.object({ kind: z.enum(LEDGER_KINDS).optional().catch(undefined), from: day, to: day });

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "points.mine");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const data = await myPoints(db, actor, {
    kind: filter.kind,
    from: filter.from ? startOfDay(filter.from) : undefined,
    // "To" includes the whole day.
    to: filter.to ? lastInstantOfDay(filter.to) : undefined,
  });
  return { ...data, filter };
}

export default function MyPoints() {
  const { balance, pending, provisional, expiring, earned, spent, history, filter, worth } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const filtered = !!(filter.kind || filter.from || filter.to);
  return (
    <>
      <PageHeader title={t("mypoints.title")} subtitle={t("mypoints.subtitle", { earned: f.points(earned), spent: f.points(spent) })} />
      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Card className="col-span-2 sm:col-span-1">
          <p className="text-sm text-slate-600">{t("mypoints.balance")}</p>
          <p className="text-3xl font-semibold text-brand-700" data-testid="balance">
            {f.points(balance)}
          </p>
          {worth.minorPerPoint > 0 ? (
            <p className="text-sm text-slate-600" data-testid="balance-worth">
              {t("currency.worth", { money: f.money(balance * worth.minorPerPoint, worth.currency) })} ·{" "}
              {t("currency.per_point", { money: f.money(worth.minorPerPoint, worth.currency) })}
            </p>
          ) : null}
        </Card>
        <Card>
          <p className="text-sm text-slate-600">{t("mypoints.pending")}</p>
          <p className="text-xl font-semibold" data-testid="pending">
            {f.points(pending.points)}
          </p>
          <p className="text-xs text-slate-500">
            <Link to="/claims" className="underline">
              {t("mypoints.pending_claims", { count: pending.claims })}
            </Link>
          </p>
          {provisional.points > 0 && provisional.until ? (
            <p className="mt-1 text-xs text-amber-800" data-testid="mystery-pending">
              {t("mystery.pending", { count: provisional.points, date: f.date(provisional.until) })}
            </p>
          ) : null}
        </Card>
        <Card>
          <p className="text-sm text-slate-600">{t("mypoints.expiring", { count: expiring.days })}</p>
          <p className={`text-xl font-semibold ${expiring.points ? "text-amber-700" : ""}`} data-testid="expiring">
            {f.points(expiring.points)}
          </p>
          {expiring.earliest ? (
            <p className="text-xs text-slate-500">{t("mypoints.expiring_first", { date: f.date(expiring.earliest) })}</p>
          ) : null}
        </Card>
      </div>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("mypoints.history")}</h2>
        <Form method="get" className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
          <div className="col-span-2 sm:col-span-1">
            <label htmlFor="h-kind" className="mb-1 block text-sm font-medium text-slate-700">
              {t("mypoints.filter_kind")}
            </label>
            <select
              id="h-kind"
              name="kind"
              defaultValue={filter.kind ?? ""}
              className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3"
            >
              <option value="">{t("mypoints.filter_all")}</option>
              {LEDGER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`ledger.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="h-from" className="mb-1 block text-sm font-medium text-slate-700">
              {t("mypoints.filter_from")}
            </label>
            <input
              id="h-from"
              name="from"
              type="date"
              defaultValue={filter.from ?? ""}
              className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2"
            />
          </div>
          <div>
            <label htmlFor="h-to" className="mb-1 block text-sm font-medium text-slate-700">
              {t("mypoints.filter_to")}
            </label>
            <input
              id="h-to"
              name="to"
              type="date"
              defaultValue={filter.to ?? ""}
              className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2"
            />
          </div>
          <div className="col-span-2 flex items-end gap-3 sm:col-span-1">
            <Button type="submit" variant="secondary">
              {t("mypoints.filter_apply")}
            </Button>
            {filtered ? (
              <Link to="/points" className="text-sm text-brand-600 underline">
                {t("mypoints.filter_clear")}
              </Link>
            ) : null}
          </div>
        </Form>
        {history.length === 0 ? (
          <p className="text-sm text-slate-600">{t(filtered ? "mypoints.history_none_filtered" : "mypoints.history_none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="history">
            {history.map((e) => (
              <li key={e.id} className="py-3">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-medium">
                      {e.link ? (
                        <Link to={e.link} className="underline decoration-slate-300">
                          {lineText(t, f, { key: e.descriptionKey, vars: e.descriptionVars })}
                        </Link>
                      ) : (
                        lineText(t, f, { key: e.descriptionKey, vars: e.descriptionVars })
                      )}
                    </p>
                    <p className="text-xs text-slate-500">
                      {f.date(e.createdAt)} · {t(`ledger.kind.${e.kind}`)}
                      {e.expiresAt ? ` · ${t("mypoints.expires_on", { date: f.date(e.expiresAt) })}` : ""}
                      {e.provisional ? (
                        <span className="ml-1 rounded bg-amber-100 px-1.5 text-amber-900">{t("mystery.pending_badge")}</span>
                      ) : null}
                    </p>
                  </div>
                  <p className={`text-lg font-semibold whitespace-nowrap ${e.amount > 0 ? "text-emerald-700" : "text-slate-700"}`}>
                    {e.amount > 0 ? "+" : "−"}
                    {f.points(Math.abs(e.amount))}
                  </p>
                </div>
                {e.calculation.length ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-sm text-brand-600">{t("mypoints.how_calculated")}</summary>
                    <CalculationLines lines={e.calculation} className="mt-2 rounded-lg bg-slate-50 p-3" />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
