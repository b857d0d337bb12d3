import type { Period, Periods } from "~/domain/reports/period";
import type { Column, Figure } from "~/domain/reports/types";
import type { createFormatter } from "~/i18n/format";
import type { Translate } from "~/i18n/translate";
import { SERIES_COLOURS } from "./chart-colours";
import { csvHref, formatValue, type ReportLinks, rowsHref, type ShownSection, type ShownTable } from "./dashboard";

/**
 * A dashboard's sections written as HTML on the server, once per request, and never hydrated.
 *
 * Nothing in a section is interactive: the figures and the rows' links are plain anchors to pages
 * of their own, the CSV links are downloads, the charts are SVG drawn here. Issue 15: rendering
 * them with React (~130 rows, ~300 anchors, a class string per cell) and then encoding the same
 * sections again as loader data for the browser to hydrate was ~40% of the server's CPU per
 * executive request, and 8 concurrent requests queue on that one thread (the p95). Written as a
 * string it is a small fraction of that; the page puts it in with dangerouslySetInnerHTML
 * (`ReportSections`), and a document request holds it back from the loader data altogether
 * (app/components/server-markup.tsx), so the browser hydrates a few hundred bytes instead.
 *
 * The markup is the same as the React version's (class names, data-* hooks, accessible names),
 * with the per-cell classes moved to the table: every value below is escaped with `esc`.
 */

const ESCAPED: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text or an attribute value, escaped for HTML (names of products, partners, outlets come from the database). */
export function esc(s: string): string {
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPED[c]) : s;
}

type Format = ReturnType<typeof createFormatter>;

/** One table's cells are laid out by the table's classes, not a class string per cell. */
const TABLE_CLASS =
  "min-w-full text-sm md:divide-y md:divide-slate-200 md:[&_td]:px-3 md:[&_td]:py-2 [&_td.n]:tabular-nums md:[&_td.n]:text-right [&_td_a]:text-brand-600 [&_td_a]:underline";

export function sectionsHtml(sections: ShownSection[], periods: Periods, links: ReportLinks, t: Translate, f: Format): string {
  const value = formatValue(t, f);
  const out: string[] = ['<div class="space-y-4">'];
  for (const s of sections) {
    out.push(
      `<section class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 report-section"><section aria-labelledby="section-${esc(s.id)}" data-section="${esc(s.id)}"><h2 id="section-${esc(s.id)}" class="text-lg font-semibold">${esc(t(s.title))}</h2>`,
    );
    if (s.figures.length) {
      out.push('<div class="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">');
      for (const fig of s.figures) out.push(figureHtml(fig, periods.current, links, s.currency, t, value));
      out.push("</div>");
    }
    for (const tb of s.tables) tableHtml(out, tb, s.id, periods.current, links, s.currency, t, f, value);
    out.push("</section></section>");
  }
  out.push("</div>");
  return out.join("");
}

function figureHtml(
  figure: Figure,
  current: Period,
  links: ReportLinks,
  currency: string | undefined,
  t: Translate,
  value: ReturnType<typeof formatValue>,
): string {
  const compared =
    figure.previous !== undefined && figure.previous !== null
      ? `<span class="block text-xs text-slate-500">${esc(
          `${t("reports.vs_previous", { value: value(figure.format, figure.previous, currency) })} · ${t("reports.vs_last_year", {
            value: value(figure.format, figure.lastYear ?? 0, currency),
          })}`,
        )}</span>`
      : "";
  // The card's text is the link's name (label, figure, comparison), so what a voice user sees is what they can say.
  const body = `<span class="block text-xs text-slate-600">${esc(`${t(figure.label)}:`)}</span><span class="block text-2xl font-semibold tabular-nums" data-figure="${esc(figure.id)}">${esc(value(figure.format, figure.value, currency))}</span>${compared}`;
  return figure.rows
    ? `<a href="${esc(rowsHref(figure.rows, current, links))}" class="block rounded-lg border border-slate-200 p-3 hover:border-brand-600">${body}<span class="sr-only"> — ${esc(t("reports.open_rows"))}</span></a>`
    : `<div class="rounded-lg border border-slate-200 p-3">${body}</div>`;
}

function tableHtml(
  out: string[],
  table: ShownTable,
  section: string,
  current: Period,
  links: ReportLinks,
  currency: string | undefined,
  t: Translate,
  f: Format,
  value: ReturnType<typeof formatValue>,
): void {
  const name = `${section}.${table.id}`;
  out.push(
    `<div class="mt-6" data-table="${esc(name)}"><div class="mb-2 flex flex-wrap items-center justify-between gap-2"><h3 class="font-medium">${esc(t(table.title))}</h3><a href="${esc(csvHref(name, current, links))}" download="" class="report-no-print inline-flex min-h-11 items-center text-sm text-brand-600 underline">${esc(t("reports.csv"))}</a></div>`,
  );
  if (table.rows.length === 0) {
    out.push(`<p class="text-sm text-slate-600">${esc(t(table.empty ?? "reports.empty"))}</p>`);
  } else {
    out.push(table.drawn ? '<div class="grid gap-4 lg:grid-cols-2">' : "<div>");
    if (table.drawn) {
      // Drawn on the server (recharts, renderToStaticMarkup: names escaped by React) from the same rows as the table beside it.
      out.push(`<figure class="report-chart"><div class="w-full [&_svg]:h-auto [&_svg]:w-full">${table.svg ?? ""}</div>`);
      if (table.chart && table.chart.series.length > 1) {
        out.push('<figcaption class="mt-1 flex gap-4 text-xs text-slate-600">');
        table.chart.series.forEach((s, i) => {
          const label = t(table.columns.find((c) => c.key === s)?.label ?? s);
          out.push(
            `<span class="inline-flex items-center gap-1"><span class="inline-block h-2 w-3" style="background:${SERIES_COLOURS[i]}"></span>${esc(label)}</span>`,
          );
        });
        out.push("</figcaption>");
      }
      out.push("</figure>");
    }
    // One table; on a phone the portal's responsive-table (app.css) shows each row as a card
    // (label and value per line, the label from data-label). Labels translated once per table.
    const labels = table.columns.map((c) => esc(t(c.label)));
    const numeric = table.columns.map((c: Column) => c.format !== "text" && c.format !== "key");
    const rowsLink = esc(t("reports.rows_link"));
    out.push(
      `<div class="report-table responsive-table md:max-h-[32rem] md:overflow-auto" tabindex="0"><table class="${TABLE_CLASS}"><thead><tr>`,
    );
    for (let i = 0; i < labels.length; i++) {
      out.push(`<th scope="col" class="px-3 py-2 font-medium text-slate-600 ${numeric[i] ? "text-right" : "text-left"}">${labels[i]}</th>`);
    }
    out.push(
      `<th scope="col" class="report-no-print"><span class="sr-only">${rowsLink}</span></th></tr></thead><tbody class="md:divide-y md:divide-slate-100">`,
    );
    for (const r of table.rows) {
      out.push("<tr>");
      table.columns.forEach((c, j) => {
        out.push(`<td data-label="${labels[j]}"${numeric[j] ? ' class="n"' : ""}>${esc(value(c.format, r.cells[c.key], currency))}</td>`);
      });
      out.push(
        r.rows
          ? `<td class="report-no-print n"><a href="${esc(rowsHref(r.rows, current, links))}">${rowsLink}</a></td></tr>`
          : '<td class="report-no-print"></td></tr>',
      );
    }
    out.push("</tbody></table></div></div>");
  }
  if (table.total > table.rows.length) {
    out.push(
      `<p class="mt-2 text-sm text-slate-600" data-top-rows="">${esc(
        t("reports.top_rows", { shown: f.number(table.rows.length), total: f.number(table.total) }),
      )}</p>`,
    );
  }
  if (table.note) out.push(`<p class="mt-2 text-xs text-slate-500">${esc(t(table.note))}</p>`);
  out.push("</div>");
}
