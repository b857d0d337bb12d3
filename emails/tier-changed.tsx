import { Button, Text } from "@react-email/components";
import type { Tier } from "@db/schema/enums";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

/**
 * To every person of a partner whose tier changed (a review, a pin or an unpin): the new tier and
 * what it does to their points (the tier's multiplier, whole percent).
 */
export type TierChangedProps = { name: string; from: Tier; to: Tier; multiplierPercent: number; url: string };

export function subject(t: Translate, p: TierChangedProps) {
  return t("email.tier_changed.subject", { tier: t(`tier.${p.to}`) });
}

export function TierChangedEmail({ t, lang, ...p }: TierChangedProps & { t: Translate; lang: string; zone?: string }) {
  return (
    <EmailLayout
      lang={lang}
      preview={subject(t, p)}
      heading={t("email.tier_changed.heading", { name: p.name.split(" ")[0] })}
      footer={t("email.footer.programme")}
    >
      <Text style={paragraph}>{t("email.tier_changed.body", { from: t(`tier.${p.from}`), to: t(`tier.${p.to}`) })}</Text>
      <Text style={paragraph}>{t("email.tier_changed.points", { percent: p.multiplierPercent })}</Text>
      <Button href={p.url} style={button}>
        {t("email.tier_changed.cta")}
      </Button>
    </EmailLayout>
  );
}
