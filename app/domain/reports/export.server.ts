import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ResourceLimits, Worker } from "node:worker_threads";
import type { Locale } from "@db/schema/enums";
import type { Queryable } from "@db/client";
import { catalog } from "~/i18n/catalog";
import type { Message } from "~/i18n/define";
import { csvChunksResponse, csvStreamResponse } from "~/lib/csv";
import type { ExportJob, ExportMessage } from "./export-worker.server";
import { csvCell } from "./figures.server";
import type { Period } from "./period";
import { allRows, type RowsFigure } from "./rows.server";
import type { ReportScope } from "./types";

/** The worker thread's file in the build, next to index.js (vite.config.ts, serverEntry). */
const WORKER_FILE = "report-export.js";

/**
 * The export thread's heap. Small on purpose: this is the point of the thread (V8 collects when
 * the heap nears its limit instead of letting it grow to ~4x what is live). Live in the thread:
 * its modules (~14 MB of heap) and a page or two of rows (~2 MB). 32/8 MB took ~20% less CPU and
 * ~10 MB more memory; 16/4 ran out of memory with pages of 5,000 rows.
 */
export const EXPORT_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 };

/**
 * Rows per page in the thread, fewer than in this thread (5,000): a page's rows then die in the
 * thread's small young generation instead of being promoted and collected by full GCs (in a
 * 24 MB old generation, pages of 5,000 rows took ~40% more CPU; docs/performance.md).
 */
const EXPORT_THREAD_PAGE_ROWS = 2000;

/**
 * Export threads running at once in this server process; later exports wait for a free one
 * (their download has started and simply waits). Each thread is ~40 MB while it runs, so without
 * a limit ten people exporting at once would add ~400 MB. REPORT_EXPORT_THREADS sets it (1-16).
 */
function exportThreads(): number {
  const n = Number(process.env.REPORT_EXPORT_THREADS ?? 2);
  return Number.isInteger(n) && n >= 1 && n <= 16 ? n : 2;
}
let threadsRunning = 0;
const waitingForThread: Array<() => void> = [];

/** A free export thread slot: at once when one is free, else when one is handed back. */
function takeThreadSlot(): Promise<void> {
  if (threadsRunning < exportThreads()) {
    threadsRunning++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waitingForThread.push(resolve));
}

/** Hands the slot to the export waiting longest, or frees it. */
function giveBackThreadSlot(): void {
  const next = waitingForThread.shift();
  if (next) next();
  else threadsRunning--;
}

let workerPath: string | null | undefined;
/** build/server/report-export.js when this code runs from the build (a server, the tests' portal), else null. */
function exportWorkerFile(): string | null {
  if (workerPath !== undefined) return workerPath;
  workerPath = null;
  // This module is in build/server/index.js or in a chunk under build/server/assets/.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 3 && !workerPath; up++, dir = path.dirname(dir)) {
    const file = path.join(dir, WORKER_FILE);
    if (existsSync(file)) workerPath = file;
  }
  return workerPath;
}

/** Every plain message in the reader's language (English where it has none): what the thread translates cells with. */
function plainMessages(locale: Locale): Record<string, string> {
  const own = catalog[locale] as Record<string, Message>;
  const out: Record<string, string> = {};
  for (const [key, english] of Object.entries(catalog.en as Record<string, Message>)) {
    const message = own[key] ?? english;
    if (typeof message === "string") out[key] = message;
  }
  return out;
}

type FigureExport = {
  name: string;
  figure: RowsFigure;
  db: Queryable;
  scope: ReportScope;
  period: Period;
  key: string | undefined;
  now: Date;
  locale: Locale;
  t: (key: string) => string;
  filename: string;
  /** What the client takes (`acceptedEncodings` of its Accept-Encoding): the thread compresses as the server would have. */
  encodings: ReadonlySet<"br" | "gzip">;
};

/**
 * A figure's rows as a streamed CSV download (the caller has checked the actor may open it).
 * On PostgreSQL the rows are read and written in a worker thread (export-worker.server.ts says
 * why); on PGlite, whose one connection lives in this process, and when running from source
 * (no built worker file), in this thread as before.
 */
export function figureCsvResponse(x: FigureExport): Response {
  const header = x.figure.columns.map((c) => x.t(c.label));
  const file = process.env.DATABASE_URL ? exportWorkerFile() : null;
  if (file) {
    // Brotli when the client takes it, as for the precompressed assets (app/server/compression.ts).
    const encoding = x.encodings.has("br") ? "br" : x.encodings.has("gzip") ? "gzip" : null;
    const job: ExportJob = {
      figure: x.name,
      scope: x.scope,
      period: x.period,
      key: x.key,
      now: x.now,
      pageRows: EXPORT_THREAD_PAGE_ROWS,
      header,
      encoding,
      messages: plainMessages(x.locale),
    };
    return csvChunksResponse(x.filename, workerChunks(file, job), encoding ?? undefined);
  }
  const pages = allRows(x.figure, { db: x.db, scope: x.scope, period: x.period, key: x.key, now: x.now });
  const { columns } = x.figure;
  async function* cells() {
    for await (const page of pages) yield page.map((r) => columns.map((c) => csvCell(c.format, r[c.key], x.t)));
  }
  return csvStreamResponse(x.filename, header, cells());
}

/**
 * The export thread's chunks, one per `next()`: the thread reads the next page only when asked,
 * so the database is read at the client's pace. `return()` (the client went away) ends the thread
 * at once, which closes its connection. A thread that fails or dies makes `next()` throw, and the
 * server cuts the download rather than end a half file as if it were whole.
 */
function workerChunks(file: string, job: ExportJob): AsyncIterableIterator<Uint8Array> {
  let worker: Worker | null = null;
  let holdsSlot = false;
  let finished = false;
  let failure: Error | null = null;
  let waiting: { resolve: (m: ExportMessage) => void; reject: (e: Error) => void } | null = null;

  const stop = () => {
    finished = true;
    const w = worker;
    worker = null;
    w?.terminate().catch(() => {});
    if (holdsSlot) {
      holdsSlot = false;
      giveBackThreadSlot();
    }
  };
  const fail = (error: Error) => {
    failure ??= error;
    const w = waiting;
    waiting = null;
    w?.reject(failure);
    stop();
  };
  const start = () => {
    const w = new Worker(file, { workerData: job, resourceLimits: EXPORT_RESOURCE_LIMITS });
    w.on("message", (m: ExportMessage) => {
      if ("error" in m) return fail(new Error(`CSV export failed: ${m.error}`));
      const p = waiting;
      waiting = null;
      p?.resolve(m);
    });
    w.on("error", (error) => fail(error));
    w.on("exit", (code) => {
      if (!finished) fail(new Error(`CSV export thread stopped (exit code ${code})`));
    });
    return w;
  };

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<Uint8Array>> {
      if (failure) throw failure;
      if (finished) return { done: true, value: undefined };
      if (!worker) {
        await takeThreadSlot();
        holdsSlot = true;
        // The person may have left while this export waited for a thread.
        if (finished) {
          stop();
          return { done: true, value: undefined };
        }
        worker = start();
      }
      const current = worker;
      const message = await new Promise<ExportMessage>((resolve, reject) => {
        waiting = { resolve, reject };
        current.postMessage("next");
      });
      if ("done" in message) {
        stop();
        return { done: true, value: undefined };
      }
      const { chunk } = message as { chunk: Uint8Array };
      // A Buffer over the moved bytes (no copy): the compressor takes a Buffer as it is.
      return { done: false, value: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) };
    },
    async return(): Promise<IteratorResult<Uint8Array>> {
      stop();
      return { done: true, value: undefined };
    },
  };
}
