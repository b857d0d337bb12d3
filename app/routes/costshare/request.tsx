import { pageMeta } from "~/lib/page-meta";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { approveClaim, rejectClaim, returnClaim, reviewFile } from "~/domain/costshare/claims.server";
import { filesOf } from "~/domain/costshare/files.server";
import { requestFormData } from "~/domain/costshare/form-data.server";
import { approveSchema, commentSchema, fileReviewSchema, noteOptional, noteRequired, requestSchema } from "~/domain/costshare/forms";
import { getSettings } from "~/domain/costshare/funds.server";
import {
  addComment,
  approveRequest,
  cancelRequest,
  getRequest,
  getRequestRow,
  rejectRequest,
  resubmitRequest,
  returnRequest,
  secondApproveRequest,
} from "~/domain/costshare/requests.server";
import { percent } from "~/domain/costshare/rule";
import { ClaimStatus, Explain, FundFigures, RequestFields, RequestStatus } from "~/components/costshare";
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
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { notFoundError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/request";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "costshare.view");
  const db = await getDb();
  const found = orNotFound(await getRequest(db, actor, params.requestId));
  const { currency } = await getSettings(db);
  const r = found.request;
  const own = !isManufacturer(actor) && can(actor.role, "costshare.request");
  const claimOpen = r.status === "approved" && (!found.claim || found.claim.status === "returned");
  return {
    ...found,
    pageTitle: { key: "costshare.request_title", vars: { number: r.number, title: r.title } },
    currency,
    staff: isManufacturer(actor),
    can: {
      decide: r.status === "submitted" && can(actor.role, "costshare.decide"),
      second: r.status === "second_approval" && can(actor.role, "costshare.second_approve") && r.firstApproverId !== actor.id,
      secondDecline: r.status === "second_approval" && can(actor.role, "costshare.decide"),
      resubmit: r.status === "returned" && own,
      cancel: own && (["submitted", "returned", "second_approval"].includes(r.status) || (r.status === "approved" && !found.claim)),
      claim: own && claimOpen,
      reviewClaim: found.claim?.status === "submitted" && can(actor.role, "costshare.decide"),
    },
    form: r.status === "returned" && own ? await requestFormData(db, actor) : null,
  };
}

async function claimIdOf(requestId: string, actor: Parameters<typeof getRequestRow>[1]) {
  const db = await getDb();
  const found = await getRequest(db, actor, requestId);
  if (!found?.claim) throw notFoundError();
  return found.claim.id;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const id = params.requestId;
  const money = async () => (await getSettings(db)).currency;
  // Another partner's request is "not found" before anything typed is read.
  const visible = async (actor: Parameters<typeof getRequestRow>[1]) => {
    if (!(await getRequestRow(db, actor, id))) throw notFoundError();
  };
  return dispatchIntent(request, context, "costshare.view", {
    comment: {
      run: async (actor, formData) => {
        await visible(actor);
        await addComment(db, actor, id, parseForm(commentSchema, formData).body);
        return { ok: true as const, done: "commented" };
      },
    },
    approve: {
      can: "costshare.decide",
      run: async (actor, formData) => {
        const input = parseForm(approveSchema(await money()), formData);
        const r = await approveRequest(db, actor, id, { amountMinor: input.amount, note: input.note ?? "" });
        return { ok: true as const, done: r.needsSecond ? "first_approved" : "approved" };
      },
    },
    second_approve: {
      can: "costshare.second_approve",
      run: async (actor, formData) => {
        await secondApproveRequest(db, actor, id, parseForm(noteOptional, formData).note ?? "");
        return { ok: true as const, done: "approved" };
      },
    },
    reject: {
      can: "costshare.decide",
      run: async (actor, formData) => {
        await rejectRequest(db, actor, id, parseForm(noteRequired, formData).note);
        return { ok: true as const, done: "rejected" };
      },
    },
    return: {
      can: "costshare.decide",
      run: async (actor, formData) => {
        await returnRequest(db, actor, id, parseForm(noteRequired, formData).note);
        return { ok: true as const, done: "returned" };
      },
    },
    cancel: {
      can: "costshare.request",
      run: async (actor) => {
        await visible(actor);
        await cancelRequest(db, actor, id);
        return { ok: true as const, done: "cancelled" };
      },
    },
    resubmit: {
      can: "costshare.request",
      run: async (actor, formData) => {
        await visible(actor);
        const input = parseForm(requestSchema(await money()), formData);
        const [layout] = filesOf(formData, "layout");
        await resubmitRequest(db, actor, id, input, layout ?? null);
        return { ok: true as const, done: "resubmitted" };
      },
    },
    review_file: {
      can: "costshare.decide",
      run: async (actor, formData) => {
        const input = parseForm(fileReviewSchema, formData);
        if (!(await getRequestRow(db, actor, id))) throw notFoundError();
        await reviewFile(db, actor, input.fileId, input.verdict, input.note ?? "");
        return { ok: true as const, done: `file_${input.verdict}` };
      },
    },
    approve_claim: {
      can: "costshare.decide",
      run: async (actor, formData) => {
        const input = parseForm(approveSchema(await money()), formData);
        await approveClaim(db, actor, await claimIdOf(id, actor), { amountMinor: input.amount, note: input.note ?? "" });
        return { ok: true as const, done: "claim_approved" };
      },
    },
    reject_claim: {
      can: "costshare.decide",
      run: async (actor, formData) => {
        await rejectClaim(db, actor, await claimIdOf(id, actor), parseForm(noteRequired, formData).note);
        return { ok: true as const, done: "claim_rejected" };
      },
    },
    return_claim: {
      can: "costshare.decide",
      run: async (actor, formData) => {
        await returnClaim(db, actor, await claimIdOf(id, actor), parseForm(noteRequired, formData).note);
        return { ok: true as const, done: "claim_returned" };
      },
    },
  });
}

function FileLink({ file }: { file: { id: string; mime: string; originalName: string; kind: string } }) {
  const t = useT();
  const src = `/cost-share/files/${file.id}`;
  return file.mime.startsWith("image/") && file.mime !== "image/heic" ? (
    <a href={src} target="_blank" rel="noreferrer" className="block">
      <img src={src} alt={t(`costshare.file_kind.${file.kind}`)} className="max-h-48 rounded-lg border border-slate-200" loading="lazy" />
      <span className="text-xs text-brand-700 underline">{file.originalName || t("costshare.open_file")}</span>
    </a>
  ) : (
    <a href={src} target="_blank" rel="noreferrer" className="text-sm text-brand-700 underline">
      {file.originalName || t("costshare.open_file")} ({file.mime === "application/pdf" ? "PDF" : file.mime})
    </a>
  );
}

export default function RequestDetail() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const echoed = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const { request: r, claim, currency } = data;
  const money = (v: number) => f.money(v, currency);
  const done = result && "done" in result ? result.done : params.get("sent") ? "sent" : params.get("claimed") ? "claimed" : null;
  const layouts = data.files.filter((x) => x.kind === "layout");
  const claimFiles = data.files.filter((x) => x.kind !== "layout" && x.claimId === claim?.id);
  return (
    <>
      <BackLink to="/cost-share">{t("costshare.title")}</BackLink>
      <PageHeader
        title={t("costshare.request_title", { number: r.number, title: r.title })}
        subtitle={
          <>
            <RequestStatus status={r.status} /> {claim ? <ClaimStatus status={claim.status} /> : null}
            <span className="ml-2">
              {data.organisation?.name} · {data.author} · {t(`costshare.activity.${r.activityType}`)}
            </span>
          </>
        }
        actions={
          data.can.claim ? (
            <Link
              to={`/cost-share/requests/${r.id}/claim`}
              className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
            >
              {claim ? t("costshare.fix_claim") : t("costshare.claim_now")}
            </Link>
          ) : null
        }
      />
      {done ? <Notice>{t(`costshare.done.${done}`)}</Notice> : null}
      <FormErrors errors={errors} />

      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-4">
          <Card>
            <dl className="grid gap-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-600">{t("costshare.dates")}</dt>
                <dd>
                  {f.day(r.startsOn)} – {f.day(r.endsOn)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("costshare.planned_cost")}</dt>
                <dd data-testid="planned-cost">{money(r.plannedCostMinor)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("costshare.requested")}</dt>
                <dd data-testid="requested">
                  {money(r.requestedMinor)} ({percent(r.requestedShareBp)})
                </dd>
              </div>
              {r.approvedMinor !== null ? (
                <div>
                  <dt className="text-slate-600">{t(r.status === "second_approval" ? "costshare.proposed" : "costshare.approved")}</dt>
                  <dd data-testid="approved" className="font-semibold">
                    {money(r.approvedMinor)}
                  </dd>
                </div>
              ) : null}
              <div>
                <dt className="text-slate-600">{t("costshare.other_brands")}</dt>
                <dd>{r.otherBrands.length ? r.otherBrands.join(", ") : t("costshare.only_ours")}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("costshare.claim_by")}</dt>
                <dd>{f.day(r.claimBy)}</dd>
              </div>
              {r.expectedOutcome || r.expectedLeads || r.expectedReach ? (
                <div className="sm:col-span-2">
                  <dt className="text-slate-600">{t("costshare.outcome")}</dt>
                  <dd>
                    {r.expectedOutcome} {r.expectedLeads ? t("costshare.leads_value", { count: r.expectedLeads }) : ""}{" "}
                    {r.expectedReach ? t("costshare.reach_value", { count: r.expectedReach }) : ""}
                  </dd>
                </div>
              ) : null}
            </dl>
            <p className="mt-3 text-sm whitespace-pre-line">{r.description}</p>
            <div className="mt-3">
              <Explain lines={r.calculation} />
            </div>
            {layouts.length ? (
              <div className="mt-3 flex flex-wrap gap-3">
                {layouts.map((l) => (
                  <FileLink key={l.id} file={l} />
                ))}
              </div>
            ) : null}
          </Card>

          {data.can.decide || data.can.second || data.can.secondDecline ? (
            <Card>
              <h2 className="mb-2 font-semibold">{t("costshare.decide_title")}</h2>
              <Form method="post">
                {data.can.decide ? (
                  <TextField
                    label={t("costshare.approve_amount", { currency })}
                    name="amount"
                    inputMode="decimal"
                    defaultValue={echoed.amount ?? f.moneyInput(r.requestedMinor, currency)}
                    errors={errors}
                  />
                ) : null}
                <TextAreaField label={t("costshare.decision_note")} name="note" defaultValue={echoed.note} errors={errors} rows={2} />
                <div className="flex flex-wrap gap-2">
                  {data.can.decide ? (
                    <Button type="submit" name="intent" value="approve" disabled={busy}>
                      {t("costshare.approve")}
                    </Button>
                  ) : null}
                  {data.can.second ? (
                    <Button type="submit" name="intent" value="second_approve" disabled={busy}>
                      {t("costshare.second_approve")}
                    </Button>
                  ) : null}
                  {data.can.decide || data.can.secondDecline ? (
                    <>
                      <Button type="submit" name="intent" value="return" variant="secondary" disabled={busy}>
                        {t("costshare.return")}
                      </Button>
                      <Button type="submit" name="intent" value="reject" variant="danger" disabled={busy}>
                        {t("costshare.reject")}
                      </Button>
                    </>
                  ) : null}
                </div>
              </Form>
            </Card>
          ) : null}

          {data.can.resubmit && data.form ? (
            <Card>
              <h2 className="mb-2 font-semibold">{t("costshare.change_and_resend")}</h2>
              <Form method="post" encType="multipart/form-data" noValidate>
                <RequestFields
                  {...data.form}
                  values={{
                    activityType: r.activityType,
                    title: r.title,
                    description: r.description,
                    startsOn: r.startsOn,
                    endsOn: r.endsOn,
                    plannedCost: f.moneyInput(r.plannedCostMinor, currency),
                    otherBrands: r.otherBrands.join("\n"),
                    equalSplit: r.equalSplit ? "1" : "",
                    expectedOutcome: r.expectedOutcome,
                    expectedLeads: r.expectedLeads ? String(r.expectedLeads) : "",
                    expectedReach: r.expectedReach ? String(r.expectedReach) : "",
                    ...echoed,
                  }}
                  errors={errors}
                />
                <Button type="submit" name="intent" value="resubmit" disabled={busy}>
                  {t("costshare.resend")}
                </Button>
              </Form>
            </Card>
          ) : null}

          {claim ? (
            <Card>
              <h2 className="mb-2 font-semibold">{t("costshare.claim_heading", { number: claim.number })}</h2>
              <dl className="grid gap-3 text-sm sm:grid-cols-2">
                <div>
                  <dt className="text-slate-600">{t("costshare.actual_cost")}</dt>
                  <dd>{money(claim.actualCostMinor)}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("costshare.reimbursement")}</dt>
                  <dd data-testid="claim-reimbursement" className="font-semibold">
                    {money(claim.approvedMinor ?? claim.reimbursementMinor)}
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("costshare.brands_shown")}</dt>
                  <dd>{claim.brandsShown.length ? claim.brandsShown.join(", ") : t("costshare.only_ours")}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("costshare.paid_so_far")}</dt>
                  <dd data-testid="claim-paid">{money(claim.paidMinor)}</dd>
                </div>
              </dl>
              <div className="mt-2">
                <Explain lines={claim.calculation} />
                {/* Approved for less than the calculation: say so, or the figures above do not add up. */}
                {claim.approvedMinor !== null && claim.approvedMinor < claim.reimbursementMinor ? (
                  <p className="mt-1 text-sm" data-testid="claim-approved-lower">
                    {t("costshare.claim_approved_lower", {
                      approved: money(claim.approvedMinor),
                      calculated: money(claim.reimbursementMinor),
                    })}
                  </p>
                ) : null}
              </div>
              {claim.decisionNote ? <p className="mt-2 text-sm italic">{claim.decisionNote}</p> : null}
              <ul className="mt-3 space-y-3">
                {claimFiles.map((file) => (
                  <li key={file.id} className="rounded-lg border border-slate-200 p-3" data-testid="proof-file">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div>
                        <p className="text-xs text-slate-600">{t(`costshare.file_kind.${file.kind}`)}</p>
                        <FileLink file={file} />
                      </div>
                      {file.kind === "proof" ? (
                        <Badge tone={file.review === "accepted" ? "green" : file.review === "rejected" ? "red" : "slate"}>
                          {t(`costshare.file_review.${file.review}`)}
                        </Badge>
                      ) : null}
                    </div>
                    {file.reviewNote ? <p className="mt-1 text-sm italic">{file.reviewNote}</p> : null}
                    {data.can.reviewClaim && file.kind === "proof" && file.review === "pending" ? (
                      <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                        <input type="hidden" name="intent" value="review_file" />
                        <input type="hidden" name="fileId" value={file.id} />
                        <label className="min-w-0 flex-1 text-sm">
                          <span className="sr-only">{t("costshare.file_note")}</span>
                          <input
                            name="note"
                            placeholder={t("costshare.file_note")}
                            className="block min-h-11 w-full rounded-lg border border-slate-300 px-3"
                          />
                        </label>
                        <Button type="submit" name="verdict" value="accepted" variant="secondary" disabled={busy}>
                          {t("costshare.accept_file")}
                        </Button>
                        <Button type="submit" name="verdict" value="rejected" variant="secondary" disabled={busy}>
                          {t("costshare.reject_file")}
                        </Button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
              {data.can.reviewClaim ? (
                <Form method="post" className="mt-4">
                  <TextField
                    label={t("costshare.approve_amount", { currency })}
                    name="amount"
                    inputMode="decimal"
                    defaultValue={echoed.amount ?? f.moneyInput(claim.reimbursementMinor, currency)}
                    errors={errors}
                  />
                  <TextAreaField label={t("costshare.decision_note")} name="note" defaultValue={echoed.note} errors={errors} rows={2} />
                  <div className="flex flex-wrap gap-2">
                    <Button type="submit" name="intent" value="approve_claim" disabled={busy}>
                      {t("costshare.approve_claim")}
                    </Button>
                    <Button type="submit" name="intent" value="return_claim" variant="secondary" disabled={busy}>
                      {t("costshare.return")}
                    </Button>
                    <Button type="submit" name="intent" value="reject_claim" variant="danger" disabled={busy}>
                      {t("costshare.reject")}
                    </Button>
                  </div>
                </Form>
              ) : null}
            </Card>
          ) : null}

          <Card>
            <h2 className="mb-2 font-semibold">{t("costshare.thread")}</h2>
            <ol className="space-y-2">
              {data.thread.map((c) => (
                <li key={c.id} className={`rounded-lg p-3 text-sm ${c.staff ? "bg-brand-50" : "bg-slate-50"}`}>
                  <p className="text-xs text-slate-600">
                    {c.author} · {f.dateTime(c.at)}
                    {c.event ? ` · ${t(`costshare.event.${c.event}`)}` : ""}
                  </p>
                  {c.body ? <p className="whitespace-pre-line">{c.body}</p> : null}
                </li>
              ))}
            </ol>
            <Form method="post" className="mt-3">
              <TextAreaField label={t("costshare.add_comment")} name="body" errors={errors} rows={2} maxLength={2000} />
              <Button type="submit" name="intent" value="comment" variant="secondary" disabled={busy}>
                {t("costshare.send_comment")}
              </Button>
            </Form>
          </Card>
        </div>

        <div className="space-y-4">
          {data.fund ? (
            <Card>
              <h2 className="mb-2 font-semibold">{t("costshare.fund_of", { period: data.period?.name ?? "" })}</h2>
              <FundFigures figures={data.fund} currency={currency} />
            </Card>
          ) : null}
          {data.can.cancel ? (
            <Card>
              <Form method="post">
                <p className="mb-2 text-sm text-slate-700">{t("costshare.cancel_hint")}</p>
                <Button type="submit" name="intent" value="cancel" variant="secondary" disabled={busy}>
                  {t("costshare.cancel")}
                </Button>
              </Form>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
