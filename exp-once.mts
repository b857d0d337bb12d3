import { getDb, closeDb } from "./db/client";
import { expireDuePoints } from "./app/domain/points/ledger.server";
const db = await getDb();
const t = performance.now();
const r = await expireDuePoints(db);
console.log(JSON.stringify(r), (performance.now() - t).toFixed(0), "ms");
await closeDb();
