import { Button, Section, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

export type ClaimDecision = "approved" | "rejected" | "info_requested" | "returned";

export type ClaimDecidedProps = {
  name: string;
  number: number;
  invoiceNumber: string;
  decision: ClaimDecision;
  /** Points credited (approved only); less than `points` when the monthly cap trimmed them. */
  credited: number;
  points: number;
  /** The reviewer's reason or question, in their words. */
  note: string;
  url: string;
  /** "Did you know": a line about a product, with the product it is about. */
  tip: { product: string; text: string } | null;
};

export function subject(t: Translate, p: ClaimDecidedProps) {
  return t(`email.claim.subject.${p.decision}`, { number: p.number, invoice: p.invoiceNumber });
}

export function ClaimDecidedEmail({ t, lang, ...p }: ClaimDecidedProps & { t: Translate; lang: string }) {
  const firstName = p.name.split(" ")[0];
  return (
    <EmailLayout
      lang={lang}
      preview={subject(t, p)}
      heading={t(`email.claim.heading.${p.decision}`, { name: firstName })}
      footer={t("email.claim.footer")}
    >
      <Text style={paragraph}>
        {t(`email.claim.body.${p.decision}`, { number: p.number, invoice: p.invoiceNumber, count: p.credited })}
      </Text>
      {p.decision === "approved" && p.credited < p.points ? (
        <Text style={paragraph}>{t("email.claim.capped", { points: p.points, credited: p.credited })}</Text>
      ) : null}
      {p.note ? (
        <Text style={{ ...paragraph, borderLeft: "3px solid #d1d5db", paddingLeft: 12, fontStyle: "italic" }}>
          {t(p.decision === "rejected" ? "email.claim.reason" : "email.claim.question", { note: p.note })}
        </Text>
      ) : null}
      <Button href={p.url} style={button}>
        {t(p.decision === "approved" ? "email.claim.cta_view" : "email.claim.cta_fix")}
      </Button>
      {p.tip ? (
        <Section style={{ marginTop: 20, backgroundColor: "#eff6ff", borderRadius: 6, padding: "4px 14px" }}>
          <Text style={{ ...paragraph, fontSize: 14 }}>
            <strong>{t("email.claim.tip_title")}</strong> {p.tip.product}: {p.tip.text}
          </Text>
        </Section>
      ) : (
        <Section style={{ marginTop: 20, backgroundColor: "#eff6ff", borderRadius: 6, padding: "4px 14px" }}>
          <Text style={{ ...paragraph, fontSize: 14 }}>
            <strong>{t("email.claim.tip_title")}</strong> {t("email.claim.tip_default")}
          </Text>
        </Section>
      )}
    </EmailLayout>
  );
}
