import { Button, Link, Text } from "@react-email/components";
import type { Locale } from "@db/schema/enums";
import { createFormatter } from "~/i18n/format";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

export type WebinarEmailProps = {
  name: string;
  title: string;
  speaker: string;
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  joinUrl: string;
  url: string;
  icsUrl: string;
};

/** "1 Dec 2026, 14:00 (Europe/Vilnius)": the time as announced, in the webinar's own zone. */
export function whenText(lang: string, p: Pick<WebinarEmailProps, "startsAt" | "timeZone">) {
  return `${createFormatter(lang as Locale, p.timeZone).dateTime(p.startsAt)} (${p.timeZone})`;
}

export function subject(t: Translate, p: WebinarEmailProps) {
  return t("email.webinar.registered.subject", { title: p.title });
}

export function WebinarRegisteredEmail({ t, lang, ...p }: WebinarEmailProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout
      lang={lang}
      preview={subject(t, p)}
      heading={t("email.webinar.registered.heading", { name: p.name })}
      footer={t("email.webinar.footer")}
    >
      <Text style={paragraph}>
        {t("email.webinar.registered.body", { title: p.title, speaker: p.speaker, when: whenText(lang, p), count: p.durationMinutes })}
      </Text>
      <Button href={p.joinUrl} style={button}>
        {t("email.webinar.join")}
      </Button>
      <Text style={paragraph}>
        <Link href={p.icsUrl}>{t("email.webinar.add_to_calendar")}</Link> · <Link href={p.url}>{t("email.webinar.details")}</Link>
      </Text>
    </EmailLayout>
  );
}
