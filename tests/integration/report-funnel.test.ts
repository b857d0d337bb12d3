import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { periodsFor } from "../../app/domain/reports/period";
import { readFunnel } from "../../app/domain/reports/programme.server";
import { isoDay } from "../../app/lib/dates";
import { getDb, rowsOf } from "../../db/client";
import { claims, organisations, users } from "../../db/schema";
import { seedDemo } from "../../scripts/seed/index";

// The programme report's "median time to first claim": never negative, in the demo data or after
// an import that dates people's first claims before their activation.
const db = await getDb();
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const lastDays = (days: number) => periodsFor({ kind: "custom", from: isoDay(ago(days)), to: isoDay(new Date()) });

beforeAll(async () => {
  await seedDemo(db, { activity: true });
});

function medianDays(section: Awaited<ReturnType<typeof readFunnel>>) {
  const figure = section.figures.find((f) => f.id === "time_to_claim");
  expect(figure).toBeDefined();
  // The figure is in tenths of a day.
  return Number(figure!.value) / 10;
}

describe("median time to first claim", () => {
  it("in the demo data, every first claim comes after its claimant's activation and the median is not negative", async () => {
    const [early] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from users u
        where u.activated_at > (select min(c.submitted_at) from claims c where c.user_id = u.id and c.submitted_at is not null)`),
    );
    expect(early.n).toBe(0);
    const funnel = await readFunnel(db, { organisationId: null }, lastDays(365));
    expect(funnel.figures.length).toBeGreaterThan(0);
    expect(medianDays(funnel)).toBeGreaterThanOrEqual(0);
  });

  it("leaves out people whose first claim predates their activation (an import), and counts their claim as a first claim", async () => {
    const [org] = await db
      .insert(organisations)
      .values({ name: "Funnel Imports Ltd", kind: "dealer", region: "Baltics", tier: "registered" })
      .returning();
    const person = async (local: string, joined: Date) =>
      (
        await db
          .insert(users)
          .values({
            organisationId: org.id,
            email: `${local}@funnel.example`,
            name: local,
            role: "salesperson",
            status: "active",
            createdAt: joined,
            activatedAt: joined,
          })
          .returning()
      )[0];
    const claim = (userId: string, invoice: string, at: Date) =>
      db.insert(claims).values({
        organisationId: org.id,
        userId,
        status: "in_review",
        invoiceNumber: invoice,
        invoiceKey: invoice,
        invoiceDate: isoDay(at),
        points: 10,
        submittedAt: at,
        lastSubmittedAt: at,
      });
    // Ann joined ten days ago and claimed six days later.
    const ann = await person("ann", ago(10));
    await claim(ann.id, "FI-1", ago(4));
    // Ben's account was activated yesterday by an import that brought his claim of twenty days ago.
    const ben = await person("ben", ago(1));
    await claim(ben.id, "FI-2", ago(20));

    const funnel = await readFunnel(db, { organisationId: org.id }, lastDays(30));
    expect(medianDays(funnel)).toBe(6);
    const stages = funnel.tables[0]?.rows.map((r) => [r.cells.stage, r.cells.people]);
    expect(stages).toEqual(expect.arrayContaining([["reports.funnel.first_claim", 2]]));
  });
});
