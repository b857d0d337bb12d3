import { Button, Section } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

/** An announcement in the recipient's language; `html` is the body rendered by renderMarkdown (no raw HTML passes it). */
export type AnnouncementProps = { title: string; html: string; url: string };

export function subject(_t: Translate, p: AnnouncementProps) {
  return p.title;
}

export function AnnouncementEmail({ t, lang, ...p }: AnnouncementProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout lang={lang} preview={p.title} heading={p.title} footer={t("communication.email.footer")}>
      {/* Safe by construction: markdown-it with html disabled escaped every tag the author typed. */}
      <Section style={paragraph}>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML comes from renderMarkdown, which escapes every tag typed */}
        <div dangerouslySetInnerHTML={{ __html: p.html }} />
      </Section>
      <Button href={p.url} style={button}>
        {t("communication.email.open")}
      </Button>
    </EmailLayout>
  );
}
