// The lists only, with no database code: the browser imports this file (a page's languages, roles,
// tiers), and the PostgreSQL enum types built from these lists live in ./pg-enums.ts, so no page
// carries drizzle for a list of names (issue 17's JavaScript budget).
/** Manufacturer-side roles come first, partner-side roles after. See app/lib/permissions.ts. */
export const MANUFACTURER_ROLES = ["admin", "channel_manager", "finance", "trainer", "auditor"] as const;
/**
 * The one list of partner roles. A new role is one line here and one line in PARTNER_ROLE_PARTS
 * below (the type demands it), its name in the i18n layer (role.<name>, claims.calc.role.<name>)
 * and a migration adding it to the `role` enum; every grant and list is derived from these two.
 */
export const PARTNER_ROLES = ["executive", "manager", "salesperson", "technician", "purchasing_manager", "accountant"] as const;
// Written out, not spread from the two lists: a spread is code a bundler must keep (it may run an
// iterator), which kept this file and drizzle in every page's first load. The check below keeps
// the three lists in step.
export const ROLES = [
  "admin",
  "channel_manager",
  "finance",
  "trainer",
  "auditor",
  "executive",
  "manager",
  "salesperson",
  "technician",
  "purchasing_manager",
  "accountant",
] as const satisfies readonly [...typeof MANUFACTURER_ROLES, ...typeof PARTNER_ROLES];
export type Role = (typeof ROLES)[number];
export type ManufacturerRole = (typeof MANUFACTURER_ROLES)[number];
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/**
 * What part each partner role plays in the programme (issue 19), one line per role:
 *  - leads: sees and manages their organisation's people and rows (team points, team claims);
 *  - claims: sends claims for points (sellers their sales, influencers their company's purchases);
 *  - influences: influences the buying decision without selling (purchasing managers,
 *    accountants); they earn through their role's multiplier and the rules targeted at their role.
 * Every partner role takes part: points, shop, training, surveys, referrals, their tier.
 */
export const PARTNER_ROLE_PARTS = {
  executive: { leads: true, claims: false, influences: false },
  manager: { leads: true, claims: true, influences: false },
  salesperson: { leads: false, claims: true, influences: false },
  technician: { leads: false, claims: true, influences: false },
  purchasing_manager: { leads: false, claims: true, influences: true },
  accountant: { leads: false, claims: true, influences: true },
} as const satisfies Record<PartnerRole, { leads: boolean; claims: boolean; influences: boolean }>;

const partnerRolesWhere = (part: keyof (typeof PARTNER_ROLE_PARTS)[PartnerRole]): readonly PartnerRole[] =>
  PARTNER_ROLES.filter((r) => PARTNER_ROLE_PARTS[r][part]);
/** Every partner role: the people who earn and spend points. */
export const PARTICIPANTS: readonly PartnerRole[] = PARTNER_ROLES;
/** Partner roles that lead a team (see their organisation's rows). */
export const TEAM_LEADS = partnerRolesWhere("leads");
/** Partner roles that send claims for points. */
export const CLAIMANTS = partnerRolesWhere("claims");
/** Claimants who sell (sales claims); the rest of the claimants influence the purchase. */
export const SELLERS: readonly PartnerRole[] = CLAIMANTS.filter((r) => !PARTNER_ROLE_PARTS[r].influences);
/** Influencers of the buying decision (purchasing managers, accountants). */
export const INFLUENCERS = partnerRolesWhere("influences");
export function isPartnerRole(v: unknown): v is PartnerRole {
  return typeof v === "string" && (PARTNER_ROLES as readonly string[]).includes(v);
}
/** The partner roles as an SQL list literal, for CHECK constraints and raw report SQL: ('executive', ...). */
export const PARTNER_ROLES_SQL_LIST = `(${PARTNER_ROLES.map((r) => `'${r}'`).join(", ")})`;
/** The partner roles as an SQL text array literal: array['executive', ...]::text[]. */
export const PARTNER_ROLES_SQL_ARRAY = `array[${PARTNER_ROLES.map((r) => `'${r}'`).join(", ")}]::text[]`;

export const ORG_KINDS = ["manufacturer", "distributor", "dealer", "installer", "retailer"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const PARTNER_KINDS = ["distributor", "dealer", "installer", "retailer"] as const;

export const TIERS = ["registered", "silver", "gold", "platinum"] as const;
export type Tier = (typeof TIERS)[number];

export const USER_STATUSES = ["invited", "active", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/**
 * The one list of interface languages (issue 18): a language added here needs its catalogue in
 * app/i18n/catalog.ts (the type demands it) and a migration adding it to the `locale` enum.
 * English is the reference and the fallback for any message or content not yet translated.
 */
export const LOCALES = ["en", "ru", "lt", "hi", "fil"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Each language's name in that language, as a language switcher shows it (never translated). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ru: "Русский", lt: "Lietuvių", hi: "हिन्दी", fil: "Filipino" };
/** The kinds of ledger entry (db/schema/ledger.ts), here so a page can list them without the tables. */
export const LEDGER_KINDS = ["earn", "redeem", "expire", "adjust", "reverse"] as const;

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}
