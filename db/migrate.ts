import { fileURLToPath } from "node:url";
import { getHandle } from "./client";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

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
