import { PageLinks } from "~/components/paging";
import { Badge, Card, PageHeader, Table } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import type { TeamPointsRow } from "~/domain/points/team-points.server";

/** A row as the server module builds it; after the loader its date may arrive as a string. */
type Row = Omit<TeamPointsRow, "lastActivity" | "email"> & { lastActivity: Date | string | null };

export type TeamPointsData = {
  organisation: { id: string; name: string };
  warningDays: number;
  rows: Row[];
  totals: { balance: number; earned: number; spent: number; expiringSoon: number };
  /** Links to the next page and back to the first (the whole team's totals stay on every page). */
  pages: { next: string | null; first: string | null };
};

/** Points per employee of one partner, read-only, with the CSV of the same table. */
export function TeamPointsTable({ data }: { data: TeamPointsData }) {
  const t = useT();
  const f = useFormat();
  const num = "px-3 py-2 text-right tabular-nums";
  return (
    <>
      <PageHeader
        title={t("team_points.title")}
        subtitle={`${data.organisation.name} · ${t("team_points.subtitle")}`}
        actions={
          // A plain link: the browser downloads the file instead of the router fetching it.
          <a
            href={`/organisations/${data.organisation.id}/points.csv`}
            download
            className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50"
          >
            {t("team_points.csv")}
          </a>
        }
      />
      <Card>
        {data.rows.length ? (
          <Table
            head={[
              t("team_points.col.person"),
              t("team_points.col.balance"),
              t("team_points.col.earned"),
              t("team_points.col.spent"),
              t("team_points.col.expiring", { count: data.warningDays }),
              t("team_points.col.last_activity"),
            ]}
          >
            {data.rows.map((r) => (
              <tr key={r.id} className={r.status === "deactivated" ? "text-slate-500" : ""}>
                <td className="px-3 py-2">
                  <span className="block font-medium">{r.name}</span>
                  <span className="text-xs text-slate-500">
                    {t(`role.${r.role}`)}
                    {r.status !== "active" ? (
                      <>
                        {" "}
                        <Badge tone={r.status === "invited" ? "amber" : "slate"}>{t(`people.status.${r.status}`)}</Badge>
                      </>
                    ) : null}
                  </span>
                </td>
                <td className={`${num} font-semibold`}>{f.points(r.balance)}</td>
                <td className={num}>{f.points(r.earned)}</td>
                <td className={num}>{f.points(r.spent)}</td>
                <td className={`${num} ${r.expiringSoon > 0 ? "text-amber-800" : ""}`}>{f.points(r.expiringSoon)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{r.lastActivity ? f.date(r.lastActivity) : "—"}</td>
              </tr>
            ))}
            <tr className="border-t-2 border-slate-300 font-semibold">
              <td className="px-3 py-2" data-label="">
                {t("team_points.total")}
              </td>
              <td className={num}>{f.points(data.totals.balance)}</td>
              <td className={num}>{f.points(data.totals.earned)}</td>
              <td className={num}>{f.points(data.totals.spent)}</td>
              <td className={num}>{f.points(data.totals.expiringSoon)}</td>
              <td />
            </tr>
          </Table>
        ) : (
          <p className="text-sm text-slate-600">{t("team_points.empty")}</p>
        )}
        <PageLinks next={data.pages.next} first={data.pages.first} />
        <p className="mt-4 text-xs text-slate-500">{t("team_points.explain")}</p>
      </Card>
    </>
  );
}
