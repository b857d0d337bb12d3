import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getHandle } from "./client";

/**
 * db/migrations, found from this module: next to it when run from source (tsx, tests), or in the
 * project folder above the production server build (build/server/serve.js and its chunks, see
 * serverEntry in vite.config.ts).
 */
const migrationsFolder = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, "migrations"), path.join(dir, "db/migrations")])
      if (existsSync(path.join(candidate, "meta/_journal.json"))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no migrations folder (db/migrations) above ${here}`);
  }
})();

/** Applies the committed drizzle-kit migrations to whichever database the process uses. */
export async function migrate(): Promise<void> {
  const handle = await getHandle();
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

// Any fixed number: the key of the advisory lock that start-up work (migrations, demo seed) holds.
const STARTUP_LOCK = 7_411_203;

/**
 * Runs start-up work (migrate, seed) in one process at a time: several portal processes started
 * together against one PostgreSQL would otherwise race to create the same tables. The lock is a
 * session advisory lock on a connection of its own, so it is released even if this process dies.
 */
export async function underStartupLock<T>(work: () => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) return work(); // PGlite: one process owns the data directory anyway.
  const { default: postgres } = await import("postgres");
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${STARTUP_LOCK})`;
    return await work();
  } finally {
    await lock`select pg_advisory_unlock(${STARTUP_LOCK})`.catch(() => undefined);
    await lock.end({ timeout: 5 });
  }
}
