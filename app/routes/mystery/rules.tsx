import { useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { Card, PageHeader } from "~/components/ui";
import { getMysterySettings } from "~/domain/mystery/scenarios.server";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/rules";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "mystery.rules");
  const s = await getMysterySettings(await getDb());
  return { award: s.awardPoints, window: s.disputeWindowDays, rotation: s.rotationDays };
}

/**
 * The programme's rules on mystery shopping, for every participant: told in advance that
 * shoppers visit (the research industry's ethics), how a visit is scored, what earns the award
 * and how to dispute a report.
 */
export default function MysteryRules() {
  const { award, window, rotation } = useLoaderData<typeof loader>();
  const t = useT();
  const sections = [
    ["mystery.rules.visits_title", "mystery.rules.visits"],
    ["mystery.rules.ethics_title", "mystery.rules.ethics"],
    ["mystery.rules.scoring_title", "mystery.rules.scoring"],
    ["mystery.rules.award_title", "mystery.rules.award"],
    ["mystery.rules.disputes_title", "mystery.rules.disputes"],
  ] as const;
  return (
    <>
      <PageHeader title={t("mystery.rules.title")} subtitle={t("mystery.rules.subtitle")} />
      <div className="space-y-4">
        {sections.map(([title, body]) => (
          <Card key={title}>
            <h2 className="mb-2 text-lg font-semibold">{t(title)}</h2>
            <p className="whitespace-pre-line text-slate-800">{t(body, { award, window, rotation })}</p>
          </Card>
        ))}
      </div>
    </>
  );
}
