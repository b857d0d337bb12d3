import cluster from "node:cluster";
import { serverProcessCount, superviseServerProcesses } from "../app/server/processes";

// `npm run serve` (built as build/server/serve.js): one server process (scripts/serve-process.ts),
// or WEB_CONCURRENCY of them under a small supervisor that loads none of the app (decision 030).
let count: number;
try {
  count = serverProcessCount(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (cluster.isPrimary && count > 1) superviseServerProcesses(count);
else await import("./serve-process");
