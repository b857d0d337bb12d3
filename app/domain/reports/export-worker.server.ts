import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { type BrotliCompress, constants, createBrotliCompress, createGzip, type Gzip } from "node:zlib";
import { openReportConnection } from "@db/client";
import { type CsvCell, csvRecord, toCsv } from "~/lib/csv";
import { DYNAMIC_BROTLI_PARAMS } from "~/server/brotli";
import { csvCell, figureNamed } from "./figures.server";
import type { Period } from "./period";
import { allRows } from "./rows.server";
import type { Cell, Column, ReportScope } from "./types";

/**
 * A figure's CSV export in a worker thread of its own (built as build/server/report-export.js;
 * started by export.server.ts). Why a thread: a million-row export makes ~1 GB of short-lived
 * rows and strings, and V8 lets a heap grow to ~4x its live size before it collects. In the
 * server's heap (40 MB live) that was +138 MB of RSS on a server's first export (issue 15); here
 * the garbage stays in a heap of its own, capped by the thread's resourceLimits, and the server's
 * heap sees only the finished chunks, which are moved to it (not copied) as ArrayBuffers. The
 * thread compresses them too (as the server's compression would: brotli quality 3 or gzip), so
 * the chunks the server's heap holds until its next GC are ~7x smaller, and the server's one
 * thread spends no time on the export but writing bytes to the socket.
 *
 * The thread reads with one connection of its own (DATABASE_READ_URL when set), one page per
 * "next" from the server (and one ahead), so the database is read at the pace the client downloads. The server
 * checked who may export what; this gets the figure's name, scope, period and key, and the
 * reader's messages for the translated cells.
 */

export type ExportJob = {
  figure: string;
  scope: ReportScope;
  period: Period;
  key: string | undefined;
  now: Date;
  /** Rows per page read (a page's objects should die young in the thread's small heap). */
  pageRows: number;
  /** The header row, in the reader's language. */
  header: string[];
  /** How the client takes the body (negotiated by the server); null: not compressed. */
  encoding: "br" | "gzip" | null;
  /** The reader's messages (every plain one, their language over English) for "key" cells. */
  messages: Record<string, string>;
};

/** From the thread to the server, one per "next": a chunk of CSV records, the end, or why it failed. */
export type ExportMessage = { chunk: Uint8Array } | { done: true } | { error: string };

type Pages = AsyncGenerator<Array<Record<string, Cell>>>;

/**
 * One compressed stream across the whole file, flushed after each piece so every piece can go out
 * at once (the server's compression flushes after each chunk too). `null`: the bytes as they are.
 */
function compressor(encoding: ExportJob["encoding"]) {
  if (!encoding) return null;
  const z: BrotliCompress | Gzip = encoding === "br" ? createBrotliCompress({ params: DYNAMIC_BROTLI_PARAMS }) : createGzip();
  const out: Buffer[] = [];
  z.on("data", (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    z.once("end", resolve);
    z.once("error", reject);
  });
  ended.catch(() => {});
  const take = () => {
    const chunk = new Uint8Array(Buffer.concat(out));
    out.length = 0;
    return chunk;
  };
  return {
    async piece(bytes: Uint8Array): Promise<Uint8Array> {
      z.write(bytes);
      await new Promise<void>((resolve) => z.flush(encoding === "br" ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH, resolve));
      return take();
    },
    async last(): Promise<Uint8Array> {
      z.end();
      await ended;
      return take();
    },
  };
}

function serve(port: MessagePort, job: ExportJob) {
  const t = (key: string) => job.messages[key] ?? key;
  const encoder = new TextEncoder();
  const compress = compressor(job.encoding);
  let connection: Awaited<ReturnType<typeof openReportConnection>> = null;
  let pages: Pages | null = null;
  let columns: Column[] = [];
  let ended = false;
  // The last page's compressed bytes, still being made when the next page is read.
  let compressing: Promise<Uint8Array> | null = null;

  /** The next piece of the file: the header first, then a page of records, then (compressed) the stream's end. */
  async function nextChunk(): Promise<Uint8Array | null> {
    if (ended) return null;
    if (!pages) {
      const figure = figureNamed(job.figure);
      if (!figure) throw new Error(`no figure ${job.figure}`);
      connection = await openReportConnection();
      if (!connection) throw new Error("a CSV export thread needs DATABASE_URL");
      columns = figure.columns;
      pages = allRows(figure, { db: connection.db, scope: job.scope, period: job.period, key: job.key, now: job.now }, job.pageRows);
      const header = encoder.encode(toCsv([job.header]));
      return compress ? compress.piece(header) : header;
    }
    for (;;) {
      // While this page is read, the last one is compressed in zlib's own thread.
      const page = await pages.next();
      const previous = compressing;
      compressing = null;
      if (page.done) {
        ended = true;
        await connection?.close();
        if (!compress) return null;
        const tail = compress.last();
        tail.catch(() => {});
        // A fresh Uint8Array (its own ArrayBuffer, which can be moved), never a pooled Buffer.
        return previous ? new Uint8Array(Buffer.concat([await previous, await tail])) : tail;
      }
      // One cells array for the page and one string for its records: the page's rows die here.
      const cells: CsvCell[] = new Array(columns.length);
      let text = "";
      for (const row of page.value) {
        for (let i = 0; i < columns.length; i++) cells[i] = csvCell(columns[i].format, row[columns[i].key], t);
        text += csvRecord(cells);
      }
      const bytes = encoder.encode(text);
      if (!compress) return bytes;
      compressing = compress.piece(bytes);
      // Its failure is reported when it is asked for.
      compressing.catch(() => {});
      // The first page: read the second while it compresses.
      if (previous) return previous;
    }
  }

  // One piece made ahead while the server sends the last: reading the database and compressing
  // overlap with the client's download, as they did in the server's thread. At most one waits.
  let ahead: Promise<Uint8Array | null> | null = null;
  port.on("message", () => {
    const current = ahead ?? nextChunk();
    ahead = null;
    current.then(
      (chunk) => {
        if (!chunk) return port.postMessage({ done: true } satisfies ExportMessage);
        port.postMessage({ chunk } satisfies ExportMessage, [chunk.buffer as ArrayBuffer]);
        ahead = nextChunk();
        // Its failure is reported when it is asked for.
        ahead.catch(() => {});
      },
      (error: unknown) => {
        port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ExportMessage);
      },
    );
  });
}

if (parentPort) serve(parentPort, workerData as ExportJob);
