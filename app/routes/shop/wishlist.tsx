import { Form, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { resolveLocale } from "~/i18n/locale.server";
import { Points, PointsToGo, RewardImage, ShopTabs } from "~/components/shop";
import { Badge, Button, Card, PageHeader } from "~/components/ui";
import { cartCount } from "~/domain/shop/cart.server";
import { getWishlist, removeFromWishlist } from "~/domain/shop/rewards.server";
import { rewardRefSchema } from "~/domain/shop/forms";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/wishlist";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.browse");
  const db = await getDb();
  return { ...(await getWishlist(db, actor, resolveLocale(request, actor))), cartCount: await cartCount(db, actor) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "shop.browse");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    await removeFromWishlist(await getDb(), actor, parseForm(rewardRefSchema, formData).rewardId);
    return { ok: true as const };
  });
}

export default function Wishlist() {
  const { items, balance, cartCount } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader
        title={t("shop.wishlist.title")}
        subtitle={
          <span data-testid="balance">
            {t("shop.your_balance")}: <Points value={balance} className="font-semibold text-slate-900" />
          </span>
        }
      />
      <ShopTabs cartCount={cartCount} />
      {items.length ? (
        <ul className="space-y-3">
          {items.map((item) => {
            const title = item.name;
            return (
              <li key={item.id} className="flex gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm" data-testid="wish-item">
                <Link to={`/shop/rewards/${item.id}`} className="w-20 shrink-0 sm:w-28" aria-label={title}>
                  <RewardImage src={item.image} alt="" />
                </Link>
                <div className="min-w-0 flex-1">
                  <Link to={`/shop/rewards/${item.id}`} className="inline-flex min-h-11 items-center font-medium">
                    {title}
                  </Link>
                  <p className="text-sm font-semibold text-brand-700">
                    <Points value={item.pointsPrice} />
                  </p>
                  {!item.available ? (
                    <Badge tone="slate">{t("shop.not_available")}</Badge>
                  ) : item.stock <= 0 ? (
                    <Badge tone="red">{t("shop.sold_out_badge")}</Badge>
                  ) : null}
                  <div className="mt-2">
                    <PointsToGo price={item.pointsPrice} balance={balance} />
                  </div>
                </div>
                <Form method="post" className="shrink-0">
                  <input type="hidden" name="rewardId" value={item.id} />
                  <Button type="submit" variant="secondary" className="min-h-11 px-3" aria-label={t("shop.remove_named", { name: title })}>
                    {t("shop.remove")}
                  </Button>
                </Form>
              </li>
            );
          })}
        </ul>
      ) : (
        <Card>
          <p className="text-slate-700">{t("shop.wishlist.empty")}</p>
          <Link to="/shop" className="mt-2 inline-flex min-h-11 items-center font-medium text-brand-600 underline">
            {t("shop.browse")}
          </Link>
        </Card>
      )}
    </>
  );
}
