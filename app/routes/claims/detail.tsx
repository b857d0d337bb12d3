import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageMeta } from "~/lib/page-meta";
import { getClaim, isEditable } from "~/domain/claims/claims.server";
import { noteField } from "~/domain/claims/forms";
import {
  approveClaim,
  confirmClaim,
  nextInReview,
  rejectClaim,
  requestInformation,
  returnClaim,
  reverseClaim,
} from "~/domain/claims/review.server";
import { CalculationLines, ClaimStatusBadge, EvidenceView, FlagList, localDraftKey, useForgetLocalDraft } from "~/components/claims/parts";
import { Button, Card, FormErrors, Notice, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { dispatchIntent } from "~/lib/intents.server";
import { isManufacturer } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/detail";

// "Claim 42 · Partner Portal", from the loader's pageTitle.
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "claims.view");
  const db = await getDb();
  // getClaim's scope already hides what is not the actor's to see, another's draft included.
  const claim = orNotFound(await getClaim(db, actor, params.claimId));
  const own = claim.userId === actor.id;
  return {
    me: actor.id,
    pageTitle: { key: "claims.claim_title", vars: { number: claim.number } },
    claim: {
      ...claim,
      // Flags name other partners' claims: for the manufacturer's reviewers only.
      flags: isManufacturer(actor) ? claim.flags : [],
      files: claim.files.map((f) => ({ id: f.id, mime: f.mime, originalName: f.originalName })),
    },
    own,
    canEdit: own && isEditable(claim.status) && can(actor.role, "claims.submit"),
    canReview: claim.status === "in_review" && can(actor.role, "claims.review"),
    canCheck: claim.status === "manager_check" && !own && can(actor.role, "claims.check"),
    canReverse: claim.status === "approved" && can(actor.role, "claims.review"),
    showClaimant: !own,
  };
}

const noteSchema = z.object({ note: noteField });

/**
 * After a decision the channel manager goes straight to the next claim in the queue (or back to
 * the empty queue), and the message bar says what was decided on which claim.
 */
async function decided(claimId: string, done: "approved" | "rejected" | "info_requested", credited = 0) {
  const { number, next } = await nextInReview(await getDb(), claimId);
  return redirectWithFlash(next ? `/claims/${next}` : "/claims/review", {
    key: next ? `ui.review.done_next.${done}` : `ui.review.done_last.${done}`,
    vars: { number: number ?? "", count: credited },
    link: next ? { to: "/claims/review", key: "ui.review.back_to_queue" } : undefined,
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const id = params.claimId;
  return dispatchIntent(request, context, "claims.view", {
    approve: {
      can: "claims.review",
      run: async (actor) => {
        const r = await approveClaim(db, actor, id);
        throw await decided(id, "approved", r.credited ?? 0);
      },
    },
    reject: {
      can: "claims.review",
      run: async (actor, formData) => {
        await rejectClaim(db, actor, id, parseForm(noteSchema, formData).note);
        throw await decided(id, "rejected");
      },
    },
    request_info: {
      can: "claims.review",
      run: async (actor, formData) => {
        await requestInformation(db, actor, id, parseForm(noteSchema, formData).note);
        throw await decided(id, "info_requested");
      },
    },
    reverse: {
      can: "claims.review",
      run: async (actor, formData) => {
        const r = await reverseClaim(db, actor, id, parseForm(noteSchema, formData).note);
        return { ok: true as const, done: "reversed", number: r.claim.number, taken: r.taken };
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
  const { me, claim, own, canEdit, canReview, canCheck, canReverse, showClaimant } = useLoaderData<typeof loader>();
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
              {claim.outletName ? ` · ${t("outlets.claim.outlet")}: ${claim.outletName}` : null}
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
      {done === "reversed" && result && "taken" in result ? (
        <Notice>{t("rules.reverse_done", { number: result.number, count: result.taken })}</Notice>
      ) : done ? (
        <Notice>{t(`claims.done.${done}`)}</Notice>
      ) : null}
      {/* A missing reason or question is shown in the decision step itself, where it was typed. */}
      <FormErrors errors={errors._form ? { _form: errors._form } : {}} />

      {claim.decisionNote && (claim.status === "rejected" || claim.status === "info_requested" || claim.status === "reversed") ? (
        <div role="note" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">
            {t(
              claim.status === "reversed"
                ? "rules.reversed_because"
                : claim.status === "rejected"
                  ? "claims.rejected_because"
                  : own
                    ? "claims.info_asked"
                    : "ui.review.info_asked_by_reviewer",
            )}
          </p>
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

      {/* The invoice beside the lines on a wide screen; on a phone it comes before the calculation. */}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="lg:col-start-1">
          <h2 className="mb-3 text-lg font-semibold">{t("claims.lines_title")}</h2>
          <ul className="divide-y divide-slate-100">
            {claim.lines.map((l) => (
              <li key={l.id} className="py-2">
                <div className="flex items-start justify-between gap-3">
                  <div>
                    <p className="font-medium">{l.productName ?? l.sku}</p>
                    <p className="text-xs text-slate-600">
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
        <Card className="lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <h2 className="mb-3 text-lg font-semibold">{t("claims.evidence_title")}</h2>
          <EvidenceView claimId={claim.id} files={claim.files} />
        </Card>
        {claim.status !== "draft" ? (
          <Card className="lg:col-start-1">
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
              <p className="mt-3 text-xs text-slate-600">{t("claims.points_pending_note")}</p>
            )}
          </Card>
        ) : null}
      </div>

      {canReview ? (
        <DecisionBar
          // A fresh bar (all steps closed) for each claim, also when the next one opens in place.
          key={claim.id}
          points={claim.points}
          number={claim.number}
          busy={busy}
          errors={errors}
          echoed={echoed}
        />
      ) : null}

      {canReverse ? (
        <Card className="mt-4">
          <h2 className="mb-1 text-lg font-semibold">{t("rules.reverse")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("rules.reverse_hint")}</p>
          <NoteForm
            intent="reverse"
            label={t("rules.reverse_reason")}
            button={t("rules.reverse")}
            variant="danger"
            errors={echoed.intent === "reverse" ? errors : {}}
            value={echoed.intent === "reverse" ? echoed.note : ""}
            busy={busy}
          />
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

/**
 * The channel manager's decision, docked above the phone's bottom bar (at the foot of the page on
 * a desktop): approve, ask for information or reject, each opening a short confirmation above the
 * bar. Plain <details> with one name, so only one is open and it works before the script loads.
 */
function DecisionBar({
  points,
  number,
  busy,
  errors,
  echoed,
}: {
  points: number;
  number: number;
  busy: boolean;
  errors: Record<string, Array<{ key: string; vars?: Record<string, string | number> }>>;
  echoed: Record<string, string>;
}) {
  const t = useT();
  const failed = echoed.intent === "reject" || echoed.intent === "request_info" ? echoed.intent : null;
  const summary =
    "flex min-h-11 cursor-pointer list-none items-center justify-center rounded-lg px-3 text-sm font-medium [&::-webkit-details-marker]:hidden";
  const panel = "absolute inset-x-0 bottom-full border-t border-slate-200 bg-white p-4 shadow-[0_-4px_12px_rgba(0,0,0,0.08)]";
  // Opening a step puts the keyboard (and a screen reader) on its first control.
  const focusFirst = (e: React.SyntheticEvent<HTMLDetailsElement>) => {
    const d = e.currentTarget;
    if (d.open) d.querySelector<HTMLElement>("textarea, button[type=submit]")?.focus();
  };
  return (
    <>
      {/* Keeps the end of the page clear of the docked bar. */}
      <div aria-hidden="true" className="h-20" />
      <section
        data-dock
        aria-label={t("claims.decide")}
        className="fixed inset-x-0 bottom-[calc(3.5rem+env(safe-area-inset-bottom))] z-20 border-t border-slate-200 bg-white/95 px-3 py-2 backdrop-blur md:bottom-0 md:left-60"
      >
        <div className="mx-auto grid max-w-5xl grid-cols-3 gap-2">
          <details name="decision" onToggle={focusFirst}>
            <summary className={`${summary} bg-brand-600 text-white`}>{t("ui.review.approve")}</summary>
            <div className={panel}>
              <Form method="post" className="mx-auto max-w-5xl">
                <input type="hidden" name="intent" value="approve" />
                <p className="mb-3 text-sm">{t("ui.review.approve_confirm", { number, count: points })}</p>
                <Button type="submit" disabled={busy} className="w-full md:w-auto">
                  {t("claims.approve_points", { count: points })}
                </Button>
              </Form>
            </div>
          </details>
          <details name="decision" open={failed === "request_info"} onToggle={focusFirst}>
            <summary className={`${summary} border border-slate-300 bg-white text-slate-800`}>{t("ui.review.ask")}</summary>
            <div className={panel}>
              <div className="mx-auto max-w-5xl">
                <NoteForm
                  intent="request_info"
                  label={t("claims.info_question")}
                  button={t("claims.request_info")}
                  variant="secondary"
                  errors={failed === "request_info" ? errors : {}}
                  value={failed === "request_info" ? echoed.note : ""}
                  busy={busy}
                />
              </div>
            </div>
          </details>
          <details name="decision" open={failed === "reject"} onToggle={focusFirst}>
            <summary className={`${summary} bg-red-600 text-white`}>{t("claims.reject")}</summary>
            <div className={panel}>
              <div className="mx-auto max-w-5xl">
                <NoteForm
                  intent="reject"
                  label={t("claims.reject_reason")}
                  button={t("claims.reject")}
                  variant="danger"
                  errors={failed === "reject" ? errors : {}}
                  value={failed === "reject" ? echoed.note : ""}
                  busy={busy}
                />
              </div>
            </div>
          </details>
        </div>
      </section>
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
