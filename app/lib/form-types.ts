export type ErrorMessage = { key: string; vars?: Record<string, string | number> };
export type FieldErrors = Record<string, ErrorMessage[]>;
/** What an action returns when input is refused: i18n keys per field, and what was typed (never passwords). */
export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string>; lists?: Record<string, string[]> };
