import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { organisations, users, type Organisation, type User } from "@db/schema";
import type { Actor } from "~/lib/actor";

/** The one way a user row and its organisation become the Actor that domain functions take. */
export function actorFrom(user: User, org: Organisation): Actor {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    role: user.role,
    locale: user.locale,
    organisationId: org.id,
    organisationName: org.name,
    organisationKind: org.kind,
    tier: org.tier,
    region: org.region,
  };
}

/** An Actor by email, for seeds, jobs and tests that act as a known person. */
export async function actorByEmail(db: Queryable, email: string): Promise<Actor & { email: string }> {
  const [row] = await db
    .select({ user: users, org: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  if (!row) throw new Error(`no user ${email}`);
  return { ...actorFrom(row.user, row.org), email: row.user.email ?? email };
}
