import { useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { OrderStatusBadge, Points, ShopTabs } from "~/components/shop";
import { Card, Notice, PageHeader } from "~/components/ui";
import { cartCount } from "~/domain/shop/cart.server";
import { listMyOrders } from "~/domain/shop/orders.server";
import { getBalance } from "~/domain/points/ledger.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/orders";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.browse");
  const db = await getDb();
  const [orders, balance, count] = await Promise.all([listMyOrders(db, actor), getBalance(db, actor.id), cartCount(db, actor)]);
  return { orders, balance, cartCount: count };
}

export default function MyOrders() {
  const { orders, balance, cartCount } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader
        title={t("shop.orders.title")}
        subtitle={
          <span data-testid="balance">
            {t("shop.your_balance")}: <Points value={balance} className="font-semibold text-slate-900" />
          </span>
        }
      />
      <ShopTabs cartCount={cartCount} />
      {params.get("placed") ? <Notice>{t("shop.orders.placed_several")}</Notice> : null}
      {orders.length ? (
        <ul className="space-y-3">
          {orders.map((o) => (
            <li key={o.id}>
              <Link
                to={`/shop/orders/${o.id}`}
                className="block rounded-xl border border-slate-200 bg-white p-3 shadow-sm hover:border-brand-600"
                data-testid="order-row"
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium">{t("shop.order.number", { number: `#${o.number}` })}</span>
                  <OrderStatusBadge status={o.status} />
                </div>
                <p className="mt-1 text-sm text-slate-700">
                  {o.firstItem}
                  {o.items > 1 ? ` ${t("shop.orders.and_more", { count: o.items - 1 })}` : ""}
                </p>
                <p className="mt-1 flex justify-between text-sm text-slate-600">
                  <span>{f.date(o.placedAt)}</span>
                  <Points value={o.totalPoints} />
                </p>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <Card>
          <p className="text-slate-700">{t("shop.orders.empty")}</p>
          <Link to="/shop" className="mt-2 inline-flex min-h-11 items-center font-medium text-brand-600 underline">
            {t("shop.browse")}
          </Link>
        </Card>
      )}
    </>
  );
}
