import type { Locale, OrgKind, Role, Tier } from "@db/schema/enums";

/** The signed-in person, as every loader, action and domain function sees them. */
export type Actor = {
  id: string;
  name: string;
  email: string;
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
