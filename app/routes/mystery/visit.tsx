import { pageMeta } from "~/lib/page-meta";
import { redirect, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { sendOrKeep } from "~/components/claims/claim-form";
import { ReportForm, mysteryDraftKey } from "~/components/mystery/report-form";
import { BackLink, Card, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { submitReport, visitForReport } from "~/domain/mystery/visits.server";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/visit";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "mystery.audit");
  const found = orNotFound(await visitForReport(await getDb(), actor, requireId(params.visitId)));
  // A report already sent is not filed again: back to the list.
  if (found.visit.status !== "planned") throw redirect("/mystery/visits");
  return {
    pageTitle: { name: found.outlet.name },
    me: actor.id,
    visit: { id: found.visit.id, dueFrom: found.visit.dueFrom, dueTo: found.visit.dueTo },
    outlet: found.outlet,
    partner: found.partner,
    scenario: found.scenario,
    roster: found.roster,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireActor(context, request, "mystery.audit");
  const visitId = requireId(params.visitId);
  const formData = await readForm(request);
  const db = await getDb();
  return runAction(formData, async () => {
    const result = await submitReport(db, actor, visitId, formData);
    throw redirect(`/mystery/visits?sent=${visitId}${result.published ? "&published=1" : ""}`);
  });
}

export async function clientAction({ serverAction }: Route.ClientActionArgs) {
  return sendOrKeep(serverAction);
}

export default function FileReport() {
  const { me, visit, outlet, partner, scenario, roster } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <BackLink to="/mystery/visits">{t("mystery.visits.title")}</BackLink>
      <PageHeader title={outlet.name} subtitle={`${outlet.address}, ${outlet.postalCode} ${outlet.city} · ${partner}`} />
      <Card className="mb-4">
        <p className="text-sm text-slate-600">{t("mystery.visits.due", { from: f.day(visit.dueFrom), to: f.day(visit.dueTo) })}</p>
        <h2 className="mt-2 font-semibold">{t("mystery.legend")}</h2>
        <p className="italic">“{scenario.legend}”</p>
        {scenario.instructions ? (
          <>
            <h2 className="mt-2 font-semibold">{t("mystery.instructions")}</h2>
            <p className="text-sm whitespace-pre-line">{scenario.instructions}</p>
          </>
        ) : null}
      </Card>
      <ReportForm
        storageKey={mysteryDraftKey(me, visit.id)}
        questionnaire={scenario.questionnaire}
        roster={roster}
        dueFrom={visit.dueFrom}
        dueTo={visit.dueTo}
        initial={valuesOf(result)}
        errors={errorsOf(result)}
      />
    </>
  );
}
