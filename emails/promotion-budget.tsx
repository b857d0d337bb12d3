import { Button, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

/** To the channel team, once, when a promotion's points budget reaches 80% (issue 14). */
export type PromotionBudgetProps = { name: string; promotion: string; spent: number; budget: number; percent: number; url: string };

export function subject(t: Translate, p: PromotionBudgetProps) {
  return t("gates.budget.subject", { promo: p.promotion, percent: p.percent });
}

export function PromotionBudgetEmail({ t, lang, ...p }: PromotionBudgetProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout lang={lang} preview={subject(t, p)} heading={subject(t, p)} footer={t("email.footer.account")}>
      <Text style={paragraph}>{t("gates.budget.body", { promo: p.promotion, spent: p.spent, budget: p.budget, percent: p.percent })}</Text>
      <Button href={p.url} style={button}>
        {t("gates.budget.cta")}
      </Button>
    </EmailLayout>
  );
}
