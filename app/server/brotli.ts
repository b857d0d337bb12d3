import { constants } from "node:zlib";

/**
 * Brotli for what is compressed as it is made (pages, `.data`, JSON, a report's CSV export):
 * quality 3, not the library's 4 (issue 17): on these pages it takes half the CPU of 4 for 3-4%
 * more bytes (a 90 KB shop page: 1.1 ms and 9.0 KB instead of 2.3 ms and 8.7 KB), still smaller
 * than gzip's default; a window of 256 KB is plenty for a page. A module of its own so the CSV
 * export's worker thread takes the same settings without loading the `compression` package.
 */
export const DYNAMIC_BROTLI_PARAMS = { [constants.BROTLI_PARAM_QUALITY]: 3, [constants.BROTLI_PARAM_LGWIN]: 18 };
