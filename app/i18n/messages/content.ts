import { defineMessages } from "../define";

/** Translatable programme content: the editor's language tabs (app/components/translations.tsx). */
export default defineMessages({
  en: {
    "content.translations": "Translations",
    "content.languages": "Languages",
    "content.not_translated": "Not yet translated",
    "content.translated": "Translated",
    "content.default_text": "{language}: {text}",
    "content.hint":
      "People read their own language where it is translated, and {language} where not. Clear a field to remove its translation.",
    "content.save": "Save translation",
    "content.saved": "Translation saved.",
    "content.field.name": "Name",
    "content.field.description": "Description",
    "content.field.rules": "Rules",
    "content.field.title": "Title",
  },
  ru: {
    "content.translations": "Переводы",
    "content.languages": "Языки",
    "content.not_translated": "Ещё не переведено",
    "content.translated": "Переведено",
    "content.default_text": "{language}: {text}",
    "content.hint": "Люди читают свой язык, если перевод есть, а если нет — {language}. Очистите поле, чтобы удалить его перевод.",
    "content.save": "Сохранить перевод",
    "content.saved": "Перевод сохранён.",
    "content.field.name": "Название",
    "content.field.description": "Описание",
    "content.field.rules": "Правила",
    "content.field.title": "Заголовок",
  },
});
