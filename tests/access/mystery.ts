import { and, asc, eq } from "drizzle-orm";
import { mysteryPhotos, mysteryScenarios, mysteryVisits, mysteryWaves, organisations, users } from "../../db/schema";
import { storePhoto } from "../../app/domain/mystery/photos.server";
import { allowOnly, everyoneSignedIn, override, type AccessFixtures, type AccessRule } from "../support/access";
import { pngImage } from "../support/claims";

/**
 * Who may open the mystery-shopping pages. The channel team (admin, channel managers) runs the
 * programme; the auditor files their own visits; a partner's executive and managers read their
 * own outlets' reports. The report, photo and dispute rows below use ANOTHER partner's report
 * (Northfield), so the partner roles (all from Baltic Tools) must get "not found", pages, data
 * requests and photo URLs alike: a partner never sees another partner's reports.
 */

type Fixtures = { scenario: string; wave: string; planned: string; otherReport: string; otherPhoto: string };
let made: Promise<Fixtures> | undefined;
function seeded(fx: AccessFixtures): Promise<Fixtures> {
  made ??= (async () => {
    const db = fx.db;
    const [scenario] = await db.select({ id: mysteryScenarios.id }).from(mysteryScenarios).orderBy(asc(mysteryScenarios.title)).limit(1);
    const [wave] = await db.select({ id: mysteryWaves.id }).from(mysteryWaves).where(eq(mysteryWaves.name, "Winter wave"));
    const [auditor] = await db.select({ id: users.id }).from(users).where(eq(users.email, fx.userOf.auditor));
    const [planned] = await db
      .select({ id: mysteryVisits.id })
      .from(mysteryVisits)
      .where(and(eq(mysteryVisits.auditorId, auditor.id), eq(mysteryVisits.status, "planned")))
      .limit(1);
    const [other] = await db
      .select({ id: mysteryVisits.id })
      .from(mysteryVisits)
      .innerJoin(organisations, eq(organisations.id, mysteryVisits.organisationId))
      .where(and(eq(organisations.name, "Northfield Building Supplies"), eq(mysteryVisits.status, "published")))
      .limit(1);
    const stored = await storePhoto(
      "receipt",
      new File([new Uint8Array(pngImage(40, 40))], "receipt.png", { type: "image/png" }),
      "receipt",
    );
    const [photo] = await db
      .insert(mysteryPhotos)
      .values({ ...stored, visitId: other.id })
      .returning({ id: mysteryPhotos.id });
    return { scenario: scenario.id, wave: wave.id, planned: planned.id, otherReport: other.id, otherPhoto: photo.id };
  })();
  return made;
}

const team = ["admin", "channel_manager"] as const;
const readers = ["admin", "channel_manager", "executive", "manager"] as const;
// Another partner's report: the partner roles that may read reports find nothing.
const otherPartners = override(allowOnly(team), { executive: "not_found", manager: "not_found" });

const rules: AccessRule[] = [
  { pattern: "/mystery/rules", get: everyoneSignedIn(), shows: "Mystery shoppers visit" },
  { pattern: "/mystery/overview", get: allowOnly(team), shows: "Coverage this wave" },
  { pattern: "/mystery/review", get: allowOnly(team), shows: "Review queue" },
  {
    pattern: "/mystery/scenarios",
    get: allowOnly(team),
    post: { form: { intent: "create" }, expect: allowOnly(team, "invalid") },
    shows: "New scenario",
  },
  {
    pattern: "/mystery/scenarios/:scenarioId",
    path: async (fx) => `/mystery/scenarios/${(await seeded(fx)).scenario}`,
    get: allowOnly(team),
    post: { form: { intent: "save" }, expect: allowOnly(team, "invalid") },
    shows: "Versions",
  },
  {
    pattern: "/mystery/waves",
    get: allowOnly(team),
    post: { expect: allowOnly(team, "invalid") },
    shows: "New wave",
  },
  {
    pattern: "/mystery/waves/:waveId",
    path: async (fx) => `/mystery/waves/${(await seeded(fx)).wave}`,
    get: allowOnly(team),
    post: { form: { intent: "plan" }, expect: allowOnly(team, "invalid") },
    shows: "Plan a visit",
  },
  { pattern: "/mystery/visits", get: allowOnly(["auditor"]), shows: "My visits" },
  {
    pattern: "/mystery/visits/:visitId",
    path: async (fx) => `/mystery/visits/${(await seeded(fx)).planned}`,
    get: allowOnly(["auditor"]),
    // An empty report reaches validation for its shopper; nobody else gets that far.
    post: { expect: allowOnly(["auditor"], "invalid") },
    shows: "Send report",
  },
  { pattern: "/mystery/reports", get: allowOnly(readers), shows: "Mystery-shopper reports" },
  {
    pattern: "/mystery/reports/:visitId",
    path: async (fx) => `/mystery/reports/${(await seeded(fx)).otherReport}`,
    get: otherPartners,
    // Disputing is for a partner's leads, and only of their own outlets' reports.
    post: { form: { intent: "dispute" }, expect: override(allowOnly([]), { executive: "not_found", manager: "not_found" }) },
    shows: "Dispute history",
  },
  {
    pattern: "/mystery/reports/:visitId/photos/:photoId",
    path: async (fx) => {
      const f = await seeded(fx);
      return `/mystery/reports/${f.otherReport}/photos/${f.otherPhoto}`;
    },
    get: otherPartners,
  },
  { pattern: "/mystery/reports.csv", get: allowOnly(team), shows: "score_percent" },
];

export default rules;
