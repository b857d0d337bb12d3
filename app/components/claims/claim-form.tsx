import { Suspense, lazy, useEffect, useMemo, useRef, useState } from "react";
import { Form, data, useNavigation } from "react-router";
import type { PartnerRole, Tier } from "@db/schema/enums";
import type { PointsRules } from "~/domain/claims/calculate-points";
import {
  EVIDENCE_ACCEPT,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES,
  MAX_LINES,
  MAX_QUANTITY,
  MAX_SERIALISED_QUANTITY,
  isRealDate,
} from "~/domain/claims/shared";
import { Button, Card, FormErrors } from "~/components/ui";
import { catalog, lazyMessages } from "~/i18n/catalog";
import { useFormat, useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";
import { CalculationLines, LOCAL_DRAFT_PREFIX, loadStoredFiles, storeFiles } from "./parts";

export type CatalogueItem = {
  id: string;
  sku: string;
  name: string;
  category: string;
  /** The category in the reader's language (`category` stays the programme's own, which rules match). */
  categoryName?: string;
  requiresSerial: boolean;
  pointsPerUnit: number;
};
export type FormLine = { sku: string; quantity: string; serials: string[] };
/** `outletId`: the outlet of the sale (issue 19), "" for none. */
export type ClaimFormValues = { invoiceNumber: string; invoiceDate: string; outletId: string; lines: FormLine[] };

type Props = {
  /** Where the on-phone copy is kept: "new" or the claim's id. */
  storageKey: string;
  catalogue: CatalogueItem[];
  rules: PointsRules;
  tier: Tier;
  role: PartnerRole;
  capRoom: number | null;
  minDate: string;
  maxDate: string;
  windowDays: number;
  /** The partner's outlets; the choice is offered only when there are some. */
  outlets: Array<{ id: string; name: string; city: string }>;
  initial: ClaimFormValues;
  errors: FieldErrors;
  existingEvidence: { name: string } | null;
  /** Drafts can be saved on the server; a claim sent back can only be sent again. */
  canSaveDraft: boolean;
  submitLabel: string;
};

type Stored = ClaimFormValues & { savedAt: number };

// The scanner's code arrives when a serial field first shows its button: the button is never in
// the server's page (it needs the script), so the form's first load does without it (issue 17).
// Its words come beside it (only in the browser: the page's language is the document's).
const SerialScanner = lazy(() =>
  Promise.all([import("./serial-scanner"), lazyMessages(pageLocale(), "components/claims/serial-scanner").catch(() => undefined)]).then(
    ([m]) => ({ default: m.SerialScanner }),
  ),
);
const pageLocale = () => {
  const lang = document.documentElement.lang;
  return lang in catalog ? (lang as keyof typeof catalog) : "en";
};

type Calculate = typeof import("~/domain/claims/calculate-points").calculatePoints;
/**
 * The points calculation for the live preview, loaded once the form is on screen rather than
 * with it: it is needed only after a date and a product are entered, and kept out of the claim
 * form's first load (issue 17: a salesperson's first load at most 120 KB). The server calculates
 * again on sending, so the preview is never the figure of record.
 */
function useCalculation(): Calculate | null {
  const locale = useLocale();
  const [calculate, setCalculate] = useState<Calculate | null>(null);
  useEffect(() => {
    let live = true;
    // With the words of its lines ("2 × 45 × 1.5"), which are not in the page's own messages.
    Promise.all([import("~/domain/claims/calculate-points"), lazyMessages(locale, "domain/claims/calculate-points")]).then(
      ([m]) => live && setCalculate(() => m.calculatePoints),
      // No connection and not in the cache: no preview; the claim can still be sent or kept.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [locale]);
  return calculate;
}

const MAX_SIDE = 2000;

/**
 * Phones take photos of several megabytes; on a weak signal that is the slow part of a claim.
 * Big JPEG/PNG/WebP photos are redrawn at most 2000 px on the long side as JPEG, which keeps an
 * invoice readable at a few hundred kilobytes. Anything else is sent as it is.
 */
async function shrinkPhoto(file: File): Promise<File> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < 1_500_000 || typeof createImageBitmap !== "function") return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.82));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], `${file.name.replace(/\.\w+$/, "")}.jpg`, { type: "image/jpeg" });
  } catch {
    return file;
  }
}

function putFiles(input: HTMLInputElement | null, files: File[]) {
  if (!input || typeof DataTransfer === "undefined") return;
  const dt = new DataTransfer();
  for (const file of files) dt.items.add(file);
  input.files = dt.files;
}

export function ClaimForm(props: Props) {
  const t = useT();
  const f = useFormat();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [values, setValues] = useState<ClaimFormValues>(props.initial);
  const [query, setQuery] = useState("");
  const [restored, setRestored] = useState<number | null>(null);
  const [files, setFiles] = useState<Array<{ name: string; size: number; preview: string | null }>>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [online, setOnline] = useState(true);
  // Until the page's script runs (or if it never does), products are added by typing the SKU.
  const [scripted, setScripted] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const storageKey = LOCAL_DRAFT_PREFIX + props.storageKey;
  const hydrated = useRef(false);

  const bySku = useMemo(() => new Map(props.catalogue.map((p) => [p.sku, p])), [props.catalogue]);

  // On arrival: bring back what this phone kept of an unsent claim (text in localStorage, the photo in IndexedDB).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per form; the key only changes with the page
  useEffect(() => {
    setOnline(navigator.onLine);
    setScripted(true);
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    try {
      const raw = window.localStorage.getItem(storageKey);
      const stored = raw ? (JSON.parse(raw) as Stored) : null;
      if (
        stored &&
        Object.keys(props.errors).length === 0 &&
        JSON.stringify({ ...stored, savedAt: 0 }) !== JSON.stringify({ ...props.initial, savedAt: 0 })
      ) {
        setValues({
          invoiceNumber: stored.invoiceNumber ?? "",
          invoiceDate: stored.invoiceDate ?? "",
          outletId: typeof stored.outletId === "string" ? stored.outletId : props.initial.outletId,
          lines: Array.isArray(stored.lines) ? stored.lines : [],
        });
        setRestored(stored.savedAt);
      }
    } catch {
      // A broken or unavailable store only means there is nothing to restore.
    }
    void loadStoredFiles(props.storageKey).then((stored) => {
      if (stored.length && fileInput.current && !fileInput.current.files?.length) {
        putFiles(fileInput.current, stored);
        describe(stored);
      }
    });
    hydrated.current = true;
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, [storageKey]);

  // Every change is kept on the phone at once, so a dropped connection or a closed tab loses nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: props.initial is the server's version, only compared to skip an untouched form
  useEffect(() => {
    if (!hydrated.current || JSON.stringify(values) === JSON.stringify(props.initial)) return;
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({ ...values, savedAt: Date.now() } satisfies Stored));
    } catch {
      // Storage full or disabled: the server draft is still there.
    }
  }, [values, storageKey]);

  function describe(chosen: File[]) {
    setFiles(
      chosen.map((file) => ({
        name: file.name,
        size: file.size,
        preview: file.type.startsWith("image/") && file.type !== "image/heic" ? URL.createObjectURL(file) : null,
      })),
    );
  }

  // Several files at once (the invoice and serial-label photos); big photos are shrunk first, and
  // together they must fit the one upload allowance.
  async function onFileChange(e: React.ChangeEvent<HTMLInputElement>) {
    setFileError(null);
    const chosen = [...(e.target.files ?? [])];
    if (!chosen.length) {
      setFiles([]);
      void storeFiles(props.storageKey, []);
      return;
    }
    if (chosen.length > MAX_EVIDENCE_FILES) {
      setFileError(t("ui.claim.too_many_files", { count: MAX_EVIDENCE_FILES }));
      e.target.value = "";
      setFiles([]);
      return;
    }
    const small = await Promise.all(chosen.map(shrinkPhoto));
    if (small.reduce((sum, f) => sum + f.size, 0) > MAX_EVIDENCE_BYTES) {
      setFileError(t("errors.claims.evidence_too_big", { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }));
      e.target.value = "";
      setFiles([]);
      return;
    }
    if (small.some((f, i) => f !== chosen[i])) putFiles(e.target, small);
    describe(small);
    void storeFiles(props.storageKey, small);
  }

  function discardRestored() {
    setValues(props.initial);
    setRestored(null);
    try {
      window.localStorage.removeItem(storageKey);
    } catch {
      // nothing to remove
    }
  }

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return props.catalogue.filter((p) => p.sku.toLowerCase().includes(q) || p.name.toLowerCase().includes(q)).slice(0, 8);
  }, [query, props.catalogue]);

  function addProduct(sku: string) {
    setValues((v) => (v.lines.length >= MAX_LINES ? v : { ...v, lines: [...v.lines, { sku, quantity: "1", serials: [""] }] }));
    setQuery("");
  }

  function updateLine(index: number, patch: Partial<FormLine>) {
    setValues((v) => ({ ...v, lines: v.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) }));
  }

  function setQuantity(index: number, quantity: string) {
    const n = Number(quantity);
    setValues((v) => ({
      ...v,
      lines: v.lines.map((l, i) => {
        if (i !== index) return l;
        const serialCount = Number.isInteger(n) && n > 0 ? Math.min(n, MAX_SERIALISED_QUANTITY) : l.serials.length;
        const serials = Array.from({ length: serialCount }, (_, k) => l.serials[k] ?? "");
        return { ...l, quantity, serials };
      }),
    }));
  }

  // The live preview: the same calculation the server will make, with the rules of the invoice date.
  const calculatePoints = useCalculation();
  const preview = useMemo(() => {
    if (!calculatePoints || !isRealDate(values.invoiceDate)) return null;
    const lines = values.lines
      .map((l) => ({ product: bySku.get(l.sku.trim().toUpperCase()), quantity: Number(l.quantity) }))
      .filter((l) => l.product && Number.isInteger(l.quantity) && l.quantity >= 1 && l.quantity <= MAX_QUANTITY)
      .map((l) => ({ productId: l.product!.id, quantity: l.quantity }));
    if (!lines.length) return null;
    try {
      return calculatePoints(props.rules, {
        invoiceDate: values.invoiceDate,
        tier: props.tier,
        role: props.role,
        lines,
        capRoom: props.capRoom,
      });
    } catch {
      return null;
    }
  }, [calculatePoints, values, bySku, props.rules, props.tier, props.role, props.capRoom]);

  const errors = props.errors;
  const err = (field: string) => errors[field]?.map((m) => t(m.key, m.vars)).join(" ");
  const linesError = err("lines");

  return (
    <Form method="post" encType="multipart/form-data" noValidate className="space-y-4">
      {!online ? (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("claims.form.offline")}
        </div>
      ) : null}
      {restored ? (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm text-brand-700"
        >
          <span>{t("claims.form.restored", { time: f.dateTime(new Date(restored)) })}</span>
          <button type="button" onClick={discardRestored} className="underline">
            {t("claims.form.discard_restored")}
          </button>
        </div>
      ) : null}
      <FormErrors errors={errors} />

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("claims.form.invoice")}</h2>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field label={t("claims.invoice_number")} error={err("invoiceNumber")} id="f-invoiceNumber">
            <input
              id="f-invoiceNumber"
              name="invoiceNumber"
              value={values.invoiceNumber}
              onChange={(e) => setValues((v) => ({ ...v, invoiceNumber: e.target.value }))}
              autoComplete="off"
              autoCapitalize="characters"
              maxLength={60}
              aria-invalid={err("invoiceNumber") ? true : undefined}
              aria-describedby={err("invoiceNumber") ? "f-invoiceNumber-error" : undefined}
              className={inputClass}
            />
          </Field>
          <Field
            label={t("claims.invoice_date")}
            error={err("invoiceDate")}
            id="f-invoiceDate"
            hint={t("claims.form.date_hint", { count: props.windowDays })}
          >
            <input
              id="f-invoiceDate"
              name="invoiceDate"
              type="date"
              value={values.invoiceDate}
              min={props.minDate}
              max={props.maxDate}
              onChange={(e) => setValues((v) => ({ ...v, invoiceDate: e.target.value }))}
              aria-invalid={err("invoiceDate") ? true : undefined}
              aria-describedby={err("invoiceDate") ? "f-invoiceDate-error" : undefined}
              className={inputClass}
            />
          </Field>
          {props.outlets.length ? (
            <Field label={t("outlets.claim.outlet")} error={err("outletId")} id="f-outletId" hint={t("outlets.claim.hint")}>
              <select
                id="f-outletId"
                name="outletId"
                value={values.outletId}
                onChange={(e) => setValues((v) => ({ ...v, outletId: e.target.value }))}
                aria-invalid={err("outletId") ? true : undefined}
                aria-describedby={err("outletId") ? "f-outletId-error" : undefined}
                className={inputClass}
              >
                <option value="">{t("outlets.none")}</option>
                {props.outlets.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.city ? `${o.name}, ${o.city}` : o.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
        </div>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("claims.form.products")}</h2>
        {linesError ? (
          <p role="alert" className="mb-3 text-sm text-red-700">
            {linesError}
          </p>
        ) : null}
        <ul className="mb-3 space-y-3">
          {values.lines.map((line, i) => {
            const product = bySku.get(line.sku.trim().toUpperCase());
            const qty = Number(line.quantity);
            // One field per unit; a form echoed back without JavaScript may have lost them, so count from the quantity.
            const serialSlots =
              Number.isInteger(qty) && qty >= 1
                ? Array.from({ length: Math.min(qty, MAX_SERIALISED_QUANTITY) }, (_, k) => line.serials[k] ?? "")
                : line.serials;
            return (
              <li key={i} className="rounded-lg border border-slate-200 p-3" data-testid="claim-line">
                <input type="hidden" name={`lines.${i}.sku`} value={line.sku} />
                <div className="mb-2 flex items-start justify-between gap-2">
                  <div>
                    <p className="font-medium">{product?.name ?? line.sku}</p>
                    <p className="text-xs text-slate-500">
                      {line.sku}
                      {product ? ` · ${t("claims.form.points_each", { count: product.pointsPerUnit })}` : ""}
                    </p>
                    {err(`lines.${i}.sku`) ? (
                      <p role="alert" className="mt-1 text-sm text-red-700">
                        {err(`lines.${i}.sku`)}
                      </p>
                    ) : null}
                  </div>
                  <button
                    type="button"
                    onClick={() => setValues((v) => ({ ...v, lines: v.lines.filter((_, k) => k !== i) }))}
                    className="min-h-11 px-2 text-sm text-red-700 underline"
                    aria-label={t("claims.form.remove_line", { sku: line.sku })}
                  >
                    {t("claims.form.remove")}
                  </button>
                </div>
                <label htmlFor={`f-lines.${i}.quantity`} className="mb-1 block text-sm font-medium text-slate-700">
                  {t("claims.quantity")}
                </label>
                <div className="flex items-center gap-2">
                  <button
                    type="button"
                    className={stepClass}
                    aria-label={t("claims.form.less")}
                    onClick={() => setQuantity(i, String(Math.max(1, (Number.isInteger(qty) ? qty : 1) - 1)))}
                  >
                    −
                  </button>
                  <input
                    id={`f-lines.${i}.quantity`}
                    name={`lines.${i}.quantity`}
                    value={line.quantity}
                    onChange={(e) => setQuantity(i, e.target.value)}
                    inputMode="numeric"
                    pattern="[0-9]*"
                    aria-invalid={err(`lines.${i}.quantity`) ? true : undefined}
                    aria-describedby={err(`lines.${i}.quantity`) ? `f-lines.${i}.quantity-error` : undefined}
                    className={`${inputClass} w-24 text-center`}
                  />
                  <button
                    type="button"
                    className={stepClass}
                    aria-label={t("claims.form.more")}
                    onClick={() => setQuantity(i, String(Math.min(MAX_QUANTITY, (Number.isInteger(qty) ? qty : 0) + 1)))}
                  >
                    +
                  </button>
                </div>
                {err(`lines.${i}.quantity`) ? (
                  <p id={`f-lines.${i}.quantity-error`} role="alert" className="mt-1 text-sm text-red-700">
                    {err(`lines.${i}.quantity`)}
                  </p>
                ) : null}
                {product?.requiresSerial ? (
                  <fieldset className="mt-3">
                    <legend className="mb-1 text-sm font-medium text-slate-700">
                      {t("claims.form.serials", { count: serialSlots.length })}
                    </legend>
                    {err(`lines.${i}.serials`) ? (
                      <p role="alert" className="mb-1 text-sm text-red-700">
                        {err(`lines.${i}.serials`)}
                      </p>
                    ) : null}
                    <div className="grid gap-2 sm:grid-cols-2">
                      {serialSlots.map((serial, k) => (
                        <div key={k}>
                          <label htmlFor={`f-lines.${i}.serials.${k}`} className="sr-only">
                            {t("claims.form.serial_n", { n: k + 1 })}
                          </label>
                          <div className="flex flex-wrap gap-2">
                            <input
                              id={`f-lines.${i}.serials.${k}`}
                              name={`lines.${i}.serials`}
                              value={serial}
                              placeholder={t("claims.form.serial_n", { n: k + 1 })}
                              autoComplete="off"
                              autoCapitalize="characters"
                              onChange={(e) => updateLine(i, { serials: serialSlots.map((s, j) => (j === k ? e.target.value : s)) })}
                              aria-invalid={err(`lines.${i}.serials.${k}`) ? true : undefined}
                              className={`${inputClass} min-w-0 flex-1`}
                            />
                            {scripted ? (
                              <Suspense fallback={null}>
                                <SerialScanner
                                  n={k + 1}
                                  onValue={(value) => updateLine(i, { serials: serialSlots.map((s, j) => (j === k ? value : s)) })}
                                />
                              </Suspense>
                            ) : null}
                          </div>
                          {err(`lines.${i}.serials.${k}`) ? (
                            <p role="alert" className="mt-1 text-sm text-red-700">
                              {err(`lines.${i}.serials.${k}`)}
                            </p>
                          ) : null}
                        </div>
                      ))}
                    </div>
                  </fieldset>
                ) : null}
              </li>
            );
          })}
        </ul>

        {!scripted && values.lines.length < MAX_LINES ? (
          <div className="grid grid-cols-[1fr_6rem] gap-3">
            <div>
              <label htmlFor="f-manual-sku" className="mb-1 block text-sm font-medium text-slate-700">
                {t("claims.form.manual_sku")}
              </label>
              <input
                id="f-manual-sku"
                name={`lines.${values.lines.length}.sku`}
                autoCapitalize="characters"
                autoComplete="off"
                className={inputClass}
              />
            </div>
            <div>
              <label htmlFor="f-manual-qty" className="mb-1 block text-sm font-medium text-slate-700">
                {t("claims.quantity")}
              </label>
              <input id="f-manual-qty" name={`lines.${values.lines.length}.quantity`} inputMode="numeric" className={inputClass} />
            </div>
          </div>
        ) : null}
        {scripted && values.lines.length < MAX_LINES ? (
          <div>
            <label htmlFor="f-product-search" className="mb-1 block text-sm font-medium text-slate-700">
              {t(values.lines.length ? "claims.form.add_another" : "claims.form.add_product")}
            </label>
            <input
              id="f-product-search"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== "Enter") return;
                e.preventDefault();
                const exact = bySku.get(query.trim().toUpperCase());
                if (exact) addProduct(exact.sku);
                else if (matches.length === 1) addProduct(matches[0].sku);
              }}
              placeholder={t("claims.form.search_placeholder")}
              autoComplete="off"
              enterKeyHint="search"
              className={inputClass}
              // Points at the list only while it is on the page (an id that is missing is an error for screen readers).
              aria-controls={query.trim() ? "product-matches" : undefined}
            />
            {query.trim() ? (
              <ul
                id="product-matches"
                className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200"
                aria-label={t("claims.form.matches")}
              >
                {matches.length ? (
                  matches.map((p) => (
                    <li key={p.id}>
                      <button
                        type="button"
                        onClick={() => addProduct(p.sku)}
                        className="flex min-h-12 w-full items-center justify-between gap-3 px-3 py-2 text-left hover:bg-slate-50"
                      >
                        <span>
                          <span className="block font-medium">{p.name}</span>
                          <span className="block text-xs text-slate-500">
                            {p.sku} · {p.categoryName ?? p.category}
                          </span>
                        </span>
                        <span className="text-sm whitespace-nowrap text-brand-700">
                          {t("claims.form.points_each", { count: p.pointsPerUnit })}
                        </span>
                      </button>
                    </li>
                  ))
                ) : (
                  <li className="px-3 py-2 text-sm text-slate-600">{t("claims.form.no_match", { query: query.trim() })}</li>
                )}
              </ul>
            ) : null}
          </div>
        ) : null}
      </Card>

      <Card>
        <h2 className="mb-1 text-lg font-semibold">{t("claims.form.evidence")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("claims.form.evidence_hint", { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 })}</p>
        {props.existingEvidence ? (
          <p className="mb-2 text-sm text-slate-700">{t("claims.form.evidence_kept", { name: props.existingEvidence.name || "—" })}</p>
        ) : null}
        <label htmlFor="f-evidence" className="mb-1 block text-sm font-medium text-slate-700">
          {t(props.existingEvidence ? "ui.claim.evidence_add" : "ui.claim.evidence_choose", { count: MAX_EVIDENCE_FILES })}
        </label>
        <input
          ref={fileInput}
          id="f-evidence"
          name="evidence"
          type="file"
          multiple
          accept={EVIDENCE_ACCEPT}
          onChange={onFileChange}
          aria-invalid={err("evidence") || fileError ? true : undefined}
          className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-lg file:border-0 file:bg-brand-50 file:px-4 file:text-brand-700"
        />
        {files.length ? (
          <ul className="mt-2 space-y-2" data-testid="chosen-files">
            {files.map((file, i) => (
              <li key={`${file.name}-${i}`} className="flex items-center gap-3 text-sm text-slate-700">
                {file.preview ? <img src={file.preview} alt="" className="h-16 w-16 rounded object-cover" /> : null}
                <span className="break-all">
                  {file.name} · {f.number(Math.max(1, Math.round(file.size / 1024)))} KB
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {fileError || err("evidence") ? (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {fileError ?? err("evidence")}
          </p>
        ) : null}
      </Card>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("claims.form.preview")}</h2>
        {preview ? (
          <>
            <p className="mb-2 text-2xl font-semibold text-brand-700" data-testid="preview-total">
              {t("claims.points_value", { count: preview.total })}
            </p>
            <CalculationLines lines={preview.calculation} />
            <p className="mt-2 text-xs text-slate-500">{t("claims.form.preview_note")}</p>
          </>
        ) : (
          <p className="text-sm text-slate-600">{t("claims.form.preview_empty")}</p>
        )}
      </Card>

      {/* Not sticky: on a phone the keyboard and the bottom bar leave little room, and a fixed bar would cover the product list. */}
      <div className="flex gap-3">
        <Button type="submit" name="intent" value="submit" disabled={busy} className="flex-1 md:flex-none">
          {busy && navigation.formData?.get("intent") === "submit" ? t("claims.form.sending") : props.submitLabel}
        </Button>
        {props.canSaveDraft ? (
          <Button type="submit" name="intent" value="draft" variant="secondary" disabled={busy}>
            {t("claims.form.save_draft")}
          </Button>
        ) : null}
      </div>
    </Form>
  );
}

const inputClass =
  "block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-invalid:border-red-500";
const stepClass = "min-h-11 min-w-11 rounded-lg border border-slate-300 bg-white text-lg font-semibold";

function Field({
  label,
  error,
  id,
  hint,
  children,
}: {
  label: string;
  error?: string;
  id: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The form's starting values from what the server knows (a draft, a claim sent back, or what was just typed). */
export function initialValues(
  source: {
    invoiceNumber: string;
    invoiceDate: string | null;
    outletId?: string | null;
    lines: Array<{ sku: string; quantity: number | null; serials: string[] }>;
  } | null,
  echo: Record<string, string> | null,
  /** The claimant's own outlet, chosen for a new claim. */
  defaultOutletId: string | null = null,
): ClaimFormValues {
  if (echo && Object.keys(echo).length) {
    const lines = new Map<number, FormLine>();
    for (const [name, value] of Object.entries(echo)) {
      const m = name.match(/^lines\.(\d+)\.(sku|quantity)$/);
      if (!m) continue;
      const line = lines.get(Number(m[1])) ?? { sku: "", quantity: "", serials: [] };
      line[m[2] as "sku" | "quantity"] = value;
      lines.set(Number(m[1]), line);
    }
    return {
      invoiceNumber: echo.invoiceNumber ?? "",
      invoiceDate: echo.invoiceDate ?? "",
      outletId: echo.outletId ?? "",
      lines: [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l),
    };
  }
  if (!source) return { invoiceNumber: "", invoiceDate: "", outletId: defaultOutletId ?? "", lines: [] };
  return {
    invoiceNumber: source.invoiceNumber,
    invoiceDate: source.invoiceDate ?? "",
    outletId: source.outletId ?? defaultOutletId ?? "",
    lines: source.lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity ? String(l.quantity) : "",
      serials: l.serials.length
        ? l.serials
        : l.quantity
          ? Array.from({ length: Math.min(l.quantity, MAX_SERIALISED_QUANTITY) }, () => "")
          : [],
    })),
  };
}

/**
 * For the pages' clientAction: when the phone has no connection, sending the form fails before it
 * reaches the server. That becomes a calm message on the same form (everything typed stays, and
 * the phone keeps a copy) instead of an error page.
 */
export async function sendOrKeep<T>(serverAction: () => Promise<T>) {
  // A 503 status tells the router not to reload the page's data, which would fail offline too.
  const kept = () =>
    data(
      { ok: false as const, errors: { _form: [{ key: "errors.claims.offline" }] }, values: {} as Record<string, string> },
      { status: 503 },
    );
  // When the phone already knows it has no network, nothing is sent: the answer is at once instead
  // of after a request that hangs on one bar of signal, and a request half-sent by the service
  // worker can never file the form behind the person's back while the page says "not sent".
  if (typeof navigator !== "undefined" && navigator.onLine === false) return kept();
  try {
    return await serverAction();
  } catch (error) {
    if (error instanceof TypeError) return kept();
    throw error;
  }
}
