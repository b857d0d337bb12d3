import { renderToStaticMarkup } from "react-dom/server";
import type { Table } from "~/domain/reports/types";
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

export async function renderChart(table: Table, label: (value: string) => string): Promise<string | null> {
  const chart = table.chart;
  if (!chart || table.rows.length === 0) return null;
  const rows = (chart.horizontal ? table.rows.slice(0, MAX_BARS) : table.rows).map((r) => {
    const point: Record<string, string | number> = { x: label(String(r.cells[chart.x] ?? "")) };
    for (const s of chart.series) point[s] = Number(r.cells[s] ?? 0);
    return point;
  });
  const key = JSON.stringify([chart, rows]);
  const known = memo.get(key);
  if (known !== undefined) {
    // Most recently used last, so the oldest is the first to go.
    memo.delete(key);
    memo.set(key, known);
    return known;
  }
  const svg = draw(await loadCharts(), chart, rows);
  memo.set(key, svg);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  return svg;
}

function draw(
  { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis }: typeof import("recharts"),
  chart: NonNullable<Table["chart"]>,
  rows: Array<Record<string, string | number>>,
): string {
  const width = 640;
  const height = chart.horizontal ? Math.max(120, 28 * rows.length + 40) : 240;
  const grid = <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />;
  let element: React.ReactElement;
  if (chart.kind === "line") {
    element = (
      <LineChart width={width} height={height} data={rows} margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
        {grid}
        <XAxis dataKey="x" tick={{ fontSize: 11 }} minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
        {chart.series.map((s, i) => (
          <Line key={s} dataKey={s} stroke={SERIES_COLOURS[i]} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    );
  } else if (chart.horizontal) {
    element = (
      <BarChart width={width} height={height} data={rows} layout="vertical" margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
        {grid}
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
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
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
        {chart.series.map((s, i) => (
          <Bar key={s} dataKey={s} fill={SERIES_COLOURS[i]} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  }
  const markup = renderToStaticMarkup(element);
  // Only the <svg>: recharts' wrapper div has a fixed pixel width; the page scales the SVG by its viewBox.
  const svg = markup.slice(markup.indexOf("<svg"), markup.lastIndexOf("</svg>") + 6);
  return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ');
}
