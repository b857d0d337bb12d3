import { useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { myTier } from "~/domain/tiers/tiers.server";
import { Badge, Card, PageHeader, Table } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/mine";
import { DEFAULT_CURRENCY } from "~/lib/money";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "tiers.view");
  const view = await myTier(await getDb(), actor);
  // The organisation's volume is the executive's to see; everyone sees the tier and its multiplier.
  const progress = can(actor.role, "tiers.progress");
  return {
    tier: view.tier,
    pinned: view.pinned,
    atRiskUntil: view.atRiskUntil,
    multipliers: view.multipliers,
    progress: progress ? { basis: view.basis, currency: view.currency, metrics: view.metrics, next: view.next, window: view.window } : null,
  };
}

export default function MyTier() {
  const { tier, pinned, atRiskUntil, multipliers, progress } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const mine = multipliers.find((m) => m.tier === tier)?.percent ?? 100;
  const volume = (n: number) =>
    progress?.basis === "points" ? t("tiers.points", { count: n }) : f.money(n, progress?.currency ?? DEFAULT_CURRENCY);
  return (
    <>
      <PageHeader title={t("tiers.mine.title")} subtitle={t("tiers.mine.subtitle")} />
      <Card className="mb-4">
        <p className="text-sm text-slate-600">{t("tiers.mine.current")}</p>
        <p className="mt-1 text-2xl font-semibold" data-testid="current-tier">
          {t(`tier.${tier}`)}
        </p>
        {pinned ? <p className="mt-2 text-sm text-slate-600">{t("tiers.mine.pinned")}</p> : null}
        {atRiskUntil ? (
          <p className="mt-2">
            <Badge tone="amber">{t("tiers.at_risk_until", { date: f.day(atRiskUntil) })}</Badge>
          </p>
        ) : null}
      </Card>

      {progress ? (
        <Card className="mb-4">
          {progress.next ? (
            <div data-testid="tier-progress">
              <h2 className="mb-2 font-semibold">{t("tiers.mine.next", { tier: t(`tier.${progress.next.tier}`) })}</h2>
              <div
                className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
                role="progressbar"
                aria-label={t("tiers.mine.progress_label", { tier: t(`tier.${progress.next.tier}`) })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={progress.next.percent}
              >
                <div className="h-full bg-brand-600" style={{ width: `${progress.next.percent}%` }} />
              </div>
              <p className="mt-2 text-sm text-slate-700">
                {t(progress.basis === "points" ? "tiers.mine.volume_points" : "tiers.mine.volume_sales", {
                  value: volume(progress.metrics.volume),
                  target: volume(progress.next.minVolume),
                  from: f.day(progress.window.from),
                  to: f.day(progress.window.to),
                })}
              </p>
              {progress.next.missingVolume || progress.next.missingCertified ? (
                <>
                  <p className="mt-3 text-sm font-medium">{t("tiers.mine.missing", { tier: t(`tier.${progress.next.tier}`) })}</p>
                  <ul className="mt-1 list-disc pl-5 text-sm" data-testid="tier-missing">
                    {progress.next.missingVolume ? (
                      <li>
                        {t(progress.basis === "points" ? "tiers.mine.more_points" : "tiers.mine.more_sales", {
                          amount: volume(progress.next.missingVolume),
                        })}
                      </li>
                    ) : null}
                    {progress.next.missingCertified ? (
                      <li>{t("tiers.mine.more_certified", { count: progress.next.missingCertified })}</li>
                    ) : null}
                  </ul>
                </>
              ) : (
                <p className="mt-3 text-sm font-medium">{t("tiers.mine.reached", { tier: t(`tier.${progress.next.tier}`) })}</p>
              )}
              {progress.next.minCertified ? (
                <p className="mt-2 text-sm text-slate-600">
                  {t("tiers.mine.certified_have", { count: progress.metrics.certified, need: progress.next.minCertified })}
                </p>
              ) : null}
            </div>
          ) : (
            <p data-testid="tier-progress">{t("tiers.mine.top")}</p>
          )}
        </Card>
      ) : null}

      <Card>
        <h2 className="mb-2 font-semibold">{t("tiers.mine.points_title")}</h2>
        <p className="mb-3 text-sm" data-testid="tier-multiplier">
          {t("tiers.mine.points_now", { tier: t(`tier.${tier}`), percent: mine })}
        </p>
        <Table head={[t("tiers.col.tier"), t("tiers.col.multiplier")]}>
          {multipliers.map((m) => (
            <tr key={m.tier}>
              <td className="px-3 py-2">
                {t(`tier.${m.tier}`)} {m.tier === tier ? <Badge tone="blue">{t("tiers.mine.yours")}</Badge> : null}
              </td>
              <td className="px-3 py-2">{t("tiers.percent", { percent: m.percent })}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
