import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import { organisations } from "@db/schema";
import type { Role, UserStatus } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { tenantScope } from "~/lib/scope.server";
import { getSettings } from "./ledger.server";
import { isId } from "~/lib/ids";
import { addDays } from "~/lib/dates";
import { pageOf } from "~/lib/paging";

export type TeamPointsRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  balance: number;
  earned: number;
  spent: number;
  expiringSoon: number;
  lastActivity: Date | null;
};

/**
 * Points per person of one partner organisation, read-only: what the executive must see to
 * trust the programme. The organisation goes through the tenant scope, so a partner asking for
 * another partner gets null (a 404), exactly as for a partner that does not exist.
 *
 * "Earned" counts points earned for sales, training and prizes (not adjustments); "spent" counts
 * points redeemed in the shop; "expiring soon" is what is left of lots that expire within the
 * programme's warning period, including lots already due that the expiry job has not reached.
 */
/** People on one page of the team table: a phone's three screens, a desktop's one, not a 500-row table to render. */
export const TEAM_PAGE = 25;

/**
 * With `page`, one page of people in the table's order (`after` = the previous page's cursor,
 * keyset, `next` = this page's); the totals are always the whole team's. Without it, everyone
 * (the CSV).
 */
export async function teamPoints(
  db: Queryable,
  actor: Actor,
  organisationId: string,
  now = new Date(),
  page?: { after: string | null; limit?: number },
) {
  if (!isId(organisationId)) return null;
  const [org] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), ne(organisations.kind, "manufacturer"), tenantScope(actor, organisations.id)))
    .limit(1);
  if (!org) return null;
  const settings = await getSettings(db);
  const until = addDays(now, settings.expiryWarningDays);
  type Raw = {
    id: string;
    name: string;
    email: string;
    role: Role;
    status: UserStatus;
    balance: number | string;
    earned: number | string;
    spent: number | string;
    expiring: number | string;
    last_activity: string | Date | null;
  };
  const limit = page ? (page.limit ?? TEAM_PAGE) : null;
  // The cursor names the last person shown; the page goes on after their (deactivated, name, id).
  // The cursor is that person's id (their place is read from their row; a foreign id matches nothing).
  const after =
    page?.after && isId(page.after)
      ? sql`and ((t.status = 'deactivated')::int, lower(t.name), t.id) > (select (u2.status = 'deactivated')::int, lower(u2.name), u2.id from users u2 where u2.id = ${page.after} and u2.organisation_id = ${org.id})`
      : sql``;
  // The team's figures from the accounts; what takes a look at the ledger per person (the points
  // expiring soon, the last activity) only for the people on this page (issue 17: 500 people's
  // lookups to show 25). The totals are the whole team's, ride along on every row, and the
  // expiring total is one sum over the team's lots, so a page is still one statement.
  type Totals = {
    total_balance: number | string;
    total_earned: number | string;
    total_spent: number | string;
    total_expiring: number | string;
    people: number | string;
  };
  const expiringOf = (userIds: SQL) => sql`coalesce((
          select sum(e.amount - coalesce((select sum(al.points) from ledger_allocations al where al.lot_entry_id = e.id), 0))
          from ledger_entries e
          where e.user_id in (${userIds}) and e.amount > 0 and e.expires_at <= ${until.toISOString()}
        ), 0)`;
  const raw = rowsOf<Raw & Totals>(
    await db.execute(sql`
      with team as (
        select u.id, u.name, u.email, u.role, u.status,
          coalesce(a.balance, 0) as balance,
          coalesce(a.earned_total, 0) as earned,
          coalesce(a.spent_total, 0) as spent
        from users u
        left join point_accounts a on a.user_id = u.id
        where u.organisation_id = ${org.id}
      ),
      totals as (
        select sum(balance) as total_balance, sum(earned) as total_earned, sum(spent) as total_spent, count(*) as people,
          ${expiringOf(sql`select id from team`)} as total_expiring
        from team
      ),
      shown as (
        select t.* from team t
        where true ${after}
        order by (t.status = 'deactivated')::int, lower(t.name), t.id
        ${limit !== null ? sql`limit ${limit + 1}` : sql``}
      )
      select t.*, ${expiringOf(sql`t.id`)} as expiring,
        (select max(e.created_at) from ledger_entries e where e.user_id = t.id) as last_activity,
        totals.*
      from shown t cross join totals
      order by (t.status = 'deactivated')::int, lower(t.name), t.id`),
  );
  const shown = limit === null ? { rows: raw, next: null } : pageOf(raw, limit, (r) => r.id);
  const rows: TeamPointsRow[] = shown.rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    status: r.status,
    balance: Number(r.balance),
    earned: Number(r.earned),
    spent: Number(r.spent),
    expiringSoon: Number(r.expiring),
    lastActivity: r.last_activity ? new Date(r.last_activity) : null,
  }));
  const first = raw[0];
  const totals = {
    balance: Number(first?.total_balance ?? 0),
    earned: Number(first?.total_earned ?? 0),
    spent: Number(first?.total_spent ?? 0),
    expiringSoon: Number(first?.total_expiring ?? 0),
  };
  return { organisation: org, warningDays: settings.expiryWarningDays, rows, totals, people: Number(first?.people ?? 0), next: shown.next };
}
