import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, users } from "../../db/schema";

const DAY = 86_400_000;

/**
 * Two in-person events for the demo (issue 20), a week and three weeks ahead, so the events list
 * mixes them with the webinars and a trainer can try the door scanner. Seeded by title, once.
 */
export async function seedEvents(db: Db) {
  const [trainer] = await db.select({ id: users.id }).from(users).where(eq(users.email, "trainer@volta.example"));
  const day = (days: number, hour: number) => {
    const d = new Date(Date.now() + days * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d;
  };
  const demo = [
    {
      kind: "product_training" as const,
      title: "V18 hands-on day for installers",
      description: "Try the whole V18 cordless range on real jobs, with the product team. Lunch included.",
      venueName: "Volta Training Centre",
      venueAddress: "Savanorių pr. 178, Vilnius",
      // 09:00–15:00 in Vilnius (UTC+2 in winter).
      startsAt: day(7, 7),
      endsAt: day(7, 13),
      timeZone: "Europe/Vilnius",
      capacity: 24,
      points: 60,
    },
    {
      kind: "business_breakfast" as const,
      title: "Dealer breakfast: the spring programme",
      description: "Coffee with the channel team: what changes in the programme this spring, and your questions.",
      venueName: "Hotel Neris",
      venueAddress: "Konstitucijos pr. 1, Vilnius",
      startsAt: day(21, 6),
      endsAt: day(21, 8),
      timeZone: "Europe/Vilnius",
      capacity: 40,
      points: 30,
    },
  ];
  for (const e of demo) {
    const [existing] = await db.select({ id: events.id }).from(events).where(eq(events.title, e.title));
    if (!existing) await db.insert(events).values({ ...e, createdBy: trainer?.id ?? null });
  }
}
