/**
 * The kinds of in-person event, apart from the events tables (events.ts) so that pages can name
 * them without loading drizzle in the browser (issue 17: the events list and a salesperson's
 * webinar pages loaded ~7 KB of drizzle's column classes for this one list).
 */
export const EVENT_KINDS = ["seminar", "product_training", "business_breakfast", "award_evening"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
