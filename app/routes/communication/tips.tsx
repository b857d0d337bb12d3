import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { LOCALES } from "@db/schema/enums";
import { createTip, listTips, setTipActive, tipCategories } from "~/domain/communication/tips.server";
import { tipSchema } from "~/domain/communication/forms";
import { LANGUAGE_NAMES } from "~/components/communication";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, SelectField, TextAreaField, errorsOf, valuesOf } from "~/components/ui";
import { useLocale, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/tips";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "tips.manage");
  const db = await getDb();
  return { tips: await listTips(db), categories: await tipCategories(db) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "tips.manage", {
    create: {
      run: async (actor, formData) => {
        await createTip(db, actor, parseForm(tipSchema, formData));
        return { ok: true as const, done: "created" as const };
      },
    },
    activate: {
      run: async (actor, formData) => {
        await setTipActive(db, actor, String(formData.get("id") ?? ""), true);
        return { ok: true as const, done: "changed" as const };
      },
    },
    deactivate: {
      run: async (actor, formData) => {
        await setTipActive(db, actor, String(formData.get("id") ?? ""), false);
        return { ok: true as const, done: "changed" as const };
      },
    },
  });
}

export default function Tips() {
  const { tips, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors = errorsOf(result);
  const values = result?.ok === false ? valuesOf(result) : {};
  return (
    <>
      <PageHeader title={t("communication.tips.title")} subtitle={t("communication.tips.subtitle")} />
      {result && "done" in result && result.done === "created" ? <Notice>{t("communication.tips.created")}</Notice> : null}
      <FormErrors errors={errors} />
      <div className="grid gap-4 lg:grid-cols-[2fr_3fr]">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("communication.tips.new")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="create" />
            <SelectField
              label={t("communication.tips.category")}
              name="category"
              defaultValue={values.category ?? ""}
              options={[{ value: "", label: "—" }, ...categories.map((c) => ({ value: c, label: c }))]}
              errors={errors}
            />
            {LOCALES.map((l) => (
              <TextAreaField
                key={l}
                label={t("communication.tips.text", { language: LANGUAGE_NAMES[l] })}
                name={`text_${l}`}
                defaultValue={values[`text_${l}`] ?? ""}
                rows={3}
                maxLength={300}
                errors={errors}
              />
            ))}
            <Button type="submit">{t("communication.tips.add")}</Button>
          </Form>
        </Card>
        <Card className="p-0 sm:p-0">
          {tips.length ? (
            <ul className="divide-y divide-slate-100">
              {tips.map((tip) => (
                <li key={tip.id} className="flex flex-wrap items-start gap-3 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <p className="text-xs text-slate-500">
                      {tip.category} {tip.active ? null : <Badge>{t("communication.tips.inactive")}</Badge>}
                    </p>
                    <p className="text-sm">{tip.texts[locale] ?? tip.texts.en}</p>
                  </div>
                  <Form method="post">
                    <input type="hidden" name="id" value={tip.id} />
                    <Button type="submit" name="intent" value={tip.active ? "deactivate" : "activate"} variant="secondary">
                      {tip.active ? t("communication.tips.deactivate") : t("communication.tips.activate")}
                    </Button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="p-4 text-sm text-slate-600 sm:p-6">{t("communication.tips.empty")}</p>
          )}
        </Card>
      </div>
    </>
  );
}
