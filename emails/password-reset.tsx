import { Button, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

export type PasswordResetProps = { name: string; url: string; minutes: number };

export function subject(t: Translate) {
  return t("email.reset.subject");
}

export function PasswordResetEmail({ t, lang, ...p }: PasswordResetProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout lang={lang} preview={subject(t)} heading={t("email.reset.heading", { name: p.name })} footer={t("email.footer.account")}>
      <Text style={paragraph}>{t("email.reset.body")}</Text>
      <Button href={p.url} style={button}>
        {t("email.reset.cta")}
      </Button>
      <Text style={paragraph}>{t("email.reset.expires", { count: p.minutes })}</Text>
      <Text style={paragraph}>{t("email.reset.ignore")}</Text>
      <Text style={{ ...paragraph, fontSize: 12, wordBreak: "break-all" }}>{p.url}</Text>
    </EmailLayout>
  );
}
