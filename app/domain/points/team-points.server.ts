import { sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import { organisations } from "@db/schema";
import type { Role, UserStatus } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { tenantScope } from "~/lib/scope.server";
import { getSettings } from "./ledger.server";
import { isId } from "~/lib/ids";
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
  type Raw = {
    org_id: string;
    org_name: string;
    /** Null while the programme's settings row is not made yet. */
    warning_days: number | null;
    /** Null on the one row of a team with nobody in it. */
    id: string | null;
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
  // The cursor is that person's id (their place is read from their row). An id of nobody in this
  // team (a stranger's, another partner's person) reads as the first page, as a malformed one does:
  // compared with no row the comparison is null, which showed an empty page saying nobody takes part.
  const after =
    page?.after && isId(page.after)
      ? sql`and coalesce(((t.status = 'deactivated')::int, lower(t.name), t.id) > (select (u2.status = 'deactivated')::int, lower(u2.name), u2.id from users u2 where u2.id = ${page.after} and u2.organisation_id = ${organisationId}), true)`
      : sql``;
  type Totals = {
    total_balance: number | string | null;
    total_earned: number | string | null;
    total_spent: number | string | null;
    total_expiring: number | string;
    people: number | string;
  };
  // One statement for the page (issue 17): the organisation through the tenant scope (no row: a
  // 404, whether it is another partner's or does not exist), the warning period, the team's
  // figures from the accounts, and the ledger looked at per person (last activity) only for the
  // people on this page. The totals are the whole team's and ride along on every row.
  // People never change organisation, so their accounts and open lots carry the organisation's id
  // and are read by its indexes; the id is given as a constant too, so the planner knows the team's
  // size (a join on the account's key alone read and hashed every participant's account).
  // "Expiring soon" reads lot_expiry_queue: the lots the expiry job has not closed (a closed lot
  // has nothing left), by (organisation, expiry), so the years of past lots are never read
  // (a sum over the ledger's lots read every past lot of 500 people, or of the whole programme).
  const raw = rowsOf<Raw & Totals>(
    await db.execute(sql`
      with org as (
        select organisations.id, organisations.name, s.expiry_warning_days as warning_days
        from organisations left join programme_settings s on s.id = 1
        where organisations.id = ${organisationId} and organisations.kind <> 'manufacturer'
          and ${tenantScope(actor, organisations.id) ?? sql`true`}
      ),
      team as (
        select u.id, u.name, u.email, u.role, u.status,
          coalesce(a.balance, 0) as balance,
          coalesce(a.earned_total, 0) as earned,
          coalesce(a.spent_total, 0) as spent
        from org
        join users u on u.organisation_id = org.id and u.organisation_id = ${organisationId}
        left join point_accounts a on a.user_id = u.id and a.organisation_id = ${organisationId}
      ),
      soon as (
        select q.user_id, sum(e.amount - coalesce((select sum(al.points) from ledger_allocations al where al.lot_entry_id = e.id), 0)) as points
        from org
        join lot_expiry_queue q on q.organisation_id = org.id and q.expires_at <= ${now.toISOString()}::timestamptz + org.warning_days * interval '1 day'
        join ledger_entries e on e.id = q.entry_id
        group by q.user_id
      ),
      totals as (
        select sum(balance) as total_balance, sum(earned) as total_earned, sum(spent) as total_spent, count(*) as people,
          (select coalesce(sum(points), 0) from soon) as total_expiring
        from team
      ),
      shown as (
        select t.* from team t
        where true ${after}
        order by (t.status = 'deactivated')::int, lower(t.name), t.id
        ${limit !== null ? sql`limit ${limit + 1}` : sql``}
      )
      select org.id as org_id, org.name as org_name, org.warning_days, p.*, totals.*
      from org cross join totals
      left join lateral (
        select t.*, coalesce(s.points, 0) as expiring,
          (select max(e.created_at) from ledger_entries e where e.user_id = t.id) as last_activity
        from shown t left join soon s on s.user_id = t.id
      ) p on true
      order by (p.status = 'deactivated')::int, lower(p.name), p.id`),
  );
  const first = raw[0];
  if (!first) return null;
  // No settings row yet (it is made on first read, with the programme's defaults): make it, once.
  if (first.warning_days === null) {
    await getSettings(db);
    return teamPoints(db, actor, organisationId, now, page);
  }
  const org = { id: first.org_id, name: first.org_name };
  const people = raw.filter((r): r is typeof r & { id: string } => r.id !== null);
  const shown = limit === null ? { rows: people, next: null } : pageOf(people, limit, (r) => r.id);
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
  const totals = {
    balance: Number(first.total_balance ?? 0),
    earned: Number(first.total_earned ?? 0),
    spent: Number(first.total_spent ?? 0),
    expiringSoon: Number(first.total_expiring ?? 0),
  };
  return { organisation: org, warningDays: first.warning_days, rows, totals, people: Number(first.people), next: shown.next };
}
