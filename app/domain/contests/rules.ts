import type { Role, Tier } from "@db/schema/enums";
import { addDays } from "~/lib/dates";

/** Pure contest rules, shared by the server and the pages. */

export type ContestShape = {
  startsAt: Date;
  endsAt: Date;
  graceDays: number;
  closedAt: Date | null;
  scope: "all" | "tier" | "region" | "list";
  tiers: Tier[];
  regions: string[];
  roles: Role[];
  metric: "sales_points" | "units" | "revenue" | "courses_passed";
  productSkus: string[];
  ranking: "individual" | "team";
  minScore: number;
  privacy: "full_name" | "initials_partner" | "partner_only";
};

export type Phase = "upcoming" | "running" | "grace" | "closing" | "closed";

export function graceEndsAt(c: Pick<ContestShape, "endsAt" | "graceDays">): Date {
  return addDays(c.endsAt, c.graceDays);
}

/**
 * Where a contest stands: sales count while running; during the grace period claims made in
 * the period that get approved still count; after it, the closing job fixes the results.
 */
export function phaseOf(c: Pick<ContestShape, "startsAt" | "endsAt" | "graceDays" | "closedAt">, now = new Date()): Phase {
  if (c.closedAt) return "closed";
  if (now < c.startsAt) return "upcoming";
  if (now <= c.endsAt) return "running";
  if (now <= graceEndsAt(c)) return "grace";
  return "closing";
}

export type Contestant = { role: Role; tier: Tier; region: string; organisationId: string };

/** Whether a partner's person takes part: the role must be listed and the partner in scope. */
export function isEligible(
  c: Pick<ContestShape, "scope" | "tiers" | "regions" | "roles">,
  who: Contestant,
  listedPartners: readonly string[],
): boolean {
  if (!c.roles.includes(who.role)) return false;
  switch (c.scope) {
    case "all":
      return true;
    case "tier":
      return c.tiers.includes(who.tier);
    case "region":
      return c.regions.includes(who.region);
    case "list":
      return listedPartners.includes(who.organisationId);
  }
}

/**
 * Who may look at a contest: everyone who competes, and the partner's executives and managers
 * whenever their organisation is in scope, so they can follow their people's standings.
 */
export function isVisibleTo(
  c: Pick<ContestShape, "scope" | "tiers" | "regions" | "roles">,
  who: Contestant,
  listedPartners: readonly string[],
): boolean {
  if (who.role === "executive" || who.role === "manager") return isEligible({ ...c, roles: [who.role] }, who, listedPartners);
  return isEligible(c, who, listedPartners);
}

/** What one approved sale or passed course adds to a score under the contest's metric. */
export type Contribution = {
  salesPoints?: number;
  lines?: Array<{ sku: string; quantity: number; revenueMinor: number }>;
  coursePassed?: boolean;
};

export function contributionValue(c: Pick<ContestShape, "metric" | "productSkus">, x: Contribution): number {
  const counts = (sku: string) => c.productSkus.length === 0 || c.productSkus.includes(sku);
  switch (c.metric) {
    case "sales_points":
      return x.salesPoints ?? 0;
    case "units":
      return (x.lines ?? []).filter((l) => counts(l.sku)).reduce((s, l) => s + l.quantity, 0);
    case "revenue":
      return (x.lines ?? []).filter((l) => counts(l.sku)).reduce((s, l) => s + l.revenueMinor, 0);
    case "courses_passed":
      return x.coursePassed ? 1 : 0;
  }
}

export type ScoreRow = { participantId: string; score: number; reachedAt: Date };

/**
 * The one ordering of a board: higher score first; on equal scores whoever reached it first;
 * then the participant id, so two runs over the same data always give the same ranks.
 */
export function compareScores(a: ScoreRow, b: ScoreRow): number {
  return (
    b.score - a.score ||
    a.reachedAt.getTime() - b.reachedAt.getTime() ||
    (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0)
  );
}

export type Prize = { rankFrom: number; rankTo: number; points: number; description: string };

export function prizeFor(rank: number, prizes: readonly Prize[]): Prize | null {
  return prizes.find((p) => rank >= p.rankFrom && rank <= p.rankTo) ?? null;
}

/** The last rank that wins something (0 when there are no prizes). */
export function prizeZoneEnd(prizes: readonly Prize[]): number {
  return prizes.reduce((m, p) => Math.max(m, p.rankTo), 0);
}

/** How a participant appears on the board to others, by the contest's privacy setting. */
export function boardName(
  privacy: ContestShape["privacy"],
  ranking: ContestShape["ranking"],
  person: { name: string; organisationName: string },
): string {
  if (ranking === "team" || privacy === "partner_only") return person.organisationName;
  if (privacy === "full_name") return `${person.name} (${person.organisationName})`;
  const initials = person.name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w[0].toUpperCase()}.`)
    .join(" ");
  return `${initials} (${person.organisationName})`;
}

/** What a score is counted in, so a gap reads "70 points more" or "3 units more", never a bare number. */
export type ScoreUnit = "points" | "units" | "money" | "courses";

export function scoreUnit(metric: ContestShape["metric"]): ScoreUnit {
  switch (metric) {
    case "sales_points":
      return "points";
    case "units":
      return "units";
    case "revenue":
      return "money";
    case "courses_passed":
      return "courses";
  }
}

/**
 * Whether a board row may carry the person's real name for this viewer: their own row, and a
 * partner lead's own people (they see their staff's scores anyway); everyone else follows the
 * contest's privacy setting, so another partner's people stay anonymous.
 */
export function showsRealName(
  viewer: { id: string; organisationId: string; seesOwnPeople: boolean },
  ranking: ContestShape["ranking"],
  row: { participantId: string; organisationId: string },
): boolean {
  if (row.participantId === viewer.id || (ranking === "team" && row.participantId === viewer.organisationId)) return true;
  return ranking === "individual" && viewer.seesOwnPeople && row.organisationId === viewer.organisationId;
}
