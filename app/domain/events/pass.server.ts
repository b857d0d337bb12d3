import { randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { prepareZXingModule, writeBarcode } from "zxing-wasm/writer";
import { keyedDigest } from "~/domain/mail/secrets.server";

/**
 * A participant's pass for one event: "<person>.<signature>" in base64url (45 characters), where
 * the signature is an HMAC of the event and the person under the portal's secret key. It cannot
 * be guessed or made for another person or event, and needs no row of its own. The short code
 * printed under it (8 characters, random per registration) is what the organiser types when a
 * camera fails; it only means something on that event's check-in page.
 */
function signature(eventId: string, userId: string): Buffer {
  return Buffer.from(keyedDigest(`event-pass:${eventId}:${userId}`).slice(0, 32), "hex");
}

export function passToken(eventId: string, userId: string): string {
  const person = Buffer.from(userId.replace(/-/g, ""), "hex").toString("base64url");
  return `${person}.${signature(eventId, userId).toString("base64url")}`;
}

/** The person a token names, or null when it is not a genuine pass for this event. */
export function readPassToken(eventId: string, token: string): string | null {
  const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(token.trim());
  if (!m) return null;
  const hex = Buffer.from(m[1], "base64url").toString("hex");
  if (hex.length !== 32) return null;
  const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const given = Buffer.from(m[2], "base64url");
  const expected = signature(eventId, userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 8 characters without look-alikes (no 0/O, 1/I): 40 bits, read aloud or typed at the door. */
export function newCheckInCode(): string {
  return [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

export function normaliseCheckInCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

/** "ABCD-EFGH": easier to read out than eight letters in a row. */
export function displayCheckInCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

let writerReady = false;

/**
 * The pass as an SVG QR code, drawn on the server by ZXing's writer (the library the portal's
 * scanner reads with), so the page needs no script to show it and prints as sharp as the screen.
 * The WebAssembly comes from node_modules, never from a CDN.
 */
export async function passSvg(token: string): Promise<string> {
  if (!writerReady) {
    const wasm = readFileSync(createRequire(import.meta.url).resolve("zxing-wasm/writer/zxing_writer.wasm"));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } });
    writerReady = true;
  }
  const out = await writeBarcode(token, { format: "QRCode", scale: 6, addQuietZones: true, ecLevel: "M" });
  if (!out.svg) throw new Error(`QR code not drawn: ${out.error}`);
  // Only the <svg> element: the XML prolog and DOCTYPE do not belong inside an HTML page.
  // A viewBox lets the page size it (full width on a phone, a fixed size on paper).
  const svg = out.svg.slice(out.svg.indexOf("<svg"));
  return svg.replace(/^<svg width="(\d+)" height="(\d+)"/, '<svg viewBox="0 0 $1 $2" width="100%" height="100%"');
}
