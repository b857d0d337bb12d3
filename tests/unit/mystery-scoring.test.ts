import { describe, expect, it } from "vitest";
import { stripMetadata } from "../../app/domain/mystery/metadata";
import {
  parseQuestionnaire,
  percentText,
  planScenarioEdit,
  questionnaireText,
  scoreReport,
  unanswered,
  type Questionnaire,
} from "../../app/domain/mystery/scoring";

const TEXT = `
# Welcome
? [greet] Did the seller greet you within two minutes? | yes_no | 1
? [first] Did the seller recommend our brand first? | yes_no | 3 | key
# Advice
? [explain] How well was the product explained? | scale | 2
? [accessory] Which accessory was offered? | choice | 2 | key | Our bit set=4; Any bits=2; Nothing=0
? [price] Price quoted | number
? [display] Photo of the display | photo
`;

function questionnaire(): Questionnaire {
  const parsed = parseQuestionnaire(TEXT);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.questionnaire;
}

describe("mystery-shopper scores", () => {
  it("weighs every answer: earned over possible, per section and in total", () => {
    const s = scoreReport(questionnaire(), {
      greet: { value: "yes" }, // 1 x 4 of 4
      first: { value: "no" }, // 3 x 0 of 12
      explain: { value: "4" }, // 2 x 3 of 8
      accessory: { value: "o2" }, // 2 x 2 of 8
      price: { value: "129" },
      display: { value: "photo" },
    });
    expect(s.sections.map((x) => [x.title, x.earnedUnits, x.possibleUnits, x.scorePermille])).toEqual([
      ["Welcome", 4, 16, 250],
      ["Advice", 10, 16, 625],
    ]);
    expect([s.earnedUnits, s.possibleUnits, s.scorePermille]).toEqual([14, 32, 438]); // 43.75% rounds half up
    expect(percentText(s.scorePermille)).toBe("43.8");
    // Unscored questions (a number, a photo) count for nothing either way.
    expect(s.questions.find((q) => q.id === "price")?.units).toBeNull();
  });

  it("takes a not-applicable answer out of the denominator", () => {
    const all = scoreReport(questionnaire(), {
      greet: { value: "yes" },
      first: { value: "yes" },
      explain: { value: "5" },
      accessory: { value: "o3" },
    });
    const na = scoreReport(questionnaire(), {
      greet: { value: "yes" },
      first: { value: "yes" },
      explain: { value: "5" },
      accessory: { na: true },
    });
    expect([all.earnedUnits, all.possibleUnits, all.scorePermille]).toEqual([24, 32, 750]);
    expect([na.earnedUnits, na.possibleUnits, na.scorePermille]).toEqual([24, 24, 1000]);
    expect(na.sections[1]).toMatchObject({ possibleUnits: 8, scorePermille: 1000 });
    // A section with everything n/a has no score at all, not 0%.
    const empty = scoreReport(questionnaire(), {
      greet: { na: true },
      first: { na: true },
      explain: { value: "1" },
      accessory: { value: "o3" },
    });
    expect(empty.sections[0].scorePermille).toBeNull();
    expect(empty.scorePermille).toBe(0);
  });

  it("passes key questions only when every one that applied was answered well", () => {
    const q = questionnaire();
    const well = scoreReport(q, { greet: { value: "no" }, first: { value: "yes" }, explain: { value: "1" }, accessory: { value: "o1" } });
    expect(well.keyPassed).toBe(true);
    expect(well.keyWell).toEqual(["Did the seller recommend our brand first?", "Which accessory was offered?"]);
    // "Any bits" is 2 of 4: not good enough for a key question, whatever the total.
    expect(
      scoreReport(q, { greet: { value: "yes" }, first: { value: "yes" }, explain: { value: "5" }, accessory: { value: "o2" } }).keyPassed,
    ).toBe(false);
    // A key question marked n/a neither passes nor fails; with none left there is nothing to reward.
    expect(scoreReport(q, { first: { value: "yes" }, accessory: { na: true } }).keyPassed).toBe(true);
    expect(scoreReport(q, { first: { na: true }, accessory: { na: true } }).keyPassed).toBe(false);
  });

  it("lists what still needs an answer, and refuses answers that are not options", () => {
    const q = questionnaire();
    expect(unanswered(q, { greet: { value: "yes" }, explain: { value: "9" }, accessory: { value: "o7" }, price: { na: true } })).toEqual([
      "first",
      "explain",
      "accessory",
    ]);
  });

  it("reads the editor's text and writes it back the same", () => {
    const q = questionnaire();
    expect(q.sections.map((s) => s.questions.length)).toEqual([2, 4]);
    expect(q.sections[1].questions[1]).toMatchObject({
      type: "choice",
      key: true,
      weight: 2,
      options: [{ units: 4 }, { units: 2 }, { units: 0 }],
    });
    const again = parseQuestionnaire(questionnaireText(q));
    expect(again.ok && again.questionnaire).toEqual(q);
  });

  it("says which line of the editor is wrong", () => {
    const bad = parseQuestionnaire("# A\n? Fine | yes_no | 2\n? Broken | colour | 1");
    expect(bad).toEqual({ ok: false, problems: [{ line: 3, key: "mystery.editor.bad_type", vars: expect.any(Object) }] });
    expect(parseQuestionnaire("? Only text | text")).toMatchObject({ ok: false, problems: [{ key: "mystery.editor.nothing_scored" }] });
    expect(parseQuestionnaire("? Key on text | text | 0 | key")).toMatchObject({
      ok: false,
      problems: [{ line: 1, key: "mystery.editor.key_unscored" }],
    });
    expect(parseQuestionnaire("? [a] One | yes_no\n? [a] Two | yes_no")).toMatchObject({
      ok: false,
      problems: [{ line: 2, key: "mystery.editor.duplicate_id" }],
    });
    expect(parseQuestionnaire("? Weight | yes_no | 2.5")).toMatchObject({ ok: false, problems: [{ key: "mystery.editor.bad_weight" }] });
  });
});

describe("scenario versions", () => {
  it("changes a draft in place, turns an edit of a published version into the next version, and refuses a retired one", () => {
    expect(planScenarioEdit({ status: "draft", version: 3 }, 3)).toEqual({ mode: "in_place" });
    expect(planScenarioEdit({ status: "published", version: 2 }, 2)).toEqual({ mode: "new_version", version: 3 });
    // An older published version edited after newer ones exist still gets a fresh number.
    expect(planScenarioEdit({ status: "published", version: 1 }, 4)).toEqual({ mode: "new_version", version: 5 });
    expect(planScenarioEdit({ status: "retired", version: 1 }, 2)).toEqual({ mode: "refused" });
  });
});

describe("photos of a visit", () => {
  it("lose the camera's EXIF and comments (a JPEG) and text chunks (a PNG), and keep the picture", () => {
    const seg = (marker: number, body: string) => {
      const data = new TextEncoder().encode(body);
      return [0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data];
    };
    const jpeg = new Uint8Array([
      0xff,
      0xd8,
      ...seg(0xe0, "JFIF\0"),
      ...seg(0xe1, "Exif\0\0Artist=Audrey Auditor GPS=54.68,25.28"),
      ...seg(0xfe, "shot by audrey@volta.example"),
      ...seg(0xdb, "quant"),
      0xff,
      0xda,
      0x00,
      0x04,
      0x01,
      0x02,
      0xaa,
      0xbb,
      0xff,
      0xd9,
    ]);
    const clean = new TextDecoder("latin1").decode(stripMetadata(jpeg, "image/jpeg"));
    expect(clean).not.toContain("Audrey");
    expect(clean).not.toContain("audrey@");
    expect(clean).toContain("JFIF");
    expect(clean).toContain("quant");
    expect(clean.endsWith("\xff\xd9")).toBe(true);

    const chunk = (type: string, body: string) => {
      const data = new TextEncoder().encode(body);
      return [0, 0, data.length >> 8, data.length & 0xff, ...new TextEncoder().encode(type), ...data, 0, 0, 0, 0];
    };
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...chunk("IHDR", "hdr"),
      ...chunk("tEXt", "Author\0Audrey"),
      ...chunk("IDAT", "pixels"),
      ...chunk("IEND", ""),
    ]);
    const cleanPng = new TextDecoder("latin1").decode(stripMetadata(png, "image/png"));
    expect(cleanPng).not.toContain("Audrey");
    expect(cleanPng).toContain("pixels");
    // Something it does not understand is left alone rather than broken.
    const odd = new Uint8Array([0xff, 0xd8, 0x00, 0x01]);
    expect(stripMetadata(odd, "image/jpeg")).toBe(odd);
  });
});
