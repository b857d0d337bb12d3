import { Badge } from "~/components/ui";
import { useT } from "~/i18n/react";

export type MatchView = {
  status: "matched" | "partial" | "unmatched";
  linesTotal: number;
  linesMatched: number;
  foreignSerials: string[];
};

/** What the sell-out data says about a claim: matched, partly matched or not found, and any serial sold by another partner. */
export function SelloutMatch({ match }: { match: MatchView | null | undefined }) {
  const t = useT();
  const m = match ?? { status: "unmatched" as const, linesTotal: 0, linesMatched: 0, foreignSerials: [] };
  const tone = m.status === "matched" ? "green" : m.status === "partial" ? "amber" : "slate";
  return (
    <span className="flex flex-wrap items-center gap-1" data-testid="sellout-match">
      <Badge tone={tone}>{t(`sellout.match.${m.status}`, { matched: m.linesMatched, total: m.linesTotal })}</Badge>
      {m.foreignSerials.length ? (
        <Badge tone="red">{t("sellout.match.foreign", { serials: m.foreignSerials.slice(0, 5).join(", ") })}</Badge>
      ) : null}
    </span>
  );
}
