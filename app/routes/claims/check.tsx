import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { listClaims } from "~/domain/claims/claims.server";
import { getSettings } from "~/domain/points/ledger.server";
import { Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/check";

/** A partner manager's queue: colleagues' claims the programme asks them to check before the manufacturer sees them. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "claims.check");
  const db = await getDb();
  const [settings, rows] = await Promise.all([getSettings(db), listClaims(db, actor, { status: "manager_check" })]);
  return { enabled: settings.partnerManagerCheck, claims: rows.filter((r) => r.userId !== actor.id) };
}

export default function ManagerCheck() {
  const { enabled, claims } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader title={t("claims.check_queue_title")} subtitle={t(enabled ? "claims.check_queue_on" : "claims.check_queue_off")} />
      {claims.length === 0 ? (
        <Card>
          <p className="text-slate-600">{t("claims.check_queue_empty")}</p>
        </Card>
      ) : (
        <ul className="space-y-2">
          {claims.map((c) => (
            <li key={c.id}>
              <Link to={`/claims/${c.id}`} className="block">
                <Card className="hover:border-brand-600">
                  <p className="font-medium">
                    {t("claims.claim_title", { number: c.number })} · {c.claimantName}
                  </p>
                  <p className="text-sm text-slate-600">
                    {c.invoiceNumber} · {c.invoiceDate ? f.day(c.invoiceDate) : ""} · {t("claims.points_value", { count: c.points })}
                  </p>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
