import { z } from "zod";

/** The monthly report email switch on the report settings page. */
export const monthlyReportSchema = z.object({ monthly: z.enum(["on", "off"], "errors.choose") });
