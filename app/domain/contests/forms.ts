import { z } from "zod";
import { CONTEST_METRICS, CONTEST_PRIVACY, CONTEST_RANKINGS, CONTEST_SCOPES } from "@db/schema/contests";
import { PARTNER_ROLES, TIERS } from "@db/schema/enums";
import { isIsoDay, lastInstantOfDay, startOfDay } from "~/lib/dates";
import { idField } from "~/lib/ids";
import type { ContestInput } from "./contests.server";

/** Form schema of the new-contest page. Messages are i18n keys. */

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));
// Abort on a bad date, so "the end must be after the start" is not added to "enter a date".
const day = z.string("errors.date").refine(isIsoDay, { message: "errors.date", abort: true });
const PRIZE_LINE = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*:\s*(.+?)\s*$/;

/** "1-1: 5000" is a point prize for first place; "2-3: A drill" a physical prize for second and third. */
const prizes = z
  .string()
  .default("")
  .transform((text, ctx) => {
    const out: ContestInput["prizes"] = [];
    for (const line of text.split("\n").filter((l) => l.trim())) {
      const m = PRIZE_LINE.exec(line);
      const from = Number(m?.[1]);
      const to = Number(m?.[2] ?? m?.[1]);
      if (!m || from < 1 || to < from) {
        ctx.addIssue({ code: "custom", message: "contest.errors.prize_line" });
        return z.NEVER;
      }
      const isPoints = /^\d+$/.test(m[3]);
      out.push({ rankFrom: from, rankTo: to, points: isPoints ? Number(m[3]) : 0, description: isPoints ? "" : m[3] });
    }
    return out;
  });

export const contestSchema = z
  .object({
    name: z.string().trim().min(1, "errors.required").max(160, "errors.too_long"),
    rules: z.string().trim().min(1, "errors.required").max(5000, "errors.too_long"),
    startsAt: day.transform(startOfDay),
    // The end date is inclusive: a contest "until 31 May" runs to the last instant of that day.
    endsAt: day.transform(lastInstantOfDay),
    graceDays: z.coerce.number("errors.number").int("errors.number").min(0, "errors.number").max(90, "errors.number"),
    scope: z.enum(CONTEST_SCOPES, "errors.choose"),
    tiers: list(z.enum(TIERS)),
    regions: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean),
      ),
    partnerIds: list(idField),
    roles: list(z.enum(PARTNER_ROLES)).refine((r) => r.length > 0, "errors.choose_some"),
    metric: z.enum(CONTEST_METRICS, "errors.choose"),
    productSkus: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ranking: z.enum(CONTEST_RANKINGS, "errors.choose"),
    minScore: z.coerce.number("errors.number").int("errors.number").min(0, "errors.number"),
    privacy: z.enum(CONTEST_PRIVACY, "errors.choose"),
    prizes,
  })
  .refine((v) => v.endsAt > v.startsAt, { message: "contest.errors.period", path: ["endsAt"] })
  .refine((v) => v.scope !== "tier" || v.tiers.length > 0, { message: "errors.choose_some", path: ["tiers"] })
  .refine((v) => v.scope !== "region" || v.regions.length > 0, { message: "errors.required", path: ["regions"] })
  .refine((v) => v.scope !== "list" || v.partnerIds.length > 0, { message: "errors.choose_some", path: ["partnerIds"] });
