import { Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, paragraph } from "./layout";

/** To the programme's admins when this month's text messages reach 80% of the SMS budget (issue 20). */
export type SmsBudgetProps = { sent: number; budget: number; month: string };

export function subject(t: Translate) {
  return t("sms.budget.subject");
}

export function SmsBudgetEmail({ t, lang, ...p }: SmsBudgetProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout lang={lang} preview={subject(t)} heading={subject(t)} footer={t("email.footer.account")}>
      <Text style={paragraph}>{t("sms.budget.body", { sent: p.sent, budget: p.budget, month: p.month })}</Text>
    </EmailLayout>
  );
}
