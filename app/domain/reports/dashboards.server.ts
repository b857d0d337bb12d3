import { type Queryable, readSnapshot } from "@db/client";
import type { Actor } from "~/lib/actor";
import { isManufacturer } from "~/lib/actor";
import { readClaims } from "./claims.server";
import { readContests } from "./contests.server";
import { readCostshare } from "./costshare.server";
import { readMystery } from "./mystery.server";
import { readParticipation } from "./participation.server";
import type { Periods } from "./period";
import { readPoints } from "./points.server";
import { readSales } from "./sales.server";
import { readTraining } from "./training.server";
import type { ReportScope, Section } from "./types";

export type SectionReader = (db: Queryable, scope: ReportScope, periods: Periods) => Promise<Section>;

/** The partner executive's dashboard, section by section (one module each). */
export const EXECUTIVE_SECTIONS: Record<string, SectionReader> = {
  participation: readParticipation,
  points: readPoints,
  sales: readSales,
  claims: readClaims,
  training: readTraining,
  contests: readContests,
  costshare: readCostshare,
  mystery: readMystery,
};

/**
 * Whose data a person's reports cover: a partner's people their own organisation (in SQL, like
 * tenantScope); the manufacturer's staff the whole programme, or one partner when they ask.
 */
export function reportScope(actor: Actor, organisationId?: string | null): ReportScope {
  if (!isManufacturer(actor)) return { organisationId: actor.organisationId };
  return { organisationId: organisationId ?? null };
}

/**
 * Every section of a dashboard, read at once inside ONE read-only repeatable-read transaction:
 * the figures come from one snapshot (a claim approved half-way through cannot show in the
 * sales section and not in the claims section), and the ~40 statements go down one connection
 * back to back (postgres.js pipelines them, several to a socket write) instead of one round trip
 * each in turn. Issue 15: the round trips, not PostgreSQL's work, were most of the executive
 * dashboard's time and a sixth of the server's CPU (a socket write per statement).
 */
export async function readDashboard(
  db: Queryable,
  readers: Record<string, SectionReader>,
  scope: ReportScope,
  periods: Periods,
): Promise<Section[]> {
  return readSnapshot(db, (tx) => readSections(tx, readers, scope, periods));
}

/** Every section, all sent at once on `db` (inside readDashboard's snapshot, or one of the caller's). */
export function readSections(
  db: Queryable,
  readers: Record<string, SectionReader>,
  scope: ReportScope,
  periods: Periods,
): Promise<Section[]> {
  return Promise.all(Object.values(readers).map((read) => read(db, scope, periods)));
}

/** One section, for its CSV export; null when the dashboard has no such section. */
export async function readSection(
  db: Queryable,
  readers: Record<string, SectionReader>,
  id: string,
  scope: ReportScope,
  periods: Periods,
): Promise<Section | null> {
  return Object.hasOwn(readers, id) ? readers[id](db, scope, periods) : null;
}
