import { sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import type { Actor } from "~/lib/actor";
import { ownerScope } from "~/lib/scope.server";
import { isId } from "~/lib/ids";

export type TeamMember = {
  userId: string;
  name: string;
  role: string;
  organisation: string;
  assigned: number;
  assignedPassed: number;
  coursesPassed: number;
  webinarsAttended: number;
  trainingPoints: number;
  certificates: Array<{ id: string; title: string; expiresAt: string }>;
};

/**
 * Training per person of the actor's organisation (manufacturer staff: every partner, or one):
 * assigned courses passed, all courses passed, webinars attended, points from training and each
 * certificate with its expiry. Partner leads are scoped to their own organisation in the SQL.
 */
export async function teamTraining(db: Queryable, actor: Actor, organisationId?: string | null): Promise<TeamMember[]> {
  // Whose people: the "training" visibility rule; those who see every partner may pick one.
  const seen = ownerScope(actor, "training", { organisation: sql`u.organisation_id`, owner: sql`u.id` });
  const scope = seen ? sql`and ${seen}` : organisationId && isId(organisationId) ? sql`and u.organisation_id = ${organisationId}` : sql``;
  const rows = rowsOf<{
    user_id: string;
    name: string;
    role: string;
    organisation: string;
    assigned: number;
    assigned_passed: number;
    courses_passed: number;
    webinars_attended: number;
    training_points: number;
    certificates: Array<{ id: string; title: string; expiresAt: string }> | string | null;
  }>(
    await db.execute(sql`
      select u.id as user_id, u.name, u.role::text as role, o.name as organisation,
        (select count(*)::int from courses c where c.status = 'published' and u.role = any(c.target_roles)) as assigned,
        (select count(*)::int from certificates ce join courses c on c.id = ce.course_id
           where ce.user_id = u.id and c.status = 'published' and u.role = any(c.target_roles)) as assigned_passed,
        (select count(*)::int from certificates ce where ce.user_id = u.id) as courses_passed,
        (select count(*)::int from webinar_attendance a where a.user_id = u.id) as webinars_attended,
        (select coalesce(sum(e.amount), 0)::int from ledger_entries e
           where e.user_id = u.id and e.kind = 'earn' and e.source_type in ('course', 'webinar')) as training_points,
        (select coalesce(json_agg(json_build_object('id', ce.id, 'title', c.title, 'expiresAt', ce.expires_at) order by ce.expires_at), '[]'::json)
           from certificates ce join courses c on c.id = ce.course_id where ce.user_id = u.id) as certificates
      from users u join organisations o on o.id = u.organisation_id
      where o.kind <> 'manufacturer' and u.status <> 'deactivated' ${scope}
      order by o.name, u.name`),
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    role: r.role,
    organisation: r.organisation,
    assigned: r.assigned,
    assignedPassed: r.assigned_passed,
    coursesPassed: r.courses_passed,
    webinarsAttended: r.webinars_attended,
    trainingPoints: r.training_points,
    certificates: (typeof r.certificates === "string" ? JSON.parse(r.certificates) : (r.certificates ?? [])) as TeamMember["certificates"],
  }));
}

/** The trainer's funnel per course: who started, who attempted, who passed, how many attempts failed. */
export async function courseFunnels(db: Queryable) {
  const rows = rowsOf<{ id: string; title: string; status: string; points: number; started: number; attempted: number; passed: number; failed_attempts: number; certified: number }>(
    await db.execute(sql`
      select c.id, c.title, c.status, c.points,
        (select count(distinct x.user_id)::int from (
            select user_id from lesson_progress where course_id = c.id
            union select user_id from quiz_attempts where course_id = c.id) x) as started,
        (select count(distinct user_id)::int from quiz_attempts where course_id = c.id and submitted_at is not null) as attempted,
        (select count(distinct user_id)::int from quiz_attempts where course_id = c.id and passed) as passed,
        (select count(*)::int from quiz_attempts where course_id = c.id and passed = false) as failed_attempts,
        (select count(*)::int from certificates where course_id = c.id and expires_at > now()) as certified
      from courses c
      order by c.status = 'archived', c.title`),
  );
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, points: r.points, started: r.started, attempted: r.attempted, passed: r.passed, failedAttempts: r.failed_attempts, certified: r.certified }));
}
