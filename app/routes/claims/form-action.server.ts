import { redirect, type AppLoadContext } from "react-router";
import { getDb } from "@db/client";
import { deleteDraft, saveDraft, submitClaim } from "~/domain/claims/claims.server";
import { readClaimForm } from "~/domain/claims/forms";
import { MAX_EVIDENCE_BYTES } from "~/domain/claims/shared";
import { requireActor } from "~/lib/access.server";
import { failure, runAction } from "~/lib/forms.server";

/** Room for the form fields around the largest accepted file. */
const MAX_BODY_BYTES = MAX_EVIDENCE_BYTES + 512 * 1024;

/**
 * The action of the new-claim and edit-claim pages: "submit" sends the claim, "draft" keeps it on
 * the server unfinished, "delete" throws a draft away. A body too big to hold an accepted file is
 * refused before it is read, with the message next to the file field.
 */
export async function claimFormAction(request: Request, context: AppLoadContext, claimId: string | null) {
  const actor = requireActor(context, request, "claims.submit");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return failure({ evidence: [{ key: "errors.claims.evidence_too_big", vars: { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 } }] }, undefined, 413);
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    // A broken or cut-off upload (the connection dropped mid-way).
    return failure({ _form: [{ key: "errors.claims.upload_broken" }] }, undefined, 400);
  }
  // PostgreSQL cannot store a NUL character: refuse it as bad input next to its field, not as a 500.
  for (const [name, value] of formData) {
    if (typeof value === "string" && value.includes("\u0000")) return failure({ [name]: [{ key: "errors.invalid" }], _form: [{ key: "errors.invalid" }] }, undefined, 400);
  }
  const intent = String(formData.get("intent") ?? "submit");
  const db = await getDb();
  return runAction(formData, async () => {
    if (intent === "delete" && claimId) {
      await deleteDraft(db, actor, claimId);
      return redirect(`/claims?deleted=1`);
    }
    const raw = readClaimForm(formData);
    const sent = claimId ?? "new";
    if (intent === "draft") {
      const id = await saveDraft(db, actor, claimId, raw);
      return redirect(`/claims/${id}/edit?saved=1&sent=${sent}`);
    }
    const claim = await submitClaim(db, actor, claimId, raw);
    return redirect(`/claims/${claim.id}?sent=${sent}`);
  });
}
