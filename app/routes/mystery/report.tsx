import { pageMeta } from "~/lib/page-meta";
import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getDb } from "@db/client";
import { Score, VisitStatusBadge, clockOf } from "~/components/mystery/parts";
import {
  BackLink,
  FileField,
  Badge,
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
import { publishVisit } from "~/domain/mystery/awards.server";
import { decideDispute, raiseDispute } from "~/domain/mystery/disputes.server";
import { decisionSchema, disputeSchema, overturnSchema, reviewSchema } from "~/domain/mystery/forms";
import { percentText } from "~/domain/mystery/scoring";
import { getReport } from "~/domain/mystery/visits.server";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { notFoundError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { idField } from "~/lib/ids";
import { dispatchIntent } from "~/lib/intents.server";
import { can } from "~/lib/permissions";
import { z } from "zod";
import type { Route } from "./+types/report";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "mystery.reports");
  const report = orNotFound(await getReport(await getDb(), actor, requireId(params.visitId)));
  const staff = isManufacturer(actor);
  const open = report.disputes.find((d) => d.status === "open") ?? null;
  const windowOpen = !!report.disputeUntil && report.disputeUntil > new Date();
  const { reviewNote, auditorName, ...shown } = report;
  return {
    pageTitle: { name: `${report.outlet} · ${report.partner}` },
    report: shown,
    // Who the shopper was and the reviewer's own note are for the manufacturer's staff only.
    staffOnly: staff ? { auditorName, reviewNote } : null,
    openDisputeId: open?.id ?? null,
    canPublish: staff && report.status === "submitted" && can(actor.role, "mystery.manage"),
    canDecide: staff && !!open && can(actor.role, "mystery.manage"),
    canDispute: !staff && can(actor.role, "mystery.dispute") && report.status === "published" && windowOpen && !open,
    windowOpen,
  };
}

const disputeRef = z.object({ disputeId: idField });

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const visitId = requireId(params.visitId);
  return dispatchIntent(request, context, "mystery.reports", {
    publish: {
      can: "mystery.manage",
      run: async (actor, formData) => {
        const { note } = parseForm(reviewSchema, formData);
        const r = await publishVisit(db, actor, visitId, note || null);
        return { ok: true as const, done: "published", awarded: r.awarded };
      },
    },
    dispute: {
      can: "mystery.dispute",
      run: async (actor, formData) => {
        // Another partner's report is "not found" before anything typed is looked at.
        if (!(await getReport(db, actor, visitId))) throw notFoundError();
        const file = formData.get("evidenceFile");
        await raiseDispute(db, actor, visitId, parseForm(disputeSchema, formData), file && typeof file !== "string" ? file : null);
        return { ok: true as const, done: "disputed", awarded: 0 };
      },
    },
    uphold: {
      can: "mystery.manage",
      run: async (actor, formData) => {
        const { disputeId } = parseForm(disputeRef, formData);
        const { note } = parseForm(decisionSchema, formData);
        await decideDispute(db, actor, disputeId, { decision: "uphold", note });
        return { ok: true as const, done: "upheld", awarded: 0 };
      },
    },
    overturn: {
      can: "mystery.manage",
      run: async (actor, formData) => {
        const { disputeId } = parseForm(disputeRef, formData);
        const input = parseForm(overturnSchema, formData);
        const r = await decideDispute(db, actor, disputeId, { decision: "overturn", ...input });
        return { ok: true as const, done: "overturned", awarded: r.reversed };
      },
    },
  });
}

export default function Report() {
  const { report, staffOnly, openDisputeId, canPublish, canDecide, canDispute, windowOpen } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const busy = useNavigation().state !== "idle";
  const done = result && "done" in result ? result : null;
  const answerText = (q: (typeof report.questions)[number]) => {
    const a = report.answers[q.id];
    if (!a) return "–";
    if (a.na) return t("mystery.answer.na");
    const question = report.questionnaire.sections.flatMap((s) => s.questions).find((x) => x.id === q.id);
    if (question?.type === "yes_no") return t(`mystery.answer.${a.value === "yes" ? "yes" : "no"}`);
    if (question?.type === "choice") return question.options?.find((o) => o.id === a.value)?.label ?? "–";
    if (question?.type === "photo") return "";
    return a.value ?? "–";
  };
  const questionOptions = [
    { value: "", label: t("mystery.dispute.whole_report") },
    ...report.questions.map((q) => ({ value: q.id, label: q.text.slice(0, 80) })),
  ];
  return (
    <>
      <BackLink to="/mystery/reports">{t("mystery.nav.reports")}</BackLink>
      <PageHeader
        title={`${report.outlet} · ${report.partner}`}
        subtitle={
          <>
            <VisitStatusBadge status={report.status} /> <Score value={report.scorePermille} />{" "}
            {report.late ? <Badge tone="red">{t("mystery.late")}</Badge> : null}{" "}
            <span>
              {report.wave} · {report.scenario} (v{report.scenarioVersion})
            </span>
          </>
        }
      />
      {done ? <Notice>{t(`mystery.done.${done.done}`, { count: done.awarded })}</Notice> : null}
      <FormErrors errors={errors} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card>
            <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-slate-500">{t("mystery.form.visit_day")}</dt>
                <dd>{report.visitedAt ? f.date(report.visitedAt) : "–"}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("mystery.report.time")}</dt>
                <dd>
                  {clockOf(report.visitedAt)}–{clockOf(report.leftAt)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("mystery.report.seller")}</dt>
                <dd data-testid="seller">{report.sellerName ?? (report.sellerDescription || "–")}</dd>
              </div>
              {staffOnly ? (
                <div>
                  <dt className="text-slate-500">{t("mystery.report.auditor")}</dt>
                  <dd>{staffOnly.auditorName}</dd>
                </div>
              ) : null}
            </dl>
            <p className="mt-3 text-sm italic">“{report.legend}”</p>
            {report.awardPoints > 0 ? (
              <p className="mt-3 text-sm">
                {report.awardReversedAt
                  ? t("mystery.report.award_reversed", { count: report.awardPoints })
                  : t(windowOpen ? "mystery.report.award_pending" : "mystery.report.award_final", { count: report.awardPoints })}
              </p>
            ) : null}
          </Card>
          {report.questionnaire.sections.map((s) => {
            const score = report.sectionScores?.find((x) => x.id === s.id);
            return (
              <Card key={s.id}>
                <div className="mb-2 flex items-center justify-between">
                  <h2 className="text-lg font-semibold">{s.title || t("mystery.report.questions")}</h2>
                  <Score value={score?.scorePermille ?? null} />
                </div>
                <ul className="divide-y divide-slate-100">
                  {report.questions
                    .filter((q) => q.sectionId === s.id)
                    .map((q) => (
                      <li key={q.id} className="py-2">
                        <p className="font-medium">
                          {q.text}
                          {q.key ? (
                            <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("mystery.key")}</span>
                          ) : null}
                        </p>
                        <p className="text-sm text-slate-700">
                          {answerText(q)}
                          {q.units !== null ? (
                            <span className="ml-2 text-slate-500">
                              {t("mystery.report.points", { earned: q.units * q.weight, possible: 4 * q.weight })}
                            </span>
                          ) : null}
                        </p>
                        {report.photos
                          .filter((p) => p.questionId === q.id)
                          .map((p) => (
                            <img
                              key={p.id}
                              src={`/mystery/reports/${report.id}/photos/${p.id}`}
                              alt={t("mystery.report.photo_for", { question: q.text })}
                              className="mt-2 max-h-60 rounded border border-slate-200"
                            />
                          ))}
                      </li>
                    ))}
                </ul>
              </Card>
            );
          })}
          {report.photos.some((p) => p.questionId === "receipt") ? (
            <Card>
              <h2 className="mb-2 text-lg font-semibold">{t("mystery.form.receipt")}</h2>
              {report.photos
                .filter((p) => p.questionId === "receipt")
                .map((p) => (
                  <a key={p.id} href={`/mystery/reports/${report.id}/photos/${p.id}`} className="text-brand-600 underline">
                    {t("mystery.report.open_receipt")}
                  </a>
                ))}
            </Card>
          ) : null}
        </div>

        <div className="space-y-4">
          {canPublish ? (
            <Card>
              <h2 className="mb-2 font-semibold">{t("mystery.review.check")}</h2>
              {staffOnly?.reviewNote ? <p className="mb-2 text-sm">{staffOnly.reviewNote}</p> : null}
              <Form method="post">
                <TextAreaField label={t("mystery.review.note")} name="note" rows={2} errors={errors} defaultValue={values.note} />
                <Button type="submit" name="intent" value="publish" disabled={busy}>
                  {t("mystery.review.publish")}
                </Button>
              </Form>
            </Card>
          ) : null}
          {canDispute ? (
            <Card>
              <h2 className="mb-2 font-semibold">{t("mystery.dispute.title")}</h2>
              <p className="mb-3 text-sm text-slate-600">{t("mystery.dispute.until", { date: f.dateTime(report.disputeUntil!) })}</p>
              <Form method="post" encType="multipart/form-data">
                <SelectField
                  label={t("mystery.dispute.about")}
                  name="questionId"
                  options={questionOptions}
                  errors={errors}
                  defaultValue={values.questionId}
                />
                <TextAreaField label={t("mystery.dispute.reason")} name="reason" rows={3} errors={errors} defaultValue={values.reason} />
                <TextAreaField
                  label={t("mystery.dispute.evidence")}
                  name="evidence"
                  rows={3}
                  errors={errors}
                  defaultValue={values.evidence}
                />
                <FileField
                  label={t("mystery.dispute.file")}
                  name="evidenceFile"
                  accept="image/jpeg,image/png,image/webp,image/heic,application/pdf"
                  errors={errors}
                />
                <Button type="submit" name="intent" value="dispute" disabled={busy}>
                  {t("mystery.dispute.send")}
                </Button>
              </Form>
            </Card>
          ) : null}
          {canDecide && openDisputeId ? (
            <Card>
              <h2 className="mb-2 font-semibold">{t("mystery.decide.title")}</h2>
              <Form method="post" className="space-y-2">
                <input type="hidden" name="disputeId" value={openDisputeId} />
                <TextAreaField label={t("mystery.decide.note")} name="note" rows={2} errors={errors} defaultValue={values.note} />
                <SelectField
                  label={t("mystery.decide.outcome")}
                  name="outcome"
                  errors={errors}
                  defaultValue={values.outcome ?? "voided"}
                  options={[
                    { value: "voided", label: t("mystery.decide.voided") },
                    { value: "rescored", label: t("mystery.decide.rescored") },
                  ]}
                />
                <TextField
                  label={t("mystery.decide.score")}
                  name="score"
                  inputMode="decimal"
                  errors={errors}
                  defaultValue={values.score ?? percentText(report.scorePermille)}
                />
                <label className="flex min-h-9 items-center gap-2 text-sm">
                  <input type="checkbox" name="keepAward" defaultChecked={values.keepAward === "on"} />
                  {t("mystery.decide.keep_award")}
                </label>
                <div className="flex flex-wrap gap-2">
                  <Button type="submit" name="intent" value="overturn" variant="danger" disabled={busy}>
                    {t("mystery.decide.overturn")}
                  </Button>
                  <Button type="submit" name="intent" value="uphold" variant="secondary" disabled={busy}>
                    {t("mystery.decide.uphold")}
                  </Button>
                </div>
              </Form>
            </Card>
          ) : null}
          <Card>
            <h2 className="mb-2 font-semibold">{t("mystery.dispute.history")}</h2>
            {report.disputes.length === 0 ? (
              <p className="text-sm text-slate-600">{t("mystery.dispute.none")}</p>
            ) : (
              <ol className="space-y-3 text-sm">
                {report.disputes.map((d) => (
                  <li key={d.id} className="border-l-2 border-slate-200 pl-3">
                    <p>
                      <Badge tone={d.status === "open" ? "amber" : d.status === "overturned" ? "red" : "green"}>
                        {t(`mystery.dispute.status.${d.status}`)}
                      </Badge>{" "}
                      {f.date(d.createdAt)} · {d.raisedBy}
                    </p>
                    <p className="mt-1">{d.reason}</p>
                    {d.evidence ? <p className="mt-1 text-slate-600">{d.evidence}</p> : null}
                    {report.photos
                      .filter((p) => p.questionId === `dispute:${d.id}`)
                      .map((p) => (
                        <a key={p.id} href={`/mystery/reports/${report.id}/photos/${p.id}`} className="mt-1 block text-brand-600 underline">
                          {t("mystery.dispute.open_file")}
                        </a>
                      ))}
                    {d.decisionNote ? (
                      <p className="mt-1 italic">
                        {d.outcome ? `${t(`mystery.decide.${d.outcome}`)}: ` : ""}
                        {d.decisionNote}
                        {d.newScorePermille !== null
                          ? ` (${percentText(d.previousScorePermille)}% → ${percentText(d.newScorePermille)}%)`
                          : ""}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
