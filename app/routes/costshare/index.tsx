import { Form, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { claimsCycle } from "~/domain/costshare/claims.server";
import { fundSummary, getSettings, listPeriods, partnerFunds, periodOn, totalsBy } from "~/domain/costshare/funds.server";
import { listRequests, usageByActivity } from "~/domain/costshare/requests.server";
import { percent } from "~/domain/costshare/rule";
import { ClaimStatus, FundFigures, RequestStatus } from "~/components/costshare";
import { Button, Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { isoDay } from "~/lib/dates";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/index";

const filterSchema = z.object({ period: z.string().uuid().optional().catch(undefined) });

/**
 * The cost-share desk. A partner sees its funds per period and its requests; the channel team and
 * finance see fund usage per partner, tier, region and activity type, utilisation and cycle time.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "costshare.view");
  const db = await getDb();
  const { currency } = await getSettings(db);
  const requests = await listRequests(db, actor, { limit: 50 });
  const links = {
    request: can(actor.role, "costshare.request"),
    queue: can(actor.role, "costshare.queue"),
    allocations: can(actor.role, "costshare.decide"),
    pay: can(actor.role, "costshare.pay"),
  };
  if (!isManufacturer(actor)) {
    const funds = await partnerFunds(db, actor, actor.organisationId);
    return {
      partner: true as const,
      currency,
      links,
      requests,
      funds: funds.map(({ fund, period }) => ({ ...fund, period: period.name, expiresOn: period.expiresOn })),
    };
  }
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const periods = await listPeriods(db);
  const current = filter.period ? periods.find((p) => p.id === filter.period) : ((await periodOn(db, isoDay(new Date()))) ?? periods[0]);
  const periodId = current?.id;
  const [summary, byActivity, cycle] = await Promise.all([
    periodId ? fundSummary(db, actor, { periodId }) : Promise.resolve([]),
    usageByActivity(db, actor, periodId),
    claimsCycle(db, periodId),
  ]);
  return {
    partner: false as const,
    currency,
    links,
    requests,
    periods: periods.map((p) => ({ id: p.id, name: p.name })),
    periodId: periodId ?? null,
    summary,
    byTier: totalsBy(summary, (r) => r.tier),
    byRegion: totalsBy(summary, (r) => r.region || "—"),
    byActivity: byActivity.map((a) => ({ ...a, approvedMinor: Number(a.approvedMinor) })),
    cycle,
  };
}

export default function CostShareHome() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const { links, currency } = data;
  return (
    <>
      <PageHeader
        title={t("costshare.title")}
        subtitle={t(data.partner ? "costshare.subtitle_partner" : "costshare.subtitle_staff")}
        actions={
          <div className="flex flex-wrap gap-3 text-sm">
            {links.request ? (
              <Link
                to="/cost-share/requests/new"
                className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-medium text-white"
              >
                {t("costshare.new_request")}
              </Link>
            ) : null}
            {links.queue ? (
              <Link to="/cost-share/review" className="inline-flex min-h-11 items-center text-brand-600 underline">
                {t("costshare.review_title")}
              </Link>
            ) : null}
            {links.allocations ? (
              <>
                <Link to="/cost-share/allocations" className="inline-flex min-h-11 items-center text-brand-600 underline">
                  {t("costshare.allocations_title")}
                </Link>
                <Link to="/cost-share/periods" className="inline-flex min-h-11 items-center text-brand-600 underline">
                  {t("costshare.periods_title")}
                </Link>
              </>
            ) : null}
            {links.pay ? (
              <Link to="/cost-share/payments" className="inline-flex min-h-11 items-center text-brand-600 underline">
                {t("costshare.payments_title")}
              </Link>
            ) : null}
          </div>
        }
      />
      {data.partner ? (
        <div className="space-y-4">
          {data.funds.length === 0 ? (
            <Card>
              <p className="text-slate-600">{t("costshare.no_funds_yet")}</p>
            </Card>
          ) : (
            data.funds.map((fund) => (
              <Card key={fund.id}>
                <h2 className="mb-1 font-semibold">{fund.period}</h2>
                <p className="mb-3 text-sm text-slate-600">{t("costshare.expires_on", { day: f.day(fund.expiresOn) })}</p>
                <FundFigures figures={fund} currency={currency} testId={`fund-${fund.period}`} />
              </Card>
            ))
          )}
        </div>
      ) : (
        <StaffReport data={data} />
      )}
      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("costshare.requests_title")}</h2>
      {data.requests.length === 0 ? (
        <Card>
          <p className="text-slate-600">{t("costshare.no_requests")}</p>
        </Card>
      ) : (
        <ul className="space-y-2">
          {data.requests.map((r) => (
            <li key={r.id}>
              <Link
                to={`/cost-share/requests/${r.id}`}
                className="block rounded-xl border border-slate-200 bg-white p-3 hover:border-brand-300"
              >
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <span>
                    <span className="font-medium text-brand-700">{t("costshare.request_title", { number: r.number, title: r.title })}</span>
                    <span className="block text-sm text-slate-600">
                      {data.partner ? "" : `${r.organisationName} · `}
                      {t(`costshare.activity.${r.activityType}`)} · {f.day(r.startsOn)}
                    </span>
                  </span>
                  <span className="text-right">
                    <span className="block font-semibold tabular-nums">
                      {f.money(r.claimApprovedMinor ?? r.approvedMinor ?? r.requestedMinor, currency)}
                    </span>
                    <RequestStatus status={r.status} /> {r.claimStatus ? <ClaimStatus status={r.claimStatus} /> : null}
                  </span>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function StaffReport({ data }: { data: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { partner: false }> }) {
  const t = useT();
  const f = useFormat();
  const { currency } = data;
  const money = (v: number) => f.money(v, currency);
  return (
    <div className="space-y-4">
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="q-period" className="mb-1 block text-sm font-medium text-slate-700">
            {t("costshare.period")}
          </label>
          <select
            id="q-period"
            name="period"
            defaultValue={data.periodId ?? ""}
            className="block min-h-11 rounded-lg border border-slate-300 bg-white px-3"
          >
            {data.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("costshare.show")}
        </Button>
      </Form>
      <Card>
        <h2 className="mb-3 font-semibold">{t("costshare.usage_by_partner")}</h2>
        {data.summary.length === 0 ? (
          <p className="text-slate-600">{t("costshare.no_funds_period")}</p>
        ) : (
          <>
            <ul className="space-y-3 md:hidden">
              {data.summary.map((r) => (
                <li key={r.organisationId} className="rounded-lg border border-slate-200 p-3">
                  <p className="font-medium">{r.organisationName}</p>
                  <p className="text-sm text-slate-600">
                    {t(`tier.${r.tier}`)} · {r.region} · {t("costshare.utilisation_value", { value: percent(r.utilisationBp) })}
                  </p>
                  <FundFigures figures={r} currency={currency} testId={`summary-${r.organisationName}`} />
                </li>
              ))}
            </ul>
            <div className="hidden overflow-x-auto md:block">
              <table className="min-w-full text-sm">
                <thead>
                  <tr className="text-left text-slate-600">
                    {["partner", "allocated", "committed", "claimed", "paid", "available", "utilisation"].map((h) => (
                      <th key={h} className="px-2 py-2 font-medium">
                        {t(`costshare.col.${h}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.summary.map((r) => (
                    <tr key={r.organisationId}>
                      <td className="px-2 py-2">
                        {r.organisationName}
                        <span className="block text-xs text-slate-500">
                          {t(`tier.${r.tier}`)} · {r.region}
                        </span>
                      </td>
                      <td className="px-2 py-2 tabular-nums">{money(r.allocated)}</td>
                      <td className="px-2 py-2 tabular-nums">{money(r.committed)}</td>
                      <td className="px-2 py-2 tabular-nums">{money(r.claimed)}</td>
                      <td className="px-2 py-2 tabular-nums">{money(r.paid)}</td>
                      <td className="px-2 py-2 tabular-nums">{money(r.available)}</td>
                      <td className="px-2 py-2 tabular-nums">{percent(r.utilisationBp)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        {(
          [
            ["usage_by_tier", data.byTier.map((x) => ({ ...x, label: t(`tier.${x.key}`) }))],
            ["usage_by_region", data.byRegion.map((x) => ({ ...x, label: x.key }))],
          ] as const
        ).map(([title, rows]) => (
          <Card key={title}>
            <h2 className="mb-2 font-semibold">{t(`costshare.${title}`)}</h2>
            <ul className="space-y-1 text-sm">
              {rows.map((r) => (
                <li key={r.key} className="flex justify-between gap-2">
                  <span>{r.label}</span>
                  <span className="tabular-nums">
                    {money(r.claimed)} / {money(r.allocated)} · {percent(r.utilisationBp)}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ))}
        <Card>
          <h2 className="mb-2 font-semibold">{t("costshare.usage_by_activity")}</h2>
          <ul className="space-y-1 text-sm">
            {data.byActivity.map((a) => (
              <li key={a.activityType} className="flex justify-between gap-2">
                <span>{t(`costshare.activity.${a.activityType}`)}</span>
                <span className="tabular-nums">
                  {t("costshare.requests_count", { count: a.requests })} · {money(a.approvedMinor)}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2 className="mb-2 font-semibold">{t("costshare.cycle_title")}</h2>
          <p className="text-sm">
            {data.cycle.toDecision === null ? t("costshare.cycle_none") : t("costshare.cycle_decision", { days: data.cycle.toDecision })}
          </p>
          {data.cycle.toPayment !== null ? <p className="text-sm">{t("costshare.cycle_payment", { days: data.cycle.toPayment })}</p> : null}
        </Card>
      </div>
    </div>
  );
}
