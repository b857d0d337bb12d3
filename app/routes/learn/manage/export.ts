import { getDb } from "@db/client";
import { courseFunnels } from "~/domain/training/reports.server";
import { webinarAttendanceReport } from "~/domain/training/webinars.server";
import { createFormatter } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { requireActor } from "~/lib/access.server";
import { csvResponse } from "~/lib/csv";
import type { Route } from "./+types/export";

/** The trainer's two tables as CSV: course funnels (default) or webinar attendance (?table=webinars). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.manage");
  const db = await getDb();
  const url = new URL(request.url);
  const locale = resolveLocale(request, actor);
  const t = createTranslator(locale);
  if (url.searchParams.get("table") === "webinars") {
    const webinars = await webinarAttendanceReport(db);
    const rows = webinars.map((w) => [w.title, createFormatter(locale, w.timeZone).dateTime(w.startsAt), w.timeZone, w.capacity, w.registered, w.attended, w.byCode, w.cancelledAt ? t("training.webinar.cancelled_badge") : ""]);
    return csvResponse("webinar-attendance.csv", [[t("training.field.title"), t("training.field.starts"), t("training.field.time_zone"), t("training.field.capacity"), t("training.manage.registered"), t("training.manage.attended"), t("training.manage.by_code"), t("training.manage.status")], ...rows]);
  }
  const courses = await courseFunnels(db);
  const rows = courses.map((c) => [c.title, t(`training.status.${c.status}`), c.started, c.attempted, c.passed, c.failedAttempts, c.certified]);
  return csvResponse("course-funnels.csv", [[t("training.field.title"), t("training.manage.status"), t("training.funnel.started"), t("training.funnel.attempted"), t("training.funnel.passed"), t("training.funnel.failed_attempts"), t("training.funnel.certified")], ...rows]);
}
