import { randomBytes } from "node:crypto";
import { sniffEvidenceType } from "../claims/evidence.server";
import { UserError } from "~/lib/errors";
import { fileStore } from "~/lib/storage.server";
import { stripMetadata } from "./metadata";

/**
 * Photos and receipts of a visit in the upload store, under mystery/ and random names. The
 * type comes from the file's first bytes (the claims' sniffing), never from its name; the
 * original file name is not kept at all (a phone's names can carry the shopper's own name).
 */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS = 12;
/** All the photos of one report together (the request limit in app/server/http.ts follows it). */
export const MAX_REPORT_BYTES = 16 * 1024 * 1024;
const EXT: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "application/pdf": "pdf",
};

export type StoredPhoto = { questionId: string; storedName: string; mime: string; size: number };

export async function storePhoto(questionId: string, file: File, field: string): Promise<StoredPhoto> {
  if (file.size === 0) throw new UserError("mystery.errors.photo_empty", field);
  if (file.size > MAX_PHOTO_BYTES) throw new UserError("mystery.errors.photo_too_big", field, { mb: MAX_PHOTO_BYTES / 1024 / 1024 }, 413);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mime = sniffEvidenceType(bytes);
  // A receipt or a partner's dispute evidence may be a PDF; a photo of the visit must be a picture.
  const pdfAllowed = questionId === "receipt" || questionId.startsWith("dispute:");
  if (!mime || (mime === "application/pdf" && !pdfAllowed)) throw new UserError("mystery.errors.photo_type", field, undefined, 415);
  const storedName = `${randomBytes(16).toString("hex")}.${EXT[mime]}`;
  // Without EXIF and text blocks: a camera's owner name or position must not reach the partner.
  const clean = stripMetadata(bytes, mime);
  await (await fileStore()).put(keyOf(storedName), clean, mime);
  return { questionId, storedName, mime, size: clean.length };
}

function keyOf(storedName: string): string {
  if (!/^[0-9a-f]{32}\.(jpg|png|webp|heic|pdf)$/.test(storedName)) throw new Error(`not a stored photo name: ${storedName}`);
  return `mystery/${storedName}`;
}

export async function readPhoto(storedName: string): Promise<Buffer | null> {
  return (await fileStore()).get(keyOf(storedName));
}

export async function discardPhotos(photos: StoredPhoto[]): Promise<void> {
  const store = await fileStore();
  await Promise.all(photos.map((p) => store.remove(keyOf(p.storedName)).catch(() => undefined)));
}
