import { useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { CLAIM_STATUSES } from "@db/schema/claims";
import { claimCounts, listClaims } from "~/domain/claims/claims.server";
import { ClaimStatusBadge } from "~/components/claims/parts";
import { Card, Notice, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { can, seesOthers, visibility } from "~/lib/permissions";
import type { Route } from "./+types/list";

const filterSchema = z.object({ status: z.enum(CLAIM_STATUSES).optional().catch(undefined) });

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "claims.view");
  const { status } = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const [rows, counts] = await Promise.all([listClaims(db, actor, { status }), claimCounts(db, actor)]);
  const canSubmit = can(actor.role, "claims.submit");
  return {
    claims: rows.map((r) => ({ ...r, mine: r.userId === actor.id })),
    counts,
    status: status ?? null,
    seesOthers: seesOthers(actor, "claims"),
    canSubmit,
    // The filter's tabs, from the loader: the status list lives beside the claims table's schema,
    // which (with drizzle) the page would otherwise load (issue 17, a salesperson's first load).
    statuses: CLAIM_STATUSES.filter((s) => s !== "draft" || canSubmit),
    // A partner's lead who may not claim (the executive) reads the team's claims only.
    readOnly: !canSubmit && visibility(actor, "claims") === "organisation",
  };
}

export default function ClaimList() {
  const { claims, counts, status, seesOthers, canSubmit, readOnly, statuses } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const tabs = [null, ...statuses] as const;
  return (
    <>
      <PageHeader
        title={t(seesOthers ? "claims.list_title_all" : "claims.list_title_mine")}
        subtitle={readOnly ? t("claims.read_only_note") : undefined}
        actions={
          canSubmit ? (
            <Link
              to="/claims/new"
              className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
            >
              {t("claims.new_button")}
            </Link>
          ) : null
        }
      />
      {params.get("deleted") ? <Notice>{t("claims.draft_deleted")}</Notice> : null}
      <nav aria-label={t("claims.filter_status")} className="-mx-4 mb-4 flex gap-2 overflow-x-auto px-4 pb-1">
        {tabs.map((s) => {
          const active = s === status;
          const n = s ? (counts[s] ?? 0) : Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
          // Empty statuses only crowd a phone screen.
          if (s && n === 0 && !active) return null;
          return (
            <Link
              key={s ?? "all"}
              to={s ? `?status=${s}` : "?"}
              aria-current={active ? "page" : undefined}
              className={`inline-flex min-h-9 items-center rounded-full border px-3 text-sm whitespace-nowrap ${active ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 bg-white text-slate-700"}`}
            >
              {s ? t(`claims.status.${s}`) : t("claims.all")} ({f.number(n)})
            </Link>
          );
        })}
      </nav>
      {claims.length === 0 ? (
        <Card>
          <p className="text-slate-600">{t("claims.none")}</p>
        </Card>
      ) : (
        <ul className="space-y-2">
          {claims.map((c) => (
            <li key={c.id}>
              <Link to={c.status === "draft" ? `/claims/${c.id}/edit` : `/claims/${c.id}`} className="block">
                <Card className="hover:border-brand-600">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <p className="font-medium">
                        {t("claims.claim_title", { number: c.number })}
                        {c.invoiceNumber ? <span className="font-normal text-slate-600"> · {c.invoiceNumber}</span> : null}
                      </p>
                      <p className="text-sm text-slate-600">
                        {seesOthers && !c.mine ? `${c.claimantName} · ` : ""}
                        {c.invoiceDate ? f.day(c.invoiceDate) : t("claims.no_date")} · {t("claims.units", { count: c.units })}
                      </p>
                    </div>
                    <div className="text-right">
                      <ClaimStatusBadge status={c.status} />
                      {c.status !== "draft" ? (
                        <p className="mt-1 text-sm font-medium">{t("claims.points_value", { count: c.creditedPoints ?? c.points })}</p>
                      ) : null}
                    </div>
                  </div>
                  {c.decisionNote && (c.status === "rejected" || c.status === "info_requested") ? (
                    <p className="mt-2 line-clamp-2 text-sm text-amber-900">“{c.decisionNote}”</p>
                  ) : null}
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
