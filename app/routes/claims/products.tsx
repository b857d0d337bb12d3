import { Form, data, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { getDb } from "@db/client";
import {
  createProduct,
  getProduct,
  importProducts,
  listProductCategories,
  listProducts,
  updateProduct,
  productTextItems,
  type ImportReport,
} from "~/domain/claims/products.server";
import { saveUnitTranslations, unitTranslations } from "~/domain/content/units.server";
import { UnitTranslations } from "~/components/translations";
import { getSettings } from "~/domain/points/ledger.server";
import { productSchemaFor } from "~/domain/claims/forms";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, Table, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { isId } from "~/lib/ids";
import { searchText } from "~/lib/search";
import { UserError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/products";
import { CSV_MAX_BYTES as MAX_CSV_BYTES } from "~/lib/csv";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "claims.catalogue");
  const url = new URL(request.url);
  const q = searchText(url, 100);
  const db = await getDb();
  const editId = url.searchParams.get("edit");
  const [products, categories, editing, settings] = await Promise.all([
    listProducts(db, { q, includeInactive: true }),
    listProductCategories(db),
    isId(editId) ? getProduct(db, editId) : null,
    getSettings(db),
  ]);
  // The product being edited, in every language (issue 18).
  const translation = editing ? await unitTranslations(db, productTextItems(editing)) : null;
  return { products, categories, q, editing, currency: settings.currency, translation };
}

// Checkboxes send nothing when unticked: read that as "no".
function withFlags(formData: FormData) {
  return { ...Object.fromEntries(formData), requiresSerial: formData.get("requiresSerial") ?? "", active: formData.get("active") ?? "" };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireActor(context, request, "claims.catalogue");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_CSV_BYTES) {
    return data({ ok: false as const, errors: { file: [{ key: "errors.claims.csv_too_big" }] }, values: {} }, { status: 413 });
  }
  const db = await getDb();
  return dispatchIntent(request, context, "claims.catalogue", {
    import: {
      run: async (actor, formData) => {
        const file = formData.get("file");
        if (!(file instanceof File) || file.size === 0) throw new UserError("errors.claims.csv_missing", "file");
        const report = await importProducts(db, actor, await file.text());
        return { ok: true as const, report };
      },
    },
    create: {
      run: async (actor, formData) => {
        const product = await createProduct(
          db,
          actor,
          parseForm(productSchemaFor((await getSettings(db)).currency), formData, withFlags(formData)),
        );
        return { ok: true as const, done: "created", sku: product.sku };
      },
    },
    translate: {
      run: async (actor, formData) => {
        const product = orNotFound(await getProduct(db, new URL(request.url).searchParams.get("edit") ?? ""));
        await saveUnitTranslations(db, actor, productTextItems(product), formData);
        return { ok: true as const, translated: true as const };
      },
    },
    update: {
      run: async (actor, formData) => {
        const id = formData.get("productId");
        if (!isId(id)) throw new UserError("common.not_found", undefined, undefined, 404);
        const product = await updateProduct(
          db,
          actor,
          id,
          parseForm(productSchemaFor((await getSettings(db)).currency), formData, withFlags(formData)),
        );
        return { ok: true as const, done: "updated", sku: product.sku };
      },
    },
  });
}

export default function Products() {
  const { products, categories, q, editing, currency, translation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const report = result && "report" in result ? (result.report as ImportReport) : null;
  const formIntent = editing ? "update" : "create";
  const mine = v.intent === formIntent;
  const source = editing
    ? {
        sku: editing.sku,
        name: editing.name,
        category: editing.category,
        pointsPerUnit: String(editing.pointsPerUnit),
        listPrice: editing.listPriceMinor === null ? "" : f.moneyInput(editing.listPriceMinor, currency),
        tip: editing.tip ?? "",
        requiresSerial: editing.requiresSerial,
        active: editing.active,
      }
    : { sku: "", name: "", category: "", pointsPerUnit: "", listPrice: "", tip: "", requiresSerial: false, active: true };
  return (
    <>
      <PageHeader title={t("claims.products_title")} subtitle={t("claims.products_subtitle", { count: products.length })} />
      {result && "done" in result ? <Notice>{t(`claims.product_${result.done}`, { sku: String(result.sku ?? "") })}</Notice> : null}
      {!v.intent || v.intent === "import" || v.intent === "translate" ? null : <FormErrors errors={errors} />}

      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">
            {editing ? t("claims.product_edit", { sku: editing.sku }) : t("claims.product_add")}
          </h2>
          <Form method="post" noValidate key={editing?.id ?? "new"} className="grid gap-x-4 sm:grid-cols-2">
            <input type="hidden" name="intent" value={formIntent} />
            {editing ? <input type="hidden" name="productId" value={editing.id} /> : null}
            <TextField
              label={t("claims.sku")}
              name="sku"
              defaultValue={mine ? v.sku : source.sku}
              errors={mine ? errors : undefined}
              autoCapitalize="characters"
            />
            <TextField
              label={t("claims.product_name")}
              name="name"
              defaultValue={mine ? v.name : source.name}
              errors={mine ? errors : undefined}
            />
            <TextField
              label={t("claims.category")}
              name="category"
              defaultValue={mine ? v.category : source.category}
              errors={mine ? errors : undefined}
              list="categories"
            />
            <datalist id="categories">
              {categories.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
            <TextField
              label={t("claims.points_per_unit")}
              name="pointsPerUnit"
              inputMode="numeric"
              defaultValue={mine ? v.pointsPerUnit : source.pointsPerUnit}
              errors={mine ? errors : undefined}
              hint={editing ? t("claims.points_change_hint") : undefined}
            />
            <TextField
              label={t("claims.list_price")}
              name="listPrice"
              inputMode="decimal"
              defaultValue={mine ? v.listPrice : source.listPrice}
              errors={mine ? errors : undefined}
            />
            <TextField
              label={t("claims.tip")}
              name="tip"
              defaultValue={mine ? v.tip : source.tip}
              errors={mine ? errors : undefined}
              hint={t("claims.tip_hint")}
            />
            <label className="mb-4 flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="requiresSerial"
                value="yes"
                defaultChecked={mine ? v.requiresSerial === "yes" : source.requiresSerial}
                className="h-5 w-5"
              />
              {t("claims.requires_serial")}
            </label>
            <label className="mb-4 flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="active"
                value="yes"
                defaultChecked={mine ? v.active === "yes" : source.active}
                className="h-5 w-5"
              />
              {t("claims.active")}
            </label>
            <div className="flex items-center gap-3 sm:col-span-2">
              <Button type="submit">{editing ? t("common.save") : t("claims.product_add")}</Button>
              {editing ? (
                <a href="/claims/products" className="text-sm text-brand-600 underline">
                  {t("common.cancel")}
                </a>
              ) : null}
            </div>
          </Form>
        </Card>

        <Card>
          <h2 className="mb-1 text-lg font-semibold">{t("claims.import_title")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("claims.import_hint")}</p>
          <pre className="mb-3 overflow-x-auto rounded bg-slate-50 p-2 text-xs">
            sku,name,category,points_per_unit,requires_serial,active,list_price,tip
          </pre>
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="intent" value="import" />
            <label htmlFor="f-file" className="mb-1 block text-sm font-medium text-slate-700">
              {t("claims.import_file")}
            </label>
            <input
              id="f-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              className="mb-2 block w-full text-sm"
              aria-invalid={errors.file ? true : undefined}
            />
            {errors.file ? (
              <p role="alert" className="mb-2 text-sm text-red-700">
                {errors.file.map((m) => t(m.key, m.vars)).join(" ")}
              </p>
            ) : null}
            <Button type="submit" variant="secondary" disabled={navigation.state === "submitting"}>
              {t("claims.import_button")}
            </Button>
          </Form>
          {report ? (
            <div className="mt-4" data-testid="import-report">
              <p className="text-sm font-medium">
                {t("claims.import_result", {
                  created: report.created,
                  updated: report.updated,
                  unchanged: report.unchanged,
                  refused: report.errors.length,
                })}
              </p>
              {report.errors.length ? (
                <ul className="mt-2 space-y-1 text-sm text-red-800">
                  {report.errors.map((e) => (
                    <li key={e.line}>
                      {t("claims.import_line", { line: e.line, sku: e.sku || "—" })}:{" "}
                      {e.problems.map((p) => `${p.column}: ${t(p.key, p.vars)}`).join("; ")}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </Card>
      </div>
      {translation ? (
        <div className="mb-4">
          <UnitTranslations unit={translation} result={result} />
        </div>
      ) : null}

      <Card>
        <Form method="get" className="mb-3 flex gap-2">
          <label htmlFor="q" className="sr-only">
            {t("claims.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder={t("claims.form.search_placeholder")}
            className="block min-h-11 w-full rounded-lg border border-slate-300 px-3"
          />
          <Button type="submit" variant="secondary">
            {t("claims.search")}
          </Button>
        </Form>
        <Table
          head={[t("claims.sku"), t("claims.product_name"), t("claims.category"), t("claims.points_per_unit"), t("claims.list_price"), ""]}
        >
          {products.map((p) => (
            <tr key={p.id} className={p.active ? "" : "text-slate-500"}>
              <td className="px-3 py-2 font-mono text-xs">{p.sku}</td>
              <td className="px-3 py-2">
                {p.name} {p.requiresSerial ? <Badge>{t("claims.serial_badge")}</Badge> : null}{" "}
                {p.active ? null : <Badge tone="red">{t("claims.inactive")}</Badge>}
              </td>
              <td className="px-3 py-2">{p.category}</td>
              <td className="px-3 py-2">{f.number(p.pointsPerUnit)}</td>
              <td className="px-3 py-2">{p.listPriceMinor === null ? "—" : f.money(p.listPriceMinor, currency)}</td>
              <td className="px-3 py-2 text-right">
                <a
                  href={`?edit=${p.id}${params.get("q") ? `&q=${encodeURIComponent(params.get("q")!)}` : ""}`}
                  className="text-brand-600 underline"
                >
                  {t("claims.edit")}
                </a>
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
