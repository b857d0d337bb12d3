import type { Locale, OrgKind, Role, Tier } from "@db/schema/enums";

/** The signed-in person, as every loader, action and domain function sees them. */
export type Actor = {
  id: string;
  name: string;
  /** Null for a person reached by phone only. */
  email: string | null;
  phone: string | null;
  role: Role;
  locale: Locale | null;
  organisationId: string;
  organisationName: string;
  organisationKind: OrgKind;
  tier: Tier;
  region: string;
};

export function isManufacturer(actor: Actor): boolean {
  return actor.organisationKind === "manufacturer";
}
