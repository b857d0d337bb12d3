import { migratedDatabase, startPostgres, type PgServer } from "./postgres";

export const TEMPLATE_DB = "portal_template";

/**
 * Starts one PostgreSQL 15 server for the whole run (or uses TEST_DATABASE_ADMIN_URL) and
 * migrates a template database; every test file then gets its own copy (tests/support/setup.ts).
 */
export default async function globalSetup() {
  let server: PgServer | undefined;
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    server = startPostgres();
    adminUrl = server.adminUrl;
  }
  process.env.TEST_DATABASE_ADMIN_URL = adminUrl;
  await migratedDatabase(adminUrl, TEMPLATE_DB);
  delete process.env.DATABASE_URL;

  return () => server?.stop();
}
