import { holdBack } from "~/components/server-markup";
import type { Periods } from "~/domain/reports/period";
import type { Section } from "~/domain/reports/types";
import { createFormatter } from "~/i18n/format";
import type { Locale } from "@db/schema/enums";
import { createTranslator, type Translate } from "~/i18n/translate";
import { renderChart } from "./chart.server";
import type { ReportLinks, ShownSection } from "./dashboard";
import { sectionsHtml } from "./sections.server";
import { DEFAULT_CURRENCY } from "~/lib/money";

/** Sections with each table's chart drawn (labels and scales in the reader's language). */
export async function withCharts(sections: Section[], t: Translate, locale: Locale): Promise<ShownSection[]> {
  return Promise.all(
    sections.map(async (s) => ({
      ...s,
      tables: await Promise.all(
        s.tables.map(async (table) => {
          const xFormat = table.columns.find((c) => c.key === table.chart?.x)?.format;
          const svg = await renderChart(table, (v) => (xFormat === "key" ? t(v) : v), { locale, currency: s.currency ?? DEFAULT_CURRENCY });
          return { ...table, svg, drawn: svg !== null, total: table.rows.length };
        }),
      ),
    })),
  );
}

/**
 * How many rows of a ranked table a dashboard shows (the chart draws the same ones). The rest
 * are in the table's CSV and behind the figures' drill-downs, where a reader looking for the
 * 150th person goes anyway. Issue 15: up to 200 rows per table, ~1,000 on a dashboard, were most
 * of what the server rendered and serialised per request (the p95 at 8 concurrent requests).
 */
export const TOP_ROWS = 12;

/**
 * A dashboard's sections as its page shows them, written as HTML (sections.server.ts): ranked
 * tables cut to their first TOP_ROWS, charts drawn. For a document request the markup is held
 * back on the request's context and written into the page once, not again as loader data
 * (app/components/server-markup.tsx); a client navigation's data gets it inline.
 */
export async function forDashboard(
  sections: Section[],
  view: { periods: Periods; links: ReportLinks; locale: Locale },
  context: { document?: boolean; markup?: Map<string, string> },
): Promise<string | null> {
  const t = createTranslator(view.locale);
  const cut = sections.map((s) => ({
    ...s,
    tables: s.tables.map((table) => (table.complete ? table : { ...table, rows: table.rows.slice(0, TOP_ROWS) })),
  }));
  const shown = (await withCharts(cut, t, view.locale)).map((s, i) => ({
    ...s,
    tables: s.tables.map((table, j) => ({ ...table, total: sections[i].tables[j].rows.length })),
  }));
  // Numbers and money only: the reader's time zone does not change them.
  const html = sectionsHtml(shown, view.periods, view.links, t, createFormatter(view.locale));
  return holdBack(context, "report-sections", html);
}
