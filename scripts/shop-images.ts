/**
 * Draws the demo shop's pictures: category tiles (public/images/shop/categories/*.svg) and each reward as a
 * product shot on a studio sweep (public/images/shop/rewards/*.svg).
 * They are small hand-made vector drawings, generated so that the repository ships its own
 * freely usable images. Run `npx tsx scripts/shop-images.ts` after adding a demo reward.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_REWARDS } from "./seed/shop-catalogue";

// Line drawings on a 64 × 64 grid, stroked in white over the category colour.
const ART: Record<string, string> = {
  fish: '<path d="M10 32c8-10 22-12 32-4l10-8v24l-10-8c-10 8-24 6-32-4Z"/><circle cx="22" cy="30" r="2" fill="#fff"/>',
  rod: '<path d="M12 54 50 12"/><path d="M50 12v22"/><path d="M50 34c0 4-4 4-4 8"/><circle cx="20" cy="46" r="4"/>',
  box: '<rect x="12" y="24" width="40" height="26" rx="3"/><path d="M12 34h40M26 24v-6h12v6"/><path d="M22 42h4M38 42h4"/>',
  jacket: '<path d="M22 12h20l10 10-6 6v24H18V28l-6-6Z"/><path d="M32 14v38M26 12l6 8 6-8"/>',
  leaf: '<path d="M14 50C14 26 30 14 52 12c-2 22-14 38-38 38Z"/><path d="M14 50 40 24"/>',
  trimmer:
    '<rect x="8" y="28" width="30" height="8" rx="2"/><path d="M38 26h10l8 6-8 6H38"/><path d="M12 28v-4M18 28v-4M24 28v-4M30 28v-4M12 36v4M18 36v4M24 36v4M30 36v4"/>',
  planter: '<path d="M10 34h44l-4 18H14Z"/><path d="M20 34c0-8 4-12 8-14M32 34V18M44 34c0-8-4-12-8-14"/><circle cx="32" cy="16" r="3"/>',
  seeds:
    '<path d="M18 10h28v44H18Z"/><path d="M18 20h28"/><path d="M32 48V32"/><path d="M32 36c-6 0-8-4-8-8 6 0 8 4 8 8Zm0 0c6 0 8-4 8-8-6 0-8 4-8 8Z"/>',
  plane: '<path d="M8 36 56 16 44 50 34 38 22 46v-10Z"/><path d="M34 38 56 16"/>',
  suitcase:
    '<rect x="16" y="18" width="32" height="36" rx="4"/><path d="M26 18v-6h12v6M24 26v20M40 26v20"/><circle cx="22" cy="56" r="2"/><circle cx="42" cy="56" r="2"/>',
  voucher:
    '<path d="M8 20h48v8a4 4 0 0 0 0 8v8H8v-8a4 4 0 0 0 0-8Z"/><path d="M40 20v24" stroke-dasharray="3 3"/><path d="M16 30h16M16 36h10"/>',
  pillow: '<path d="M14 22c0 16 8 26 18 26s18-10 18-26c0-5-7-5-8 0 0 10-4 16-10 16s-10-6-10-16c-1-5-8-5-8 0Z"/><path d="M22 52h20"/>',
  watch: '<rect x="20" y="20" width="24" height="24" rx="6"/><path d="M24 20l2-10h12l2 10M24 44l2 10h12l2-10"/><path d="M32 26v6l4 3"/>',
  ball: '<circle cx="32" cy="32" r="20"/><path d="m32 22 8 6-3 10H27l-3-10Z"/><path d="M32 12v10M40 28l11-4M37 38l6 10M27 38l-6 10M24 28l-11-4"/>',
  flag: '<path d="M22 54V10l22 8-22 8"/><path d="M10 54h36"/><circle cx="44" cy="48" r="3"/>',
  car: '<path d="M8 44v-10l8-4 6-10h20l8 10 6 4v10Z"/><path d="M20 30h24M32 20v10"/><circle cx="18" cy="44" r="5"/><circle cx="46" cy="44" r="5"/>',
  camera:
    '<rect x="8" y="20" width="48" height="32" rx="4"/><path d="M22 20l4-8h12l4 8"/><circle cx="32" cy="36" r="9"/><circle cx="48" cy="27" r="1.5" fill="#fff"/>',
  bottle: '<path d="M26 10h12v8l6 8v28H20V26l6-8Z"/><path d="M20 34h24v12H20"/>',
  gauge:
    '<path d="M12 44a20 20 0 1 1 40 0"/><path d="M32 44 42 28"/><circle cx="32" cy="44" r="3"/><path d="M16 34h4M22 24l3 3M32 20v4M42 24l-3 3"/>',
  pot: '<path d="M12 26h40v18a8 8 0 0 1-8 8H20a8 8 0 0 1-8-8Z"/><path d="M6 30h6M52 30h6M18 26c0-6 28-6 28 0"/><path d="M28 18h8"/>',
  knife: '<path d="M10 46 44 12c4 8 2 16-6 22L26 46"/><path d="M26 46l-6 8-6-2 4-8"/>',
  tripod: '<rect x="20" y="8" width="24" height="14" rx="3"/><path d="M32 22v8M32 30 16 56M32 30l16 26M32 30v26"/>',
  book: '<path d="M32 16c-6-4-16-4-22-2v36c6-2 16-2 22 2 6-4 16-4 22-2V14c-6-2-16-2-22 2Z"/><path d="M32 16v36"/>',
  drill: '<path d="M12 20h28l6 6v4l-6 4H28l-4 20h-8l4-20h-8Z"/><path d="M46 28h10"/><path d="M16 20v-6h12v6"/>',
  house: '<path d="M10 30 32 12l22 18"/><path d="M16 26v26h32V26"/><path d="M28 52V38h8v14"/>',
  laser:
    '<rect x="10" y="22" width="24" height="22" rx="3"/><path d="M34 33h22" stroke-dasharray="4 3"/><circle cx="22" cy="33" r="4"/><path d="M54 27v12"/>',
  apron: '<path d="M24 10h16v8l12 8-6 4v24H18V30l-6-4 12-8Z"/><path d="M24 38h16v8H24Z"/><path d="M24 18c2 3 14 3 16 0"/>',
  controller:
    '<path d="M16 22h32c6 0 10 8 10 18 0 8-6 10-10 4l-4-6H20l-4 6c-4 6-10 4-10-4 0-10 4-18 10-18Z"/><path d="M20 30v8M16 34h8"/><circle cx="44" cy="31" r="1.5" fill="#fff"/><circle cx="48" cy="36" r="1.5" fill="#fff"/>',
  headset:
    '<path d="M14 40V32a18 18 0 0 1 36 0v8"/><rect x="10" y="36" width="10" height="16" rx="3"/><rect x="44" y="36" width="10" height="16" rx="3"/><path d="M15 52c0 4 6 6 12 6"/>',
  robot:
    '<rect x="16" y="22" width="32" height="24" rx="4"/><circle cx="26" cy="32" r="3"/><circle cx="38" cy="32" r="3"/><path d="M26 40h12M32 22v-8M10 30v8M54 30v8M22 46v8M42 46v8"/><circle cx="32" cy="12" r="2"/>',
  helmet: '<path d="M10 40a22 22 0 0 1 44 0Z"/><path d="M20 40v-8M32 40V20M44 40v-8"/><path d="M54 40h4"/>',
  dice: '<rect x="10" y="22" width="22" height="22" rx="4"/><rect x="34" y="14" width="20" height="20" rx="4" transform="rotate(12 44 24)"/><circle cx="16" cy="28" r="1.5" fill="#fff"/><circle cx="21" cy="33" r="1.5" fill="#fff"/><circle cx="26" cy="38" r="1.5" fill="#fff"/><circle cx="44" cy="24" r="1.5" fill="#fff"/>',
};

const CATEGORIES: Record<string, { art: string; from: string; to: string }> = {
  fishing: { art: "fish", from: "#0e7490", to: "#0891b2" },
  gardening: { art: "leaf", from: "#15803d", to: "#22c55e" },
  travel: { art: "plane", from: "#1d4ed8", to: "#38bdf8" },
  sports: { art: "ball", from: "#b91c1c", to: "#f97316" },
  cars: { art: "car", from: "#334155", to: "#64748b" },
  cooking: { art: "pot", from: "#c2410c", to: "#f59e0b" },
  photography: { art: "camera", from: "#6d28d9", to: "#a78bfa" },
  "home-diy": { art: "house", from: "#a16207", to: "#eab308" },
  gaming: { art: "controller", from: "#7e22ce", to: "#ec4899" },
  kids: { art: "robot", from: "#0d9488", to: "#facc15" },
};

function svg(art: string, from: string, to: string, id: string, opts: { badge?: string } = {}) {
  const drawing = ART[art];
  if (!drawing) throw new Error(`no art called ${art}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="320" height="320">
<defs><linearGradient id="g-${id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="64" height="64" rx="6" fill="url(#g-${id})"/>
<circle cx="54" cy="10" r="16" fill="#fff" opacity=".08"/><circle cx="6" cy="60" r="12" fill="#fff" opacity=".08"/>
<g transform="translate(8 8) scale(.75)" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round">${drawing}</g>${
    opts.badge
      ? `\n<g transform="translate(48 48) scale(.22)" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" opacity=".85">${ART[opts.badge]}</g>`
      : ""
  }
</svg>
`;
}

/**
 * A reward as a product shot: the object (the same drawing, filled and solid, in its category's
 * colours, with light edges) standing on a white studio sweep with a soft floor shadow, the way
 * catalogue photos are taken. Vector, so the repository stays small and nothing is downloaded.
 */
function productShot(art: string, from: string, to: string, id: string) {
  const drawing = ART[art];
  if (!drawing) throw new Error(`no art called ${art}`);
  const object = (attrs: string) =>
    `<g transform="translate(12 11) scale(.625)" stroke-linecap="round" stroke-linejoin="round" ${attrs}>${drawing}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="320" height="320">
<defs>
<radialGradient id="s-${id}" cx=".5" cy=".38" r=".75"><stop offset="0" stop-color="#ffffff"/><stop offset=".65" stop-color="#f1f3f6"/><stop offset="1" stop-color="#dde2e8"/></radialGradient>
<linearGradient id="b-${id}" x1="0" y1="0" x2=".9" y2="1"><stop offset="0" stop-color="${to}"/><stop offset="1" stop-color="${from}"/></linearGradient>
<filter id="f-${id}" x="-20%" y="-50%" width="140%" height="200%"><feGaussianBlur stdDeviation="1.6"/></filter>
<filter id="d-${id}" x="-10%" y="-10%" width="120%" height="130%"><feDropShadow dx=".4" dy=".8" stdDeviation=".6" flood-color="#0f172a" flood-opacity=".35"/></filter>
</defs>
<rect width="64" height="64" rx="6" fill="url(#s-${id})"/>
<ellipse cx="32" cy="50" rx="17" ry="2.8" fill="#0f172a" opacity=".28" filter="url(#f-${id})"/>
<g filter="url(#d-${id})">${object(`fill="url(#b-${id})" fill-opacity=".55" stroke="url(#b-${id})" stroke-width="5.5"`)}
${object(`fill="none" stroke="#fff" stroke-opacity=".55" stroke-width="1.1"`)}</g>
<ellipse cx="24" cy="18" rx="7" ry="2.2" fill="#fff" opacity=".35" transform="rotate(-25 24 18)"/>
</svg>
`;
}

const root = path.resolve(import.meta.dirname, "../public/images/shop");
mkdirSync(path.join(root, "categories"), { recursive: true });
mkdirSync(path.join(root, "rewards"), { recursive: true });
for (const [slug, c] of Object.entries(CATEGORIES))
  writeFileSync(path.join(root, "categories", `${slug}.svg`), svg(c.art, c.from, c.to, slug));
for (const r of DEMO_REWARDS) {
  const c = CATEGORIES[r.category];
  writeFileSync(path.join(root, "rewards", `${r.key}.svg`), productShot(r.art, c.from, c.to, r.key));
}
console.log(`Wrote ${Object.keys(CATEGORIES).length} category and ${DEMO_REWARDS.length} reward pictures to ${root}`);
