import { closeDb, getHandle } from "../db/client";
import { migrate } from "../db/migrate";

const handle = await getHandle();
await migrate();
console.log(`Migrations applied (${handle.kind}).`);
await closeDb();
