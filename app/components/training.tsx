import { type ReactNode, useEffect } from "react";
import { useRevalidator } from "react-router";
import type { Block, Inline } from "~/domain/training/markdown";
import { createFormatter } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { PageHeader } from "~/components/ui";
import { TIME_ZONE_COOKIE } from "~/lib/time-zone";

function InlineNodes({ nodes }: { nodes: Inline[] }): ReactNode {
  return nodes.map((n, i) => {
    switch (n.t) {
      case "text":
        return <span key={i}>{n.v}</span>;
      case "code":
        return (
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.9em]">
            {n.v}
          </code>
        );
      case "strong":
        return (
          <strong key={i}>
            <InlineNodes nodes={n.c} />
          </strong>
        );
      case "em":
        return (
          <em key={i}>
            <InlineNodes nodes={n.c} />
          </em>
        );
      case "link":
        return (
          <a
            key={i}
            href={n.href}
            className="text-brand-600 underline"
            rel="noopener noreferrer"
            target={n.href.startsWith("/") ? undefined : "_blank"}
          >
            <InlineNodes nodes={n.c} />
          </a>
        );
      default:
        return null;
    }
  });
}

/** A lesson body: the parsed tree becomes React elements, so nothing the trainer typed is run as HTML. */
export function LessonBody({ blocks }: { blocks: Block[] }) {
  return (
    <div className="space-y-4 text-base leading-relaxed">
      {blocks.map((b, i) => {
        switch (b.type) {
          case "heading": {
            const Tag = `h${b.level}` as "h2" | "h3" | "h4";
            return (
              <Tag key={i} className={b.level === 2 ? "pt-2 text-xl font-semibold" : "pt-1 text-lg font-semibold"}>
                <InlineNodes nodes={b.content} />
              </Tag>
            );
          }
          case "paragraph":
            return (
              <p key={i}>
                <InlineNodes nodes={b.content} />
              </p>
            );
          case "quote":
            return (
              <blockquote key={i} className="border-l-4 border-brand-100 pl-4 text-slate-700 italic">
                <InlineNodes nodes={b.content} />
              </blockquote>
            );
          case "list": {
            const Tag = b.ordered ? "ol" : "ul";
            return (
              <Tag key={i} className={`space-y-1 pl-6 ${b.ordered ? "list-decimal" : "list-disc"}`}>
                {b.items.map((item, j) => (
                  <li key={j}>
                    <InlineNodes nodes={item} />
                  </li>
                ))}
              </Tag>
            );
          }
          case "image":
            return <img key={i} src={b.src} alt={b.alt} loading="lazy" className="h-auto max-w-full rounded-lg border border-slate-200" />;
          default:
            return null;
        }
      })}
    </div>
  );
}

export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total ? Math.round((done * 100) / total) : 0;
  return (
    <div>
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={label}
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600">{label}</p>
    </div>
  );
}

/**
 * A webinar's start: in the viewer's own zone when the page knows it (from TimeZoneHint), with
 * the host's local time beside it; otherwise as announced, in its own zone, named.
 */
export function WebinarWhen({
  startsAt,
  timeZone,
  durationMinutes,
  viewerZone,
}: {
  startsAt: Date | string;
  timeZone: string;
  durationMinutes?: number;
  viewerZone?: string | null;
}) {
  const locale = useLocale();
  const t = useT();
  const host = createFormatter(locale, timeZone);
  const minutes = durationMinutes ? <> · {t("training.webinar.minutes", { count: durationMinutes })}</> : null;
  // Same wall clock in both zones (e.g. Europe/London and Europe/Dublin): one time is enough.
  if (viewerZone && host.dateTime(startsAt) !== createFormatter(locale, viewerZone).dateTime(startsAt)) {
    const mine = createFormatter(locale, viewerZone);
    return (
      <span data-testid="webinar-when">
        {t("pages.webinar.your_time", { time: mine.dateTime(startsAt), zone: viewerZone })}{" "}
        <span className="text-slate-500">{t("pages.webinar.host_time", { time: host.dateTime(startsAt), zone: timeZone })}</span>
        {minutes}
      </span>
    );
  }
  return (
    <span data-testid="webinar-when">
      {host.dateTime(startsAt)} <span className="text-slate-500">({timeZone})</span>
      {minutes}
    </span>
  );
}

/**
 * Tells the server the browser's time zone, in a cookie, so webinar times can be shown in it.
 * When the cookie was missing or stale, the page's data is loaded again once to show them.
 */
export function TimeZoneHint({ known }: { known: string | null }) {
  const revalidator = useRevalidator();
  // Once per value of `known`: after the reload it matches (or, with cookies blocked, stays the
  // same and nothing runs again). The revalidator object changes on every render, so it is left out.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === known) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
    revalidator.revalidate();
  }, [known]);
  return null;
}

/** A webinar's title with when it runs and who speaks: the same on the participant's and the trainer's page. */
export function WebinarHeader({
  webinar,
  viewerZone,
}: {
  webinar: { title: string; startsAt: Date | string; timeZone: string; durationMinutes: number; speaker: string };
  viewerZone?: string | null;
}) {
  return (
    <PageHeader
      title={webinar.title}
      subtitle={
        <>
          <WebinarWhen
            startsAt={webinar.startsAt}
            timeZone={webinar.timeZone}
            durationMinutes={webinar.durationMinutes}
            viewerZone={viewerZone}
          />{" "}
          · {webinar.speaker}
        </>
      }
    />
  );
}
