/**
 * What a person can be emailed about. Each has its own switch on the profile page and its own
 * one-click unsubscribe; in-app notices always stay. Account mail (invitations, password
 * resets) is not a topic: it is sent only when the person asks for it or must act.
 */
export const EMAIL_TOPICS = [
  "claim_decided",
  "points_credited",
  "points_expiring",
  "contest_news",
  "training",
  "webinar_reminders",
  "orders",
  "wish_list",
  "cost_share",
  "announcements",
  "monthly_report",
  "tier_changes",
  /** Surveys to answer and reward suggestions (issue 20). */
  "surveys",
] as const;

export type EmailTopic = (typeof EMAIL_TOPICS)[number];

export function isEmailTopic(v: string): v is EmailTopic {
  return (EMAIL_TOPICS as readonly string[]).includes(v);
}

/** The weekly digest's mail carries this topic, so its unsubscribe link stops the weekly topics. */
export const DIGEST_TOPIC = "digest";
