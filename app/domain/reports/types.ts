import type { Period } from "./period";

/**
 * What a dashboard is made of, so every section renders, exports and drills down the same way.
 * A section is one module with a read function `(db, scope, periods) => Section`; a dashboard is
 * a list of them (dashboards.server.ts). Cost-share and mystery shopping plug in as two more.
 */

/** Whose data: one partner organisation, or the whole programme (the channel team). */
export type ReportScope = {
  organisationId: string | null;
  /** The channel team's narrowing of the partner ranking: one region, and what it is ranked by. */
  region?: string | null;
  rank?: PartnerRank;
};
export const PARTNER_RANKS = ["sales", "engagement", "tier"] as const;
export type PartnerRank = (typeof PARTNER_RANKS)[number];

/** How a value is shown. Percentages are held in tenths of a percent (integers, like money). */
/** "key": the cell holds an i18n key; "days": tenths of a day. */
export type ValueFormat = "number" | "points" | "permille" | "days" | "money" | "text" | "key";

/** A link to the rows behind a figure: the drill-down figure name and its key. */
export type RowsLink = { figure: string; key?: string; period?: Period };

export type Figure = {
  id: string;
  /** i18n key of the label. */
  label: string;
  format: ValueFormat;
  value: number;
  previous?: number | null;
  lastYear?: number | null;
  rows?: RowsLink;
};

export type Column = { key: string; label: string; format: ValueFormat };
export type Cell = string | number | null;
export type TableRow = { cells: Record<string, Cell>; rows?: RowsLink };

export type Chart = {
  kind: "bar" | "line";
  /** Column of the x axis (a label) and the columns drawn. */
  x: string;
  series: string[];
  /** Horizontal bars, for long names (products, partners). */
  horizontal?: boolean;
};

export type Table = {
  id: string;
  title: string;
  columns: Column[];
  rows: TableRow[];
  chart?: Chart;
  /** i18n key of a sentence under the table (what is counted, what is left out). */
  note?: string;
  /** Shown when there are no rows. */
  empty?: string;
  /**
   * Every row belongs on the page (a time series: its rows are the chart's axis). Other tables
   * show their first rows only on a dashboard; the CSV and the drill-downs have them all.
   */
  complete?: boolean;
};

export type Section = {
  id: string;
  title: string;
  figures: Figure[];
  tables: Table[];
  /** Currency of money figures. */
  currency?: string;
};
