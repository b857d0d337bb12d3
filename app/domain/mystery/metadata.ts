/**
 * Shoppers stay anonymous to the partner, and a phone's photo can carry more than the picture:
 * EXIF (camera owner, GPS, device serial), XMP and IPTC blocks, PNG text chunks. Photos of a
 * visit are stored without them. JPEG: every APPn segment except APP0 (JFIF) and APP2 (the ICC
 * colour profile) and every comment is dropped before the image data; PNG: text, EXIF and
 * time chunks are dropped. Anything not understood is returned unchanged (WebP, HEIC, PDF).
 */
export function stripMetadata(bytes: Uint8Array, mime: string): Uint8Array {
  if (mime === "image/jpeg") return stripJpeg(bytes) ?? bytes;
  if (mime === "image/png") return stripPng(bytes) ?? bytes;
  return bytes;
}

function stripJpeg(b: Uint8Array): Uint8Array | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    // Start of scan: the rest is image data (and the end marker), kept as it is.
    if (marker === 0xda) {
      out.push(b.subarray(i));
      return concat(out);
    }
    const length = (b[i + 2] << 8) | b[i + 3];
    if (length < 2 || i + 2 + length > b.length) return null;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep = !(isApp && marker !== 0xe0 && marker !== 0xe2) && marker !== 0xfe;
    if (keep) out.push(b.subarray(i, i + 2 + length));
    i += 2 + length;
  }
  return null;
}

const PNG_DROP = new Set(["tEXt", "iTXt", "zTXt", "eXIf", "tIME"]);

function stripPng(b: Uint8Array): Uint8Array | null {
  if (b.length < 8) return null;
  const out: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const length = ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    const end = i + 12 + length;
    if (end > b.length) return null;
    if (!PNG_DROP.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === "IEND") return concat(out);
  }
  return null;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
