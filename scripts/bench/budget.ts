import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const root = path.resolve(import.meta.dirname, "../..");
const client = path.join(root, "build/client");

type Manifest = {
  entry: { module: string; imports?: string[] };
  routes: Record<
    string,
    { id: string; parentId?: string; path?: string; index?: boolean; module: string; imports?: string[]; css?: string[] }
  >;
  url: string;
};

/** React Router's client manifest from the build (build/client/assets/manifest-*.js). */
function readManifest(): Manifest {
  const assets = path.join(client, "assets");
  // The newest non-empty one: an interrupted build can leave an empty manifest behind.
  const file = readdirSync(assets)
    .filter((f) => /^manifest-[\w-]+\.js$/.test(f) && statSync(path.join(assets, f)).size > 0)
    .sort((a, b) => statSync(path.join(assets, b)).mtimeMs - statSync(path.join(assets, a)).mtimeMs)[0];
  if (!file) throw new Error("no client manifest in build/client/assets: run `npx react-router build` first");
  const text = readFileSync(path.join(assets, file), "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  return { ...(JSON.parse(json) as Omit<Manifest, "url">), url: `/assets/${file}` };
}

/**
 * Bytes a browser that accepts brotli downloads for a file: the precompressed .br the server
 * sends, else (React Router's manifest, written after the bundle) what the server's dynamic
 * compression makes of it (brotli quality 4).
 */
function wireBytes(url: string): number {
  const file = path.join(client, url.replace(/^\//, ""));
  if (existsSync(`${file}.br`)) return statSync(`${file}.br`).size;
  return brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
}

export type RouteBudget = { route: string; scripts: number; styles: number; jsKB: number; totalKB: number };

/**
 * The JavaScript (and CSS) a first visit to each route downloads, compressed as served: the
 * client manifest, the entry and everything it imports, and the modules of the route and all its
 * parents (root, the signed-in shell). Shared chunks are counted once.
 */
export function firstLoadBudgets(): RouteBudget[] {
  const m = readManifest();
  const english = readdirSync(path.join(client, "assets")).find((f) => /^en-[\w-]+\.js$/.test(f));
  const locale = english ? `/assets/${english}` : null;
  const out: RouteBudget[] = [];
  for (const route of Object.values(m.routes)) {
    const chain = [];
    for (let r: typeof route | undefined = route; r; r = r.parentId ? m.routes[r.parentId] : undefined) chain.push(r);
    const scripts = new Set<string>([m.url, m.entry.module, ...(m.entry.imports ?? [])]);
    const styles = new Set<string>();
    for (const r of chain) {
      scripts.add(r.module);
      for (const i of r.imports ?? []) scripts.add(i);
      for (const c of r.css ?? []) styles.add(c);
    }
    // The page's language arrives as its own chunk before hydration (English here; Russian is ~5 KB more).
    if (locale) scripts.add(locale);
    const js = [...scripts].reduce((s, u) => s + wireBytes(u), 0);
    const css = [...styles].reduce((s, u) => s + wireBytes(u), 0);
    out.push({ route: route.id, scripts: scripts.size, styles: styles.size, jsKB: js / 1024, totalKB: (js + css) / 1024 });
  }
  return out.sort((a, b) => a.route.localeCompare(b.route));
}

/** The routes a salesperson opens on a phone: the budget goal applies to these. */
export const SALESPERSON_ROUTES = [
  "routes/auth/login",
  "routes/home",
  "routes/claims/new",
  "routes/points/my-points",
  "routes/contests/detail",
  "routes/shop/catalogue",
];
