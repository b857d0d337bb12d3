import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { creditPoints, debitPoints, expireDuePoints } from "../../app/domain/points/ledger.server";
import { getDb, rowsOf } from "../../db/client";
import { organisations, users } from "../../db/schema";
import type { Role } from "../../db/schema/enums";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { actorFor, Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";
import { SEEDED_USER_OF } from "../support/access";

const DAY = 86_400_000;
const db = await getDb();
let baltic = "";
let northfield = "";
const today = new Date().toISOString().slice(0, 10);

const PLAYERS = SEEDED_USER_OF;
const portal = usePortal({ people: PLAYERS });
const { as } = portal;

async function orgId(name: string) {
  const [o] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name));
  return o.id;
}
async function earn(email: string, amount: number, sourceId: string, expiresAt?: Date) {
  const a = await actorFor(email);
  await db.transaction((tx) =>
    creditPoints(tx, {
      userId: a.id,
      organisationId: a.organisationId,
      kind: "earn",
      sourceType: "test",
      sourceId,
      amount,
      descriptionKey: "ledger.desc.test",
      ...(expiresAt ? { expiresAt } : {}),
    }),
  );
}
function decode(s: string) {
  return s
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/<!-- -->/g, "");
}
/** Table rows as the reader sees them: cell texts, tags removed. */
function tableRows(html: string): string[][] {
  const body = html.match(/<tbody[^>]*>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) =>
      decode(c[1].replace(/<[^>]+>/g, " "))
        .replace(/\s+/g, " ")
        .trim(),
    ),
  );
}
/** A small CSV reader for what the export writes: quoted cells with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

beforeAll(async () => {
  baltic = await orgId("Baltic Tools Distribution");
  northfield = await orgId("Northfield Building Supplies");
  // Marta: 500 that expire within the warning period. Tomas: 200, of which he spent 50.
  await earn("marta@baltictools.example", 500, "team-1", new Date(Date.now() + 10 * DAY));
  await earn("tomas@baltictools.example", 200, "team-2");
  const tomas = await actorFor("tomas@baltictools.example");
  await db.transaction((tx) =>
    debitPoints(tx, {
      userId: tomas.id,
      organisationId: tomas.organisationId,
      kind: "redeem",
      sourceType: "order",
      sourceId: "team-order",
      amount: 50,
      descriptionKey: "ledger.desc.test",
    }),
  );
  await earn("sam@northfield.example", 999, "team-3");
  // Someone whose name a spreadsheet would run as a formula.
  await db.insert(users).values({
    organisationId: baltic,
    email: "formula@baltictools.example",
    name: '=HYPERLINK("http://x")',
    role: "salesperson",
    status: "invited",
  });
});

describe("points per employee", () => {
  it("shows an executive their own people with balance, earned, spent, expiring soon and last activity", async () => {
    const res = await as.executive.get("/team/points");
    expect(res.status).toBe(200);
    const rows = tableRows(await res.text());
    // Everyone signed in here once, so each also has the 100-point welcome bonus.
    const byName = Object.fromEntries(rows.map((r) => [r[0].split(" ").slice(0, 2).join(" "), r.slice(1)]));
    expect(byName["Marta Kazlauskė"]).toEqual(["600", "600", "0", "500", expect.any(String)]);
    expect(byName["Tomas Vaitkus"]).toEqual(["250", "300", "50", "0", expect.any(String)]);
    // Lukas's seeded balance: 300 expiring within 30 days, 650 later.
    expect(byName["Lukas Jonaitis"]).toEqual(["1,050", "1,050", "0", "300", expect.any(String)]);
    expect(byName["Ona Petraitė"]).toEqual(["100", "100", "0", "0", expect.any(String)]);
    // Invited, never signed in: no points and no activity yet.
    expect(rows.find((r) => r[0].startsWith("=HYPERLINK"))?.slice(1)).toEqual(["0", "0", "0", "0", "—"]);
    // The purchasing manager and the accountant have only their welcome bonus.
    expect(byName["Rūta Jankauskienė"]).toEqual(["100", "100", "0", "0", expect.any(String)]);
    expect(byName["Darius Stankevičius"]).toEqual(["100", "100", "0", "0", expect.any(String)]);
    expect(rows.at(-1)).toEqual(["Total", "2,200", "2,250", "50", "800", ""]);
    const names = rows.map((r) => r[0]).join(" | ");
    expect(names).not.toContain("Sam Patel");
    expect(names).not.toContain("Emma Walsh");
  });

  it("gives another partner's page to the channel team, as 404 to a partner's executive and manager, and to nobody else", async () => {
    const expected: Record<Role, number> = {
      admin: 200,
      channel_manager: 200,
      finance: 200,
      trainer: 403,
      auditor: 403,
      executive: 404,
      manager: 404,
      salesperson: 403,
      technician: 403,
      purchasing_manager: 403,
      accountant: 403,
    };
    const got: Record<string, number[]> = {};
    for (const role of Object.keys(PLAYERS) as Role[]) {
      const page = await as[role].get(`/organisations/${northfield}/points`);
      const csv = await as[role].get(`/organisations/${northfield}/points.csv`);
      got[role] = [page.status, csv.status];
      if (page.status === 200) expect(await page.text()).toContain("Sam Patel");
      else expect(await page.text()).not.toContain("Sam Patel");
      if (csv.status !== 200) expect(await csv.text()).not.toContain("sam@northfield.example");
    }
    expect(got).toEqual(Object.fromEntries(Object.entries(expected).map(([r, s]) => [r, [s, s]])));
  });

  it("exports the same rows as CSV: one line per person of the organisation, plain numbers, formulas defused", async () => {
    const res = await as.manager.get(`/organisations/${baltic}/points.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="points-baltic-tools-distribution-${today}.csv"`);
    // Byte-order mark first (spreadsheets read Lithuanian and Cyrillic names right), CRLF rows,
    // and the formula-looking name written as text, quoted because of its quotes. Raw bytes:
    // Response.text() would drop the mark.
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = bytes.toString("utf8");
    expect(body.startsWith("\uFEFFPerson,Email,")).toBe(true);
    expect(body).toContain(`\r\n"'=HYPERLINK(""http://x"")",formula@baltictools.example,`);
    const [head, ...rows] = parseCsv(body.replace(/^\uFEFF/, ""));
    expect(head).toEqual(["Person", "Email", "Role", "Status", "Balance", "Earned", "Spent", "Expiring within 30 days", "Last activity"]);
    const people = await db.select({ email: users.email }).from(users).where(eq(users.organisationId, baltic));
    expect(rows.map((r) => r[1]).sort()).toEqual(people.map((p) => p.email).sort());
    expect(rows.find((r) => r[1] === "marta@baltictools.example")).toEqual([
      "Marta Kazlauskė",
      "marta@baltictools.example",
      "Salesperson",
      "Active",
      "600",
      "600",
      "0",
      "500",
      today,
    ]);
    expect(rows.find((r) => r[1] === "tomas@baltictools.example")).toEqual([
      "Tomas Vaitkus",
      "tomas@baltictools.example",
      "Technician",
      "Active",
      "250",
      "300",
      "50",
      "0",
      today,
    ]);
    expect(rows.find((r) => r[1] === "formula@baltictools.example")?.[0]).toBe('\'=HYPERLINK("http://x")');
    expect(body).not.toContain("sam@northfield.example");
  });

  it("writes the CSV headings in the reader's language", async () => {
    const irina = new Visitor(portal.url);
    await irina.signIn("irina@uralinstrument.example", DEMO_PASSWORD);
    const ural = await orgId("Ural Instrument");
    const body = await (await irina.get(`/organisations/${ural}/points.csv`)).text();
    const [head, ...rows] = parseCsv(body.replace(/^\uFEFF/, ""));
    expect(head.slice(0, 5)).toEqual(["Сотрудник", "Электронная почта", "Роль", "Статус", "Баланс"]);
    expect(rows.find((r) => r[1] === "alexey@uralinstrument.example")?.slice(4, 8)).toEqual(["1800", "1800", "0", "600"]);
  });

  it("counts as expiring soon what is left of lots due within the warning period, a due lot until the expiry job closes it, and the total matches the ledger", async () => {
    // What the ledger says is left of the team's lots that expire within 30 days, summed afresh.
    const recompute = async () =>
      rowsOf<{ points: string }>(
        await db.execute(sql`
          select coalesce(sum(e.amount - coalesce((select sum(al.points) from ledger_allocations al where al.lot_entry_id = e.id), 0)), 0) as points
          from ledger_entries e join users u on u.id = e.user_id
          where u.organisation_id = ${baltic} and e.amount > 0 and e.expires_at <= now() + interval '30 days'`),
      )[0].points;
    const row = async (name: string) => {
      const rows = tableRows(await (await as.executive.get("/team/points")).text());
      return { person: rows.find((r) => r[0].startsWith(name))?.slice(1, 5), total: rows.at(-1)?.[4] };
    };
    const before = await row("Rūta Jankauskienė");
    expect(before.person).toEqual(["100", "100", "0", "0"]);
    // Rūta: 70 already due (the expiry job has not run yet) and 40 due in five days.
    await earn("ruta@baltictools.example", 70, "team-due", new Date(Date.now() - DAY));
    await earn("ruta@baltictools.example", 40, "team-soon", new Date(Date.now() + 5 * DAY));
    const due = await row("Rūta Jankauskienė");
    expect(due.person).toEqual(["210", "210", "0", "110"]);
    expect(Number(due.total?.replace(/,/g, ""))).toBe(Number(before.total?.replace(/,/g, "")) + 110);
    expect(Number(due.total?.replace(/,/g, ""))).toBe(Number(await recompute()));
    // The job closes the due lot: its 70 points leave the balance and the expiring figure.
    await expireDuePoints(db);
    const after = await row("Rūta Jankauskienė");
    expect(after.person).toEqual(["140", "210", "0", "40"]);
    expect(Number(after.total?.replace(/,/g, ""))).toBe(Number(await recompute()));
  });
});
