/**
 * Mystery-shopping scores, pure (shared by the server and the auditor's phone preview).
 *
 * Every scored question has an integer weight. An answer earns "units" out of 4 (quarters, so
 * all arithmetic stays in integers): yes = 4, no = 0; a 1-5 scale earns 0-4; a single choice
 * earns its option's 0-4. A question earns weight x units out of weight x 4. An answer marked
 * "not applicable" leaves the denominator; so does a question not answered yet. A section's
 * and the report's score is earned / possible, in per mille (0-1000, rounded half up).
 * Key questions are answered "well" with 3 units or more (yes, a 4 or 5, a good option); the
 * seller's award needs every key question that applied answered well, and at least one.
 */

export const QUESTION_TYPES = ["yes_no", "scale", "choice", "number", "text", "photo"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SCORED_TYPES: readonly QuestionType[] = ["yes_no", "scale", "choice"];

export const MAX_UNITS = 4;
export const GOOD_UNITS = 3;
export const MAX_WEIGHT = 100;

export type ChoiceOption = { id: string; label: string; units: number };
export type Question = { id: string; text: string; type: QuestionType; weight: number; key: boolean; options?: ChoiceOption[] };
export type Section = { id: string; title: string; questions: Question[] };
export type Questionnaire = { sections: Section[] };

export type Answer = { value?: string; na?: boolean };
export type Answers = Record<string, Answer>;

export type SectionScore = { id: string; title: string; earnedUnits: number; possibleUnits: number; scorePermille: number | null };
export type QuestionScore = {
  id: string;
  sectionId: string;
  text: string;
  key: boolean;
  weight: number;
  /** null when not scored (a free text, a number, a photo), not applicable or not answered. */
  units: number | null;
  na: boolean;
};
export type ReportScore = {
  earnedUnits: number;
  possibleUnits: number;
  scorePermille: number | null;
  sections: SectionScore[];
  questions: QuestionScore[];
  keyPassed: boolean;
  /** The key questions answered well: what the seller is praised for. */
  keyWell: string[];
};

export function isScored(q: Question): boolean {
  return SCORED_TYPES.includes(q.type) && q.weight > 0;
}

export function allQuestions(q: Questionnaire): Array<Question & { sectionId: string }> {
  return q.sections.flatMap((s) => s.questions.map((x) => ({ ...x, sectionId: s.id })));
}

/** per mille, rounded half up; null when nothing could be scored. */
export function permille(earned: number, possible: number): number | null {
  if (possible <= 0) return null;
  return Math.floor((earned * 1000 * 2 + possible) / (possible * 2));
}

/** The units (0-4) an answer earns, or null when it earns nothing countable (n/a, empty, invalid). */
export function unitsOf(q: Question, a: Answer | undefined): number | null {
  if (!a || a.na || a.value === undefined || a.value === "") return null;
  switch (q.type) {
    case "yes_no":
      return a.value === "yes" ? MAX_UNITS : a.value === "no" ? 0 : null;
    case "scale": {
      const n = Number(a.value);
      return Number.isInteger(n) && n >= 1 && n <= 5 ? n - 1 : null;
    }
    case "choice":
      return q.options?.find((o) => o.id === a.value)?.units ?? null;
    default:
      return null;
  }
}

export function scoreReport(questionnaire: Questionnaire, answers: Answers): ReportScore {
  let earned = 0;
  let possible = 0;
  const sections: SectionScore[] = [];
  const questions: QuestionScore[] = [];
  let keyAnswered = 0;
  let keyFailed = false;
  const keyWell: string[] = [];
  for (const section of questionnaire.sections) {
    let sEarned = 0;
    let sPossible = 0;
    for (const q of section.questions) {
      const a = answers[q.id];
      const scored = isScored(q);
      const units = scored ? unitsOf(q, a) : null;
      questions.push({ id: q.id, sectionId: section.id, text: q.text, key: q.key, weight: q.weight, units, na: !!a?.na });
      if (units === null) continue;
      sEarned += q.weight * units;
      sPossible += q.weight * MAX_UNITS;
      if (q.key) {
        keyAnswered++;
        if (units >= GOOD_UNITS) keyWell.push(q.text);
        else keyFailed = true;
      }
    }
    sections.push({
      id: section.id,
      title: section.title,
      earnedUnits: sEarned,
      possibleUnits: sPossible,
      scorePermille: permille(sEarned, sPossible),
    });
    earned += sEarned;
    possible += sPossible;
  }
  return {
    earnedUnits: earned,
    possibleUnits: possible,
    scorePermille: permille(earned, possible),
    sections,
    questions,
    keyPassed: keyAnswered > 0 && !keyFailed,
    keyWell,
  };
}

/** Questions that still need an answer (or "not applicable") before the report can be sent. */
export function unanswered(questionnaire: Questionnaire, answers: Answers): string[] {
  return allQuestions(questionnaire)
    .filter((q) => q.type !== "photo")
    .filter((q) => {
      const a = answers[q.id];
      if (a?.na) return false;
      if (!a || a.value === undefined || a.value.trim() === "") return true;
      return isScored(q) && unitsOf(q, a) === null;
    })
    .map((q) => q.id);
}

/** Percent to show, one decimal: 875 -> "87.5". */
export function percentText(scorePermille: number | null): string {
  return scorePermille === null ? "–" : (scorePermille / 10).toFixed(1).replace(/\.0$/, "");
}

// ---- Versioning ---------------------------------------------------------------------------

export type ScenarioEditPlan = { mode: "in_place" } | { mode: "new_version"; version: number } | { mode: "refused" };

/**
 * What saving an edit does: a draft changes in place; a published version is never changed
 * (reports filed with it keep their questions and weights), so the edit becomes the next
 * version, a draft; a retired version is not edited.
 */
export function planScenarioEdit(
  current: { status: "draft" | "published" | "retired"; version: number },
  latestVersion: number,
): ScenarioEditPlan {
  if (current.status === "draft") return { mode: "in_place" };
  if (current.status === "published") return { mode: "new_version", version: Math.max(current.version, latestVersion) + 1 };
  return { mode: "refused" };
}

// ---- The questionnaire as text (the editor) -----------------------------------------------

export type ParseProblem = { line: number; key: string; vars?: Record<string, string | number> };

const SLUG = /[^a-z0-9]+/g;
function slug(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(SLUG, "-").replace(/^-|-$/g, "").slice(0, 40) || "q";
}

export const MAX_QUESTIONS = 100;

/**
 * The editor's plain-text form of a questionnaire, one line each:
 *   # Section title
 *   ? [id] Question text | yes_no | weight | key
 *   ? Which brand was offered first? | choice | 2 | key | Volta=4; Other=0
 * `[id]` is optional (else made from the text) and keeps a question's trend across versions.
 */
export function parseQuestionnaire(text: string): { ok: true; questionnaire: Questionnaire } | { ok: false; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const sections: Section[] = [];
  const ids = new Set<string>();
  let count = 0;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    const at = i + 1;
    if (!line) continue;
    if (line.startsWith("#")) {
      const title = line.replace(/^#+/, "").trim();
      if (!title || title.length > 120) problems.push({ line: at, key: "mystery.editor.bad_section" });
      sections.push({ id: `s${sections.length + 1}`, title, questions: [] });
      continue;
    }
    if (!line.startsWith("?")) {
      problems.push({ line: at, key: "mystery.editor.bad_line" });
      continue;
    }
    if (!sections.length) sections.push({ id: "s1", title: "", questions: [] });
    const parts = line
      .slice(1)
      .split("|")
      .map((p) => p.trim());
    let head = parts[0] ?? "";
    let id: string | null = null;
    const m = /^\[([a-z0-9][a-z0-9_-]{0,39})\]\s*(.*)$/i.exec(head);
    if (m) {
      id = m[1].toLowerCase();
      head = m[2];
    }
    const qText = head.trim();
    const type = (parts[1] ?? "").toLowerCase() as QuestionType;
    if (!qText || qText.length > 300) {
      problems.push({ line: at, key: "mystery.editor.bad_text" });
      continue;
    }
    if (!QUESTION_TYPES.includes(type)) {
      problems.push({ line: at, key: "mystery.editor.bad_type", vars: { types: QUESTION_TYPES.join(", ") } });
      continue;
    }
    const scored = SCORED_TYPES.includes(type);
    const weightText = parts[2] ?? "";
    const weight = weightText === "" ? (scored ? 1 : 0) : Number(weightText);
    if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT || (!scored && weight !== 0)) {
      problems.push({ line: at, key: "mystery.editor.bad_weight", vars: { max: MAX_WEIGHT } });
      continue;
    }
    const rest = parts.slice(3);
    const key = rest.some((p) => p.toLowerCase() === "key");
    if (key && (!scored || weight === 0)) {
      problems.push({ line: at, key: "mystery.editor.key_unscored" });
      continue;
    }
    let options: ChoiceOption[] | undefined;
    if (type === "choice") {
      const spec = rest.find((p) => p.toLowerCase() !== "key") ?? "";
      options = [];
      for (const [n, o] of spec
        .split(";")
        .map((x) => x.trim())
        .filter(Boolean)
        .entries()) {
        const [label, unitsText] = o.split("=").map((x) => x.trim());
        const units = Number(unitsText);
        if (!label || label.length > 80 || !Number.isInteger(units) || units < 0 || units > MAX_UNITS) {
          problems.push({ line: at, key: "mystery.editor.bad_option", vars: { max: MAX_UNITS } });
          options = undefined;
          break;
        }
        options.push({ id: `o${n + 1}`, label, units });
      }
      if (!options) continue;
      if (options.length < 2 || options.length > 12) {
        problems.push({ line: at, key: "mystery.editor.bad_option", vars: { max: MAX_UNITS } });
        continue;
      }
    }
    let qid = id ?? slug(qText);
    if (!id) for (let n = 2; ids.has(qid); n++) qid = `${slug(qText).slice(0, 36)}-${n}`;
    if (ids.has(qid)) {
      problems.push({ line: at, key: "mystery.editor.duplicate_id", vars: { id: qid } });
      continue;
    }
    ids.add(qid);
    if (++count > MAX_QUESTIONS) {
      problems.push({ line: at, key: "mystery.editor.too_many", vars: { max: MAX_QUESTIONS } });
      break;
    }
    sections[sections.length - 1].questions.push({ id: qid, text: qText, type, weight, key, ...(options ? { options } : {}) });
  }
  if (!problems.length && !count) problems.push({ line: 1, key: "mystery.editor.empty" });
  if (!problems.length && !allQuestions({ sections }).some(isScored)) problems.push({ line: 1, key: "mystery.editor.nothing_scored" });
  const kept = sections.filter((s) => s.questions.length);
  return problems.length ? { ok: false, problems } : { ok: true, questionnaire: { sections: kept } };
}

export function questionnaireText(q: Questionnaire): string {
  const lines: string[] = [];
  for (const s of q.sections) {
    if (s.title) lines.push(`# ${s.title}`);
    for (const x of s.questions) {
      const parts = [`? [${x.id}] ${x.text}`, x.type];
      if (SCORED_TYPES.includes(x.type)) parts.push(String(x.weight));
      if (x.key) parts.push("key");
      if (x.options) parts.push(x.options.map((o) => `${o.label}=${o.units}`).join("; "));
      lines.push(parts.join(" | "));
    }
    lines.push("");
  }
  return lines.join("\n").trim();
}
