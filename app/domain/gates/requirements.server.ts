import { type SQL, and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable } from "@db/client";
import { certificates, contests, courses, rewards, trainingRequirements, type GatedSubject } from "@db/schema";
import { TIERS } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import type { RequirementInput } from "./forms";

/**
 * Training gates (issue 14): a contest, a reward or a tier may require courses. A person meets a
 * requirement while they hold a certificate of the course that has not expired (passing the
 * course's quiz issues or renews it). Requirements are programme-wide rows; for a tier, the tier
 * review (app/domain/tiers/tiers.server.ts, measurePartners) counts as certified the people who hold
 * every course the tier requires.
 */

export type RequiredCourse = { courseId: string; title: string };

/** The courses each subject requires, by subject id. */
export async function requirementsFor(
  db: Queryable,
  subjectType: GatedSubject,
  subjectIds: string[],
): Promise<Map<string, RequiredCourse[]>> {
  const out = new Map<string, RequiredCourse[]>();
  if (!subjectIds.length) return out;
  const rows = await db
    .select({ subjectId: trainingRequirements.subjectId, courseId: courses.id, title: courses.title })
    .from(trainingRequirements)
    .innerJoin(courses, eq(courses.id, trainingRequirements.courseId))
    .where(and(eq(trainingRequirements.subjectType, subjectType), inArray(trainingRequirements.subjectId, subjectIds)))
    .orderBy(asc(courses.title));
  for (const r of rows) out.set(r.subjectId, [...(out.get(r.subjectId) ?? []), { courseId: r.courseId, title: r.title }]);
  return out;
}

/** A requirement is unmet while the person holds no unexpired certificate of the course. */
function uncertified(userId: string, courseId: SQL | typeof trainingRequirements.courseId): SQL {
  return sql`not exists (select 1 from ${certificates} c where c.user_id = ${userId} and c.course_id = ${courseId} and c.expires_at > now())`;
}

/**
 * The same as missingCourses for one subject, as a JSON column of a page's own statement (the
 * contest page is held to 5 statements): `[{ courseId, title }]`, by title.
 */
export function missingCoursesColumn(subjectType: GatedSubject, subjectId: SQL, userId: string): SQL<RequiredCourse[] | string> {
  return sql<
    RequiredCourse[] | string
  >`(select coalesce(json_agg(json_build_object('courseId', rc.id, 'title', rc.title) order by rc.title), '[]'::json)
    from ${trainingRequirements} tr join ${courses} rc on rc.id = tr.course_id
    where tr.subject_type = ${subjectType} and tr.subject_id = ${subjectId} and ${uncertified(userId, sql`tr.course_id`)})`;
}

/**
 * The required courses a person has not completed (no certificate, or an expired one), per subject,
 * in one statement. Subjects with nothing missing are absent.
 */
export async function missingCourses(
  db: Queryable,
  userId: string,
  subjectType: GatedSubject,
  subjectIds: string[],
): Promise<Map<string, RequiredCourse[]>> {
  const out = new Map<string, RequiredCourse[]>();
  if (!subjectIds.length) return out;
  const rows = await db
    .select({ subjectId: trainingRequirements.subjectId, courseId: courses.id, title: courses.title })
    .from(trainingRequirements)
    .innerJoin(courses, eq(courses.id, trainingRequirements.courseId))
    .where(
      and(
        eq(trainingRequirements.subjectType, subjectType),
        inArray(trainingRequirements.subjectId, subjectIds),
        uncertified(userId, trainingRequirements.courseId),
      ),
    )
    .orderBy(asc(courses.title));
  for (const r of rows) out.set(r.subjectId, [...(out.get(r.subjectId) ?? []), { courseId: r.courseId, title: r.title }]);
  return out;
}

/**
 * Refuses (403, naming the courses) when the person lacks a course one of the subjects requires.
 * The message is the one the page shows next to the course links.
 */
export async function requireCourses(db: Queryable, userId: string, subjectType: GatedSubject, subjectIds: string[]): Promise<void> {
  const missing = await missingCourses(db, userId, subjectType, [...new Set(subjectIds)]);
  const titles = [...new Set([...missing.values()].flat().map((c) => c.title))];
  if (titles.length) throw new UserError(`gates.errors.locked_${subjectType}`, undefined, { courses: titles.join(", ") }, 403);
}

/** Every requirement with what it gates, named for the management page. */
export async function listRequirements(db: Queryable) {
  return db
    .select({
      subjectType: trainingRequirements.subjectType,
      subjectId: trainingRequirements.subjectId,
      courseId: trainingRequirements.courseId,
      courseTitle: courses.title,
      subjectName: sql<string | null>`case ${trainingRequirements.subjectType}
        when 'contest' then (select ${contests.name} from ${contests} where ${contests.id}::text = ${trainingRequirements.subjectId})
        when 'reward' then (select ${rewards.name} from ${rewards} where ${rewards.id}::text = ${trainingRequirements.subjectId})
        else null end`,
      createdAt: trainingRequirements.createdAt,
    })
    .from(trainingRequirements)
    .innerJoin(courses, eq(courses.id, trainingRequirements.courseId))
    .orderBy(asc(trainingRequirements.subjectType), asc(trainingRequirements.subjectId), asc(courses.title));
}

/** What can be gated and by which courses: the management form's choices. */
export async function requirementChoices(db: Queryable) {
  const [contestRows, rewardRows, courseRows] = await Promise.all([
    db.select({ id: contests.id, name: contests.name }).from(contests).where(sql`${contests.closedAt} is null`).orderBy(asc(contests.name)),
    db.select({ id: rewards.id, name: rewards.name }).from(rewards).where(eq(rewards.active, true)).orderBy(asc(rewards.name)),
    db.select({ id: courses.id, title: courses.title }).from(courses).where(eq(courses.status, "published")).orderBy(asc(courses.title)),
  ]);
  return { contests: contestRows, rewards: rewardRows, courses: courseRows, tiers: [...TIERS] };
}

/** Requires a course for a subject (the subject and the published course must exist); audited. Twice is once. */
export async function addRequirement(db: Db, actor: Actor, input: RequirementInput) {
  return db.transaction(async (tx) => {
    const [course] = await tx
      .select({ id: courses.id, title: courses.title })
      .from(courses)
      .where(and(eq(courses.id, input.courseId), eq(courses.status, "published")));
    if (!course) throw new UserError("gates.errors.course", "courseId");
    const exists =
      input.subjectType === "tier"
        ? true
        : input.subjectType === "contest"
          ? (await tx.select({ id: contests.id }).from(contests).where(eq(contests.id, input.subjectId))).length > 0
          : (await tx.select({ id: rewards.id }).from(rewards).where(eq(rewards.id, input.subjectId))).length > 0;
    if (!exists) throw new UserError("errors.invalid", "subjectId");
    const inserted = await tx
      .insert(trainingRequirements)
      .values({ subjectType: input.subjectType, subjectId: input.subjectId, courseId: input.courseId, createdBy: actor.id })
      .onConflictDoNothing()
      .returning();
    if (inserted.length)
      await recordAudit(tx, {
        actor,
        action: "training.requirement_added",
        entityType: input.subjectType,
        entityId: input.subjectId,
        details: { courseId: course.id, course: course.title },
      });
  });
}

/** Lifts a requirement; audited. One that is not there is a 404. */
export async function removeRequirement(db: Db, actor: Actor, input: RequirementInput) {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(trainingRequirements)
      .where(
        and(
          eq(trainingRequirements.subjectType, input.subjectType),
          eq(trainingRequirements.subjectId, input.subjectId),
          eq(trainingRequirements.courseId, input.courseId),
        ),
      )
      .returning();
    if (!removed.length) throw new UserError("common.not_found", undefined, undefined, 404);
    await recordAudit(tx, {
      actor,
      action: "training.requirement_removed",
      entityType: input.subjectType,
      entityId: input.subjectId,
      details: { courseId: input.courseId },
    });
  });
}
