import { Link, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { Points } from "~/components/shop";
import { Badge, Card, PageHeader, Table } from "~/components/ui";
import { listRewardsForAdmin } from "~/domain/shop/manage.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/rewards";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "shop.manage");
  return { rewards: await listRewardsForAdmin(await getDb()) };
}

const linkButton = "inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-medium";

export default function ManageRewards() {
  const { rewards } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const now = Date.now();
  return (
    <>
      <PageHeader
        title={t("shop.manage.title")}
        subtitle={t("shop.manage.subtitle")}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link to="/shop/manage/categories" className={`${linkButton} border border-slate-300 bg-white`}>
              {t("shop.manage.categories")}
            </Link>
            <Link to="/shop/manage/new" className={`${linkButton} bg-brand-600 text-white`}>
              {t("shop.manage.new")}
            </Link>
          </div>
        }
      />
      <Card>
        <Table
          head={[
            t("shop.manage.reward"),
            t("shop.manage.category"),
            t("shop.manage.price"),
            t("shop.manage.stock"),
            t("shop.manage.visibility"),
            t("shop.manage.state"),
          ]}
        >
          {rewards.map((r) => {
            const upcoming = r.activeFrom && new Date(r.activeFrom).getTime() > now;
            const ended = r.activeUntil && new Date(r.activeUntil).getTime() <= now;
            return (
              <tr key={r.id}>
                <td className="px-3 py-2">
                  <Link to={`/shop/manage/rewards/${r.id}`} className="font-medium text-brand-600 underline">
                    {r.name}
                  </Link>
                  {r.kind === "digital" ? (
                    <span className="ml-2">
                      <Badge tone="blue">{t("shop.kind.digital")}</Badge>
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2">{r.categoryEn}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <Points value={r.pointsPrice} />
                </td>
                <td className="px-3 py-2">
                  {r.stock <= 0 ? <Badge tone="red">{f.number(r.stock)}</Badge> : f.number(r.stock)}
                  {r.variants > 1 ? (
                    <span className="ml-1 text-xs text-slate-500">{t("shop.manage.variants_count", { count: r.variants })}</span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-xs">
                  {r.tiers.length ? r.tiers.map((x) => t(`tier.${x}`)).join(", ") : t("shop.manage.all_tiers")}
                  <br />
                  {r.roles.length ? r.roles.map((x) => t(`role.${x}`)).join(", ") : t("shop.manage.all_roles")}
                </td>
                <td className="px-3 py-2">
                  {!r.active ? (
                    <Badge tone="slate">{t("shop.manage.hidden")}</Badge>
                  ) : upcoming ? (
                    <Badge tone="amber">{t("shop.manage.from", { date: f.date(r.activeFrom!) })}</Badge>
                  ) : ended ? (
                    <Badge tone="slate">{t("shop.manage.ended")}</Badge>
                  ) : (
                    <Badge tone="green">{t("shop.manage.on_sale")}</Badge>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      </Card>
    </>
  );
}
