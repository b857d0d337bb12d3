import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { ManageTabs } from "~/components/mystery/parts";
import { Button, Card, PageHeader, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { parseBlackout, waveSchema } from "~/domain/mystery/forms";
import { createWave, listWaves } from "~/domain/mystery/waves.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { createAndOpen } from "~/lib/intents.server";
import type { Route } from "./+types/waves";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "mystery.manage");
  return { waves: await listWaves(await getDb()) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return createAndOpen(request, context, "mystery.manage", async (actor, formData) => {
    const input = parseForm(waveSchema, formData);
    const blackout = parseBlackout(input.blackout);
    if (!blackout.ok) throw new UserError("mystery.errors.blackout", "blackout", { value: blackout.bad });
    const wave = await createWave(db, actor, {
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      blackoutDates: blackout.days,
    });
    return `/mystery/waves/${wave.id}`;
  });
}

export default function Waves() {
  const { waves } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader title={t("mystery.waves.title")} />
      <ManageTabs current="/mystery/waves" />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-2 lg:col-span-2">
          {waves.map((w) => (
            <Link key={w.id} to={`/mystery/waves/${w.id}`} className="block">
              <Card className="hover:border-brand-600">
                <p className="font-medium">{w.name}</p>
                <p className="text-sm text-slate-600">
                  {f.day(w.startsOn)} – {f.day(w.endsOn)} · {t("mystery.waves.progress", { done: w.done, visits: w.visits })}
                </p>
              </Card>
            </Link>
          ))}
          {waves.length === 0 ? (
            <Card>
              <p className="text-slate-600">{t("mystery.waves.none")}</p>
            </Card>
          ) : null}
        </div>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("mystery.waves.new")}</h2>
          <Form method="post">
            <TextField label={t("mystery.waves.name")} name="name" errors={errors} defaultValue={values.name} />
            <TextField label={t("mystery.waves.starts")} name="startsOn" type="date" errors={errors} defaultValue={values.startsOn} />
            <TextField label={t("mystery.waves.ends")} name="endsOn" type="date" errors={errors} defaultValue={values.endsOn} />
            <TextAreaField
              label={t("mystery.waves.blackout")}
              hint={t("mystery.waves.blackout_hint")}
              name="blackout"
              rows={2}
              errors={errors}
              defaultValue={values.blackout}
            />
            <Button type="submit">{t("mystery.waves.create")}</Button>
          </Form>
        </Card>
      </div>
    </>
  );
}
