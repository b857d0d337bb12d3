import { useEffect, useId, useRef, useState } from "react";
import type { MessageKey } from "~/i18n/catalog";
import { useT } from "~/i18n/react";

type Detected = { rawValue: string };
type Detector = { detect(source: ImageBitmapSource | HTMLVideoElement): Promise<Detected[]> };
type DetectorClass = {
  new (opts: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
};

/** The barcodes printed on serial labels (1D codes mostly; some makers print a Data Matrix or QR). */
const FORMATS = ["code_128", "code_39", "code_93", "codabar", "ean_13", "ean_8", "upc_a", "upc_e", "itf", "data_matrix", "qr_code"];

let detector: Promise<Detector> | undefined;

/**
 * The browser's own BarcodeDetector where it has one (Chrome on Android, ChromeOS, macOS), otherwise
 * the barcode-detector ponyfill: ZXing compiled to WebAssembly, served by the portal itself (never a
 * CDN) and downloaded only when someone opens the scanner.
 */
function getDetector(): Promise<Detector> {
  detector ??= (async () => {
    const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
    if (native) {
      try {
        const supported = await native.getSupportedFormats();
        const formats = FORMATS.filter((f) => supported.includes(f));
        if (formats.length) return new native({ formats });
      } catch {
        // Fall through to the ponyfill.
      }
    }
    // zxing-wasm stays at the exact version barcode-detector depends on: the ponyfill's glue
    // code and the .wasm served here must come from the same release (3.1.6 with 3.1.3's glue
    // reads nothing), so take a newer zxing-wasm only with a barcode-detector that asks for it.
    const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
      import("barcode-detector/ponyfill"),
      import("zxing-wasm/reader/zxing_reader.wasm?url"),
    ]);
    prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
      fireImmediately: false,
    });
    return new BarcodeDetector({ formats: FORMATS as never });
  })();
  detector.catch(() => {
    detector = undefined;
  });
  return detector;
}

const firstValue = (found: Detected[]) => found.map((b) => b.rawValue.trim()).find((v) => v.length > 0 && v.length <= 64);

type Status = "starting" | "live" | "no_camera" | "reading" | "not_found" | "failed";

/** What the scanner says, per use: the texts differ (a serial label, an event pass), the scanning is one. */
export type ScannerTexts = {
  title: MessageKey;
  live: MessageKey;
  no_camera: MessageKey;
  photo: MessageKey;
  not_found: MessageKey;
  failed: MessageKey;
};

const SERIAL_TEXTS: ScannerTexts = {
  title: "scan.title",
  live: "scan.camera_hint",
  no_camera: "scan.no_camera",
  photo: "scan.photo",
  not_found: "scan.not_found",
  failed: "scan.failed",
};

const statusText = (texts: ScannerTexts, status: Status): MessageKey =>
  status === "starting" ? "scan.starting" : status === "reading" ? "scan.reading" : texts[status];

/**
 * A "Scan" button beside a serial number field. It opens the rear camera and reads the label's
 * barcode as soon as one is in view; a photo of the label (taken or chosen) works too, for browsers
 * without camera access. Typing stays the way that always works: the field is never locked.
 */
export function SerialScanner({ n, onValue }: { n: number; onValue: (value: string) => void }) {
  const t = useT();
  return <CodeScanner label={t("scan.button", { n })} texts={SERIAL_TEXTS} testId={`scan-photo-${n}`} onValue={onValue} />;
}

/**
 * The one camera scanner (serial labels, event passes at the door): a button that opens the rear
 * camera and reads the first barcode or QR code in view, with a photo as the fallback.
 */
export function CodeScanner({
  label,
  texts,
  testId,
  onValue,
}: {
  label: string;
  texts: ScannerTexts;
  testId: string;
  onValue: (value: string) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>("starting");
  const [found, setFound] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const panel = useId();
  // The form hands a new callback on every render; the camera loop must not restart for that.
  const deliver = useRef(onValue);
  deliver.current = onValue;

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) return setStatus("no_camera");
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      } catch {
        return setStatus("no_camera");
      }
      if (stopped || !video.current) return stop();
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      setStatus("live");
      const d = await getDetector().catch(() => null);
      if (!d) return setStatus("failed");
      // A few reads a second are enough for a label held still, and spare the phone's battery.
      const tick = async () => {
        if (stopped || !video.current) return;
        const value = video.current.readyState >= 2 ? firstValue(await d.detect(video.current).catch(() => [])) : undefined;
        if (value) {
          stop();
          setFound(value);
          deliver.current(value);
          setOpen(false);
          return;
        }
        timer = setTimeout(tick, 300);
      };
      tick();
    })();
    return stop;
  }, [open]);

  async function fromPhoto(file: File | undefined) {
    if (!file) return;
    setStatus("reading");
    try {
      const d = await getDetector();
      const bitmap = await createImageBitmap(file);
      const value = firstValue(await d.detect(bitmap));
      bitmap.close();
      if (!value) return setStatus("not_found");
      setFound(value);
      deliver.current(value);
      setOpen(false);
    } catch {
      setStatus("failed");
    }
  }

  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? panel : undefined}
        aria-label={label}
        title={label}
        onClick={() => {
          setFound(null);
          setStatus("starting");
          setOpen((o) => !o);
        }}
        className="inline-flex min-h-11 min-w-11 shrink-0 items-center justify-center rounded-lg border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M3 7V4h3M18 4h3v3M21 17v3h-3M6 20H3v-3" />
          <path d="M7 8v8M10 8v8M13 8v8M16 8v8" />
        </svg>
      </button>
      <p aria-live="polite" className="sr-only">
        {found ? t("scan.found", { value: found }) : ""}
      </p>
      {open ? (
        <div id={panel} className="col-span-full mt-2 w-full rounded-lg border border-slate-200 bg-slate-50 p-3">
          <p className="mb-2 text-sm font-medium text-slate-800">{t(texts.title)}</p>
          {status === "starting" || status === "live" ? (
            <div className="relative mb-2 overflow-hidden rounded-lg bg-black">
              <video ref={video} muted playsInline className="aspect-video w-full object-cover" />
              <div aria-hidden="true" className="pointer-events-none absolute inset-x-6 inset-y-8 rounded border-2 border-white/80" />
            </div>
          ) : null}
          <p role="status" className="mb-2 text-sm text-slate-700">
            {t(statusText(texts, status))}
          </p>
          <label className="inline-flex min-h-11 cursor-pointer items-center rounded-lg border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800">
            {t(texts.photo)}
            <input
              type="file"
              accept="image/*"
              capture="environment"
              className="sr-only"
              data-testid={testId}
              onChange={(e) => fromPhoto(e.target.files?.[0])}
            />
          </label>
          <button
            type="button"
            onClick={() => setOpen(false)}
            className="ml-2 inline-flex min-h-11 items-center px-3 text-sm text-slate-700 underline"
          >
            {t("scan.close")}
          </button>
        </div>
      ) : null}
    </>
  );
}
