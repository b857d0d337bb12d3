import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { listContests } from "~/domain/contests/contests.server";
import { localise } from "~/domain/content/translations.server";
import { resolveLocale } from "~/i18n/locale.server";
import { phaseOf } from "~/domain/contests/rules";
import { PhaseBadge } from "~/components/contest-phase";
import { Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/list";

const ORDER = { running: 0, grace: 1, closing: 2, upcoming: 3, closed: 4 } as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "contest.view");
  const now = new Date();
  const db = await getDb();
  // Each contest's name in the reader's language (one query for all of them), the default where not translated.
  const contests = (await localise(db, "contest", await listContests(db, actor), ["name"], resolveLocale(request, actor)))
    .map((c) => ({ id: c.id, name: c.name, startsAt: c.startsAt, endsAt: c.endsAt, metric: c.metric, phase: phaseOf(c, now) }))
    .sort((a, b) => ORDER[a.phase] - ORDER[b.phase]);
  return { contests, canManage: can(actor.role, "contest.manage") };
}

export default function Contests() {
  const { contests, canManage } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t("contest.title")}
        actions={
          canManage ? (
            <Link
              to="/contests/new"
              className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
            >
              {t("contest.new")}
            </Link>
          ) : null
        }
      />
      {contests.length === 0 ? <Card>{t("contest.none")}</Card> : null}
      <div className="grid gap-3 md:grid-cols-2">
        {contests.map((c) => (
          <Link key={c.id} to={`/contests/${c.id}`} className="block">
            <Card className="h-full hover:border-brand-600">
              <div className="mb-1 flex items-start justify-between gap-2">
                <h2 className="font-semibold">{c.name}</h2>
                <PhaseBadge phase={c.phase} />
              </div>
              <p className="text-sm text-slate-600">{t("contest.period", { from: f.date(c.startsAt), to: f.date(c.endsAt) })}</p>
              <p className="text-sm text-slate-600">{t(`contest.metric.${c.metric}`)}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
