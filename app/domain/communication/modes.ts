import type { EmailMode } from "@db/schema/communication";
import type { EmailTopic } from "../notifications/topics";

/**
 * What each topic does when a person has not chosen (issue 13: "decisions at once, news weekly").
 * Decisions, money and things to act on go at once: claim decisions, points credited or about to
 * expire, training (course results, webinar registrations and cancellations, certificates about to
 * lapse), reminders, orders and cost-share decisions. News waits for the weekly digest: contest
 * news (a new contest, the results), announcements and "a wished reward is within reach". The
 * inbox notice always arrives at once; a person may move any topic to "at once" or "off".
 */
export const DEFAULT_MODES: Record<EmailTopic, EmailMode> = {
  claim_decided: "instant",
  points_credited: "instant",
  points_expiring: "instant",
  contest_news: "weekly",
  training: "instant",
  webinar_reminders: "instant",
  orders: "instant",
  wish_list: "weekly",
  cost_share: "instant",
  announcements: "weekly",
  // Already a monthly summary: held for daytime like news, never folded into a weekly digest.
  monthly_report: "instant",
  // A tier change moves every later claim's points: told at once.
  tier_changes: "instant",
  // A survey to answer or a suggestion decided: sent when it happens, in the recipient's daytime.
  surveys: "instant",
};

/**
 * Topics whose mail waits for the recipient's daytime (quiet hours, 08:00-20:00 local), decided per
 * topic; the weekly digest waits too. Held: news nobody has to act on tonight (contest news,
 * announcements, a wished reward within reach, the monthly report). At once: claim decisions and
 * points credited (the answer to something the person did, often minutes ago), points about to
 * expire (the deadline may be tonight), training and webinar reminders (a cancellation or a start
 * may come before 08:00), orders (a receipt for a purchase just made), cost-share decisions, and
 * security mail (reset links, invitations), which has no topic and never waits.
 */
export const NON_URGENT_TOPICS: ReadonlySet<string> = new Set<EmailTopic>([
  "contest_news",
  "announcements",
  "wish_list",
  "monthly_report",
  "surveys",
]);
