import { createHash } from "node:crypto";
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import { productRates, products, type Product } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { readCsvTable } from "~/lib/csv";
import { UserError, constraintName, sqlState } from "~/lib/errors";
import type { ErrorMessage } from "~/lib/form-types";
import { getSettings } from "../points/ledger.server";
import { productSchemaFor, type ProductInput } from "./forms";
import { isoDate } from "./shared";
import { isId } from "~/lib/ids";
import { DEFAULT_LOCALE, type Locale } from "@db/schema/enums";
import { loadTranslations, localise } from "~/domain/content/translations.server";
import { type TextItem, textItems } from "~/domain/content/units.server";

/** The first rate of a new product reaches back far enough for any claimable invoice. */
export const BEGINNING = "2000-01-01";

export async function listProducts(db: Queryable, opts: { q?: string; category?: string; includeInactive?: boolean } = {}) {
  const q = opts.q?.trim();
  return db
    .select()
    .from(products)
    .where(
      and(
        opts.includeInactive ? undefined : eq(products.active, true),
        opts.category ? eq(products.category, opts.category) : undefined,
        q ? or(ilike(products.sku, `%${escapeLike(q)}%`), ilike(products.name, `%${escapeLike(q)}%`)) : undefined,
      ),
    )
    .orderBy(asc(products.category), asc(products.name));
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listProductCategories(db: Queryable): Promise<string[]> {
  const rows = await db.selectDistinct({ category: products.category }).from(products).orderBy(asc(products.category));
  return rows.map((r) => r.category);
}

export async function getProduct(db: Queryable, id: string) {
  if (!isId(id)) return null;
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row ?? null;
}

/** Records the base points of a product from today on (a change made twice in a day keeps the last). */
async function setRate(tx: Tx, productId: string, pointsPerUnit: number, from: string) {
  await tx
    .insert(productRates)
    .values({ productId, validFrom: from, pointsPerUnit })
    .onConflictDoUpdate({ target: [productRates.productId, productRates.validFrom], set: { pointsPerUnit } });
}

function columnsOf(input: ProductInput) {
  return {
    sku: input.sku,
    name: input.name,
    category: input.category,
    pointsPerUnit: input.pointsPerUnit,
    requiresSerial: input.requiresSerial,
    active: input.active,
    listPriceMinor: input.listPrice,
    tip: input.tip,
  };
}

function skuTaken(error: unknown): never {
  if (sqlState(error) === "23505" && constraintName(error) === "products_sku_unique") throw new UserError("errors.claims.sku_taken", "sku");
  throw error;
}

export async function createProduct(db: Db, actor: Actor, input: ProductInput): Promise<Product> {
  try {
    return await db.transaction(async (tx) => {
      const [product] = await tx.insert(products).values(columnsOf(input)).returning();
      await setRate(tx, product.id, product.pointsPerUnit, BEGINNING);
      await recordAudit(tx, {
        actor,
        action: "product.created",
        entityType: "product",
        entityId: product.id,
        details: { ...columnsOf(input) },
      });
      return product;
    });
  } catch (error) {
    skuTaken(error);
  }
}

/** Changes a product; a new points value applies to invoices dated from today, older invoices keep the old one. */
export async function updateProduct(db: Db, actor: Actor, id: string, input: ProductInput): Promise<Product> {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(products).where(eq(products.id, id)).for("update");
      if (!before) throw new UserError("common.not_found", undefined, undefined, 404);
      const [after] = await tx
        .update(products)
        .set({ ...columnsOf(input), updatedAt: new Date() })
        .where(eq(products.id, id))
        .returning();
      if (before.pointsPerUnit !== after.pointsPerUnit) await setRate(tx, id, after.pointsPerUnit, isoDate(new Date()));
      await recordAudit(tx, {
        actor,
        action: "product.updated",
        entityType: "product",
        entityId: id,
        details: { before: columnsOf(toInput(before)), after: columnsOf(input) },
      });
      return after;
    });
  } catch (error) {
    skuTaken(error);
  }
}

function toInput(p: Product): ProductInput {
  return {
    sku: p.sku,
    name: p.name,
    category: p.category,
    pointsPerUnit: p.pointsPerUnit,
    requiresSerial: p.requiresSerial,
    active: p.active,
    listPrice: p.listPriceMinor,
    tip: p.tip,
  };
}

export type ImportReport = {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows refused, by the line number in the file, with every reason. */
  errors: Array<{ line: number; sku: string; problems: Array<ErrorMessage & { column: string }> }>;
};

const COLUMNS: Record<string, keyof ProductInput> = {
  sku: "sku",
  name: "name",
  category: "category",
  points_per_unit: "pointsPerUnit",
  points: "pointsPerUnit",
  requires_serial: "requiresSerial",
  serial: "requiresSerial",
  active: "active",
  list_price: "listPrice",
  price: "listPrice",
  tip: "tip",
};
const CSV_NAME: Record<string, string> = {
  sku: "sku",
  name: "name",
  category: "category",
  pointsPerUnit: "points_per_unit",
  requiresSerial: "requires_serial",
  active: "active",
  listPrice: "list_price",
  tip: "tip",
};
const REQUIRED: Array<keyof ProductInput> = ["sku", "name", "category", "pointsPerUnit"];
export const MAX_IMPORT_ROWS = 5000;
const CSV_MESSAGES = { notText: "errors.claims.csv_not_text", tooBig: "errors.claims.csv_too_big", tooMany: "errors.claims.csv_too_many" };

/**
 * Imports a catalogue CSV: a header line naming the columns (sku, name, category,
 * points_per_unit; optional requires_serial, active, list_price, tip), one product per line.
 * Good rows are created or updated by SKU in one transaction; bad rows are reported by line
 * and skipped, so one typo does not throw away a thousand good rows.
 */
export async function importProducts(db: Db, actor: Actor, csv: string): Promise<ImportReport> {
  const { columns, rows } = readCsvTable(csv, { maxRows: MAX_IMPORT_ROWS, messages: CSV_MESSAGES });
  if (!rows.length) throw new UserError("errors.claims.csv_empty", "file");
  const mapping = columns.map((c) => COLUMNS[c]);
  const missing = REQUIRED.filter((c) => !mapping.includes(c));
  if (missing.length) throw new UserError("errors.claims.csv_header", "file", { columns: "sku, name, category, points_per_unit" });

  // List prices in the file are in the programme's currency, like the form.
  const productSchema = productSchemaFor((await getSettings(db)).currency);
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, errors: [] };
  const good: Array<{ line: number; input: ProductInput }> = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const raw: Record<string, string> = {};
    mapping.forEach((field, i) => {
      if (field && raw[field] === undefined) raw[field] = row.fields[i] ?? "";
    });
    // Optional flags default the friendly way: serial not required, product active.
    raw.requiresSerial ??= "";
    raw.active = raw.active === undefined || raw.active.trim() === "" ? "yes" : raw.active;
    const parsed = productSchema.safeParse(raw);
    const sku = (raw.sku ?? "").trim().toUpperCase();
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({
        column: CSV_NAME[String(i.path[0])] ?? "",
        key: i.message.startsWith("errors.") ? i.message : "errors.invalid",
      }));
      report.errors.push({ line: row.line, sku, problems });
      continue;
    }
    const earlier = seen.get(parsed.data.sku);
    if (earlier !== undefined) {
      report.errors.push({
        line: row.line,
        sku,
        problems: [{ column: "sku", key: "errors.claims.csv_duplicate", vars: { line: earlier } }],
      });
      continue;
    }
    seen.set(parsed.data.sku, row.line);
    good.push({ line: row.line, input: parsed.data });
  }

  await db.transaction(async (tx) => {
    const today = isoDate(new Date());
    for (const { input } of good) {
      const [existing] = await tx.select().from(products).where(eq(products.sku, input.sku)).for("update");
      if (!existing) {
        const [product] = await tx.insert(products).values(columnsOf(input)).returning();
        await setRate(tx, product.id, product.pointsPerUnit, BEGINNING);
        report.created++;
        continue;
      }
      const before = columnsOf(toInput(existing));
      const after = columnsOf(input);
      if (JSON.stringify(before) === JSON.stringify(after)) {
        report.unchanged++;
        continue;
      }
      await tx
        .update(products)
        .set({ ...after, updatedAt: new Date() })
        .where(eq(products.id, existing.id));
      if (existing.pointsPerUnit !== input.pointsPerUnit) await setRate(tx, existing.id, input.pointsPerUnit, today);
      report.updated++;
    }
    await recordAudit(tx, {
      actor,
      action: "product.imported",
      entityType: "product",
      entityId: "catalogue",
      details: {
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        refusedLines: report.errors.map((e) => e.line),
      },
    });
  });
  return report;
}

/** Products as the claim form and the rules need them, keyed by SKU for lookup. */
export async function productsBySku(db: Queryable, skus: string[]) {
  if (!skus.length) return new Map<string, Product>();
  const rows = await db
    .select()
    .from(products)
    .where(
      sql`${products.sku} = any(${sql`array[${sql.join(
        skus.map((s) => sql`${s}`),
        sql`, `,
      )}]::text[]`})`,
    );
  return new Map(rows.map((r) => [r.sku, r]));
}

/**
 * A product category is a product's text, not a row of its own; its translations are named by
 * this id, derived from the category's default-language name (the same as `md5(category)::uuid`
 * in SQL), so renaming a category starts its translations afresh.
 */
export function productCategoryId(category: string): string {
  const h = createHash("md5").update(category, "utf8").digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Products' names, "did you know" tips and categories in the reader's language where translated (issue 18). */
export async function localiseProducts<T extends { id: string; name: string; category?: string; tip?: string | null }>(
  db: Queryable,
  rows: T[],
  locale: Locale,
): Promise<T[]> {
  if (locale === DEFAULT_LOCALE || rows.length === 0) return rows;
  const named = await localise(db, "product", rows, ["name", "tip"], locale);
  const categories = [...new Set(rows.map((r) => r.category).filter((c): c is string => !!c))];
  if (!categories.length) return named;
  const found = await loadTranslations(db, "product_category", categories.map(productCategoryId), locale);
  return named.map((r) => {
    const translated = r.category ? found.get(productCategoryId(r.category))?.name : undefined;
    return translated ? { ...r, category: translated } : r;
  });
}

/** Each category's name in the reader's language (the default name where not translated). */
export async function localiseCategories(db: Queryable, categories: string[], locale: Locale): Promise<Map<string, string>> {
  const found = await loadTranslations(db, "product_category", categories.map(productCategoryId), locale);
  return new Map(categories.map((c) => [c, found.get(productCategoryId(c))?.name ?? c]));
}

/** A product's name, "did you know" tip and category, translated together on the catalogue page (limits as the product form's). */
export function productTextItems(product: Product): TextItem[] {
  const { items, add } = textItems();
  add({ entity: "product", id: product.id, field: "name" }, { text: product.name, max: 120, label: "content.field.name" });
  add({ entity: "product", id: product.id, field: "tip" }, { text: product.tip ?? "", max: 200, label: "content.field.tip" });
  add(
    { entity: "product_category", id: productCategoryId(product.category), field: "name" },
    { text: product.category, max: 40, label: "content.field.category" },
  );
  return items;
}
