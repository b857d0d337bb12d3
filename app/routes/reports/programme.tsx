import { useLoaderData } from "react-router";
import { getReadDb } from "@db/client";
import { PeriodPicker, ReportSections } from "~/components/reports/dashboard";
import printCss from "~/components/reports/print.css?url";
import { withCharts } from "~/components/reports/shown.server";
import { PageHeader } from "~/components/ui";
import { readDashboard } from "~/domain/reports/dashboards.server";
import { readPeriod } from "~/domain/reports/period";
import { PROGRAMME_SECTIONS } from "~/domain/reports/programme.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { createTranslator } from "~/i18n/translate";
import { requireActor } from "~/lib/access.server";
import { isoDay } from "~/lib/dates";
import type { Route } from "./+types/programme";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printCss, media: "print" }];

/** The channel team's view of the whole programme; `region` narrows the partner ranking. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "reports.programme");
  const url = new URL(request.url);
  const { periods, invalid } = readPeriod(url.searchParams, isoDay(new Date()));
  const region = (url.searchParams.get("region") ?? "").trim().slice(0, 100) || null;
  const sections = await readDashboard(await getReadDb(), PROGRAMME_SECTIONS, { organisationId: null, region }, periods);
  const t = createTranslator(resolveLocale(request, actor));
  return { periods, invalid, region, sections: withCharts(sections, t) };
}

export default function ProgrammeReport() {
  const { periods, invalid, region, sections } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t("reports.programme.title")}
        subtitle={`${region ? `${region} · ` : ""}${f.day(periods.current.from)} – ${f.day(periods.current.to)}`}
      />
      <PeriodPicker periods={periods} invalid={invalid} extra={region ? { region } : undefined} />
      <ReportSections sections={sections} periods={periods} links={{}} />
    </>
  );
}
