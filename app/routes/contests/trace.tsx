import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { getContest, traceScore } from "~/domain/contests/contests.server";
import { Card, PageHeader, Table } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/trace";

/** Every claim or course behind a score, so nobody has to take the board on trust. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "contest.view");
  const db = await getDb();
  const contest = orNotFound(await getContest(db, actor, params.contestId));
  const entries = orNotFound(await traceScore(db, actor, contest.id, params.participantId));
  return {
    contest: { id: contest.id, name: contest.name, metric: contest.metric },
    entries,
    total: entries.reduce((s, e) => s + e.value, 0),
  };
}

export default function Trace() {
  const { contest, entries, total } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t("contest.trace_title")}
        subtitle={
          <Link to={`/contests/${contest.id}`} className="underline">
            {contest.name}
          </Link>
        }
      />
      <Card>
        <p className="mb-3 text-sm text-slate-700">
          {t(`contest.metric.${contest.metric}`)}: <strong>{f.number(total)}</strong>
        </p>
        <Table head={[t("contest.trace_when"), t("contest.trace_source"), t("contest.trace_by"), t("contest.trace_value")]}>
          {entries.map((e) => (
            <tr key={`${e.sourceType}-${e.sourceId}`}>
              <td className="px-3 py-2">{f.date(e.occurredAt)}</td>
              <td className="px-3 py-2">
                {e.sourceType === "claim" ? (
                  <Link to={`/claims/${e.sourceId}`} className="text-brand-600 underline">
                    {t("contest.source.claim")}
                  </Link>
                ) : (
                  t(`contest.source.${e.sourceType}`)
                )}
              </td>
              <td className="px-3 py-2">{e.userName}</td>
              <td className="px-3 py-2">{f.number(e.value)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
