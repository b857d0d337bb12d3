import { Button, Text } from "@react-email/components";
import type { Locale } from "@db/schema/enums";
import { createFormatter } from "~/i18n/format";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";

/**
 * To the seller a mystery shopper named, when the published report's key questions were
 * answered well: what they did well, the points, and when the points become final. Nothing
 * about the shopper is in it. `finalOn` is an ISO timestamp, written in the reader's language.
 */
export type MysteryAwardProps = { name: string; points: number; outlet: string; didWell: string[]; finalOn: string; url: string };

export function subject(t: Translate, p: MysteryAwardProps) {
  return t("email.mystery_award.subject", { count: p.points });
}

export function MysteryAwardEmail({ t, lang, zone, ...p }: MysteryAwardProps & { t: Translate; lang: string; zone?: string }) {
  const f = createFormatter(lang as Locale, zone);
  return (
    <EmailLayout
      lang={lang}
      preview={subject(t, p)}
      heading={t("email.mystery_award.heading", { name: p.name.split(" ")[0] })}
      footer={t("email.footer.programme")}
    >
      <Text style={paragraph}>{t("email.mystery_award.body", { count: p.points, outlet: p.outlet })}</Text>
      {p.didWell.length ? (
        <>
          <Text style={paragraph}>{t("email.mystery_award.did_well")}</Text>
          {p.didWell.map((line) => (
            <Text key={line} style={{ ...paragraph, margin: "0 0 6px 12px" }}>
              ✓ {line}
            </Text>
          ))}
        </>
      ) : null}
      <Text style={paragraph}>{t("email.mystery_award.pending", { date: f.date(p.finalOn) })}</Text>
      <Button href={p.url} style={button}>
        {t("email.mystery_award.cta")}
      </Button>
    </EmailLayout>
  );
}
