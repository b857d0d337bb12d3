import { useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { Card, Notice, PageHeader } from "~/components/ui";
import { Icon } from "~/components/icons";
import { WaitingClaimsCard } from "~/components/waiting-claims";

import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { navFor } from "~/lib/navigation";
import { getDb } from "@db/client";
import { myOpenContests } from "~/domain/contests/contests.server";
import { partnerHome } from "~/domain/home/home.server";
import { resolveLocale } from "~/i18n/locale.server";
import { PartnerHome } from "~/components/home-partner";
import { useFormat, useT } from "~/i18n/react";
import type { Route } from "./+types/home";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "home.view");
  const db = await getDb();
  // Partner people: what to do next, gathered in one statement (see partnerHome).
  const partner = isManufacturer(actor) ? null : await partnerHome(db, actor, resolveLocale(request, actor));
  return {
    partner,
    contests: partner ? [] : await myOpenContests(db, actor),
    name: actor.name,
    organisationName: actor.organisationName,
    role: actor.role,
    // Partner people have the bottom bar (and the side menu) for these; their home leads with next steps instead.
    shortcuts: partner
      ? []
      : navFor(actor.role, isManufacturer(actor))
          .filter((n) => n.to !== "/home")
          .map(({ to, label, icon }) => ({ to, label, icon })),
  };
}

export default function Home() {
  const { name, organisationName, role, shortcuts, contests, partner } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("welcome") ? <Notice>{t("home.welcome_new")}</Notice> : null}
      <PageHeader title={t("home.greeting", { name: name.split(" ")[0] })} subtitle={`${t(`role.${role}`)} · ${organisationName}`} />
      {partner ? <PartnerHome data={partner} role={role} /> : null}
      <WaitingClaimsCard />
      {contests.length ? (
        <div className="mb-4 grid gap-3 md:grid-cols-2">
          {contests.map((c) => (
            <Link key={c.id} to={`/contests/${c.id}`} className="block">
              <Card className="hover:border-brand-600">
                <p className="flex items-center gap-2 text-sm text-slate-600">
                  <Icon name="trophy" className="h-4 w-4 text-brand-600" /> {c.name}
                </p>
                {c.me ? (
                  <>
                    <p className="text-xl font-semibold">{t("contest.my_rank", { rank: c.me.rank, total: c.participants })}</p>
                    <p className="text-sm text-slate-700">
                      {c.me.gapToPrize === 0
                        ? t("contest.in_prize_zone")
                        : c.me.gapToPrize !== null
                          ? t("contest.gap_prize", { gap: c.me.gapToPrize })
                          : `${t("contest.score")}: ${f.number(c.me.score)}`}
                    </p>
                  </>
                ) : (
                  <p className="text-sm text-slate-700">{t("contest.not_started_scoring")}</p>
                )}
              </Card>
            </Link>
          ))}
        </div>
      ) : null}
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
