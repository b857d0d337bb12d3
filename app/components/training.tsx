import type { ReactNode } from "react";
import type { Block, Inline } from "~/domain/training/markdown";
import { createFormatter } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { PageHeader } from "~/components/ui";

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
          <a key={i} href={n.href} className="text-brand-600 underline" rel="noopener noreferrer" target={n.href.startsWith("/") ? undefined : "_blank"}>
            <InlineNodes nodes={n.c} />
          </a>
        );
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
        }
      })}
    </div>
  );
}

export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total ? Math.round((done * 100) / total) : 0;
  return (
    <div>
      <div className="h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600">{label}</p>
    </div>
  );
}

/** A webinar's start as announced: the local time in its own zone, with the zone named. */
export function WebinarWhen({ startsAt, timeZone, durationMinutes }: { startsAt: Date | string; timeZone: string; durationMinutes?: number }) {
  const locale = useLocale();
  const t = useT();
  const f = createFormatter(locale, timeZone);
  return (
    <span>
      {f.dateTime(startsAt)} <span className="text-slate-500">({timeZone})</span>
      {durationMinutes ? <> · {t("training.webinar.minutes", { count: durationMinutes })}</> : null}
    </span>
  );
}

/** A webinar's title with when it runs and who speaks: the same on the participant's and the trainer's page. */
export function WebinarHeader({ webinar }: { webinar: { title: string; startsAt: Date | string; timeZone: string; durationMinutes: number; speaker: string } }) {
  return (
    <PageHeader
      title={webinar.title}
      subtitle={
        <>
          <WebinarWhen startsAt={webinar.startsAt} timeZone={webinar.timeZone} durationMinutes={webinar.durationMinutes} /> · {webinar.speaker}
        </>
      }
    />
  );
}
