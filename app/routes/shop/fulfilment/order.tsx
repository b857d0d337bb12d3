import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { OrderStatusBadge, OrderSummary, OrderTimeline, CancelOrderCard } from "~/components/shop";
import { Button, Card, FormErrors, Notice, PageHeader, TextField, errorsOf, valuesOf, IntentCard } from "~/components/ui";
import { cancelSchema, shipSchema } from "~/domain/shop/forms";
import { approveOrder, cancelOrder, getOrder, markDelivered, shipOrder } from "~/domain/shop/orders.server";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/order";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.orders.view");
  return { ...orNotFound(await getOrder(await getDb(), actor, params.orderId)), canFulfil: can(actor.role, "shop.fulfil") };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const id = params.orderId;
  return dispatchIntent(request, context, "shop.fulfil", {
    approve: {
      run: async (actor) => {
        await approveOrder(db, actor, id);
        return { ok: true as const, done: "approved" };
      },
    },
    ship: {
      run: async (actor, formData) => {
        await shipOrder(db, actor, id, parseForm(shipSchema, formData));
        return { ok: true as const, done: "shipped" };
      },
    },
    deliver: {
      run: async (actor) => {
        await markDelivered(db, actor, id);
        return { ok: true as const, done: "delivered" };
      },
    },
    cancel: {
      run: async (actor, formData) => {
        await cancelOrder(db, actor, id, parseForm(cancelSchema, formData).reason || null);
        return { ok: true as const, done: "cancelled" };
      },
    },
  });
}

export default function FulfilmentOrder() {
  const { order, lines, buyerName, buyerEmail, canFulfil } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const scoped = (intent: string) => (v.intent === intent ? errors : undefined);
  const open = order.kind === "physical" && (order.status === "placed" || order.status === "approved");
  return (
    <>
      <PageHeader
        title={t("shop.order.number", { number: `#${order.number}` })}
        subtitle={
          <Link to={`/shop/fulfilment?status=${order.status}`} className="text-brand-600 underline">
            {t("shop.fulfilment.back")}
          </Link>
        }
        actions={<OrderStatusBadge status={order.status} />}
      />
      {result && "done" in result ? <Notice>{t(`shop.fulfilment.done.${result.done}`)}</Notice> : null}
      <FormErrors errors={errors} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="mb-1 text-lg font-semibold">{buyerName}</h2>
          <p className="mb-3 text-sm text-slate-600">{buyerEmail}</p>
          <OrderSummary order={order} lines={lines} showSku />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("shop.order.progress")}</h2>
          <OrderTimeline order={order} />
        </Card>
        {canFulfil && order.kind === "physical" ? (
          <>
            {order.status === "placed" ? (
              <IntentCard intent="approve" label={t("shop.fulfilment.approve")} hint={t("shop.fulfilment.approve_hint")} disabled={busy} />
            ) : null}
            {order.status === "approved" ? (
              <Card>
                <h2 className="mb-3 text-lg font-semibold">{t("shop.fulfilment.ship")}</h2>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="ship" />
                  <TextField label={t("shop.fulfilment.carrier")} name="carrier" defaultValue={v.carrier ?? ""} errors={scoped("ship")} />
                  <TextField
                    label={t("shop.fulfilment.tracking")}
                    name="trackingNumber"
                    defaultValue={v.trackingNumber ?? ""}
                    errors={scoped("ship")}
                  />
                  <Button type="submit" disabled={busy}>
                    {t("shop.fulfilment.mark_shipped")}
                  </Button>
                </Form>
              </Card>
            ) : null}
            {order.status === "shipped" ? (
              <IntentCard intent="deliver" label={t("shop.fulfilment.mark_delivered")} variant="secondary" disabled={busy} />
            ) : null}
            {open ? (
              <CancelOrderCard
                hint={t("shop.fulfilment.cancel_hint", { count: order.totalPoints })}
                reasonLabel={t("shop.fulfilment.cancel_reason")}
                defaultReason={v.reason ?? ""}
                errors={scoped("cancel")}
                disabled={busy}
              />
            ) : null}
          </>
        ) : null}
      </div>
    </>
  );
}
