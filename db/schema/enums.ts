import { pgEnum } from "drizzle-orm/pg-core";

/** Manufacturer-side roles come first, partner-side roles after. See app/lib/permissions.ts. */
export const MANUFACTURER_ROLES = ["admin", "channel_manager", "finance", "trainer", "auditor"] as const;
export const PARTNER_ROLES = ["executive", "manager", "salesperson", "technician"] as const;
export const ROLES = [...MANUFACTURER_ROLES, ...PARTNER_ROLES] as const;
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

export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];

export const roleEnum = pgEnum("role", ROLES);
export const orgKindEnum = pgEnum("org_kind", ORG_KINDS);
export const tierEnum = pgEnum("tier", TIERS);
export const userStatusEnum = pgEnum("user_status", USER_STATUSES);
export const localeEnum = pgEnum("locale", LOCALES);
