import { pageMeta } from "~/lib/page-meta";
import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { ManageTabs, Score, VisitStatusBadge } from "~/components/mystery/parts";
import {
  Badge,
  BackLink,
  Button,
  Card,
  FormErrors,
  Notice,
  PageHeader,
  SelectField,
  TextAreaField,
  TextField,
  errorsOf,
  valuesOf,
} from "~/components/ui";
import { parseBlackout, planVisitSchema } from "~/domain/mystery/forms";
import { plannableScenarios } from "~/domain/mystery/scenarios.server";
import { allOutlets, auditors, getWave, planVisit, setBlackout } from "~/domain/mystery/waves.server";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/wave";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "mystery.manage");
  const db = await getDb();
  const found = orNotFound(await getWave(db, requireId(params.waveId)));
  const [scenarios, people, outlets] = await Promise.all([plannableScenarios(db), auditors(db), allOutlets(db)]);
  return { ...found, pageTitle: { name: found.wave.name }, scenarios, auditors: people, outlets };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const waveId = requireId(params.waveId);
  return dispatchIntent(request, context, "mystery.manage", {
    plan: {
      run: async (actor, formData) => {
        await planVisit(db, actor, waveId, parseForm(planVisitSchema, formData));
        return { ok: true as const, done: "planned" };
      },
    },
    blackout: {
      run: async (actor, formData) => {
        const raw = formData.get("blackout");
        const parsed = parseBlackout(typeof raw === "string" ? raw.slice(0, 2000) : "");
        if (!parsed.ok) throw new UserError("mystery.errors.blackout", "blackout", { value: parsed.bad });
        await setBlackout(db, actor, waveId, parsed.days);
        return { ok: true as const, done: "blackout" };
      },
    },
  });
}

/** A wave: the visits planned, who has none yet (coverage), and the form to plan one. */
export default function Wave() {
  const { wave, visits, coverage, scenarios, auditors, outlets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const done = result && "done" in result ? result.done : null;
  return (
    <>
      <BackLink to="/mystery/waves">{t("mystery.waves.title")}</BackLink>
      <PageHeader title={wave.name} subtitle={`${f.day(wave.startsOn)} – ${f.day(wave.endsOn)}`} />
      <ManageTabs current="/mystery/waves" />
      {done ? <Notice>{t(`mystery.waves.done_${done}`)}</Notice> : null}
      <FormErrors errors={errors} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card>
            <h2 className="mb-2 text-lg font-semibold">{t("mystery.overview.coverage")}</h2>
            <p className="text-sm">{t("mystery.overview.covered", { covered: coverage.covered, total: coverage.outlets.length })}</p>
            {coverage.uncovered.length ? (
              <>
                <h3 className="mt-2 text-sm font-medium">{t("mystery.waves.uncovered")}</h3>
                <ul className="text-sm text-slate-700" data-testid="uncovered">
                  {coverage.uncovered.map((o) => (
                    <li key={o.outletId}>
                      {o.outlet} · {o.partner} · {o.region}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-semibold">{t("mystery.waves.visits")}</h2>
            <ul className="divide-y divide-slate-100">
              {visits.map((v) => (
                <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    <span className="font-medium">{v.outlet}</span> · {v.partner}
                    <span className="block text-slate-600">
                      {f.day(v.dueFrom)} – {f.day(v.dueTo)} · {v.scenario} v{v.scenarioVersion} · {v.auditor}
                    </span>
                  </span>
                  <span className="flex gap-1">
                    <VisitStatusBadge status={v.status} />
                    {v.late ? <Badge tone="red">{t("mystery.late")}</Badge> : null}
                    {v.scorePermille !== null ? <Score value={v.scorePermille} /> : null}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
        <div className="space-y-4">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("mystery.waves.plan")}</h2>
            <Form method="post">
              <SelectField
                label={t("mystery.outlet")}
                name="outletId"
                errors={errors}
                defaultValue={values.outletId}
                options={outlets.map((o) => ({ value: o.id, label: `${o.name} · ${o.partner}` }))}
              />
              <SelectField
                label={t("mystery.scenario")}
                name="scenarioId"
                errors={errors}
                defaultValue={values.scenarioId}
                options={scenarios.map((s) => ({ value: s.id, label: `${s.title} (v${s.version})` }))}
              />
              <SelectField
                label={t("mystery.auditor")}
                name="auditorId"
                errors={errors}
                defaultValue={values.auditorId}
                options={auditors.map((a) => ({ value: a.id, label: a.name }))}
              />
              <TextField
                label={t("mystery.waves.due_from")}
                name="dueFrom"
                type="date"
                min={wave.startsOn}
                max={wave.endsOn}
                errors={errors}
                defaultValue={values.dueFrom}
              />
              <TextField
                label={t("mystery.waves.due_to")}
                name="dueTo"
                type="date"
                min={wave.startsOn}
                max={wave.endsOn}
                errors={errors}
                defaultValue={values.dueTo}
              />
              <Button type="submit" name="intent" value="plan">
                {t("mystery.waves.plan_button")}
              </Button>
            </Form>
          </Card>
          <Card>
            <Form method="post">
              <TextAreaField
                label={t("mystery.waves.blackout")}
                hint={t("mystery.waves.blackout_hint")}
                name="blackout"
                rows={2}
                errors={errors}
                defaultValue={values.blackout ?? wave.blackoutDates.join(", ")}
              />
              <Button type="submit" name="intent" value="blackout" variant="secondary">
                {t("common.save")}
              </Button>
            </Form>
          </Card>
        </div>
      </div>
    </>
  );
}
