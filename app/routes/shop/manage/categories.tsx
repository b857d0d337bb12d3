import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { ActiveToggle } from "~/components/shop-admin";
import { getDb } from "@db/client";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, Table, TextField, errorsOf, valuesOf } from "~/components/ui";
import { listRewardCategories } from "~/domain/shop/rewards.server";
import { categorySchema } from "~/domain/shop/forms";
import { createCategory, setCategoryActive } from "~/domain/shop/manage.server";
import { useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { missingLanguages, saveTranslations, translationsOf } from "~/domain/content/translations.server";
import { translatedTexts, translationSchema } from "~/domain/content/forms";
import { TranslationsCard } from "~/components/translations";
import type { Actor } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { z } from "zod";
import type { Route } from "./+types/categories";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "shop.manage");
  const db = await getDb();
  const categories = await listRewardCategories(db, { includeInactive: true });
  const ids = categories.map((c) => c.id);
  const missing = Object.fromEntries(await missingLanguages(db, "shop_category", ids, ["name"]));
  // One category's language tabs, when the team opens its translations.
  const chosen = categories.find((c) => c.id === new URL(request.url).searchParams.get("translate"));
  const translating = chosen
    ? { id: chosen.id, name: chosen.nameEn, translations: await translationsOf(db, "shop_category", chosen.id) }
    : null;
  return { categories, missing, translating };
}

const CATEGORY_TEXT = { name: 60 };
const categoryTranslationSchema = translationSchema(CATEGORY_TEXT);

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  const setActive = (active: boolean) => ({
    run: async (actor: Actor, formData: FormData) => {
      await setCategoryActive(db, actor, parseForm(z.object({ categoryId: z.string() }), formData).categoryId, active);
      return { ok: true as const, done: "changed" };
    },
  });
  return dispatchIntent(request, context, "shop.manage", {
    enable: setActive(true),
    disable: setActive(false),
    create: {
      run: async (actor, formData) => {
        await createCategory(db, actor, parseForm(categorySchema, formData));
        return { ok: true as const, done: "created" };
      },
    },
    translate: {
      run: async (actor, formData) => {
        const id = requireId(new URL(request.url).searchParams.get("translate") ?? undefined);
        orNotFound((await listRewardCategories(db, { includeInactive: true })).find((c) => c.id === id));
        const input = parseForm(categoryTranslationSchema, formData);
        await db.transaction((tx) =>
          saveTranslations(tx, "shop_category", id, input.locale, translatedTexts(input, CATEGORY_TEXT), actor.id),
        );
        return { ok: true as const, translated: true as const };
      },
    },
  });
}

export default function Categories() {
  const { categories, missing, translating } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  return (
    <>
      <PageHeader
        title={t("shop.categories.title")}
        subtitle={
          <Link to="/shop/manage" className="text-brand-600 underline">
            {t("shop.manage.back")}
          </Link>
        }
      />
      {translating ? (
        <TranslationsCard
          fields={[{ name: "name", label: t("content.field.name"), maxLength: CATEGORY_TEXT.name, text: translating.name }]}
          translations={translating.translations}
          errors={errors}
          values={v}
          saved={!!result && "translated" in result}
        />
      ) : null}
      {result && "done" in result ? <Notice>{t(`shop.categories.done.${result.done}`)}</Notice> : null}
      <FormErrors errors={errors} />
      <Card className="mb-4">
        <Table head={[t("shop.categories.slug"), t("shop.categories.name_en"), t("content.translations"), t("shop.manage.state"), ""]}>
          {categories.map((c) => (
            <tr key={c.id}>
              <td className="px-3 py-2 font-mono text-xs">{c.slug}</td>
              <td className="px-3 py-2">{c.nameEn}</td>
              <td className="px-3 py-2">
                <Link
                  to={`?translate=${c.id}`}
                  preventScrollReset
                  className="inline-flex min-h-11 items-center gap-2 text-brand-600 underline"
                >
                  {missing[c.id]?.length ? (
                    <Badge tone="amber">{t("content.not_translated")}</Badge>
                  ) : (
                    <Badge tone="green">{t("content.translated")}</Badge>
                  )}
                </Link>
              </td>
              <td className="px-3 py-2">
                {c.active ? <Badge tone="green">{t("shop.manage.on_sale")}</Badge> : <Badge tone="slate">{t("shop.manage.hidden")}</Badge>}
              </td>
              <td className="px-3 py-2">
                <ActiveToggle field="categoryId" id={c.id} active={c.active} intents={{ enable: "enable", disable: "disable" }} />
              </td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("shop.categories.add")}</h2>
        <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-3">
          <input type="hidden" name="intent" value="create" />
          <TextField
            label={t("shop.categories.slug")}
            name="slug"
            defaultValue={v.slug ?? ""}
            errors={errors}
            hint={t("shop.categories.slug_hint")}
          />
          <TextField label={t("shop.categories.name_en")} name="nameEn" defaultValue={v.nameEn ?? ""} errors={errors} />
          <div className="md:col-span-3">
            <Button type="submit">{t("shop.categories.add")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
