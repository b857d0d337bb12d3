import { sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { placeOnBoard } from "~/domain/contests/contests.server";
import { bounds, type Periods } from "./period";
import { inScope, num, query } from "./sql.server";
import type { ReportScope, Section } from "./types";

/**
 * Contest standings of the partner's people (or the partner, in team contests) in the contests
 * that ran during the period. The place is the board's (placeOnBoard: score bands, then the
 * entries of the same score reached earlier), as on the contest page and /home.
 */
export async function readContests(db: Queryable, scope: ReportScope, periods: Periods): Promise<Section> {
  const { start, end } = bounds(periods.current);
  const rows = await query<{
    contest_id: string;
    contest: string;
    participant_id: string;
    name: string;
    score: string;
    place: string;
    of: string | null;
  }>(
    db,
    sql`select k.id as contest_id, k.name as contest, s.participant_id,
        coalesce(u.name, o.name, '') as name, s.score,
        ${placeOnBoard(sql`s.contest_id`, "s")} as place,
        n.participants as of
      from contests k
      join contest_scores s on s.contest_id = k.id
      left join users u on k.ranking = 'individual' and u.id = s.participant_id
      left join organisations o on k.ranking = 'team' and o.id = s.participant_id
      left join contest_participant_counts n on n.contest_id = k.id
      where k.starts_at < ${end.toISOString()} and k.ends_at >= ${start.toISOString()} ${inScope(scope, "s.organisation_id")}
      order by k.ends_at desc, k.id, place limit 200`,
  );
  return {
    id: "contests",
    title: "reports.contests.title",
    figures: [
      {
        id: "entered",
        label: "reports.contests.entered",
        format: "number",
        value: new Set(rows.map((r) => r.participant_id)).size,
      },
      {
        id: "best",
        label: "reports.contests.best",
        format: "number",
        value: rows.length ? Math.min(...rows.map((r) => num(r.place))) : 0,
      },
    ],
    tables: [
      {
        id: "standings",
        title: "reports.contests.standings",
        columns: [
          { key: "contest", label: "reports.col.contest", format: "text" },
          { key: "person", label: "reports.col.person", format: "text" },
          { key: "score", label: "reports.col.score", format: "number" },
          { key: "place", label: "reports.col.place", format: "number" },
          { key: "of", label: "reports.col.of", format: "number" },
        ],
        rows: rows.map((r) => ({
          cells: { contest: r.contest, person: r.name, score: num(r.score), place: num(r.place), of: num(r.of) },
          rows: { figure: "contest_entries", key: `${r.contest_id}:${r.participant_id}` },
        })),
        chart: { kind: "bar", x: "person", series: ["score"], horizontal: true },
        empty: "reports.contests.none",
      },
    ],
  };
}
