import { render } from "@react-email/render";
import type { Locale } from "@db/schema/enums";
import { HIDDEN, maskLink, maskedProps, openProps, type SecretProps } from "~/domain/mail/secrets.server";
import { createTranslator, type Translate } from "~/i18n/translate";
import * as claimDecided from "./claim-decided";
import * as costshare from "./costshare";
import * as contestAnnounced from "./contest-announced";
import * as contestResult from "./contest-result";
import * as invitation from "./invitation";
import { EmailFrame } from "./layout";
import * as passwordReset from "./password-reset";
import * as pointsExpiring from "./points-expiring";
import * as shopOrder from "./shop-order";
import * as webinarRegistered from "./webinar-registered";
import * as webinarReminder from "./webinar-reminder";
import * as certificateExpiring from "./certificate-expiring";
import * as webinarCancelled from "./webinar-cancelled";
import * as monthlyReport from "./monthly-report";
import * as mysteryAward from "./mystery-award";
import * as announcement from "./announcement";
import * as digest from "./digest";
import * as smsBudget from "./sms-budget";
import * as tierChanged from "./tier-changed";
import * as promotionBudget from "./promotion-budget";
import * as enrolment from "./enrolment";
import * as eventNotice from "./event-notice";

/**
 * Every email the portal sends, by template name. Each entry knows its subject and body; the
 * props are what the outbox stores as JSON. `secret` names the props that must never be readable
 * in the outbox (a working link, a reward code) and how each is shown masked to an admin; the
 * outbox keeps their real values encrypted until the mail is sent (see decision 007).
 */
type Template<P> = {
  subject: (t: Translate, props: P) => string;
  body: (props: P & { t: Translate; lang: string; zone?: string }) => React.ReactElement;
  secret?: SecretProps<P>;
};

export const templates = {
  sms_budget: { subject: smsBudget.subject, body: smsBudget.SmsBudgetEmail } as Template<smsBudget.SmsBudgetProps>,
  invitation: {
    subject: invitation.subject,
    body: invitation.InvitationEmail,
    secret: { url: maskLink },
  } as Template<invitation.InvitationProps>,
  password_reset: {
    subject: passwordReset.subject,
    body: passwordReset.PasswordResetEmail,
    secret: { url: maskLink },
  } as Template<passwordReset.PasswordResetProps>,
  contest_announced: {
    subject: contestAnnounced.subject,
    body: contestAnnounced.ContestAnnouncedEmail,
  } as Template<contestAnnounced.ContestAnnouncedProps>,
  contest_result: { subject: contestResult.subject, body: contestResult.ContestResultEmail } as Template<contestResult.ContestResultProps>,
  points_expiring: {
    subject: pointsExpiring.subject,
    body: pointsExpiring.PointsExpiringEmail,
  } as Template<pointsExpiring.PointsExpiringProps>,
  shop_order_placed: shopOrder.placed as Template<shopOrder.ShopOrderProps>,
  shop_order_approved: shopOrder.approved as Template<shopOrder.ShopOrderProps>,
  shop_order_shipped: shopOrder.shipped as Template<shopOrder.ShopOrderProps>,
  shop_order_delivered: shopOrder.delivered as Template<shopOrder.ShopOrderProps>,
  shop_order_cancelled: shopOrder.cancelled as Template<shopOrder.ShopOrderProps>,
  shop_digital_code: {
    subject: shopOrder.codeSubject,
    body: shopOrder.CodeEmail,
    secret: { codes: (codes) => codes.map((c) => ({ ...c, code: HIDDEN })) },
  } as Template<shopOrder.ShopCodeProps>,
  shop_wish_reached: { subject: shopOrder.wishSubject, body: shopOrder.WishEmail } as Template<shopOrder.ShopWishProps>,
  webinar_registered: {
    subject: webinarRegistered.subject,
    body: webinarRegistered.WebinarRegisteredEmail,
  } as Template<webinarRegistered.WebinarEmailProps>,
  webinar_reminder: {
    subject: webinarReminder.subject,
    body: webinarReminder.WebinarReminderEmail,
  } as Template<webinarReminder.WebinarReminderProps>,
  certificate_expiring: {
    subject: certificateExpiring.subject,
    body: certificateExpiring.CertificateExpiringEmail,
  } as Template<certificateExpiring.CertificateExpiringProps>,
  webinar_cancelled: {
    subject: webinarCancelled.subject,
    body: webinarCancelled.WebinarCancelledEmail,
  } as Template<webinarRegistered.WebinarEmailProps>,
  claim_decided: { subject: claimDecided.subject, body: claimDecided.ClaimDecidedEmail } as Template<claimDecided.ClaimDecidedProps>,
  monthly_report: { subject: monthlyReport.subject, body: monthlyReport.MonthlyReportEmail } as Template<monthlyReport.MonthlyReportProps>,
  costshare_notice: { subject: costshare.subject, body: costshare.CostshareNoticeEmail } as Template<costshare.CostshareNoticeProps>,
  mystery_award: { subject: mysteryAward.subject, body: mysteryAward.MysteryAwardEmail } as Template<mysteryAward.MysteryAwardProps>,
  announcement: { subject: announcement.subject, body: announcement.AnnouncementEmail } as Template<announcement.AnnouncementProps>,
  digest: { subject: digest.subject, body: digest.DigestEmail } as Template<digest.DigestProps>,
  tier_changed: { subject: tierChanged.subject, body: tierChanged.TierChangedEmail } as Template<tierChanged.TierChangedProps>,
  promotion_budget: {
    subject: promotionBudget.subject,
    body: promotionBudget.PromotionBudgetEmail,
  } as Template<promotionBudget.PromotionBudgetProps>,
  enrolment_decided: {
    subject: enrolment.decidedSubject,
    body: enrolment.EnrolmentDecidedEmail,
    secret: { url: maskLink },
  } as Template<enrolment.EnrolmentDecidedProps>,
  event_changed: { subject: eventNotice.changedSubject, body: eventNotice.EventChangedEmail } as Template<eventNotice.EventNoticeProps>,
  event_cancelled: {
    subject: eventNotice.cancelledSubject,
    body: eventNotice.EventCancelledEmail,
  } as Template<eventNotice.EventNoticeProps>,
  referral_invitation: {
    subject: enrolment.referralSubject,
    body: enrolment.ReferralInvitationEmail,
  } as Template<enrolment.ReferralInvitationProps>,
};

export type TemplateName = keyof typeof templates;
export type TemplateProps<N extends TemplateName> = (typeof templates)[N] extends Template<infer P> ? P : never;

/** A template by the name stored in the outbox; own keys only ("constructor" is no template). */
function templateOf(name: string): Template<Record<string, unknown>> | undefined {
  return Object.hasOwn(templates, name) ? (templates[name as TemplateName] as Template<Record<string, unknown>>) : undefined;
}

/** The secret props of a template and their masks, for queueEmail. */
export function secretPropsOf(name: string) {
  return templateOf(name)?.secret;
}

/**
 * Renders a mail from the props as the outbox stores them: with its secrets opened for sending,
 * or with `masked` as an admin may see it (links and codes replaced by dots).
 */
export async function renderEmail(
  name: string,
  stored: Record<string, unknown>,
  locale: Locale,
  opts: { unsubscribeUrl?: string; masked?: boolean; timeZone?: string } = {},
) {
  const template = templateOf(name);
  if (!template) throw new Error(`Unknown email template ${name}`);
  const props = opts.masked ? maskedProps(stored) : openProps(name, stored);
  const t = createTranslator(locale);
  const element = (
    <EmailFrame value={{ t, unsubscribeUrl: opts.unsubscribeUrl }}>
      {template.body({ ...props, t, lang: locale, zone: opts.timeZone })}
    </EmailFrame>
  );
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: template.subject(t, props), html, text };
}
