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

import {
  type Answer,
  type Answers,
  allQuestions,
  MAX_UNITS,
  type ParseProblem,
  parseQuestionnaireText,
  type Question,
  type Questionnaire,
  questionnaireToText,
  SCORED_TYPES,
} from "../questionnaires/model";

// The question model and the editor are the one builder shared with surveys (app/domain/questionnaires).
export type { Answer, Answers, ChoiceOption, ParseProblem, Question, Questionnaire, Section } from "../questionnaires/model";
export { allQuestions, MAX_QUESTIONS, MAX_UNITS, MAX_WEIGHT, SCORED_TYPES } from "../questionnaires/model";

/** The question types a mystery-shopping questionnaire uses (every shared type but the programme's NPS). */
export const QUESTION_TYPES = ["yes_no", "scale", "choice", "number", "text", "photo"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const GOOD_UNITS = 3;

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

/**
 * The editor's plain-text form of a mystery questionnaire (the shared builder's scored format):
 *   # Section title
 *   ? [id] Question text | yes_no | weight | key
 *   ? Which brand was offered first? | choice | 2 | key | Volta=4; Other=0
 * A mystery questionnaire must score something.
 */
export function parseQuestionnaire(text: string): { ok: true; questionnaire: Questionnaire } | { ok: false; problems: ParseProblem[] } {
  const parsed = parseQuestionnaireText(text, { types: QUESTION_TYPES, scoring: true, keyPrefix: "mystery.editor" });
  if (parsed.ok && !allQuestions(parsed.questionnaire).some(isScored))
    return { ok: false, problems: [{ line: 1, key: "mystery.editor.nothing_scored" }] };
  return parsed;
}

export function questionnaireText(q: Questionnaire): string {
  return questionnaireToText(q, true);
}
