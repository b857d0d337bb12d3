import { pageMeta } from "~/lib/page-meta";
import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import {
  announcementStats,
  getAnnouncement,
  recipientCount,
  scheduleAnnouncement,
  segmentOptions,
  sendAnnouncementNow,
  unscheduleAnnouncement,
  updateAnnouncement,
} from "~/domain/communication/announcements.server";
import { announcementSchema, scheduleSchema } from "~/domain/communication/forms";
import { timeZoneOf } from "~/domain/communication/settings.server";
import { AnnouncementForm, LANGUAGE_NAMES, SEGMENT_LISTS } from "~/components/communication";
import { Badge, BackLink, Button, Card, FormErrors, Notice, PageHeader, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/detail";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "announcements.manage");
  const db = await getDb();
  const announcement = orNotFound(await getAnnouncement(db, actor, params.announcementId));
  const sent = announcement.status === "sent";
  return {
    pageTitle: { name: announcement.contents[0]?.title ?? "" },
    announcement,
    manufacturer: isManufacturer(actor),
    options: sent
      ? { regions: [], partners: [], hobbies: [], attach: { contests: [], courses: [], rewards: [] } }
      : await segmentOptions(db, actor),
    // Before sending: how many people the segment reaches now; after: what happened to each delivery.
    count: sent ? null : await recipientCount(db, announcement),
    stats: sent ? await announcementStats(db, announcement.id) : null,
    timeZone: await timeZoneOf(db, actor.id),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  // Who may try first (sign-in, 403), then the id: a malformed one is "not found", never a query.
  requireActor(context, request, "announcements.manage");
  const id = requireId(params.announcementId);
  const db = await getDb();
  return dispatchIntent(
    request,
    context,
    "announcements.manage",
    {
      save: {
        run: async (actor, formData) => {
          await updateAnnouncement(db, actor, id, parseForm(announcementSchema, formData));
          return { ok: true as const, done: "saved" as const };
        },
      },
      send_now: {
        run: async (actor) => {
          const count = await sendAnnouncementNow(db, actor, id);
          return { ok: true as const, done: "sent" as const, count };
        },
      },
      schedule: {
        run: async (actor, formData) => {
          const { sendAt } = parseForm(scheduleSchema, formData);
          await scheduleAnnouncement(db, actor, id, sendAt);
          return { ok: true as const, done: "scheduled" as const };
        },
      },
      unschedule: {
        run: async (actor) => {
          await unscheduleAnnouncement(db, actor, id);
          return { ok: true as const, done: "unscheduled" as const };
        },
      },
    },
    { lists: SEGMENT_LISTS },
  );
}

export default function AnnouncementDetail() {
  const { announcement: a, manufacturer, options, count, stats, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const f = useFormat();
  const errors = errorsOf(result);
  const done = result && "done" in result ? result.done : null;
  const editable = a.status !== "sent";
  const title = a.contents[0]?.title ?? "";
  return (
    <>
      <BackLink to="/announcements">{t("communication.list.title")}</BackLink>
      <PageHeader
        title={title}
        subtitle={
          <Badge tone={a.status === "sent" ? "green" : a.status === "scheduled" ? "amber" : "slate"}>
            {t(`communication.status.${a.status}`)}
          </Badge>
        }
      />
      {done === "saved" ? <Notice>{t("communication.done.saved")}</Notice> : null}
      {done === "sent" && result && "count" in result ? <Notice>{t("communication.done.sent", { count: result.count })}</Notice> : null}
      {done === "scheduled" && a.sendAt ? <Notice>{t("communication.done.scheduled", { date: f.dateTime(a.sendAt) })}</Notice> : null}
      {done === "unscheduled" ? <Notice>{t("communication.done.unscheduled")}</Notice> : null}
      <FormErrors errors={errors} />

      {stats ? (
        <Card className="mb-4">
          <h2 className="mb-3 text-lg font-semibold">{t("communication.stats.title")}</h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="announcement-stats">
            {(["people", "queued", "sent", "failed", "off", "digest", "read"] as const).map((k) => (
              <div key={k} className="rounded-lg bg-slate-50 p-3">
                <dt className="text-xs text-slate-600">{t(`communication.stats.${k}`)}</dt>
                <dd className="text-xl font-semibold">{f.number(stats[k])}</dd>
              </div>
            ))}
          </dl>
        </Card>
      ) : null}

      {editable ? (
        <Card className="mb-4">
          <p className="mb-3 text-base" data-testid="recipient-count">
            {t("communication.count", { count: count ?? 0 })}
          </p>
          {a.status === "scheduled" && a.sendAt ? (
            <p className="mb-3 text-sm text-slate-700">{t("communication.scheduled_for", { date: f.dateTime(a.sendAt) })}</p>
          ) : null}
          <div className="flex flex-col gap-4 sm:flex-row sm:items-end">
            <Form method="post">
              <Button type="submit" name="intent" value="send_now">
                {t("communication.send_now")}
              </Button>
            </Form>
            <Form method="post" noValidate className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="intent" value="schedule" />
              <TextField
                label={t("communication.send_at", { zone: timeZone })}
                name="sendAt"
                type="datetime-local"
                defaultValue={valuesOf(result).sendAt ?? ""}
                errors={errors}
                className="mb-0"
              />
              <Button type="submit" variant="secondary" className="mb-0">
                {t("communication.schedule")}
              </Button>
            </Form>
            {a.status === "scheduled" ? (
              <Form method="post">
                <Button type="submit" name="intent" value="unschedule" variant="secondary">
                  {t("communication.unschedule")}
                </Button>
              </Form>
            ) : null}
          </div>
        </Card>
      ) : null}

      <h2 className="mb-2 text-lg font-semibold">{t("communication.preview.title")}</h2>
      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        {a.contents.map((c) => (
          <Card key={c.locale}>
            <section aria-label={t("communication.preview.language", { language: LANGUAGE_NAMES[c.locale] })} lang={c.locale}>
              <p className="text-xs text-slate-500">{t("communication.preview.language", { language: LANGUAGE_NAMES[c.locale] })}</p>
              <p className="mb-2 text-sm text-slate-600">
                {t("communication.preview.subject")}: <strong>{c.title}</strong>
              </p>
              <div className="rounded-lg border border-slate-200 p-4">
                <h3 className="mb-2 text-lg font-semibold">{c.title}</h3>
                {/* Rendered by renderMarkdown with raw HTML disabled. */}
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML comes from renderMarkdown, which escapes every tag typed */}
                <div className="announcement-body space-y-3" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
              </div>
            </section>
          </Card>
        ))}
      </div>

      {editable ? (
        <>
          <h2 className="mb-2 text-lg font-semibold">{t("communication.edit")}</h2>
          <AnnouncementForm
            saved={a}
            options={options}
            errors={errors}
            values={valuesOf(result).intent === "save" ? valuesOf(result) : {}}
            lists={(result as { lists?: Record<string, string[]> } | undefined)?.lists}
            manufacturer={manufacturer}
            submitLabel={t("communication.save_preview")}
          />
        </>
      ) : null}
    </>
  );
}
