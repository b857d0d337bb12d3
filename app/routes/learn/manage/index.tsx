import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { courseFunnels } from "~/domain/training/reports.server";
import { webinarAttendanceReport } from "~/domain/training/webinars.server";
import { WebinarWhen } from "~/components/training";
import { Badge, Card, PageHeader, Table } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/index";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "learn.manage");
  const db = await getDb();
  const courses = await courseFunnels(db);
  const webinars = await webinarAttendanceReport(db);
  return { courses, webinars };
}

const buttonLink = "inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white";

export default function ManageTraining() {
  const { courses, webinars } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader title={t("training.manage.title")} />
      <Card className="mb-4">
        <SectionHeader
          title={t("training.manage.courses")}
          table="courses"
          newHref="/learn/manage/courses/new"
          newLabel={t("training.manage.new_course")}
        />
        <Table
          head={[
            t("training.field.title"),
            t("training.manage.status"),
            t("training.funnel.started"),
            t("training.funnel.attempted"),
            t("training.funnel.passed"),
            t("training.funnel.failed_attempts"),
            t("training.funnel.certified"),
          ]}
        >
          {courses.map((c) => (
            <tr key={c.id}>
              <td className="px-3 py-2">
                <Link to={`/learn/manage/courses/${c.id}`} className="font-medium text-brand-600 underline">
                  {c.title}
                </Link>
              </td>
              <td className="px-3 py-2">
                <Badge tone={c.status === "published" ? "green" : c.status === "draft" ? "amber" : "slate"}>
                  {t(`training.status.${c.status}`)}
                </Badge>
              </td>
              <td className="px-3 py-2">{c.started}</td>
              <td className="px-3 py-2">{c.attempted}</td>
              <td className="px-3 py-2">{c.passed}</td>
              <td className="px-3 py-2">{c.failedAttempts}</td>
              <td className="px-3 py-2">{c.certified}</td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card>
        <SectionHeader
          title={t("training.webinars.title")}
          table="webinars"
          newHref="/learn/manage/webinars/new"
          newLabel={t("training.manage.new_webinar")}
        />
        <Table
          head={[
            t("training.field.title"),
            t("training.field.starts"),
            t("training.manage.registered"),
            t("training.manage.attended"),
            t("training.manage.by_code"),
          ]}
        >
          {webinars.map((w) => (
            <tr key={w.id}>
              <td className="px-3 py-2">
                <Link to={`/learn/manage/webinars/${w.id}`} className="font-medium text-brand-600 underline">
                  {w.title}
                </Link>
                {w.cancelledAt ? (
                  <span className="ml-2">
                    <Badge tone="red">{t("training.webinar.cancelled_badge")}</Badge>
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <WebinarWhen startsAt={w.startsAt} timeZone={w.timeZone} />
              </td>
              <td className="px-3 py-2">
                {w.registered}
                {w.capacity !== null ? ` / ${w.capacity}` : ""}
              </td>
              <td className="px-3 py-2">{w.attended}</td>
              <td className="px-3 py-2">{w.byCode}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}

/** A list's title with its CSV export and its "new" button. */
function SectionHeader({ title, table, newHref, newLabel }: { title: string; table: string; newHref: string; newLabel: string }) {
  const t = useT();
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
      <h2 className="text-lg font-semibold">{title}</h2>
      <a href={`/learn/manage/export?table=${table}`} className="text-sm text-brand-600 underline" download>
        {t("training.export_csv")}
      </a>
      <Link to={newHref} className={buttonLink}>
        {newLabel}
      </Link>
    </div>
  );
}
