import { Button, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

/** The answer to a request to join a partner (issue 19): approved with a link to set a password, or declined. */
export type EnrolmentDecidedProps = {
  name: string;
  organisationName: string;
  decision: "approved" | "declined";
  note: string;
  url: string;
  days: number;
};

export function decidedSubject(t: Translate, p: EnrolmentDecidedProps) {
  return t(p.decision === "approved" ? "enrol.email.approved_subject" : "enrol.email.declined_subject", {
    organisation: p.organisationName,
  });
}

export function EnrolmentDecidedEmail({ t, lang, ...p }: EnrolmentDecidedProps & { t: Translate; lang: string }) {
  const approved = p.decision === "approved";
  return (
    <EmailLayout
      lang={lang}
      preview={decidedSubject(t, p)}
      heading={t("enrol.email.heading", { name: p.name })}
      footer={t("email.footer.account")}
    >
      <Text style={paragraph}>
        {t(approved ? "enrol.email.approved_body" : "enrol.email.declined_body", { organisation: p.organisationName })}
      </Text>
      {p.note ? <Text style={paragraph}>{t("enrol.email.note", { note: p.note })}</Text> : null}
      {approved ? (
        <>
          <Button href={p.url} style={button}>
            {t("email.invite.cta")}
          </Button>
          <Text style={paragraph}>{t("email.invite.expires", { count: p.days })}</Text>
          <Text style={{ ...paragraph, fontSize: 12, wordBreak: "break-all" }}>{p.url}</Text>
        </>
      ) : null}
    </EmailLayout>
  );
}

/** A participant's invitation to a colleague to join the programme. */
export type ReferralInvitationProps = { name: string; referrerName: string; organisationName: string; url: string };

export function referralSubject(t: Translate, p: ReferralInvitationProps) {
  return t("enrol.email.referral_subject", { referrer: p.referrerName });
}

export function ReferralInvitationEmail({ t, lang, ...p }: ReferralInvitationProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout
      lang={lang}
      preview={referralSubject(t, p)}
      heading={t("enrol.email.heading", { name: p.name })}
      footer={t("email.footer.account")}
    >
      <Text style={paragraph}>{t("enrol.email.referral_body", { referrer: p.referrerName, organisation: p.organisationName })}</Text>
      <Button href={p.url} style={button}>
        {t("enrol.email.referral_cta")}
      </Button>
    </EmailLayout>
  );
}
