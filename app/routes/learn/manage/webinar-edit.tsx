import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getDb } from "@db/client";
import { utcToZoned } from "~/domain/training/calendar";
import { importSchema, recordingSchema, webinarSchema } from "~/domain/training/forms";
import {
  cancelWebinar,
  getWebinarForTrainer,
  importAttendance,
  listImports,
  setRecording,
  updateWebinar,
  webinarRoster,
} from "~/domain/training/webinars.server";
import { WebinarHeader } from "~/components/training";
import { WebinarFields, echoedRoles } from "~/components/training-forms";
import { Badge, Button, Card, FormErrors, Notice, Table, TextField, errorsOf, valuesOf, BackLink, FileField } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/webinar-edit";
import { CSV_MAX_BYTES as MAX_CSV_BYTES } from "~/lib/csv";
import { saveTranslations, translationsOf } from "~/domain/content/translations.server";
import { translatedTexts, translationSchema } from "~/domain/content/forms";
import { TranslationsCard } from "~/components/translations";

/** The webinar form's own limits for its translatable texts. */
const WEBINAR_TEXT = { title: 160, description: 2000 };
const webinarTranslationSchema = translationSchema(WEBINAR_TEXT);

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "learn.manage");
  const db = await getDb();
  const webinar = orNotFound(await getWebinarForTrainer(db, params.webinarId));
  return {
    webinar,
    startsLocal: utcToZoned(webinar.startsAt, webinar.timeZone),
    roster: await webinarRoster(db, webinar.id),
    imports: await listImports(db, webinar.id),
    started: webinar.startsAt.getTime() <= Date.now(),
    over: webinar.startsAt.getTime() + webinar.durationMinutes * 60_000 <= Date.now(),
    // Title and description in every language, for the translations card (issue 18).
    translations: await translationsOf(db, "webinar", webinar.id),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const id = params.webinarId;
  return dispatchIntent(
    request,
    context,
    "learn.manage",
    {
      update: {
        run: async (actor, formData) => {
          await updateWebinar(db, actor, id, parseForm(webinarSchema, formData));
          return { ok: true as const, done: "updated" };
        },
      },
      cancel: {
        run: async (actor) => {
          await cancelWebinar(db, actor, id);
          return { ok: true as const, done: "cancelled" };
        },
      },
      recording: {
        run: async (actor, formData) => {
          await setRecording(db, actor, id, parseForm(recordingSchema, formData).recordingUrl);
          return { ok: true as const, done: "recording" };
        },
      },
      translate: {
        run: async (actor, formData) => {
          orNotFound(await getWebinarForTrainer(db, id));
          const input = parseForm(webinarTranslationSchema, formData);
          await db.transaction((tx) => saveTranslations(tx, "webinar", id, input.locale, translatedTexts(input, WEBINAR_TEXT), actor.id));
          return { ok: true as const, done: "translated", translated: true as const };
        },
      },
      import: {
        run: async (actor, formData) => {
          const { minMinutes } = parseForm(importSchema, formData);
          const file = formData.get("file");
          if (!(file instanceof File) || file.size === 0) throw new UserError("training.import.no_file", "file");
          if (file.size > MAX_CSV_BYTES) throw new UserError("training.import.too_large", "file", { mb: 2 });
          const summary = await importAttendance(db, actor, id, await file.text(), minMinutes);
          return { ok: true as const, done: "imported", summary };
        },
      },
    },
    { lists: ["targetRoles"] },
  );
}

export default function EditWebinar() {
  const { webinar, startsLocal, roster, imports, started, over, translations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const failed = result && !result.ok ? v.intent : null;
  const errorsFor = (intent: string) => (failed === intent ? errors : {});
  const done = result?.ok ? result.done : params.get("created") ? "created" : null;
  const summary = result?.ok && "summary" in result ? result.summary : null;
  return (
    <>
      <BackLink to="/learn/manage">{t("training.manage.title")}</BackLink>
      <WebinarHeader webinar={webinar} />
      {done && done !== "translated" ? <Notice>{t(`training.manage.done.${done}`)}</Notice> : null}
      {webinar.cancelledAt ? (
        <p className="mb-4">
          <Badge tone="red">{t("training.webinar.cancelled_badge")}</Badge>
        </p>
      ) : null}
      <FormErrors errors={errors} />
      <div className="mb-4 grid gap-4 md:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-600">{t("training.manage.attendance_code")}</p>
          <p className="font-mono text-3xl font-semibold tracking-widest" data-testid="attendance-code">
            {webinar.attendanceCode}
          </p>
          <p className="mt-1 text-xs text-slate-500">{t("training.manage.attendance_code_hint")}</p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">{t("training.manage.registered")}</p>
          <p className="text-3xl font-semibold">
            {webinar.registered}
            {webinar.capacity !== null ? <span className="text-base text-slate-500"> / {webinar.capacity}</span> : null}
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">{t("training.manage.attended")}</p>
          <p className="text-3xl font-semibold">{webinar.attended}</p>
        </Card>
      </div>

      <Card className="mb-4">
        <h2 className="mb-2 text-lg font-semibold">{t("training.import.title")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("training.import.hint")}</p>
        {started ? (
          <Form method="post" encType="multipart/form-data" noValidate className="flex flex-wrap items-end gap-4">
            <input type="hidden" name="intent" value="import" />
            <FileField label={t("training.import.file")} name="file" accept=".csv,text/csv,text/plain" errors={errorsFor("import")} />
            <TextField
              label={t("training.import.min_minutes")}
              name="minMinutes"
              inputMode="numeric"
              defaultValue={failed === "import" ? v.minMinutes : String(Math.ceil(webinar.durationMinutes / 2))}
              errors={errorsFor("import")}
              className="w-40"
            />
            <Button type="submit" className="mb-4">
              {t("training.import.submit")}
            </Button>
          </Form>
        ) : (
          <p className="text-sm text-slate-700">{t("training.import.after_start")}</p>
        )}
        {summary ? (
          <div role="status" className="mt-2 rounded-lg border border-slate-200 p-3 text-sm" data-testid="import-summary">
            <p className="font-medium">
              {t("training.import.summary", {
                rows: summary.totalRows,
                recorded: summary.recorded,
                already: summary.alreadyRecorded,
                count: summary.unmatched.length,
              })}
            </p>
          </div>
        ) : null}
        {imports.map((imp) => (
          <details key={imp.id} className="mt-3 rounded-lg border border-slate-200 p-3" open={summary?.importId === imp.id}>
            <summary className="cursor-pointer text-sm">
              {f.dateTime(imp.createdAt)} ·{" "}
              {t("training.import.summary", {
                rows: imp.totalRows,
                recorded: imp.recorded,
                already: imp.alreadyRecorded,
                count: imp.unmatched.length,
              })}
            </summary>
            {imp.unmatched.length ? (
              <Table head={[t("training.import.line"), t("auth.email"), t("training.import.minutes"), t("training.import.reason")]}>
                {imp.unmatched.map((u, i) => (
                  <tr key={i}>
                    <td className="px-3 py-1">{u.line}</td>
                    <td className="px-3 py-1 break-all">{u.email || "—"}</td>
                    <td className="px-3 py-1">{u.minutes ?? "—"}</td>
                    <td className="px-3 py-1">{t(`training.import.reason.${u.reason}`)}</td>
                  </tr>
                ))}
              </Table>
            ) : null}
          </details>
        ))}
      </Card>

      <Card className="mb-4">
        <h2 className="mb-2 text-lg font-semibold">{t("training.webinar.recording")}</h2>
        <Form method="post" noValidate className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="recording" />
          <TextField
            label={t("training.field.recording_url")}
            name="recordingUrl"
            type="url"
            defaultValue={failed === "recording" ? v.recordingUrl : (webinar.recordingUrl ?? "")}
            errors={errorsFor("recording")}
            className="min-w-64 flex-1"
          />
          <Button type="submit" variant="secondary" className="mb-4">
            {t("common.save")}
          </Button>
        </Form>
      </Card>

      <Card className="mb-4">
        <h2 className="mb-2 text-lg font-semibold">{t("training.manage.roster")}</h2>
        <Table
          head={[t("people.name"), t("training.team.organisation"), t("training.manage.registration"), t("training.manage.attendance")]}
        >
          {roster.map((r) => (
            <tr key={r.user_id}>
              <td className="px-3 py-2">
                <p className="font-medium">{r.name}</p>
                <p className="text-xs text-slate-500">{r.email}</p>
              </td>
              <td className="px-3 py-2">{r.organisation}</td>
              <td className="px-3 py-2">
                {r.status ? (
                  <Badge tone={r.status === "registered" ? "green" : "slate"}>{t(`training.manage.registration.${r.status}`)}</Badge>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-3 py-2">
                {r.method ? (
                  <Badge tone="blue">
                    {t(`training.manage.method.${r.method}`)}
                    {r.minutes !== null ? ` · ${t("training.webinar.minutes", { count: r.minutes })}` : ""}
                  </Badge>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </Table>
      </Card>

      {!webinar.cancelledAt && !over ? (
        <Card className="mb-4">
          <Form method="post" className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="intent" value="cancel" />
            <Button type="submit" variant="danger">
              {t("training.manage.cancel_webinar")}
            </Button>
            <p className="text-sm text-slate-600">{t("training.manage.cancel_webinar_hint")}</p>
          </Form>
        </Card>
      ) : null}

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("training.manage.details")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="update" />
          <WebinarFields
            errors={errorsFor("update")}
            values={
              failed === "update"
                ? ({ ...(v as Record<string, string>), targetRoles: echoedRoles(result, webinar.targetRoles) } as never)
                : {
                    title: webinar.title,
                    description: webinar.description,
                    speaker: webinar.speaker,
                    startsLocal,
                    timeZone: webinar.timeZone,
                    durationMinutes: String(webinar.durationMinutes),
                    joinUrl: webinar.joinUrl,
                    capacity: webinar.capacity === null ? "" : String(webinar.capacity),
                    targetRoles: webinar.targetRoles,
                    regions: webinar.regions.join(", "),
                    points: String(webinar.points),
                  }
            }
          />
          <Button type="submit" variant="secondary">
            {t("common.save")}
          </Button>
        </Form>
      </Card>
      <TranslationsCard
        fields={[
          { name: "title", label: t("content.field.title"), maxLength: WEBINAR_TEXT.title, text: webinar.title },
          {
            name: "description",
            label: t("content.field.description"),
            long: true,
            maxLength: WEBINAR_TEXT.description,
            text: webinar.description,
          },
        ].filter((field) => field.text)}
        translations={translations}
        errors={errorsFor("translate")}
        values={failed === "translate" ? (v as Record<string, string>) : {}}
        saved={done === "translated"}
      />
    </>
  );
}
