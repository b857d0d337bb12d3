import { asc, eq, sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import { certificates, courses } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { isId } from "~/lib/ids";
import { ownerScope } from "~/lib/scope.server";
import { contentLocale, translatedText } from "~/domain/content/translations.server";

export async function listCertificatesOf(db: Queryable, userId: string) {
  return db
    .select({
      id: certificates.id,
      number: certificates.number,
      courseId: courses.id,
      title: courses.title,
      issuedAt: certificates.issuedAt,
      expiresAt: certificates.expiresAt,
    })
    .from(certificates)
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .where(eq(certificates.userId, userId))
    .orderBy(asc(certificates.expiresAt));
}

/**
 * A certificate the actor may see (the "training" visibility rule: their own; for partner
 * executives and managers, anyone's in their organisation; for manufacturer staff, any), or null.
 */
export async function getCertificate(db: Queryable, actor: Actor, id: string) {
  if (!isId(id)) return null;
  const seen = ownerScope(actor, "training", { organisation: sql`c.organisation_id`, owner: sql`c.user_id` });
  const rows = rowsOf<{
    id: string;
    number: string;
    issued_at: string | Date;
    expires_at: string | Date;
    title: string;
    certificate_months: number;
    holder: string;
    organisation: string;
    user_id: string;
  }>(
    await db.execute(sql`
      select c.id, c.number, c.issued_at, c.expires_at, ${translatedText("course", sql`co.id`, "title", contentLocale(actor), sql`co.title`)} as title, co.certificate_months, u.name as holder, o.name as organisation, c.user_id
      from certificates c join courses co on co.id = c.course_id join users u on u.id = c.user_id join organisations o on o.id = c.organisation_id
      where c.id = ${id} and ${seen ?? sql`true`}`),
  );
  const row = rows[0];
  if (!row) return null;
  return { ...row, issued_at: new Date(row.issued_at), expires_at: new Date(row.expires_at) };
}
