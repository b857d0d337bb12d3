import { Form, Outlet, data, useLoaderData, useLocation } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { shellBadges, shellCounts } from "~/domain/auth/request-floor.server";
import { Icon } from "~/components/icons";
import { InboxBell } from "~/components/inbox-bell";
import { MessageBar } from "~/components/message-bar";
import { takeFlash } from "~/lib/flash.server";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { NAV_ITEMS, navFor } from "~/lib/navigation";

/**
 * Every section's address and name, whoever reads: a page's title names the section it sits in
 * even when the reader's navigation does not show it (an announcement a salesperson reads). Sent
 * from here so that the browser does not load the navigation's module and, with it, the
 * permissions map (app/lib/page-meta.ts).
 */
const SECTIONS = [...new Map(NAV_ITEMS.map(({ to, label }) => [to, { to, label }])).values()];
import { ConnectionBanner } from "~/offline/connection-banner";
import type { Route } from "./+types/shell";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "home.view");
  const nav = navFor(actor.role, isManufacturer(actor));
  // The counts (unread, cart, waiting: only those this person's bar shows) come with the session in
  // one statement (app/domain/auth/request-floor.server.ts), unless an action ran first.
  const counts = context.counts ?? (await shellCounts(await getDb(), actor.id, shellBadges(actor.role, isManufacturer(actor))));
  const { flash, clear } = takeFlash(request);
  return data(
    {
      user: { name: actor.name, role: actor.role, organisationName: actor.organisationName },
      unread: counts.unread,
      counts: { "/shop": counts.cart, "/claims/review": counts.waiting } as Record<string, number | null>,
      flash,
      nav: nav.map(({ to, label, icon, bottom }) => ({ to, label, icon, bottom: !!bottom })),
      sections: SECTIONS,
    },
    clear ? { headers: { "Set-Cookie": clear } } : undefined,
  );
}

/** The number on a navigation item (units in the cart, claims waiting), drawn as a badge. */
function NavBadge({ to, count }: { to: string; count: number | null | undefined }) {
  if (!count) return null;
  return (
    <span
      aria-hidden="true"
      data-testid={`count-${to}`}
      className="inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-[0.7rem] leading-5 font-semibold text-white"
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}

/** The same number in words, after the item's name, for screen readers ("Shop, 2 items in the cart"). */
function NavCountText({ to, count }: { to: string; count: number | null | undefined }) {
  const t = useT();
  if (!count) return null;
  return <span className="sr-only">, {t(to === "/shop" ? "ui.count.cart" : "ui.count.waiting", { count })}</span>;
}

/**
 * The signed-in frame. Phones get a bottom bar with the few things a salesperson does all day;
 * wider screens get a sidebar with everything the role may open.
 */
export default function Shell() {
  const { user, nav, unread, counts, flash } = useLoaderData<typeof loader>();
  const t = useT();
  const bottom = nav.filter((n) => n.bottom).slice(0, 5);
  // One item lights up: the most specific one the current page sits under ("/claims/review"
  // rather than "/claims" too).
  const { pathname } = useLocation();
  const active = nav
    .filter((n) => pathname === n.to || pathname.startsWith(`${n.to}/`))
    .reduce<string | null>((best, n) => (best === null || n.to.length > best.length ? n.to : best), null);
  return (
    <div className="min-h-dvh md:flex">
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white md:flex md:flex-col">
        <div className="flex items-start justify-between gap-2 py-4 pr-2 pl-5">
          <div className="min-w-0">
            <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase">{t("app.name")}</p>
            <p className="mt-1 truncate text-xs text-slate-500">{user.organisationName}</p>
          </div>
          <InboxBell unread={unread} />
        </div>
        <nav aria-label={t("nav.main")} className="flex-1 px-2">
          {nav.map((item) => (
            <Link
              key={item.to}
              to={item.to}
              aria-current={item.to === active ? "page" : undefined}
              className={`mb-1 flex items-center gap-3 rounded-lg px-3 py-2 text-sm ${item.to === active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
            >
              <Icon name={item.icon} />
              <span className="flex-1">
                {t(item.label)}
                <NavCountText to={item.to} count={counts[item.to]} />
              </span>
              <NavBadge to={item.to} count={counts[item.to]} />
            </Link>
          ))}
        </nav>
        <div className="border-t border-slate-200 p-4 text-sm">
          <p className="truncate font-medium">{user.name}</p>
          <p className="mb-2 text-xs text-slate-500">{t(`role.${user.role}`)}</p>
          <Form method="post" action="/logout">
            <button type="submit" className="text-slate-600 underline">
              {t("auth.sign_out")}
            </button>
          </Form>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <ConnectionBanner />
        <header className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white py-1 pr-2 pl-4 md:hidden">
          <p className="text-sm font-semibold text-brand-600">{t("app.name")}</p>
          <div className="flex min-w-0 items-center gap-1">
            <p className="truncate text-xs text-slate-500">{user.organisationName}</p>
            <InboxBell unread={unread} />
          </div>
        </header>
        <main className="mx-auto max-w-5xl px-4 pt-4 pb-24 md:px-8 md:pt-8 md:pb-8">
          <Outlet />
        </main>
      </div>
      <MessageBar fromRedirect={flash} />
      <nav
        aria-label={t("nav.bottom")}
        className="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] md:hidden"
      >
        <ul className="flex">
          {bottom.map((item) => (
            <li key={item.to} className="flex-1">
              <Link
                to={item.to}
                aria-current={item.to === active ? "page" : undefined}
                className={`flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs ${item.to === active ? "text-brand-600" : "text-slate-600"}`}
              >
                <span className="relative">
                  <Icon name={item.icon} className="h-6 w-6" />
                  <span className="absolute -top-1.5 left-4">
                    <NavBadge to={item.to} count={counts[item.to]} />
                  </span>
                </span>
                <span>
                  {t(item.label)}
                  <NavCountText to={item.to} count={counts[item.to]} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
