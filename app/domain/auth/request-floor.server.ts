import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "@db/client";
import { preparedQuery } from "@db/prepared";
import { cartItems, claims, communicationSettings, notifications, organisations, regionTimeZones, sessions, users } from "@db/schema";
import { ROLES, type Role } from "@db/schema/enums";
import { navFor } from "~/lib/navigation";
import { can } from "~/lib/permissions";

/**
 * The request floor: what every signed-in page needs before its own queries (the session, the
 * person and their organisation, and the badges in the shell) in ONE statement. docs/performance.md
 * explains why: each statement is a round trip to PostgreSQL, and these ran on every page.
 */

/**
 * Which badges a person's bar shows: units in the cart on "Shop" (when the bar has the shop) and
 * claims waiting on "Review" (manufacturer staff who review claims). The permissions decide, in
 * TypeScript; the request floor turns the same answers into role lists for SQL.
 */
export function shellBadges(role: Role, manufacturer: boolean) {
  return {
    cart: navFor(role, manufacturer).some((n) => n.to === "/shop"),
    waiting: manufacturer && can(role, "claims.review"),
  };
}

// Fixed by the permissions, so worked out once when the module loads (four short lists): built
// per request it ran ~1,200 permission checks (every role's navigation, twice per badge) on
// every signed-in page.
const listOf = (badge: "cart" | "waiting", manufacturer: boolean) => ROLES.filter((r) => shellBadges(r, manufacturer)[badge]);
const ROLE_LISTS = {
  cart: { partner: listOf("cart", false), manufacturer: listOf("cart", true) },
  waiting: { partner: listOf("waiting", false), manufacturer: listOf("waiting", true) },
};
const rolesWith = (badge: "cart" | "waiting", manufacturer: boolean): readonly Role[] =>
  ROLE_LISTS[badge][manufacturer ? "manufacturer" : "partner"];

/** SQL true when the person (role, organisation kind) has `badge` on their bar. */
function showsBadge(badge: "cart" | "waiting", role: AnyPgColumn | SQL, kind: AnyPgColumn | SQL): SQL {
  const list = (roles: readonly Role[]) =>
    roles.length
      ? sql.join(
          roles.map((r) => sql`${r}`),
          sql`, `,
        )
      : sql`null`;
  return sql`((${kind} = 'manufacturer' and ${role}::text in (${list(rolesWith(badge, true))}))
    or (${kind} <> 'manufacturer' and ${role}::text in (${list(rolesWith(badge, false))})))`;
}

/**
 * The shell's badge counts, one scalar subquery each over the signed-in person's id: unread
 * notices on the bell, units in the cart, claims waiting in the review queue (the whole queue, as
 * the queue page counts it). A count the person's bar does not show is null and not computed.
 * To add a badge: add a column here (and to ShellCounts); loadRequestFloor and shellCounts both
 * pick it up, and the shell loader gets it from `context.counts`.
 */
function shellCountColumns(userId: AnyPgColumn | SQL, show: { cart: SQL | boolean; waiting: SQL | boolean }) {
  const when = (cond: SQL | boolean, count: SQL<number>): SQL<number | null> =>
    cond === false ? sql<number | null>`null::int` : cond === true ? count : sql<number | null>`(case when ${cond} then ${count} end)`;
  return {
    unread: sql<number>`(select count(*)::int from ${notifications} where ${and(eq(notifications.userId, userId), isNull(notifications.readAt))})`,
    cart: when(
      show.cart,
      sql<number>`(select coalesce(sum(${cartItems.quantity}), 0)::int from ${cartItems} where ${eq(cartItems.userId, userId)})`,
    ),
    waiting: when(show.waiting, sql<number>`(select count(*)::int from ${claims} where ${claims.status} = 'in_review')`),
  };
}

export type ShellCounts = { unread: number; cart: number | null; waiting: number | null };

/** The shell's counts on their own (after an action changed them, or without a session lookup). */
export async function shellCounts(db: Queryable, userId: string, show: { cart: boolean; waiting: boolean }): Promise<ShellCounts> {
  const [row] = await db.select(shellCountColumns(sql`${userId}::uuid`, show)).from(sql`(select 1) as one`);
  return { unread: row?.unread ?? 0, cart: row?.cart ?? null, waiting: row?.waiting ?? null };
}

/**
 * The session row with its person and organisation, and, when `withCounts`, the shell's counts:
 * one statement, built once per database handle (it is the widest statement a page runs, and
 * every signed-in page runs it). Null when the session id is unknown.
 */
export async function loadRequestFloor(db: Queryable, sessionId: string, withCounts: boolean) {
  const [row] = await (withCounts ? floorWithCounts : floorAlone)(db, { sessionId });
  if (!row) return null;
  return { ...row, counts: (row as { counts?: ShellCounts }).counts ?? null };
}

const floorQuery = (withCounts: boolean) =>
  preparedQuery((db: Queryable) =>
    db
      .select({
        session: sessions,
        user: users,
        organisation: organisations,
        // The person's time zone (their choice, else their organisation's region's): every page shows dates in it.
        timeZone: sql<string>`coalesce(
        (select ${communicationSettings.timeZone} from ${communicationSettings} where ${communicationSettings.userId} = ${users.id}),
        (select ${regionTimeZones.timeZone} from ${regionTimeZones} where ${regionTimeZones.region} = ${organisations.region}),
        'UTC')`,
        ...(withCounts
          ? {
              counts: shellCountColumns(users.id, {
                cart: showsBadge("cart", users.role, organisations.kind),
                waiting: showsBadge("waiting", users.role, organisations.kind),
              }),
            }
          : {}),
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(sessions.id, sql.placeholder("sessionId")))
      .limit(1),
  );
const floorWithCounts = floorQuery(true);
const floorAlone = floorQuery(false);
