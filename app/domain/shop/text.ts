// Reward and category names are catalogue data typed by admins, not interface strings: the
// reader's language comes from content_translations (app/domain/content/translations.server.ts).

/** "M · Blue", or "" for a reward without options. */
export function variantLabel(v: { size: string; colour: string }): string {
  return [v.size, v.colour].filter(Boolean).join(" · ");
}

/** How far a participant is from a reward: 0 when they can afford it now. */
export function pointsToGo(price: number, balance: number): number {
  return Math.max(0, price - balance);
}

/** Progress toward a reward in whole percent, for the wish list bar. */
export function progressPercent(price: number, balance: number): number {
  if (price <= 0) return 100;
  return Math.min(100, Math.floor((Math.max(0, balance) * 100) / price));
}

/** Most units of one reward a participant may order at once. */
export const MAX_QUANTITY = 10;
