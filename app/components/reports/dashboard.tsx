import { Form } from "react-router";
import { Link } from "~/components/link";
import { Card } from "~/components/ui";
import { type Period, PERIOD_KINDS, periodQuery, type Periods } from "~/domain/reports/period";
import type { Cell, RowsLink, Section, Table, ValueFormat } from "~/domain/reports/types";
import type { createFormatter } from "~/i18n/format";
import type { Translate } from "~/i18n/translate";
import { useFormat, useT } from "~/i18n/react";
import { useServerMarkup } from "~/components/server-markup";
import { DEFAULT_CURRENCY } from "~/lib/money";

/**
 * A section's table with its chart drawn on the server (SVG markup; null when held back for a
 * document request, see app/components/server-markup.tsx), whether it has one, and how many
 * rows it has in all (a dashboard shows a ranked table's first rows; the CSV has every one).
 */
export type ShownTable = Table & { svg: string | null; drawn: boolean; total: number };
export type ShownSection = Omit<Section, "tables"> & { tables: ShownTable[] };

/** Where a figure's rows and a table's CSV live, for one dashboard (the channel team may narrow to one partner). */
export type ReportLinks = { org?: string | null };

/** Written as a string: a dashboard has a few hundred of these, and a URLSearchParams each cost ~6 µs. */
export function rowsHref(link: RowsLink, current: Period, links: ReportLinks): string {
  let q = periodQuery(link.period ?? current);
  if (link.key) q += `&key=${encodeURIComponent(link.key)}`;
  if (links.org) q += `&org=${encodeURIComponent(links.org)}`;
  return `/reports/rows/${link.figure}?${q}`;
}

export function csvHref(name: string, current: Period, links: ReportLinks, extra?: Record<string, string>): string {
  const q = new URLSearchParams(periodQuery(current));
  if (links.org) q.set("org", links.org);
  for (const [k, v] of Object.entries(extra ?? {})) q.set(k, v);
  return `/reports/csv/${name}?${q}`;
}

/** A value as the page shows it, in the reader's language (the server's sections and the rows page). */
export function formatValue(t: Translate, f: ReturnType<typeof createFormatter>) {
  return (format: ValueFormat, v: Cell | undefined, currency = DEFAULT_CURRENCY): string => {
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

export function useValue() {
  return formatValue(useT(), useFormat());
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

/**
 * A dashboard's sections: HTML written on the server (sections.server.ts), not React elements,
 * and not hydrated: nothing in them is interactive (anchors, downloads, SVG). `html` is null in
 * a document's loader data (the server writes it into the page once, see server-markup.tsx); a
 * client navigation's data carries it inline, so changing the period redraws the sections.
 */
export function ReportSections({ html }: { html: string | null }) {
  const markup = useServerMarkup("report-sections", html);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: written by sections.server.ts, every value escaped there; charts from recharts' renderToStaticMarkup
  return <div dangerouslySetInnerHTML={{ __html: markup }} suppressHydrationWarning />;
}
