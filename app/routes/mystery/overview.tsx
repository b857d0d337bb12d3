import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { ManageTabs, ScoreBar } from "~/components/mystery/parts";
import { Card, PageHeader } from "~/components/ui";
import { manufacturerInsights } from "~/domain/mystery/insights.server";
import { coverage, currentWave } from "~/domain/mystery/waves.server";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/overview";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "mystery.manage");
  const db = await getDb();
  const wave = await currentWave(db);
  const [insights, cover] = await Promise.all([manufacturerInsights(db, actor), wave ? coverage(db, wave.id) : Promise.resolve(null)]);
  return {
    wave: wave ? { id: wave.id, name: wave.name } : null,
    coverage: cover ? { covered: cover.covered, total: cover.outlets.length, uncovered: cover.uncovered } : null,
    insights,
  };
}

function Dimension({ title, rows }: { title: string; rows: Array<{ label: string; visits: number; scorePermille: number | null }> }) {
  const t = useT();
  return (
    <Card>
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      <ul className="divide-y divide-slate-100">
        {rows.map((r) => (
          <li key={r.label} className="flex flex-wrap items-center justify-between gap-2 py-1.5 text-sm">
            <span>
              {r.label} <span className="text-slate-500">· {t("mystery.reports.visits", { count: r.visits })}</span>
            </span>
            <ScoreBar value={r.scorePermille} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The manufacturer's view: coverage of this wave, and scores by partner, region, outlet, scenario and question. */
export default function Overview() {
  const { wave, coverage, insights } = useLoaderData<typeof loader>();
  const t = useT();
  const most = Math.max(1, ...insights.distribution.map((d) => d.visits));
  return (
    <>
      <PageHeader
        title={t("mystery.overview.title")}
        subtitle={t("mystery.overview.subtitle", { count: insights.reports })}
        actions={
          <a href="/mystery/reports.csv" className="text-sm text-brand-600 underline">
            {t("mystery.reports.csv")}
          </a>
        }
      />
      <ManageTabs current="/mystery/overview" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("mystery.overview.coverage")}</h2>
          {wave && coverage ? (
            <>
              <p className="text-sm">
                <Link to={`/mystery/waves/${wave.id}`} className="text-brand-600 underline">
                  {wave.name}
                </Link>
                : {t("mystery.overview.covered", { covered: coverage.covered, total: coverage.total })}
              </p>
              {coverage.uncovered.length ? (
                <ul className="mt-2 text-sm text-slate-700">
                  {coverage.uncovered.map((o) => (
                    <li key={o.outletId}>
                      {o.outlet} · {o.partner}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <p className="text-sm text-slate-600">{t("mystery.overview.no_wave")}</p>
          )}
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("mystery.overview.distribution")}</h2>
          <div className="flex h-32 items-end gap-1" role="img" aria-label={t("mystery.overview.distribution")}>
            {insights.distribution.map((d) => (
              <div key={d.from} className="flex flex-1 flex-col items-center justify-end">
                <span className="text-xs tabular-nums">{d.visits || ""}</span>
                <div className="w-full rounded-t bg-brand-600" style={{ height: `${(d.visits / most) * 100}%` }} />
                <span className="text-[10px] text-slate-500">{d.from}</span>
              </div>
            ))}
          </div>
        </Card>
        <Dimension title={t("mystery.overview.top")} rows={insights.top} />
        <Dimension title={t("mystery.overview.bottom")} rows={insights.bottom} />
        <Dimension title={t("mystery.overview.by_partner")} rows={insights.byPartner} />
        <Dimension title={t("mystery.overview.by_region")} rows={insights.byRegion} />
        <Dimension title={t("mystery.overview.by_scenario")} rows={insights.byScenario} />
        <Dimension title={t("mystery.overview.by_outlet")} rows={insights.byOutlet} />
        <Dimension
          title={t("mystery.overview.by_question")}
          rows={insights.byQuestion.map((q) => ({ label: q.text, visits: q.answered, scorePermille: q.scorePermille }))}
        />
      </div>
    </>
  );
}
