import { randomUUID } from "node:crypto";
import { asc, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { mysteryScenarios, mysteryVisits, mysteryWaves, organisations, outlets, users } from "../../db/schema";
import { parseQuestionnaire, scoreReport, type Answers, type Questionnaire } from "../../app/domain/mystery/scoring";
import { addDays, isoDay } from "../../app/lib/dates";

const DRILL = {
  title: "Tile drill for a bathroom renovation",
  legend: "I'm renovating a bathroom and need a drill for tiles. What would you recommend?",
  instructions: "Ask for advice before naming a brand. Do not buy. Note the first brand the seller recommends.",
  questionnaire: `# Welcome
? [greet] Did a seller greet you within two minutes? | yes_no | 1
? [needs] Did the seller ask what you will drill and how often? | yes_no | 2
# Recommendation
? [first] Did the seller recommend our brand first? | yes_no | 3 | key
? [explain] How well did the seller explain the drill? | scale | 2
? [accessory] Which accessory was offered? | choice | 2 | key | Our tile bit set=4; Any tile bits=2; Nothing=0
? [price] Price quoted for the drill (EUR) | number
? [display] Photo of the brand display | photo`,
};

const BATTERY = {
  title: "Second battery for a cordless tool",
  legend: "My cordless drill's battery dies by lunchtime on site. What can I do?",
  instructions: "Say you own one of our drills. Note whether the seller offers a second battery or a charger.",
  questionnaire: `# Advice
? [first] Did the seller recommend our battery first? | yes_no | 3 | key
? [capacity] Did the seller explain battery capacity (Ah)? | yes_no | 2
? [charger] Was a fast charger offered? | yes_no | 1
? [friendly] How friendly was the service? | scale | 1
? [notes] Anything else worth knowing | text`,
};

function parsed(text: string): Questionnaire {
  const r = parseQuestionnaire(text);
  if (!r.ok) throw new Error(`seed questionnaire: ${JSON.stringify(r.problems)}`);
  return r.questionnaire;
}

/** Answers that differ from outlet to outlet (deterministic), so the demo has a spread of scores. */
function answersFor(q: Questionnaire, n: number): Answers {
  const answers: Answers = {};
  for (const [i, x] of q.sections.flatMap((s) => s.questions).entries()) {
    const k = (n * 7 + i * 3) % 5;
    if (x.type === "yes_no") answers[x.id] = { value: k >= 2 ? "yes" : "no" };
    else if (x.type === "scale") answers[x.id] = { value: String(k + 1) };
    else if (x.type === "choice") answers[x.id] = { value: x.options![k % x.options!.length].id };
    else if (x.type === "number") answers[x.id] = { value: String(89 + k * 10) };
    else if (x.type === "photo") answers[x.id] = { na: true };
    else answers[x.id] = { value: "" };
  }
  return answers;
}

/**
 * Two published scenarios, a past wave with published reports across the demo outlets and a
 * current wave with visits planned for the demo auditor (all but one outlet, so coverage shows a
 * gap). Past reports name no seller, so they credit nobody. Idempotent: nothing when a scenario exists.
 */
export async function seedMystery(db: Db): Promise<void> {
  const [existing] = await db.select({ id: mysteryScenarios.id }).from(mysteryScenarios).limit(1);
  if (existing) return;
  const [auditor] = await db.select({ id: users.id }).from(users).where(eq(users.email, "auditor@volta.example"));
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "chris@volta.example"));
  if (!auditor || !admin) return;
  const all = await db
    .select({ id: outlets.id, organisationId: outlets.organisationId })
    .from(outlets)
    .innerJoin(organisations, eq(organisations.id, outlets.organisationId))
    .where(ne(organisations.kind, "manufacturer"))
    .orderBy(asc(organisations.name), asc(outlets.name));
  const now = new Date();
  await db.transaction(async (tx) => {
    const scenarios = [];
    for (const s of [DRILL, BATTERY]) {
      const [row] = await tx
        .insert(mysteryScenarios)
        .values({
          familyId: randomUUID(),
          version: 1,
          status: "published",
          title: s.title,
          legend: s.legend,
          instructions: s.instructions,
          questionnaire: parsed(s.questionnaire),
          createdBy: admin.id,
          publishedAt: addDays(now, -120),
        })
        .returning();
      scenarios.push(row);
    }
    const [past] = await tx
      .insert(mysteryWaves)
      .values({ name: "Autumn wave", startsOn: isoDay(addDays(now, -100)), endsOn: isoDay(addDays(now, -75)), createdBy: admin.id })
      .returning();
    const [current] = await tx
      .insert(mysteryWaves)
      .values({
        name: "Winter wave",
        startsOn: isoDay(addDays(now, -7)),
        endsOn: isoDay(addDays(now, 28)),
        blackoutDates: [isoDay(addDays(now, 20))],
        createdBy: admin.id,
      })
      .returning();
    for (const [n, o] of all.entries()) {
      const scenario = scenarios[n % 2];
      const answers = answersFor(scenario.questionnaire, n);
      const score = scoreReport(scenario.questionnaire, answers);
      const visitedAt = new Date(`${isoDay(addDays(now, -95 + n * 2))}T11:00:00Z`);
      await tx.insert(mysteryVisits).values({
        waveId: past.id,
        outletId: o.id,
        organisationId: o.organisationId,
        scenarioId: scenario.id,
        auditorId: auditor.id,
        dueFrom: past.startsOn,
        dueTo: past.endsOn,
        status: "published",
        visitedAt,
        leftAt: new Date(visitedAt.getTime() + 20 * 60_000),
        submittedAt: new Date(visitedAt.getTime() + 3 * 3_600_000),
        sellerDescription: "Seller at the counter, did not give a name",
        answers,
        earnedUnits: score.earnedUnits,
        possibleUnits: score.possibleUnits,
        scorePermille: score.scorePermille,
        sectionScores: score.sections,
        keyPassed: score.keyPassed,
        publishedAt: new Date(visitedAt.getTime() + 24 * 3_600_000),
        publishedBy: admin.id,
        disputeUntil: new Date(visitedAt.getTime() + 8 * 24 * 3_600_000),
        createdBy: admin.id,
      });
      // The current wave leaves the last outlet uncovered, so the coverage view has something to show.
      if (n < all.length - 1)
        await tx.insert(mysteryVisits).values({
          waveId: current.id,
          outletId: o.id,
          organisationId: o.organisationId,
          scenarioId: scenarios[(n + 1) % 2].id,
          auditorId: auditor.id,
          dueFrom: isoDay(addDays(now, -3)),
          dueTo: isoDay(addDays(now, 10)),
          createdBy: admin.id,
        });
    }
  });
}
