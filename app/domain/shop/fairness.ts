import { currencyDigits } from "~/lib/money";

/**
 * Fair rewards (issue 19). A reward's points price, at the programme's point value, is what it
 * costs a participant in money. Everything is integer minor units; no floats touch money.
 */
export type FairnessInput = {
  pointsPrice: number;
  /** Minor units of `currency` one point is worth (programme settings). */
  pointValueMinor: number;
  currency: string;
  /** The stated retail price, or null when none was stated. */
  retailPriceMinor: number | null;
  retailCurrency: string | null;
  /** Warn when the cost is more than this many percent above the retail price. */
  marginPercent: number;
};

export type Fairness = {
  /** What the points are worth: pointsPrice x point value, exact, in minor units of `currency`. */
  costMinor: number;
  /** The cost rounded half up to whole currency units, for "worth about EUR 45". */
  worthAboutMinor: number;
  currency: string;
  /** How many percent the cost is above (positive) or below (negative) retail, rounded half away from zero; null without a comparable retail price. */
  overRetailPercent: number | null;
  /** True when the cost exceeds retail by more than the margin (compared exactly, in integers). */
  warn: boolean;
};

/** Rounds minor units half up to whole currency units (cents to euros; yen stay as they are). */
export function roundToWholeUnits(minor: number, currency: string): number {
  const unit = 10 ** currencyDigits(currency);
  return Math.floor((minor + Math.floor(unit / 2)) / unit) * unit;
}

/** What `pointsPrice` points are worth, rounded half up to whole units; the exact amount below half a unit. */
export function worthAbout(pointsPrice: number, pointValueMinor: number, currency: string): number {
  const costMinor = pointsPrice * pointValueMinor;
  const rounded = roundToWholeUnits(costMinor, currency);
  // Below half a unit, "worth about EUR 0" would mislead: show the exact amount instead.
  return rounded > 0 ? rounded : costMinor;
}

export function fairness(input: FairnessInput): Fairness {
  const costMinor = input.pointsPrice * input.pointValueMinor;
  const worthAboutMinor = worthAbout(input.pointsPrice, input.pointValueMinor, input.currency);
  const retail = input.retailPriceMinor;
  // A retail price in another currency cannot be compared without an exchange rate: no verdict.
  const comparable = retail != null && retail > 0 && input.retailCurrency === input.currency;
  if (!comparable) return { costMinor, worthAboutMinor, currency: input.currency, overRetailPercent: null, warn: false };
  const diff = costMinor - retail;
  const overRetailPercent = Math.sign(diff) * Math.floor((Math.abs(diff) * 100 + Math.floor(retail / 2)) / retail);
  // cost > retail x (1 + margin/100), multiplied out so it stays in integers.
  const warn = costMinor * 100 > retail * (100 + input.marginPercent);
  return { costMinor, worthAboutMinor, currency: input.currency, overRetailPercent, warn };
}
