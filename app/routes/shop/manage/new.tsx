import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { RewardFields } from "~/components/shop-admin";
import { Button, Card, FormErrors, PageHeader, SelectField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { listRewardCategories } from "~/domain/shop/rewards.server";
import { createRewardSchema } from "~/domain/shop/forms";
import { createReward } from "~/domain/shop/manage.server";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/new";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "shop.manage");
  return { categories: await listRewardCategories(await getDb()) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "shop.manage");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const input = parseForm(createRewardSchema, formData);
    const reward = await createReward(await getDb(), actor, input);
    throw redirect(`/shop/manage/rewards/${reward.id}?created=1`);
  });
}

export default function NewReward() {
  const { categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  return (
    <>
      <PageHeader
        title={t("shop.manage.new")}
        subtitle={
          <Link to="/shop/manage" className="text-brand-600 underline">
            {t("shop.manage.back")}
          </Link>
        }
      />
      <FormErrors errors={errors} />
      <Card>
        <Form method="post" noValidate>
          <RewardFields
            categories={categories}
            errors={errors}
            values={{
              categoryId: v.categoryId ?? "",
              name: v.name ?? "",
              description: v.description ?? "",
              pointsPrice: v.pointsPrice ?? "",
              tiers: [],
              roles: [],
              activeFrom: v.activeFrom ?? "",
              activeUntil: v.activeUntil ?? "",
              active: result ? v.active === "on" : true,
            }}
          />
          <div className="grid gap-x-4 md:grid-cols-2">
            <SelectField
              label={t("shop.manage.kind")}
              name="kind"
              defaultValue={v.kind ?? "physical"}
              errors={errors}
              options={[
                { value: "physical", label: t("shop.kind.physical_long") },
                { value: "digital", label: t("shop.kind.digital_long") },
              ]}
            />
            <TextField
              label={t("shop.manage.initial_stock")}
              name="stock"
              inputMode="numeric"
              defaultValue={v.stock ?? "0"}
              errors={errors}
              hint={t("shop.manage.initial_stock_hint")}
            />
          </div>
          <Button type="submit">{t("shop.manage.create")}</Button>
        </Form>
      </Card>
    </>
  );
}
