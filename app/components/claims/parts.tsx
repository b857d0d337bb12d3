import { useEffect, useState } from "react";
import { Badge } from "~/components/ui";
import type { Formatter } from "~/i18n/format";
import { useFormat, useT } from "~/i18n/react";
import type { Translate } from "~/i18n/translate";

export type Line = { key: string; vars?: Record<string, string | number> };

const TONES = {
  draft: "slate",
  manager_check: "amber",
  in_review: "blue",
  info_requested: "amber",
  rejected: "red",
  approved: "green",
  reversed: "red",
} as const;

export function ClaimStatusBadge({ status }: { status: keyof typeof TONES }) {
  const t = useT();
  return <Badge tone={TONES[status]}>{t(`claims.status.${status}`)}</Badge>;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}(T.*)?$/;

/**
 * Translates a stored line (an i18n key and its values). Values that are dates (`date`, `from`,
 * `to`) are written the reader's way; numbers are formatted by the translator.
 */
export function lineText(t: Translate, f: Formatter, line: Line): string {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(line.vars ?? {}))
    vars[k] = typeof v === "string" && ISO_DAY.test(v) && ["date", "from", "to"].includes(k) ? (v.length === 10 ? f.day(v) : f.date(v)) : v;
  return t(line.key, vars);
}

/** How the points were calculated, line by line; the total line stands out. */
export function CalculationLines({ lines, className = "" }: { lines: Line[]; className?: string }) {
  const t = useT();
  const f = useFormat();
  if (!lines.length) return null;
  return (
    <ol className={`space-y-1 text-sm ${className}`} aria-label={t("claims.calculation")}>
      {lines.map((line, i) => (
        <li
          key={i}
          className={
            line.key === "claims.calc.total"
              ? "border-t border-slate-200 pt-1 font-semibold text-slate-900"
              : line.key.startsWith("claims.calc.line")
                ? "text-slate-900"
                : "text-slate-600"
          }
        >
          {lineText(t, f, line)}
        </li>
      ))}
    </ol>
  );
}

export function FlagList({ flags }: { flags: Line[] }) {
  const t = useT();
  const f = useFormat();
  if (!flags.length) return null;
  return (
    <ul className="space-y-1">
      {flags.map((flag, i) => (
        <li key={i} className="flex items-start gap-2 text-sm text-amber-900">
          <span aria-hidden="true">⚠</span>
          <span>{lineText(t, f, flag)}</span>
        </li>
      ))}
    </ul>
  );
}

type EvidenceFile = { id: string; mime: string; originalName?: string };

const DISPLAYABLE = new Set(["image/jpeg", "image/png", "image/webp"]);
const ZOOMS = [1, 1.5, 2, 3, 4];

/**
 * The attachments beside the lines: the invoice and any photos sent later (serial labels),
 * newest first. Images open in a viewer that zooms (buttons, or pinch on a phone) and pans by
 * scrolling; PDFs and HEIC photos open in the device's own viewer. "Open full size" and
 * "Download" are full 44 px touch targets.
 */
export function EvidenceView({ claimId, files, compact = false }: { claimId: string; files: EvidenceFile[]; compact?: boolean }) {
  const t = useT();
  if (!files.length) return <p className="text-sm text-slate-500">{t("claims.evidence_none")}</p>;
  if (compact) {
    const first = files[0];
    const src = `/claims/${claimId}/evidence?v=${first.id}`;
    return DISPLAYABLE.has(first.mime) ? (
      <img
        src={src}
        alt={t("claims.evidence_alt")}
        className="max-h-48 w-full rounded-lg border border-slate-200 object-contain"
        loading="lazy"
      />
    ) : (
      <p className="text-sm text-slate-600">{t("ui.evidence.count", { count: files.length })}</p>
    );
  }
  return (
    <ul className="space-y-4">
      {files.map((file, i) => (
        <li key={file.id}>
          <EvidenceFileView claimId={claimId} file={file} label={files.length > 1 ? t("ui.evidence.nth", { n: files.length - i }) : null} />
        </li>
      ))}
    </ul>
  );
}

function EvidenceFileView({ claimId, file, label }: { claimId: string; file: EvidenceFile; label: string | null }) {
  const t = useT();
  const [zoom, setZoom] = useState(0);
  const src = `/claims/${claimId}/evidence?v=${file.id}`;
  const pdf = file.mime === "application/pdf";
  const link =
    "inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-3 text-sm text-brand-700 underline hover:bg-brand-50";
  const tool =
    "inline-flex h-11 w-11 items-center justify-center rounded-lg border border-slate-300 bg-white text-lg font-semibold disabled:opacity-40";
  return (
    <figure>
      {DISPLAYABLE.has(file.mime) ? (
        <>
          <div className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-slate-50" data-testid="evidence-viewer">
            <img
              src={src}
              alt={label ? `${t("claims.evidence_alt")} (${label})` : t("claims.evidence_alt")}
              style={{ width: `${ZOOMS[zoom] * 100}%` }}
              className="h-auto max-w-none object-contain"
              loading="lazy"
            />
          </div>
          <div className="mt-2 flex items-center gap-2">
            <button
              type="button"
              className={tool}
              onClick={() => setZoom((z) => Math.max(0, z - 1))}
              disabled={zoom === 0}
              aria-label={t("ui.evidence.zoom_out")}
            >
              <span aria-hidden="true">−</span>
            </button>
            <span className="min-w-12 text-center text-sm tabular-nums" aria-live="polite">
              {Math.round(ZOOMS[zoom] * 100)}%
            </span>
            <button
              type="button"
              className={tool}
              onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))}
              disabled={zoom === ZOOMS.length - 1}
              aria-label={t("ui.evidence.zoom_in")}
            >
              <span aria-hidden="true">+</span>
            </button>
          </div>
        </>
      ) : (
        // PDFs and HEIC photos are opened by the phone's or computer's own viewer: embedding them
        // depends on plugins the portal's security policy keeps switched off.
        <a
          href={src}
          target="_blank"
          rel="noreferrer"
          className="flex h-40 items-center justify-center rounded-lg border border-dashed border-slate-300 bg-slate-50 text-sm text-brand-700 underline"
        >
          {t(pdf ? "claims.evidence_open_pdf" : "claims.evidence_open")}
        </a>
      )}
      <figcaption className="mt-1 flex flex-wrap items-center gap-x-1 text-sm">
        {label ? <span className="mr-2 font-medium">{label}</span> : null}
        <a href={src} target="_blank" rel="noreferrer" className={link}>
          {t(pdf ? "claims.evidence_open_pdf" : "claims.evidence_open")}
        </a>
        <a href={`${src}&download=1`} className={link}>
          {t("claims.evidence_download")}
        </a>
        {file.originalName ? <span className="text-xs break-all text-slate-600">{file.originalName}</span> : null}
      </figcaption>
    </figure>
  );
}

/** Local (on-phone) drafts are kept under this prefix; see claim-form.tsx. */
export const LOCAL_DRAFT_PREFIX = "portal:claim-draft:";

/**
 * Whose draft and which claim ("new" or its id): a phone shared by two colleagues never offers
 * one of them the other's unsent claim or invoice photo.
 */
export function localDraftKey(userId: string, claim: string): string {
  return `${userId}:${claim}`;
}

/** Forgets the on-phone copy of a claim once the server has it (the page after a successful send). */
export function useForgetLocalDraft(key: string | null) {
  useEffect(() => {
    if (!key) return;
    try {
      window.localStorage.removeItem(LOCAL_DRAFT_PREFIX + key);
    } catch {
      // Storage may be unavailable (private mode); nothing to forget then.
    }
    void deleteStoredFile(key);
  }, [key]);
}

// The invoice photo of a local draft is kept in IndexedDB (localStorage holds text only).
const DB_NAME = "portal-claims";
const STORE = "evidence";

function openFiles(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    if (typeof indexedDB === "undefined") return resolve(null);
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
  });
}

type StoredFile = { blob: Blob; name: string; type: string };

/** Keeps the files chosen for a local draft (the invoice, serial-label photos); none forgets them. */
export async function storeFiles(key: string, files: File[]): Promise<void> {
  const db = await openFiles();
  if (!db) return;
  await new Promise<void>((resolve) => {
    const tx = db.transaction(STORE, "readwrite");
    if (files.length)
      tx.objectStore(STORE).put(
        files.map((f) => ({ blob: f, name: f.name, type: f.type }) satisfies StoredFile),
        key,
      );
    else tx.objectStore(STORE).delete(key);
    tx.oncomplete = tx.onerror = tx.onabort = () => resolve();
  });
  db.close();
}

export async function loadStoredFiles(key: string): Promise<File[]> {
  const db = await openFiles();
  if (!db) return [];
  const value = await new Promise<StoredFile | StoredFile[] | undefined>((resolve) => {
    const req = db.transaction(STORE, "readonly").objectStore(STORE).get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(undefined);
  });
  db.close();
  // Drafts kept before several files were allowed hold one file, not a list.
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.map((v) => new File([v.blob], v.name, { type: v.type }));
}

export function deleteStoredFile(key: string): Promise<void> {
  return storeFiles(key, []);
}
