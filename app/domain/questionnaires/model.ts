/**
 * The one questionnaire builder (issue 20): the question model, its plain-text editor format and
 * the check of one typed answer, shared by mystery shopping (scored, weighted) and surveys (not
 * scored, with an NPS question). Pure, so the server and the phone use the same rules.
 *
 * The editor's text, one line each:
 *   # Section title
 *   ? [id] Question text | type | …
 * Scored questionnaires (mystery) go on with `| weight | key | Label=points; …`; unscored ones
 * (surveys) with `| Label; Label; …` for a choice. `[id]` is optional (else made from the text)
 * and keeps a question's answers comparable across versions.
 */

export const QUESTION_TYPES = ["yes_no", "scale", "choice", "number", "text", "photo", "nps"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SCORED_TYPES: readonly QuestionType[] = ["yes_no", "scale", "choice"];

export const MAX_UNITS = 4;
export const MAX_WEIGHT = 100;
export const MAX_QUESTIONS = 100;
export const MAX_ANSWER_LENGTH = 2000;

export type ChoiceOption = { id: string; label: string; units: number };
export type Question = { id: string; text: string; type: QuestionType; weight: number; key: boolean; options?: ChoiceOption[] };
export type Section = { id: string; title: string; questions: Question[] };
export type Questionnaire = { sections: Section[] };

export type Answer = { value?: string; na?: boolean };
export type Answers = Record<string, Answer>;

export function allQuestions(q: Questionnaire): Array<Question & { sectionId: string }> {
  return q.sections.flatMap((s) => s.questions.map((x) => ({ ...x, sectionId: s.id })));
}

/** The values a scale or an NPS question takes, in order. */
export function scaleValues(type: "scale" | "nps"): string[] {
  return type === "nps" ? Array.from({ length: 11 }, (_, i) => String(i)) : ["1", "2", "3", "4", "5"];
}

/**
 * What is wrong with one typed answer, or null when it is a valid answer to the question.
 * An empty answer is not judged here (whether it may be empty is the caller's rule).
 */
export function answerProblem(q: Question, value: string): "too_long" | "number" | "choose" | null {
  if (value.length > MAX_ANSWER_LENGTH) return "too_long";
  switch (q.type) {
    case "yes_no":
      return value === "yes" || value === "no" ? null : "choose";
    case "scale":
    case "nps":
      return scaleValues(q.type).includes(value) ? null : "choose";
    case "choice":
      return q.options?.some((o) => o.id === value) ? null : "choose";
    case "number":
      return value.length <= 30 && /^-?\d+([.,]\d+)?$/.test(value) && Number.isFinite(Number(value.replace(",", "."))) ? null : "number";
    default:
      return null;
  }
}

export type ParseProblem = { line: number; key: string; vars?: Record<string, string | number> };

export type BuilderRules = {
  /** The types this questionnaire may use. */
  types: readonly QuestionType[];
  /** Scored questionnaires carry weights, key questions and points per option. */
  scoring: boolean;
  /** Where the area keeps its editor messages ("mystery.editor"): `<prefix>.bad_type` etc. */
  keyPrefix: string;
};

const SLUG = /[^a-z0-9]+/g;
function slug(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(SLUG, "-").replace(/^-|-$/g, "").slice(0, 40) || "q";
}

/** Parses the editor's text into a questionnaire, or every problem with its line. */
export function parseQuestionnaireText(
  text: string,
  rules: BuilderRules,
): { ok: true; questionnaire: Questionnaire } | { ok: false; problems: ParseProblem[] } {
  const k = (name: string) => `${rules.keyPrefix}.${name}`;
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
      if (!title || title.length > 120) problems.push({ line: at, key: k("bad_section") });
      sections.push({ id: `s${sections.length + 1}`, title, questions: [] });
      continue;
    }
    if (!line.startsWith("?")) {
      problems.push({ line: at, key: k("bad_line") });
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
      problems.push({ line: at, key: k("bad_text") });
      continue;
    }
    if (!rules.types.includes(type)) {
      problems.push({ line: at, key: k("bad_type"), vars: { types: rules.types.join(", ") } });
      continue;
    }
    const scored = rules.scoring && SCORED_TYPES.includes(type);
    let weight = 0;
    let key = false;
    let rest = parts.slice(2);
    if (rules.scoring) {
      const weightText = parts[2] ?? "";
      weight = weightText === "" ? (scored ? 1 : 0) : Number(weightText);
      if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT || (!scored && weight !== 0)) {
        problems.push({ line: at, key: k("bad_weight"), vars: { max: MAX_WEIGHT } });
        continue;
      }
      rest = parts.slice(3);
      key = rest.some((p) => p.toLowerCase() === "key");
      if (key && (!scored || weight === 0)) {
        problems.push({ line: at, key: k("key_unscored") });
        continue;
      }
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
        // Unscored questionnaires take plain labels; points per option only where they count.
        const units = rules.scoring ? Number(unitsText) : 0;
        if (!label || label.length > 80 || !Number.isInteger(units) || units < 0 || units > MAX_UNITS) {
          problems.push({ line: at, key: k("bad_option"), vars: { max: MAX_UNITS } });
          options = undefined;
          break;
        }
        options.push({ id: `o${n + 1}`, label, units });
      }
      if (!options) continue;
      if (options.length < 2 || options.length > 12) {
        problems.push({ line: at, key: k("bad_option"), vars: { max: MAX_UNITS } });
        continue;
      }
    }
    let qid = id ?? slug(qText);
    if (!id) for (let n = 2; ids.has(qid); n++) qid = `${slug(qText).slice(0, 36)}-${n}`;
    if (ids.has(qid)) {
      problems.push({ line: at, key: k("duplicate_id"), vars: { id: qid } });
      continue;
    }
    ids.add(qid);
    if (++count > MAX_QUESTIONS) {
      problems.push({ line: at, key: k("too_many"), vars: { max: MAX_QUESTIONS } });
      break;
    }
    sections[sections.length - 1].questions.push({ id: qid, text: qText, type, weight, key, ...(options ? { options } : {}) });
  }
  if (!problems.length && !count) problems.push({ line: 1, key: k("empty") });
  const kept = sections.filter((s) => s.questions.length);
  return problems.length ? { ok: false, problems } : { ok: true, questionnaire: { sections: kept } };
}

/** The editor's text of a questionnaire (parses back to the same questionnaire). */
export function questionnaireToText(q: Questionnaire, scoring: boolean): string {
  const lines: string[] = [];
  for (const s of q.sections) {
    if (s.title) lines.push(`# ${s.title}`);
    for (const x of s.questions) {
      const parts = [`? [${x.id}] ${x.text}`, x.type];
      if (scoring && SCORED_TYPES.includes(x.type)) parts.push(String(x.weight));
      if (x.key) parts.push("key");
      if (x.options) parts.push(x.options.map((o) => (scoring ? `${o.label}=${o.units}` : o.label)).join("; "));
      lines.push(parts.join(" | "));
    }
    lines.push("");
  }
  return lines.join("\n").trim();
}
