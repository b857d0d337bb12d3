import { randomBytes } from "node:crypto";
import { UserError } from "~/lib/errors";
import { fileStore } from "~/lib/storage.server";
import { MAX_EVIDENCE_BYTES, type EvidenceType } from "./shared";

/**
 * Invoice evidence in the upload store (app/lib/storage.server.ts: UPLOAD_DIR or an S3 bucket),
 * under claims/ and random names; the type is decided by the file's first bytes, never by its
 * name or the browser's claim, and only a resource route that checks who is asking hands a file
 * out.
 */

const EXTENSIONS: Record<EvidenceType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "application/pdf": "pdf",
};

/** The evidence type of some bytes by their signature, or null when it is none we accept. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const at = (offset: number, ...sig: number[]) => sig.every((b, i) => bytes[offset + i] === b);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "image/webp";
  if (ascii(0, "%PDF-")) return "application/pdf";
  // HEIC/HEIF (iPhone photos): an ISO-BMFF "ftyp" box with a HEIF brand.
  if (ascii(4, "ftyp") && ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"].some((b) => ascii(8, b))) return "image/heic";
  return null;
}

export type StoredEvidence = { storedName: string; mime: EvidenceType; size: number; originalName: string };

/** Checks and writes an uploaded file; throws a field message for the form when it is refused. */
export async function storeEvidence(file: File): Promise<StoredEvidence> {
  if (file.size === 0) throw new UserError("errors.claims.evidence_empty", "evidence");
  if (file.size > MAX_EVIDENCE_BYTES) throw new UserError("errors.claims.evidence_too_big", "evidence", { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }, 413);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mime = sniffEvidenceType(bytes);
  if (!mime) throw new UserError("errors.claims.evidence_type", "evidence", undefined, 415);
  const storedName = `${randomBytes(16).toString("hex")}.${EXTENSIONS[mime]}`;
  await (await fileStore()).put(keyOf(storedName), bytes, mime);
  // Only a display name is kept, never a path: strip directories and control characters.
  const originalName = (file.name ?? "").split(/[\\/]/).pop()!.replace(/[\u0000-\u001f"]/g, "").slice(0, 120);
  return { storedName, mime, size: bytes.length, originalName };
}

function keyOf(storedName: string): string {
  if (!/^[0-9a-f]{32}\.(jpg|png|webp|heic|pdf)$/.test(storedName)) throw new Error(`not a stored evidence name: ${storedName}`);
  return `claims/${storedName}`;
}

export async function readEvidence(storedName: string): Promise<Buffer | null> {
  return (await fileStore()).get(keyOf(storedName));
}

/** Removes a file whose claim was never saved (the transaction failed after the upload), or a deleted draft's. */
export async function discardEvidence(stored: Pick<StoredEvidence, "storedName"> | null | undefined): Promise<void> {
  if (stored) await (await fileStore()).remove(keyOf(stored.storedName));
}

export function extensionOf(mime: string): string {
  return EXTENSIONS[mime as EvidenceType] ?? "bin";
}
