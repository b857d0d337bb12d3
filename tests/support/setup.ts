import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { databaseUrl } from "./postgres";

// Each test file works in its own database, copied from the migrated template: files run in
// parallel without seeing each other's rows.
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL!;
const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
process.env.DATABASE_URL = databaseUrl(adminUrl, name);
process.env.PUBLIC_URL ??= "http://localhost:3000";
delete process.env.SMTP_URL;
// Secret props of queued mail are sealed with this key (tests never write data/outbox-secret.key).
process.env.OUTBOX_SECRET_KEY ??= randomBytes(32).toString("base64");
// Uploaded files (claim evidence) go to a folder of this test file's own, removed at the end.
process.env.UPLOAD_DIR = mkdtempSync(path.join(tmpdir(), "portal-uploads-"));

beforeAll(async () => {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template portal_template`);
  await admin.end();
});

afterAll(async () => {
  const { closeDb } = await import("../../db/client");
  await closeDb();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
});

// A test that makes the app log an error fails: errors must be handled, not printed.
let logged: unknown[][] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  logged.push(args);
  original(...args);
};
afterEach(() => {
  const errors = logged;
  logged = [];
  if (errors.length) throw new Error(`console.error was called during the test:\n${errors.map((a) => a.map(String).join(" ")).join("\n")}`);
});
void vi;
