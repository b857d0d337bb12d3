import { isoDate } from "../../app/domain/claims/shared";
import { invoicePhoto } from "../../scripts/seed/claims";
import type { Visitor } from "./portal";

/** Helpers for the claims tests: real files and the claim form as a browser sends it. */

export const DAY = 86_400_000;
export const daysAgo = (n: number) => isoDate(new Date(Date.now() - n * DAY));

/** The first bytes of a JPEG (what the server checks) followed by filler: enough to be accepted as a photo. */
export function jpegBytes(size = 2048): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  return bytes;
}

/** A real PNG a browser can draw (see scripts/seed/claims.ts). */
export function pngImage(width = 240, height = 320): Buffer {
  return invoicePhoto(width, height);
}

export type LineInput = { sku: string; qty: string | number; serials?: string[] };

/** The claim form's fields, as the page posts them (multipart, with the invoice file). */
export function claimForm(o: { invoice: string; date: string; lines: LineInput[]; file?: File | null; intent?: string }): FormData {
  const form = new FormData();
  form.set("intent", o.intent ?? "submit");
  form.set("invoiceNumber", o.invoice);
  form.set("invoiceDate", o.date);
  o.lines.forEach((l, i) => {
    form.set(`lines.${i}.sku`, l.sku);
    form.set(`lines.${i}.quantity`, String(l.qty));
    for (const s of l.serials ?? []) form.append(`lines.${i}.serials`, s);
  });
  const file = o.file === undefined ? new File([jpegBytes()], "invoice.jpg", { type: "image/jpeg" }) : o.file;
  if (file) form.set("evidence", file);
  return form;
}

let serial = 0;
/** Serial numbers no other test uses. */
export function serials(n: number, prefix = "T"): string[] {
  return Array.from({ length: n }, () => `${prefix}${process.pid}-${++serial}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase());
}

/** Posts a new claim and returns its id (the page redirects to it); fails the test with the page's text otherwise. */
export async function submitNew(v: Visitor, form: FormData): Promise<string> {
  const res = await v.post("/claims/new", form);
  const to = res.headers.get("location") ?? "";
  const m = to.match(/^\/claims\/([0-9a-f-]{36})/);
  if (res.status !== 302 || !m)
    throw new Error(
      `claim not accepted (${res.status}): ${(await res.text())
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .slice(0, 2000)}`,
    );
  return m[1];
}

/** The visible text of a page, tags removed, React's text-node markers gone. */
export function textOf(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
