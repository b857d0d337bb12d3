import type { Formatter } from "./format";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Variables stored with a notice or a ledger entry are written once, in no particular language;
 * dates among them are ISO strings. Shown to a person, those become dates in the reader's own
 * format (numbers are already localised by the translator).
 */
export function localiseVars(vars: Record<string, string | number> | null | undefined, f: Formatter): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars ?? {}))
    out[k] = typeof v === "string" && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)) ? f.date(v) : v;
  return out;
}
