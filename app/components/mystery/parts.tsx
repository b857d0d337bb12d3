import { Link } from "~/components/link";
import { Badge } from "~/components/ui";
import { percentText } from "~/domain/mystery/scoring";
import { useT } from "~/i18n/react";

const STATUS_TONE = { planned: "slate", submitted: "amber", published: "green", voided: "red" } as const;

export function VisitStatusBadge({ status }: { status: keyof typeof STATUS_TONE }) {
  const t = useT();
  return <Badge tone={STATUS_TONE[status]}>{t(`mystery.status.${status}`)}</Badge>;
}

/** A score as a percentage with a colour band (below 60 red, below 80 amber). */
export function Score({ value }: { value: number | null }) {
  const tone = value === null ? "slate" : value < 600 ? "red" : value < 800 ? "amber" : "green";
  return <Badge tone={tone}>{value === null ? "–" : `${percentText(value)}%`}</Badge>;
}

/** A horizontal bar for a score, for tables of outlets and questions. */
export function ScoreBar({ value }: { value: number | null }) {
  const pct = value === null ? 0 : value / 10;
  return (
    <div className="flex items-center gap-2">
      <div className="h-2 w-24 overflow-hidden rounded bg-slate-100" aria-hidden="true">
        <div className="h-2 bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-sm tabular-nums">{value === null ? "–" : `${percentText(value)}%`}</span>
    </div>
  );
}

/** The area's sub-navigation for the channel team. */
export function ManageTabs({ current }: { current: string }) {
  const t = useT();
  const tabs = [
    ["/mystery/overview", "mystery.nav.overview"],
    ["/mystery/review", "mystery.nav.review"],
    ["/mystery/reports", "mystery.nav.reports"],
    ["/mystery/waves", "mystery.nav.waves"],
    ["/mystery/scenarios", "mystery.nav.scenarios"],
  ] as const;
  return (
    <nav aria-label={t("mystery.nav.label")} className="-mx-4 mb-4 flex gap-2 overflow-x-auto px-4 pb-1">
      {tabs.map(([to, label]) => (
        <Link
          key={to}
          to={to}
          aria-current={to === current ? "page" : undefined}
          className={`inline-flex min-h-9 items-center rounded-full border px-3 text-sm whitespace-nowrap ${to === current ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 bg-white text-slate-700"}`}
        >
          {t(label)}
        </Link>
      ))}
    </nav>
  );
}

/** "14:05" of a stored visit time (times are kept as typed on site, wall-clock, see visits.server.ts). */
export function clockOf(d: Date | string | null): string {
  if (!d) return "–";
  return new Date(d).toISOString().slice(11, 16);
}

export function dayOf(d: Date | string | null): string {
  if (!d) return "";
  return new Date(d).toISOString().slice(0, 10);
}
