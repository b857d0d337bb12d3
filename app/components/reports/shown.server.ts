import type { Translate } from "~/i18n/translate";
import type { Section } from "~/domain/reports/types";
import { renderChart } from "./chart.server";
import type { ShownSection } from "./dashboard";

/** Sections with each table's chart drawn (labels in the reader's language). */
export async function withCharts(sections: Section[], t: Translate): Promise<ShownSection[]> {
  return Promise.all(
    sections.map(async (s) => ({
      ...s,
      tables: await Promise.all(
        s.tables.map(async (table) => {
          const xFormat = table.columns.find((c) => c.key === table.chart?.x)?.format;
          return { ...table, svg: await renderChart(table, (v) => (xFormat === "key" ? t(v) : v)) };
        }),
      ),
    })),
  );
}
