import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { ManageTabs, Score } from "~/components/mystery/parts";
import { Badge, Card, PageHeader } from "~/components/ui";
import { reviewQueue } from "~/domain/mystery/disputes.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/review";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "mystery.manage");
  return reviewQueue(await getDb());
}

/** Reports waiting for the quality check and disputes waiting for a decision, oldest first. */
export default function Review() {
  const { waiting, disputes } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader title={t("mystery.review.title")} />
      <ManageTabs current="/mystery/review" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("mystery.review.waiting", { count: waiting.length })}</h2>
          <ul className="divide-y divide-slate-100">
            {waiting.map((v) => (
              <li key={v.id} className="py-2">
                <Link to={`/mystery/reports/${v.id}`} className="flex items-center justify-between gap-2">
                  <span>
                    {v.outlet} <span className="text-sm text-slate-500">· {v.partner}</span>
                    <span className="block text-xs text-slate-500">{v.submittedAt ? f.dateTime(v.submittedAt) : ""}</span>
                  </span>
                  <span className="flex gap-1">
                    {v.late ? <Badge tone="red">{t("mystery.late")}</Badge> : null}
                    <Score value={v.scorePermille} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("mystery.review.disputes", { count: disputes.length })}</h2>
          <ul className="divide-y divide-slate-100">
            {disputes.map((d) => (
              <li key={d.id} className="py-2">
                <Link to={`/mystery/reports/${d.visitId}`} className="block">
                  {d.outlet}{" "}
                  <span className="text-sm text-slate-500">
                    · {d.partner} · {d.raisedBy}
                  </span>
                  <span className="block text-sm text-slate-700 line-clamp-2">{d.reason}</span>
                  <span className="block text-xs text-slate-500">{t("mystery.review.age", { count: d.age })}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
