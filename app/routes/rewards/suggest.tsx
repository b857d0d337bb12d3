import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { Badge, Button, Card, FormErrors, PageHeader, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { suggestionSchema } from "~/domain/surveys/forms";
import { mySuggestions, suggestReward } from "~/domain/surveys/suggestions.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/suggest";

/** "Suggest a reward": a participant proposes a reward the catalogue lacks, and follows what became of it. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "rewards.suggest");
  return { mine: await mySuggestions(await getDb(), actor) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "rewards.suggest");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    await suggestReward(await getDb(), actor, parseForm(suggestionSchema, formData));
    return { ok: true as const };
  });
}

const TONE = { new: "amber", added: "green", declined: "slate" } as const;

export default function SuggestReward() {
  const { mine } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const f = useFormat();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const sent = (result as { ok?: boolean } | undefined)?.ok === true;
  return (
    <>
      <PageHeader title={t("surveys.suggestion.title")} subtitle={t("surveys.suggestion.subtitle")} />
      <Card>
        {sent ? (
          <p role="status" className="mb-4 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800">
            {t("surveys.suggestion.sent")}
          </p>
        ) : null}
        <FormErrors errors={errors} />
        <Form method="post" noValidate key={sent ? mine.length : "form"}>
          <TextField label={t("surveys.suggestion.name")} name="name" maxLength={120} defaultValue={values.name} errors={errors} />
          <TextField
            label={t("surveys.suggestion.link")}
            name="link"
            type="url"
            inputMode="url"
            maxLength={500}
            defaultValue={values.link}
            errors={errors}
          />
          <TextAreaField
            label={t("surveys.suggestion.reason")}
            name="reason"
            rows={3}
            maxLength={1000}
            defaultValue={values.reason}
            errors={errors}
          />
          <Button type="submit" className="w-full sm:w-auto">
            {t("surveys.suggestion.send")}
          </Button>
        </Form>
      </Card>
      {mine.length ? (
        <Card className="mt-4">
          <h2 className="mb-2 text-lg font-semibold">{t("surveys.suggestion.mine")}</h2>
          <ul className="divide-y divide-slate-100">
            {mine.map((s) => (
              <li key={s.id} className="flex min-h-11 flex-wrap items-center gap-2 py-2">
                <span className="min-w-0 flex-1">{s.name}</span>
                <Badge tone={TONE[s.status]}>{t(`surveys.suggestion.status.${s.status}`)}</Badge>
                <span className="w-full text-xs text-slate-500 sm:w-auto">{f.date(s.createdAt)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
