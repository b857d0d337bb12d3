import type { EmailMode } from "@db/schema/communication";
import type { EmailTopic } from "../notifications/topics";

/**
 * What each topic does when a person has not chosen: decisions and things to act on go at once.
 * Time-bound offers (new contests, courses, wished rewards within reach) also go at once, since a
 * week's delay would let them pass; a person may move any topic to the weekly digest or off.
 */
export const DEFAULT_MODES: Record<EmailTopic, EmailMode> = {
  claim_decided: "instant",
  points_credited: "instant",
  points_expiring: "instant",
  contest_news: "instant",
  training: "instant",
  webinar_reminders: "instant",
  orders: "instant",
  wish_list: "instant",
  cost_share: "instant",
  announcements: "instant",
  // Already a monthly summary: held for daytime like news, never folded into a weekly digest.
  monthly_report: "instant",
};

/**
 * Topics whose mail waits for the recipient's daytime (quiet hours, 08:00-20:00 local). The weekly
 * digest waits too. Decisions, reminders and security mail (resets, invitations) go at once.
 */
export const NON_URGENT_TOPICS: ReadonlySet<string> = new Set<EmailTopic>(["announcements", "monthly_report"]);
