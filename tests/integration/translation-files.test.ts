import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { createContest } from "../../app/domain/contests/contests.server";
import { readPo } from "../../app/domain/content/exchange.server";
import { createTranslator } from "../../app/i18n/translate";
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

function upload(kind: string, locale: string, po: string, name = "translated.po") {
  const form = new FormData();
  form.set("kind", kind);
  form.set("locale", locale);
  form.set("file", new File([po], name, { type: "text/x-gettext-translation" }));
  return form;
}

describe("a translator's round trip through PO files, without code", () => {
  it("exports the programme content, takes the translated file back, and reports what changed and what is missing", async () => {
    const chris = await actorFor("chris@volta.example");
    const contest = await createContest(db, chris, contestInput({ name: "Monsoon sales sprint", rules: "Sell the most grinders." }));
    const desk = await signedIn("chris@volta.example");

    const res = await desk.get("/admin/translations.po?kind=content&locale=hi");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("portal-content-hi.po");
    const po = await res.text();
    const entries = readPo(po);
    expect(entries.has(`contest/${contest.id}/name`)).toBe(true);
    expect(po).toContain('msgid "Monsoon sales sprint"');

    // The translator fills in the contest's name only (the rules stay to do) and adds a stray entry.
    const translated = po.replace(
      `msgctxt "contest/${contest.id}/name"\nmsgid "Monsoon sales sprint"\nmsgstr ""`,
      `msgctxt "contest/${contest.id}/name"\nmsgid "Monsoon sales sprint"\nmsgstr "मानसून बिक्री स्प्रिंट"`,
    );
    expect(translated).not.toBe(po);
    const stray = `${translated}\nmsgctxt "contest/00000000-0000-0000-0000-000000000000/name"\nmsgid "Gone"\nmsgstr "गया"\n`;
    const imported = await desk.post("/admin/translations", upload("content", "hi", stray));
    expect(imported.status).toBe(200);
    const report = await imported.text();
    expect(report).toContain("Import report");
    expect(report).toContain(`contest/${contest.id}/name`);
    expect(report).toContain(`contest/${contest.id}/rules`);
    expect(report).toContain("contest/00000000-0000-0000-0000-000000000000/name");

    // A Hindi reader now sees the name in Hindi.
    const asha = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", locale: "hi", tag: "po-reader" });
    expect(await (await (await signedIn(asha.email)).get(`/contests/${contest.id}`)).text()).toContain("मानसून बिक्री स्प्रिंट");
  });

  it("exports the interface catalogue with a form per plural category, and reads a file back with a report", async () => {
    const desk = await signedIn("admin@volta.example");
    const po = await (await desk.get("/admin/translations.po?kind=interface&locale=lt")).text();
    const entries = readPo(po);
    expect(entries.get("auth.forgot")).toBe(createTranslator("lt")("auth.forgot"));
    for (const form of ["one", "few", "many", "other"]) expect(entries.has(`shop.points#${form}`)).toBe(true);
    // Unchanged file: nothing changed, nothing missing.
    const same = await (await desk.post("/admin/translations", upload("interface", "lt", po))).text();
    expect(same).toContain("0 changed, 0 still missing");
    // One message emptied, one changed with a wrong placeholder.
    const entry = /msgctxt "auth\.forgot"\nmsgid "[^"]*"\nmsgstr "[^"]*"/;
    expect(po).toMatch(entry);
    const edited = po.replace(entry, (e) => e.replace(/msgstr "[^"]*"$/, 'msgstr ""'));
    const report = await (await desk.post("/admin/translations", upload("interface", "lt", edited))).text();
    expect(report).toContain("1 still missing");
    expect(report).toContain("auth.forgot");
  });

  it("refuses what is not a PO file, keeps the form, and lets no participant in", async () => {
    const desk = await signedIn("chris@volta.example");
    const bad = await desk.post("/admin/translations", upload("content", "lt", "just some text", "notes.txt"));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("This is not a PO file.");
    const english = await desk.post("/admin/translations", upload("content", "en", 'msgid ""\nmsgstr ""\n'));
    expect(english.status).toBe(400);
    const seller = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", tag: "po-denied" });
    expect((await (await signedIn(seller.email)).get("/admin/translations")).status).toBe(403);
  });
});
