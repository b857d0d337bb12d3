import { Button, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

export type ContestAnnouncedProps = { contestName: string; from: string; to: string; metricKey: string; topPrize: string; url: string };

export function subject(t: Translate, p: ContestAnnouncedProps) {
  return t("email.contest_new.subject", { contest: p.contestName });
}

/** Tells eligible sellers a contest exists: people who never hear of one cannot take part. */
export function ContestAnnouncedEmail({ t, lang, ...p }: ContestAnnouncedProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout lang={lang} preview={subject(t, p)} heading={p.contestName} footer={t("email.footer.programme")}>
      <Text style={paragraph}>{t("email.contest_new.body", { from: p.from, to: p.to, metric: t(p.metricKey) })}</Text>
      {p.topPrize ? <Text style={paragraph}>{t("email.contest_new.prize", { prize: p.topPrize })}</Text> : null}
      <Button href={p.url} style={button}>
        {t("email.contest_new.cta")}
      </Button>
    </EmailLayout>
  );
}
