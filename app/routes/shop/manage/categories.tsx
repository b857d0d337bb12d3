import { Form, Link, useActionData, useLoaderData } from "react-router";
import { ActiveToggle } from "~/components/shop-admin";
import { getDb } from "@db/client";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, Table, TextField, errorsOf, valuesOf } from "~/components/ui";
import { listRewardCategories } from "~/domain/shop/rewards.server";
import { categorySchema } from "~/domain/shop/forms";
import { createCategory, setCategoryActive } from "~/domain/shop/manage.server";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Actor } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { z } from "zod";
import type { Route } from "./+types/categories";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "shop.manage");
  return { categories: await listRewardCategories(await getDb(), { includeInactive: true }) };
}

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
  });
}

export default function Categories() {
  const { categories } = useLoaderData<typeof loader>();
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
      {result && "done" in result ? <Notice>{t(`shop.categories.done.${result.done}`)}</Notice> : null}
      <FormErrors errors={errors} />
      <Card className="mb-4">
        <Table head={[t("shop.categories.slug"), t("shop.categories.name_en"), t("shop.categories.name_ru"), t("shop.manage.state"), ""]}>
          {categories.map((c) => (
            <tr key={c.id}>
              <td className="px-3 py-2 font-mono text-xs">{c.slug}</td>
              <td className="px-3 py-2">{c.nameEn}</td>
              <td className="px-3 py-2">{c.nameRu}</td>
              <td className="px-3 py-2">{c.active ? <Badge tone="green">{t("shop.manage.on_sale")}</Badge> : <Badge tone="slate">{t("shop.manage.hidden")}</Badge>}</td>
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
          <TextField label={t("shop.categories.slug")} name="slug" defaultValue={v.slug ?? ""} errors={errors} hint={t("shop.categories.slug_hint")} />
          <TextField label={t("shop.categories.name_en")} name="nameEn" defaultValue={v.nameEn ?? ""} errors={errors} />
          <TextField label={t("shop.categories.name_ru")} name="nameRu" defaultValue={v.nameRu ?? ""} errors={errors} />
          <div className="md:col-span-3">
            <Button type="submit">{t("shop.categories.add")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
