import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { outlets, users } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError, constraintName, sqlState } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { tenantScope } from "~/lib/scope.server";

/**
 * Outlets on people (issue 19): where a person works, so claims, reports and mystery-shopping
 * rosters can be told apart per outlet. The database enforces that the outlet is the person's own
 * organisation's (foreign key over outlet and organisation, migration 0027_outlets); these
 * functions say so in words before it gets that far.
 */

/**
 * What a claim form offers (issue 19): the partner's outlets and the one the person works at, in
 * one statement (the claim form is held to 5 statements, docs/performance.md).
 */
export async function outletChoices(db: Queryable, organisationId: string, userId: string) {
  const rows = await db
    .select({
      id: outlets.id,
      name: outlets.name,
      city: outlets.city,
      own: sql<boolean>`${outlets.id} = (select u.outlet_id from ${users} u where u.id = ${userId})`,
    })
    .from(outlets)
    .where(eq(outlets.organisationId, organisationId))
    .orderBy(asc(outlets.name), asc(outlets.id));
  return { outlets: rows.map(({ own: _own, ...o }) => o), ownOutletId: rows.find((o) => o.own)?.id ?? null };
}

/**
 * Sets or clears a person's outlet inside the caller's transaction, with no permission check of
 * its own: for code that has already decided the change is allowed (the executive's team page
 * below, an approved self-enrolment request). An outlet of another organisation, or an id that
 * is not an outlet, is refused as a field error on `outletId`. Returns the outlet it replaced.
 */
export async function assignOutlet(tx: Queryable, userId: string, outletId: string | null): Promise<{ previous: string | null }> {
  if (outletId !== null && !isId(outletId)) throw new UserError("outlets.errors.not_yours", "outletId");
  const [before] = await tx.select({ outletId: users.outletId }).from(users).where(eq(users.id, userId)).limit(1);
  if (!before) throw new UserError("common.not_found", undefined, undefined, 404);
  try {
    const [row] = await tx
      .update(users)
      .set({ outletId })
      .where(
        and(
          eq(users.id, userId),
          outletId === null
            ? undefined
            : sql`exists (select 1 from ${outlets} o where o.id = ${outletId} and o.organisation_id = ${users.organisationId})`,
        ),
      )
      .returning({ id: users.id });
    if (!row) throw new UserError("outlets.errors.not_yours", "outletId");
  } catch (error) {
    // The same rule from the database, should an outlet be removed between the check and the write.
    if (sqlState(error) === "23503" && constraintName(error) === "users_outlet_same_organisation_fk")
      throw new UserError("outlets.errors.not_yours", "outletId");
    throw error;
  }
  return { previous: before.outletId };
}

/**
 * An executive or manager (or the channel team) sets where one of their people works. Another
 * partner's person reads as "not found"; the change goes into the audit log.
 */
export async function setPersonOutlet(db: Db, actor: Actor, userId: string, outletId: string | null) {
  if (!isId(userId)) throw new UserError("common.not_found", undefined, undefined, 404);
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: users.id, organisationId: users.organisationId, outletId: users.outletId })
      .from(users)
      .where(and(eq(users.id, userId), tenantScope(actor, users.organisationId)))
      .for("update")
      .limit(1);
    if (!person) throw new UserError("common.not_found", undefined, undefined, 404);
    if (person.outletId === outletId) return { changed: false };
    await assignOutlet(tx, person.id, outletId);
    await recordAudit(tx, {
      actor,
      action: "user.outlet_changed",
      entityType: "user",
      entityId: person.id,
      organisationId: person.organisationId,
      details: { from: person.outletId, to: outletId },
    });
    return { changed: true };
  });
}
