import { Button, Section, Text } from "@react-email/components";
import type { Locale } from "@db/schema/enums";
import { createFormatter } from "~/i18n/format";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

/** `month` is YYYY-MM; it is written out in the recipient's language when the mail is rendered. */
export type MonthlyReportProps = {
  name: string;
  organisation: string;
  month: string;
  /** Label key and value of each headline figure; `format` "permille" is tenths of a percent. */
  figures: Array<{ label: string; value: number; format: "number" | "permille" }>;
  url: string;
};

function monthLabel(lang: string, month: string): string {
  return new Intl.DateTimeFormat(lang, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-15T12:00:00Z`));
}

export function subject(t: Translate, p: MonthlyReportProps & { lang?: string }) {
  return t("email.monthly_report.subject", { organisation: p.organisation, month: p.month });
}

/** Last month's headline figures for a partner executive, with a link to the full report. */
export function MonthlyReportEmail({ t, lang, zone, ...p }: MonthlyReportProps & { t: Translate; lang: string; zone?: string }) {
  const f = createFormatter(lang as Locale, zone);
  const month = monthLabel(lang, p.month);
  return (
    <EmailLayout
      lang={lang}
      preview={t("email.monthly_report.subject", { organisation: p.organisation, month })}
      heading={t("email.monthly_report.heading", { name: p.name })}
      footer={t("email.monthly_report.off")}
    >
      <Text style={paragraph}>{t("email.monthly_report.intro", { organisation: p.organisation, month })}</Text>
      <Section>
        {p.figures.map((fig) => (
          <Text key={fig.label} style={{ ...paragraph, margin: "4px 0" }}>
            {t(fig.label)}: <strong>{fig.format === "permille" ? `${f.number(fig.value / 10)} %` : f.number(fig.value)}</strong>
          </Text>
        ))}
      </Section>
      <Button href={p.url} style={button}>
        {t("email.monthly_report.cta")}
      </Button>
    </EmailLayout>
  );
}
