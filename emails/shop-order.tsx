import { Button, Section, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

type Line = { name: string; nameRu?: string | null; label?: string; quantity: number };

/** What every order email carries; the step-specific parts are optional. */
export type ShopOrderProps = {
  name: string;
  number: number;
  url: string;
  lines: Line[];
  totalPoints: number;
  carrier?: string;
  trackingNumber?: string;
  reason?: string | null;
  refunded?: number;
};

export type ShopCodeProps = {
  name: string;
  number: number;
  url: string;
  codes: Array<{ name: string; nameRu?: string | null; code: string }>;
};

type Step = "placed" | "approved" | "shipped" | "delivered" | "cancelled";

function lineName(lang: string, l: { name: string; nameRu?: string | null }) {
  return lang === "ru" && l.nameRu ? l.nameRu : l.name;
}

function Lines({ lines, lang }: { lines: Line[]; lang: string }) {
  return (
    <Section style={{ margin: "8px 0 16px", padding: "8px 12px", backgroundColor: "#f8fafc", borderRadius: 6 }}>
      {lines.map((l, i) => (
        <Text key={i} style={{ ...paragraph, margin: "4px 0" }}>
          {l.quantity} × {lineName(lang, l)}
          {l.label ? ` (${l.label})` : ""}
        </Text>
      ))}
    </Section>
  );
}

function orderSubject(step: Step, t: Translate, p: ShopOrderProps) {
  return t(`email.shop.${step}.subject`, { number: `#${p.number}`, points: p.refunded ?? p.totalPoints });
}

function OrderBody({ step, t, lang, ...p }: ShopOrderProps & { step: Step; t: Translate; lang: string }) {
  return (
    <EmailLayout
      lang={lang}
      preview={orderSubject(step, t, p)}
      heading={t("email.shop.greeting", { name: p.name })}
      footer={t("email.shop.footer")}
    >
      <Text style={paragraph}>
        {t(`email.shop.${step}.body`, { number: `#${p.number}`, points: p.totalPoints, refunded: p.refunded ?? 0 })}
      </Text>
      <Lines lines={p.lines} lang={lang} />
      {step === "shipped" && p.trackingNumber ? (
        <Text style={paragraph}>{t("email.shop.tracking", { carrier: p.carrier ?? "", tracking: p.trackingNumber })}</Text>
      ) : null}
      {step === "cancelled" && p.reason ? <Text style={paragraph}>{t("email.shop.reason", { reason: p.reason })}</Text> : null}
      <Button href={p.url} style={button}>
        {t("email.shop.cta")}
      </Button>
    </EmailLayout>
  );
}

/** One template per step of an order: the same body, told from where the order stands. */
function orderEmail(step: Step) {
  return {
    subject: (t: Translate, p: ShopOrderProps) => orderSubject(step, t, p),
    body: (props: ShopOrderProps & { t: Translate; lang: string }) => <OrderBody step={step} {...props} />,
  };
}

export const placed = orderEmail("placed");
export const approved = orderEmail("approved");
export const shipped = orderEmail("shipped");
export const delivered = orderEmail("delivered");
export const cancelled = orderEmail("cancelled");

export function codeSubject(t: Translate, p: ShopCodeProps) {
  return t("email.shop.code.subject", { number: `#${p.number}` });
}

/** The digital reward itself: the portal shows the code once, this email keeps it for good. */
export function CodeEmail({ t, lang, ...p }: ShopCodeProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout
      lang={lang}
      preview={codeSubject(t, p)}
      heading={t("email.shop.greeting", { name: p.name })}
      footer={t("email.shop.footer")}
    >
      <Text style={paragraph}>{t("email.shop.code.body", { number: `#${p.number}` })}</Text>
      {p.codes.map((c, i) => (
        <Section key={i} style={{ margin: "8px 0", padding: "8px 12px", backgroundColor: "#f8fafc", borderRadius: 6 }}>
          <Text style={{ ...paragraph, margin: "2px 0" }}>{lineName(lang, c)}</Text>
          <Text style={{ fontSize: 20, fontFamily: "monospace", letterSpacing: 1, margin: "2px 0", color: "#111827" }}>{c.code}</Text>
        </Section>
      ))}
      <Text style={paragraph}>{t("email.shop.code.keep")}</Text>
      <Button href={p.url} style={button}>
        {t("email.shop.cta")}
      </Button>
    </EmailLayout>
  );
}

export type ShopWishProps = { name: string; url: string; rewards: Array<{ name: string; nameRu?: string | null; points: number }> };

export function wishSubject(t: Translate, p: ShopWishProps) {
  return p.rewards.length === 1 ? t("email.shop.wish.subject_one") : t("email.shop.wish.subject", { count: p.rewards.length });
}

/** "You can now get it": wish-list rewards that the participant's points now cover. */
export function WishEmail({ t, lang, ...p }: ShopWishProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout
      lang={lang}
      preview={wishSubject(t, p)}
      heading={t("email.shop.greeting", { name: p.name })}
      footer={t("email.shop.wish.footer")}
    >
      <Text style={paragraph}>{t("email.shop.wish.body")}</Text>
      <Section style={{ margin: "8px 0 16px", padding: "8px 12px", backgroundColor: "#f8fafc", borderRadius: 6 }}>
        {p.rewards.map((r, i) => (
          <Text key={i} style={{ ...paragraph, margin: "4px 0" }}>
            {lineName(lang, r)}: {t("email.shop.wish.points", { count: r.points })}
          </Text>
        ))}
      </Section>
      <Button href={p.url} style={button}>
        {t("email.shop.wish.cta")}
      </Button>
    </EmailLayout>
  );
}
