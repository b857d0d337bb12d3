import type { Phase } from "~/domain/contests/rules";
import { useT } from "~/i18n/react";
import { Badge } from "./ui";

export function PhaseBadge({ phase }: { phase: Phase }) {
  const t = useT();
  const tone = phase === "running" ? "green" : phase === "upcoming" ? "blue" : phase === "closed" ? "slate" : "amber";
  return <Badge tone={tone}>{t(`contest.phase.${phase}`)}</Badge>;
}
