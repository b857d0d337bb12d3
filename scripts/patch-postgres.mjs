// Guards postgres.js 3.4.9 against a process crash when a connection dies with a write queued
// (porsager/postgres #1154, #1208; fixes proposed in #1168, #1176, #1209, not released yet).
// `nextWrite` runs from setImmediate after `closed()` has set the socket to null and throws an
// uncatchable TypeError that takes the whole server down. The guard settles instead: pending
// queries are rejected with CONNECTION_CLOSED, which callers (and transactions) already handle.
// Runs on `npm install`/`npm ci` (postinstall) and is idempotent. See docs/decisions/005.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARK = "/* portal: guarded nextWrite */";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../node_modules/postgres");
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

const replacements = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    "    clearImmediate(nextWriteTimer)\n    nextWriteTimer = null\n    chunk = null\n    socket.removeListener('data', data)",
  ],
];

let patched = 0;
for (const rel of ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"]) {
  const file = path.join(root, rel);
  if (!existsSync(file)) continue;
  let text = readFileSync(file, "utf8");
  if (text.includes(MARK)) continue;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) {
      console.error(
        `patch-postgres: postgres ${version} ${rel} does not look as expected; check whether the upstream fix has landed and drop this script.`,
      );
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  writeFileSync(file, text);
  patched++;
}
console.log(
  patched
    ? `patch-postgres: guarded postgres ${version} against writes on a closed connection (${patched} files)`
    : "patch-postgres: already guarded",
);
