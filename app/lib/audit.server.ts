import type { Queryable } from "@db/client";
import { auditLog } from "@db/schema";
import type { Actor } from "./actor";

export type AuditEntry = {
  actor: Pick<Actor, "id"> | null;
  action: string;
  entityType: string;
  entityId: string;
  organisationId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
};

/** Call inside the transaction that makes the change, so the change and its record stand or fall together. */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actor?.id ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    organisationId: entry.organisationId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  });
}
