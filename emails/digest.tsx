import { Button, Link, Section, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

/** One email for a person's week: each notice they chose to hear about weekly, grouped by topic. */
export type DigestProps = {
  name: string;
  groups: Array<{
    topic: string;
    items: Array<{ id: number; titleKey: string; vars: Record<string, string | number>; url: string | null }>;
  }>;
  url: string;
};

export function subject(t: Translate, p: DigestProps) {
  return t("communication.digest.subject", { count: p.groups.reduce((n, g) => n + g.items.length, 0) });
}

export function DigestEmail({ t, lang, ...p }: DigestProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout
      lang={lang}
      preview={subject(t, p)}
      heading={t("communication.digest.heading", { name: p.name.split(" ")[0] })}
      footer={t("communication.digest.footer")}
    >
      {p.groups.map((g) => (
        <Section key={g.topic}>
          <Text style={{ ...paragraph, fontWeight: "bold", margin: "16px 0 4px" }}>{t(`topic.${g.topic}`)}</Text>
          {g.items.map((item) => (
            <Text key={item.id} style={{ ...paragraph, margin: "0 0 4px" }}>
              {"• "}
              {item.url ? <Link href={item.url}>{t(item.titleKey, item.vars)}</Link> : t(item.titleKey, item.vars)}
            </Text>
          ))}
        </Section>
      ))}
      <Button href={p.url} style={button}>
        {t("communication.digest.open")}
      </Button>
    </EmailLayout>
  );
}
