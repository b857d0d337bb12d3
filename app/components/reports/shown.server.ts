import type { Translate } from "~/i18n/translate";
import type { Section } from "~/domain/reports/types";
import { renderChart } from "./chart.server";
import type { ShownSection } from "./dashboard";

/** Sections with each table's chart drawn (labels in the reader's language). */
export function withCharts(sections: Section[], t: Translate): ShownSection[] {
  return sections.map((s) => ({
    ...s,
    tables: s.tables.map((table) => {
      const xFormat = table.columns.find((c) => c.key === table.chart?.x)?.format;
      return { ...table, svg: renderChart(table, (v) => (xFormat === "key" ? t(v) : v)) };
    }),
  }));
}
