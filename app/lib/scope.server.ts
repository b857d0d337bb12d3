import { and, eq, type SQL, type SQLWrapper } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { type Actor, isManufacturer } from "./actor";
import { type Resource, visibility } from "./permissions";

/**
 * Tenant isolation in one place: the condition every domain query adds on the column that says
 * which partner organisation a row belongs to. Manufacturer staff see every partner; a partner's
 * users see their own organisation only, so another partner's row reads as "not found".
 */
export function tenantScope(actor: Actor, organisationColumn: PgColumn): SQL | undefined {
  return isManufacturer(actor) ? undefined : eq(organisationColumn, actor.organisationId);
}

/**
 * Whose rows of `resource` the actor reaches, in SQL, by app/lib/permissions.ts' visibility():
 * nothing added for "all", the organisation column for "organisation", the organisation and the
 * owner column for "own". Columns or SQL fragments (for queries written as SQL) both work.
 */
export function ownerScope(
  actor: Actor,
  resource: Resource,
  columns: { organisation: PgColumn | SQLWrapper; owner: PgColumn | SQLWrapper },
): SQL | undefined {
  switch (visibility(actor, resource)) {
    case "all":
      return undefined;
    case "organisation":
      return eq(columns.organisation as PgColumn, actor.organisationId);
    case "own":
      return and(eq(columns.organisation as PgColumn, actor.organisationId), eq(columns.owner as PgColumn, actor.id));
  }
}
