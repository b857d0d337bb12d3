import { pgEnum } from "drizzle-orm/pg-core";
import { LOCALES, ORG_KINDS, ROLES, TIERS, USER_STATUSES } from "./enums";

/** The PostgreSQL enum types of the lists in ./enums.ts (kept apart so the browser never loads drizzle for the lists). */
export const roleEnum = pgEnum("role", ROLES);
export const orgKindEnum = pgEnum("org_kind", ORG_KINDS);
export const tierEnum = pgEnum("tier", TIERS);
export const userStatusEnum = pgEnum("user_status", USER_STATUSES);
export const localeEnum = pgEnum("locale", LOCALES);
