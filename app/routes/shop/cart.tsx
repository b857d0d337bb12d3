import { Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { Points, RewardImage, ShopTabs } from "~/components/shop";
import { Badge, Button, Card, FormErrors, PageHeader, TextField, errorsOf, valuesOf } from "~/components/ui";
import { getCart, removeFromCart, setCartQuantity } from "~/domain/shop/cart.server";
import { cartQuantitySchema, checkoutDigitalSchema, checkoutSchema, variantRefSchema } from "~/domain/shop/forms";
import { placeOrder, suggestedAddress } from "~/domain/shop/orders.server";
import { MAX_QUANTITY, variantLabel } from "~/domain/shop/text";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/cart";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.browse");
  const db = await getDb();
  const cart = await getCart(db, actor);
  return {
    ...cart,
    address: cart.hasPhysical ? await suggestedAddress(db, actor) : null,
    // One key per rendered checkout form: sending the same form twice places one order.
    checkoutKey: crypto.randomUUID(),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "shop.browse", {
    quantity: {
      run: async (actor, formData) => {
        await setCartQuantity(db, actor, parseForm(cartQuantitySchema, formData));
        return { ok: true as const };
      },
    },
    remove: {
      run: async (actor, formData) => {
        await removeFromCart(db, actor, parseForm(variantRefSchema, formData).variantId);
        return { ok: true as const };
      },
    },
    checkout: {
      run: async (actor, formData) => {
        // Whether an address is needed depends on what is in the cart now, not on the form.
        const cart = await getCart(db, actor);
        const input = cart.hasPhysical
          ? parseForm(checkoutSchema, formData)
          : { ...parseForm(checkoutDigitalSchema, formData), address: null };
        const address = "recipientName" in input ? input : null;
        const placed = await placeOrder(db, actor, { checkoutKey: input.checkoutKey, expectedTotal: input.expectedTotal, address });
        throw redirect(placed.length === 1 ? `/shop/orders/${placed[0].id}?placed=1` : "/shop/orders?placed=1");
      },
    },
  });
}

export default function Cart() {
  const { lines, total, balance, hasPhysical, address, checkoutKey, count } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const navigation = useNavigation();
  const checkingOut = navigation.state !== "idle" && navigation.formData?.get("intent") === "checkout";
  const short = total - balance;
  const unavailable = lines.some((l) => !l.available);
  return (
    <>
      <PageHeader title={t("shop.cart.title")} />
      <ShopTabs cartCount={count} />
      <FormErrors errors={errors} />
      {lines.length ? (
        <div className="grid gap-4 md:grid-cols-[1fr_22rem]">
          <ul className="space-y-3">
            {lines.map((l) => {
              const title = l.title;
              return (
                <li
                  key={l.variantId}
                  className="flex gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm"
                  data-testid="cart-line"
                >
                  <Link to={`/shop/rewards/${l.rewardId}`} className="w-20 shrink-0" aria-label={title}>
                    <RewardImage src={l.image} alt="" />
                  </Link>
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{title}</p>
                    {variantLabel(l) ? <p className="text-sm text-slate-600">{variantLabel(l)}</p> : null}
                    <p className="text-sm">
                      <Points value={l.pointsPrice} /> × {l.quantity} = <Points value={l.lineTotal} className="font-semibold" />
                    </p>
                    {!l.available ? (
                      <Badge tone="slate">{t("shop.not_available")}</Badge>
                    ) : l.stock < l.quantity ? (
                      <Badge tone="red">{t("shop.only_left", { count: l.stock })}</Badge>
                    ) : null}
                    <div className="mt-2 flex items-center gap-2">
                      <Form method="post" className="flex items-center gap-1">
                        <input type="hidden" name="intent" value="quantity" />
                        <input type="hidden" name="variantId" value={l.variantId} />
                        <Button
                          type="submit"
                          name="quantity"
                          value={l.quantity - 1}
                          variant="secondary"
                          className="min-h-11 w-11 px-0"
                          aria-label={t("shop.cart.less", { name: title })}
                        >
                          −
                        </Button>
                        <span className="w-8 text-center" aria-live="polite">
                          {l.quantity}
                        </span>
                        <Button
                          type="submit"
                          name="quantity"
                          value={l.quantity + 1}
                          variant="secondary"
                          className="min-h-11 w-11 px-0"
                          disabled={l.quantity >= MAX_QUANTITY}
                          aria-label={t("shop.cart.more", { name: title })}
                        >
                          +
                        </Button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="variantId" value={l.variantId} />
                        <button type="submit" className="min-h-11 px-2 text-sm text-red-700 underline">
                          {t("shop.remove")}
                        </button>
                      </Form>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>

          <Card>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="checkout" />
              <input type="hidden" name="checkoutKey" value={checkoutKey} />
              <input type="hidden" name="expectedTotal" value={total} />
              <dl className="mb-4 space-y-1 text-sm">
                <div className="flex justify-between">
                  <dt>{t("shop.cart.total")}</dt>
                  <dd className="font-semibold" data-testid="cart-total">
                    <Points value={total} />
                  </dd>
                </div>
                <div className="flex justify-between">
                  <dt>{t("shop.your_balance")}</dt>
                  <dd>
                    <Points value={balance} />
                  </dd>
                </div>
                <div className="flex justify-between border-t border-slate-200 pt-1">
                  <dt>{t("shop.cart.after")}</dt>
                  <dd className={short > 0 ? "text-red-700" : ""}>{short > 0 ? "—" : <Points value={balance - total} />}</dd>
                </div>
              </dl>
              {short > 0 ? (
                <p className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" role="status">
                  {t("shop.cart.short", { count: short })}
                </p>
              ) : null}
              {hasPhysical && address ? (
                <fieldset>
                  <legend className="mb-2 font-semibold">{t("shop.address.title")}</legend>
                  <TextField
                    label={t("shop.address.recipient")}
                    name="recipientName"
                    autoComplete="name"
                    defaultValue={v.recipientName ?? address.recipientName}
                    errors={errors}
                  />
                  <TextField
                    label={t("shop.address.phone")}
                    name="phone"
                    type="tel"
                    inputMode="tel"
                    autoComplete="tel"
                    defaultValue={v.phone ?? address.phone}
                    errors={errors}
                  />
                  <TextField
                    label={t("shop.address.line")}
                    name="addressLine"
                    autoComplete="street-address"
                    defaultValue={v.addressLine ?? address.addressLine}
                    errors={errors}
                  />
                  <div className="grid grid-cols-2 gap-x-3">
                    <TextField
                      label={t("shop.address.postal_code")}
                      name="postalCode"
                      autoComplete="postal-code"
                      defaultValue={v.postalCode ?? address.postalCode}
                      errors={errors}
                    />
                    <TextField
                      label={t("shop.address.city")}
                      name="city"
                      autoComplete="address-level2"
                      defaultValue={v.city ?? address.city}
                      errors={errors}
                    />
                  </div>
                  <TextField
                    label={t("shop.address.country")}
                    name="country"
                    autoComplete="country-name"
                    defaultValue={v.country ?? address.country}
                    errors={errors}
                  />
                </fieldset>
              ) : (
                <p className="mb-4 text-sm text-slate-600">{t("shop.cart.digital_only")}</p>
              )}
              <Button type="submit" className="w-full" disabled={checkingOut || short > 0 || unavailable}>
                {checkingOut ? t("shop.cart.placing") : t("shop.cart.checkout", { count: total })}
              </Button>
            </Form>
          </Card>
        </div>
      ) : (
        <Card>
          <p className="text-slate-700">{t("shop.cart.empty")}</p>
          <Link to="/shop" className="mt-2 inline-flex min-h-11 items-center font-medium text-brand-600 underline">
            {t("shop.browse")}
          </Link>
        </Card>
      )}
    </>
  );
}
