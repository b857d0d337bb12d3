import { Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, paragraph } from "./layout";
import { type WebinarEmailProps, whenText } from "./webinar-registered";

export function subject(t: Translate, p: WebinarEmailProps) {
  return t("email.webinar.cancelled.subject", { title: p.title });
}

export function WebinarCancelledEmail({ t, lang, ...p }: WebinarEmailProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout lang={lang} preview={subject(t, p)} heading={subject(t, p)} footer={t("email.webinar.footer")}>
      <Text style={paragraph}>{t("email.webinar.cancelled.body", { name: p.name, title: p.title, when: whenText(lang, p) })}</Text>
    </EmailLayout>
  );
}
