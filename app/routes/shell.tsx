import { Form, Link, Outlet, useLoaderData, useLocation } from "react-router";
import { getDb } from "@db/client";
import { shellCounts } from "~/domain/auth/request-floor.server";
import { Icon } from "~/components/icons";
import { InboxBell } from "~/components/inbox-bell";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { navFor } from "~/lib/navigation";
import { ConnectionBanner } from "~/offline/connection-banner";
import type { Route } from "./+types/shell";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "home.view");
  return {
    user: { name: actor.name, role: actor.role, organisationName: actor.organisationName },
    // Read with the session in the same statement (app/domain/auth/request-floor.server.ts) unless an action ran first.
    ...(context.counts ?? (await shellCounts(await getDb(), actor.id))),
    nav: navFor(actor.role, isManufacturer(actor)).map(({ to, label, icon, bottom }) => ({ to, label, icon, bottom: !!bottom })),
  };
}

/**
 * The signed-in frame. Phones get a bottom bar with the few things a salesperson does all day;
 * wider screens get a sidebar with everything the role may open.
 */
export default function Shell() {
  const { user, nav, unread } = useLoaderData<typeof loader>();
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
              {t(item.label)}
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
                <Icon name={item.icon} className="h-6 w-6" />
                {t(item.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
