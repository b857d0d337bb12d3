import { useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { INFLUENCERS } from "@db/schema/enums";
import { claimFormData } from "~/domain/claims/form-data.server";
import { listClaims } from "~/domain/claims/claims.server";
import { ClaimForm, initialValues, sendOrKeep } from "~/components/claims/claim-form";
import { localDraftKey } from "~/components/claims/parts";
import { PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { claimFormAction } from "./form-action.server";
import type { Route } from "./+types/new";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "claims.submit");
  const db = await getDb();
  const [form, drafts] = await Promise.all([
    claimFormData(db, actor),
    listClaims(db, actor, { status: "draft", userId: actor.id, limit: 5 }),
  ]);
  return {
    me: actor.id,
    form,
    drafts: drafts.map((d) => ({ id: d.id, invoiceNumber: d.invoiceNumber, number: d.number })),
    // Decided here, so the page does not load the role lists (issue 17, the claim form's first load).
    influencer: INFLUENCERS.includes(form.role),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  return claimFormAction(request, context, null);
}

export async function clientAction({ serverAction }: Route.ClientActionArgs) {
  return sendOrKeep(serverAction);
}

export default function NewClaim() {
  const { me, form, drafts, influencer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <PageHeader
        title={t("claims.new_title")}
        subtitle={t("claims.new_subtitle")}
        actions={
          <Link to="/claims" className="text-sm text-brand-600 underline">
            {t("claims.my_claims")}
          </Link>
        }
      />
      {drafts.length ? (
        <p className="mb-4 text-sm text-slate-700">
          {t("claims.drafts_waiting", { count: drafts.length })}{" "}
          {drafts.map((d, i) => (
            <span key={d.id}>
              {i ? ", " : ""}
              <Link to={`/claims/${d.id}/edit`} className="text-brand-600 underline">
                {d.invoiceNumber || t("claims.draft_untitled", { number: d.number })}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      {influencer ? (
        // Influencers claim what their company bought, not what they sold (issue 19, docs/architecture.md).
        <p className="mb-4 rounded-md bg-slate-50 p-3 text-sm text-slate-700">
          {t("roles.influencer_claim_hint", { role: t(`role.${form.role}`) })}
        </p>
      ) : null}
      <ClaimForm
        storageKey={localDraftKey(me, "new")}
        {
          ...form /* catalogue, rules, tier, role, cap room and date window, as claimFormData gives them */
        }
        initial={initialValues(null, valuesOf(result), form.ownOutletId)}
        errors={errorsOf(result)}
        existingEvidence={null}
        canSaveDraft
        submitLabel={t("claims.form.submit")}
      />
    </>
  );
}
