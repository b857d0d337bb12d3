import { randomUUID } from "node:crypto";
import { and, eq, isNull, like, or } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { reverseClaim, approveClaim } from "../../app/domain/claims/review.server";
import { isoDate } from "../../app/domain/claims/shared";
import { participationOf } from "../../app/domain/enrolment/participation.server";
import { referralKey } from "../../app/domain/enrolment/referrals.server";
import { approveRequest, requestToJoin } from "../../app/domain/enrolment/requests.server";
import { getBalance } from "../../app/domain/points/ledger.server";
import { hashPassword } from "../../app/lib/password.server";
import { getDb } from "../../db/client";
import {
  auditLog,
  authThrottle,
  bonusAwards,
  emailOutbox,
  enrolmentRequests,
  ledgerEntries,
  organisations,
  outlets,
  partnerParticipation,
  referrals,
  users,
} from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { claimForm, submitNew, textOf } from "../support/claims";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { Visitor, actorFor } from "../support/portal";

/**
 * Who takes part (issue 19) on a real PostgreSQL 15, through HTTP as people use it: finding a
 * company and its join code, asking to join (validated, throttled, one pending request per
 * contact enforced by the database), the executive's decision and its message, the participation
 * terms gating claims, and the referral bonus credited once under racing approvals and taken back
 * with the claim.
 */
const db = await getDb();
const portal = usePortal({ people: { ona: "ona@baltictools.example", chris: "chris@volta.example", admin: "admin@volta.example" } });
const { as } = portal;
const anonymous = () => new Visitor(portal.url);
const orgId = async (name: string) => (await db.select().from(organisations).where(eq(organisations.name, name)))[0].id;
const unique = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}`;

beforeEach(async () => {
  // Every request here comes from 127.0.0.1: each test starts with the address's allowance whole.
  await db.delete(authThrottle).where(or(like(authThrottle.key, "enrol:%"), like(authThrottle.key, "referral:%")));
});

describe("finding the company", () => {
  it("shows a few active partners for 3 letters or more, never the manufacturer, and never fails on junk", async () => {
    const v = anonymous();
    const short = textOf(await (await v.get("/enrol?q=Ba")).text());
    expect(short).toContain("Type at least 3 letters of the name.");
    expect(short).not.toContain("Baltic Tools Distribution");
    const found = await v.get("/enrol?q=baltic");
    expect(found.status).toBe(200);
    expect(textOf(await found.text())).toContain("Baltic Tools Distribution");
    const [maker] = await db.select().from(organisations).where(eq(organisations.kind, "manufacturer"));
    expect(await (await v.get(`/enrol?q=${encodeURIComponent(maker.name)}`)).text()).not.toContain(`/enrol/${maker.id}`);
    // Wildcards are text, not patterns: "%" finds nothing rather than every partner.
    expect(textOf(await (await v.get("/enrol?q=%25%25%25")).text())).toContain("No company in the programme matches");
    for (const q of ["%01abc", "'%3B--", "x".repeat(5000), "%E2%80%AE%E2%80%AEabc"])
      expect((await v.get(`/enrol?q=${q}`)).status).toBe(200);
    // A NUL in the address is refused before any route runs (app/server/http.ts).
    expect((await v.get("/enrol?q=%00abc")).status).toBe(400);
    expect((await v.get(`/enrol/${maker.id}`)).status).toBe(404);
    expect((await v.get("/enrol/not-a-company")).status).toBe(404);
    expect((await v.get(`/enrol/${randomUUID()}`)).status).toBe(404);
    await db.update(organisations).set({ active: false }).where(eq(organisations.name, "Northfield Building Supplies"));
    try {
      expect((await v.get(`/enrol/${await orgId("Northfield Building Supplies")}`)).status).toBe(404);
    } finally {
      await db.update(organisations).set({ active: true }).where(eq(organisations.name, "Northfield Building Supplies"));
    }
  });

  it("takes the join code in any case and spacing, refuses junk and unknown codes with a message, and a new code retires the old", async () => {
    const baltic = await orgId("Baltic Tools Distribution");
    const { joinCode } = await participationOf(db, baltic);
    const v = anonymous();
    const typed = `${joinCode.slice(0, 4).toLowerCase()} - ${joinCode.slice(4)}`;
    const ok = await v.post("/enrol", { intent: "code", code: typed });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`/enrol/${baltic}`);
    for (const code of ["", "ABC", "O0O0O0O0", "x".repeat(5000), "ABCD\u00002345", "ÄBCD2345"]) {
      const res = await v.post("/enrol", { intent: "code", code });
      expect(res.status, code.slice(0, 20)).toBe(400);
      expect(await res.text()).not.toContain("Stack");
    }
    expect(textOf(await (await v.post("/enrol", { intent: "code", code: "ABC" })).text())).toContain("Enter the 8-character join code");
    const unknown = await v.post("/enrol", { intent: "code", code: joinCode === "ABCD2345" ? "ABCD2346" : "ABCD-2345" });
    expect(unknown.status).toBe(400);
    expect(textOf(await unknown.text())).toContain("No company in the programme has this join code");
    expect((await v.post("/enrol", { intent: "__proto__", code: joinCode })).status).toBe(400);
    expect((await v.post("/enrol", { code: joinCode })).status).toBe(400);

    // The executive sees the code and makes a new one: the old one stops working at once, audited.
    const page = textOf(await (await as.ona.get("/team/requests")).text());
    expect(page).toContain(`${joinCode.slice(0, 4)}-${joinCode.slice(4)}`);
    expect((await as.ona.post("/team/requests", { intent: "new_code" })).status).toBe(200);
    const fresh = (await participationOf(db, baltic)).joinCode;
    expect(fresh).not.toBe(joinCode);
    expect((await v.post("/enrol", { intent: "code", code: joinCode })).status).toBe(400);
    expect((await v.post("/enrol", { intent: "code", code: fresh })).headers.get("location")).toBe(`/enrol/${baltic}`);
    const audited = await db.select().from(auditLog).where(eq(auditLog.action, "participation.join_code_regenerated"));
    expect(audited.some((a) => a.organisationId === baltic)).toBe(true);
  });
});

describe("asking to join", () => {
  it("validates every field with a message that keeps what was typed, never a 500", async () => {
    const baltic = await orgId("Baltic Tools Distribution");
    const [otherOutlet] = await db
      .select()
      .from(outlets)
      .where(eq(outlets.organisationId, await orgId("Northfield Building Supplies")));
    const v = anonymous();
    const base = { name: "Rūta Test", email: `${unique("ruta")}@example.com`, phone: "", role: "salesperson", outletId: "" };
    const cases: Array<[Record<string, string>, string]> = [
      [{}, "Please fill this in."],
      [{ ...base, name: "" }, "Please fill this in."],
      [{ ...base, name: "x".repeat(500) }, "This is too long."],
      [{ ...base, email: "not-an-email" }, "Enter an email address like name@example.com."],
      [{ ...base, email: "", phone: "12" }, "Enter a mobile number with its country code"],
      [{ ...base, email: "", phone: "" }, "email"],
      [{ ...base, role: "admin" }, "role"],
      [{ ...base, role: "__proto__" }, "role"],
      [{ ...base, outletId: "junk" }, "This value is not valid."],
      [{ ...base, outletId: otherOutlet.id }, "outlet"],
      [{ ...base, name: "Bad\u0000name" }, "This value is not valid."],
    ];
    for (const [form, says] of cases) {
      const res = await v.post(`/enrol/${baltic}`, form);
      expect(res.status, JSON.stringify(form).slice(0, 80)).toBe(400);
      const body = await res.text();
      expect(body.toLowerCase()).toContain(says.toLowerCase());
      if (form.email === "not-an-email") expect(body).toContain('value="not-an-email"');
    }
    expect(await db.select().from(enrolmentRequests).where(eq(enrolmentRequests.organisationId, baltic))).toHaveLength(0);
  });

  it("keeps one pending request per email and per phone in the database, and throttles an address", async () => {
    const baltic = await orgId("Baltic Tools Distribution");
    const [outlet] = await db.select().from(outlets).where(eq(outlets.organisationId, baltic));
    const v = anonymous();
    const email = `${unique("Jonas")}@Example.com`;
    const form = { name: "Jonas Request", email, phone: "", role: "technician", outletId: outlet.id };
    const sent = await v.post(`/enrol/${baltic}`, form);
    expect(sent.status).toBe(200);
    expect(textOf(await sent.text())).toContain("Your request to join Baltic Tools Distribution was sent");
    const [row] = await db.select().from(enrolmentRequests).where(eq(enrolmentRequests.email, email.toLowerCase()));
    expect(row).toMatchObject({ status: "pending", role: "technician", outletId: outlet.id });
    // The executive hears of it in the app.
    expect(textOf(await (await as.ona.get("/inbox")).text())).toContain("Jonas Request asks to join your company");

    const again = await v.post(`/enrol/${baltic}`, { ...form, email: email.toUpperCase() });
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain("A request with this contact is already waiting for a decision.");
    // The rule is the database's, not only the page's: a second pending row cannot be written.
    await expect(
      db.insert(enrolmentRequests).values({ organisationId: baltic, name: "Twin", email: email.toUpperCase(), role: "salesperson" }),
    ).rejects.toMatchObject({ cause: { code: "23505" } });
    const phone = "+37061234567";
    await db.insert(enrolmentRequests).values({ organisationId: baltic, name: "Phone one", phone, role: "salesperson" });
    await expect(
      db.insert(enrolmentRequests).values({ organisationId: baltic, name: "Phone two", phone, role: "salesperson" }),
    ).rejects.toMatchObject({
      cause: { code: "23505" },
    });

    // 20 requests an hour from one address: the 21st waits (the two above counted).
    let status = 0;
    for (let i = 0; i < 20 && status !== 429; i++) {
      const res = await v.post(`/enrol/${baltic}`, { ...form, email: `${unique("burst")}@example.com` });
      status = res.status;
      if (status === 429) expect(textOf(await res.text())).toContain("Too many requests");
    }
    expect(status).toBe(429);
  });

  it("the executive approves: the person exists as invited and is emailed a link; a second approval is a 409; another partner gets 404", async () => {
    const baltic = await orgId("Baltic Tools Distribution");
    const email = `${unique("approve")}@example.com`;
    const { request } = await requestToJoin(
      db,
      baltic,
      { name: "Aldona Approved", email, role: "salesperson", outletId: null },
      { ip: "198.51.100.7", locale: "lt" },
    );
    expect(textOf(await (await as.ona.get("/team/requests")).text())).toContain("Aldona Approved");
    const outsider = await freshPerson({ org: "Northfield Building Supplies", role: "executive", tag: "outsider" });
    const outsiderVisitor = await portal.signedIn(outsider.email);
    expect((await outsiderVisitor.post("/team/requests", { intent: "approve", requestId: request.id })).status).toBe(404);
    expect((await as.ona.post("/team/requests", { intent: "approve", requestId: "junk" })).status).toBe(400);

    const res = await as.ona.post("/team/requests", { intent: "approve", requestId: request.id });
    expect(res.status).toBe(200);
    const [person] = await db.select().from(users).where(eq(users.email, email));
    expect(person).toMatchObject({ status: "invited", role: "salesperson", organisationId: baltic, locale: "lt" });
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, email), eq(emailOutbox.template, "enrolment_decided")));
    expect(mail.locale).toBe("lt");
    expect(mail.props).toMatchObject({ decision: "approved", organisationName: "Baltic Tools Distribution" });
    const again = await as.ona.post("/team/requests", { intent: "approve", requestId: request.id });
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain("This request was already decided.");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "enrolment.approved"), eq(auditLog.entityId, request.id)));
    expect(audit.details).toMatchObject({ userId: person.id, role: "salesperson" });
  });

  it("a decline is told by email with the note, and a phone-only person hears by text message", async () => {
    const baltic = await orgId("Baltic Tools Distribution");
    const email = `${unique("decline")}@example.com`;
    const { request } = await requestToJoin(
      db,
      baltic,
      { name: "Dovydas Declined", email, role: "manager", outletId: null },
      { ip: "198.51.100.8", locale: "ru" },
    );
    expect((await as.ona.post("/team/requests", { intent: "decline", requestId: request.id, note: "Not our employee" })).status).toBe(200);
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
    expect(mail).toMatchObject({ template: "enrolment_decided", locale: "ru" });
    expect(mail.props).toMatchObject({ decision: "declined", note: "Not our employee" });
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);

    const phone = "+37061112233";
    const { request: byPhone } = await requestToJoin(
      db,
      baltic,
      { name: "Petras Phone", phone, role: "salesperson", outletId: null },
      { ip: "198.51.100.9", locale: "lt" },
    );
    await approveRequest(db, await actorFor("ona@baltictools.example"), byPhone.id);
    const [text] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, phone));
    expect(text).toMatchObject({ channel: "sms", template: "notice", locale: "lt" });
    expect(JSON.stringify(text.props)).toContain("/login/code?phone=%2B37061112233");
    const [person] = await db.select().from(users).where(eq(users.phone, phone));
    expect(person.status).toBe("invited");
  });
});

describe("participation terms", () => {
  it("a partner that has not accepted cannot send claims; the executive accepts and opts roles in, audited", async () => {
    const name = `Terms Test ${randomUUID().slice(0, 6)}`;
    const [org] = await db.insert(organisations).values({ name, kind: "dealer", region: "Baltics", tier: "silver" }).returning();
    const exec = await freshPerson({ org: name, role: "executive", tag: "terms-exec" });
    const seller = await freshPerson({ org: name, role: "salesperson", tag: "terms-seller" });
    const execV = await portal.signedIn(exec.email);
    const sellerV = await portal.signedIn(seller.email);
    const claim = () =>
      sellerV.post("/claims/new", claimForm({ invoice: unique("T"), date: isoDate(new Date()), lines: [{ sku: "VT-BIT32", qty: 1 }] }));

    const refused = await claim();
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain("has not accepted the programme's participation terms yet");
    expect(textOf(await (await execV.get("/team/terms")).text())).toContain("Not accepted yet");

    // Junk never changes anything.
    const junk: Array<Record<string, string>> = [
      {},
      { version: "abc", roles: "salesperson", agree: "on" },
      { version: "1", roles: "admin", agree: "on" },
      { version: "1", roles: "salesperson" },
      { version: "1", agree: "on" },
    ];
    for (const form of junk) expect((await execV.post("/team/terms", form)).status).toBe(400);
    expect((await execV.post("/team/terms", { version: "99", roles: "salesperson", agree: "on" })).status).toBe(409);
    expect((await as.ona.post("/team/terms", { version: "1", roles: "salesperson" })).status).toBe(400);

    expect((await execV.post("/team/terms", { version: "1", roles: ["manager", "technician"], agree: "on" })).status).toBe(200);
    const notMyRole = await claim();
    expect(notMyRole.status).toBe(409);
    expect(textOf(await notMyRole.text())).toContain("has not opted your role into the programme");

    expect((await execV.post("/team/terms", { version: "1", roles: ["salesperson", "technician"], agree: "on" })).status).toBe(200);
    expect((await claim()).status).toBe(302);
    const [row] = await db.select().from(partnerParticipation).where(eq(partnerParticipation.organisationId, org.id));
    expect(row).toMatchObject({ termsVersion: 1, acceptedBy: exec.id, roles: ["salesperson", "technician"] });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "participation.terms_accepted"), eq(auditLog.organisationId, org.id)));
    expect(audits).toHaveLength(2);
    expect(textOf(await (await execV.get("/team/terms")).text())).toContain("Version 1 accepted");
  });
});

describe("referral bonus", () => {
  it("is credited to the referrer once while the invitee's first claims are approved at the same time, and reversed with the claim", async () => {
    expect((await as.admin.post("/admin/enrolment", { intent: "bonus", points: "-1" })).status).toBe(400);
    expect((await as.admin.post("/admin/enrolment", { intent: "bonus", points: "200" })).status).toBe(200);
    const referrer = await freshPerson({ org: "Northfield Building Supplies", tag: "referrer" });
    const referrerV = await portal.signedIn(referrer.email);
    const inviteeEmail = `${unique("invitee")}@example.com`;
    expect((await referrerV.post("/referrals", { name: "Ieva Invited", email: "", phone: "" })).status).toBe(400);
    expect((await referrerV.post("/referrals", { name: "Ieva Invited", email: "ona@baltictools.example" })).status).toBe(400);
    const sent = await referrerV.post("/referrals", { name: "Ieva Invited", email: inviteeEmail, phone: "" });
    expect(sent.status).toBe(200);
    const [invitation] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, inviteeEmail));
    expect(invitation.template).toBe("referral_invitation");
    const twice = await (await portal.signedIn("marta@baltictools.example")).post("/referrals", { name: "Ieva", email: inviteeEmail });
    expect(twice.status).toBe(400);
    expect(textOf(await twice.text())).toContain("Someone has already invited this person.");

    // The invitee asks to join Baltic Tools, is approved (the referral links to them) and sets a password.
    const baltic = await orgId("Baltic Tools Distribution");
    const { request } = await requestToJoin(
      db,
      baltic,
      { name: "Ieva Invited", email: inviteeEmail, role: "salesperson", outletId: null },
      { ip: "198.51.100.10", locale: "en" },
    );
    const { user } = await approveRequest(db, await actorFor("ona@baltictools.example"), request.id);
    const [referral] = await db.select().from(referrals).where(eq(referrals.inviteeId, user.id));
    expect(referral.referrerId).toBe(referrer.id);
    await db
      .update(users)
      .set({ status: "active", passwordHash: await hashPassword(DEMO_PASSWORD) })
      .where(eq(users.id, user.id));
    expect(textOf(await (await referrerV.get("/referrals")).text())).toContain("Joined");

    const invitee = await portal.signedIn(inviteeEmail);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        await submitNew(invitee, claimForm({ invoice: unique("REF"), date: isoDate(new Date()), lines: [{ sku: "VT-BIT32", qty: 1 }] })),
      );
    const before = await getBalance(db, referrer.id);
    const chris = await actorFor("chris@volta.example");
    // Three claims and a second click on the first, all at once.
    const results = await Promise.allSettled([...ids, ids[0]].map((id) => approveClaim(db, chris, id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await getBalance(db, referrer.id)).toBe(before + 200);
    const awards = await db
      .select()
      .from(bonusAwards)
      .where(eq(bonusAwards.key, referralKey(referral.id)));
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ userId: referrer.id, points: 200, reversedAt: null });
    const credits = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, referrer.id), eq(ledgerEntries.sourceType, "bonus"), eq(ledgerEntries.kind, "earn")));
    expect(credits).toHaveLength(1);
    // The database holds the line too: a second live award for the referral cannot be written.
    await expect(
      db
        .insert(bonusAwards)
        .values({ key: referralKey(referral.id), userId: referrer.id, organisationId: referrer.organisationId, points: 200 }),
    ).rejects.toMatchObject({ cause: { code: "23505" } });
    const page = textOf(await (await referrerV.get("/referrals")).text());
    expect(page).toContain("Bonus earned");
    expect(page).toContain("+200 points");
    expect(textOf(await (await referrerV.get("/points")).text())).toContain("Referral bonus: Ieva Invited's first approved claim");

    // The claim that earned it is reversed: the referrer's bonus goes back with it, the invitee's other claims stand.
    const inviteeBefore = await getBalance(db, user.id);
    const earnedBy = awards[0].claimId!;
    const reversed = await reverseClaim(db, chris, earnedBy, "Invoice was cancelled");
    expect(await getBalance(db, referrer.id)).toBe(before);
    const [after] = await db.select().from(bonusAwards).where(eq(bonusAwards.id, awards[0].id));
    expect(after.reversedAt).not.toBeNull();
    const [taken] = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, referrer.id), eq(ledgerEntries.kind, "reverse"), eq(ledgerEntries.sourceId, awards[0].id)));
    expect(taken.amount).toBe(-200);
    // The invitee lost only that claim's own points, nothing of the referrer's bonus.
    expect(await getBalance(db, user.id)).toBe(inviteeBefore - (reversed.taken - 200));
    expect(textOf(await (await referrerV.get("/referrals")).text())).toContain("Bonus reversed");
    const live = await db
      .select()
      .from(bonusAwards)
      .where(and(eq(bonusAwards.key, referralKey(referral.id)), isNull(bonusAwards.reversedAt)));
    expect(live).toHaveLength(0);
  });
});
