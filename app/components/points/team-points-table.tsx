import { PageLinks } from "~/components/paging";
import { useServerMarkup } from "~/components/server-markup";
import { Card, PageHeader } from "~/components/ui";
import { useT } from "~/i18n/react";

export type TeamPointsData = {
  organisation: { id: string; name: string };
  /** True when the team has nobody in it. */
  empty: boolean;
  /**
   * The table (every person's balance, earned, spent, expiring soon and last activity, and the
   * whole team's totals) as HTML written by the server (team-points-table.server.ts); null in a
   * document's loader data, where the server writes it into the page once (server-markup.tsx).
   */
  table: string | null;
  /** Links to the next page and back to the first (the whole team's totals stay on every page). */
  pages: { next: string | null; first: string | null };
};

/** Points per employee of one partner, read-only, with the CSV of the same table. */
export function TeamPointsTable({ data }: { data: TeamPointsData }) {
  const t = useT();
  const table = useServerMarkup("team-points-table", data.table);
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
        {data.empty ? (
          <p className="text-sm text-slate-600">{t("team_points.empty")}</p>
        ) : (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: written by team-points-table.server.ts, every value escaped there
          <div dangerouslySetInnerHTML={{ __html: table }} suppressHydrationWarning />
        )}
        <PageLinks next={data.pages.next} first={data.pages.first} />
        <p className="mt-4 text-xs text-slate-500">{t("team_points.explain")}</p>
      </Card>
    </>
  );
}
