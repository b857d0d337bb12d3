import type { ReactNode } from "react";
import { Link } from "~/components/link";
import type { PartnerHome as HomeData } from "~/domain/home/home.server";
import { Card } from "~/components/ui";
import { Icon } from "~/components/icons";
import { useScoreText } from "~/components/contest-score";
import { useTimeLeft } from "~/components/countdown";
import { ProgressBar } from "~/components/training";
import { useFormat, useT } from "~/i18n/react";

type Serialized<T> = T extends Date ? string | Date : T extends object ? { [K in keyof T]: Serialized<T[K]> } : T;
type Data = Serialized<HomeData>;

/** One "what to do next" row: an icon, what and why, the whole row a 44 px+ link. */
function Step({
  to,
  icon,
  title,
  children,
  testId,
}: {
  to: string;
  icon: Parameters<typeof Icon>[0]["name"];
  title: string;
  children?: ReactNode;
  testId: string;
}) {
  return (
    <li>
      <Link
        to={to}
        className="flex min-h-11 items-start gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm hover:border-brand-600"
        data-testid={testId}
      >
        <Icon name={icon} className="mt-0.5 h-6 w-6 shrink-0 text-brand-600" />
        <div className="min-w-0 flex-1">
          <p className="font-medium">{title}</p>
          {children ? <div className="mt-0.5 text-sm text-slate-700">{children}</div> : null}
        </div>
      </Link>
    </li>
  );
}

function ContestStep({ c, currency }: { c: Data["contests"][number]; currency: string }) {
  const t = useT();
  const amount = useScoreText(c.metric, currency);
  const left = useTimeLeft(c.endsAt);
  const lines: string[] = [];
  if (c.rank !== null) {
    if (c.rank === 1) lines.push(t("contest.leader"));
    else if (c.gapToNext !== null) lines.push(t("pages.contest.gap_next", { amount: amount(c.gapToNext) }));
    if (c.inPrizeZone && c.rank !== 1) lines.push(t("contest.in_prize_zone"));
  } else if (c.competes) lines.push(t("contest.not_started_scoring"));
  if (new Date(c.endsAt).getTime() > Date.now()) lines.push(t("pages.contest.ends_in", { time: left }));
  const title =
    c.rank !== null
      ? t(c.competes ? "pages.home.contest_place" : "pages.home.contest_team_place", {
          rank: c.rank,
          total: c.participants,
          contest: c.name,
        })
      : c.name;
  return (
    <Step to={`/contests/${c.id}`} icon="trophy" title={title} testId="home-contest">
      <span suppressHydrationWarning>{lines.join(" · ")}</span>
    </Step>
  );
}

/**
 * A partner person's home: what to do next, not the menu again. Points first (what they came
 * for), then the actions that move them: answer a question, check the team's claims, climb a
 * contest, finish a course, one offer. An executive's home adds their team in numbers.
 */
export function PartnerHome({ data, role }: { data: Data; role: string }) {
  const t = useT();
  const f = useFormat();
  const competing = data.contests.filter((c) => c.competes || c.rank !== null);
  return (
    <div className="space-y-4">
      <Link to="/points" className="block" data-testid="home-points">
        <Card className="hover:border-brand-600">
          <p className="text-sm text-slate-600">{t("home.points.balance")}</p>
          <p className="text-3xl font-bold text-brand-600" data-testid="home-balance">
            {f.points(data.balance)}
          </p>
          {data.pending.claims > 0 ? (
            <p className="mt-1 text-sm text-slate-700">
              {t("home.points.pending", { points: f.points(data.pending.points), count: data.pending.claims })}
            </p>
          ) : null}
          {data.expiring.points > 0 && data.expiring.earliest ? (
            <p className="mt-1 text-sm text-amber-800" data-testid="home-expiring">
              {t("home.points.expiring", {
                points: f.points(data.expiring.points),
                date: f.date(data.expiring.earliest),
              })}
            </p>
          ) : null}
        </Card>
      </Link>

      {data.team ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("pages.home.team")}</h2>
          <dl className="grid grid-cols-3 gap-2 text-center">
            <div>
              <dt className="text-xs text-slate-600">{t("pages.home.team_people")}</dt>
              <dd className="text-xl font-semibold">{f.number(data.team.people)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t("pages.home.team_earned")}</dt>
              <dd className="text-xl font-semibold">{f.points(data.team.earned)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t("pages.home.team_waiting")}</dt>
              <dd className="text-xl font-semibold">{f.number(data.team.waiting)}</dd>
            </div>
          </dl>
          <p className="mt-2 flex flex-wrap gap-x-4">
            <Link to="/team/points" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-600 underline">
              {t("pages.home.team_points_link")}
            </Link>
            <Link to="/learn/team" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-600 underline">
              {t("pages.home.team_training_link")}
            </Link>
          </p>
        </Card>
      ) : null}

      <section aria-labelledby="next-steps">
        <h2 id="next-steps" className="mb-2 text-lg font-semibold">
          {t("pages.home.next")}
        </h2>
        <ul className="space-y-2">
          {data.toCheck > 0 ? (
            <Step to="/claims/check" icon="claim" title={t("pages.home.to_check", { count: data.toCheck })} testId="home-to-check" />
          ) : null}
          {data.asked > 0 ? (
            <Step to="/claims?status=info_requested" icon="mail" title={t("pages.home.asked", { count: data.asked })} testId="home-asked">
              {t("pages.home.asked_hint")}
            </Step>
          ) : null}
          {(role === "executive" ? data.contests : competing).slice(0, 2).map((c) => (
            <ContestStep key={c.id} c={c} currency={data.currency} />
          ))}
          {data.course ? (
            <Step
              to={`/learn/courses/${data.course.id}`}
              icon="learn"
              title={t(data.course.done > 0 ? "pages.home.course_finish" : "pages.home.course_start", { title: data.course.title })}
              testId="home-course"
            >
              <ProgressBar
                done={data.course.done}
                total={data.course.lessons}
                label={t("pages.home.lessons_done", { done: data.course.done, count: data.course.lessons })}
              />
            </Step>
          ) : null}
          {data.promotion ? (
            <Step to="/claims/rules" icon="coins" title={t("pages.home.promotion", { name: data.promotion.name })} testId="home-offer">
              {t("pages.home.promotion_until", { percent: data.promotion.percent, date: f.day(data.promotion.endsOn) })}
            </Step>
          ) : data.reward ? (
            <Step to={`/shop/rewards/${data.reward.id}`} icon="shop" title={data.reward.name} testId="home-offer">
              {t(data.reward.wished ? "pages.home.reward_wished" : "pages.home.reward_close", { count: data.reward.toGo })}
            </Step>
          ) : null}
        </ul>
      </section>
    </div>
  );
}
