import { Form, useLoaderData } from "react-router";
import { getReadDb } from "@db/client";
import { PeriodPicker, ReportSections } from "~/components/reports/dashboard";
import printCss from "~/components/reports/print.css?url";
import { forDashboard } from "~/components/reports/shown.server";
import { Card, PageHeader } from "~/components/ui";
import { periodQuery, readPeriod } from "~/domain/reports/period";
import { readProgramme } from "~/domain/reports/programme.server";
import { PARTNER_RANKS, type PartnerRank } from "~/domain/reports/types";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isoDay } from "~/lib/dates";
import type { Route } from "./+types/programme";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printCss, media: "print" }];

/** The channel team's view of the whole programme; `region` narrows the partner ranking. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "reports.programme");
  const url = new URL(request.url);
  const { periods, invalid } = readPeriod(url.searchParams, isoDay(new Date()));
  const askedRank = url.searchParams.get("rank");
  const rank: PartnerRank = (PARTNER_RANKS as readonly string[]).includes(askedRank ?? "") ? (askedRank as PartnerRank) : "sales";
  const { regions, region, sections } = await readProgramme(
    await getReadDb(),
    { region: url.searchParams.get("region") || null, rank },
    periods,
  );
  const html = await forDashboard(sections, { periods, links: {}, locale: resolveLocale(request, actor) }, context);
  return { periods, invalid, region, rank, regions, sections: html };
}

export default function ProgrammeReport() {
  const { periods, invalid, region, rank, regions, sections } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t("reports.programme.title")}
        subtitle={`${region ? `${region} · ` : ""}${f.day(periods.current.from)} – ${f.day(periods.current.to)}`}
      />
      <PeriodPicker periods={periods} invalid={invalid} extra={{ ...(region ? { region } : {}), rank }} />
      <Card className="report-no-print mb-4">
        <Form method="get" className="flex flex-wrap items-end gap-3">
          {[...new URLSearchParams(periodQuery(periods.current))].map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div className="text-sm">
            <label htmlFor="report-region" className="mb-1 block font-medium">
              {t("reports.col.region")}
            </label>
            <select
              id="report-region"
              name="region"
              defaultValue={region ?? ""}
              className="min-h-11 rounded-lg border border-slate-300 bg-white px-3"
            >
              <option value="">{t("reports.partners.all_regions")}</option>
              {regions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div className="text-sm">
            <label htmlFor="report-rank" className="mb-1 block font-medium">
              {t("reports.partners.rank_by")}
            </label>
            <select id="report-rank" name="rank" defaultValue={rank} className="min-h-11 rounded-lg border border-slate-300 bg-white px-3">
              {PARTNER_RANKS.map((r) => (
                <option key={r} value={r}>
                  {t(`reports.partners.rank.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="min-h-11 rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
            {t("reports.period.show")}
          </button>
        </Form>
      </Card>
      <ReportSections html={sections} />
    </>
  );
}
