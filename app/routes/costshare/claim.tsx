import { useMemo, useState } from "react";
import { Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { getDb } from "@db/client";
import { submitClaim } from "~/domain/costshare/claims.server";
import { filesOf } from "~/domain/costshare/files.server";
import { claimSchema } from "~/domain/costshare/forms";
import { getSettings, ruleOf } from "~/domain/costshare/funds.server";
import { getRequest, getRequestRow } from "~/domain/costshare/requests.server";
import { notFoundError } from "~/lib/errors";
import { reimbursement } from "~/domain/costshare/rule";
import { FILE_ACCEPT, MAX_PROOF_FILES } from "~/domain/costshare/shared";
import { BackLink, Button, Card, FileField, FormErrors, PageHeader, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import { parseMoney } from "~/lib/money";
import type { Route } from "./+types/claim";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "costshare.request");
  const db = await getDb();
  const found = orNotFound(await getRequest(db, actor, params.requestId));
  const settings = await getSettings(db);
  const r = found.request;
  const open = r.status === "approved" && (!found.claim || found.claim.status === "returned");
  return {
    request: {
      id: r.id,
      number: r.number,
      title: r.title,
      approvedMinor: r.approvedMinor ?? 0,
      equalSplit: r.equalSplit === 1,
      claimBy: r.claimBy,
      otherBrands: r.otherBrands,
    },
    claim: found.claim
      ? {
          actualCostMinor: found.claim.actualCostMinor,
          brandsShown: found.claim.brandsShown,
          note: found.claim.note,
          decisionNote: found.claim.decisionNote,
        }
      : null,
    open,
    rule: ruleOf(settings),
    currency: settings.currency,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireActor(context, request, "costshare.request");
  const db = await getDb();
  const formData = await readForm(request);
  return runAction(formData, async () => {
    // Another partner's request is "not found" before anything typed is read.
    if (!(await getRequestRow(db, actor, params.requestId))) throw notFoundError();
    const { currency } = await getSettings(db);
    const input = parseForm(claimSchema(currency), formData);
    await submitClaim(db, actor, params.requestId, input, { final: filesOf(formData, "final"), proofs: filesOf(formData, "proofs") });
    throw redirect(`/cost-share/requests/${params.requestId}?claimed=1`);
  });
}

export default function ClaimPage() {
  const { request: r, claim, open, rule, currency } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const busy = useNavigation().state !== "idle";
  const [cost, setCost] = useState(values.actualCost ?? (claim ? f.moneyInput(claim.actualCostMinor, currency) : ""));
  const [brands, setBrands] = useState(values.brandsShown ?? (claim ? claim.brandsShown : r.otherBrands).join("\n"));
  const preview = useMemo(() => {
    const costMinor = parseMoney(cost, currency);
    if (!costMinor) return null;
    const others = brands
      .split(/[\n,;]/)
      .map((s) => s.trim())
      .filter(Boolean).length;
    return reimbursement({
      rule,
      costMinor,
      otherBrands: others,
      equalSplit: r.equalSplit,
      capMinor: r.approvedMinor,
      capKind: "approved",
    });
  }, [cost, brands, currency, rule, r]);
  return (
    <>
      <BackLink to={`/cost-share/requests/${r.id}`}>{t("costshare.request_title", { number: r.number, title: r.title })}</BackLink>
      <PageHeader
        title={t("costshare.claim_title")}
        subtitle={t("costshare.claim_subtitle", { amount: f.money(r.approvedMinor, currency), day: f.day(r.claimBy) })}
      />
      {!open ? (
        <Card>
          <p className="text-slate-700">{t("costshare.claim_closed")}</p>
        </Card>
      ) : (
        <Card>
          {claim?.decisionNote ? <p className="mb-3 rounded-lg bg-amber-50 p-3 text-sm">{claim.decisionNote}</p> : null}
          <Form method="post" encType="multipart/form-data" noValidate>
            <FormErrors errors={errors} />
            <TextField
              label={t("costshare.form.actual_cost", { currency })}
              name="actualCost"
              inputMode="decimal"
              value={cost}
              onChange={(e) => setCost(e.target.value)}
              errors={errors}
              required
            />
            <TextAreaField
              label={t("costshare.form.brands_shown")}
              name="brandsShown"
              value={brands}
              onChange={(e) => setBrands(e.target.value)}
              errors={errors}
              hint={t("costshare.form.other_brands_hint")}
              rows={2}
            />
            <div data-testid="claim-preview" aria-live="polite" className="mb-4 rounded-lg border border-brand-100 bg-brand-50 p-3">
              {preview ? (
                <>
                  <p className="font-semibold">{t("costshare.form.claim_preview", { amount: f.money(preview.amountMinor, currency) })}</p>
                  <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                    {preview.lines.map((l) => (
                      <li key={l.key}>{t(l.key, l.vars)}</li>
                    ))}
                    {preview.amountMinor < r.approvedMinor ? (
                      <li>{t("costshare.form.released_rest", { amount: f.money(r.approvedMinor - preview.amountMinor, currency) })}</li>
                    ) : null}
                  </ul>
                </>
              ) : (
                <p className="text-sm text-slate-600">{t("costshare.form.claim_preview_empty")}</p>
              )}
            </div>
            <FileField
              label={t("costshare.form.final")}
              name="final"
              accept={FILE_ACCEPT}
              errors={errors}
              hint={t("costshare.form.file_hint", { mb: 8 })}
            />
            <FileField
              label={t("costshare.form.proofs")}
              name="proofs"
              accept={FILE_ACCEPT}
              multiple
              errors={errors}
              hint={t("costshare.form.proofs_hint", { count: MAX_PROOF_FILES, mb: 8 })}
            />
            <TextAreaField
              label={t("costshare.form.note")}
              name="note"
              defaultValue={values.note ?? claim?.note}
              errors={errors}
              rows={2}
            />
            <Button type="submit" disabled={busy} className="w-full sm:w-auto">
              {t("costshare.form.send_claim")}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
