import type { Actor } from "~/lib/actor";
import { isManufacturer } from "~/lib/actor";
import { isId } from "~/lib/ids";
import { minorToMajor } from "~/lib/money";
import { PROGRAMME_ROW_FIGURES } from "./programme-rows.server";
import { ROW_FIGURES, type RowsFigure } from "./rows.server";
import type { ReportScope, ValueFormat, Cell } from "./types";

/** Every drill-down: the partner's, the channel team's (cost-share and mystery shopping add theirs here). */
const FIGURES: Record<string, RowsFigure> = { ...ROW_FIGURES, ...PROGRAMME_ROW_FIGURES };

/** The figure a person may open, or null (unknown, or the channel team's for a partner). */
export function figureFor(actor: Actor, name: string | undefined): RowsFigure | null {
  if (!name || !Object.hasOwn(FIGURES, name)) return null;
  const figure = FIGURES[name];
  if (figure.programmeOnly && !isManufacturer(actor)) return null;
  return figure;
}

/** A figure by name, for a CSV export's worker thread (the route has already checked who may open it). */
export function figureNamed(name: string): RowsFigure | null {
  return Object.hasOwn(FIGURES, name) ? FIGURES[name] : null;
}

/**
 * The scope of a drill-down or export: a partner's own organisation always; for the channel
 * team the whole programme, or one partner named by `org` (null for an `org` that is no id).
 */
export function scopeFor(actor: Actor, org: string | null): ReportScope | null {
  if (!isManufacturer(actor)) return { organisationId: actor.organisationId };
  if (org === null || org === "") return { organisationId: null };
  return isId(org) ? { organisationId: org } : null;
}

/**
 * A value as a CSV cell: numbers stay plain numbers (tenths become decimals), money in the
 * currency's units as the page shows it (20000.00, not the 2000000 cents it is kept in), keys
 * are translated.
 */
export function csvCell(format: ValueFormat, v: Cell | undefined, t: (key: string) => string, currency?: string): string | number | null {
  if (v === null || v === undefined) return null;
  if (format === "key") return t(String(v));
  if (format === "permille" || format === "days") return Number(v) / 10;
  if (format === "money" && currency) return minorToMajor(Number(v), currency);
  return v;
}
