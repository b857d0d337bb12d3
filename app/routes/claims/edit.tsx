import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { getClaim, isEditable } from "~/domain/claims/claims.server";
import { claimFormData } from "~/domain/claims/form-data.server";
import { ClaimForm, initialValues, sendOrKeep } from "~/components/claims/claim-form";
import { ClaimStatusBadge, localDraftKey, useForgetLocalDraft } from "~/components/claims/parts";
import { Button, Notice, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { notFound, requireActor } from "~/lib/access.server";
import { claimFormAction } from "./form-action.server";
import type { Route } from "./+types/edit";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "claims.submit");
  const db = await getDb();
  const claim = await getClaim(db, actor, params.claimId);
  if (!claim || claim.userId !== actor.id) throw notFound();
  return {
    me: actor.id,
    // Sent or decided meanwhile (on another device, or by a reviewer): say so rather than show a form.
    locked: !isEditable(claim.status),
    claim: {
      id: claim.id,
      number: claim.number,
      status: claim.status,
      decisionNote: claim.decisionNote,
      invoiceNumber: claim.invoiceNumber,
      invoiceDate: claim.invoiceDate,
      outletId: claim.outletId,
      lines: claim.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, serials: l.serials })),
      evidence: claim.files.length ? { name: claim.files.map((f) => f.originalName || "—").join(", ") } : null,
    },
    form: await claimFormData(db, actor, claim.submittedAt),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  return claimFormAction(request, context, params.claimId);
}

export async function clientAction({ serverAction }: Route.ClientActionArgs) {
  return sendOrKeep(serverAction);
}

export default function EditClaim() {
  const { me, claim, form, locked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const [params] = useSearchParams();
  // After "save draft" on the new-claim page, the phone's copy now lives under this claim.
  useForgetLocalDraft(params.get("sent") ? localDraftKey(me, params.get("sent")!) : null);
  const isDraft = claim.status === "draft";
  if (locked) {
    return (
      <>
        <PageHeader title={t("claims.claim_title", { number: claim.number })} subtitle={<ClaimStatusBadge status={claim.status} />} />
        <Notice>{t("errors.claims.not_editable")}</Notice>
        <Link to={`/claims/${claim.id}`} className="text-brand-600 underline">
          {t("claims.view_claim")}
        </Link>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={isDraft ? t("claims.edit_draft_title") : t("claims.edit_title", { number: claim.number })}
        subtitle={<ClaimStatusBadge status={claim.status} />}
        actions={
          <Link to={`/claims/${claim.id}`} className="text-sm text-brand-600 underline">
            {t("claims.view_claim")}
          </Link>
        }
      />
      {params.get("saved") ? <Notice>{t("claims.draft_saved")}</Notice> : null}
      {claim.decisionNote && !isDraft ? (
        <div role="note" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">{t(claim.status === "rejected" ? "claims.rejected_because" : "claims.info_asked")}</p>
          <p className="mt-1 whitespace-pre-line">{claim.decisionNote}</p>
        </div>
      ) : null}
      <ClaimForm
        storageKey={localDraftKey(me, claim.id)}
        {
          ...form /* catalogue, rules, tier, role, cap room and date window, as claimFormData gives them */
        }
        initial={initialValues(claim, valuesOf(result), form.ownOutletId)}
        errors={errorsOf(result)}
        existingEvidence={claim.evidence}
        canSaveDraft={isDraft}
        submitLabel={isDraft ? t("claims.form.submit") : t("claims.form.resubmit")}
      />
      {isDraft ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="delete" />
          <Button type="submit" variant="danger">
            {t("claims.delete_draft")}
          </Button>
        </Form>
      ) : null}
    </>
  );
}
