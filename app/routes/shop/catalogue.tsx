import { Form, redirect, useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { Points, PointsToGo, RewardImage, ShopTabs, WishButton } from "~/components/shop";
import { Badge, Card, PageHeader } from "~/components/ui";
import { addToWishlist, getCatalogue, removeFromWishlist, type CatalogueItem } from "~/domain/shop/rewards.server";
import { CATALOGUE_SEARCH_MAX, CATALOGUE_SORTS } from "~/domain/shop/catalogue-options";
import { catalogueSortSchema } from "~/domain/shop/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { searchText } from "~/lib/search";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Actor } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { withParam } from "~/lib/paging";
import { PageLinks } from "~/components/paging";
import { WorthAbout } from "~/components/fair";
import { fairSettings } from "~/domain/shop/fair.server";
import { worthAbout } from "~/domain/shop/fairness";
import type { Route } from "./+types/catalogue";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.browse");
  const db = await getDb();
  const url = new URL(request.url);
  // Search and sort come from the address: bounded and cleaned, an unknown sort is the default.
  const q = searchText(url, CATALOGUE_SEARCH_MAX);
  const sort = catalogueSortSchema.parse(url.searchParams.get("sort") ?? undefined);
  const locale = resolveLocale(request, actor);
  const category = url.searchParams.get("category") ?? undefined;
  // A search or a chosen order shows one flat list; the plain shop front groups by hobby and category.
  const flat = q !== "" || url.searchParams.has("sort");
  // The front (no category, no search, no order chosen) asks only for the first few of each category.
  const front = !flat && !category;
  const [catalogue, settings] = await Promise.all([
    getCatalogue(db, actor, { categorySlug: category, q, sort, perCategory: front ? FRONT_PER_CATEGORY : undefined }, locale),
    fairSettings(db),
  ]);
  // "Worth about" on each card (issue 19): the points at the programme's point value, rounded.
  const pointValue = { minor: settings.pointValueMinor, currency: settings.currency };
  // First visit: ask about hobbies before showing anything, so the shop can lead with them.
  if (!catalogue.answered) throw redirect("/shop/hobbies?first=1");
  if (sort === "name") {
    // By the name the reader sees (their language's names), in their alphabet's order.
    const collator = new Intl.Collator(locale);
    catalogue.items.sort((a, b) => collator.compare(a.name, b.name));
  }
  // A short first screen (issue 17: 200 rewards took seconds to render on a loaded server and
  // scrolled for ever on a phone): the front shows the first few of each category with a link to
  // the rest; a list shows a page and "Show more" (a plain link, so it works without JavaScript).
  const { items, more: cut, ...rest } = catalogue;
  const total = items.length;
  if (front) {
    // The first FRONT_PER_CATEGORY of each category, and the size of those cut, from the database.
    // The cart count comes with the shop front's one per-person statement.
    return { ...rest, items, more: cut, total, showMore: null, q, sort, flat, pointValue };
  }
  const show = showSchema.parse(url.searchParams.get("show") ?? undefined);
  const showMore = total > show ? withParam(url, "show", String(show + LIST_PAGE)) : null;
  return { ...rest, items: items.slice(0, show), more: {}, total, showMore, q, sort, flat, pointValue };
}

/**
 * Rewards per category on the shop front before "See all": two rows on a phone, one on a desktop.
 * Four, not six (issue 17): every card is links, a wish-list form and a progress bar, and with 30
 * of them the front took four times as long to render as the sign-in page.
 */
const FRONT_PER_CATEGORY = 4;
/** Rewards per "Show more" step in a category, a search or a sorted list. */
const LIST_PAGE = 24;
const showSchema = z.coerce.number().int().min(LIST_PAGE).max(2000).catch(LIST_PAGE);

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
  const { pointValue } = useLoaderData<typeof loader>();
  const title = item.name;
  return (
    <li className="flex flex-col rounded-xl border border-slate-200 bg-white p-3 shadow-sm" data-testid="reward-card">
      <Link to={`/shop/rewards/${item.id}`} className="block">
        <RewardImage src={item.image} alt="" />
        <h3 className="mt-2 line-clamp-2 font-medium">{title}</h3>
      </Link>
      <p className="mt-1 font-semibold text-brand-700">
        <Points value={item.pointsPrice} />
      </p>
      <WorthAbout minor={worthAbout(item.pointsPrice, pointValue.minor, pointValue.currency)} currency={pointValue.currency} />
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
        {/* 44 x 44 at least (WCAG 2.2 target size): a thumb, not a fingernail. */}
        <Link
          to={`/shop/rewards/${item.id}`}
          className="inline-flex min-h-11 min-w-11 items-center rounded-lg px-2 text-sm font-medium text-brand-600 underline"
        >
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

/** Under a shop-front section: a link to each of its categories that has more than is shown. */
function SeeAll({ categories, more }: { categories: Array<{ id: string; slug: string; nameEn: string }>; more: Record<string, number> }) {
  const t = useT();
  const cut = categories.filter((c) => more[c.id]);
  if (!cut.length) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4">
      {cut.map((c) => (
        <li key={c.id}>
          <Link to={`/shop?category=${c.slug}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-600 underline">
            {t("paging.see_all_in", { category: c.nameEn, count: more[c.id] })}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export default function Catalogue() {
  const { balance, categories, items, selected, hobbyIds, cartCount, q, sort, flat, more, total, showMore } =
    useLoaderData<typeof loader>();
  const t = useT();
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
      <Form method="get" role="search" className="mb-3 flex flex-wrap items-end gap-2" data-testid="shop-search">
        {selected ? <input type="hidden" name="category" value={selected} /> : null}
        <div className="min-w-0 flex-1 basis-48">
          <label htmlFor="shop-q" className="mb-1 block text-sm font-medium text-slate-700">
            {t("pages.shop.search")}
          </label>
          <input
            id="shop-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={CATALOGUE_SEARCH_MAX}
            enterKeyHint="search"
            className="block min-h-11 w-full rounded-lg border border-slate-300 px-3"
          />
        </div>
        <div>
          <label htmlFor="shop-sort" className="mb-1 block text-sm font-medium text-slate-700">
            {t("pages.shop.sort")}
          </label>
          <select
            id="shop-sort"
            name="sort"
            defaultValue={sort}
            className="block min-h-11 rounded-lg border border-slate-300 bg-white px-2"
          >
            {CATALOGUE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`pages.shop.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-11 rounded-lg bg-brand-600 px-4 text-sm font-medium text-white">
          {t("pages.shop.search_go")}
        </button>
      </Form>
      <nav aria-label={t("shop.categories")} className="-mx-4 mb-4 overflow-x-auto px-4">
        <ul className="flex gap-2">
          <li>
            <Link
              to="/shop"
              className={`inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg border px-3 text-sm whitespace-nowrap ${!selected ? "border-brand-600 text-brand-700" : "border-slate-300"}`}
            >
              {t("shop.all")}
            </Link>
          </li>
          {categories.map((c) => (
            <li key={c.id}>
              <Link
                to={`/shop?category=${c.slug}`}
                className={`inline-flex min-h-11 items-center gap-1 rounded-lg border px-3 text-sm whitespace-nowrap ${selected === c.slug ? "border-brand-600 text-brand-700" : "border-slate-300"}`}
              >
                {c.hobby ? (
                  <span role="img" aria-label={t("shop.your_hobby")}>
                    ★
                  </span>
                ) : null}
                {c.nameEn}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {flat ? (
        <section aria-labelledby="results">
          <h2 id="results" className="mb-2 text-lg font-semibold" aria-live="polite">
            {q ? t("pages.shop.found", { count: total, q }) : t("pages.shop.all_sorted", { count: total })}
          </h2>
          {items.length ? (
            <>
              <Grid items={items} balance={balance} />
              <PageLinks next={showMore} first={null} label={t("paging.show_more")} />
            </>
          ) : (
            <Card>
              <p className="text-slate-700">{t("pages.shop.nothing_found")}</p>
              <Link to="/shop" className="mt-1 inline-flex min-h-11 items-center font-medium text-brand-600 underline">
                {t("pages.shop.clear_search")}
              </Link>
            </Card>
          )}
        </section>
      ) : selected ? (
        items.length ? (
          <>
            <Grid items={items} balance={balance} />
            <PageLinks next={showMore} first={null} label={t("paging.show_more")} />
          </>
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
              <SeeAll categories={categories.filter((c) => c.hobby)} more={more} />
            </section>
          ) : (
            <Card className="mb-4">
              <p className="text-sm text-slate-700">
                {t("shop.no_hobbies")}{" "}
                <Link to="/shop/hobbies" className="inline-flex min-h-11 items-center font-medium text-brand-600 underline">
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
                  {g.category.nameEn}
                </h2>
                <Grid items={g.items} balance={balance} />
                <SeeAll categories={[g.category]} more={more} />
              </section>
            ))}
          <p className="text-sm">
            <Link to="/shop/hobbies" className="inline-flex min-h-11 items-center text-brand-600 underline">
              {t("shop.change_hobbies")}
            </Link>
          </p>
        </>
      )}
    </>
  );
}
