import type { Db, Queryable } from "@db/client";
import { type TextItem, saveUnitTranslations, textItems, unitTranslations } from "~/domain/content/units.server";
import type { Actor } from "~/lib/actor";
import { notFoundError } from "~/lib/errors";
import { getCourseForEditing } from "./course-authoring.server";

type Editing = NonNullable<Awaited<ReturnType<typeof getCourseForEditing>>>;

/**
 * A course is translated as one unit (issue 18): its title and description, each lesson's title
 * and text, each quiz question's prompt and answer options (field "option.<id>"), on one form per
 * language, so a trainer sees at a glance what is still missing. Limits are the authoring forms'.
 */
export function courseTextItems(editing: Editing): TextItem[] {
  const { items, add } = textItems();
  const { course } = editing;
  add({ entity: "course", id: course.id, field: "title" }, { text: course.title, max: 160, label: "content.field.title" });
  add(
    { entity: "course", id: course.id, field: "description" },
    { text: course.description, max: 2000, long: true, label: "content.field.description" },
  );
  editing.lessons.forEach((l, i) => {
    add(
      { entity: "lesson", id: l.id, field: "title" },
      { text: l.title, max: 160, label: "content.field.lesson_title", vars: { n: i + 1 } },
    );
    add(
      { entity: "lesson", id: l.id, field: "body" },
      { text: l.body, max: 20_000, long: true, label: "content.field.lesson_body", vars: { n: i + 1 } },
    );
  });
  editing.questions.forEach((q, i) => {
    add(
      { entity: "quiz_question", id: q.id, field: "prompt" },
      { text: q.prompt, max: 500, label: "content.field.question", vars: { n: i + 1 } },
    );
    q.options.forEach((o, j) => {
      add(
        { entity: "quiz_question", id: q.id, field: `option.${o.id}` },
        { text: o.text, max: 500, label: "content.field.option", vars: { n: i + 1, m: j + 1 } },
      );
    });
  });
  return items;
}

/** The course's translatable texts with every language's translation, for the editor; null when there is no such course. */
export async function courseTranslations(db: Queryable, courseId: string) {
  const editing = await getCourseForEditing(db, courseId);
  return editing ? unitTranslations(db, courseTextItems(editing)) : null;
}

/** Saves one language of the whole course from the editor's form. */
export async function saveCourseTranslations(db: Db, actor: Actor, courseId: string, formData: FormData) {
  const editing = await getCourseForEditing(db, courseId);
  if (!editing) throw notFoundError();
  return saveUnitTranslations(db, actor, courseTextItems(editing), formData);
}
