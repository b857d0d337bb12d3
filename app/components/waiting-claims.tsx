import { useRouteLoaderData } from "react-router";
import { Link } from "~/components/link";
import { Card } from "~/components/ui";
import { useT } from "~/i18n/react";

/**
 * For the channel team on home: how many claims wait for a decision, leading to the queue. The
 * number comes from the shell's counts (no query of its own); null for roles that do not review.
 */
export function WaitingClaimsCard() {
  const t = useT();
  const shell = useRouteLoaderData("routes/shell") as { counts?: Record<string, number | null> } | undefined;
  const waiting = shell?.counts?.["/claims/review"];
  if (waiting === null || waiting === undefined) return null;
  return (
    <Link to="/claims/review" className="mb-4 block" data-testid="home-waiting">
      <Card className="hover:border-brand-600">
        <p className="text-sm text-slate-600">{t("nav.claims_review")}</p>
        <p className="text-3xl font-bold text-brand-600">{waiting}</p>
        <p className="mt-1 text-sm text-slate-700">{waiting ? t("ui.count.waiting", { count: waiting }) : t("claims.queue_empty")}</p>
      </Card>
    </Link>
  );
}
