import { renderToStaticMarkup } from "react-dom/server";
import type { Table } from "~/domain/reports/types";
import type { Locale } from "@db/schema/enums";
import { createFormatter } from "~/i18n/format";
import { currencyDigits } from "~/lib/money";
import { SERIES_COLOURS } from "./chart-colours";

/**
 * A table's chart as SVG markup, drawn on the server with recharts (fixed size, no animation), so
 * it shows without JavaScript and in print, and recharts never reaches the browser bundle. The
 * table next to it stays the accessible, exact version of the same numbers.
 */
const MAX_BARS = 12;

/**
 * Drawing is the costly part of a report page (recharts builds the whole chart tree: ~10 ms a
 * chart on an idle core), and the SVG is a pure function of the points drawn, so the last few
 * hundred drawings are kept by their content: the same report opened again, by the same person or
 * by the next one looking at the same period, draws nothing. Bounded, so memory stays flat.
 */
const MEMO_SIZE = 500;
const memo = new Map<string, string | null>();

/**
 * recharts is loaded on the first chart drawn, not when the server starts: with its lodash and d3
 * files it was over a second of every cold start (docs/performance.md), and most processes serve
 * salespeople, who never see a chart.
 */
let recharts: Promise<typeof import("recharts")> | undefined;
export function loadCharts(): Promise<typeof import("recharts")> {
  recharts ??= import("recharts");
  return recharts;
}

/**
 * How a chart writes its value scale: in the reader's language, and for a chart of money in the
 * currency (the one money format, app/i18n/format.ts), so the scale reads "€20,000" beside the
 * table's "€20,000.00", not a bare 20000.
 */
export type ChartScale = { locale: Locale; currency: string };

export async function renderChart(table: Table, label: (value: string) => string, scale: ChartScale): Promise<string | null> {
  const chart = table.chart;
  if (!chart || table.rows.length === 0) return null;
  // Money is kept in minor units; its scale reads in the currency's units, as the table beside it
  // does (the cost-share funds' axis read 2,000,000 for €20,000.00).
  const unit = 10 ** currencyDigits(scale.currency);
  const isMoney = (s: string) => table.columns.find((c) => c.key === s)?.format === "money";
  const per = Object.fromEntries(chart.series.map((s) => [s, isMoney(s) ? unit : 1]));
  const rows = (chart.horizontal ? table.rows.slice(0, MAX_BARS) : table.rows).map((r) => {
    const point: Record<string, string | number> = { x: label(String(r.cells[chart.x] ?? "")) };
    for (const s of chart.series) point[s] = Number(r.cells[s] ?? 0) / per[s];
    return point;
  });
  // One scale for all series: in money only when every series is money (a mixed chart's scale is plain numbers).
  const money = chart.series.every(isMoney);
  const key = JSON.stringify([chart, rows, scale.locale, money ? scale.currency : null]);
  const known = memo.get(key);
  if (known !== undefined) {
    // Most recently used last, so the oldest is the first to go.
    memo.delete(key);
    memo.set(key, known);
    return known;
  }
  const f = createFormatter(scale.locale);
  const tick = money ? (v: number) => f.moneyWhole(Math.round(v * unit), scale.currency) : (v: number) => f.number(v);
  const svg = draw(await loadCharts(), chart, rows, tick);
  memo.set(key, svg);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  return svg;
}

/** Room for the value scale's longest label (11 px text, ~6.5 px a character), at least recharts' 48 px. */
function scaleWidth(rows: Array<Record<string, string | number>>, series: string[], tick: (v: number) => string) {
  const top = Math.max(0, ...rows.flatMap((r) => series.map((s) => Math.abs(Number(r[s]) || 0))));
  // A scale's top tick can round up past the largest value (9,500 -> 10,000): one digit more.
  return Math.max(48, Math.ceil((tick(top).length + 1) * 6.5) + 8);
}

function draw(
  { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis }: typeof import("recharts"),
  chart: NonNullable<Table["chart"]>,
  rows: Array<Record<string, string | number>>,
  tick: (value: number) => string,
): string {
  const width = 640;
  const valueWidth = scaleWidth(rows, chart.series, tick);
  const height = chart.horizontal ? Math.max(120, 28 * rows.length + 40) : 240;
  // Grid lines across the values only (one per tick), not one per bar: the bars already mark the categories.
  const grid = chart.horizontal ? (
    <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
  ) : (
    <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
  );
  let element: React.ReactElement;
  if (chart.kind === "line") {
    element = (
      <LineChart width={width} height={height} data={rows} margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
        {grid}
        <XAxis dataKey="x" tick={{ fontSize: 11 }} minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={valueWidth} tickFormatter={tick} />
        {chart.series.map((s, i) => (
          <Line key={s} dataKey={s} stroke={SERIES_COLOURS[i]} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    );
  } else if (chart.horizontal) {
    element = (
      <BarChart width={width} height={height} data={rows} layout="vertical" margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
        {grid}
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} tickFormatter={tick} />
        <YAxis type="category" dataKey="x" width={160} tick={{ fontSize: 11 }} />
        {chart.series.map((s, i) => (
          <Bar key={s} dataKey={s} fill={SERIES_COLOURS[i]} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  } else {
    element = (
      <BarChart width={width} height={height} data={rows} margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
        {grid}
        <XAxis dataKey="x" tick={{ fontSize: 11 }} minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={valueWidth} tickFormatter={tick} />
        {chart.series.map((s, i) => (
          <Bar key={s} dataKey={s} fill={SERIES_COLOURS[i]} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  }
  const markup = renderToStaticMarkup(element);
  // Only the <svg>: recharts' wrapper div has a fixed pixel width; the page scales the SVG by its viewBox.
  const svg = markup.slice(markup.indexOf("<svg"), markup.lastIndexOf("</svg>") + 6);
  return compactSvg(svg).replace("<svg ", '<svg aria-hidden="true" focusable="false" ');
}

const GRID = ' stroke-dasharray="3 3" stroke="#e2e8f0" fill="none"';
const AXIS_LINE = ' stroke="#666" fill="none"';

/**
 * recharts' markup made about a third as long, drawing the same picture. A report page carries
 * each chart twice (in the HTML and in the page's data for hydration), and its size is most of
 * what the server spends on a dashboard (rendering, escaping, compressing: issue 15's p95 at 8
 * concurrent requests). Dropped: class names (no stylesheet uses them; `recharts-bar-rectangle`
 * stays on drawn bars), the layout attributes recharts copies onto every <line>/<text>/<path>
 * that SVG ignores there, empty groups (zero-height bars), empty <title>/<desc>; the grid's and
 * axes' shared stroke moves to their group (SVG inherits it); long fractions rounded to 0.1 px.
 */
export function compactSvg(svg: string): string {
  return (
    svg
      .replace('<g class="recharts-cartesian-grid">', `<g${GRID}>`)
      .replace(/<g class="recharts-layer recharts-cartesian-axis recharts-([xy])Axis [xy]Axis">/g, `<g${AXIS_LINE}>`)
      .replace(/<(line|text)( [^>]*)>/g, (_m, tag: string, attrs: string) => {
        let a = attrs.replace(/ (orientation|width|height)="[^"]*"/g, "");
        if (tag === "line")
          a = a
            .replace(/ (x|y)="[^"]*"/g, "")
            .replace(GRID, "")
            .replace(AXIS_LINE, "");
        return `<${tag}${a}>`;
      })
      .replace(/<path( [^>]*)>/g, (_m, attrs: string) => `<path${attrs.replace(/ (x|y|width|height|radius)="[^"]*"/g, "")}>`)
      .replace(/ class="([^"]*)"/g, (_m, names: string) =>
        names.includes("recharts-bar-rectangle") ? ' class="recharts-bar-rectangle"' : "",
      )
      .replace("<title></title><desc></desc>", "")
      .replace(/="([^"]*)"/g, (_m, v: string) => `="${v.replace(/-?\d+\.\d{4,}/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`)
      // Empty groups, innermost first, until none is left.
      .replace(/(<g(?: [^>]*)?><\/g>)+/g, "")
      .replace(/(<g(?: [^>]*)?><\/g>)+/g, "")
  );
}
