import { closeDb, getDb } from "../db/client";
import { migrate } from "../db/migrate";
import { runDueJobs } from "../app/jobs/run.server";

// One pass of every background job, for cron or a manual run (the server also runs them on a timer).
await migrate();
const report = await runDueJobs(await getDb());
console.log(JSON.stringify(report));
await closeDb();
