import { describe, expect, it } from "vitest";
import { LOCALES } from "../../db/schema/enums";
import { catalog } from "../../app/i18n/catalog";
import { renderEmail, type TemplateName, type TemplateProps } from "../../emails";

/**
 * Every email template renders in every interface language (issue 18): marked with its language,
 * no message key shown raw, and worded in that language rather than English. The props are typed
 * per template, so a new template does not compile here until it has an example.
 */
const url = "https://portal.example/x";
const lines = [{ name: "Cordless drill DR18", quantity: 2 }];
const webinar = {
  name: "Asha",
  title: "DR18 service basics",
  speaker: "Rasa Petraitė",
  startsAt: "2026-12-21T09:00:00.000Z",
  timeZone: "Asia/Kolkata",
  durationMinutes: 45,
  joinUrl: url,
  url,
  icsUrl: url,
};
const event = {
  name: "Asha",
  title: "DR18 launch breakfast",
  startsAt: "2026-12-21T03:30:00.000Z",
  timeZone: "Asia/Kolkata",
  venueName: "Hotel Sahara",
  venueAddress: "Andheri East, Mumbai",
  seat: true,
  url,
  icsUrl: url,
};
const examples: { [N in TemplateName]: TemplateProps<N> } = {
  invitation: { name: "Asha", organisationName: "Mumbai Power Tools", inviterName: "Ravi", url, days: 21 },
  password_reset: { name: "Asha", url, minutes: 60 },
  sms_budget: { sent: 4100, budget: 5000, month: "2026-12" },
  promotion_budget: { name: "Asha", promotion: "Double drills", spent: 8200, budget: 10000, percent: 82, url },
  enrolment_decided: { name: "Asha", organisationName: "Mumbai Power Tools", decision: "approved", note: "", url, days: 7 },
  referral_invitation: { name: "Asha", referrerName: "Ravi", organisationName: "Mumbai Power Tools", url },
  contest_announced: {
    contestName: "Winter drill challenge",
    from: "2026-12-01",
    to: "2026-12-31",
    metricKey: "contest.metric.units",
    topPrize: "500",
    url,
  },
  contest_result: {
    contestName: "Winter drill challenge",
    rank: 2,
    score: 22,
    participants: 101,
    prizePoints: 300,
    prizeDescription: "",
    url,
  },
  points_expiring: { name: "Asha", points: 21, expiresOn: "2027-01-31", pointsUrl: url, shopUrl: url },
  shop_order_placed: { name: "Asha", number: 11, url, lines, totalPoints: 1500 },
  shop_order_approved: { name: "Asha", number: 11, url, lines, totalPoints: 1500 },
  shop_order_shipped: { name: "Asha", number: 11, url, lines, totalPoints: 1500, carrier: "DHL", trackingNumber: "JD0123" },
  shop_order_delivered: { name: "Asha", number: 11, url, lines, totalPoints: 1500 },
  shop_order_cancelled: { name: "Asha", number: 11, url, lines, totalPoints: 1500, reason: "—", refunded: 1500 },
  shop_digital_code: { name: "Asha", number: 11, url, codes: [{ name: "Cinema voucher", code: "ABCD-1234" }] },
  shop_wish_reached: { name: "Asha", url, rewards: [{ name: "Camping stove", points: 1200 }] },
  webinar_registered: webinar,
  webinar_reminder: { ...webinar, kind: "hour" },
  certificate_expiring: { name: "Asha", title: "DR18 service basics", expiresAt: "2027-01-31T00:00:00.000Z", url, certificateUrl: url },
  webinar_cancelled: webinar,
  event_changed: event,
  event_cancelled: { ...event, seat: false },
  claim_decided: {
    name: "Asha",
    number: 42,
    invoiceNumber: "INV-5",
    decision: "approved",
    credited: 22,
    points: 22,
    note: "",
    url,
    tip: null,
  },
  monthly_report: {
    name: "Asha",
    organisation: "Mumbai Power Tools",
    month: "2026-11",
    figures: [{ label: "reports.col.points", value: 1501, format: "number" }],
    url,
  },
  costshare_notice: {
    name: "Asha",
    kind: "paid",
    number: 5,
    title: "Diwali flyer",
    amountMinor: 1234550,
    currency: "INR",
    note: "PAY-1",
    days: 5,
    url,
  },
  tier_changed: { name: "Asha Rao", from: "silver", to: "gold", multiplierPercent: 125, url },
  mystery_award: { name: "Asha Rao", points: 101, outlet: "Andheri store", didWell: [], finalOn: "2027-01-15", url },
  announcement: { title: "Double points", html: "<p>Double points</p>", url },
  digest: {
    name: "Asha",
    groups: [
      {
        topic: "training",
        items: [{ id: 1, titleKey: "training.notice.certificate_expiring", vars: { title: "DR18", date: "2027-01-31" }, url }],
      },
    ],
    url,
  },
};

const keys = Object.keys(catalog.en);
const rawKeys = (text: string) => keys.filter((k) => k.includes(".") && text.includes(k));

describe("every email in every language", () => {
  const english = new Map<string, string>();
  for (const locale of LOCALES)
    for (const name of Object.keys(examples) as TemplateName[]) {
      it(`${name} in ${locale}`, async () => {
        const mail = await renderEmail(name, examples[name] as Record<string, unknown>, locale);
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.subject.trim()).not.toBe("");
        expect(rawKeys(`${mail.subject}\n${mail.text}`)).toEqual([]);
        if (locale === "en") english.set(name, mail.text);
        // Announcements carry the author's own text; every other mail is worded by the catalogue.
        else if (name !== "announcement") expect(mail.text).not.toBe(english.get(name));
      });
    }
});
