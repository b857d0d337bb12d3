import { Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { z } from "zod";
import { getDb } from "@db/client";
import { Points, PointsToGo, RewardImage, ShopTabs, WishButton, useLocalName } from "~/components/shop";
import { Badge, Card, PageHeader } from "~/components/ui";
import { addToWishlist, getCatalogue, removeFromWishlist, type CatalogueItem } from "~/domain/shop/rewards.server";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Actor } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/catalogue";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.browse");
  const db = await getDb();
  const url = new URL(request.url);
  const catalogue = await getCatalogue(db, actor, { categorySlug: url.searchParams.get("category") ?? undefined });
  // First visit: ask about hobbies before showing anything, so the shop can lead with them.
  if (!catalogue.answered) throw redirect("/shop/hobbies?first=1");
  return catalogue;
}

const wishSchema = z.object({ rewardId: z.string() });

export async function action({ request, context }: Route.ActionArgs) {
  const wish = (on: boolean) => ({
    run: async (actor: Actor, formData: FormData) => {
      const { rewardId } = parseForm(wishSchema, formData);
      const db = await getDb();
      if (on) await addToWishlist(db, actor, rewardId);
      else await removeFromWishlist(db, actor, rewardId);
      return { ok: true as const };
    },
  });
  return dispatchIntent(request, context, "shop.browse", { wish: wish(true), unwish: wish(false) });
}

function RewardCard({ item, balance }: { item: CatalogueItem; balance: number }) {
  const t = useT();
  const name = useLocalName();
  const title = name(item.name, item.nameRu);
  return (
    <li className="flex flex-col rounded-xl border border-slate-200 bg-white p-3 shadow-sm" data-testid="reward-card">
      <Link to={`/shop/rewards/${item.id}`} className="block">
        <RewardImage src={item.image} alt="" />
        <h3 className="mt-2 line-clamp-2 font-medium">{title}</h3>
      </Link>
      <p className="mt-1 font-semibold text-brand-700">
        <Points value={item.pointsPrice} />
      </p>
      <div className="mt-1 flex flex-wrap gap-1">
        {item.kind === "digital" ? <Badge tone="blue">{t("shop.kind.digital")}</Badge> : null}
        {item.stock <= 0 ? (
          <Badge tone="red">{t("shop.sold_out_badge")}</Badge>
        ) : item.stock <= 3 ? (
          <Badge tone="amber">{t("shop.few_left", { count: item.stock })}</Badge>
        ) : null}
      </div>
      <div className="mt-2">
        <PointsToGo price={item.pointsPrice} balance={balance} />
      </div>
      <div className="mt-auto flex items-center justify-between gap-2 pt-2">
        <Link to={`/shop/rewards/${item.id}`} className="text-sm font-medium text-brand-600 underline">
          {t("shop.view")}
        </Link>
        <WishButton rewardId={item.id} name={title} wished={item.wished} />
      </div>
    </li>
  );
}

function Grid({ items, balance }: { items: CatalogueItem[]; balance: number }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {items.map((item) => (
        <RewardCard key={item.id} item={item} balance={balance} />
      ))}
    </ul>
  );
}

export default function Catalogue() {
  const { balance, categories, items, selected, hobbyIds, cartCount } = useLoaderData<typeof loader>();
  const t = useT();
  const name = useLocalName();
  const [params] = useSearchParams();
  const hobbySet = new Set(hobbyIds);
  const forYou = items.filter((i) => hobbySet.has(i.categoryId));
  const byCategory = categories
    .map((c) => ({ category: c, items: items.filter((i) => i.categoryId === c.id) }))
    .filter((g) => g.items.length);
  return (
    <>
      <PageHeader
        title={t("shop.title")}
        subtitle={
          <span data-testid="balance">
            {t("shop.your_balance")}: <Points value={balance} className="font-semibold text-slate-900" />
          </span>
        }
      />
      <ShopTabs cartCount={cartCount} />
      {params.get("hobbies") ? (
        <p className="mb-3 text-sm text-emerald-700" role="status">
          {t("shop.hobbies.saved")}
        </p>
      ) : null}
      <nav aria-label={t("shop.categories")} className="-mx-4 mb-4 overflow-x-auto px-4">
        <ul className="flex gap-2">
          <li>
            <Link
              to="/shop"
              className={`inline-flex min-h-10 items-center rounded-lg border px-3 text-sm whitespace-nowrap ${!selected ? "border-brand-600 text-brand-700" : "border-slate-300"}`}
            >
              {t("shop.all")}
            </Link>
          </li>
          {categories.map((c) => (
            <li key={c.id}>
              <Link
                to={`/shop?category=${c.slug}`}
                className={`inline-flex min-h-10 items-center gap-1 rounded-lg border px-3 text-sm whitespace-nowrap ${selected === c.slug ? "border-brand-600 text-brand-700" : "border-slate-300"}`}
              >
                {c.hobby ? (
                  <span role="img" aria-label={t("shop.your_hobby")}>
                    ★
                  </span>
                ) : null}
                {name(c.nameEn, c.nameRu)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {selected ? (
        items.length ? (
          <Grid items={items} balance={balance} />
        ) : (
          <Card>{t("shop.empty_category")}</Card>
        )
      ) : (
        <>
          {forYou.length ? (
            <section className="mb-6" aria-labelledby="for-you">
              <h2 id="for-you" className="mb-2 text-lg font-semibold">
                {t("shop.for_your_hobbies")}
              </h2>
              <Grid items={forYou} balance={balance} />
            </section>
          ) : (
            <Card className="mb-4">
              <p className="text-sm text-slate-700">
                {t("shop.no_hobbies")}{" "}
                <Link to="/shop/hobbies" className="font-medium text-brand-600 underline">
                  {t("shop.pick_hobbies")}
                </Link>
              </p>
            </Card>
          )}
          {byCategory
            .filter((g) => !g.category.hobby)
            .map((g) => (
              <section key={g.category.id} className="mb-6" aria-labelledby={`cat-${g.category.slug}`}>
                <h2 id={`cat-${g.category.slug}`} className="mb-2 text-lg font-semibold">
                  {name(g.category.nameEn, g.category.nameRu)}
                </h2>
                <Grid items={g.items} balance={balance} />
              </section>
            ))}
          <p className="text-sm">
            <Link to="/shop/hobbies" className="text-brand-600 underline">
              {t("shop.change_hobbies")}
            </Link>
          </p>
        </>
      )}
    </>
  );
}
