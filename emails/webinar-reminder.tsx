import { Button, Link, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";
import { type WebinarEmailProps, whenText } from "./webinar-registered";

export type WebinarReminderProps = WebinarEmailProps & { kind: "day" | "hour" };

export function subject(t: Translate, p: WebinarReminderProps) {
  return t(p.kind === "day" ? "email.webinar.reminder.subject_day" : "email.webinar.reminder.subject_hour", { title: p.title });
}

export function WebinarReminderEmail({ t, lang, ...p }: WebinarReminderProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout lang={lang} preview={subject(t, p)} heading={subject(t, p)} footer={t("email.webinar.footer")}>
      <Text style={paragraph}>
        {t("email.webinar.reminder.body", { name: p.name, title: p.title, speaker: p.speaker, when: whenText(lang, p) })}
      </Text>
      <Button href={p.joinUrl} style={button}>
        {t("email.webinar.join")}
      </Button>
      <Text style={paragraph}>{t("email.webinar.reminder.code")}</Text>
      <Text style={paragraph}>
        <Link href={p.url}>{t("email.webinar.details")}</Link>
      </Text>
    </EmailLayout>
  );
}
