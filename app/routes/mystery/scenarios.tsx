import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { ManageTabs } from "~/components/mystery/parts";
import { Badge, Button, Card, Notice, PageHeader, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { scenarioSchema, settingsSchema } from "~/domain/mystery/forms";
import { createScenario, getMysterySettings, listScenarios, saveMysterySettings } from "~/domain/mystery/scenarios.server";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/scenarios";

export const EXAMPLE = `# Welcome
? [greet] Did a seller greet you within two minutes? | yes_no | 1
# Advice
? [first] Did the seller recommend our brand first? | yes_no | 3 | key
? [explain] How well was the product explained? | scale | 2
? [accessory] Which accessory was offered? | choice | 2 | key | Our bit set=4; Any bits=2; Nothing=0
? [display] Photo of the brand display | photo`;

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "mystery.manage");
  const db = await getDb();
  const [scenarios, settings] = await Promise.all([listScenarios(db), getMysterySettings(db)]);
  return { scenarios, settings };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "mystery.manage", {
    create: {
      run: async (actor, formData) => {
        const s = await createScenario(db, actor, parseForm(scenarioSchema, formData));
        throw redirect(`/mystery/scenarios/${s.id}`);
      },
    },
    settings: {
      run: async (actor, formData) => {
        await saveMysterySettings(db, actor, parseForm(settingsSchema, formData));
        return { ok: true as const, done: "settings" };
      },
    },
  });
}

export default function Scenarios() {
  const { scenarios, settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const creating = values.intent === "create";
  return (
    <>
      <PageHeader title={t("mystery.scenarios.title")} />
      <ManageTabs current="/mystery/scenarios" />
      {result && "done" in result ? <Notice>{t("mystery.scenarios.settings_saved")}</Notice> : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-2 lg:col-span-2">
          {scenarios.map((s) => (
            <Link key={s.familyId} to={`/mystery/scenarios/${s.id}`} className="block">
              <Card className="hover:border-brand-600">
                <p className="font-medium">
                  {s.title}{" "}
                  <Badge
                    tone={s.status === "published" ? "green" : "slate"}
                  >{`v${s.version} · ${t(`mystery.scenario_status.${s.status}`)}`}</Badge>
                </p>
                <p className="text-sm text-slate-600 italic line-clamp-2">“{s.legend}”</p>
              </Card>
            </Link>
          ))}
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("mystery.scenarios.new")}</h2>
            <Form method="post">
              <TextField label={t("mystery.scenarios.name")} name="title" errors={creating ? errors : {}} defaultValue={values.title} />
              <TextAreaField
                label={t("mystery.legend")}
                name="legend"
                rows={2}
                errors={creating ? errors : {}}
                defaultValue={values.legend}
              />
              <TextAreaField
                label={t("mystery.instructions")}
                name="instructions"
                rows={2}
                errors={creating ? errors : {}}
                defaultValue={values.instructions}
              />
              <TextAreaField
                label={t("mystery.scenarios.questionnaire")}
                hint={t("mystery.scenarios.questionnaire_hint")}
                name="questionnaire"
                rows={8}
                className="font-mono"
                errors={creating ? errors : {}}
                defaultValue={values.questionnaire ?? EXAMPLE}
              />
              <Button type="submit" name="intent" value="create">
                {t("mystery.scenarios.create")}
              </Button>
            </Form>
          </Card>
        </div>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("mystery.settings.title")}</h2>
          <Form method="post">
            <TextField
              label={t("mystery.settings.award")}
              name="awardPoints"
              inputMode="numeric"
              errors={creating ? {} : errors}
              defaultValue={values.awardPoints ?? String(settings.awardPoints)}
            />
            <TextField
              label={t("mystery.settings.window")}
              name="disputeWindowDays"
              inputMode="numeric"
              errors={creating ? {} : errors}
              defaultValue={values.disputeWindowDays ?? String(settings.disputeWindowDays)}
            />
            <TextField
              label={t("mystery.settings.rotation")}
              name="rotationDays"
              inputMode="numeric"
              errors={creating ? {} : errors}
              defaultValue={values.rotationDays ?? String(settings.rotationDays)}
            />
            <TextField
              label={t("mystery.settings.due_hours")}
              name="reportDueHours"
              inputMode="numeric"
              errors={creating ? {} : errors}
              defaultValue={values.reportDueHours ?? String(settings.reportDueHours)}
            />
            <label className="mb-4 flex min-h-9 items-center gap-2 text-sm">
              <input type="checkbox" name="reviewRequired" defaultChecked={settings.reviewRequired} />
              {t("mystery.settings.review")}
            </label>
            <Button type="submit" name="intent" value="settings" variant="secondary">
              {t("common.save")}
            </Button>
          </Form>
        </Card>
      </div>
    </>
  );
}
