import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export type PgServer = { adminUrl: string; port: number; stop: () => void };

function asPostgres(cmd: string, args: string[]) {
  // initdb refuses to run as root; CI runs as root, so hand the cluster to the postgres user.
  const root = process.getuid?.() === 0;
  const file = root ? "runuser" : cmd;
  const argv = root ? ["-u", "postgres", "--", cmd, ...args] : args;
  const r = spawnSync(file, argv, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * A throw-away PostgreSQL 15 server on a loopback port, for tests and benchmarks. PGlite would
 * hide races (one connection at a time), so money and concurrency are tested here.
 */
export function startPostgres(): PgServer {
  if (!existsSync(path.join(BIN, "initdb")))
    throw new Error(`PostgreSQL server binaries not found in ${BIN}; install the postgresql package`);
  const dir = mkdtempSync(path.join(tmpdir(), "portal-pg-"));
  const data = path.join(dir, "data");
  mkdirSync(data);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
    chownSync(data, uid, gid);
  }
  const port = 20000 + Math.floor(Math.random() * 20000);
  asPostgres(path.join(BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"]);
  asPostgres(path.join(BIN, "pg_ctl"), [
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-t",
    "60",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
    "start",
  ]);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      try {
        asPostgres(path.join(BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh database `name` on the server at `adminUrl` (dropped first if it is there), migrated,
 * and left as DATABASE_URL for this process: the tests' template (global-setup.ts) and the
 * benches' cold-start databases.
 */
export async function migratedDatabase(adminUrl: string, name: string): Promise<string> {
  const { default: postgres } = await import("postgres");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  process.env.DATABASE_URL = databaseUrl(adminUrl, name);
  const { migrate } = await import("../../db/migrate");
  const { closeDb } = await import("../../db/client");
  await migrate();
  await closeDb();
  return process.env.DATABASE_URL;
}

/**
 * A streaming read replica of `primary` (a hot standby): pg_basebackup -R copies the cluster and
 * writes the standby settings, then the copy starts on a port of its own and follows the
 * primary's WAL. Reads only; what the primary commits shows up a moment later. A standby needs at least
 * the primary's max_connections.
 */
export function startReplica(primary: PgServer): PgServer {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-pg-replica-"));
  const data = path.join(dir, "data");
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  asPostgres(path.join(BIN, "pg_basebackup"), [
    "-h",
    "127.0.0.1",
    "-p",
    String(primary.port),
    "-U",
    "postgres",
    "-D",
    data,
    "-R",
    "-X",
    "stream",
    "-c",
    "fast",
  ]);
  const port = 20000 + Math.floor(Math.random() * 20000);
  asPostgres(path.join(BIN, "pg_ctl"), [
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-t",
    "60",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=300`,
    "start",
  ]);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      try {
        asPostgres(path.join(BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
