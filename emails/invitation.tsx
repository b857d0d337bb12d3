import { Button, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

export type InvitationProps = { name: string; organisationName: string; inviterName: string; url: string; days: number };

export function subject(t: Translate, p: InvitationProps) {
  return t("email.invite.subject", { organisation: p.organisationName });
}

export function InvitationEmail({ t, lang, ...p }: InvitationProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout
      lang={lang}
      preview={subject(t, p)}
      heading={t("email.invite.heading", { name: p.name })}
      footer={t("email.footer.account")}
    >
      <Text style={paragraph}>{t("email.invite.body", { inviter: p.inviterName, organisation: p.organisationName })}</Text>
      <Button href={p.url} style={button}>
        {t("email.invite.cta")}
      </Button>
      <Text style={paragraph}>{t("email.invite.expires", { count: p.days })}</Text>
      <Text style={{ ...paragraph, fontSize: 12, wordBreak: "break-all" }}>{p.url}</Text>
    </EmailLayout>
  );
}
