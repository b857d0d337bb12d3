import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organisations, outlets, users } from "../../db/schema";
import type { OrgKind, Role, Tier } from "../../db/schema/enums";
import { hashPassword } from "../../app/lib/password.server";

export const DEMO_PASSWORD = "portal-demo-2026";

type PartnerSeed = {
  name: string;
  kind: Exclude<OrgKind, "manufacturer">;
  tier: Tier;
  region: string;
  domain: string;
  outlets: Array<{ name: string; address: string; city: string; postalCode: string; country: string }>;
  people: Array<{ name: string; role: Role; local: string; locale?: "en" | "ru" }>;
};

const MANUFACTURER_STAFF: Array<{ name: string; role: Role; local: string }> = [
  { name: "Alice Admin", role: "admin", local: "admin" },
  { name: "Chris Channel", role: "channel_manager", local: "chris" },
  { name: "Dana Channel", role: "channel_manager", local: "dana" },
  { name: "Fiona Finance", role: "finance", local: "finance" },
  { name: "Tom Trainer", role: "trainer", local: "trainer" },
  { name: "Audrey Auditor", role: "auditor", local: "auditor" },
];

export const PARTNERS: PartnerSeed[] = [
  {
    name: "Baltic Tools Distribution",
    kind: "distributor",
    tier: "platinum",
    region: "Baltics",
    domain: "baltictools.example",
    outlets: [
      { name: "Vilnius warehouse", address: "Savanorių pr. 178", city: "Vilnius", postalCode: "03154", country: "Lithuania" },
      { name: "Riga trade counter", address: "Krasta iela 52", city: "Riga", postalCode: "LV-1019", country: "Latvia" },
    ],
    people: [
      { name: "Ona Petraitė", role: "executive", local: "ona" },
      { name: "Lukas Jonaitis", role: "manager", local: "lukas" },
      { name: "Marta Kazlauskė", role: "salesperson", local: "marta" },
      { name: "Tomas Vaitkus", role: "technician", local: "tomas" },
      // Influencers of the buying decision (issue 19): they claim the company's purchases.
      { name: "Rūta Jankauskienė", role: "purchasing_manager", local: "ruta" },
      { name: "Darius Stankevičius", role: "accountant", local: "darius" },
    ],
  },
  {
    name: "Northfield Building Supplies",
    kind: "dealer",
    tier: "gold",
    region: "UK North",
    domain: "northfield.example",
    outlets: [
      { name: "Leeds branch", address: "12 Kirkstall Road", city: "Leeds", postalCode: "LS3 1HR", country: "United Kingdom" },
      { name: "York branch", address: "4 Layerthorpe", city: "York", postalCode: "YO31 7UZ", country: "United Kingdom" },
    ],
    people: [
      { name: "Emma Walsh", role: "executive", local: "emma" },
      { name: "Harry Shaw", role: "manager", local: "harry" },
      { name: "Sam Patel", role: "salesperson", local: "sam" },
      { name: "Jack Reid", role: "salesperson", local: "jack" },
      { name: "Olivia Hart", role: "technician", local: "olivia" },
    ],
  },
  {
    name: "ProInstall Climate Services",
    kind: "installer",
    tier: "silver",
    region: "UK South",
    domain: "proinstall.example",
    outlets: [
      { name: "Bristol depot", address: "Unit 7, Avonmouth Way", city: "Bristol", postalCode: "BS11 9HX", country: "United Kingdom" },
    ],
    people: [
      { name: "Grace Morgan", role: "executive", local: "grace" },
      { name: "Ben Cole", role: "technician", local: "ben" },
      { name: "Priya Nair", role: "salesperson", local: "priya" },
    ],
  },
  {
    name: "Ural Instrument",
    kind: "dealer",
    tier: "silver",
    region: "Russia Ural",
    domain: "uralinstrument.example",
    outlets: [
      {
        name: "Екатеринбург, магазин на Малышева",
        address: "ул. Малышева, 85",
        city: "Екатеринбург",
        postalCode: "620014",
        country: "Россия",
      },
    ],
    people: [
      { name: "Ирина Соколова", role: "executive", local: "irina", locale: "ru" },
      { name: "Дмитрий Волков", role: "salesperson", local: "dmitry", locale: "ru" },
      { name: "Алексей Морозов", role: "technician", local: "alexey", locale: "ru" },
    ],
  },
  {
    name: "HomeFix Retail",
    kind: "retailer",
    tier: "registered",
    region: "Baltics",
    domain: "homefix.example",
    outlets: [{ name: "Kaunas store", address: "Pramonės pr. 16", city: "Kaunas", postalCode: "51329", country: "Lithuania" }],
    people: [
      { name: "Rasa Mockutė", role: "executive", local: "rasa" },
      { name: "Paulius Urbonas", role: "salesperson", local: "paulius" },
    ],
  },
];

export const MANUFACTURER = { name: "Volta Tools", domain: "volta.example" };

export type DemoLogin = { email: string; role: Role; organisation: string };

/** The manufacturer, its staff, and partners with outlets and people in every role. Idempotent. */
export async function seedFoundation(db: Db): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  const [existing] = await db.select().from(organisations).where(eq(organisations.kind, "manufacturer")).limit(1);
  if (existing) return logins;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [maker] = await tx
      .insert(organisations)
      .values({ name: MANUFACTURER.name, kind: "manufacturer", region: "Global", tier: "platinum" })
      .returning();
    const staff = await tx
      .insert(users)
      .values(
        MANUFACTURER_STAFF.map((p) => ({
          organisationId: maker.id,
          email: `${p.local}@${MANUFACTURER.domain}`,
          name: p.name,
          role: p.role,
          status: "active" as const,
          passwordHash,
          activatedAt: new Date(),
        })),
      )
      .returning();
    for (const s of staff) logins.push({ email: s.email ?? "", role: s.role, organisation: maker.name });
    const managers = staff.filter((s) => s.role === "channel_manager");
    for (const [i, p] of PARTNERS.entries()) {
      const [org] = await tx
        .insert(organisations)
        .values({ name: p.name, kind: p.kind, tier: p.tier, region: p.region, channelManagerId: managers[i % managers.length].id })
        .returning();
      await tx.insert(outlets).values(p.outlets.map((o) => ({ ...o, organisationId: org.id })));
      const people = await tx
        .insert(users)
        .values(
          p.people.map((person) => ({
            organisationId: org.id,
            email: `${person.local}@${p.domain}`,
            name: person.name,
            role: person.role,
            status: "active" as const,
            locale: person.locale ?? null,
            passwordHash,
            activatedAt: new Date(),
          })),
        )
        .returning();
      for (const u of people) logins.push({ email: u.email ?? "", role: u.role, organisation: org.name });
    }
  });
  return logins;
}
