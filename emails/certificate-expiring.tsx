import { Button, Link, Text } from "@react-email/components";
import type { Locale } from "@db/schema/enums";
import { createFormatter } from "~/i18n/format";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

export type CertificateExpiringProps = { name: string; title: string; expiresAt: string; url: string; certificateUrl: string };

export function subject(t: Translate, p: CertificateExpiringProps) {
  return t("email.certificate.subject", { title: p.title });
}

export function CertificateExpiringEmail({
  t,
  lang,
  zone,
  ...p
}: CertificateExpiringProps & { t: Translate; lang: string; zone?: string }) {
  const date = createFormatter(lang as Locale, zone).date(p.expiresAt);
  return (
    <EmailLayout
      lang={lang}
      preview={subject(t, p)}
      heading={t("email.certificate.heading", { name: p.name })}
      footer={t("email.webinar.footer")}
    >
      <Text style={paragraph}>{t("email.certificate.body", { title: p.title, date })}</Text>
      <Button href={p.url} style={button}>
        {t("email.certificate.cta")}
      </Button>
      <Text style={paragraph}>
        <Link href={p.certificateUrl}>{t("email.certificate.view")}</Link>
      </Text>
    </EmailLayout>
  );
}
