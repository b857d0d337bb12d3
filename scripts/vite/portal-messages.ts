import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";
import { catalog } from "../../app/i18n/catalog";
import type { Message } from "../../app/i18n/define";

/**
 * The browser's messages, a page's worth at a time (issue 17: every language's whole catalogue,
 * then one language's, was the largest part of a salesperson's first load).
 *
 * Keys are named `<prefix>.<rest>` ("shop.view", "errors.required"). At build time each route
 * module is read with the modules it imports (not the .server ones), and every string that starts
 * with a known prefix and a dot names a prefix that route needs. The client build then gets, per
 * language, as hashed JSON files under /assets (precompressed and cached for a year like the
 * scripts):
 * - one file per route with the prefixes that route needs and its parents do not
 *   (`<base><locale>-r-<route id>.json`): a page loads its root's, its layout's and its own at once;
 * - one file per prefix (`<base><locale>-p-<prefix>.json`) for a key a route did not name in its
 *   code (a key chosen by the server, say): `translate` waits for it inside rendering;
 * - the whole language (`<base><locale>.json`): the service worker keeps it for pages opened
 *   offline, and a failed file falls back to it.
 * Keys a language lacks are filled in English, as the server does.
 *
 * In the client build app/i18n/catalog.ts is replaced by catalog.browser.ts, which imports
 * `virtual:portal-messages` (the base address and the prefixes). The server build and the
 * development server keep the whole catalogue.
 */
export function portalMessages(options: { appDir: string; routes: RouteEntry[] }): Plugin {
  const full = path.join(options.appDir, "i18n/catalog.ts");
  const browser = path.join(options.appDir, "i18n/catalog.browser.ts");
  const id = "virtual:portal-messages";
  let files: Map<string, string> | null = null;
  let base = "";
  const prefixes = [...new Set(Object.keys(catalog.en).map(prefixOf))].sort();
  const build = () => {
    if (files) return files;
    const { perRoute, perImport } = routeKeys(options.appDir, options.routes, Object.keys(catalog.en));
    const out = new Map<string, string>();
    const english = catalog.en as Record<string, Message>;
    for (const locale of Object.keys(catalog) as Array<keyof typeof catalog>) {
      const messages = { ...english, ...(catalog[locale] as Record<string, Message>) };
      // `p` lists the prefixes a file holds whole; a route's file holds single keys, so none.
      out.set(`${locale}.json`, JSON.stringify({ p: prefixes, m: messages }));
      for (const p of prefixes) {
        const m = Object.fromEntries(Object.entries(messages).filter(([k]) => prefixOf(k) === p));
        out.set(`${locale}-p-${p}.json`, JSON.stringify({ p: [p], m }));
      }
      for (const [route, keys] of perRoute) {
        const m = Object.fromEntries(keys.sort().map((k) => [k, messages[k]]));
        out.set(`${locale}-r-${fileSafe(route)}.json`, JSON.stringify({ p: [], m }));
      }
      for (const [module, keys] of perImport) {
        const m = Object.fromEntries(keys.sort().map((k) => [k, messages[k]]));
        out.set(`${locale}-i-${fileSafe(module)}.json`, JSON.stringify({ p: [], m }));
      }
    }
    const hash = createHash("sha256");
    for (const [name, text] of out) hash.update(name).update(text);
    base = `/assets/m-${hash.digest("base64url").slice(0, 10)}-`;
    files = out;
    return out;
  };
  return {
    name: "portal-messages",
    apply: "build",
    enforce: "pre",
    async resolveId(source, importer, opts) {
      if (source === id) return `\0${id}`;
      if (opts?.ssr || this.environment?.config.consumer === "server" || !importer || importer === browser) return null;
      if (!/(^|\/)catalog(\.ts)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...opts, skipSelf: true });
      return resolved?.id === full ? browser : null;
    },
    load(source) {
      if (source !== `\0${id}`) return null;
      build();
      return `export const base = ${JSON.stringify(base)};\nexport const prefixes = ${JSON.stringify(prefixes)};\n`;
    },
    generateBundle() {
      if (this.environment?.config.consumer === "server") return;
      for (const [name, text] of build()) this.emitFile({ type: "asset", fileName: `${base.slice(1)}${name}`, source: text });
    },
  };
}

/** The part of a key before its first dot: the unit files are split by. */
export function prefixOf(key: string): string {
  const dot = key.indexOf(".");
  return dot < 0 ? key : key.slice(0, dot);
}

/** A route id as part of a file name (ids are paths such as "routes/shop/catalogue"). */
export function fileSafe(routeId: string): string {
  return routeId.replace(/[^\w-]/g, "_");
}

export type RouteEntry = { id?: string; file: string; children?: RouteEntry[] };

/**
 * Not followed: server modules and the database's (a loader's imports), the catalogue itself (it
 * names every key), the permissions (their names look like keys: "shop.browse" is both) and the
 * navigation (loaders choose a person's items; their labels come with the data: sent-messages.ts).
 */
const skipped =
  /\.server\.[jt]sx?$|\/\.server\/|\/db\/|\/i18n\/(catalog\.[jt]s|messages\/|translations\/)|\/lib\/(permissions|navigation)\.ts$/;

/**
 * For each route id, the keys its module and the modules it imports name, less those its parents
 * (root, layouts) already bring: every whole key in quotes ("shop.view"), and every key under the
 * start of one made at run time (`shop.kind.${kind}`, "shop.kind." + kind). The route's own file
 * is read whole (its loader and action choose messages too); see `skipped` for what is not followed.
 * A module loaded later with import() (the claim form's calculation, the serial scanner) is not
 * part of its route's first load: its keys (`perImport`, by its path under app/ without the
 * extension) go to a file of their own, which its code loads with it (`lazyMessages`) or which a
 * missing key's prefix brings.
 */
export function routeKeys(
  appDir: string,
  routes: RouteEntry[],
  keys: string[],
): { perRoute: Map<string, string[]>; perImport: Map<string, string[]> } {
  const all = new Set(keys);
  const cache = new Map<string, Set<string>>();
  const later = new Set<string>();
  const graph = (file: string) => {
    let found = cache.get(file);
    if (found) return found;
    const named = new Set<string>();
    const heads = new Set<string>();
    const seen = new Set<string>();
    const queue = [file];
    while (queue.length) {
      const f = queue.pop() as string;
      if (seen.has(f)) continue;
      seen.add(f);
      // Permission names look like keys ("shop.browse" is both): the navigation's `action:` is not read.
      const text = readFileSync(f, "utf8").replace(/\baction:\s*"[^"]*"/g, "");
      for (const m of text.matchAll(/(["'`])([a-z][a-z_]*\.[\w.]*)\1/g)) {
        if (all.has(m[2])) named.add(m[2]);
        else if (m[2].endsWith(".")) heads.add(m[2]);
      }
      for (const m of text.matchAll(/`([a-z][a-z_]*\.[\w.]*)\$\{/g)) heads.add(m[1]);
      // Types bring no messages: `import type ... from` is not followed (a module that only lends
      // the page its types, the claim calculation's, may load later).
      const code = text.replace(/\bimport\s+type\s[^;]*?\bfrom\s*["'][^"']+["']/g, "");
      for (const m of code.matchAll(/(?:from\s*|(?<!typeof\s+)import\s*(\()\s*|import\s+)["']([^"']+)["']/g)) {
        const next = resolveImport(appDir, f, m[2]);
        if (!next || skipped.test(next)) continue;
        if (m[1]) later.add(next);
        else queue.push(next);
      }
    }
    const headList = [...heads].filter((h) => h.includes("."));
    found = new Set([...named, ...keys.filter((k) => headList.some((h) => k.startsWith(h)))]);
    cache.set(file, found);
    return found;
  };
  const out = new Map<string, string[]>();
  const rootSet = graph(path.join(appDir, "root.tsx"));
  out.set("root", [...rootSet]);
  const walk = (entries: RouteEntry[], above: Set<string>) => {
    for (const entry of entries) {
      const file = path.join(appDir, entry.file);
      const mine = existsSync(file) ? graph(file) : new Set<string>();
      const routeId = entry.id ?? entry.file.replace(/\.[jt]sx?$/, "");
      out.set(
        routeId,
        [...mine].filter((k) => !above.has(k)),
      );
      if (entry.children?.length) walk(entry.children, new Set([...above, ...mine]));
    }
  };
  walk(routes, rootSet);
  const perImport = new Map<string, string[]>();
  // A module loaded later may load others later in turn: the set grows while it is read.
  for (const file of later) perImport.set(path.relative(appDir, file).replace(/\.[jt]sx?$/, ""), [...graph(file)]);
  return { perRoute: out, perImport };
}

function resolveImport(appDir: string, from: string, spec: string): string | null {
  const project = path.dirname(appDir);
  let target: string;
  if (spec.startsWith("~/")) target = path.join(appDir, spec.slice(2));
  else if (spec.startsWith("@db/")) target = path.join(project, "db", spec.slice(4));
  else if (spec.startsWith("@emails/")) target = path.join(project, "emails", spec.slice(8));
  else if (spec.startsWith(".")) target = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, path.join(target, "index.ts"), path.join(target, "index.tsx")])
    if (/\.[jt]sx?$/.test(candidate) && existsSync(candidate)) return candidate;
  return null;
}
