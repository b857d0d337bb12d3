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
  // The client manifest is the one that assigns window.__reactRouterManifest (a route module can be
  // called manifest-*.js too: routes/manifest, the web app manifest); the newest such, since an
  // interrupted build can leave an older or empty one behind.
  const file = readdirSync(assets)
    .filter((f) => /^manifest-[\w-]+\.js$/.test(f) && readFileSync(path.join(assets, f), "utf8").startsWith("window.__reactRouterManifest"))
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
  // The server sends bodies under 1 KB as they are (app/server/compression.ts).
  if (statSync(file).size < 1024) return statSync(file).size;
  return brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
}

export type RouteBudget = { route: string; scripts: number; styles: number; jsKB: number; totalKB: number };

/**
 * The JavaScript (and CSS) a first visit to each route downloads, compressed as served: the entry
 * and everything it imports, the modules of the route and all its parents (root, the signed-in
 * shell), and their messages (English; scripts/vite/portal-messages.ts). Shared chunks are counted
 * once. Not counted: what a page loads after it is shown (the claim form's calculation and the
 * serial scanner, each with its `-i-` message file), and the messages of keys the server chose,
 * which come inside the page's data (app/i18n/sent-messages.ts). React Router's manifest file is not: with lazy route discovery (the default) the page
 * carries the few routes it needs inline, and the browser never loads manifest-*.js.
 */
export function firstLoadBudgets(): RouteBudget[] {
  const m = readManifest();
  const names = readdirSync(path.join(client, "assets"));
  const english = names.find((f) => /^m-[\w-]+-en\.json$/.test(f));
  const messagesBase = english ? `/assets/${english.slice(0, -"en.json".length)}en-r-` : null;
  const out: RouteBudget[] = [];
  for (const route of Object.values(m.routes)) {
    const chain = [];
    for (let r: typeof route | undefined = route; r; r = r.parentId ? m.routes[r.parentId] : undefined) chain.push(r);
    const scripts = new Set<string>([m.entry.module, ...(m.entry.imports ?? [])]);
    const styles = new Set<string>();
    for (const r of chain) {
      scripts.add(r.module);
      for (const i of r.imports ?? []) scripts.add(i);
      for (const c of r.css ?? []) styles.add(c);
      // Each route's messages arrive as their own file before hydration (English here; Russian is ~40% more).
      const messages = messagesBase ? `${messagesBase}${r.id.replace(/[^\w-]/g, "_")}.json` : null;
      if (messages && existsSync(path.join(client, messages))) scripts.add(messages);
    }
    const js = [...scripts].reduce((s, u) => s + wireBytes(u), 0);
    const css = [...styles].reduce((s, u) => s + wireBytes(u), 0);
    out.push({ route: route.id, scripts: scripts.size, styles: styles.size, jsKB: js / 1024, totalKB: (js + css) / 1024 });
  }
  return out.sort((a, b) => a.route.localeCompare(b.route));
}

/** The routes a salesperson opens on a phone: the budget goal applies to these. */
export const SALESPERSON_ROUTES = [
  "routes/auth/login",
  "routes/auth/login-code",
  "routes/home",
  "routes/claims/new",
  "routes/claims/list",
  "routes/claims/detail",
  "routes/points/my-points",
  "routes/contests/detail",
  "routes/shop/catalogue",
  "routes/shop/cart",
  "routes/learn/index",
  "routes/learn/webinars",
  "routes/enrol/referrals",
  "routes/me",
];
