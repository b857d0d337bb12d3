import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { organisations, outlets, users } from "@db/schema";
import type { OrgKind, Tier } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import { tenantScope } from "~/lib/scope.server";
import { isId } from "~/lib/ids";
import { recordTierSetByHand } from "../tiers/tiers.server";

export type OutletInput = { name: string; address: string; city: string; postalCode: string; country: string };
export type OrganisationInput = {
  name: string;
  kind: Exclude<OrgKind, "manufacturer">;
  region: string;
  tier: Tier;
  channelManagerId: string | null;
  outlets: OutletInput[];
};

/** Partner organisations the actor may see, with head counts, newest first. */
export async function listOrganisations(db: Queryable, actor: Actor) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      region: organisations.region,
      tier: organisations.tier,
      channelManagerName: sql<string | null>`(select name from users cm where cm.id = ${organisations.channelManagerId})`,
      people: sql<number>`(select count(*)::int from users u where u.organisation_id = ${organisations.id} and u.status <> 'deactivated')`,
      outlets: sql<number>`(select count(*)::int from outlets o where o.organisation_id = ${organisations.id})`,
    })
    .from(organisations)
    .where(and(ne(organisations.kind, "manufacturer"), tenantScope(actor, organisations.id)))
    .orderBy(asc(organisations.name));
}

/** One organisation with its outlets, or null when it does not exist or is not the actor's to see. */
export async function getOrganisation(db: Queryable, actor: Actor, id: string) {
  if (!isId(id)) return null;
  const [org] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, id), tenantScope(actor, organisations.id)))
    .limit(1);
  if (!org) return null;
  const [orgOutlets, manager] = await Promise.all([
    db.select().from(outlets).where(eq(outlets.organisationId, id)).orderBy(asc(outlets.name)),
    org.channelManagerId
      ? db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, org.channelManagerId)).limit(1)
      : Promise.resolve([]),
  ]);
  return { ...org, outlets: orgOutlets, channelManager: manager[0] ?? null };
}

/** Manufacturer staff who can be a partner's account manager. */
export async function listChannelManagers(db: Queryable) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.role, "channel_manager"), eq(users.status, "active")))
    .orderBy(asc(users.name));
}

async function assertChannelManager(db: Queryable, id: string | null) {
  if (!id) return;
  const [cm] = await db.select({ role: users.role }).from(users).where(eq(users.id, id)).limit(1);
  if (cm?.role !== "channel_manager") throw new UserError("org.channel_manager_invalid", "channelManagerId");
}

export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput) {
  await assertChannelManager(db, input.channelManagerId);
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({ name: input.name, kind: input.kind, region: input.region, tier: input.tier, channelManagerId: input.channelManagerId })
      .returning();
    if (input.outlets.length) await tx.insert(outlets).values(input.outlets.map((o) => ({ ...o, organisationId: org.id })));
    await recordAudit(tx, {
      actor,
      action: "organisation.created",
      entityType: "organisation",
      entityId: org.id,
      organisationId: org.id,
      details: { name: org.name, kind: org.kind, tier: org.tier, region: org.region, outlets: input.outlets.length },
    });
    return org;
  });
}

export async function updateOrganisation(db: Db, actor: Actor, id: string, input: Omit<OrganisationInput, "outlets">) {
  await assertChannelManager(db, input.channelManagerId);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.id, id), ne(organisations.kind, "manufacturer")))
      .limit(1);
    if (!before) throw new UserError("common.not_found", undefined, undefined, 404);
    const changed = Object.fromEntries(
      Object.entries(input)
        .filter(([k, v]) => (before as Record<string, unknown>)[k] !== v)
        .map(([k, v]) => [k, { from: (before as Record<string, unknown>)[k], to: v }]),
    );
    // Saving the form unchanged is not an administrative change: no empty entry in the audit log.
    if (Object.keys(changed).length === 0) return;
    await tx.update(organisations).set(input).where(eq(organisations.id, id));
    // A tier set by hand is a pin: in the tier history, and left alone by the tier reviews.
    if (before.tier !== input.tier) await recordTierSetByHand(tx, actor, id, before.tier, input.tier);
    await recordAudit(tx, {
      actor,
      action: "organisation.updated",
      entityType: "organisation",
      entityId: id,
      organisationId: id,
      details: changed,
    });
  });
}

export async function addOutlet(db: Db, actor: Actor, organisationId: string, input: OutletInput) {
  return db.transaction(async (tx) => {
    // Outlets belong to partners; the manufacturer has none (as updateOrganisation, by the same rule).
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, organisationId), ne(organisations.kind, "manufacturer")))
      .limit(1);
    if (!org) throw new UserError("common.not_found", undefined, undefined, 404);
    const [outlet] = await tx
      .insert(outlets)
      .values({ ...input, organisationId })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "outlet.created",
      entityType: "outlet",
      entityId: outlet.id,
      organisationId,
      details: { ...input },
    });
    return outlet;
  });
}
