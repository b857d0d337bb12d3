import { eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { type Actor, isManufacturer } from "./actor";

/**
 * Tenant isolation in one place: the condition every domain query adds on the column that says
 * which partner organisation a row belongs to. Manufacturer staff see every partner; a partner's
 * users see their own organisation only, so another partner's row reads as "not found".
 */
export function tenantScope(actor: Actor, organisationColumn: PgColumn): SQL | undefined {
  return isManufacturer(actor) ? undefined : eq(organisationColumn, actor.organisationId);
}
