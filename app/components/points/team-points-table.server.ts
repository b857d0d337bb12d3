import { esc } from "~/components/reports/sections.server";
import { holdBack } from "~/components/server-markup";
import type { AppLoadContext } from "react-router";
import { getDb } from "@db/client";
import { timeZoneOf } from "~/domain/communication/settings.server";
import { type TeamPointsRow, teamPoints } from "~/domain/points/team-points.server";
import { createFormatter } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { createTranslator, type Translate } from "~/i18n/translate";
import { orNotFound } from "~/lib/access.server";
import type { Actor } from "~/lib/actor";
import { readCursor, withParam } from "~/lib/paging";

type Format = ReturnType<typeof createFormatter>;

/**
 * The team points table written as HTML on the server, once per request, and not hydrated:
 * nothing in it is interactive (issue 17). Rendered with React, its 25 rows of seven cells were
 * the page's largest render, and their data was encoded a second time for the browser to hydrate
 * from. The markup is the one `Table` (app/components/ui.tsx) writes, cell labels for the phone's
 * cards included; every value from the database is escaped with `esc`.
 */
export function teamTableHtml(
  rows: Omit<TeamPointsRow, "email">[],
  totals: { balance: number; earned: number; spent: number; expiringSoon: number },
  warningDays: number,
  t: Translate,
  f: Format,
): string {
  const head = [
    t("team_points.col.person"),
    t("team_points.col.balance"),
    t("team_points.col.earned"),
    t("team_points.col.spent"),
    t("team_points.col.expiring", { count: warningDays }),
    t("team_points.col.last_activity"),
  ].map(esc);
  const num = "px-3 py-2 text-right tabular-nums";
  const out: string[] = [
    '<div class="responsive-table md:overflow-x-auto" tabindex="0"><table class="min-w-full text-sm md:divide-y md:divide-slate-200"><thead><tr>',
  ];
  for (const h of head) out.push(`<th scope="col" class="px-3 py-2 text-left font-medium text-slate-600">${h}</th>`);
  out.push('</tr></thead><tbody class="md:divide-y md:divide-slate-100">');
  for (const r of rows) {
    const badge =
      r.status === "active"
        ? ""
        : ` <span class="inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${r.status === "invited" ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-700"}">${esc(t(`people.status.${r.status}`))}</span>`;
    out.push(
      `<tr class="${r.status === "deactivated" ? "text-slate-500" : ""}">`,
      `<td class="px-3 py-2" data-label="${head[0]}"><span class="block font-medium">${esc(r.name)}</span><span class="text-xs text-slate-500">${esc(t(`role.${r.role}`))}${badge}</span></td>`,
      `<td class="${num} font-semibold" data-label="${head[1]}">${esc(f.points(r.balance))}</td>`,
      `<td class="${num}" data-label="${head[2]}">${esc(f.points(r.earned))}</td>`,
      `<td class="${num}" data-label="${head[3]}">${esc(f.points(r.spent))}</td>`,
      `<td class="${num} ${r.expiringSoon > 0 ? "text-amber-800" : ""}" data-label="${head[4]}">${esc(f.points(r.expiringSoon))}</td>`,
      `<td class="px-3 py-2 whitespace-nowrap" data-label="${head[5]}">${r.lastActivity ? esc(f.date(r.lastActivity)) : "—"}</td></tr>`,
    );
  }
  out.push(
    '<tr class="border-t-2 border-slate-300 font-semibold">',
    `<td class="px-3 py-2" data-label="">${esc(t("team_points.total"))}</td>`,
    `<td class="${num}" data-label="${head[1]}">${esc(f.points(totals.balance))}</td>`,
    `<td class="${num}" data-label="${head[2]}">${esc(f.points(totals.earned))}</td>`,
    `<td class="${num}" data-label="${head[3]}">${esc(f.points(totals.spent))}</td>`,
    `<td class="${num}" data-label="${head[4]}">${esc(f.points(totals.expiringSoon))}</td>`,
    `<td data-label="${head[5]}"></td></tr></tbody></table></div>`,
  );
  return out.join("");
}

/**
 * The loader data of a team points page (the executive's own and a partner's for the channel
 * team): a page of people, the links to the next and the first page, and the table as HTML in the
 * reader's language and time zone. For a document request the table is held back on the
 * request's context and written into the page once (app/components/server-markup.tsx); a client
 * navigation (the next page) gets it inline. `table` is null too when the team has nobody in it.
 */
export async function teamPointsPage(request: Request, context: AppLoadContext, actor: Actor, organisationId: string | undefined) {
  const url = new URL(request.url);
  const after = readCursor(url);
  const db = await getDb();
  const team = orNotFound(await teamPoints(db, actor, organisationId ?? "", new Date(), { after }));
  const locale = resolveLocale(request, actor);
  const t = createTranslator(locale);
  // The reader's time zone as the root loader takes it (the last activity is a date).
  const f = createFormatter(locale, context.timeZone ?? (await timeZoneOf(db, actor.id)));
  // "Nobody takes part" only when nobody does: a page past the last person still shows the totals.
  const html = team.people ? teamTableHtml(team.rows, team.totals, team.warningDays, t, f) : null;
  return {
    organisation: team.organisation,
    empty: team.people === 0,
    table: holdBack(context, "team-points-table", html),
    pages: { next: team.next ? withParam(url, "after", team.next) : null, first: after ? withParam(url, "after", null) : null },
  };
}
