import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { courses, products, quizQuestions, webinars } from "../../db/schema";
import { readPo } from "../../app/domain/content/exchange.server";
import { productCategoryId } from "../../app/domain/claims/products.server";
import { createPromotion } from "../../app/domain/claims/rules.server";
import { completeLesson, getCourseFor } from "../../app/domain/training/courses.server";
import { startAttempt } from "../../app/domain/training/quizzes.server";
import { courseTranslations } from "../../app/domain/training/translations.server";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { freshPerson } from "../support/people";
import { Visitor, actorFor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal();
const db = await getDb();

async function signedIn(email: string) {
  const v = new Visitor(portal.url);
  await v.signIn(email, DEMO_PASSWORD);
  return v;
}

const html = async (v: Visitor, path: string) => {
  const res = await v.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
};

/** The seeded V18 course: title, description, lesson titles and one question translated in every language; lesson texts not. */
async function v18() {
  const [course] = await db.select().from(courses).where(eq(courses.title, "Selling the V18 cordless platform"));
  return course;
}

describe("programme content in every market's language (issue 18)", () => {
  it("a course, its lessons and its quiz read in Lithuanian, untranslated texts in the default language, and the trainer sees what is missing", async () => {
    const course = await v18();
    const trainer = await signedIn("trainer@volta.example");
    const editor = await html(trainer, `/learn/manage/courses/${course.id}?lang=lt`);
    expect(editor).toContain("Translations");
    // Lesson texts are not translated yet: every language tab carries the marker.
    expect(editor).toContain("Not yet translated");
    expect(editor).toContain("Lesson 1: text (Lietuvių)");
    expect(editor).toContain("Question 2, answer 2 (Lietuvių)");

    // The trainer translates the first lesson's text into Lithuanian on the course's one form.
    const unit = (await courseTranslations(db, course.id))!;
    const lt = unit.translations.lt ?? {};
    const lessonBody = unit.items.find((i) => i.entity === "lesson" && i.field === "body")!;
    const form: Record<string, string> = { intent: "translate", locale: "lt" };
    for (const i of unit.items) form[`t_${i.key}`] = lt[i.key] ?? "";
    form[`t_${lessonBody.key}`] = "# Kodėl klientai lieka su viena platforma\n\nDauguma meistrų perka **platformą**, o ne įrankį.";
    const saved = await trainer.post(`/learn/manage/courses/${course.id}?lang=lt`, form);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Translation saved.");

    const lina = await freshPerson({ role: "salesperson", locale: "lt", tag: "lt-course" });
    const linaV = await signedIn(lina.email);
    expect(await html(linaV, "/learn")).toContain("Akumuliatorinės V18 platformos pardavimas");
    const page = await html(linaV, `/learn/courses/${course.id}`);
    expect(page).toContain("Akumuliatorinės V18 platformos pardavimas");
    expect(page).toContain("Vienas akumuliatorius – keturiasdešimt įrankių");
    expect(page).not.toContain("Selling the V18 cordless platform");
    const lesson = await html(linaV, `/learn/courses/${course.id}/lessons/${lessonBody.id}`);
    expect(lesson).toContain("Kodėl klientai lieka su viena platforma");
    expect(lesson).not.toContain("Why customers stay with one platform");

    // A Hindi reader: the title in Hindi, the lesson text (not translated into Hindi) in English.
    const asha = await freshPerson({ role: "salesperson", locale: "hi", tag: "hi-course" });
    const ashaV = await signedIn(asha.email);
    const hindi = await html(ashaV, `/learn/courses/${course.id}/lessons/${lessonBody.id}`);
    expect(hindi).toContain("एक बैटरी, चालीस टूल");
    expect(hindi).toContain("Why customers stay with one platform");

    // The quiz: the translated question and its options in Lithuanian, the others in English.
    const detail = (await getCourseFor(db, lina, course.id))!;
    for (const l of detail.lessons) await completeLesson(db, lina, course.id, l.id);
    await startAttempt(db, lina, course.id);
    const quiz = await html(linaV, `/learn/courses/${course.id}/quiz`);
    expect(quiz).toContain("Ką naudotojui duoda didesnė Ah talpa?");
    expect(quiz).toContain("Ilgesnį veikimo laiką");
    expect(quiz).toContain("Which packs suit a circular saw used all day?");
    const [question] = await db.select().from(quizQuestions).where(eq(quizQuestions.prompt, "What does a larger Ah rating give the user?"));
    expect(question.options.map((o) => o.text)).toContain("Longer runtime");
  });

  it("a webinar is translated on its language tabs; a Russian reader sees Russian, an untranslated language falls back", async () => {
    const [webinar] = await db.select().from(webinars).where(eq(webinars.title, "Brushless motor diagnostics: live Q&A"));
    const trainer = await signedIn("trainer@volta.example");
    const before = await html(trainer, `/learn/manage/webinars/${webinar.id}?lang=ru`);
    expect(before).toContain("Not yet translated");
    expect(before).toContain("Title (Русский)");
    const saved = await trainer.post(`/learn/manage/webinars/${webinar.id}?lang=ru`, {
      intent: "translate",
      locale: "ru",
      t_title: "Диагностика бесщёточных двигателей: вопросы и ответы",
      t_description: "Разбираем коды ошибок и гарантийные решения в прямом эфире.",
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Translation saved.");
    const tooLong = await trainer.post(`/learn/manage/webinars/${webinar.id}`, {
      intent: "translate",
      locale: "ru",
      t_title: "x".repeat(161),
    });
    expect(tooLong.status).toBe(400);

    const ivan = await freshPerson({ role: "technician", locale: "ru", tag: "ru-webinar" });
    const ivanV = await signedIn(ivan.email);
    expect(await html(ivanV, "/learn/webinars")).toContain("Диагностика бесщёточных двигателей: вопросы и ответы");
    const page = await html(ivanV, `/learn/webinars/${webinar.id}`);
    expect(page).toContain("Разбираем коды ошибок");
    const fil = await freshPerson({ role: "technician", locale: "fil", tag: "fil-webinar" });
    expect(await html(await signedIn(fil.email), `/learn/webinars/${webinar.id}`)).toContain("Brushless motor diagnostics: live Q&amp;A");
  });

  it("products, their categories and promotions read in the claimant's language; the catalogue team sees what is missing", async () => {
    const [drill] = await db.select().from(products).where(eq(products.sku, "VT-DR18"));
    const [laser] = await db.select().from(products).where(eq(products.sku, "VT-LL360"));
    const lt = await freshPerson({ role: "salesperson", locale: "lt", tag: "lt-claim" });
    const ltV = await signedIn(lt.email);
    const form = await html(ltV, "/claims/new");
    expect(form).toContain("Volta DR18 akumuliatorinis gręžtuvas");
    expect(form).toContain("Gręžtuvai");
    // Not translated: the line laser keeps its default name.
    expect(form).toContain(laser.name);

    const admin = await signedIn("admin@volta.example");
    const editing = await html(admin, `/claims/products?edit=${laser.id}&lang=lt`);
    expect(editing).toContain("Not yet translated");
    expect(editing).toContain("Category (Lietuvių)");
    const saved = await admin.post(`/claims/products?edit=${laser.id}&lang=lt`, {
      intent: "translate",
      locale: "lt",
      [`t_product/${laser.id}/name`]: "Volta LL360 linijinis lazeris",
      [`t_product_category/${productCategoryId(laser.category)}/name`]: "Matavimo prietaisai",
    });
    expect(saved.status).toBe(200);
    const again = await html(ltV, "/claims/new");
    expect(again).toContain("Volta LL360 linijinis lazeris");
    expect(again).toContain("Matavimo prietaisai");

    // A promotion on one product: named in Lithuanian on the claimant's home once translated.
    const chris = await actorFor("chris@volta.example");
    const today = new Date().toISOString().slice(0, 10);
    const promo = await createPromotion(db, chris, {
      name: "Laser week bonus",
      startsOn: today,
      endsOn: today,
      scope: "products",
      productIds: [laser.id],
      percent: 1000,
    } as never);
    const rules = await html(admin, `/claims/rules?translate=${promo.id}&lang=lt`);
    expect(rules).toContain("Not yet translated");
    const named = await admin.post(`/claims/rules?translate=${promo.id}&lang=lt`, {
      intent: "translate",
      locale: "lt",
      [`t_promotion/${promo.id}/name`]: "Lazerių savaitės premija",
    });
    expect(named.status).toBe(200);
    expect(await html(ltV, "/home")).toContain("Lazerių savaitės premija");
    const en = await freshPerson({ role: "salesperson", tag: "en-claim" });
    expect(await html(await signedIn(en.email), "/home")).toContain("Laser week bonus");
    // A salesperson cannot translate the catalogue.
    expect((await ltV.post(`/claims/products?edit=${laser.id}`, { intent: "translate", locale: "lt" })).status).toBe(403);
    expect(drill).toBeTruthy();
  });

  it("the PO export carries courses, lessons, quiz options, webinars, products, categories and promotions, and an import reaches readers", async () => {
    const course = await v18();
    const admin = await signedIn("admin@volta.example");
    const po = await (await admin.get("/admin/translations.po?kind=content&locale=fil")).text();
    const entries = readPo(po);
    const contexts = [...entries.keys()];
    for (const kind of ["course/", "lesson/", "quiz_question/", "webinar/", "product/", "product_category/"])
      expect(
        contexts.some((c) => c.startsWith(kind)),
        kind,
      ).toBe(true);
    expect(contexts.some((c) => /^quiz_question\/[^/]+\/option\./.test(c))).toBe(true);
    expect(entries.get(`course/${course.id}/title`)).toBe("Pagbebenta ng V18 cordless platform");

    // The translator fills in the third lesson's title in Filipino; the import reports it, a reader sees it.
    const unit = (await courseTranslations(db, course.id))!;
    const third = unit.items.filter((i) => i.entity === "lesson" && i.field === "body")[2];
    const context = `lesson/${third.id}/body`;
    expect(entries.get(context)).toBe("");
    const file = `msgctxt "${context}"\nmsgid ${JSON.stringify(third.text)}\nmsgstr "Tatlong taon, kung irerehistro nila."\n`;
    const form = new FormData();
    form.set("kind", "content");
    form.set("locale", "fil");
    form.set("file", new File([file], "fil.po", { type: "text/x-gettext-translation" }));
    const report = await (await admin.post("/admin/translations", form)).text();
    expect(report).toContain(context);
    const maria = await freshPerson({ role: "salesperson", locale: "fil", tag: "fil-po" });
    expect(await html(await signedIn(maria.email), `/learn/courses/${course.id}/lessons/${third.id}`)).toContain(
      "Tatlong taon, kung irerehistro nila.",
    );
  });
});
