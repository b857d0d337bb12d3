import { pageMeta } from "~/lib/page-meta";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { OrderStatusBadge, OrderSummary, OrderTimeline, Points, ShopTabs, CancelOrderCard } from "~/components/shop";
import { Button, Card, FormErrors, Notice, PageHeader, errorsOf, IntentCard } from "~/components/ui";
import { cartCount } from "~/domain/shop/cart.server";
import { cancelSchema } from "~/domain/shop/forms";
import { cancelOrder, getOrder, markDelivered, revealCodes } from "~/domain/shop/orders.server";
import { getBalance } from "~/domain/points/ledger.server";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/order";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.browse");
  const db = await getDb();
  const [order, balance, count] = await Promise.all([getOrder(db, actor, params.orderId), getBalance(db, actor.id), cartCount(db, actor)]);
  const found = orNotFound(order);
  return {
    ...found,
    pageTitle: { key: "shop.order.number", vars: { number: `#${found.order.number}` } },
    balance,
    cartCount: count,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "shop.browse", {
    reveal: { run: async (actor) => ({ ok: true as const, revealed: await revealCodes(db, actor, params.orderId) }) },
    received: {
      run: async (actor) => {
        await markDelivered(db, actor, params.orderId);
        return { ok: true as const, done: "received" };
      },
    },
    cancel: {
      run: async (actor, formData) => {
        const input = parseForm(cancelSchema, formData);
        await cancelOrder(db, actor, params.orderId, input.reason || null);
        return { ok: true as const, done: "cancelled" };
      },
    },
  });
}

export default function OrderPage() {
  const { order, lines, codeCount, balance, cartCount } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const revealed = result && "revealed" in result ? result.revealed : null;
  const done = result && "done" in result ? result.done : null;
  return (
    <>
      <PageHeader
        title={t("shop.order.number", { number: `#${order.number}` })}
        subtitle={
          <span data-testid="balance">
            {t("shop.your_balance")}: <Points value={balance} className="font-semibold text-slate-900" />
          </span>
        }
        actions={<OrderStatusBadge status={order.status} />}
      />
      <ShopTabs cartCount={cartCount} />
      {params.get("placed") && !done ? (
        <Notice>
          {t(order.kind === "digital" ? "shop.order.placed_digital" : "shop.order.placed", {
            points: order.totalPoints,
            count: order.totalPoints,
          })}
        </Notice>
      ) : null}
      {done ? <Notice>{t(`shop.order.done.${done}`)}</Notice> : null}
      <FormErrors errors={errors} />
      <div className="grid gap-4 md:grid-cols-2">
        {order.kind === "digital" && codeCount ? (
          <Card className="md:col-span-2">
            <h2 className="mb-2 text-lg font-semibold">{t("shop.code.title", { count: codeCount })}</h2>
            {revealed ? (
              <>
                <ul className="mb-2 space-y-2" data-testid="codes">
                  {revealed.codes.map((c, i) => (
                    <li key={i} className="rounded-lg bg-slate-100 p-3">
                      <p className="text-sm text-slate-600">{c.name}</p>
                      <p className="font-mono text-xl tracking-wider select-all">{c.code}</p>
                    </li>
                  ))}
                </ul>
                <p className="text-sm text-slate-700">{revealed.first ? t("shop.code.once") : t("shop.code.already")}</p>
              </>
            ) : order.codesRevealedAt ? (
              <p className="text-sm text-slate-700">{t("shop.code.shown_on", { date: f.dateTime(order.codesRevealedAt) })}</p>
            ) : (
              <Form method="post">
                <p className="mb-3 text-sm text-slate-700">{t("shop.code.reveal_hint")}</p>
                <Button type="submit" name="intent" value="reveal" disabled={busy}>
                  {t("shop.code.reveal")}
                </Button>
              </Form>
            )}
          </Card>
        ) : null}
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("shop.order.progress")}</h2>
          <OrderTimeline order={order} />
          {order.status === "cancelled" && order.refundEntryId ? (
            <p className="mt-3 text-sm text-emerald-700">{t("shop.order.refunded", { count: order.totalPoints })}</p>
          ) : null}
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("shop.order.items")}</h2>
          <OrderSummary order={order} lines={lines} />
        </Card>
        {order.status === "placed" ? (
          <CancelOrderCard
            hint={t("shop.order.cancel_hint", { count: order.totalPoints })}
            reasonLabel={t("shop.order.cancel_reason_optional")}
            errors={errors}
            disabled={busy}
          />
        ) : null}
        {order.status === "shipped" ? (
          <IntentCard
            intent="received"
            label={t("shop.order.received")}
            hint={t("shop.order.received_hint")}
            variant="secondary"
            disabled={busy}
          />
        ) : null}
      </div>
      <p className="mt-4 text-sm">
        <Link to="/shop/orders" className="inline-flex min-h-11 items-center text-brand-600 underline">
          {t("shop.orders.back")}
        </Link>
      </p>
    </>
  );
}
