import { Button, Link, Text } from "@react-email/components";
import type { Translate } from "~/i18n/translate";
import { EmailLayout, button, paragraph } from "./layout";
import { whenText } from "./webinar-registered";

/**
 * To everyone registered or waiting for an in-person event when the organiser moves it (new time
 * or venue) or calls it off. The time is stated in the venue's own zone, as on the invitation;
 * `seat` says whether the person had a seat or a place on the waiting list, so the cancellation
 * tells them what they lose.
 */
export type EventNoticeProps = {
  name: string;
  title: string;
  startsAt: string;
  timeZone: string;
  venueName: string;
  venueAddress: string;
  seat: boolean;
  url: string;
  icsUrl: string;
};

export function changedSubject(t: Translate, p: EventNoticeProps) {
  return t("email.event.changed.subject", { title: p.title });
}

export function EventChangedEmail({ t, lang, ...p }: EventNoticeProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout lang={lang} preview={changedSubject(t, p)} heading={changedSubject(t, p)} footer={t("email.webinar.footer")}>
      <Text style={paragraph}>
        {t("email.event.changed.body", {
          name: p.name,
          title: p.title,
          when: whenText(lang, p),
          venue: `${p.venueName}, ${p.venueAddress}`,
        })}
      </Text>
      <Text style={paragraph}>{t(p.seat ? "email.event.changed.seat" : "email.event.changed.waiting")}</Text>
      <Button href={p.url} style={button}>
        {t("email.event.details")}
      </Button>
      <Text style={paragraph}>
        <Link href={p.icsUrl}>{t("email.webinar.add_to_calendar")}</Link>
      </Text>
    </EmailLayout>
  );
}

export function cancelledSubject(t: Translate, p: EventNoticeProps) {
  return t("email.event.cancelled.subject", { title: p.title });
}

export function EventCancelledEmail({ t, lang, ...p }: EventNoticeProps & { t: Translate; lang: string }) {
  return (
    <EmailLayout lang={lang} preview={cancelledSubject(t, p)} heading={cancelledSubject(t, p)} footer={t("email.webinar.footer")}>
      <Text style={paragraph}>
        {t("email.event.cancelled.body", {
          name: p.name,
          title: p.title,
          when: whenText(lang, p),
          venue: `${p.venueName}, ${p.venueAddress}`,
        })}
      </Text>
      <Text style={paragraph}>{t(p.seat ? "email.event.cancelled.seat" : "email.event.cancelled.waiting")}</Text>
    </EmailLayout>
  );
}
