import { describe, expect, it } from "vitest";
import { catalog } from "../../app/i18n/catalog";
import { createTranslator } from "../../app/i18n/translate";

describe("message catalogue", () => {
  it("has every English message in Russian too, and no Russian message left in English", () => {
    const en = Object.keys(catalog.en).sort();
    const ru = Object.keys(catalog.ru).sort();
    expect(ru).toEqual(en);
    const untranslated = en.filter((k) => {
      const a = JSON.stringify((catalog.en as Record<string, unknown>)[k]);
      // Placeholders such as {from} are not words to translate.
      return a === JSON.stringify(catalog.ru[k]) && /[a-z]{4,}/i.test(a.replace(/\{\w+\}/g, "")) && !/^"[A-Z0-9 .,:{}/()-]*"$/.test(a);
    });
    expect(untranslated).toEqual([]);
  });

  it("chooses Russian plural forms by count", () => {
    const t = createTranslator("ru");
    expect(t("email.invite.expires", { count: 1 })).toContain("1 день");
    expect(t("email.invite.expires", { count: 3 })).toContain("3 дня");
    expect(t("email.invite.expires", { count: 7 })).toContain("7 дней");
    expect(createTranslator("en")("email.invite.expires", { count: 1 })).toContain("1 day.");
  });
});
