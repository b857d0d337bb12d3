import { redirect, type AppLoadContext } from "react-router";
import { getDb } from "@db/client";
import { deleteDraft, saveDraft, submitClaim } from "~/domain/claims/claims.server";
import { readClaimForm } from "~/domain/claims/forms";
import { MAX_EVIDENCE_BYTES } from "~/domain/claims/shared";
import { requireActor } from "~/lib/access.server";
import type { Actor } from "~/lib/actor";
import { failure, readFormResult } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";

/** Room for the form fields around the largest accepted file. */
const MAX_BODY_BYTES = MAX_EVIDENCE_BYTES + 512 * 1024;

/**
 * The action of the new-claim and edit-claim pages: "submit" sends the claim, "draft" keeps it on
 * the server unfinished, "delete" throws a draft away (no intent is a 400). A body too big to hold
 * an accepted file is refused before it is read, with the message next to the file field.
 */
export async function claimFormAction(request: Request, context: AppLoadContext, claimId: string | null) {
  requireActor(context, request, "claims.submit");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES)
    return failure(
      { evidence: [{ key: "errors.claims.evidence_too_big", vars: { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 } }] },
      undefined,
      413,
    );
  const read = await readFormResult(request);
  // A broken or cut-off upload (the connection dropped mid-way), or no form at all.
  if (!read.ok)
    return failure(
      { _form: [{ key: read.status === 413 ? "errors.too_many_fields" : "errors.claims.upload_broken" }] },
      undefined,
      read.status,
    );
  const formData = read.formData;
  // PostgreSQL cannot store a NUL character: refuse it as bad input next to its field, not as a 500.
  for (const [name, value] of formData) {
    if (typeof value === "string" && value.includes("\u0000"))
      return failure({ [name]: [{ key: "errors.invalid" }], _form: [{ key: "errors.invalid" }] }, undefined, 400);
  }
  const db = await getDb();
  const sent = claimId ?? "new";
  const intents = {
    submit: {
      run: async (actor: Actor) => {
        const claim = await submitClaim(db, actor, claimId, readClaimForm(formData));
        return redirect(`/claims/${claim.id}?sent=${sent}`);
      },
    },
    draft: {
      run: async (actor: Actor) => {
        const id = await saveDraft(db, actor, claimId, readClaimForm(formData));
        return redirect(`/claims/${id}/edit?saved=1&sent=${sent}`);
      },
    },
  };
  // Only a saved draft can be thrown away.
  const withDelete = claimId
    ? {
        ...intents,
        delete: {
          run: async (actor: Actor) => {
            await deleteDraft(db, actor, claimId);
            return redirect("/claims?deleted=1");
          },
        },
      }
    : intents;
  return dispatchIntent(request, context, "claims.submit", withDelete, { formData });
}
