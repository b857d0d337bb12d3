/**
 * How many times a dashboard's loader writes to PostgreSQL's socket, and what each write holds
 * (issue 15: each write after the first is a wave that waited for an answer before it could be
 * sent). `tsx scripts/bench/report-waves.ts [executive|channel]` against DATABASE_URL (the reports
 * bench's database); prints each write's messages (Q a simple query, B a prepared statement's bind, each followed by execute and sync).
 */
import net from "node:net";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("set DATABASE_URL to the reports bench database");
const page = process.argv[2] ?? "channel";
const { getDb, closeDb } = await import("../../db/client");
const { readDashboard, EXECUTIVE_SECTIONS } = await import("../../app/domain/reports/dashboards.server");
const { readProgramme } = await import("../../app/domain/reports/programme.server");
const { periodOf, periodsFor } = await import("../../app/domain/reports/period");
const db = await getDb();
const at = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
const periods = periodsFor(periodOf("month", at));
const [org] = (await db.execute(
  (
    await import("drizzle-orm")
  ).sql`select id from organisations where kind <> 'manufacturer' order by name limit 1`,
)) as unknown as { id: string }[];
const run = () =>
  page === "executive"
    ? readDashboard(db, EXECUTIVE_SECTIONS, { organisationId: org.id }, periods)
    : readProgramme(db, { region: null, rank: "sales" }, periods);
// Warm up: every statement prepared on the connection it will use.
for (let i = 0; i < 20; i++) await run();

/** The protocol messages in one write: a simple query's first words, a bind's statement name, the rest by type. */
function messages(buf: Buffer): string {
  const out: string[] = [];
  for (let i = 0; i + 5 <= buf.length; ) {
    const type = String.fromCharCode(buf[i]);
    const end = i + 1 + buf.readInt32BE(i + 1);
    if (type === "Q") out.push(`Q[${buf.toString("utf8", i + 5, Math.min(i + 45, end)).replace(/\s+/g, " ")}]`);
    else if (type === "B") {
      const portalEnd = buf.indexOf(0, i + 5);
      out.push(`B[${buf.toString("utf8", portalEnd + 1, buf.indexOf(0, portalEnd + 1))}]`);
    } else if (type !== "E" && type !== "S") out.push(type);
    i = end;
  }
  return out.join(" ");
}

const writes: string[] = [];
const original = net.Socket.prototype.write;
net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
  if (Buffer.isBuffer(chunk)) writes.push(`${chunk.length} B: ${messages(chunk)}`);
  return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
} as typeof original;
await run();
net.Socket.prototype.write = original;
console.log(`${page}: ${writes.length} writes to PostgreSQL`);
for (const w of writes) console.log(`  ${w}`);
await closeDb();
