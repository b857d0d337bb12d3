import { useEffect, useState } from "react";
import type { Phase } from "~/domain/contests/rules";
import { useT } from "~/i18n/react";

/** Days and hours (or hours and minutes in the last day) left until `to`, in words. */
export function useTimeLeft(to: Date | string): string {
  const t = useT();
  const target = new Date(to).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // Minutes are the finest unit shown, so a tick every 30 s keeps it right without redrawing often.
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const minutes = Math.max(0, Math.floor((target - now) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${t("pages.time.days", { count: days })} ${t("pages.time.hours", { count: hours })}`;
  return `${t("pages.time.hours", { count: hours })} ${t("pages.time.minutes", { count: minutes % 60 })}`;
}

/** "Ends in 3 days 4 h" under a contest's title; what it counts down to depends on the phase. */
export function ContestCountdown({
  phase,
  startsAt,
  endsAt,
  graceEndsAt,
}: {
  phase: Phase;
  startsAt: string | Date;
  endsAt: string | Date;
  graceEndsAt: string | Date;
}) {
  const t = useT();
  const target = phase === "upcoming" ? startsAt : phase === "running" ? endsAt : graceEndsAt;
  const left = useTimeLeft(target);
  if (phase === "closing" || phase === "closed") return null;
  const key = phase === "upcoming" ? "pages.contest.starts_in" : phase === "running" ? "pages.contest.ends_in" : "pages.contest.grace_left";
  return (
    <p className="text-sm font-medium text-slate-800" data-testid="countdown">
      {/* The server and the phone may disagree by a minute when the page wakes up; the phone's clock wins. */}
      <time dateTime={new Date(target).toISOString()} suppressHydrationWarning>
        {t(key, { time: left })}
      </time>
    </p>
  );
}
