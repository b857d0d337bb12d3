import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { ManageTabs, Score, ScoreBar, VisitStatusBadge } from "~/components/mystery/parts";
import { Badge, Card, PageHeader } from "~/components/ui";
import { partnerInsights } from "~/domain/mystery/insights.server";
import { listReports } from "~/domain/mystery/visits.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import type { Route } from "./+types/reports";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "mystery.reports");
  const db = await getDb();
  const staff = isManufacturer(actor);
  const [reports, insights] = await Promise.all([listReports(db, actor), staff ? Promise.resolve(null) : partnerInsights(db, actor)]);
  return { staff, reports, insights };
}

/**
 * Published reports: for the channel team every filed one; for a partner's executive and
 * managers their own outlets', with the league table of their outlets and trends over waves.
 */
export default function Reports() {
  const { staff, reports, insights } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t(staff ? "mystery.reports.title" : "mystery.reports.partner_title")}
        subtitle={staff ? undefined : t("mystery.reports.partner_subtitle")}
        actions={
          staff ? (
            <a href="/mystery/reports.csv" className="text-sm text-brand-600 underline">
              {t("mystery.reports.csv")}
            </a>
          ) : (
            <Link to="/mystery/rules" className="text-sm text-brand-600 underline">
              {t("mystery.rules.link")}
            </Link>
          )
        }
      />
      {staff ? <ManageTabs current="/mystery/reports" /> : null}
      {insights?.league.length ? (
        <div className="mb-4 grid gap-4 lg:grid-cols-2">
          <Card>
            <h2 className="mb-2 text-lg font-semibold">{t("mystery.reports.league")}</h2>
            <ol className="divide-y divide-slate-100">
              {insights.league.map((o, i) => (
                <li key={o.outletId} className="flex items-center justify-between gap-2 py-2">
                  <span>
                    <span className="mr-2 font-semibold tabular-nums">{i + 1}.</span>
                    {o.outlet} <span className="text-sm text-slate-500">· {t("mystery.reports.visits", { count: o.visits })}</span>
                  </span>
                  <ScoreBar value={o.scorePermille} />
                </li>
              ))}
            </ol>
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-semibold">{t("mystery.reports.trends")}</h2>
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <thead>
                  <tr>
                    <th className="px-2 py-1 text-left font-medium text-slate-600">{t("mystery.outlet")}</th>
                    {insights.waves.map((w) => (
                      <th key={w.id} className="px-2 py-1 text-left font-medium text-slate-600">
                        {w.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {insights.outletTrends.map((o) => (
                    <tr key={o.outlet}>
                      <td className="px-2 py-1">{o.outlet}</td>
                      {o.byWave.map((s, i) => (
                        <td key={insights.waves[i].id} className="px-2 py-1">
                          <Score value={s} />
                        </td>
                      ))}
                    </tr>
                  ))}
                  {insights.questionTrends.map((q) => (
                    <tr key={q.questionId} className="border-t border-slate-100">
                      <td className="px-2 py-1 text-slate-700">
                        {q.text}
                        {q.key ? <span className="ml-1 text-xs text-amber-800">({t("mystery.key")})</span> : null}
                      </td>
                      {q.byWave.map((s, i) => (
                        <td key={insights.waves[i].id} className="px-2 py-1">
                          <Score value={s} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </div>
      ) : null}
      {reports.length === 0 ? (
        <Card>
          <p className="text-slate-600">{t("mystery.reports.none")}</p>
        </Card>
      ) : (
        <ul className="space-y-2">
          {reports.map((r) => (
            <li key={r.id}>
              <Link to={`/mystery/reports/${r.id}`} className="block">
                <Card className="hover:border-brand-600">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <p className="font-medium">
                        {r.outlet} <span className="font-normal text-slate-600">· {r.partner}</span>
                      </p>
                      <p className="text-sm text-slate-600">
                        {r.wave} · {r.scenario}
                        {r.visitedAt ? ` · ${f.date(r.visitedAt)}` : ""}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-1">
                      <VisitStatusBadge status={r.status} />
                      {r.late ? <Badge tone="red">{t("mystery.late")}</Badge> : null}
                      {r.openDispute ? <Badge tone="amber">{t("mystery.disputed")}</Badge> : null}
                      <Score value={r.scorePermille} />
                    </div>
                  </div>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
