import { and, desc, eq, ne, or, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@db/client";
import { organisations, selloutReporters, selloutRows, selloutSerials, selloutSettings, selloutUploads, users } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { isManufacturer } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { readCsvTable } from "~/lib/csv";
import { isoDay } from "~/lib/dates";
import { UserError, notFoundError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { autoApproveMatched, refreshMatches } from "./match.server";
import { type RowCheck, SELLOUT_MAX_BYTES, SELLOUT_MAX_ROWS, type SelloutRow, checkRows, locateColumns } from "./rows";

/**
 * Sell-out uploads: the channel team for any partner, a distributor's executive for itself and
 * the dealers it reports for (sellout_reporters). A file is checked row by row and stored whole
 * or not at all; replacing or withdrawing an upload removes its rows, so the claims are matched
 * against what is current. Every upload, replacement and withdrawal is audited.
 */

/** Whether this person may upload at all: the channel team, or a distributor's executive. */
export function mayReport(actor: Actor): boolean {
  return isManufacturer(actor) || (actor.role === "executive" && actor.organisationKind === "distributor");
}

/** The partners this person may report sell-out for, by id and by name (lower-case; a name two partners share is left out). */
async function reportablePartners(db: Queryable, actor: Actor) {
  const rows = isManufacturer(actor)
    ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(ne(organisations.kind, "manufacturer"))
    : await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(
          or(
            eq(organisations.id, actor.organisationId),
            sql`${organisations.id} in (select ${selloutReporters.dealerId} from ${selloutReporters} where ${selloutReporters.distributorId} = ${actor.organisationId})`,
          ),
        );
  const byId = new Map(rows.map((r) => [r.id, r.id]));
  const byName = new Map<string, string | null>();
  for (const r of rows) {
    const key = r.name.trim().toLowerCase();
    byName.set(key, byName.has(key) ? null : r.id);
  }
  return (cell: string) => byId.get(cell.toLowerCase()) ?? byName.get(cell.trim().toLowerCase()) ?? null;
}

export type UploadOutcome = { ok: true; uploadId: string; rows: number; autoApproved: number } | { ok: false; check: RowCheck };

/** Reads, checks and stores a sell-out file; with `replaces`, the new file takes that upload's place in the same transaction. */
export async function uploadSellout(
  db: Db,
  actor: Actor,
  input: { filename: string; text: string; replaces?: string | null },
  now = new Date(),
): Promise<UploadOutcome> {
  if (!mayReport(actor)) throw notFoundError();
  const { columns, rows: records } = readCsvTable(input.text, {
    maxBytes: SELLOUT_MAX_BYTES,
    maxRows: SELLOUT_MAX_ROWS,
    messages: { tooBig: "sellout.errors.too_big", tooMany: "sellout.errors.too_many" },
  });
  if (!records.length) throw new UserError("sellout.errors.empty", "file");
  const cols = locateColumns(columns);
  if ("missing" in cols) throw new UserError("sellout.errors.columns", "file", { columns: cols.missing.join(", ") });
  const check = checkRows(records, cols, await reportablePartners(db, actor), isoDay(now));
  if (check.errors.length) return { ok: false, check };

  const uploadId = await db.transaction(async (tx) => {
    const [upload] = await tx
      .insert(selloutUploads)
      .values({
        uploaderOrganisationId: actor.organisationId,
        uploadedBy: actor.id,
        filename: input.filename.slice(0, 200),
        rowCount: check.rows.length,
      })
      .returning({ id: selloutUploads.id });
    await insertRows(tx, upload.id, check.rows);
    if (input.replaces) await closeUpload(tx, actor, input.replaces, "replaced", upload.id);
    await recordAudit(tx, {
      actor,
      action: "sellout.uploaded",
      entityType: "sellout_upload",
      entityId: upload.id,
      organisationId: actor.organisationId,
      details: { rows: check.rows.length, filename: input.filename.slice(0, 200), replaces: input.replaces ?? null },
    });
    return upload.id;
  });
  await refreshMatches(db);
  const auto = await autoApproveMatched(db);
  return { ok: true, uploadId, rows: check.rows.length, autoApproved: auto.approved };
}

const CHUNK = 5_000;

/** Rows and their serials in chunks of set-based inserts (JSON records, the same on PostgreSQL and PGlite). */
export async function insertRows(tx: Queryable, uploadId: string, rows: SelloutRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const json = JSON.stringify(
      chunk.map((r) => ({ p: r.partnerId, l: r.line, i: r.invoiceKey, d: r.invoiceDate, s: r.sku, q: r.quantity })),
    );
    await tx.execute(sql`
      insert into sellout_rows (upload_id, partner_id, line, invoice_key, invoice_date, sku, quantity)
      select ${uploadId}::uuid, x.p, x.l, x.i, x.d, x.s, x.q
      from json_to_recordset(${json}::json) as x(p uuid, l int, i text, d date, s text, q int)`);
    const serials = chunk.flatMap((r) => r.serials.map((s) => ({ s, p: r.partnerId, k: r.sku })));
    if (serials.length)
      await tx.execute(sql`
        insert into sellout_serials (serial, upload_id, partner_id, sku)
        select x.s, ${uploadId}::uuid, x.p, x.k from json_to_recordset(${JSON.stringify(serials)}::json) as x(s text, p uuid, k text)`);
  }
}

/** Whose uploads a person sees: the channel team all, a distributor its own. */
function uploadScope(actor: Actor) {
  return isManufacturer(actor) ? undefined : eq(selloutUploads.uploaderOrganisationId, actor.organisationId);
}

/** Closes an active upload (guarded: of two clicks the second finds it closed) and removes its rows. */
async function closeUpload(tx: Tx, actor: Actor, uploadId: string, status: "replaced" | "withdrawn", replacedBy: string | null) {
  if (!isId(uploadId)) throw notFoundError();
  const [closed] = await tx
    .update(selloutUploads)
    .set({ status, replacedBy, closedAt: new Date() })
    .where(and(eq(selloutUploads.id, uploadId), eq(selloutUploads.status, "active"), uploadScope(actor)))
    .returning();
  if (!closed) {
    const [seen] = await tx
      .select({ id: selloutUploads.id })
      .from(selloutUploads)
      .where(and(eq(selloutUploads.id, uploadId), uploadScope(actor)));
    if (!seen) throw notFoundError();
    throw new UserError("sellout.errors.closed", undefined, undefined, 409);
  }
  await tx.delete(selloutSerials).where(eq(selloutSerials.uploadId, uploadId));
  await tx.delete(selloutRows).where(eq(selloutRows.uploadId, uploadId));
  return closed;
}

/** Withdraws an upload: its rows no longer count; claims are matched again without them. */
export async function withdrawUpload(db: Db, actor: Actor, uploadId: string, reason: string) {
  if (!mayReport(actor)) throw notFoundError();
  const closed = await db.transaction(async (tx) => {
    const upload = await closeUpload(tx, actor, uploadId, "withdrawn", null);
    await recordAudit(tx, {
      actor,
      action: "sellout.withdrawn",
      entityType: "sellout_upload",
      entityId: upload.id,
      organisationId: upload.uploaderOrganisationId,
      reason,
      details: { rows: upload.rowCount },
    });
    return upload;
  });
  await refreshMatches(db);
  return closed;
}

/** Uploads this person sees, newest first. */
export async function listUploads(db: Queryable, actor: Actor, limit = 50) {
  return db
    .select({
      id: selloutUploads.id,
      filename: selloutUploads.filename,
      status: selloutUploads.status,
      rowCount: selloutUploads.rowCount,
      createdAt: selloutUploads.createdAt,
      uploader: users.name,
      organisation: organisations.name,
    })
    .from(selloutUploads)
    .leftJoin(users, eq(users.id, selloutUploads.uploadedBy))
    .innerJoin(organisations, eq(organisations.id, selloutUploads.uploaderOrganisationId))
    .where(uploadScope(actor))
    .orderBy(desc(selloutUploads.createdAt))
    .limit(limit);
}

/** Switches automatic approval of fully matched claims on or off (audited). */
export async function setAutoApprove(db: Db, actor: Actor, on: boolean) {
  await db.transaction(async (tx) => {
    await tx
      .insert(selloutSettings)
      .values({ id: 1, autoApprove: on })
      .onConflictDoUpdate({ target: selloutSettings.id, set: { autoApprove: on, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: "sellout.auto_approve",
      entityType: "programme",
      entityId: "sellout",
      details: { autoApprove: on },
    });
  });
  if (on) await autoApproveMatched(db);
}
