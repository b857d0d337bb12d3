/**
 * Draws the demo shop's category tiles (public/images/shop/categories/*.svg): small hand-made vector
 * drawings, generated so that the repository ships its own freely usable images. Run
 * `npx tsx scripts/shop-images.ts` after adding a category. The rewards' product photos are rendered
 * separately, from scripts/shop-photos (see its README).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

// Line drawings on a 64 × 64 grid, stroked in white over the category colour.
const ART: Record<string, string> = {
  fish: '<path d="M10 32c8-10 22-12 32-4l10-8v24l-10-8c-10 8-24 6-32-4Z"/><circle cx="22" cy="30" r="2" fill="#fff"/>',
  leaf: '<path d="M14 50C14 26 30 14 52 12c-2 22-14 38-38 38Z"/><path d="M14 50 40 24"/>',
  plane: '<path d="M8 36 56 16 44 50 34 38 22 46v-10Z"/><path d="M34 38 56 16"/>',
  ball: '<circle cx="32" cy="32" r="20"/><path d="m32 22 8 6-3 10H27l-3-10Z"/><path d="M32 12v10M40 28l11-4M37 38l6 10M27 38l-6 10M24 28l-11-4"/>',
  car: '<path d="M8 44v-10l8-4 6-10h20l8 10 6 4v10Z"/><path d="M20 30h24M32 20v10"/><circle cx="18" cy="44" r="5"/><circle cx="46" cy="44" r="5"/>',
  camera:
    '<rect x="8" y="20" width="48" height="32" rx="4"/><path d="M22 20l4-8h12l4 8"/><circle cx="32" cy="36" r="9"/><circle cx="48" cy="27" r="1.5" fill="#fff"/>',
  pot: '<path d="M12 26h40v18a8 8 0 0 1-8 8H20a8 8 0 0 1-8-8Z"/><path d="M6 30h6M52 30h6M18 26c0-6 28-6 28 0"/><path d="M28 18h8"/>',
  house: '<path d="M10 30 32 12l22 18"/><path d="M16 26v26h32V26"/><path d="M28 52V38h8v14"/>',
  controller:
    '<path d="M16 22h32c6 0 10 8 10 18 0 8-6 10-10 4l-4-6H20l-4 6c-4 6-10 4-10-4 0-10 4-18 10-18Z"/><path d="M20 30v8M16 34h8"/><circle cx="44" cy="31" r="1.5" fill="#fff"/><circle cx="48" cy="36" r="1.5" fill="#fff"/>',
  robot:
    '<rect x="16" y="22" width="32" height="24" rx="4"/><circle cx="26" cy="32" r="3"/><circle cx="38" cy="32" r="3"/><path d="M26 40h12M32 22v-8M10 30v8M54 30v8M22 46v8M42 46v8"/><circle cx="32" cy="12" r="2"/>',
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

const root = path.resolve(import.meta.dirname, "../public/images/shop");
mkdirSync(path.join(root, "categories"), { recursive: true });
for (const [slug, c] of Object.entries(CATEGORIES))
  writeFileSync(path.join(root, "categories", `${slug}.svg`), svg(c.art, c.from, c.to, slug));
console.log(`Wrote ${Object.keys(CATEGORIES).length} category pictures to ${root}`);
