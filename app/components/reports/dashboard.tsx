import { Form, Link } from "react-router";
import { Card } from "~/components/ui";
import { type Period, PERIOD_KINDS, periodQuery, type Periods } from "~/domain/reports/period";
import type { Cell, Column, Figure, RowsLink, Section, Table, ValueFormat } from "~/domain/reports/types";
import { useFormat, useT } from "~/i18n/react";
import { useServerMarkup } from "~/components/server-markup";
import { SERIES_COLOURS } from "./chart-colours";

/**
 * A section's table with its chart drawn on the server (SVG markup; null when held back for a
 * document request, see app/components/server-markup.tsx), whether it has one, and how many
 * rows it has in all (a dashboard shows a ranked table's first rows; the CSV has every one).
 */
export type ShownTable = Table & { svg: string | null; drawn: boolean; total: number };
export type ShownSection = Omit<Section, "tables"> & { tables: ShownTable[] };

/** Where a figure's rows and a table's CSV live, for one dashboard (the channel team may narrow to one partner). */
export type ReportLinks = { org?: string | null };

export function rowsHref(link: RowsLink, current: Period, links: ReportLinks): string {
  const q = new URLSearchParams(periodQuery(link.period ?? current));
  if (link.key) q.set("key", link.key);
  if (links.org) q.set("org", links.org);
  return `/reports/rows/${link.figure}?${q}`;
}

export function csvHref(name: string, current: Period, links: ReportLinks, extra?: Record<string, string>): string {
  const q = new URLSearchParams(periodQuery(current));
  if (links.org) q.set("org", links.org);
  for (const [k, v] of Object.entries(extra ?? {})) q.set(k, v);
  return `/reports/csv/${name}?${q}`;
}

export function useValue() {
  const t = useT();
  const f = useFormat();
  return (format: ValueFormat, v: Cell | undefined, currency = "EUR"): string => {
    if (v === null || v === undefined || v === "") return "—";
    switch (format) {
      case "text":
        return String(v);
      case "key":
        return t(String(v));
      case "permille":
        return `${f.number(Number(v) / 10)} %`;
      case "days":
        return t("reports.days", { n: f.number(Number(v) / 10) });
      case "money":
        return f.money(Number(v), currency);
      default:
        return f.number(Number(v));
    }
  };
}

export function PeriodPicker({ periods, invalid, extra }: { periods: Periods; invalid: boolean; extra?: Record<string, string> }) {
  const t = useT();
  const f = useFormat();
  const p = periods.current;
  const step = (to: Period) => `?${periodQuery(to)}${extra ? `&${new URLSearchParams(extra)}` : ""}`;
  return (
    <Card className="report-no-print mb-4">
      {invalid ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {t("reports.period.invalid")}
        </p>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-3">
        {Object.entries(extra ?? {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div className="text-sm">
          <label htmlFor="report-period" className="mb-1 block font-medium">
            {t("reports.period.kind")}
          </label>
          <select
            id="report-period"
            name="period"
            defaultValue={p.kind}
            className="min-h-11 rounded-lg border border-slate-300 bg-white px-3"
          >
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.period.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("reports.period.at")}</span>
          <input type="date" name="at" defaultValue={p.from} className="min-h-11 rounded-lg border border-slate-300 px-3" />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("reports.period.from")}</span>
          <input type="date" name="from" defaultValue={p.from} className="min-h-11 rounded-lg border border-slate-300 px-3" />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("reports.period.to")}</span>
          <input type="date" name="to" defaultValue={p.to} className="min-h-11 rounded-lg border border-slate-300 px-3" />
        </label>
        <button type="submit" className="min-h-11 rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
          {t("reports.period.show")}
        </button>
      </Form>
      <p className="mt-3 flex flex-wrap gap-4 text-sm">
        <Link to={step(periods.previous)} className="text-brand-600 underline">
          ← {t("reports.period.previous")}
        </Link>
        <span className="text-slate-600">{t("reports.period.hint")}</span>
        <span className="text-slate-600">
          {t("reports.period.compared", {
            previous: `${f.day(periods.previous.from)} – ${f.day(periods.previous.to)}`,
            last_year: `${f.day(periods.lastYear.from)} – ${f.day(periods.lastYear.to)}`,
          })}
        </span>
      </p>
    </Card>
  );
}

/*
 * Links to a figure's rows are plain anchors, not <Link>: a dashboard carries a few hundred of
 * them (every table row, in the table and again in the phone cards), and React Router's Link
 * costs the server far more to render than an <a>; the rows page is a page of its own either way.
 */
function FigureCard({ figure, current, links, currency }: { figure: Figure; current: Period; links: ReportLinks; currency?: string }) {
  const t = useT();
  const value = useValue();
  const compared =
    figure.previous !== undefined && figure.previous !== null
      ? `${t("reports.vs_previous", { value: value(figure.format, figure.previous, currency) })} · ${t("reports.vs_last_year", {
          value: value(figure.format, figure.lastYear ?? 0, currency),
        })}`
      : null;
  const body = (
    <>
      {/* The card's text is the link's name (label, figure, comparison), so what a voice user sees is what they can say. */}
      <span className="block text-xs text-slate-600">{`${t(figure.label)}:`}</span>
      <span className="block text-2xl font-semibold tabular-nums" data-figure={figure.id}>
        {value(figure.format, figure.value, currency)}
      </span>
      {compared ? <span className="block text-xs text-slate-500">{compared}</span> : null}
      {figure.rows ? <span className="sr-only"> — {t("reports.open_rows")}</span> : null}
    </>
  );
  return figure.rows ? (
    <a href={rowsHref(figure.rows, current, links)} className="block rounded-lg border border-slate-200 p-3 hover:border-brand-600">
      {body}
    </a>
  ) : (
    <div className="rounded-lg border border-slate-200 p-3">{body}</div>
  );
}

function ReportTable({
  table,
  section,
  current,
  links,
  currency,
}: {
  table: ShownTable;
  section: string;
  current: Period;
  links: ReportLinks;
  currency?: string;
}) {
  const t = useT();
  const f = useFormat();
  const value = useValue();
  const cell = (c: Column, v: Cell | undefined) => value(c.format, v, currency);
  const numeric = (c: Column) => c.format !== "text" && c.format !== "key";
  // Translated once per table, not once per cell.
  const labels = table.columns.map((c) => t(c.label));
  const rowsLink = t("reports.rows_link");
  const svg = useServerMarkup(`${section}.${table.id}`, table.svg);
  return (
    <div className="mt-6" data-table={`${section}.${table.id}`}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-medium">{t(table.title)}</h3>
        <a
          href={csvHref(`${section}.${table.id}`, current, links)}
          download
          className="report-no-print inline-flex min-h-11 items-center text-sm text-brand-600 underline"
        >
          {t("reports.csv")}
        </a>
      </div>
      {table.rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t(table.empty ?? "reports.empty")}</p>
      ) : (
        <div className={table.drawn ? "grid gap-4 lg:grid-cols-2" : ""}>
          {table.drawn ? (
            <figure className="report-chart">
              {/* Drawn on the server from the same rows as the table beside it. */}
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: markup from React's renderToStaticMarkup of recharts (names escaped by React), never user HTML */}
              <div className="w-full [&_svg]:h-auto [&_svg]:w-full" dangerouslySetInnerHTML={{ __html: svg }} suppressHydrationWarning />
              {table.chart && table.chart.series.length > 1 ? (
                <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
                  {table.chart.series.map((s, i) => (
                    <span key={s} className="inline-flex items-center gap-1">
                      <span className="inline-block h-2 w-3" style={{ background: SERIES_COLOURS[i] }} />
                      {t(table.columns.find((c) => c.key === s)?.label ?? s)}
                    </span>
                  ))}
                </figcaption>
              ) : null}
            </figure>
          ) : null}
          {/* One table; on a phone the portal's responsive-table (app.css) shows each row as a card (label and value per line). */}
          <div className="report-table responsive-table md:max-h-[32rem] md:overflow-auto">
            <table className="min-w-full text-sm md:divide-y md:divide-slate-200">
              <thead>
                <tr>
                  {table.columns.map((c, i) => (
                    <th
                      key={c.key}
                      scope="col"
                      className={`px-3 py-2 font-medium text-slate-600 ${numeric(c) ? "text-right" : "text-left"}`}
                    >
                      {labels[i]}
                    </th>
                  ))}
                  <th scope="col" className="report-no-print">
                    <span className="sr-only">{t("reports.rows_link")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="md:divide-y md:divide-slate-100">
                {table.rows.map((r, i) => (
                  <tr key={i}>
                    {table.columns.map((c, j) => (
                      <td
                        key={c.key}
                        data-label={labels[j]}
                        className={`md:px-3 md:py-2 ${numeric(c) ? "md:text-right tabular-nums" : "md:text-left"}`}
                      >
                        {cell(c, r.cells[c.key])}
                      </td>
                    ))}
                    <td className="report-no-print md:px-3 md:py-2 md:text-right">
                      {r.rows ? (
                        <a href={rowsHref(r.rows, current, links)} className="text-brand-600 underline">
                          {rowsLink}
                        </a>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {table.total > table.rows.length ? (
        <p className="mt-2 text-sm text-slate-600" data-top-rows>
          {t("reports.top_rows", { shown: f.number(table.rows.length), total: f.number(table.total) })}
        </p>
      ) : null}
      {table.note ? <p className="mt-2 text-xs text-slate-500">{t(table.note)}</p> : null}
    </div>
  );
}

export function ReportSections({ sections, periods, links }: { sections: ShownSection[]; periods: Periods; links: ReportLinks }) {
  const t = useT();
  return (
    <div className="space-y-4">
      {sections.map((s) => (
        <Card key={s.id} className="report-section">
          <section aria-labelledby={`section-${s.id}`} data-section={s.id}>
            <h2 id={`section-${s.id}`} className="text-lg font-semibold">
              {t(s.title)}
            </h2>
            {s.figures.length ? (
              <div className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
                {s.figures.map((fig) => (
                  <FigureCard key={fig.id} figure={fig} current={periods.current} links={links} currency={s.currency} />
                ))}
              </div>
            ) : null}
            {s.tables.map((tb) => (
              <ReportTable key={tb.id} table={tb} section={s.id} current={periods.current} links={links} currency={s.currency} />
            ))}
          </section>
        </Card>
      ))}
    </div>
  );
}
