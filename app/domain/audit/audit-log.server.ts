import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@db/client";
import { auditLog, organisations, users } from "@db/schema";

/** The newest audit entries with who did them and which partner they concern. */
export async function listAuditEntries(db: Queryable, opts: { limit?: number } = {}) {
  const actor = alias(users, "actor");
  return db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      reason: auditLog.reason,
      details: auditLog.details,
      actorName: actor.name,
      organisationName: organisations.name,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
    .orderBy(desc(auditLog.createdAt))
    .limit(opts.limit ?? 200);
}
