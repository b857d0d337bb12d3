import { Form, useActionData } from "react-router";
import { getDb } from "@db/client";
import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES } from "@db/schema/enums";
import { MAX_PO_BYTES, exportSchema } from "~/domain/content/forms";
import { importContentPo, importInterfacePo } from "~/domain/content/exchange.server";
import { Button, Card, FileField, FormErrors, Notice, PageHeader, SelectField, errorsOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/translations";

const others = LOCALES.filter((l) => l !== DEFAULT_LOCALE);

/**
 * Translators' round trip without code (issue 18): download the interface catalogue or the
 * programme content of one language as a gettext PO file, and upload it back translated. The
 * content is saved at once; the interface import reports what changed and what is missing
 * (its catalogue is source code: scripts/translations.ts writes the file).
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "content.translate");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "content.translate");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const { kind, locale } = parseForm(exportSchema, formData);
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new UserError("errors.required", "file");
    if (file.size > MAX_PO_BYTES) throw new UserError("content.exchange.too_big", "file");
    const text = await file.text();
    if (!/msgid\s/.test(text)) throw new UserError("content.exchange.not_po", "file");
    if (kind === "interface") {
      const r = importInterfacePo(locale, text);
      return { ok: true as const, kind, changed: r.changed, missing: r.missing, unknown: r.unknown, placeholders: r.placeholders };
    }
    const r = await importContentPo(await getDb(), locale, text, actor.id);
    return { ok: true as const, kind, changed: r.changed, missing: r.missing, unknown: r.unknown, placeholders: [] as string[] };
  });
}

export default function Translations() {
  const t = useT();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const kinds = [
    { value: "content", label: t("content.exchange.kind_content") },
    { value: "interface", label: t("content.exchange.kind_interface") },
  ];
  const languages = others.map((l) => ({ value: l, label: LOCALE_NAMES[l] }));
  const report = result && "changed" in result ? result : null;
  return (
    <>
      <PageHeader title={t("content.exchange.title")} subtitle={t("content.exchange.subtitle")} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("content.exchange.download")}</h2>
          <Form method="get" action="/admin/translations.po" reloadDocument>
            <SelectField label={t("content.exchange.kind")} name="kind" options={kinds} errors={{}} />
            <SelectField label={t("content.languages")} name="locale" options={languages} errors={{}} />
            <Button type="submit">{t("content.exchange.download")}</Button>
          </Form>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("content.exchange.upload")}</h2>
          <FormErrors errors={errors} />
          <Form method="post" encType="multipart/form-data">
            <SelectField label={t("content.exchange.kind")} name="kind" options={kinds} errors={errors} />
            <SelectField label={t("content.languages")} name="locale" options={languages} errors={errors} />
            <FileField label={t("content.exchange.file")} name="file" accept=".po,text/plain" errors={errors} />
            <Button type="submit">{t("content.exchange.upload")}</Button>
          </Form>
        </Card>
      </div>
      {report ? (
        <Card className="mt-4">
          <h2 className="mb-2 text-lg font-semibold">{t("content.exchange.report")}</h2>
          <Notice>
            {t("content.exchange.summary", {
              changed: report.changed.length,
              missing: report.missing.length,
              unknown: report.unknown.length,
            })}
          </Notice>
          {(
            [
              ["content.exchange.changed", report.changed],
              ["content.exchange.missing", report.missing],
              ["content.exchange.unknown", report.unknown],
              ["content.exchange.placeholders", report.placeholders],
            ] as const
          ).map(([label, list]) =>
            list.length ? (
              <details key={label} className="mt-2">
                <summary className="min-h-11 cursor-pointer py-2 font-medium">
                  {t(label)} ({list.length})
                </summary>
                <ul className="font-mono text-xs">
                  {list.slice(0, 500).map((k) => (
                    <li key={k}>{k}</li>
                  ))}
                </ul>
              </details>
            ) : null,
          )}
        </Card>
      ) : null}
    </>
  );
}
