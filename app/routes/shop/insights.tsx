import { useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { Points } from "~/components/shop";
import { Badge, Card, PageHeader, Table } from "~/components/ui";
import { hobbyInsights } from "~/domain/shop/insights.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/insights";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "shop.insights");
  return hobbyInsights(await getDb());
}

/** Which hobbies participants chose and what each category redeems, to plan the assortment. */
export default function Insights() {
  const { categories, participants, answered, chose, pointsTotal } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const maxChosen = Math.max(1, ...categories.map((c) => c.participants));
  const pct = (n: number, of: number) => (of ? Math.round((n * 100) / of) : 0);
  return (
    <>
      <PageHeader
        title={t("shop.insights.title")}
        subtitle={t("shop.insights.subtitle")}
        actions={
          <a
            href="/shop/insights.csv"
            download
            className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium"
          >
            {t("shop.insights.csv")}
          </a>
        }
      />
      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-600">{t("shop.insights.answered")}</p>
          <p className="text-2xl font-semibold">
            {f.number(answered)} / {f.number(participants)}
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">{t("shop.insights.chose")}</p>
          <p className="text-2xl font-semibold">{f.number(chose)}</p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">{t("shop.insights.redeemed")}</p>
          <p className="text-2xl font-semibold">
            <Points value={pointsTotal} />
          </p>
        </Card>
      </div>
      <Card>
        <Table
          head={[
            t("shop.manage.category"),
            t("shop.insights.participants"),
            t("shop.insights.rewards"),
            t("shop.insights.orders"),
            t("shop.insights.units"),
            t("shop.insights.points"),
            t("shop.insights.points90"),
          ]}
        >
          {categories.map((c) => (
            <tr key={c.id} data-testid={`insight-${c.slug}`}>
              <td className="px-3 py-2 font-medium">
                {c.nameEn} {!c.active ? <Badge tone="slate">{t("shop.manage.hidden")}</Badge> : null}
              </td>
              <td className="min-w-40 px-3 py-2">
                <div className="flex items-center gap-2">
                  <div className="h-2 flex-1 rounded-full bg-slate-100" aria-hidden="true">
                    <div className="h-2 rounded-full bg-brand-600" style={{ width: `${(c.participants * 100) / maxChosen}%` }} />
                  </div>
                  <span className="w-20 text-right text-sm" data-testid="participants">
                    {f.number(c.participants)} ({pct(c.participants, chose)}%)
                  </span>
                </div>
              </td>
              <td className="px-3 py-2">{f.number(c.rewards)}</td>
              <td className="px-3 py-2">{f.number(c.orders)}</td>
              <td className="px-3 py-2">{f.number(c.units)}</td>
              <td className="px-3 py-2 whitespace-nowrap" data-testid="points">
                {f.number(c.points)} <span className="text-xs text-slate-500">({pct(c.points, pointsTotal)}%)</span>
              </td>
              <td className="px-3 py-2">{f.number(c.points90)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
