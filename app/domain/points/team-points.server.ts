import { and, eq, ne, sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@db/client";
import { organisations } from "@db/schema";
import type { Role, UserStatus } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { tenantScope } from "~/lib/scope.server";
import { getSettings } from "./ledger.server";
import { isId } from "~/lib/ids";
import { addDays } from "~/lib/dates";

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
export async function teamPoints(db: Queryable, actor: Actor, organisationId: string, now = new Date()) {
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
  const raw = rowsOf<Raw>(
    await db.execute(sql`
      select u.id, u.name, u.email, u.role, u.status,
        coalesce(a.balance, 0) as balance,
        coalesce(a.earned_total, 0) as earned,
        coalesce(a.spent_total, 0) as spent,
        coalesce((
          select sum(e.amount - coalesce((select sum(al.points) from ledger_allocations al where al.lot_entry_id = e.id), 0))
          from ledger_entries e
          where e.user_id = u.id and e.amount > 0 and e.expires_at <= ${until.toISOString()}
        ), 0) as expiring,
        (select max(e.created_at) from ledger_entries e where e.user_id = u.id) as last_activity
      from users u
      left join point_accounts a on a.user_id = u.id
      where u.organisation_id = ${org.id}
      order by u.status = 'deactivated', lower(u.name)`),
  );
  const rows: TeamPointsRow[] = raw.map((r) => ({
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
  const totals = rows.reduce(
    (t, r) => ({
      balance: t.balance + r.balance,
      earned: t.earned + r.earned,
      spent: t.spent + r.spent,
      expiringSoon: t.expiringSoon + r.expiringSoon,
    }),
    {
      balance: 0,
      earned: 0,
      spent: 0,
      expiringSoon: 0,
    },
  );
  return { organisation: org, warningDays: settings.expiryWarningDays, rows, totals };
}
