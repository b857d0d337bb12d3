import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { contentTranslations } from "../../db/schema";
import { createContest } from "../../app/domain/contests/contests.server";
import { loadTranslations, localise, missingLanguages } from "../../app/domain/content/translations.server";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { contestInput } from "../support/contests";
import { freshPerson } from "../support/people";
import { Visitor, actorFor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal();
const db = await getDb();

async function signedIn(email: string) {
  const v = new Visitor(portal.url);
  await v.signIn(email, DEMO_PASSWORD);
  return v;
}

describe("programme content in the reader's language", () => {
  it("the channel team translates a contest on language tabs; each reader sees their language, or the default", async () => {
    const chris = await actorFor("chris@volta.example");
    const contest = await createContest(db, chris, contestInput({ name: "Winter drill sprint", rules: "Sell the most drills." }));
    const desk = await signedIn("chris@volta.example");

    // Every language starts untranslated, and the editor is told so.
    const before = await (await desk.get(`/contests/${contest.id}?lang=lt`)).text();
    expect(before).toContain("Translations");
    expect(before).toContain("Not yet translated");
    expect(before).toContain("Name (Lietuvių)");

    const saved = await desk.post(`/contests/${contest.id}?lang=lt`, {
      intent: "translate",
      locale: "lt",
      t_name: "Žiemos grąžtų sprintas",
      t_rules: "Parduokite daugiausia grąžtų.",
    });
    expect(saved.status).toBe(200);
    const after = await saved.text();
    expect(after).toContain("Translation saved.");

    // A Lithuanian salesperson reads Lithuanian on the list and the page; an English one the default.
    const lina = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", locale: "lt", tag: "lt-reader" });
    const linaV = await signedIn(lina.email);
    expect(await (await linaV.get("/contests")).text()).toContain("Žiemos grąžtų sprintas");
    const page = await (await linaV.get(`/contests/${contest.id}`)).text();
    expect(page).toContain("Parduokite daugiausia grąžtų.");
    expect(page).not.toContain("Winter drill sprint");
    expect(page).not.toContain("Not yet translated");

    const hindi = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", locale: "hi", tag: "hi-reader" });
    expect(await (await (await signedIn(hindi.email)).get(`/contests/${contest.id}`)).text()).toContain("Winter drill sprint");

    // Clearing a field removes that translation; the reader falls back to the default.
    await desk.post(`/contests/${contest.id}`, { intent: "translate", locale: "lt", t_name: "", t_rules: "Parduokite daugiausia grąžtų." });
    const rows = await db
      .select()
      .from(contentTranslations)
      .where(and(eq(contentTranslations.entityType, "contest"), eq(contentTranslations.entityId, contest.id)));
    expect(rows.map((r) => `${r.locale}:${r.field}`)).toEqual(["lt:rules"]);
    expect(await (await linaV.get("/contests")).text()).toContain("Winter drill sprint");
    expect((await missingLanguages(db, "contest", [contest.id], ["name", "rules"])).get(contest.id)).toEqual(["ru", "lt", "hi", "fil"]);
  });

  it("refuses a bad translation with a clear message and keeps what was typed; a reader cannot translate", async () => {
    const chris = await actorFor("chris@volta.example");
    const contest = await createContest(db, chris, contestInput());
    const desk = await signedIn("chris@volta.example");
    const long = await desk.post(`/contests/${contest.id}`, {
      intent: "translate",
      locale: "lt",
      t_name: "x".repeat(161),
      t_rules: "Taisyklės",
    });
    expect(long.status).toBe(400);
    const html = await long.text();
    expect(html).toContain("Taisyklės");
    const english = await desk.post(`/contests/${contest.id}`, { intent: "translate", locale: "en", t_name: "Other" });
    expect(english.status).toBe(400);
    const seller = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", tag: "not-editor" });
    const denied = await (await signedIn(seller.email)).post(`/contests/${contest.id}`, { intent: "translate", locale: "lt", t_name: "X" });
    expect(denied.status).toBe(403);
  });

  it("loads the translations of any number of rows in one query, and leaves the default language alone", async () => {
    const chris = await actorFor("chris@volta.example");
    const a = await createContest(db, chris, contestInput({ name: "A" }));
    const b = await createContest(db, chris, contestInput({ name: "B" }));
    await db.insert(contentTranslations).values([
      { entityType: "contest", entityId: a.id, field: "name", locale: "fil", text: "A sa Filipino" },
      { entityType: "contest", entityId: b.id, field: "name", locale: "fil", text: "B sa Filipino" },
    ]);
    const found = await loadTranslations(db, "contest", [a.id, b.id, a.id], "fil");
    expect(found.get(b.id)).toEqual({ name: "B sa Filipino" });
    const rows = [
      { id: a.id, name: "A", rules: "r" },
      { id: b.id, name: "B", rules: "r" },
    ];
    expect((await localise(db, "contest", rows, ["name", "rules"], "fil")).map((r) => `${r.name}/${r.rules}`)).toEqual([
      "A sa Filipino/r",
      "B sa Filipino/r",
    ]);
    expect(await localise(db, "contest", rows, ["name"], "en")).toBe(rows);
  });
});
