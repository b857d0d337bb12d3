import { and, desc, eq, sql } from "drizzle-orm";
import { type Db, rowsOf, type Queryable } from "@db/client";
import { surveyResponses, surveys, type Survey } from "@db/schema";
import type { Segment } from "@db/schema/communication";
import type { z } from "zod";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { endOfDayExclusive, startOfDay } from "~/lib/dates";
import { UserError, notFoundError } from "~/lib/errors";
import { FormInvalid } from "~/lib/forms.server";
import type { FieldErrors } from "~/lib/form-types";
import { EMPTY_SEGMENT, segmentCondition } from "../communication/segments.server";
import { notify } from "../notifications/notify.server";
import { creditPoints } from "../points/ledger.server";
import { type Answers, allQuestions, answerProblem, parseQuestionnaireText, type QuestionType } from "../questionnaires/model";
import type { surveySchema } from "./forms";

/** A survey asks with every type of the shared builder but photos (no upload store for surveys), plus NPS. */
export const SURVEY_TYPES: readonly QuestionType[] = ["yes_no", "scale", "choice", "number", "text", "nps"];

/** Free text may stay empty ("anything else?"); every other question needs its answer for the answer to be complete. */
const OPTIONAL_TYPES: readonly QuestionType[] = ["text"];

export type SurveyInput = z.infer<typeof surveySchema>;

function questionnaireOf(text: string) {
  const parsed = parseQuestionnaireText(text, { types: SURVEY_TYPES, scoring: false, keyPrefix: "surveys.editor" });
  if (!parsed.ok) {
    const p = parsed.problems[0];
    throw new UserError(p.key, "questionnaire", { ...(p.vars ?? {}), line: p.line });
  }
  if (allQuestions(parsed.questionnaire).filter((q) => q.type === "nps").length > 1)
    throw new UserError("surveys.editor.one_nps", "questionnaire", { line: 1 });
  return parsed.questionnaire;
}

/**
 * Publishes a survey: the row, its audit entry and a notice to everyone in its audience (inbox,
 * and a text message for those who chose surveys by SMS), in one transaction.
 */
export async function createSurvey(db: Db, actor: Actor, input: SurveyInput): Promise<string> {
  const questionnaire = questionnaireOf(input.questionnaire);
  const segment: Segment = { ...EMPTY_SEGMENT, roles: input.roles, tiers: input.tiers };
  const opensAt = startOfDay(input.opensOn);
  const closesAt = endOfDayExclusive(input.closesOn);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(surveys)
      .values({
        title: input.title,
        intro: input.intro,
        questionnaire,
        segment,
        opensAt,
        closesAt,
        points: input.points,
        status: "published",
        authorId: actor.id,
        publishedAt: new Date(),
      })
      .returning({ id: surveys.id });
    await recordAudit(tx, {
      actor,
      action: "survey.publish",
      entityType: "survey",
      entityId: row.id,
      details: {
        title: input.title,
        points: input.points,
        roles: input.roles,
        tiers: input.tiers,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
      },
    });
    const audience = rowsOf<{ id: string }>(
      await tx.execute(
        sql`select u.id from users u join organisations o on o.id = u.organisation_id where ${segmentCondition(segment, null)}`,
      ),
    );
    for (const person of audience)
      await notify(tx, {
        userId: person.id,
        topic: "surveys",
        titleKey: input.points > 0 ? "surveys.notice.title_points" : "surveys.notice.title",
        bodyKey: "surveys.notice.body",
        vars: { title: input.title, points: input.points, closes: input.closesOn },
        link: `/surveys/${row.id}`,
      });
    return row.id;
  });
}

export async function listSurveys(db: Queryable) {
  return db
    .select({
      id: surveys.id,
      title: surveys.title,
      opensAt: surveys.opensAt,
      closesAt: surveys.closesAt,
      points: surveys.points,
      responses: sql<number>`(select count(*)::int from survey_responses r where r.survey_id = ${surveys.id})`,
    })
    .from(surveys)
    .orderBy(desc(surveys.createdAt))
    .limit(200);
}

/** Surveys open now for a participant, with whether they answered. */
export async function openSurveysFor(db: Queryable, actor: Actor) {
  const rows = rowsOf<{ id: string; title: string; points: number; closes_at: string; answered: boolean }>(
    await db.execute(sql`select s.id, s.title, s.points, s.closes_at,
        exists (select 1 from survey_responses r where r.survey_id = s.id and r.user_id = ${actor.id}) as answered
      from surveys s
      where s.status = 'published' and s.opens_at <= now() and s.closes_at > now()
        and exists (select 1 from users u join organisations o on o.id = u.organisation_id
          where u.id = ${actor.id} and ${segmentConditionSql()})
      order by s.closes_at limit 50`),
  );
  return rows.map((r) => ({ id: r.id, title: r.title, points: r.points, closesAt: new Date(r.closes_at), answered: r.answered }));
}

/**
 * Whether person `u` (organisation `o`) is in survey `s`'s audience, with the segment read from
 * `s.segment`: the same "any of each list, lists combined, empty = no limit" rule and the same
 * active-participant conditions as segmentCondition (which picks the audience when publishing),
 * for the lists a survey sets.
 */
export function segmentConditionSql() {
  const anyOf = (field: string, value: ReturnType<typeof sql>) =>
    sql`(jsonb_array_length(coalesce(s.segment->${field}, '[]'::jsonb)) = 0 or ${value} in (select jsonb_array_elements_text(s.segment->${field})))`;
  return sql`u.status = 'active' and u.erased_at is null and o.active and o.kind <> 'manufacturer'
    and ${anyOf("roles", sql`u.role::text`)} and ${anyOf("tiers", sql`o.tier::text`)}
    and ${anyOf("regions", sql`o.region`)} and ${anyOf("organisationIds", sql`o.id::text`)}`;
}

/** A survey as its participant sees it: null when it is not published to them (not found, like another partner's row). */
export async function surveyForParticipant(db: Queryable, actor: Actor, surveyId: string) {
  const [survey] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.id, surveyId), eq(surveys.status, "published")));
  if (!survey) return null;
  const [member] = rowsOf<{ ok: boolean }>(
    await db.execute(sql`select exists (select 1 from surveys s, users u join organisations o on o.id = u.organisation_id
      where s.id = ${surveyId} and u.id = ${actor.id} and ${segmentConditionSql()}) as ok`),
  );
  if (!member?.ok) return null;
  const [response] = await db
    .select({ submittedAt: surveyResponses.submittedAt, pointsCredited: surveyResponses.pointsCredited })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.userId, actor.id)));
  const now = Date.now();
  const phase = now < survey.opensAt.getTime() ? "not_open" : now >= survey.closesAt.getTime() ? "closed" : "open";
  return { survey, response: response ?? null, phase } as const;
}

export async function getSurvey(db: Queryable, surveyId: string): Promise<Survey | null> {
  const [survey] = await db.select().from(surveys).where(eq(surveys.id, surveyId));
  return survey ?? null;
}

/** Reads the typed answers against the survey's questions: every problem per field, or the answers. */
export function readAnswers(survey: Pick<Survey, "questionnaire">, formData: FormData): { answers: Answers; nps: number | null } {
  const errors: FieldErrors = {};
  const answers: Answers = {};
  let nps: number | null = null;
  for (const q of allQuestions(survey.questionnaire)) {
    const raw = formData.get(`a.${q.id}`);
    const value = typeof raw === "string" ? raw.trim() : "";
    const field = `a.${q.id}`;
    if (value.includes("\u0000")) {
      errors[field] = [{ key: "errors.invalid" }];
      continue;
    }
    if (value === "") {
      if (!OPTIONAL_TYPES.includes(q.type)) errors[field] = [{ key: "surveys.errors.answer" }];
      continue;
    }
    const problem = answerProblem(q, value);
    if (problem) {
      errors[field] = [
        { key: problem === "too_long" ? "errors.too_long" : problem === "number" ? "surveys.errors.number" : "surveys.errors.choose" },
      ];
      continue;
    }
    answers[q.id] = { value };
    if (q.type === "nps") nps = Number(value);
  }
  if (Object.keys(errors).length) throw new FormInvalid(errors);
  return { answers, nps };
}

export type SubmitResult = { points: number };

/**
 * Records a participant's answer, once: the unique (survey, person) key decides between racing
 * submits (the loser inserts nothing and is told it already answered), and the points go through
 * the ledger in the same transaction with the survey as source, whose own unique key credits
 * them once per person whatever happens.
 */
export async function submitResponse(db: Db, actor: Actor, surveyId: string, formData: FormData): Promise<SubmitResult> {
  const found = await surveyForParticipant(db, actor, surveyId);
  if (!found) throw notFoundError();
  const { survey } = found;
  if (found.response) throw new UserError("surveys.errors.already_answered", undefined, undefined, 409);
  if (found.phase !== "open") throw new UserError(`surveys.errors.${found.phase}`, undefined, undefined, 409);
  const { answers, nps } = readAnswers(survey, formData);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(surveyResponses)
      .values({ surveyId, userId: actor.id, organisationId: actor.organisationId, answers, nps })
      .onConflictDoNothing()
      .returning({ id: surveyResponses.id });
    if (!row) throw new UserError("surveys.errors.already_answered", undefined, undefined, 409);
    let points = 0;
    if (survey.points > 0) {
      const credit = await creditPoints(tx, {
        kind: "earn",
        userId: actor.id,
        organisationId: actor.organisationId,
        sourceType: "survey",
        sourceId: surveyId,
        amount: survey.points,
        applyCap: true,
        descriptionKey: "surveys.ledger.answered",
        descriptionVars: { title: survey.title },
      });
      points = credit.credited;
      if (points > 0) await tx.update(surveyResponses).set({ pointsCredited: points }).where(eq(surveyResponses.id, row.id));
    }
    await recordAudit(tx, {
      actor,
      action: "survey.answer",
      entityType: "survey",
      entityId: surveyId,
      organisationId: actor.organisationId,
      details: { points },
    });
    return { points };
  });
}
