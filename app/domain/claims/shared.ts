import { DAY_MS, addDays, isIsoDay, isoDay } from "~/lib/dates";

/**
 * Small pure rules of sales claims that the browser and the server both apply, so the form can
 * say what the server will say before anything is sent.
 */

/** A line may claim at most this many units; serial-numbered products at most MAX_SERIALISED_QTY (one field each). */
export const MAX_QUANTITY = 999;
export const MAX_SERIALISED_QUANTITY = 50;
export const MAX_LINES = 30;
/** Server drafts a person may keep at once: each can hold an 8 MB photo, so the store is bounded per person. */
export const MAX_DRAFTS = 20;
/** Invoice photo or PDF. Phones take 3-6 MB photos; the form shrinks big photos before sending. */
/** Files one send may attach (the invoice and serial-label photos); together within MAX_EVIDENCE_BYTES. */
export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 8 * 1024 * 1024;
export const EVIDENCE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export const EVIDENCE_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,application/pdf";

/** Statuses in which the claimant may change the claim and send it (again). */
export const EDITABLE_STATUSES = ["draft", "info_requested", "rejected"] as const;
/** Statuses that count as "pending" on My points: submitted and waiting for a decision. */
export const PENDING_STATUSES = ["manager_check", "in_review"] as const;

export function normaliseSku(sku: string): string {
  return sku.trim().toUpperCase();
}

export function normaliseSerial(serial: string): string {
  return serial.trim().toUpperCase().replace(/\s+/g, "");
}

/** What invoice-number uniqueness is checked on: trimmed, upper-case, inner spaces collapsed. */
export function invoiceKey(invoiceNumber: string): string {
  return invoiceNumber.trim().toUpperCase().replace(/\s+/g, " ");
}

/** Letters and digits only, leading zeros dropped: "INV-0042", "inv 42" and "INV42" look alike here. */
export function looseInvoiceKey(invoiceNumber: string): string {
  return invoiceNumber
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, "")
    .replace(/^([\p{L}]*)0+(?=\p{N})/u, "$1");
}

/** The ISO day of an instant (UTC); kept under this name for the claims area. */
export const isoDate = isoDay;

/**
 * The latest invoice date accepted as "not in the future": the date it already is somewhere on
 * Earth (UTC+14), so a salesperson east of UTC is never told their today is tomorrow.
 */
export function latestInvoiceDate(now = new Date()): string {
  return isoDate(new Date(now.getTime() + 14 * 3_600_000));
}

/** The oldest invoice date a claim first submitted at `submittedAt` may carry. */
export function earliestInvoiceDate(windowDays: number, submittedAt = new Date()): string {
  return isoDate(addDays(submittedAt, -windowDays));
}

export const isRealDate = isIsoDay;

/** Days since a moment, rounded down, for "waiting 3 days". */
export function ageInDays(since: Date | string, now = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / DAY_MS));
}
