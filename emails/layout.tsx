import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { createContext, useContext, type ReactNode } from "react";
import type { Translate } from "~/i18n/translate";

/** Set by renderEmail: lets every template's footer carry the unsubscribe link of its topic. */
const Frame = createContext<{ t?: Translate; unsubscribeUrl?: string }>({});
export const EmailFrame = Frame.Provider;

/** The frame every portal email shares: heading, body, and a footer saying why it was sent. */
export function EmailLayout(props: { lang: string; preview: string; heading: string; footer: string; children: ReactNode }) {
  return (
    <Html lang={props.lang}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: "#f4f5f7", fontFamily: "Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, padding: 24, maxWidth: 560 }}>
          <Heading as="h1" style={{ fontSize: 20, color: "#111827", margin: "0 0 16px" }}>
            {props.heading}
          </Heading>
          <Section>{props.children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0 12px" }} />
          <Text style={{ fontSize: 12, color: "#6b7280", margin: 0 }}>{props.footer}</Text>
          <Unsubscribe />
        </Container>
      </Body>
    </Html>
  );
}

function Unsubscribe() {
  const { t, unsubscribeUrl } = useContext(Frame);
  if (!t || !unsubscribeUrl) return null;
  return (
    <Text style={{ fontSize: 12, color: "#6b7280", margin: "8px 0 0" }}>
      <Link href={unsubscribeUrl} style={{ color: "#6b7280", textDecoration: "underline" }}>
        {t("email.unsubscribe")}
      </Link>
    </Text>
  );
}

export const paragraph = { fontSize: 15, lineHeight: "22px", color: "#1f2937" } as const;
export const button = {
  backgroundColor: "#1d4ed8",
  color: "#ffffff",
  borderRadius: 6,
  padding: "12px 20px",
  fontSize: 15,
  textDecoration: "none",
  display: "inline-block",
} as const;
