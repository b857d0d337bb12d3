import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { listCertificatesOf } from "~/domain/training/certificates.server";
import { listCoursesFor } from "~/domain/training/courses.server";
import { listWebinarsFor } from "~/domain/training/webinars.server";
import { ProgressBar, TimeZoneHint, WebinarWhen } from "~/components/training";
import { viewerTimeZone } from "~/lib/time-zone.server";
import { Badge, Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/index";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const db = await getDb();
  const courses = await listCoursesFor(db, actor);
  const now = Date.now();
  const webinars = (await listWebinarsFor(db, actor))
    .filter((w) => !w.cancelledAt && w.startsAt.getTime() + w.durationMinutes * 60_000 > now)
    .slice(0, 3);
  return {
    assigned: courses.filter((c) => c.assigned),
    optional: courses.filter((c) => !c.assigned),
    webinars,
    certificates: await listCertificatesOf(db, actor.id),
    canManage: can(actor.role, "learn.manage"),
    now,
    viewerZone: viewerTimeZone(request),
  };
}

type CourseRow = Awaited<ReturnType<typeof loader>>["assigned"][number];

function CourseCard({ c, now }: { c: CourseRow; now: number }) {
  const t = useT();
  const f = useFormat();
  const expired = c.certificateExpiresAt && new Date(c.certificateExpiresAt).getTime() <= now;
  return (
    <li>
      <Link to={`/learn/courses/${c.id}`} className="block h-full">
        <Card className="h-full hover:border-brand-600">
          <div className="mb-2 flex items-start justify-between gap-2">
            <h3 className="font-semibold">{c.title}</h3>
            {c.passed ? (
              <Badge tone={expired ? "red" : "green"}>{expired ? t("training.certificate.expired") : t("training.course.passed")}</Badge>
            ) : c.points ? (
              <Badge tone="blue">{t("training.points", { count: c.points })}</Badge>
            ) : null}
          </div>
          <ProgressBar done={c.done} total={c.lessons} label={t("training.course.lessons_done", { done: c.done, count: c.lessons })} />
          {c.certificateExpiresAt ? (
            <p className="mt-2 text-xs text-slate-600">
              {t(expired ? "training.certificate.expired_on" : "training.certificate.valid_until", {
                date: f.date(c.certificateExpiresAt),
              })}
            </p>
          ) : null}
        </Card>
      </Link>
    </li>
  );
}

export default function Learn() {
  const { assigned, optional, webinars, certificates, canManage, now, viewerZone } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      {webinars.length ? <TimeZoneHint known={viewerZone} /> : null}
      <PageHeader
        title={t("training.title")}
        subtitle={t("training.subtitle")}
        actions={
          canManage ? (
            <Link to="/learn/manage" className="text-sm text-brand-600 underline">
              {t("training.manage.title")}
            </Link>
          ) : null
        }
      />
      <section className="mb-6" aria-labelledby="assigned">
        <h2 id="assigned" className="mb-2 text-lg font-semibold">
          {t("training.assigned")}
        </h2>
        {assigned.length ? (
          <ul className="grid gap-3 sm:grid-cols-2">
            {assigned.map((c) => (
              <CourseCard key={c.id} c={c} now={now} />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("training.assigned_none")}</p>
        )}
      </section>
      {optional.length ? (
        <section className="mb-6" aria-labelledby="optional">
          <h2 id="optional" className="mb-2 text-lg font-semibold">
            {t("training.optional")}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {optional.map((c) => (
              <CourseCard key={c.id} c={c} now={now} />
            ))}
          </ul>
        </section>
      ) : null}
      <section className="mb-6" aria-labelledby="webinars">
        <div className="mb-2 flex items-baseline justify-between">
          <h2 id="webinars" className="text-lg font-semibold">
            {t("training.webinars.upcoming")}
          </h2>
          <Link to="/learn/webinars" className="text-sm text-brand-600 underline">
            {t("training.webinars.all")}
          </Link>
        </div>
        {webinars.length ? (
          <ul className="space-y-2">
            {webinars.map((w) => (
              <li key={w.id}>
                <Link to={`/learn/webinars/${w.id}`} className="block">
                  <Card className="hover:border-brand-600">
                    <div className="flex items-start justify-between gap-2">
                      <p className="font-medium">{w.title}</p>
                      {w.registered ? <Badge tone="green">{t("training.webinar.registered")}</Badge> : null}
                    </div>
                    <p className="text-sm text-slate-600">
                      <WebinarWhen startsAt={w.startsAt} timeZone={w.timeZone} viewerZone={viewerZone} /> · {w.speaker}
                    </p>
                  </Card>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("training.webinars.none")}</p>
        )}
      </section>
      <section aria-labelledby="certificates">
        <h2 id="certificates" className="mb-2 text-lg font-semibold">
          {t("training.certificates")}
        </h2>
        {certificates.length ? (
          <Card>
            <ul className="divide-y divide-slate-100">
              {certificates.map((c) => {
                const expired = new Date(c.expiresAt).getTime() <= now;
                return (
                  <li key={c.id} className="flex min-h-12 items-center justify-between gap-3 py-2">
                    <Link to={`/learn/certificates/${c.id}`} className="font-medium text-brand-600 underline">
                      {c.title}
                    </Link>
                    <span className={`text-sm ${expired ? "text-red-700" : "text-slate-600"}`}>
                      {t(expired ? "training.certificate.expired_on" : "training.certificate.valid_until", { date: f.date(c.expiresAt) })}
                    </span>
                  </li>
                );
              })}
            </ul>
          </Card>
        ) : (
          <p className="text-sm text-slate-600">{t("training.certificates_none")}</p>
        )}
      </section>
    </>
  );
}
