import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getReadDb } from "@db/client";
import { csvHref, useValue } from "~/components/reports/dashboard";
import { BackLink, Card, PageHeader, Table } from "~/components/ui";
import { figureFor, scopeFor } from "~/domain/reports/figures.server";
import { periodQuery, readPeriod } from "~/domain/reports/period";
import { PAGE_ROWS } from "~/domain/reports/rows.server";
import { useFormat, useT } from "~/i18n/react";
import { notFound, requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { isoDay } from "~/lib/dates";
import type { Route } from "./+types/rows";

/**
 * The rows behind a figure (the entries, claims, lines or certificates it counts), a page at a
 * time, with the whole list as CSV. The same scope as the dashboard: a partner's own people only.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "reports.view");
  const url = new URL(request.url);
  const figure = figureFor(actor, params.figure);
  const key = url.searchParams.get("key") ?? undefined;
  const after = url.searchParams.get("after");
  const org = isManufacturer(actor) ? url.searchParams.get("org") : null;
  const scope = scopeFor(actor, org);
  if (!figure || !scope || (key && key.length > 200) || (after && after.length > 100) || !figure.validKey(key)) throw notFound();
  const { periods, invalid } = readPeriod(url.searchParams, isoDay(new Date()));
  const page = await figure.page({ db: await getReadDb(), scope, period: periods.current, key, after, limit: PAGE_ROWS, now: new Date() });
  const base = new URLSearchParams(periodQuery(periods.current));
  if (key) base.set("key", key);
  if (scope.organisationId && isManufacturer(actor)) base.set("org", scope.organisationId);
  return {
    figure: params.figure,
    title: figure.title,
    columns: figure.columns,
    rows: page.rows,
    periods,
    invalid,
    key: key ?? null,
    org: isManufacturer(actor) ? scope.organisationId : null,
    next: page.next ? `?${base}&after=${encodeURIComponent(page.next)}` : null,
    back: isManufacturer(actor) ? `/reports/programme?${periodQuery(periods.current)}` : `/reports?${periodQuery(periods.current)}`,
  };
}

export default function ReportRows() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const value = useValue();
  const numeric = (format: string) => format !== "text" && format !== "key";
  const csv = csvHref(`rows.${d.figure}`, d.periods.current, { org: d.org }, d.key ? { key: d.key } : undefined);
  return (
    <>
      <BackLink to={d.back}>{t("reports.back")}</BackLink>
      <PageHeader
        title={t(d.title)}
        subtitle={`${f.day(d.periods.current.from)} – ${f.day(d.periods.current.to)}`}
        actions={
          <a
            href={csv}
            download
            className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50"
          >
            {t("reports.csv_all")}
          </a>
        }
      />
      <Card>
        {d.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("reports.empty")}</p>
        ) : (
          // The portal's one data table: a table on a desktop, each row a card of "label value" lines on a phone.
          <Table head={d.columns.map((c) => t(c.label))}>
            {d.rows.map((r, i) => (
              <tr key={i}>
                {d.columns.map((c) => (
                  <td key={c.key} className={`md:px-3 md:py-2 ${numeric(c.format) ? "md:text-right tabular-nums" : ""}`}>
                    {value(c.format, r[c.key])}
                  </td>
                ))}
              </tr>
            ))}
          </Table>
        )}
        {d.next ? (
          <p className="mt-4">
            <Link to={d.next} className="inline-flex min-h-11 items-center text-brand-600 underline">
              {t("reports.next_page")}
            </Link>
          </p>
        ) : null}
      </Card>
    </>
  );
}
