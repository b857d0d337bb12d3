import { Form, NavLink, useFetcher } from "react-router";
import type { OrderStatus } from "@db/schema/shop";
import { Badge, Button, Card, TextField } from "~/components/ui";
import type { FieldErrors } from "~/lib/form-types";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { pointsToGo, progressPercent } from "~/domain/shop/text";

/** Sub-navigation of the participant's shop, at the top of each shop page. */
export function ShopTabs({ cartCount }: { cartCount?: number }) {
  const t = useT();
  const tabs = [
    { to: "/shop", label: t("shop.tab.rewards"), end: true },
    { to: "/shop/wishlist", label: t("shop.tab.wishlist") },
    { to: "/shop/cart", label: cartCount ? t("shop.tab.cart_count", { count: cartCount }) : t("shop.tab.cart") },
    { to: "/shop/orders", label: t("shop.tab.orders") },
  ];
  return (
    <nav aria-label={t("shop.tab.label")} className="-mx-4 mb-4 overflow-x-auto px-4">
      <ul className="flex gap-2">
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end={tab.end}
              className={({ isActive }) =>
                `inline-flex min-h-11 min-w-11 items-center justify-center rounded-full border px-4 text-sm whitespace-nowrap ${isActive ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700"}`
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Points({ value, className = "" }: { value: number; className?: string }) {
  const t = useT();
  return <span className={className}>{t("shop.points", { count: value })}</span>;
}

export function RewardImage({ src, alt, className = "" }: { src: string | null | undefined; alt: string; className?: string }) {
  return src ? (
    <img
      src={src}
      alt={alt}
      // Square pictures: the browser keeps their room before they arrive, so nothing jumps on a phone.
      width={400}
      height={400}
      loading="lazy"
      decoding="async"
      className={`aspect-square w-full rounded-lg bg-slate-100 object-cover ${className}`}
    />
  ) : (
    <div aria-hidden="true" className={`aspect-square w-full rounded-lg bg-slate-100 ${className}`} />
  );
}

/** "1,200 points to go" with a bar, or "You can get this now". */
export function PointsToGo({ price, balance }: { price: number; balance: number }) {
  const t = useT();
  const togo = pointsToGo(price, balance);
  const pct = progressPercent(price, balance);
  return (
    <div>
      <div
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={t("shop.progress")}
      >
        <div className={`h-full ${togo ? "bg-amber-500" : "bg-emerald-500"}`} style={{ width: `${pct}%` }} />
      </div>
      <p className={`mt-1 text-sm ${togo ? "text-slate-700" : "font-medium text-emerald-700"}`} data-testid="points-to-go">
        {togo ? t("shop.points_to_go", { count: togo }) : t("shop.can_get_now")}
      </p>
    </div>
  );
}

const statusTone: Record<OrderStatus, "slate" | "green" | "amber" | "red" | "blue"> = {
  placed: "amber",
  approved: "blue",
  shipped: "blue",
  delivered: "green",
  cancelled: "red",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = useT();
  return <Badge tone={statusTone[status]}>{t(`shop.status.${status}`)}</Badge>;
}

type TimelineOrder = {
  kind: "physical" | "digital";
  status: OrderStatus;
  placedAt: string | Date;
  approvedAt: string | Date | null;
  shippedAt: string | Date | null;
  deliveredAt: string | Date | null;
  cancelledAt: string | Date | null;
  carrier: string | null;
  trackingNumber: string | null;
  cancelReason: string | null;
};

/** Where the order is: each step with its date, the next ones greyed out. */
export function OrderTimeline({ order }: { order: TimelineOrder }) {
  const t = useT();
  const f = useFormat();
  const steps: Array<{ key: string; at: string | Date | null; note?: string }> =
    order.kind === "digital"
      ? [
          { key: "placed", at: order.placedAt },
          { key: "delivered_digital", at: order.deliveredAt },
        ]
      : [
          { key: "placed", at: order.placedAt },
          ...(order.status === "cancelled"
            ? [{ key: "cancelled", at: order.cancelledAt, note: order.cancelReason ?? undefined }]
            : [
                { key: "approved", at: order.approvedAt },
                {
                  key: "shipped",
                  at: order.shippedAt,
                  note: order.trackingNumber
                    ? t("shop.tracking_line", { carrier: order.carrier ?? "", tracking: order.trackingNumber })
                    : undefined,
                },
                { key: "delivered", at: order.deliveredAt },
              ]),
        ];
  return (
    <ol className="space-y-3">
      {steps.map((s) => (
        <li key={s.key} className="flex gap-3">
          <span
            aria-hidden="true"
            className={`mt-1 h-3 w-3 shrink-0 rounded-full ${s.at ? (s.key === "cancelled" ? "bg-red-500" : "bg-emerald-500") : "bg-slate-300"}`}
          />
          <div>
            <p className={s.at ? "font-medium" : "text-slate-500"}>{t(`shop.step.${s.key}`)}</p>
            {s.at ? <p className="text-sm text-slate-600">{f.dateTime(s.at)}</p> : null}
            {s.note ? <p className="text-sm text-slate-700">{s.note}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

/**
 * The heart on a reward. Posts to the shop's wish action without leaving the page and shows
 * the new state at once, so a slow network does not make people tap twice.
 */
export function WishButton({
  rewardId,
  name,
  wished,
  action = "/shop?index",
  withLabel = false,
}: {
  rewardId: string;
  name: string;
  wished: boolean;
  action?: string;
  withLabel?: boolean;
}) {
  const fetcher = useFetcher();
  const t = useT();
  const pending = fetcher.formData?.get("intent");
  const on = pending ? pending === "wish" : wished;
  return (
    <fetcher.Form method="post" action={action}>
      <input type="hidden" name="rewardId" value={rewardId} />
      <button
        type="submit"
        name="intent"
        value={on ? "unwish" : "wish"}
        aria-pressed={on}
        aria-label={on ? t("shop.unwish_for", { name }) : t("shop.wish_for", { name })}
        className={`inline-flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-full border px-3 text-sm ${on ? "border-rose-300 bg-rose-50 text-rose-700" : "border-slate-300 bg-white text-slate-700"}`}
      >
        <svg
          viewBox="0 0 24 24"
          className="h-5 w-5"
          fill={on ? "currentColor" : "none"}
          stroke="currentColor"
          strokeWidth={1.8}
          aria-hidden="true"
        >
          <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10Z" />
        </svg>
        <span aria-hidden="true" className={withLabel ? "" : "hidden sm:inline"}>
          {on ? t("shop.wished") : t("shop.wish")}
        </span>
      </button>
    </fetcher.Form>
  );
}

type SummaryOrder = {
  kind: "physical" | "digital";
  totalPoints: number;
  recipientName: string | null;
  phone: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
  country: string | null;
};
type SummaryLine = {
  id: string;
  rewardName: string;
  variantLabel: string;
  sku: string;
  quantity: number;
  unitPoints: number;
};

/** What was ordered, for how much, and where it goes. */
export function OrderSummary({ order, lines, showSku = false }: { order: SummaryOrder; lines: SummaryLine[]; showSku?: boolean }) {
  const t = useT();
  return (
    <>
      <ul className="divide-y divide-slate-100">
        {lines.map((l) => (
          <li key={l.id} className="flex justify-between gap-3 py-2">
            <div>
              <p className="font-medium">
                {l.quantity} × {l.rewardName}
              </p>
              {l.variantLabel ? <p className="text-sm text-slate-600">{l.variantLabel}</p> : null}
              {showSku && l.sku ? <p className="font-mono text-xs text-slate-500">{l.sku}</p> : null}
            </div>
            <Points value={l.unitPoints * l.quantity} className="shrink-0 text-sm" />
          </li>
        ))}
      </ul>
      <p className="mt-2 flex justify-between border-t border-slate-200 pt-2 font-semibold">
        <span>{t("shop.cart.total")}</span>
        <Points value={order.totalPoints} />
      </p>
      {order.kind === "physical" ? (
        <div className="mt-4 text-sm">
          <p className="font-medium">{t("shop.address.title")}</p>
          <address className="text-slate-700 not-italic">
            {order.recipientName}
            <br />
            {order.addressLine}
            <br />
            {[order.postalCode, order.city].filter(Boolean).join(" ")}, {order.country}
            {order.phone ? (
              <>
                <br />
                {order.phone}
              </>
            ) : null}
          </address>
        </div>
      ) : null}
    </>
  );
}

/** Cancelling an order, by its buyer or by fulfilment staff: what happens to the points, a reason, the button. */
export function CancelOrderCard({
  hint,
  reasonLabel,
  defaultReason,
  errors,
  disabled,
}: {
  hint: string;
  reasonLabel: string;
  defaultReason?: string;
  errors?: FieldErrors;
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <Card>
      <h2 className="mb-2 text-lg font-semibold">{t("shop.order.cancel_title")}</h2>
      <p className="mb-3 text-sm text-slate-700">{hint}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="cancel" />
        <TextField label={reasonLabel} name="reason" defaultValue={defaultReason} errors={errors} />
        <Button type="submit" variant="danger" disabled={disabled}>
          {t("shop.order.cancel")}
        </Button>
      </Form>
    </Card>
  );
}
