import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import { getDb } from "@db/client";
import { getClaim, isEditable } from "~/domain/claims/claims.server";
import { noteField } from "~/domain/claims/forms";
import { approveClaim, confirmClaim, rejectClaim, requestInformation, returnClaim } from "~/domain/claims/review.server";
import { CalculationLines, ClaimStatusBadge, EvidenceView, FlagList, localDraftKey, useForgetLocalDraft } from "~/components/claims/parts";
import { Button, Card, FormErrors, Notice, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { dispatchIntent } from "~/lib/intents.server";
import { isManufacturer } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/detail";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "claims.view");
  const db = await getDb();
  // getClaim's scope already hides what is not the actor's to see, another's draft included.
  const claim = orNotFound(await getClaim(db, actor, params.claimId));
  const own = claim.userId === actor.id;
  return {
    me: actor.id,
    claim: {
      ...claim,
      // Flags name other partners' claims: for the manufacturer's reviewers only.
      flags: isManufacturer(actor) ? claim.flags : [],
      evidence: claim.evidence ? { id: claim.evidence.id, mime: claim.evidence.mime, originalName: claim.evidence.originalName } : null,
    },
    own,
    canEdit: own && isEditable(claim.status) && can(actor.role, "claims.submit"),
    canReview: claim.status === "in_review" && can(actor.role, "claims.review"),
    canCheck: claim.status === "manager_check" && !own && can(actor.role, "claims.check"),
    showClaimant: !own,
  };
}

const noteSchema = z.object({ note: noteField });

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const id = params.claimId;
  return dispatchIntent(request, context, "claims.view", {
    approve: {
      can: "claims.review",
      run: async (actor) => {
        const r = await approveClaim(db, actor, id);
        return { ok: true as const, done: "approved", credited: r.credited, capped: r.capped };
      },
    },
    reject: {
      can: "claims.review",
      run: async (actor, formData) => {
        await rejectClaim(db, actor, id, parseForm(noteSchema, formData).note);
        return { ok: true as const, done: "rejected" };
      },
    },
    request_info: {
      can: "claims.review",
      run: async (actor, formData) => {
        await requestInformation(db, actor, id, parseForm(noteSchema, formData).note);
        return { ok: true as const, done: "info_requested" };
      },
    },
    confirm: {
      can: "claims.check",
      run: async (actor) => {
        await confirmClaim(db, actor, id);
        return { ok: true as const, done: "checked" };
      },
    },
    return: {
      can: "claims.check",
      run: async (actor, formData) => {
        await returnClaim(db, actor, id, parseForm(noteSchema, formData).note);
        return { ok: true as const, done: "returned" };
      },
    },
  });
}

export default function ClaimDetail() {
  const { me, claim, canEdit, canReview, canCheck, showClaimant } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const echoed = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  useForgetLocalDraft(params.get("sent") ? localDraftKey(me, params.get("sent")!) : null);
  const done = result && "done" in result ? result.done : null;
  const shownPoints = claim.points;

  return (
    <>
      <PageHeader
        title={t("claims.claim_title", { number: claim.number })}
        subtitle={
          <>
            <ClaimStatusBadge status={claim.status} />
            <span className="ml-2">
              {showClaimant ? `${claim.claimantName} · ${claim.organisationName} · ` : ""}
              {claim.invoiceNumber ? t("claims.invoice_short", { invoice: claim.invoiceNumber }) : null}
              {claim.invoiceDate ? ` · ${f.day(claim.invoiceDate)}` : null}
            </span>
          </>
        }
        actions={
          canEdit ? (
            <Link
              to={`/claims/${claim.id}/edit`}
              className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
            >
              {claim.status === "draft" ? t("claims.continue_draft") : t("claims.correct_and_resend")}
            </Link>
          ) : null
        }
      />
      {params.get("sent") ? <Notice>{t(claim.status === "manager_check" ? "claims.sent_to_manager" : "claims.sent")}</Notice> : null}
      {done ? <Notice>{t(`claims.done.${done}`, { count: result && "credited" in result ? (result.credited ?? 0) : 0 })}</Notice> : null}
      <FormErrors errors={errors} />

      {claim.decisionNote && (claim.status === "rejected" || claim.status === "info_requested") ? (
        <div role="note" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">{t(claim.status === "rejected" ? "claims.rejected_because" : "claims.info_asked")}</p>
          <p className="mt-1 whitespace-pre-line" data-testid="decision-note">
            {claim.decisionNote}
          </p>
        </div>
      ) : null}

      {claim.flags.length ? (
        <Card className="mb-4 border-amber-300 bg-amber-50">
          <h2 className="mb-2 font-semibold text-amber-900">{t("claims.flags_title")}</h2>
          <FlagList flags={claim.flags} />
        </Card>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-4">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("claims.lines_title")}</h2>
            <ul className="divide-y divide-slate-100">
              {claim.lines.map((l) => (
                <li key={l.id} className="py-2">
                  <div className="flex items-start justify-between gap-3">
                    <div>
                      <p className="font-medium">{l.productName ?? l.sku}</p>
                      <p className="text-xs text-slate-500">
                        {l.sku} · {t("claims.units", { count: l.quantity ?? 0 })}
                      </p>
                    </div>
                    {claim.status !== "draft" ? (
                      <span className="text-sm whitespace-nowrap">{t("claims.points_value", { count: l.points })}</span>
                    ) : null}
                  </div>
                  {l.serials.length ? (
                    <p className="mt-1 text-xs break-all text-slate-600">
                      {t("claims.serials_label")}: {l.serials.join(", ")}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
          {claim.status !== "draft" ? (
            <Card>
              <h2 className="mb-1 text-lg font-semibold">{t("claims.calculation")}</h2>
              <p className="mb-3 text-2xl font-semibold text-brand-700" data-testid="claim-points">
                {t("claims.points_value", { count: shownPoints })}
              </p>
              <CalculationLines lines={claim.calculation} />
              {claim.status === "approved" ? (
                <p className="mt-3 text-sm text-emerald-800">
                  {t("claims.credited", { count: claim.creditedPoints ?? 0 })}{" "}
                  {claim.creditedPoints !== null && claim.creditedPoints < claim.points ? t("claims.credited_capped") : null}
                </p>
              ) : (
                <p className="mt-3 text-xs text-slate-500">{t("claims.points_pending_note")}</p>
              )}
            </Card>
          ) : null}
        </div>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("claims.evidence_title")}</h2>
          <EvidenceView claimId={claim.id} evidence={claim.evidence} />
        </Card>
      </div>

      {canReview ? (
        <Card className="mt-4">
          <h2 className="mb-3 text-lg font-semibold">{t("claims.decide")}</h2>
          <Form method="post" className="mb-4">
            <input type="hidden" name="intent" value="approve" />
            <Button type="submit" disabled={busy}>
              {t("claims.approve_points", { count: claim.points })}
            </Button>
          </Form>
          <div className="grid gap-4 md:grid-cols-2">
            <NoteForm
              intent="reject"
              label={t("claims.reject_reason")}
              button={t("claims.reject")}
              variant="danger"
              errors={echoed.intent === "reject" ? errors : {}}
              value={echoed.intent === "reject" ? echoed.note : ""}
              busy={busy}
            />
            <NoteForm
              intent="request_info"
              label={t("claims.info_question")}
              button={t("claims.request_info")}
              variant="secondary"
              errors={echoed.intent === "request_info" ? errors : {}}
              value={echoed.intent === "request_info" ? echoed.note : ""}
              busy={busy}
            />
          </div>
        </Card>
      ) : null}

      {canCheck ? (
        <Card className="mt-4">
          <h2 className="mb-1 text-lg font-semibold">{t("claims.check_title")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("claims.check_hint")}</p>
          <Form method="post" className="mb-4">
            <input type="hidden" name="intent" value="confirm" />
            <Button type="submit" disabled={busy}>
              {t("claims.confirm")}
            </Button>
          </Form>
          <NoteForm
            intent="return"
            label={t("claims.return_note")}
            button={t("claims.return")}
            variant="secondary"
            errors={echoed.intent === "return" ? errors : {}}
            value={echoed.intent === "return" ? echoed.note : ""}
            busy={busy}
          />
        </Card>
      ) : null}

      {claim.events.length ? (
        <Card className="mt-4">
          <h2 className="mb-3 text-lg font-semibold">{t("claims.history")}</h2>
          <ol className="space-y-2 text-sm">
            {claim.events.map((e, i) => (
              <li key={i}>
                <span className="text-slate-500">{f.dateTime(e.createdAt)}</span> ·{" "}
                {t(`claims.event.${e.kind}`, { name: e.actorName ?? "—" })}
                {e.note ? <span className="block whitespace-pre-line text-slate-700">“{e.note}”</span> : null}
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
    </>
  );
}

function NoteForm(props: {
  intent: string;
  label: string;
  button: string;
  variant: "danger" | "secondary";
  errors: Record<string, Array<{ key: string; vars?: Record<string, string | number> }>>;
  value?: string;
  busy: boolean;
}) {
  const t = useT();
  const id = `f-note-${props.intent}`;
  const messages = props.errors.note;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.intent} />
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      <textarea
        id={id}
        name="note"
        rows={3}
        defaultValue={props.value}
        maxLength={1000}
        aria-invalid={messages?.length ? true : undefined}
        aria-describedby={messages?.length ? `${id}-error` : undefined}
        className="mb-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-base aria-invalid:border-red-500"
      />
      {messages?.length ? (
        <p id={`${id}-error`} role="alert" className="mb-2 text-sm text-red-700">
          {messages.map((m) => t(m.key, m.vars)).join(" ")}
        </p>
      ) : null}
      <Button type="submit" variant={props.variant} disabled={props.busy} className="mt-1">
        {props.button}
      </Button>
    </Form>
  );
}
