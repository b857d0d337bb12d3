import { Button, Link, Text } from "@react-email/components";
import type { Locale } from "@db/schema/enums";
import { createFormatter } from "~/i18n/format";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

/** `expiresOn` is an ISO timestamp: the date is written in the recipient's language when the mail is rendered. */
export type PointsExpiringProps = { name: string; points: number; expiresOn: string; pointsUrl: string; shopUrl: string };

export function subject(t: Translate, p: PointsExpiringProps) {
  return t("email.points_expiring.subject", { count: p.points });
}

/** Sent once per expiring lot, ahead of the date, so nobody loses points they did not know about. */
export function PointsExpiringEmail({ t, lang, zone, ...p }: PointsExpiringProps & { t: Translate; lang: string; zone?: string }) {
  const f = createFormatter(lang as Locale, zone);
  return (
    <EmailLayout
      lang={lang}
      preview={subject(t, p)}
      heading={t("email.points_expiring.heading", { name: p.name })}
      footer={t("email.footer.programme")}
    >
      <Text style={paragraph}>{t("email.points_expiring.body", { count: p.points, date: f.date(p.expiresOn) })}</Text>
      <Text style={paragraph}>{t("email.points_expiring.spend")}</Text>
      <Button href={p.shopUrl} style={button}>
        {t("email.points_expiring.cta_shop")}
      </Button>
      <Text style={paragraph}>
        <Link href={p.pointsUrl}>{t("email.points_expiring.cta_points")}</Link>
      </Text>
    </EmailLayout>
  );
}
