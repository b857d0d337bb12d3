import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { getSettings } from "~/domain/costshare/funds.server";
import { reviewQueue } from "~/domain/costshare/requests.server";
import { RequestStatus } from "~/components/costshare";
import { Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/review";

/** What waits for a decision: the channel team's first approvals and claims, finance's and admins' second approvals. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "costshare.queue");
  const db = await getDb();
  const { currency } = await getSettings(db);
  const queue = await reviewQueue(db, actor, {
    first: can(actor.role, "costshare.decide"),
    second: can(actor.role, "costshare.second_approve"),
  });
  return { ...queue, currency, me: actor.id };
}

export default function CostShareReview() {
  const { requests, claims, currency, me } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t("costshare.review_title")}
        subtitle={t("costshare.review_subtitle", { count: requests.length + claims.length })}
      />
      <h2 className="mb-2 text-lg font-semibold">{t("costshare.queue_requests")}</h2>
      {requests.length === 0 ? (
        <Card>
          <p className="text-slate-600">{t("costshare.queue_empty")}</p>
        </Card>
      ) : (
        <ul className="space-y-2">
          {requests.map((r) => (
            <li key={r.id}>
              <Link
                to={`/cost-share/requests/${r.id}`}
                className="block rounded-xl border border-slate-200 bg-white p-3 hover:border-brand-300"
              >
                <span className="flex flex-wrap items-start justify-between gap-2">
                  <span>
                    <span className="font-medium text-brand-700">{t("costshare.request_title", { number: r.number, title: r.title })}</span>
                    <span className="block text-sm text-slate-600">
                      {r.organisationName} · {t(`costshare.activity.${r.activityType}`)} · {f.day(r.startsOn)}
                    </span>
                    {r.status === "second_approval" && r.firstApproverId === me ? (
                      <span className="block text-sm text-amber-800">{t("costshare.waiting_for_second")}</span>
                    ) : null}
                  </span>
                  <span className="text-right">
                    <span className="block font-semibold tabular-nums">{f.money(r.approvedMinor ?? r.requestedMinor, currency)}</span>
                    <RequestStatus status={r.status} />
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {claims.length ? (
        <>
          <h2 className="mt-6 mb-2 text-lg font-semibold">{t("costshare.queue_claims")}</h2>
          <ul className="space-y-2">
            {claims.map((c) => (
              <li key={c.id}>
                <Link
                  to={`/cost-share/requests/${c.requestId}`}
                  className="block rounded-xl border border-slate-200 bg-white p-3 hover:border-brand-300"
                >
                  <span className="flex flex-wrap items-start justify-between gap-2">
                    <span>
                      <span className="font-medium text-brand-700">{t("costshare.claim_heading", { number: c.number })}</span>
                      <span className="block text-sm text-slate-600">
                        {c.organisationName} · {c.title}
                      </span>
                    </span>
                    <span className="font-semibold tabular-nums">{f.money(c.reimbursementMinor, currency)}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
