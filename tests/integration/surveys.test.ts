import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { submitResponse, createSurvey } from "../../app/domain/surveys/surveys.server";
import { npsScore } from "../../app/domain/surveys/results.server";
import { getBalance } from "../../app/domain/points/ledger.server";
import { setSmsTopics } from "../../app/domain/sms/notices.server";
import { notify } from "../../app/domain/notifications/notify.server";
import { EMAIL_TOPICS } from "../../app/domain/notifications/topics";
import { addDays, isoDay } from "../../app/lib/dates";
import { getDb } from "../../db/client";
import { auditLog, emailOutbox, ledgerEntries, notifications, rewardSuggestions, surveyResponses, users } from "../../db/schema";
import { usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";
import { actorFor } from "../support/portal";

const portal = usePortal({ people: { chris: "chris@volta.example" } });
const db = await getDb();

const QUESTIONS = [
  "# The programme",
  "? [nps] How likely are you to recommend the programme? | nps",
  "? [easy] Is the claim form easy on your phone? | yes_no",
  "? [reward] Which reward would you like more of? | choice | Tools; Electronics; Travel",
  "? [trainings] How useful are the trainings? | scale",
  "? [hours] Hours a week in the shop? | number",
  "? [else] Anything else? | text",
].join("\n");

async function survey(opts: { points?: number; roles?: string[]; title?: string } = {}) {
  const cm = await actorFor("chris@volta.example");
  return createSurvey(db, cm, {
    title: opts.title ?? `Survey ${Math.random().toString(36).slice(2, 8)}`,
    intro: "",
    questionnaire: QUESTIONS,
    opensOn: isoDay(new Date()),
    closesOn: isoDay(addDays(new Date(), 7)),
    points: opts.points ?? 0,
    roles: (opts.roles ?? []) as Array<"salesperson">,
    tiers: [],
  });
}

const goodAnswers = {
  "a.nps": "9",
  "a.easy": "yes",
  "a.reward": "o2",
  "a.trainings": "4",
  "a.hours": "38",
  "a.else": "More drills, please",
};

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

describe("surveys that pay", () => {
  it("credits the points once when the same person sends 20 answers at the same moment", async () => {
    const id = await survey({ points: 50 });
    const person = await freshPerson({ tag: "survey-race" });
    const visitor = await portal.signedIn(person.email);
    const before = await getBalance(db, person.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => visitor.post(`/surveys/${id}`, goodAnswers)));
    const statuses = results.map((r) => r.status).sort();
    // One answer is taken (a redirect to the thank-you page); every other one is refused with 409, never a 500.
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await getBalance(db, person.id)).toBe(before + 50);
    const entries = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, person.id), eq(ledgerEntries.sourceType, "survey"), eq(ledgerEntries.sourceId, id)));
    expect(entries).toHaveLength(1);
    expect(await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id))).toHaveLength(1);
    // The page now thanks them with the points, and a second answer is refused with a message.
    const page = await (await visitor.get(`/surveys/${id}`)).text();
    expect(page).toContain("50 points were added to your balance");
    const again = await visitor.post(`/surveys/${id}`, goodAnswers);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("50 points were added to your balance");
    expect(await getBalance(db, person.id)).toBe(before + 50);
  });

  it("credits once under racing domain calls too: the database decides, not the page", async () => {
    const id = await survey({ points: 7 });
    const person = await freshPerson({ tag: "survey-race-domain" });
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => submitResponse(db, person, id, form(goodAnswers))));
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    expect(await getBalance(db, person.id)).toBeGreaterThanOrEqual(7);
    expect(
      await db
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.userId, person.id), eq(ledgerEntries.sourceType, "survey"), eq(ledgerEntries.sourceId, id))),
    ).toHaveLength(1);
  });

  it("answers junk with 4xx and the message next to the question, never a 500, and keeps what was typed", async () => {
    const id = await survey({ points: 10 });
    const person = await freshPerson({ tag: "survey-junk" });
    const visitor = await portal.signedIn(person.email);
    // Signing in may credit a welcome bonus: count from here.
    const before = await getBalance(db, person.id);
    const junk: Array<Record<string, string>> = [
      {},
      { ...goodAnswers, "a.nps": "11" },
      { ...goodAnswers, "a.nps": "-1" },
      { ...goodAnswers, "a.easy": "maybe" },
      { ...goodAnswers, "a.reward": "o99" },
      { ...goodAnswers, "a.reward": "__proto__" },
      { ...goodAnswers, "a.trainings": "3.5" },
      { ...goodAnswers, "a.hours": "twelve" },
      { ...goodAnswers, "a.hours": "1e400" },
      { ...goodAnswers, "a.else": "x".repeat(2001) },
      { ...goodAnswers, "a.else": "null\u0000byte" },
      { ...goodAnswers, "a.nps": "" },
    ];
    for (const values of junk) {
      const res = await visitor.post(`/surveys/${id}`, values);
      expect(res.status, JSON.stringify(values).slice(0, 80)).toBe(400);
    }
    const res = await visitor.post(`/surveys/${id}`, { ...goodAnswers, "a.nps": "11" });
    const html = await res.text();
    expect(html).toContain("Choose one of the answers.");
    expect(html).toContain("More drills, please");
    // A JSON body, an unknown survey, another id shape: refused, nothing stored, no points.
    const json = await fetch(`${portal.url}/surveys/${id}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: portal.url,
        cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
      body: '{"a.nps": 9}',
    });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
    expect((await visitor.post("/surveys/00000000-0000-4000-8000-000000000000", goodAnswers)).status).toBe(404);
    expect((await visitor.post(`/surveys/${"-".repeat(36)}`, goodAnswers)).status).toBe(404);
    expect(await getBalance(db, person.id)).toBe(before);
    // The text may stay empty; everything else answered: accepted.
    expect((await visitor.post(`/surveys/${id}`, { ...goodAnswers, "a.else": "" })).status).toBe(302);
    expect(await getBalance(db, person.id)).toBe(before + 10);
  });

  it("reaches only its audience: a survey for salespeople is not found for a technician, and notifies the salespeople", async () => {
    const id = await survey({ roles: ["salesperson"], title: "Salespeople only" });
    const tech = await freshPerson({ role: "technician", tag: "survey-tech" });
    const techVisitor = await portal.signedIn(tech.email);
    expect((await techVisitor.get(`/surveys/${id}`)).status).toBe(404);
    expect((await techVisitor.post(`/surveys/${id}`, goodAnswers)).status).toBe(404);
    expect(await (await techVisitor.get("/surveys")).text()).not.toContain("Salespeople only");
    // Marta (a seeded salesperson) was told in her inbox when it was published.
    const [marta] = await db.select({ id: users.id }).from(users).where(eq(users.email, "marta@baltictools.example"));
    const notices = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, marta.id), eq(notifications.link, `/surveys/${id}`)));
    expect(notices).toHaveLength(1);
    const martaVisitor = await portal.signedIn("marta@baltictools.example");
    expect(await (await martaVisitor.get("/surveys")).text()).toContain("Salespeople only");
  });

  it("shows the channel team results with counts, NPS and a chart, and the CSV with every answer by partner", async () => {
    const id = await survey({ title: "Results survey" });
    for (const nps of ["10", "9", "3"]) {
      const p = await freshPerson({ tag: "survey-results" });
      await submitResponse(db, p, id, form({ ...goodAnswers, "a.nps": nps, "a.else": `Idea ${nps}` }));
    }
    const res = await portal.as.chris.get(`/surveys/${id}/results`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Net Promoter Score");
    expect(html).toMatch(/data-testid="survey-nps"[^>]*>33</);
    expect(html).toContain("<svg");
    expect(html).toContain("Idea 10");
    expect(html).toContain("Northfield Building Supplies");
    const csv = await portal.as.chris.get(`/surveys/${id}/results.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(4);
    expect(text).toContain("Electronics");
    expect(npsScore([10, 9, 3])).toMatchObject({ score: 33, promoters: 2, detractors: 1 });
  });

  it("refuses a survey whose questions do not parse, with the line, and keeps the text", async () => {
    const res = await portal.as.chris.post("/surveys/new", {
      title: "Broken",
      questionnaire: "? Fine | yes_no\n? Colour? | colour",
      opensOn: isoDay(new Date()),
      closesOn: isoDay(addDays(new Date(), 3)),
      points: "5",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Line 2: the type must be one of");
    expect(html).toContain("Colour?");
    const bad = await portal.as.chris.post("/surveys/new", {
      title: "x",
      questionnaire: "? A | nps",
      opensOn: "2026-13-01",
      closesOn: "x",
      points: "-4",
    });
    expect(bad.status).toBe(400);
  });
});

describe("suggest a reward", () => {
  it("reaches the channel manager's list and inbox; marking it added tells the participant, once", async () => {
    const person = await freshPerson({ tag: "suggest" });
    const visitor = await portal.signedIn(person.email);
    const res = await visitor.post("/rewards/suggest", {
      name: "Cordless heat gun",
      link: "https://example.com/heat-gun",
      reason: "We use them daily",
    });
    expect(res.status).toBe(200);
    expect((await visitor.post("/rewards/suggest", { name: "X", link: "javascript:alert(1)", reason: "r" })).status).toBe(400);
    const [row] = await db.select().from(rewardSuggestions).where(eq(rewardSuggestions.userId, person.id));
    const [chris] = await db.select({ id: users.id }).from(users).where(eq(users.email, "chris@volta.example"));
    const inbox = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, chris.id), eq(notifications.titleKey, "surveys.suggestion.notice")));
    expect(inbox.some((n) => (n.vars as Record<string, string>).name === "Cordless heat gun")).toBe(true);
    expect(await (await portal.as.chris.get("/rewards/suggestions")).text()).toContain("Cordless heat gun");
    const decided = await Promise.all([
      portal.as.chris.post("/rewards/suggestions", { intent: "added", id: row.id }),
      portal.as.chris.post("/rewards/suggestions", { intent: "declined", id: row.id }),
    ]);
    expect(decided.map((r) => r.status).sort()).toEqual([200, 409]);
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, person.id), sql`${notifications.titleKey} like 'surveys.suggestion.%'`));
    expect(told).toHaveLength(1);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, row.id));
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.action)).toContain("reward.suggest");
  });
});

describe("notification channels per topic", () => {
  it("sends a topic by SMS only when the person chose it and has a phone; the page saves the choice", async () => {
    const person = await freshPerson({ tag: "channels" });
    await db.update(users).set({ phone: "+639171234567" }).where(eq(users.id, person.id));
    const visitor = await portal.signedIn(person.email);
    const page = await (await visitor.get("/me")).text();
    expect(page).toContain("Text message");
    const modes = Object.fromEntries(EMAIL_TOPICS.map((t) => [`mode_${t}`, "instant"]));
    const saved = await visitor.post("/me", { intent: "preferences", ...modes, sms_surveys: "on", mode_surveys: "off" });
    expect(saved.status).toBe(200);
    await db.transaction((tx) =>
      notify(tx, { userId: person.id, topic: "surveys", titleKey: "surveys.notice.title", vars: { title: "T" }, link: "/surveys" }),
    );
    const queued = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, person.id));
    expect(queued.map((q) => q.channel)).toEqual(["sms"]);
    // Choosing no SMS stops them.
    await setSmsTopics(db, person.id, []);
    await db.transaction((tx) =>
      notify(tx, { userId: person.id, topic: "surveys", titleKey: "surveys.notice.title", vars: { title: "T" } }),
    );
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.userId, person.id))).toHaveLength(1);
  });
});
