import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getReadDb } from "@db/client";
import { ReportSections, PeriodPicker } from "~/components/reports/dashboard";
import printCss from "~/components/reports/print.css?url";
import { forDashboard } from "~/components/reports/shown.server";
import { PageHeader } from "~/components/ui";
import { EXECUTIVE_SECTIONS, readDashboard, reportScope } from "~/domain/reports/dashboards.server";
import { readPeriod } from "~/domain/reports/period";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isoDay } from "~/lib/dates";
import type { Route } from "./+types/dashboard";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printCss, media: "print" }];

/** A partner executive's programme report for their own organisation (read from the replica when there is one). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "reports.partner");
  const { periods, invalid } = readPeriod(new URL(request.url).searchParams, isoDay(new Date()));
  const sections = await readDashboard(await getReadDb(), EXECUTIVE_SECTIONS, reportScope(actor), periods);
  const html = await forDashboard(sections, { periods, links: {}, locale: resolveLocale(request, actor) }, context);
  return { organisation: actor.organisationName, periods, invalid, sections: html };
}

export default function PartnerReport() {
  const { organisation, periods, invalid, sections } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t("reports.partner.title")}
        subtitle={`${organisation} · ${f.day(periods.current.from)} – ${f.day(periods.current.to)}`}
        actions={
          <Link to="/reports/settings" className="report-no-print inline-flex min-h-11 items-center text-sm text-brand-600 underline">
            {t("reports.settings.link")}
          </Link>
        }
      />
      <PeriodPicker periods={periods} invalid={invalid} />
      <ReportSections html={sections} />
      <p className="mt-4 text-xs text-slate-500">{t("reports.partner.note")}</p>
    </>
  );
}
