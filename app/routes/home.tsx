import { Link, useLoaderData, useSearchParams } from "react-router";
import { Card, Notice, PageHeader } from "~/components/ui";
import { Icon } from "~/components/icons";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { navFor } from "~/lib/navigation";
import type { Route } from "./+types/home";

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "home.view");
  return {
    name: actor.name,
    organisationName: actor.organisationName,
    role: actor.role,
    shortcuts: navFor(actor.role, isManufacturer(actor)).filter((n) => n.to !== "/home").map(({ to, label, icon }) => ({ to, label, icon })),
  };
}

export default function Home() {
  const { name, organisationName, role, shortcuts } = useLoaderData<typeof loader>();
  const t = useT();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("welcome") ? <Notice>{t("home.welcome_new")}</Notice> : null}
      <PageHeader title={t("home.greeting", { name: name.split(" ")[0] })} subtitle={`${t(`role.${role}`)} · ${organisationName}`} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {shortcuts.map((s) => (
          <Link key={s.to} to={s.to} className="block">
            <Card className="flex h-full items-center gap-3 hover:border-brand-600">
              <Icon name={s.icon} className="h-6 w-6 text-brand-600" />
              <span className="font-medium">{t(s.label)}</span>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
