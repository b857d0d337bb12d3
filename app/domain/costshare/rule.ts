import { DAY_MS } from "~/lib/dates";

/**
 * The cost-share rule, pure: shared by the request form's live explanation (in the browser) and
 * the server (at request, approval and claim). Shares are basis points (5000 = 50%); amounts are
 * integer minor units; every division rounds down, so the programme never pays a fraction more.
 */

export type ShareRule = { kind: "table"; table: number[] } | { kind: "formula"; baseBp: number };

export type ExplainLine = { key: string; vars?: Record<string, string | number> };

export type ShareInput = {
  rule: ShareRule;
  /** What the activity costs (planned or actual), minor units. */
  costMinor: number;
  /** How many other brands the material shows. */
  otherBrands: number;
  /** Trade-show booths: split equally among the brands shown instead of the rule. */
  equalSplit?: boolean;
  /** The partner's available funds (at request) or the approved amount (at claim). */
  capMinor?: number;
  capKind?: "funds" | "approved";
};

export type ShareResult = { shareBp: number; ruleMinor: number; amountMinor: number; capped: boolean; lines: ExplainLine[] };

/** The share in basis points for `others` other brands under a rule (or an equal split). */
export function shareFor(rule: ShareRule, others: number, equalSplit = false): number {
  const n = Math.max(0, Math.floor(others));
  if (equalSplit) return Math.floor(10000 / (1 + n));
  if (rule.kind === "formula") return Math.floor(rule.baseBp / (1 + n));
  if (!rule.table.length) return 0;
  return rule.table[Math.min(n, rule.table.length - 1)];
}

/** cost × share, rounded down, without floating point (amounts can exceed 2^53 / 10,000). */
export function applyShare(costMinor: number, shareBp: number): number {
  return Number((BigInt(Math.max(0, Math.trunc(costMinor))) * BigInt(shareBp)) / 10000n);
}

/** "50%", "33.33%": a share in basis points as a percentage, for the explanation lines. */
export function percent(shareBp: number): string {
  const whole = Math.floor(shareBp / 100);
  const rest = shareBp % 100;
  return rest ? `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}%` : `${whole}%`;
}

export function reimbursement(input: ShareInput): ShareResult {
  const others = Math.max(0, Math.floor(input.otherBrands));
  const shareBp = shareFor(input.rule, others, input.equalSplit);
  const ruleMinor = applyShare(input.costMinor, shareBp);
  const lines: ExplainLine[] = [];
  if (input.equalSplit) lines.push({ key: "costshare.rule.equal_split", vars: { brands: others + 1, share: percent(shareBp) } });
  else if (input.rule.kind === "formula")
    lines.push({ key: "costshare.rule.formula", vars: { base: percent(input.rule.baseBp), others, share: percent(shareBp) } });
  else lines.push({ key: "costshare.rule.table", vars: { others, share: percent(shareBp) } });
  lines.push({ key: "costshare.rule.amount", vars: { share: percent(shareBp) } });
  let amountMinor = ruleMinor;
  let capped = false;
  if (input.capMinor !== undefined && input.capMinor < ruleMinor) {
    amountMinor = Math.max(0, input.capMinor);
    capped = true;
    lines.push({ key: input.capKind === "approved" ? "costshare.rule.capped_approved" : "costshare.rule.capped_funds" });
  }
  return { shareBp, ruleMinor, amountMinor, capped, lines };
}

/** Monday-Friday days after `from` up to and including `to` (both ISO days); 0 when `to` is not after `from`. */
export function businessDaysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (!(b > a)) return 0;
  const days = Math.round((b - a) / DAY_MS);
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  const startDow = new Date(a).getUTCDay();
  for (let i = 1; i <= days % 7; i++) {
    const dow = (startDow + i) % 7;
    if (dow !== 0 && dow !== 6) count++;
  }
  return count;
}

/** The ISO day that is `n` business days after `from`. */
export function addBusinessDays(from: string, n: number): string {
  let t = Date.parse(`${from}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    t += DAY_MS;
    const dow = new Date(t).getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return new Date(t).toISOString().slice(0, 10);
}

/** Claimed / allocated in basis points (utilisation), 0 when nothing was allocated. */
export function utilisationBp(claimed: number, allocated: number): number {
  return allocated > 0 ? Math.floor((claimed * 10000) / allocated) : 0;
}
