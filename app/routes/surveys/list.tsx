import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { listSurveys, openSurveysFor } from "~/domain/surveys/surveys.server";
import { Badge, Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { forbidden, requireActor } from "~/lib/access.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/list";

/** The channel team's surveys with their answer counts; for a participant, the surveys open to them. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "home.view");
  const db = await getDb();
  if (can(actor.role, "surveys.manage")) return { manage: true as const, surveys: await listSurveys(db), open: [] };
  if (!can(actor.role, "surveys.answer")) throw forbidden();
  return { manage: false as const, surveys: [], open: await openSurveysFor(db, actor) };
}

const link = "inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-medium";

export default function Surveys() {
  const { manage, surveys, open } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  if (manage)
    return (
      <>
        <PageHeader
          title={t("surveys.title")}
          subtitle={t("surveys.manage_subtitle")}
          actions={
            <div className="flex flex-wrap gap-2">
              <Link to="/rewards/suggestions" className={`${link} border border-slate-300 bg-white text-slate-800`}>
                {t("surveys.suggestion.list_title")}
              </Link>
              <Link to="/surveys/new" className={`${link} bg-brand-600 text-white`}>
                {t("surveys.new")}
              </Link>
            </div>
          }
        />
        <Card className="p-0 sm:p-0">
          {surveys.length ? (
            <ul className="divide-y divide-slate-100">
              {surveys.map((s) => (
                <li key={s.id}>
                  <Link
                    to={`/surveys/${s.id}/results`}
                    className="flex min-h-14 flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50"
                  >
                    <span className="min-w-0 flex-1 font-medium text-slate-900">{s.title}</span>
                    {s.points > 0 ? <Badge tone="blue">{t("surveys.points_badge", { points: s.points })}</Badge> : null}
                    <span className="w-full text-xs text-slate-500 sm:w-auto">
                      {t("surveys.window", { from: f.date(s.opensAt), to: f.date(new Date(s.closesAt.getTime() - 1)) })} ·{" "}
                      {t("surveys.responses", { count: s.responses })}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="p-4 text-sm text-slate-600 sm:p-6">{t("surveys.none_yet")}</p>
          )}
        </Card>
      </>
    );
  return (
    <>
      <PageHeader
        title={t("surveys.title")}
        subtitle={t("surveys.participant_subtitle")}
        actions={
          <Link to="/rewards/suggest" className={`${link} border border-slate-300 bg-white text-slate-800`}>
            {t("surveys.suggestion.title")}
          </Link>
        }
      />
      <Card className="p-0 sm:p-0">
        {open.length ? (
          <ul className="divide-y divide-slate-100">
            {open.map((s) => (
              <li key={s.id}>
                <Link to={`/surveys/${s.id}`} className="flex min-h-14 flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50">
                  <span className="min-w-0 flex-1 font-medium text-slate-900">{s.title}</span>
                  {s.answered ? (
                    <Badge tone="green">{t("surveys.answered")}</Badge>
                  ) : s.points > 0 ? (
                    <Badge tone="blue">{t("surveys.points_badge", { points: s.points })}</Badge>
                  ) : null}
                  <span className="w-full text-xs text-slate-500 sm:w-auto">
                    {t("surveys.closes", { date: f.date(new Date(s.closesAt.getTime() - 1)) })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="p-4 text-sm text-slate-600 sm:p-6">{t("surveys.none_open")}</p>
        )}
      </Card>
    </>
  );
}
