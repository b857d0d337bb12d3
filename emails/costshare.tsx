import { Button, Text } from "@react-email/components";
import { createFormatter } from "~/i18n/format";
import type { Translate } from "~/i18n/translate";
import type { Locale } from "@db/schema/enums";
import { EmailLayout, button, paragraph } from "./layout";

/** Every cost-share mail to a partner: a decision on a request or claim, a payment, an expiry or a reminder. */
export type CostshareNoticeKind =
  | "request_approved"
  | "request_rejected"
  | "request_returned"
  | "request_expired"
  | "claim_approved"
  | "claim_rejected"
  | "claim_returned"
  | "paid"
  | "funds_expiring"
  | "claim_window";

export type CostshareNoticeProps = {
  name: string;
  kind: CostshareNoticeKind;
  number: number;
  title: string;
  amountMinor: number;
  currency: string;
  /** The decider's reason or question, a payment reference, or the day something ends. */
  note: string;
  days: number;
  url: string;
};

export function subject(t: Translate, p: CostshareNoticeProps) {
  return t(`email.costshare.subject.${p.kind}`, { number: p.number, title: p.title, days: p.days });
}

export function CostshareNoticeEmail({ t, lang, zone, ...p }: CostshareNoticeProps & { t: Translate; lang: string; zone?: string }) {
  const f = createFormatter(lang as Locale, zone);
  const amount = f.money(p.amountMinor, p.currency);
  return (
    <EmailLayout lang={lang} preview={subject(t, p)} heading={subject(t, p)} footer={t("email.costshare.footer")}>
      <Text style={paragraph}>{t("email.costshare.hello", { name: p.name.split(" ")[0] })}</Text>
      <Text style={paragraph}>
        {t(`email.costshare.body.${p.kind}`, { number: p.number, title: p.title, amount, days: p.days, note: p.note })}
      </Text>
      {p.note &&
      ["request_rejected", "request_returned", "claim_rejected", "claim_returned", "request_approved", "claim_approved"].includes(
        p.kind,
      ) ? (
        <Text style={{ ...paragraph, borderLeft: "3px solid #d1d5db", paddingLeft: 12, fontStyle: "italic" }}>{p.note}</Text>
      ) : null}
      <Button href={p.url} style={button}>
        {t("email.costshare.cta")}
      </Button>
    </EmailLayout>
  );
}
