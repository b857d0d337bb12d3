import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliverDueEmails, MAX_ATTEMPTS } from "../../app/domain/mail/outbox.server";
import { runDueJobs } from "../../app/jobs/run.server";
import { getDb } from "../../db/client";
import { emailOutbox, organisations } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { Visitor } from "../support/portal";
import { startEachTestWithNoMail, usePortal, useSmtp } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();
const db = await getDb();
const admin = portal.person("admin@volta.example");

startEachTestWithNoMail(smtp);

/** Someone asks for a password reset: one mail is queued for them. */
async function queueResetFor(email: string) {
  const res = await new Visitor(portal.url).post("/forgot-password", { email });
  expect(res.status).toBe(200);
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
  return row;
}
const rowOf = async (id: string) => (await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];
/** Time passes until the mail's next try is due. */
const makeDue = (id: string) =>
  db
    .update(emailOutbox)
    .set({ nextAttemptAt: new Date(Date.now() - 1000) })
    .where(eq(emailOutbox.id, id));

describe("the email outbox", () => {
  it("keeps mail the SMTP server refused, with the error, and delivers it on a later try", async () => {
    const queued = await queueResetFor("sam@northfield.example");
    smtp.failNext(1);
    expect(await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 })).toEqual({ sent: 0, failed: 1 });
    let row = await rowOf(queued.id);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("Mailbox temporarily unavailable");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(smtp.inbox).toEqual([]);

    const page = await (await admin.get("/admin/outbox")).text();
    expect(page).toContain("sam@northfield.example");
    expect(page).toContain("Waiting");
    expect(page).toContain("Mailbox temporarily unavailable");

    // Not due yet: the worker leaves it alone.
    expect(await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 })).toEqual({ sent: 0, failed: 0 });
    await makeDue(queued.id);
    expect(await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 })).toEqual({ sent: 1, failed: 0 });
    const mail = await smtp.waitFor((m) => m.to.includes("sam@northfield.example"));
    expect(mail.subject).toBe("Reset your partner portal password");
    row = await rowOf(queued.id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(await (await admin.get("/admin/outbox")).text()).toContain("Sent");
  });

  it(`gives up after ${MAX_ATTEMPTS} refusals and shows the mail as failed`, async () => {
    const queued = await queueResetFor("jack@northfield.example");
    smtp.failNext(MAX_ATTEMPTS);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await makeDue(queued.id);
      expect(await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 })).toEqual({ sent: 0, failed: 1 });
    }
    expect(await rowOf(queued.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    await makeDue(queued.id);
    expect(await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 })).toEqual({ sent: 0, failed: 0 });
    expect(await (await admin.get("/admin/outbox")).text()).toContain("Failed");
  });

  it("sends each mail once even when two workers run at the same time", async () => {
    const people = ["marta", "lukas", "tomas", "ona"].map((p) => `${p}@baltictools.example`);
    for (const p of people) await queueResetFor(p);
    const [a, b] = await Promise.all([
      deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 }),
      deliverDueEmails(db, { smtpUrl: smtp.url, limit: 1000 }),
    ]);
    expect(a.sent + b.sent).toBe(people.length);
    for (const p of people) await smtp.waitFor((m) => m.to.includes(p));
    expect(smtp.inbox.map((m) => m.to[0]).sort()).toEqual([...people].sort());
  });

  it("without SMTP_URL keeps mail in the outbox, where the admin (only) can read it", async () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    const queued = await queueResetFor("emma@northfield.example");
    expect(await runDueJobs(db)).toMatchObject({ mail: { sent: 0, failed: 0 } });
    expect(await rowOf(queued.id)).toMatchObject({ status: "pending", attempts: 0 });

    const list = await admin.get("/admin/outbox");
    const html = await list.text();
    expect(html).toContain("emma@northfield.example");
    expect(html).toContain("password_reset");
    expect(html).toContain(`?open=${queued.id}`);
    const opened = await (await admin.get(`/admin/outbox?open=${queued.id}`)).text();
    expect(opened).toContain(`src="/admin/outbox/${queued.id}/html"`);
    const body = await admin.get(`/admin/outbox/${queued.id}/html`);
    expect(body.status).toBe(200);
    expect(body.headers.get("content-security-policy")).toContain("sandbox");
    const email = await body.text();
    expect(email).toContain("Choose a new password");
    // The admin reads the mail but not its working link (see outbox-secrets.test.ts).
    expect(email).toContain("/reset-password/••••••••");

    for (const who of ["emma@northfield.example", "chris@volta.example", "finance@volta.example"]) {
      const v = new Visitor(portal.url);
      await v.signIn(who, DEMO_PASSWORD);
      expect((await v.get("/admin/outbox")).status, who).toBe(403);
      expect((await v.get(`/admin/outbox/${queued.id}/html`)).status, who).toBe(403);
    }
    expect((await admin.get("/admin/outbox/00000000-0000-4000-8000-000000000000/html")).status).toBe(404);
  });

  it("queues mail only when the change that causes it is saved", async () => {
    const chris = new Visitor(portal.url);
    await chris.signIn("chris@volta.example", DEMO_PASSWORD);
    const [{ id }] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "HomeFix Retail"));
    // Someone with this email already exists: the invitation is refused and no mail waits.
    const res = await chris.post(`/organisations/${id}`, {
      intent: "invite",
      name: "Sam Again",
      email: "SAM@northfield.example",
      role: "salesperson",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Someone with this email already has an account.");
    expect(await db.select().from(emailOutbox)).toEqual([]);
  });
});
