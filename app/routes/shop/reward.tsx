import { pageMeta } from "~/lib/page-meta";
import { useState } from "react";
import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { resolveLocale } from "~/i18n/locale.server";
import { Points, PointsToGo, RewardImage, ShopTabs, WishButton } from "~/components/shop";
import { Badge, Button, Card, FormErrors, TextField, errorsOf, valuesOf } from "~/components/ui";
import { addToCart, cartCount } from "~/domain/shop/cart.server";
import { addToWishlist, getReward, removeFromWishlist } from "~/domain/shop/rewards.server";
import { addToCartSchema } from "~/domain/shop/forms";
import { variantLabel } from "~/domain/shop/text";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { missingCourses } from "~/domain/gates/requirements.server";
import { CoursesToUnlock } from "~/components/gates/courses-to-unlock";
import { WorthAbout } from "~/components/fair";
import { fairSettings, fairnessOf } from "~/domain/shop/fair.server";
import type { Route } from "./+types/reward";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.browse");
  const db = await getDb();
  const reward = orNotFound(await getReward(db, actor, params.rewardId, resolveLocale(request, actor)));
  const [count, missing, settings] = await Promise.all([
    cartCount(db, actor),
    missingCourses(db, actor.id, "reward", [reward.reward.id]),
    fairSettings(db),
  ]);
  // Only the rounded value goes to the page: the retail price and margin are the admin's business.
  const { worthAboutMinor, currency } = fairnessOf(settings, reward.reward);
  return {
    ...reward,
    pageTitle: { name: reward.reward.name },
    cartCount: count,
    locked: missing.get(reward.reward.id) ?? [],
    worth: { minor: worthAboutMinor, currency },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "shop.browse", {
    wish: {
      run: async (actor) => {
        await addToWishlist(db, actor, params.rewardId);
        return { ok: true as const };
      },
    },
    unwish: {
      run: async (actor) => {
        await removeFromWishlist(db, actor, params.rewardId);
        return { ok: true as const };
      },
    },
    add: {
      run: async (actor, formData) => {
        const input = parseForm(addToCartSchema, formData);
        await addToCart(db, actor, input);
        // Said in the message bar near the thumb, where a phone shows it; the badge on "Shop" counts up.
        return {
          ok: true as const,
          added: input.quantity,
          flash: { key: "shop.added_to_cart", vars: { count: input.quantity }, link: { to: "/shop/cart", key: "shop.go_to_cart" } },
        };
      },
    },
  });
}

export default function RewardPage() {
  const { reward, category, variants, wished, balance, cartCount, locked, worth } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const [image, setImage] = useState(0);
  const title = reward.name;
  const description = reward.description;
  const inStock = variants.filter((x) => x.stock > 0);
  const single = variants.length === 1 && !variantLabel(variants[0]);
  return (
    <>
      <ShopTabs cartCount={cartCount} />
      <FormErrors errors={errors} />
      <div className="grid gap-4 md:grid-cols-2">
        <div className="mx-auto w-full max-w-72 md:max-w-none">
          <RewardImage src={reward.images[image]} alt={title} />
          {reward.images.length > 1 ? (
            <ul className="mt-2 flex gap-2">
              {reward.images.map((src, i) => (
                <li key={src}>
                  <button
                    type="button"
                    onClick={() => setImage(i)}
                    aria-label={t("shop.picture", { count: i + 1 })}
                    aria-pressed={i === image}
                    className="block w-16 rounded-lg border-2 border-transparent aria-pressed:border-brand-600"
                  >
                    <RewardImage src={src} alt="" />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div>
          <p className="text-sm text-slate-600">{category.nameEn}</p>
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <p className="mt-2 text-xl font-semibold text-brand-700">
            <Points value={reward.pointsPrice} />
          </p>
          <WorthAbout minor={worth.minor} currency={worth.currency} explain />
          <div className="mt-2 flex flex-wrap gap-2">
            <Badge tone="blue">{t(reward.kind === "digital" ? "shop.kind.digital_long" : "shop.kind.physical_long")}</Badge>
            {!inStock.length ? <Badge tone="red">{t("shop.sold_out_badge")}</Badge> : null}
          </div>
          <div className="mt-3">
            <PointsToGo price={reward.pointsPrice} balance={balance} />
            <p className="mt-1 text-sm text-slate-600">
              {t("shop.your_balance")}: <Points value={balance} />
            </p>
          </div>
          {description ? <p className="mt-4 whitespace-pre-line text-slate-800">{description}</p> : null}
          <CoursesToUnlock courses={locked} kind="reward" />

          <Card className="mt-4">
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="add" />
              {single ? (
                <input type="hidden" name="variantId" value={variants[0].id} />
              ) : (
                <fieldset className="mb-4">
                  <legend className="mb-1 text-sm font-medium text-slate-700">{t("shop.choose_option")}</legend>
                  <ul className="flex flex-wrap gap-2">
                    {variants.map((x) => (
                      <li key={x.id}>
                        <label
                          className={`inline-flex min-h-11 items-center gap-2 rounded-lg border px-3 text-sm ${x.stock > 0 ? "cursor-pointer border-slate-300 has-checked:border-brand-600 has-checked:bg-brand-50" : "border-slate-200 text-slate-400 line-through"}`}
                        >
                          <input type="radio" name="variantId" value={x.id} disabled={x.stock <= 0} defaultChecked={v.variantId === x.id} />
                          {variantLabel(x)}
                        </label>
                      </li>
                    ))}
                  </ul>
                  {errors.variantId ? (
                    <p role="alert" className="mt-1 text-sm text-red-700">
                      {errors.variantId.map((m) => t(m.key, m.vars)).join(" ")}
                    </p>
                  ) : null}
                </fieldset>
              )}
              {!single || variants[0].stock > 0 ? (
                <>
                  <TextField
                    label={t("shop.quantity")}
                    name="quantity"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={10}
                    defaultValue={v.quantity ?? "1"}
                    errors={errors}
                    className="max-w-32"
                  />
                  <Button type="submit" disabled={busy || !inStock.length || locked.length > 0}>
                    {t("shop.add_to_cart")}
                  </Button>
                </>
              ) : (
                <p className="text-sm text-slate-700">{t("shop.sold_out_wish")}</p>
              )}
            </Form>
          </Card>
          <div className="mt-3">
            <WishButton rewardId={reward.id} name={title} wished={wished} action={`/shop/rewards/${reward.id}`} withLabel />
          </div>
        </div>
      </div>
    </>
  );
}
