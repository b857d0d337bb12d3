import { pageMeta } from "~/lib/page-meta";
import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { ManageTabs } from "~/components/mystery/parts";
import {
  BackLink,
  Badge,
  Button,
  Card,
  FormErrors,
  Notice,
  PageHeader,
  TextAreaField,
  TextField,
  errorsOf,
  valuesOf,
} from "~/components/ui";
import { scenarioSchema } from "~/domain/mystery/forms";
import { editScenario, getScenario, publishScenario } from "~/domain/mystery/scenarios.server";
import { questionnaireText } from "~/domain/mystery/scoring";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/scenario";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "mystery.manage");
  const scenario = orNotFound(await getScenario(await getDb(), requireId(params.scenarioId)));
  return { scenario, pageTitle: { name: scenario.title }, text: questionnaireText(scenario.questionnaire) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const id = requireId(params.scenarioId);
  return dispatchIntent(request, context, "mystery.manage", {
    save: {
      run: async (actor, formData) => {
        const saved = await editScenario(db, actor, id, parseForm(scenarioSchema, formData));
        // An edit of a published version lives in the next version: open it.
        if (saved.id !== id) throw redirect(`/mystery/scenarios/${saved.id}?new_version=1`);
        return { ok: true as const, done: "saved" };
      },
    },
    publish: {
      run: async (actor) => {
        await publishScenario(db, actor, id);
        return { ok: true as const, done: "published" };
      },
    },
  });
}

/** One version of a scenario: edit it (a published one becomes the next version), publish a draft, see the versions. */
export default function Scenario() {
  const { scenario, text } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const done = result && "done" in result ? result.done : null;
  const fresh = typeof window !== "undefined" && new URLSearchParams(window.location.search).has("new_version");
  return (
    <>
      <BackLink to="/mystery/scenarios">{t("mystery.scenarios.title")}</BackLink>
      <PageHeader
        title={scenario.title}
        subtitle={
          <Badge
            tone={scenario.status === "published" ? "green" : "slate"}
          >{`v${scenario.version} · ${t(`mystery.scenario_status.${scenario.status}`)}`}</Badge>
        }
      />
      <ManageTabs current="/mystery/scenarios" />
      {done ? (
        <Notice>{t(`mystery.scenarios.done_${done}`)}</Notice>
      ) : fresh ? (
        <Notice>{t("mystery.scenarios.done_new_version")}</Notice>
      ) : null}
      <FormErrors errors={errors} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          {scenario.status === "published" ? <p className="mb-3 text-sm text-slate-600">{t("mystery.scenarios.published_note")}</p> : null}
          {scenario.status === "retired" ? (
            <p className="text-sm text-slate-600">{t("mystery.scenarios.retired_note")}</p>
          ) : (
            <Form method="post">
              <TextField label={t("mystery.scenarios.name")} name="title" errors={errors} defaultValue={values.title ?? scenario.title} />
              <TextAreaField
                label={t("mystery.legend")}
                name="legend"
                rows={2}
                errors={errors}
                defaultValue={values.legend ?? scenario.legend}
              />
              <TextAreaField
                label={t("mystery.instructions")}
                name="instructions"
                rows={3}
                errors={errors}
                defaultValue={values.instructions ?? scenario.instructions}
              />
              <TextAreaField
                label={t("mystery.scenarios.questionnaire")}
                hint={t("mystery.scenarios.questionnaire_hint")}
                name="questionnaire"
                rows={12}
                className="font-mono"
                errors={errors}
                defaultValue={values.questionnaire ?? text}
              />
              <div className="flex flex-wrap gap-2">
                <Button type="submit" name="intent" value="save">
                  {t(scenario.status === "published" ? "mystery.scenarios.save_new_version" : "common.save")}
                </Button>
                {scenario.status === "draft" ? (
                  <Button type="submit" name="intent" value="publish" variant="secondary">
                    {t("mystery.scenarios.publish")}
                  </Button>
                ) : null}
              </div>
            </Form>
          )}
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("mystery.scenarios.versions")}</h2>
          <ul className="divide-y divide-slate-100 text-sm">
            {scenario.versions.map((v) => (
              <li key={v.id} className="py-1.5">
                <Link to={`/mystery/scenarios/${v.id}`} className="text-brand-600 underline">
                  v{v.version}
                </Link>{" "}
                · {t(`mystery.scenario_status.${v.status}`)} · {f.date(v.createdAt)} · {t("mystery.reports.visits", { count: v.visits })}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
