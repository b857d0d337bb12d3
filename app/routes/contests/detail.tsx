import { pageMeta } from "~/lib/page-meta";
import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { closeContest, contestResultsFor, getContest, leaderboard } from "~/domain/contests/contests.server";
import { graceEndsAt, isEligible, phaseOf } from "~/domain/contests/rules";
import { getSettings } from "~/domain/points/ledger.server";
import { PhaseBadge } from "~/components/contest-phase";
import { ContestCountdown } from "~/components/countdown";
import { useScoreText } from "~/components/contest-score";
import { isManufacturer } from "~/lib/actor";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, Table, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import { localise, saveTranslations, translationsOf } from "~/domain/content/translations.server";
import { translatedTexts, translationSchema } from "~/domain/content/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { TranslationsCard } from "~/components/translations";

const CONTEST_TEXT = ["name", "rules"] as const;
/** The longest name and rules the contest form itself accepts. */
const CONTEST_LIMITS = { name: 160, rules: 5000 };
const contestTranslationSchema = translationSchema(CONTEST_LIMITS);
import { can } from "~/lib/permissions";
import { CoursesToUnlock } from "~/components/gates/courses-to-unlock";
import type { Route } from "./+types/detail";
import { DEFAULT_CURRENCY } from "~/lib/money";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "contest.view");
  const db = await getDb();
  const own = orNotFound(await getContest(db, actor, params.contestId));
  // Readers see the name and rules in their language; the channel team also edits every language.
  const [contest] = await localise(db, "contest", [own], CONTEST_TEXT, resolveLocale(request, actor));
  const editing = can(actor.role, "contest.manage");
  const phase = phaseOf(contest);
  const [standing, results, currency] = await Promise.all([
    leaderboard(db, actor, contest),
    phase === "closed" ? contestResultsFor(db, contest.id, 10) : Promise.resolve([]),
    // Sales value is money in the programme's currency; other metrics need no extra query.
    contest.metric === "revenue" ? getSettings(db).then((s) => s.currency) : Promise.resolve(DEFAULT_CURRENCY),
  ]);
  const eligible = !isManufacturer(actor) && isEligible(contest, actor, contest.partnerIds);
  // Training gates: the courses this person must complete before their sales count here.
  const locked = eligible ? own.locked : [];
  return {
    pageTitle: { name: contest.name },
    contest: {
      id: contest.id,
      name: contest.name,
      rules: contest.rules,
      startsAt: contest.startsAt,
      endsAt: contest.endsAt,
      graceDays: contest.graceDays,
      graceEndsAt: graceEndsAt(contest),
      metric: contest.metric,
      ranking: contest.ranking,
      minScore: contest.minScore,
      prizes: contest.prizes.map((p) => ({ rankFrom: p.rankFrom, rankTo: p.rankTo, points: p.points, description: p.description })),
    },
    phase,
    standing,
    currency,
    // Only people who compete are told their claims will count; leads and staff follow the board.
    eligible,
    locked,
    seesOwnPeople: !isManufacturer(actor) && (actor.role === "executive" || actor.role === "manager"),
    myParticipantId: contest.ranking === "team" ? actor.organisationId : actor.id,
    finished: results.length > 0,
    canClose: editing && phase === "closing",
    translation: editing ? { name: own.name, rules: own.rules, translations: await translationsOf(db, "contest", own.id) } : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireActor(context, request, "contest.manage");
  const id = requireId(params.contestId);
  const formData = await readForm(request);
  return runAction(formData, async () => {
    if (formData.get("intent") === "translate") {
      const db = await getDb();
      orNotFound(await getContest(db, actor, id));
      const input = parseForm(contestTranslationSchema, formData);
      await db.transaction((tx) => saveTranslations(tx, "contest", id, input.locale, translatedTexts(input, CONTEST_LIMITS), actor.id));
      return { ok: true as const, translated: true as const };
    }
    await closeContest(await getDb(), id, actor);
    return { ok: true as const };
  });
}

export default function ContestDetail() {
  const { contest, phase, standing, myParticipantId, canClose, currency, eligible, seesOwnPeople, translation, locked } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const f = useFormat();
  const amount = useScoreText(contest.metric, currency);
  const me = standing.me;
  return (
    <>
      <PageHeader
        title={contest.name}
        subtitle={
          <>
            {t("contest.period", { from: f.date(contest.startsAt), to: f.date(contest.endsAt) })} · <PhaseBadge phase={phase} />
          </>
        }
      />
      <div className="-mt-2 mb-4">
        <ContestCountdown phase={phase} startsAt={contest.startsAt} endsAt={contest.endsAt} graceEndsAt={contest.graceEndsAt} />
      </div>
      {result?.ok ? <Notice>{t("contest.closed_done")}</Notice> : null}
      <FormErrors errors={errorsOf(result)} />
      {locked.length ? (
        <div className="mb-4">
          <CoursesToUnlock courses={locked} kind="contest" />
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Card className="md:col-span-1">
          <h2 className="mb-2 text-lg font-semibold">{me || eligible ? t("contest.my_position") : t("pages.contest.following")}</h2>
          {me ? (
            <div data-testid="my-position">
              <p className="text-3xl font-bold text-brand-600">{t("contest.my_rank", { rank: me.rank, total: standing.participants })}</p>
              <p className="mt-1 text-slate-700">
                {t("contest.score")}: <strong>{amount(me.score)}</strong>
              </p>
              <ul className="mt-2 space-y-1 text-sm text-slate-700">
                {me.rank === 1 ? (
                  <li>{t("contest.leader")}</li>
                ) : me.gapToNext !== null ? (
                  <li>{t("pages.contest.gap_next", { amount: amount(me.gapToNext) })}</li>
                ) : null}
                {me.gapToPrize === 0 ? (
                  <li>{t("contest.in_prize_zone")}</li>
                ) : me.gapToPrize !== null ? (
                  <li>{t("pages.contest.gap_prize", { amount: amount(me.gapToPrize) })}</li>
                ) : null}
              </ul>
              <Link to={`/contests/${contest.id}/trace/${myParticipantId}`} className="mt-3 inline-block text-sm text-brand-600 underline">
                {t("contest.how_counted")}
              </Link>
            </div>
          ) : eligible ? (
            <p className="text-sm text-slate-700">{t("contest.not_started_scoring")}</p>
          ) : (
            <p className="text-sm text-slate-700" data-testid="not-eligible">
              {t(seesOwnPeople ? "pages.contest.not_eligible_lead" : "pages.contest.not_eligible")}
            </p>
          )}
          {canClose ? (
            <Form method="post" className="mt-4">
              <Button type="submit">{t("contest.close_now")}</Button>
            </Form>
          ) : null}
        </Card>
        <Card className="md:col-span-2">
          <h2 className="mb-2 text-lg font-semibold">{phase === "closed" ? t("contest.results") : t("contest.board")}</h2>
          <Table head={[t("contest.rank"), t("contest.participant"), t("contest.score"), t("pages.contest.prize")]}>
            {standing.board.map((row) => (
              <tr key={row.rank} className={row.isMe ? "bg-brand-50 font-medium" : ""}>
                <td className="px-3 py-2">{row.rank}</td>
                <td className="px-3 py-2">
                  {row.traceId && !row.isMe ? (
                    <Link to={`/contests/${contest.id}/trace/${row.traceId}`} className="text-brand-700 underline">
                      {row.name}
                    </Link>
                  ) : (
                    row.name
                  )}{" "}
                  {row.isMe ? <Badge tone="blue">{t("contest.you")}</Badge> : null}
                </td>
                <td className="px-3 py-2">{amount(row.score)}</td>
                <td className="px-3 py-2 text-xs text-slate-600">
                  {row.prize && row.qualified
                    ? row.prize.points
                      ? t("contest.prize_points", { points: row.prize.points })
                      : row.prize.description
                    : ""}
                </td>
              </tr>
            ))}
          </Table>
        </Card>
        <Card className="md:col-span-3">
          <h2 className="mb-2 text-lg font-semibold">{t("contest.rules")}</h2>
          <p className="mb-2 text-sm text-slate-700">
            {t(`contest.metric.${contest.metric}`)} · {t(`contest.ranking.${contest.ranking}`)}
          </p>
          <p className="mb-2 text-sm whitespace-pre-line text-slate-800">{contest.rules}</p>
          <p className="text-sm text-slate-600">{t("contest.grace_note", { count: contest.graceDays })}</p>
          {contest.minScore > 0 ? <p className="text-sm text-slate-600">{t("contest.min_score", { score: contest.minScore })}</p> : null}
          <h3 className="mt-3 mb-1 font-semibold">{t("contest.prizes")}</h3>
          <ul className="text-sm">
            {contest.prizes.map((p) => (
              <li key={p.rankFrom}>
                {p.rankFrom === p.rankTo
                  ? t("contest.prize_rank", { from: p.rankFrom })
                  : t("contest.prize_ranks", { from: p.rankFrom, to: p.rankTo })}
                : {p.points ? t("contest.prize_points", { points: p.points }) : p.description}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {translation ? (
        <TranslationsCard
          fields={[
            { name: "name", label: t("content.field.name"), maxLength: CONTEST_LIMITS.name, text: translation.name },
            { name: "rules", label: t("content.field.rules"), long: true, maxLength: CONTEST_LIMITS.rules, text: translation.rules },
          ]}
          translations={translation.translations}
          errors={errorsOf(result)}
          values={valuesOf(result)}
          saved={!!result && "translated" in result}
        />
      ) : null}
    </>
  );
}
