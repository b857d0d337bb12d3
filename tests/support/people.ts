import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organisations, users } from "../../db/schema";
import type { Locale, Role } from "../../db/schema/enums";
import type { Actor } from "../../app/lib/actor";
import { hashPassword } from "../../app/lib/password.server";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { actorFor } from "./portal";

let demoHash: Promise<string> | undefined;

/**
 * A person of their own for one test, in a seeded partner organisation, signing in with the demo
 * password: a test that uses one leaves nothing behind that another test depends on, so tests
 * pass in any order. The email says which test made them, to read failures.
 */
export async function freshPerson(
  opts: { org?: string; role?: Role; locale?: Locale; tag?: string } = {},
): Promise<Actor & { email: string }> {
  const db = await getDb();
  const [org] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.name, opts.org ?? "Northfield Building Supplies"));
  if (!org) throw new Error(`no organisation named ${opts.org}`);
  demoHash ??= hashPassword(DEMO_PASSWORD);
  const email = `${opts.tag ?? "fresh"}-${randomUUID().slice(0, 8)}@${org.name.split(" ")[0].toLowerCase()}.example`;
  await db.insert(users).values({
    organisationId: org.id,
    email,
    name: `Fresh ${email.split("@")[0]}`,
    role: opts.role ?? "salesperson",
    status: "active",
    passwordHash: await demoHash,
    locale: opts.locale ?? null,
  });
  return actorFor(email);
}
