import { sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import type { Survey } from "@db/schema";
import type { Table } from "~/domain/reports/types";
import type { CsvCell } from "~/lib/csv";
import { allQuestions, type Question, scaleValues } from "../questionnaires/model";
import { segmentConditionSql } from "./surveys.server";

/**
 * Net Promoter Score from the 0-10 answers: % promoters (9-10) minus % detractors (0-6), rounded
 * half away from zero; null with no answers.
 */
export function npsScore(values: number[]): { score: number | null; promoters: number; passives: number; detractors: number } {
  const promoters = values.filter((v) => v >= 9).length;
  const detractors = values.filter((v) => v <= 6).length;
  const passives = values.length - promoters - detractors;
  if (!values.length) return { score: null, promoters, passives, detractors };
  const raw = ((promoters - detractors) * 100) / values.length;
  return { score: Math.sign(raw) * Math.round(Math.abs(raw)), promoters, passives, detractors };
}

export type QuestionResult = {
  question: Question;
  answered: number;
  /** For yes/no, scale, choice and NPS: every possible answer with its count, as a chart table. */
  table: Table | null;
  /** For numbers: the average. */
  average: number | null;
  /** For free text: answers grouped by partner. */
  texts: Array<{ partner: string; text: string }>;
};

export type SurveyResults = {
  responses: number;
  audience: number;
  nps: ReturnType<typeof npsScore> | null;
  questions: QuestionResult[];
};

/** The label of an answer value (a choice's label; yes/no as i18n keys, marked by the caller). */
function answerLabels(q: Question): Array<[string, string]> {
  if (q.type === "yes_no")
    return [
      ["yes", "questionnaire.answer.yes"],
      ["no", "questionnaire.answer.no"],
    ];
  if (q.type === "scale" || q.type === "nps") return scaleValues(q.type).map((v) => [v, v]);
  if (q.type === "choice") return (q.options ?? []).map((o) => [o.id, o.label]);
  return [];
}

const MAX_TEXTS = 500;

/**
 * A survey's results: answer counts per question (one GROUP BY over the answers), the NPS, and
 * the free-text answers with the partner each came from (at most 500 a question on the page;
 * the CSV has them all).
 */
export async function surveyResults(db: Queryable, survey: Survey): Promise<SurveyResults> {
  const counts = rowsOf<{ q: string; v: string; n: number }>(
    await db.execute(sql`select a.key as q, a.value->>'value' as v, count(*)::int as n
      from survey_responses r, jsonb_each(r.answers) a
      where r.survey_id = ${survey.id}
      group by 1, 2`),
  );
  const [{ responses }] = rowsOf<{ responses: number }>(
    await db.execute(sql`select count(*)::int as responses from survey_responses where survey_id = ${survey.id}`),
  );
  const questions = allQuestions(survey.questionnaire);
  const textIds = questions.filter((q) => q.type === "text").map((q) => q.id);
  const texts = textIds.length
    ? rowsOf<{ q: string; partner: string; text: string }>(
        await db.execute(sql`select t.q, t.partner, t.text from (
            select a.key as q, o.name as partner, a.value->>'value' as text,
              row_number() over (partition by a.key order by o.name, r.submitted_at) as n
            from survey_responses r join organisations o on o.id = r.organisation_id, jsonb_each(r.answers) a
            where r.survey_id = ${survey.id} and a.key in (${sql.join(
              textIds.map((id) => sql`${id}`),
              sql`, `,
            )})
          ) t where t.n <= ${MAX_TEXTS} order by t.q, t.n`),
      )
    : [];
  let nps: SurveyResults["nps"] = null;
  const results = questions.map((q): QuestionResult => {
    const mine = counts.filter((c) => c.q === q.id);
    const answered = mine.reduce((n, c) => n + c.n, 0);
    const labels = answerLabels(q);
    let table: Table | null = null;
    if (labels.length) {
      table = {
        id: q.id,
        title: q.text,
        columns: [
          { key: "answer", label: "surveys.results.answer", format: q.type === "yes_no" ? "key" : "text" },
          { key: "count", label: "surveys.results.count", format: "number" },
        ],
        rows: labels.map(([value, label]) => ({ cells: { answer: label, count: mine.find((c) => c.v === value)?.n ?? 0 } })),
        chart: { kind: "bar", x: "answer", series: ["count"], horizontal: q.type !== "nps" && q.type !== "scale" },
      };
    }
    if (q.type === "nps") nps = npsScore(mine.flatMap((c) => Array.from({ length: c.n }, () => Number(c.v))));
    const numbers = q.type === "number" ? mine.flatMap((c) => Array.from({ length: c.n }, () => Number(c.v.replace(",", ".")))) : [];
    return {
      question: q,
      answered,
      table,
      average: numbers.length ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100 : null,
      texts: texts.filter((t) => t.q === q.id).map((t) => ({ partner: t.partner, text: t.text })),
    };
  });
  const [{ audience }] = rowsOf<{ audience: number }>(
    await db.execute(sql`select count(*)::int as audience from surveys s, users u join organisations o on o.id = u.organisation_id
      where s.id = ${survey.id} and ${segmentConditionSql()}`),
  );
  return { responses, audience, nps, questions: results };
}

/**
 * The CSV of every answer: one row per person who answered (partner, role, when, points), one
 * column per question with the answer as shown (a choice's label, not its id).
 */
export async function surveyCsvRows(db: Queryable, survey: Survey): Promise<{ header: CsvCell[]; rows: CsvCell[][] }> {
  const questions = allQuestions(survey.questionnaire);
  const rows = rowsOf<{ partner: string; role: string; submitted_at: string; points: number; answers: Record<string, { value?: string }> }>(
    await db.execute(sql`select o.name as partner, u.role::text as role, r.submitted_at, r.points_credited as points, r.answers
      from survey_responses r join organisations o on o.id = r.organisation_id join users u on u.id = r.user_id
      where r.survey_id = ${survey.id} order by o.name, r.submitted_at`),
  );
  const shown = (q: Question, value: string | undefined) =>
    value === undefined ? "" : q.type === "choice" ? (q.options?.find((o) => o.id === value)?.label ?? value) : value;
  return {
    header: ["partner", "role", "submitted_at", "points", ...questions.map((q) => q.text)],
    rows: rows.map((r) => [
      r.partner,
      r.role,
      new Date(r.submitted_at).toISOString(),
      r.points,
      ...questions.map((q) => shown(q, r.answers[q.id]?.value)),
    ]),
  };
}
