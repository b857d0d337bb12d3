import { randomBytes } from "node:crypto";
import { extensionOf, sniffEvidenceType } from "~/domain/claims/evidence.server";
import { UserError } from "~/lib/errors";
import { fileStore } from "~/lib/storage.server";
import { MAX_FILE_BYTES } from "./shared";

/**
 * Layouts, final material and proof files in the upload store under costshare/, by random names.
 * The type is decided by the file's first bytes (the same signatures as claims' invoices), never
 * by its name or the browser's word; only the scoped file route hands one out.
 */

export type StoredFile = { storedName: string; mime: string; size: number; originalName: string };

/** Checks a file's size and content without storing it; returns its bytes and type. */
export async function checkFile(file: File, field: string): Promise<{ bytes: Uint8Array; mime: string }> {
  if (file.size === 0) throw new UserError("errors.costshare.file_empty", field, { name: cleanName(file.name) });
  if (file.size > MAX_FILE_BYTES)
    throw new UserError("errors.costshare.file_too_big", field, { name: cleanName(file.name), mb: MAX_FILE_BYTES / 1024 / 1024 }, 413);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mime = sniffEvidenceType(bytes);
  if (!mime) throw new UserError("errors.costshare.file_type", field, { name: cleanName(file.name) }, 415);
  return { bytes, mime };
}

function cleanName(name: string | undefined): string {
  return (name ?? "")
    .split(/[\\/]/)
    .pop()!
    .replace(/[\p{Cc}"]/gu, "")
    .slice(0, 120);
}

/** Checks every file first, then stores them all: a refused file stores nothing. */
export async function storeFiles(files: Array<{ file: File; field: string }>): Promise<StoredFile[]> {
  const checked = [];
  for (const f of files) checked.push({ ...(await checkFile(f.file, f.field)), name: cleanName(f.file.name) });
  const store = await fileStore();
  const stored: StoredFile[] = [];
  for (const c of checked) {
    const storedName = `${randomBytes(16).toString("hex")}.${extensionOf(c.mime)}`;
    await store.put(keyOf(storedName), c.bytes, c.mime);
    stored.push({ storedName, mime: c.mime, size: c.bytes.length, originalName: c.name });
  }
  return stored;
}

function keyOf(storedName: string): string {
  if (!/^[0-9a-f]{32}\.(jpg|png|webp|heic|pdf)$/.test(storedName)) throw new Error(`not a stored cost-share file: ${storedName}`);
  return `costshare/${storedName}`;
}

export async function readStoredFile(storedName: string): Promise<Buffer | null> {
  return (await fileStore()).get(keyOf(storedName));
}

/** Removes files whose row was never saved (the transaction failed after the upload). */
export async function discardFiles(files: StoredFile[]): Promise<void> {
  const store = await fileStore();
  for (const f of files) await store.remove(keyOf(f.storedName)).catch(() => {});
}

/** The non-empty File values of a form field (a browser sends an empty one when nothing was chosen). */
export function filesOf(formData: FormData, name: string): File[] {
  return formData.getAll(name).filter((v): v is File => typeof v !== "string" && (v.size > 0 || v.name !== ""));
}
