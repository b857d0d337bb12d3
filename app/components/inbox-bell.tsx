import { NavLink } from "react-router";
import { useT } from "~/i18n/react";

/** The bell in the header: how many notices wait unread, one tap from the inbox. */
export function InboxBell({ unread, className = "" }: { unread: number; className?: string }) {
  const t = useT();
  const label = unread ? t("inbox.bell_unread", { count: unread }) : t("inbox.title");
  return (
    <NavLink
      to="/inbox"
      aria-label={label}
      title={label}
      className={({ isActive }) =>
        `relative inline-flex h-11 w-11 items-center justify-center rounded-full ${isActive ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"} ${className}`
      }
    >
      <svg
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
        className="h-6 w-6"
        aria-hidden="true"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread ? (
        <span
          data-testid="unread-count"
          className="absolute top-0.5 right-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] leading-5 font-semibold text-white"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
