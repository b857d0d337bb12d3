import { z } from "zod";
import { EVENT_KINDS } from "@db/schema/events";
import { webinarSchema } from "~/domain/training/forms";

const text = (max: number) => z.string().trim().min(1, "errors.required").max(max, "errors.too_long");
const localTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors.training.datetime");

/**
 * An in-person event as the organiser types it: times are the venue's wall clock in the venue's
 * zone. Targeting, points and the zone check are the webinar form's own fields, so both read alike.
 */
export const eventSchema = z.object({
  kind: z.enum(EVENT_KINDS, "errors.choose"),
  title: text(160),
  description: z.string().trim().max(2000, "errors.too_long").default(""),
  venueName: text(160),
  venueAddress: text(500),
  startsLocal: localTime,
  endsLocal: localTime,
  timeZone: webinarSchema.shape.timeZone,
  capacity: z
    .string()
    .trim()
    .min(1, "errors.required")
    .regex(/^\d+$/, "errors.training.whole_number")
    .transform(Number)
    .pipe(z.number().int().min(1, "errors.training.range").max(100_000, "errors.training.range")),
  targetRoles: webinarSchema.shape.targetRoles,
  regions: webinarSchema.shape.regions,
  points: webinarSchema.shape.points,
});
export type EventInput = z.infer<typeof eventSchema>;

/** What the door scanner read, or what the organiser typed: a pass token or the short code under it. */
export const checkInSchema = z.object({ code: z.string().trim().min(1, "errors.required").max(64, "errors.too_long") });
