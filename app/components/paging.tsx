import { Link } from "~/components/link";
import { useT } from "~/i18n/react";

/**
 * The links under a paged list: the next page (a plain link with a cursor, so it works without
 * JavaScript) and, past the first page, the way back to its start. Big enough for a thumb.
 */
export function PageLinks({ next, first, label }: { next: string | null; first: string | null; label?: string }) {
  const t = useT();
  if (!next && !first) return null;
  return (
    <nav aria-label={t("paging.nav")} className="mt-4 flex flex-wrap items-center justify-between gap-3">
      {first ? (
        <Link to={first} className="inline-flex min-h-11 items-center text-sm text-brand-600 underline">
          {t("paging.first")}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link
          to={next}
          rel="next"
          className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50"
        >
          {label ?? t("paging.next")}
        </Link>
      ) : null}
    </nav>
  );
}
