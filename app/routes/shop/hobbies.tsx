import { Form, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { getDb } from "@db/client";
import { resolveLocale } from "~/i18n/locale.server";
import { Button, FormErrors, PageHeader, errorsOf } from "~/components/ui";
import { getHobbies, listRewardCategories, setHobbies } from "~/domain/shop/rewards.server";
import { hobbiesSchema } from "~/domain/shop/forms";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Actor } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/hobbies";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.browse");
  const db = await getDb();
  const [categories, hobbies] = await Promise.all([
    listRewardCategories(db, { locale: resolveLocale(request, actor) }),
    getHobbies(db, actor),
  ]);
  return { categories, chosen: hobbies.categoryIds };
}

export async function action({ request, context }: Route.ActionArgs) {
  const save = (skip: boolean) => ({
    run: async (actor: Actor, formData: FormData) => {
      const input = skip ? { categoryIds: [] } : parseForm(hobbiesSchema, formData);
      await setHobbies(await getDb(), actor, input.categoryIds);
      throw redirect(skip ? "/shop" : "/shop?hobbies=saved");
    },
  });
  return dispatchIntent(request, context, "shop.browse", { save: save(false), skip: save(true) });
}

/** "What do you do in your free time?": big tappable tiles, the shop then leads with these. */
export default function Hobbies() {
  const { categories, chosen } = useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  const t = useT();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const first = params.get("first") === "1";
  return (
    <>
      <PageHeader title={first ? t("shop.hobbies.first_title") : t("shop.hobbies.title")} subtitle={t("shop.hobbies.subtitle")} />
      <FormErrors errors={errors} />
      <Form method="post">
        <fieldset>
          <legend className="sr-only">{t("shop.hobbies.title")}</legend>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
            {categories.map((c) => (
              <li key={c.id}>
                <label className="flex h-full cursor-pointer flex-col items-center gap-2 rounded-xl border-2 border-slate-200 bg-white p-3 text-center has-checked:border-brand-600 has-checked:bg-brand-50 has-focus-visible:ring-2 has-focus-visible:ring-brand-600">
                  <input type="checkbox" name="categoryIds" value={c.id} defaultChecked={chosen.includes(c.id)} className="sr-only" />
                  {c.image ? (
                    <img src={c.image} alt="" width={64} height={64} loading="lazy" className="h-16 w-16" />
                  ) : (
                    <span className="h-16 w-16 rounded-full bg-slate-100" aria-hidden="true" />
                  )}
                  <span className="font-medium">{c.nameEn}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {errors.categoryIds ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {errors.categoryIds.map((m) => t(m.key, m.vars)).join(" ")}
          </p>
        ) : null}
        <div className="sticky bottom-16 mt-4 flex flex-wrap gap-3 bg-slate-50/90 py-3 md:bottom-0">
          <Button type="submit" name="intent" value="save" disabled={busy}>
            {t("shop.hobbies.save")}
          </Button>
          {first ? (
            <Button type="submit" name="intent" value="skip" variant="secondary" disabled={busy}>
              {t("shop.hobbies.skip")}
            </Button>
          ) : null}
        </div>
      </Form>
    </>
  );
}
