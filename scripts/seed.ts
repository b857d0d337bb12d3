import { closeDb, getDb } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemo } from "./seed/index";

await migrate();
const result = await seedDemo(await getDb(), { activity: true });
console.log(result.created ? "Demo programme seeded." : "Demo data already present; nothing changed.");
await closeDb();
