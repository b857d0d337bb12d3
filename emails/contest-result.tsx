import { Button, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

export type ContestResultProps = {
  contestName: string;
  rank: number;
  score: number;
  participants: number;
  prizePoints: number;
  prizeDescription: string;
  url: string;
};

export function subject(t: Translate, p: ContestResultProps) {
  return t("email.contest.subject", { contest: p.contestName });
}

export function ContestResultEmail({ t, lang, ...p }: ContestResultProps & { t: Translate; lang: string }) {
  const won = p.prizePoints > 0 || p.prizeDescription !== "";
  return (
    <EmailLayout
      lang={lang}
      preview={subject(t, p)}
      heading={t(won ? "email.contest.heading_won" : "email.contest.heading", { contest: p.contestName })}
      footer={t("email.footer.programme")}
    >
      <Text style={paragraph}>{t("email.contest.standing", { rank: p.rank, participants: p.participants, score: p.score })}</Text>
      {p.prizePoints > 0 ? <Text style={paragraph}>{t("email.contest.points", { count: p.prizePoints })}</Text> : null}
      {p.prizeDescription ? <Text style={paragraph}>{t("email.contest.physical", { prize: p.prizeDescription })}</Text> : null}
      <Button href={p.url} style={button}>
        {t("email.contest.cta")}
      </Button>
    </EmailLayout>
  );
}
