import { CLAIMANTS, MANUFACTURER_ROLES, PARTICIPANTS, PARTNER_ROLES, type PartnerRole, type Role, TEAM_LEADS } from "@db/schema/enums";
import type { Actor } from "./actor";

/**
 * The one map from roles to what they may do. Every loader and action names one of these
 * actions through requireActor(); nothing else decides access. Which organisation's rows a
 * partner user reaches is decided by the domain queries (see app/lib/scope.server.ts).
 */
const grants = {
  "home.view": "everyone",
  "profile.manage": "everyone",
  "organisation.list": ["admin", "channel_manager", "finance", "auditor"],
  "organisation.create": ["admin", "channel_manager"],
  "organisation.update": ["admin", "channel_manager"],
  /** Partner executives and managers see their own organisation only (scoped in SQL). */
  "organisation.view": ["admin", "channel_manager", "finance", "auditor", "executive", "manager"],
  "people.invite": ["admin", "channel_manager", "executive"],
  "people.manage": ["admin", "channel_manager", "executive"],
  /** Erasing a person on request (anonymising them): the programme's admins only. */
  "people.erase": ["admin"],
  "outbox.view": ["admin"],
  "contest.view": "everyone",
  "contest.manage": ["admin", "channel_manager"],
  /** Translation files of the interface and the programme content (issue 18). */
  "content.translate": ["admin", "channel_manager"],
  "audit.view": ["admin", "finance"],
  /** Points ledger administration: programme settings, adjustments, liability, expiry. */
  "programme.view": ["admin", "finance"],
  "programme.manage": ["admin"],
  "points.view": ["admin", "finance", "channel_manager"],
  "points.adjust": ["admin", "finance"],
  /** Points per employee: partner executives and managers for their own organisation (scoped in SQL), the channel team per partner. */
  "team_points.view": ["executive", "manager"],
  "partner_points.view": ["admin", "channel_manager", "finance", "executive", "manager"],
  "inbox.view": "everyone",
  /** Reward shop: partner people browse, wish, order and cancel their own orders. */
  "shop.browse": PARTICIPANTS,
  "shop.manage": ["admin"],
  /** Approving, shipping, cancelling orders and importing tracking numbers. */
  "shop.fulfil": ["admin"],
  "shop.orders.view": ["admin", "finance"],
  "shop.insights": ["admin", "channel_manager", "finance"],
  /** Training and webinars: everyone may look; partner people take part; trainers author. */
  "learn.view": "everyone",
  "learn.take": PARTICIPANTS,
  "learn.manage": ["admin", "trainer"],
  /** Team completion and certifications: partner leads see their own organisation (scoped in SQL). */
  "learn.team": ["admin", "channel_manager", "trainer", "executive", "manager"],
  /** Claims: partner people who sell (or, as influencers, buy) submit; executives and managers see their organisation's (scoped in SQL). */
  "claims.submit": CLAIMANTS,
  "claims.view": ["admin", "channel_manager", "finance", ...PARTICIPANTS],
  "claims.review": ["admin", "channel_manager"],
  "claims.check": ["manager"],
  "claims.catalogue": ["admin"],
  "claims.rules": ["admin"],
  /** A participant's own balance and history ("My points"). */
  "points.mine": PARTICIPANTS,
  /** Programme reports: a partner executive's dashboard of their own organisation; the channel team's of the whole programme. */
  "reports.partner": ["executive"],
  "reports.programme": ["admin", "channel_manager", "finance"],
  /** The rows behind a figure and the CSV exports, in the scope of the dashboard the person has. */
  "reports.view": ["executive", "admin", "channel_manager", "finance"],
  /** Marketing cost-share: partner executives and managers request and claim for their own organisation (scoped in SQL). */
  "costshare.view": ["admin", "channel_manager", "finance", "executive", "manager"],
  "costshare.request": ["executive", "manager"],
  /** Deciding requests and claims, allocations and periods: the channel team. Finance cannot approve requests. */
  "costshare.decide": ["admin", "channel_manager"],
  /** The second approval above the programme's threshold: finance or an admin. */
  "costshare.second_approve": ["admin", "finance"],
  /** The queue of what waits for a decision (first or second). */
  "costshare.queue": ["admin", "channel_manager", "finance"],
  /** Recording payments and the finance export: channel managers cannot. */
  "costshare.pay": ["admin", "finance"],
  /** Mystery shopping: the channel team writes scenarios, plans waves, reviews reports and decides disputes. */
  "mystery.manage": ["admin", "channel_manager"],
  /** The shopper files reports on the visits assigned to them. */
  "mystery.audit": ["auditor"],
  /** Published reports: the channel team, and a partner's executives and managers for their own outlets (scoped in SQL). */
  "mystery.reports": ["admin", "channel_manager", "executive", "manager"],
  "mystery.dispute": ["executive", "manager"],
  /** Everyone is told that mystery shoppers visit and how they score. */
  "mystery.rules": "everyone",
  /** Announcements: the channel team writes to segments; a partner executive to their own people only (scoped in SQL). */
  "announcements.manage": ["admin", "channel_manager", "executive"],
  /** Reading an announcement that reached you (checked against its delivery row). */
  "announcements.read": "everyone",
  /** "Did you know" product tips shown with credited points. */
  "tips.manage": ["admin"],
  /** Sell-out data: the channel team for every partner, a distributor's executive for itself and its dealers (checked in the domain). */
  "sellout.upload": ["admin", "channel_manager", "executive"],
  /** Whether fully matched claims are approved by the system. */
  "sellout.settings": ["admin", "channel_manager"],
  /** The rule simulator: read-only, prices a past period again with a proposed rule. */
  "simulator.run": ["admin", "channel_manager"],
  /** Setting where a person works (issue 19): the channel team, and a partner's executives and managers for their own people (scoped in SQL). */
  "people.outlet": ["admin", "channel_manager", "executive", "manager"],
  /** A partner's own tier and what it does to points: every partner person (their own organisation only). */
  "tiers.view": PARTICIPANTS,
  /** The organisation's volume and what is missing for the next tier: the partner's executive. */
  "tiers.progress": ["executive"],
  /** Tier rules, reviews, pins and every partner's tier history: the channel team. */
  "tiers.manage": ["admin", "channel_manager"],
  /** In-person events (issue 20): the trainers and the channel team organise them and check people in at the door. */
  "events.manage": ["admin", "trainer", "channel_manager"],
  "events.check_in": ["admin", "trainer", "channel_manager"],
  /** Surveys (issue 20): the channel team writes them and reads the results; partner people answer those sent to them. */
  "surveys.manage": ["admin", "channel_manager"],
  "surveys.answer": PARTICIPANTS,
  /** "Suggest a reward" for the catalogue: partner people suggest, the channel team decides. */
  "rewards.suggest": PARTICIPANTS,
  "rewards.suggestions": ["admin", "channel_manager"],
  /** Which dealers each distributor reports sell-out data for (issue 14). */
  "sellout.reporters": ["admin", "channel_manager"],
  /** Courses required for contests, rewards and tiers (training gates, issue 14). */
  "training.requirements": ["admin", "channel_manager", "trainer"],
  /** Who takes part (issue 19): a partner's executive decides requests to join, keeps the join code and accepts the terms. */
  "enrolment.decide": ["executive"],
  "terms.accept": ["executive"],
  /** Participants invite colleagues at other partners and see their referrals. */
  "referrals.send": PARTICIPANTS,
  /** The terms' text (a new version) and the referral bonus: the programme's admins. */
  "enrolment.manage": ["admin"],
} as const satisfies Record<string, "everyone" | readonly Role[]>;

export type Action = keyof typeof grants;
export const ACTIONS = Object.keys(grants) as Action[];

export function can(role: Role, action: Action): boolean {
  const allowed = grants[action] as "everyone" | readonly Role[];
  return allowed === "everyone" || allowed.includes(role);
}

/**
 * Whose rows of a kind a person sees once their role may open the page: "all" (every partner),
 * "organisation" (their own organisation's people) or "own" (what they made themselves). The one
 * place for "who may see whose"; app/lib/scope.server.ts turns it into SQL.
 */
export type Visibility = "all" | "organisation" | "own";

/** One visibility per partner role, from the one role list (db/schema/enums.ts). */
function partnerRoles(seen: (role: PartnerRole) => Visibility): Record<PartnerRole, Visibility> {
  return Object.fromEntries(PARTNER_ROLES.map((r) => [r, seen(r)])) as Record<PartnerRole, Visibility>;
}

const STAFF_SEE_ALL = { admin: "all", channel_manager: "all", finance: "all", trainer: "all", auditor: "all" } as const;
/** A partner's executive and managers lead a team: they see their organisation's rows. */
const LEADS_SEE_TEAM = { ...STAFF_SEE_ALL, ...partnerRoles((r) => (TEAM_LEADS.includes(r) ? "organisation" : "own")) };

const visibilityRules = {
  /** Sales claims that were sent (drafts: see claim_drafts). */
  claims: LEADS_SEE_TEAM,
  /** A draft claim is its author's alone, whoever else may read sent claims. */
  claim_drafts: { admin: "own", channel_manager: "own", finance: "own", trainer: "own", auditor: "own", ...partnerRoles(() => "own") },
  /** Certificates and course results. */
  training: LEADS_SEE_TEAM,
  /** How a participant's contest score was made up (the trace page). */
  contest_scores: LEADS_SEE_TEAM,
  /** Reward orders: buyers see their own, the programme team every order. */
  orders: { ...STAFF_SEE_ALL, ...partnerRoles(() => "own") },
  /** Mystery-shopper visits: the channel team every one, an auditor those assigned to them, a partner's leads their outlets'. */
  mystery_visits: { ...LEADS_SEE_TEAM, finance: "own", trainer: "own", auditor: "own" },
} as const satisfies Record<string, Record<Role, Visibility>>;

export type Resource = keyof typeof visibilityRules;

export function visibility(actor: Pick<Actor, "role" | "organisationKind">, resource: Resource): Visibility {
  const seen: Visibility = visibilityRules[resource][actor.role];
  // Only the manufacturer's own staff see every partner, whatever a role is called.
  return seen === "all" && actor.organisationKind !== "manufacturer" ? "organisation" : seen;
}

/** Whether the actor sees more than their own rows of a kind (a team or every partner). */
export function seesOthers(actor: Pick<Actor, "role" | "organisationKind">, resource: Resource): boolean {
  return visibility(actor, resource) !== "own";
}

export function isManufacturerRole(role: Role): boolean {
  return (MANUFACTURER_ROLES as readonly Role[]).includes(role);
}

/** Roles a user of `role` may hand out when inviting or changing someone's role. */
export function assignableRoles(role: Role, targetOrgIsManufacturer: boolean): Role[] {
  if (targetOrgIsManufacturer) return role === "admin" ? [...MANUFACTURER_ROLES] : [];
  if (role === "admin" || role === "channel_manager" || role === "executive") {
    return [...PARTNER_ROLES];
  }
  return [];
}
