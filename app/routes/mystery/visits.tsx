import { useEffect } from "react";
import { useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { forgetMysteryDraft, mysteryDraftKey } from "~/components/mystery/report-form";
import { VisitStatusBadge } from "~/components/mystery/parts";
import { Badge, Card, Notice, PageHeader } from "~/components/ui";
import { myVisits } from "~/domain/mystery/visits.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/visits";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "mystery.audit");
  return { me: actor.id, visits: await myVisits(await getDb(), actor) };
}

/** The shopper's phone list: where to go, when, and the legend to tell. */
export default function MyVisits() {
  const { me, visits } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const sent = params.get("sent");
  useEffect(() => {
    if (sent) forgetMysteryDraft(mysteryDraftKey(me, sent));
  }, [me, sent]);
  return (
    <>
      <PageHeader title={t("mystery.visits.title")} subtitle={t("mystery.visits.subtitle")} />
      {sent ? <Notice>{t(params.get("published") ? "mystery.visits.sent_published" : "mystery.visits.sent")}</Notice> : null}
      {visits.length === 0 ? (
        <Card>
          <p className="text-slate-600">{t("mystery.visits.none")}</p>
        </Card>
      ) : (
        <ul className="space-y-3">
          {visits.map((v) => (
            <li key={v.id}>
              <Card>
                <div className="flex items-start justify-between gap-2">
                  <div>
                    <p className="font-medium">{v.outlet}</p>
                    <p className="text-sm text-slate-600">
                      {v.address}, {v.postalCode} {v.city} · {v.partner}
                    </p>
                    <p className="mt-1 text-sm">{t("mystery.visits.due", { from: f.day(v.dueFrom), to: f.day(v.dueTo) })}</p>
                  </div>
                  <div className="text-right">
                    <VisitStatusBadge status={v.status} />
                    {v.late ? (
                      <div className="mt-1">
                        <Badge tone="red">{t("mystery.late")}</Badge>
                      </div>
                    ) : null}
                  </div>
                </div>
                <p className="mt-2 text-sm">
                  <span className="font-medium">{v.scenario}: </span>
                  <span className="italic">“{v.legend}”</span>
                </p>
                {v.status === "planned" ? (
                  <Link
                    to={`/mystery/visits/${v.id}`}
                    className="mt-3 inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
                  >
                    {t("mystery.visits.file")}
                  </Link>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
