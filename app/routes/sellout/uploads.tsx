import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getDb } from "@db/client";
import { uploadSchema, settingsSchema, withdrawSchema } from "~/domain/sellout/forms";
import { queueMatchCounts, selloutSettingsOf } from "~/domain/sellout/match.server";
import { SELLOUT_MAX_BYTES } from "~/domain/sellout/rows";
import { listUploads, mayReport, setAutoApprove, uploadSellout, withdrawUpload } from "~/domain/sellout/uploads.server";
import { Badge, Button, Card, FileField, FormErrors, Notice, PageHeader, SelectField, Table, TextField, errorsOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import { FormInvalid, parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/uploads";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "sellout.upload");
  const db = await getDb();
  const allowed = mayReport(actor);
  const manages = can(actor.role, "sellout.settings");
  const [uploads, settings, counts] = await Promise.all([
    allowed ? listUploads(db, actor) : Promise.resolve([]),
    selloutSettingsOf(db),
    manages ? queueMatchCounts(db) : Promise.resolve(null),
  ]);
  return { allowed, manages, uploads, autoApprove: settings.autoApprove, counts };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "sellout.upload", {
    upload: {
      run: async (actor, formData) => {
        const { replaces } = parseForm(uploadSchema, formData);
        const file = formData.get("file");
        if (!(file instanceof File) || file.size === 0) throw new UserError("sellout.errors.empty", "file");
        if (file.size > SELLOUT_MAX_BYTES) throw new UserError("sellout.errors.too_big", "file", { mb: SELLOUT_MAX_BYTES / 1024 / 1024 });
        const outcome = await uploadSellout(db, actor, { filename: file.name, text: await file.text(), replaces: replaces || null });
        if (!outcome.ok) {
          const { errors, more } = outcome.check;
          throw new FormInvalid({ file: more ? [...errors, { key: "sellout.row.more", vars: { count: more } }] : errors });
        }
        return { ok: true as const, done: "uploaded" as const, rows: outcome.rows, autoApproved: outcome.autoApproved };
      },
    },
    withdraw: {
      run: async (actor, formData) => {
        const { uploadId, reason } = parseForm(withdrawSchema, formData);
        await withdrawUpload(db, actor, uploadId, reason);
        return { ok: true as const, done: "withdrawn" as const };
      },
    },
    settings: {
      can: "sellout.settings",
      run: async (actor, formData) => {
        const { autoApprove } = parseForm(settingsSchema, formData);
        await setAutoApprove(db, actor, autoApprove === "on");
        return { ok: true as const, done: "settings" as const };
      },
    },
  });
}

export default function SelloutUploads() {
  const { allowed, manages, uploads, autoApprove, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const t = useT();
  const f = useFormat();
  const busy = useNavigation().state !== "idle";
  const active = uploads.filter((u) => u.status === "active");
  return (
    <>
      <PageHeader title={t("sellout.title")} subtitle={t("sellout.subtitle")} />
      {result && "done" in result ? (
        <Notice>
          {result.done === "uploaded"
            ? `${t("sellout.done.uploaded", { count: result.rows })} ${t("sellout.done.auto_approved", { count: result.autoApproved })}`
            : t(`sellout.done.${result.done}`)}
        </Notice>
      ) : null}
      <FormErrors errors={errors} />
      {!allowed ? (
        <Card>
          <p className="text-slate-600">{t("sellout.not_reporting")}</p>
        </Card>
      ) : (
        <>
          {counts ? (
            <Card className="mb-4">
              <h2 className="mb-2 font-semibold">{t("sellout.queue_title")}</h2>
              <p className="flex flex-wrap gap-2 text-sm" data-testid="match-counts">
                <Badge tone="green">{t("sellout.match.matched_count", { count: counts.matched })}</Badge>
                <Badge tone="amber">{t("sellout.match.partial_count", { count: counts.partial })}</Badge>
                <Badge tone="slate">{t("sellout.match.unmatched_count", { count: counts.unmatched })}</Badge>
                {counts.foreign ? <Badge tone="red">{t("sellout.match.foreign_count", { count: counts.foreign })}</Badge> : null}
              </p>
              <p className="mt-2 text-sm">
                <a href="/claims/review" className="text-brand-600 underline">
                  {t("sellout.open_queue")}
                </a>
              </p>
            </Card>
          ) : null}

          <Card className="mb-4">
            <h2 className="mb-2 font-semibold">{t("sellout.upload_title")}</h2>
            <p className="mb-3 text-sm text-slate-600">{t("sellout.upload_help")}</p>
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="intent" value="upload" />
              <FileField label={t("sellout.file")} name="file" accept=".csv,text/csv" errors={errors} />
              {active.length ? (
                <SelectField
                  label={t("sellout.replaces")}
                  name="replaces"
                  options={[
                    { value: "", label: t("sellout.replaces_none") },
                    ...active.map((u) => ({ value: u.id, label: `${u.filename || t("sellout.unnamed")} · ${f.dateTime(u.createdAt)}` })),
                  ]}
                  errors={errors}
                />
              ) : null}
              <Button type="submit" disabled={busy}>
                {t("sellout.upload")}
              </Button>
            </Form>
          </Card>

          {manages ? (
            <Card className="mb-4">
              <h2 className="mb-2 font-semibold">{t("sellout.settings_title")}</h2>
              <p className="mb-3 text-sm text-slate-600">{autoApprove ? t("sellout.auto_on") : t("sellout.auto_off")}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="settings" />
                <input type="hidden" name="autoApprove" value={autoApprove ? "off" : "on"} />
                <Button type="submit" variant="secondary" disabled={busy}>
                  {autoApprove ? t("sellout.auto_switch_off") : t("sellout.auto_switch_on")}
                </Button>
              </Form>
            </Card>
          ) : null}

          <Card>
            <h2 className="mb-2 font-semibold">{t("sellout.uploads_title")}</h2>
            {uploads.length ? (
              <Table head={[t("sellout.col.file"), t("sellout.col.when"), t("sellout.col.rows"), t("sellout.col.status"), ""]}>
                {uploads.map((u) => (
                  <tr key={u.id} data-testid="upload-row">
                    <td className="px-3 py-2">
                      {u.filename || t("sellout.unnamed")}
                      <span className="block text-xs text-slate-500">
                        {u.uploader ?? ""} · {u.organisation}
                      </span>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{f.dateTime(u.createdAt)}</td>
                    <td className="px-3 py-2">{f.number(u.rowCount)}</td>
                    <td className="px-3 py-2">
                      <Badge tone={u.status === "active" ? "green" : "slate"}>{t(`sellout.status.${u.status}`)}</Badge>
                    </td>
                    <td className="px-3 py-2">
                      {u.status === "active" ? (
                        <Form method="post" className="flex flex-wrap items-end gap-2">
                          <input type="hidden" name="intent" value="withdraw" />
                          <input type="hidden" name="uploadId" value={u.id} />
                          <TextField
                            label={t("sellout.withdraw_reason")}
                            name="reason"
                            id={`reason-${u.id}`}
                            maxLength={500}
                            required
                            className="mb-0"
                          />
                          <Button type="submit" variant="secondary" disabled={busy}>
                            {t("sellout.withdraw")}
                          </Button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </Table>
            ) : (
              <p className="text-slate-600">{t("sellout.no_uploads")}</p>
            )}
          </Card>
        </>
      )}
    </>
  );
}
