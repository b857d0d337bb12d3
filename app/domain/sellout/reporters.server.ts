import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { organisations, selloutReporters } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";

/**
 * Which dealers a distributor reports sell-out data for (issue 14). The channel team sets the
 * links; a distributor's upload is then accepted for itself and these dealers only (the upload
 * reads `sellout_reporters`). Adding and removing are audited.
 */

/** Every distributor with the dealers it reports for, and the partners that can be linked. */
export async function reporterLinks(db: Queryable) {
  const [distributors, partners, links] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.kind, "distributor"))
      .orderBy(asc(organisations.name)),
    db
      .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
      .from(organisations)
      .where(and(ne(organisations.kind, "manufacturer"), ne(organisations.kind, "distributor")))
      .orderBy(asc(organisations.name)),
    db
      .select({ distributorId: selloutReporters.distributorId, dealerId: selloutReporters.dealerId, dealerName: organisations.name })
      .from(selloutReporters)
      .innerJoin(organisations, eq(organisations.id, selloutReporters.dealerId))
      .orderBy(asc(organisations.name)),
  ]);
  return {
    distributors: distributors.map((d) => ({
      ...d,
      dealers: links.filter((l) => l.distributorId === d.id).map((l) => ({ id: l.dealerId, name: l.dealerName })),
    })),
    partners,
  };
}

/** Links a dealer to a distributor. The first must be a distributor and the second a non-distributor partner; twice is once. */
export async function linkReporter(db: Db, actor: Actor, input: { distributorId: string; dealerId: string }) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: organisations.id, kind: organisations.kind, name: organisations.name })
      .from(organisations)
      .where(sql`${organisations.id} in (${input.distributorId}, ${input.dealerId})`);
    const distributor = rows.find((r) => r.id === input.distributorId);
    const dealer = rows.find((r) => r.id === input.dealerId);
    if (!distributor || distributor.kind !== "distributor") throw new UserError("gates.errors.not_distributor", "distributorId");
    if (!dealer || dealer.kind === "manufacturer" || dealer.kind === "distributor")
      throw new UserError("gates.errors.not_dealer", "dealerId");
    const inserted = await tx.insert(selloutReporters).values(input).onConflictDoNothing().returning();
    if (inserted.length)
      await recordAudit(tx, {
        actor,
        action: "sellout.reporter_linked",
        entityType: "organisation",
        entityId: input.distributorId,
        organisationId: input.distributorId,
        details: { dealerId: dealer.id, dealer: dealer.name },
      });
    return { distributor: distributor.name, dealer: dealer.name };
  });
}

/** Removes a link: the distributor's later uploads may no longer name that dealer (data already loaded stays). */
export async function unlinkReporter(db: Db, actor: Actor, input: { distributorId: string; dealerId: string }) {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(selloutReporters)
      .where(and(eq(selloutReporters.distributorId, input.distributorId), eq(selloutReporters.dealerId, input.dealerId)))
      .returning();
    if (!removed.length) throw new UserError("common.not_found", undefined, undefined, 404);
    await recordAudit(tx, {
      actor,
      action: "sellout.reporter_unlinked",
      entityType: "organisation",
      entityId: input.distributorId,
      organisationId: input.distributorId,
      details: { dealerId: input.dealerId },
    });
  });
}
