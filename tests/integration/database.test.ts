import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getHandle, rowsOf } from "../../db/client";

// PGlite serves one connection at a time and reports PostgreSQL 18; the integration tests must
// run where races and version limits are real.
describe("the test database", () => {
  it("is a real PostgreSQL 15 server, with every migration applied", async () => {
    expect((await getHandle()).kind).toBe("postgres");
    const db = await getDb();
    const [{ v }] = rowsOf<{ v: string }>(await db.execute(sql`select current_setting('server_version_num') as v`));
    expect(Math.floor(Number(v) / 10000)).toBe(15);
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    const { entries } = (await import("../../db/migrations/meta/_journal.json")).default;
    expect(n).toBe(entries.length);
  });

  it("takes many connections at once", async () => {
    const db = await getDb();
    const pids = await Promise.all(Array.from({ length: 8 }, () => db.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.2)`)));
    expect(new Set(pids.map((r) => rowsOf<{ pid: number }>(r)[0].pid)).size).toBeGreaterThan(1);
  });
});
