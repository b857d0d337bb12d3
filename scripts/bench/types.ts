import type postgres from "postgres";

/** What every bench dataset gets: a direct connection to the bench database and the scale. */
export type BenchContext = { sql: postgres.Sql; participants: number };

/** A page the load generator drives; `as` is the user id whose session cookie it carries. */
export type BenchPage = {
  name: string;
  path: string;
  as?: string;
  /** Text the page must contain (checked once before the load), so a bench never measures an error page. */
  expect?: string | RegExp;
  /** Signed-in pages are held to the throughput, latency and statement goals. */
  signedIn: boolean;
};

/**
 * One bench dataset in its own file (scripts/bench/*.ts), listed in scripts/bench.ts: it fills
 * the database once, then names the pages to measure. Datasets share the organisations and
 * people the core dataset makes (ids in scripts/bench/core.ts).
 */
export type BenchDataset = {
  name: string;
  seed(ctx: BenchContext): Promise<void>;
  pages(ctx: BenchContext): BenchPage[];
};
