import { pgEnum } from "drizzle-orm/pg-core";

/** Manufacturer-side roles come first, partner-side roles after. See app/lib/permissions.ts. */
export const MANUFACTURER_ROLES = ["admin", "channel_manager", "finance", "trainer", "auditor"] as const;
export const PARTNER_ROLES = ["executive", "manager", "salesperson", "technician"] as const;
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
] as const satisfies readonly [...typeof MANUFACTURER_ROLES, ...typeof PARTNER_ROLES];
export type Role = (typeof ROLES)[number];
export type ManufacturerRole = (typeof MANUFACTURER_ROLES)[number];
export type PartnerRole = (typeof PARTNER_ROLES)[number];

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

// Pure: the browser imports this file for the lists above (a page's languages, roles, tiers), and
// without the mark the bundler kept these calls, and drizzle with them, in every page's first load.
export const roleEnum = /* @__PURE__ */ pgEnum("role", ROLES);
export const orgKindEnum = /* @__PURE__ */ pgEnum("org_kind", ORG_KINDS);
export const tierEnum = /* @__PURE__ */ pgEnum("tier", TIERS);
export const userStatusEnum = /* @__PURE__ */ pgEnum("user_status", USER_STATUSES);
export const localeEnum = /* @__PURE__ */ pgEnum("locale", LOCALES);
