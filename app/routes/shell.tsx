import { Form, NavLink, Outlet, useLoaderData } from "react-router";
import { Icon } from "~/components/icons";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { navFor } from "~/lib/navigation";
import { ConnectionBanner } from "~/offline/connection-banner";
import type { Route } from "./+types/shell";

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "home.view");
  return {
    user: { name: actor.name, role: actor.role, organisationName: actor.organisationName },
    nav: navFor(actor.role, isManufacturer(actor)).map(({ to, label, icon, bottom }) => ({ to, label, icon, bottom: !!bottom })),
  };
}

/**
 * The signed-in frame. Phones get a bottom bar with the few things a salesperson does all day;
 * wider screens get a sidebar with everything the role may open.
 */
export default function Shell() {
  const { user, nav } = useLoaderData<typeof loader>();
  const t = useT();
  const bottom = nav.filter((n) => n.bottom).slice(0, 5);
  return (
    <div className="min-h-dvh md:flex">
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white md:flex md:flex-col">
        <div className="px-5 py-4">
          <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase">{t("app.name")}</p>
          <p className="mt-1 truncate text-xs text-slate-500">{user.organisationName}</p>
        </div>
        <nav aria-label={t("nav.main")} className="flex-1 px-2">
          {nav.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              className={({ isActive }) =>
                `mb-1 flex items-center gap-3 rounded-lg px-3 py-2 text-sm ${isActive ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`
              }
            >
              <Icon name={item.icon} />
              {t(item.label)}
            </NavLink>
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
        <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
          <p className="text-sm font-semibold text-brand-600">{t("app.name")}</p>
          <p className="truncate text-xs text-slate-500">{user.organisationName}</p>
        </header>
        <main className="mx-auto max-w-5xl px-4 pt-4 pb-24 md:px-8 md:pt-8 md:pb-8">
          <Outlet />
        </main>
      </div>
      <nav aria-label={t("nav.bottom")} className="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] md:hidden">
        <ul className="flex">
          {bottom.map((item) => (
            <li key={item.to} className="flex-1">
              <NavLink
                to={item.to}
                className={({ isActive }) => `flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs ${isActive ? "text-brand-600" : "text-slate-600"}`}
              >
                <Icon name={item.icon} className="h-6 w-6" />
                {t(item.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
