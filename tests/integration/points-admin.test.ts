import { randomUUID } from "node:crypto";
import { and, desc, eq, like, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getBalance, getSettings } from "../../app/domain/points/ledger.server";
import { createFormatter } from "../../app/i18n/format";
import { getDb, rowsOf } from "../../db/client";
import { auditLog, ledgerEntries, notifications, programmeSettings } from "../../db/schema";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal<string>({
  people: { admin: "admin@volta.example", finance: "finance@volta.example", chris: "chris@volta.example" },
});
const { as } = portal;
const db = await getDb();

function decode(s: string) {
  return s
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/<!-- -->/g, "");
}
/** The message under a field, as a person reads it. */
function fieldMessage(html: string, field: string): string | null {
  const m = html.match(new RegExp(`<p id="f-${field}-error"[^>]*>([^<]*)</p>`));
  return m ? decode(m[1]) : null;
}
/** Page text without tags, entities decoded: what a person reads. */
function text(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}
async function auditCount(action: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(like(auditLog.action, action));
  return row.n;
}
async function entriesOf(userId: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries).where(eq(ledgerEntries.userId, userId));
  return row.n;
}

const VALID = {
  currency: "gbp",
  pointValue: "0,02",
  expiryMonths: "18",
  welcomeBonus: "150",
  monthlyEarnCap: "5 000",
  expiryWarningDays: "14",
  claimWindowDays: "60",
  partnerManagerCheck: "on",
};

describe("programme settings", () => {
  // Each test starts from the programme's defaults (the row is made again on first read).
  beforeEach(async () => {
    await db.delete(programmeSettings);
  });

  it("refuses bad values with a message under each field, and changes nothing", async () => {
    const before = await getSettings(db);
    const audits = await auditCount("programme.%");
    const res = await as.admin.post("/admin/programme", {
      currency: "EURO",
      pointValue: "-1",
      expiryMonths: "0",
      welcomeBonus: "1.5",
      monthlyEarnCap: "0",
      expiryWarningDays: "soon",
      claimWindowDays: "",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldMessage(html, "currency")).toBe("Enter a three-letter currency code such as EUR, GBP or RUB.");
    expect(fieldMessage(html, "pointValue")).toBe("Enter an amount such as 0.05, with no more decimals than the currency has, up to 1000.");
    expect(fieldMessage(html, "expiryMonths")).toBe("Enter a whole number of months from 1 to 120.");
    expect(fieldMessage(html, "welcomeBonus")).toBe("Enter a whole number of points from 0 to 1000000.");
    expect(fieldMessage(html, "monthlyEarnCap")).toBe("Leave this empty for no cap, or enter a whole number of points from 1 to 10000000.");
    expect(fieldMessage(html, "expiryWarningDays")).toBe("Enter a whole number of days from 1 to 365.");
    expect(fieldMessage(html, "claimWindowDays")).toBe("Please fill this in.");
    // What was typed stays in the form.
    expect(html).toContain('value="EURO"');
    expect(await getSettings(db)).toEqual(before);
    expect(await auditCount("programme.%")).toBe(audits);
  });

  it("saves valid settings and writes who changed what, before and after, to the audit log", async () => {
    const admin = await actorFor("admin@volta.example");
    const audits = await auditCount("programme.%");
    const res = await as.admin.post("/admin/programme", VALID);
    expect(res.status).toBe(200);
    const page = text(await res.text());
    expect(page).toContain(
      "Saved. Changed: currency, point value, expiry period, welcome bonus, monthly cap, expiry warning, claim window, partner manager check.",
    );
    const s = await getSettings(db);
    expect(s).toMatchObject({
      currency: "GBP",
      pointValueMinor: 2,
      expiryMonths: 18,
      welcomeBonus: 150,
      monthlyEarnCap: 5000,
      expiryWarningDays: 14,
      claimWindowDays: 60,
      partnerManagerCheck: true,
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "programme.settings_updated"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry.actorId).toBe(admin.id);
    expect(entry.details).toEqual({
      before: {
        currency: "EUR",
        pointValueMinor: 1,
        expiryMonths: 24,
        welcomeBonus: 100,
        monthlyEarnCap: null,
        expiryWarningDays: 30,
        claimWindowDays: 90,
        partnerManagerCheck: false,
      },
      after: {
        currency: "GBP",
        pointValueMinor: 2,
        expiryMonths: 18,
        welcomeBonus: 150,
        monthlyEarnCap: 5000,
        expiryWarningDays: 14,
        claimWindowDays: 60,
        partnerManagerCheck: true,
      },
    });
    // The page states what a point is now worth, in the one money format.
    const again = text(await (await as.admin.get("/admin/programme")).text());
    expect(again).toContain(`1 point is worth ${createFormatter("en").money(2, "GBP")}`);
    // The point value is typed in pounds and comes back in pounds; yen have no pence to type.
    expect(await (await as.admin.get("/admin/programme")).text()).toMatch(
      /name="pointValue"[^>]*value="0.02"|value="0.02"[^>]*name="pointValue"/,
    );
    const yen = await as.admin.post("/admin/programme", { ...VALID, currency: "JPY", pointValue: "0.5" });
    expect(yen.status).toBe(400);
    expect(fieldMessage(await yen.text(), "pointValue")).toBe(
      "Enter an amount such as 0.05, with no more decimals than the currency has, up to 1000.",
    );

    // Saving the same values again changes nothing and records nothing.
    const same = await as.admin.post("/admin/programme", { ...VALID, currency: "GBP", monthlyEarnCap: "5000" });
    expect(text(await same.text())).toContain("Nothing was changed.");
    expect(await auditCount("programme.%")).toBe(audits + 1);

    // Only the field that changed is recorded; an empty cap means no cap; an unticked box is off.
    await as.admin.post("/admin/programme", { ...VALID, monthlyEarnCap: "", partnerManagerCheck: "" });
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, "programme.settings_updated"));
    expect(rows.map((r) => r.details)).toContainEqual({
      before: { monthlyEarnCap: 5000, partnerManagerCheck: true },
      after: { monthlyEarnCap: null, partnerManagerCheck: false },
    });
    expect(await getSettings(db)).toMatchObject({ monthlyEarnCap: null, partnerManagerCheck: false });
  });

  it("lets finance read the settings but not change them", async () => {
    const page = await as.finance.get("/admin/programme");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(text(html)).toContain("only a programme admin can change them");
    expect(html).toMatch(/<fieldset disabled=""/);
    const before = await getSettings(db);
    const res = await as.finance.post("/admin/programme", { ...VALID, currency: "USD" });
    expect(res.status).toBe(403);
    expect((await getSettings(db)).currency).toBe(before.currency);
  });

  it("before the settings row is made, money reads in the currency the row is then made with", async () => {
    // The programme report reads the settings without writing (it may run on a read replica).
    const figure = async () => {
      const html = await (await as.finance.get("/reports/programme")).text();
      return /data-figure="money"[^>]*>([^<]*)</.exec(html)?.[1];
    };
    const early = await figure();
    expect(await db.select().from(programmeSettings)).toEqual([]);
    // The row made on first read has the column's default currency: the same money, the same way.
    const { currency } = await getSettings(db);
    expect(early).toBeTruthy();
    expect(
      early!.startsWith(
        createFormatter("en")
          .money(0, currency)
          .replace(/[\d.,\s]/g, ""),
      ),
    ).toBe(true);
    expect(await figure()).toBe(early);
  });
});

describe("points adjustments", () => {
  // The form sits on the participant's view, so it posts back to that URL, as a browser does.
  const adjust = (who: string, form: Record<string, string>) =>
    as[who].post(`/admin/points?user=${form.userId}`, { intent: "adjust", key: randomUUID(), ...form });

  it("requires a reason; without one nothing changes", async () => {
    const marta = await freshPerson({ org: "Baltic Tools Distribution", tag: "marta" });
    const entries = await entriesOf(marta.id);
    const audits = await auditCount("points.%");
    const res = await adjust("admin", { userId: marta.id, direction: "credit", points: "50", reason: "   " });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldMessage(html, "reason")).toBe("Say why: the participant and the auditors will read it.");
    expect(await getBalance(db, marta.id)).toBe(0);
    expect(await entriesOf(marta.id)).toBe(entries);
    expect(await auditCount("points.%")).toBe(audits);

    const zero = await adjust("admin", { userId: marta.id, direction: "credit", points: "0", reason: "Nothing" });
    expect(fieldMessage(await zero.text(), "points")).toBe("Enter a whole number of points from 1 to 1000000.");
  });

  it("credits with the reason in the audit log and the participant's inbox, then refuses a debit beyond the balance and changes nothing", async () => {
    const [marta, admin, finance] = await Promise.all([
      freshPerson({ org: "Baltic Tools Distribution", tag: "marta" }),
      actorFor("admin@volta.example"),
      actorFor("finance@volta.example"),
    ]);
    const credited = await adjust("admin", {
      userId: marta.id,
      direction: "credit",
      points: "100",
      reason: "Helped on our stand at the Vilnius trade show",
    });
    expect(credited.status).toBe(200);
    expect(text(await credited.text())).toContain("100 points added. The balance is now 100.");
    expect(await getBalance(db, marta.id)).toBe(100);

    const [credit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "points.adjusted_credit"), eq(auditLog.entityId, marta.id)));
    expect(credit).toMatchObject({
      actorId: admin.id,
      organisationId: marta.organisationId,
      reason: "Helped on our stand at the Vilnius trade show",
    });
    expect(credit.details).toMatchObject({ points: 100, balanceAfter: 100 });
    const [notice] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, marta.id), eq(notifications.topic, "points_credited")));
    expect(notice).toMatchObject({
      titleKey: "points_admin.notice.credited",
      vars: { count: 100, reason: "Helped on our stand at the Vilnius trade show" },
    });
    const [entry] = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, marta.id), eq(ledgerEntries.kind, "adjust")));
    expect(entry).toMatchObject({ amount: 100, createdBy: admin.id, descriptionKey: "ledger.desc.adjust_credit" });

    const entries = await entriesOf(marta.id);
    const audits = await auditCount("points.%");
    const refused = await adjust("finance", { userId: marta.id, direction: "debit", points: "150", reason: "Duplicate credit" });
    expect(refused.status).toBe(409);
    expect(fieldMessage(await refused.text(), "points")).toBe(
      "The balance is 100, so 150 points cannot be taken away. Nothing was changed.",
    );
    expect(await getBalance(db, marta.id)).toBe(100);
    expect(await entriesOf(marta.id)).toBe(entries);
    expect(await auditCount("points.%")).toBe(audits);

    const debited = await adjust("finance", {
      userId: marta.id,
      direction: "debit",
      points: "30",
      reason: "Part of the credit was for a colleague",
    });
    expect(text(await debited.text())).toContain("30 points taken away. The balance is now 70.");
    const [debit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "points.adjusted_debit"), eq(auditLog.entityId, marta.id)));
    expect(debit).toMatchObject({ actorId: finance.id, reason: "Part of the credit was for a colleague" });
    expect(debit.details).toMatchObject({ points: -30, balanceAfter: 70 });
    // The balance kept on the account still equals the ledger.
    const [sum] = rowsOf<{ s: number }>(
      await db.execute(sql`select sum(amount)::int as s from ledger_entries where user_id = ${marta.id}`),
    );
    expect(sum.s).toBe(70);
  });

  it("records one adjustment when the same form is submitted twice", async () => {
    const tomas = await freshPerson({ org: "Baltic Tools Distribution", role: "technician", tag: "tomas" });
    const form = {
      intent: "adjust",
      key: randomUUID(),
      userId: tomas.id,
      direction: "credit",
      points: "40",
      reason: "Signal dropped, pressed again",
    };
    await as.admin.post(`/admin/points?user=${tomas.id}`, form);
    const second = await as.admin.post(`/admin/points?user=${tomas.id}`, form);
    expect(text(await second.text())).toContain("This adjustment was already recorded; it was not applied a second time.");
    expect(await getBalance(db, tomas.id)).toBe(40);
    const rows = await db.select().from(auditLog).where(eq(auditLog.entityId, tomas.id));
    expect(rows).toHaveLength(1);
  });

  it("lets a channel manager look up participants but not adjust", async () => {
    const marta = await freshPerson({ org: "Baltic Tools Distribution", tag: "marta" });
    const page = await as.chris.get(`/admin/points?q=${encodeURIComponent(marta.email)}&user=${marta.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(text(html)).toContain(marta.name);
    expect(html).not.toContain("Record adjustment");
    const res = await adjust("chris", { userId: marta.id, direction: "credit", points: "10", reason: "Why not" });
    expect(res.status).toBe(403);
    expect(await getBalance(db, marta.id)).toBe(0);
  });

  it("finds participants across partners by name or email, never manufacturer staff, and treats % literally", async () => {
    const byEmail = text(await (await as.admin.get("/admin/points?q=northfield.example")).text());
    for (const name of ["Emma Walsh", "Sam Patel", "Jack Reid"]) expect(byEmail).toContain(name);
    expect(byEmail).not.toContain("Marta");
    expect(text(await (await as.admin.get("/admin/points?q=Alice")).text())).toContain(
      "Nobody in the partner organisations matches “Alice”.",
    );
    expect(text(await (await as.admin.get("/admin/points?q=%25")).text())).toContain("Nobody in the partner organisations matches “%”.");
    const admin = await actorFor("admin@volta.example");
    expect((await as.admin.get(`/admin/points?user=${admin.id}`)).status).toBe(404);
  });

  it("shows the outstanding liability in points and money, in total and per partner", async () => {
    const settings = await getSettings(db);
    const perOrg = rowsOf<{ name: string; points: number }>(
      await db.execute(
        sql`select o.name, coalesce(sum(a.balance), 0)::int as points from organisations o left join point_accounts a on a.organisation_id = o.id where o.kind <> 'manufacturer' group by o.name`,
      ),
    );
    const total = perOrg.reduce((s, r) => s + r.points, 0);
    expect(total).toBeGreaterThan(0);
    const f = createFormatter("en");
    const html = await (await as.finance.get("/admin/points")).text();
    expect(html).toMatch(
      new RegExp(
        `data-testid="liability-value"[^>]*>${f.money(total * settings.pointValueMinor, settings.currency).replace(/[.$]/g, "\\$&")}<`,
      ),
    );
    const page = text(html);
    expect(page).toContain(`${f.points(total)} unspent points across all participants`);
    for (const r of perOrg) expect(page).toContain(`${r.name} `);
    const ural = perOrg.find((r) => r.name === "Ural Instrument")!;
    expect(page).toContain(
      `Ural Instrument ${f.number(2)} ${f.points(ural.points)} ${f.money(ural.points * settings.pointValueMinor, settings.currency)}`,
    );
  });
});
