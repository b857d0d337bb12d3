// Per-request work React Router 7 does again and again on the server, done once (issue 17: ~40%
// of /login's CPU under load was route matching and route-tree building, docs/performance.md).
// Runs on `npm install`/`npm ci` (postinstall) and is idempotent, as scripts/patch-postgres.mjs.
//
// 1. Matching a path against ~200 route branches happens 3-5 times per page (the request
//    handler, the static handler's query, and once per ancestor path for the lazy route
//    discovery manifest in <Scripts>). The static handler's branches get a bounded memo per path
//    (1,000 paths, first in first out; longer than 512 characters not kept). Only the server's
//    static handler attaches it, so the browser's router never uses it. Every caller gets its own
//    copy of the matches, as before.
// 2. <ServerRouter> rebuilt the whole route tree from the manifest on every render
//    (createServerRoutes), and createStaticRouter converted it again (convertRoutesToDataRoutes).
//    Both depend only on the build (manifest, route modules, future flags), so they are kept per
//    build. React elements in them are immutable, the routes are only read while rendering.
//
// Node loads dist/development/*.mjs (the package's "node" export); the production files and the
// CommonJS ones are patched too where the text matches, so a resolver that picks them still works.
// Remove an item when React Router does the same upstream; a changed text fails the install loudly.
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARK = "/* portal: memoised route matching */";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../node_modules/react-router");
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

const matchLoop = `  let decoded = decodePath(pathname);
  for (let i = 0; matches == null && i < branches.length; ++i) {
    matches = matchRouteBranch(
      branches[i],
      decoded,
      allowPartial
    );
  }
  return matches;
}`;

/** [name, text to find, its replacement]; each must apply to the development ES modules. */
const patches = [
  [
    "memo of matches per path",
    matchLoop,
    `  let decoded = decodePath(pathname);
  ${MARK}
  let memo = branches.portalMatches ? branches.portalMatches[allowPartial ? 1 : 0] : null;
  if (memo && memo.has(decoded)) return portalCopyMatches(memo.get(decoded));
  for (let i = 0; matches == null && i < branches.length; ++i) {
    matches = matchRouteBranch(
      branches[i],
      decoded,
      allowPartial
    );
  }
  if (!memo || decoded.length > 512) return matches;
  if (memo.size >= 1e3) memo.delete(memo.keys().next().value);
  memo.set(decoded, matches);
  return portalCopyMatches(matches);
}
function portalCopyMatches(matches) {
  if (!matches) return null;
  let params = { ...matches[0].params };
  return matches.map((m) => ({ ...m, params }));
}`,
  ],
  [
    "the static handler's branches carry the memo",
    "  let routeBranches = flattenAndRankRoutes(dataRoutes);\n",
    "  let routeBranches = flattenAndRankRoutes(dataRoutes);\n  routeBranches.portalMatches = [/* @__PURE__ */ new Map(), /* @__PURE__ */ new Map()];\n",
  ],
  [
    "static router's data routes per route tree",
    `function createStaticRouter(routes, context, opts = {}) {
  let manifest = {};
  let dataRoutes = convertRoutesToDataRoutes(
    routes,
    mapRouteProperties,
    void 0,
    manifest
  );
`,
    `var portalStaticRoutes = /* @__PURE__ */ new WeakMap();
function createStaticRouter(routes, context, opts = {}) {
  ${MARK}
  let converted = portalStaticRoutes.get(routes);
  if (!converted) {
    let manifest2 = {};
    converted = { manifest: manifest2, dataRoutes: convertRoutesToDataRoutes(routes, mapRouteProperties, void 0, manifest2) };
    portalStaticRoutes.set(routes, converted);
  }
  let { manifest, dataRoutes } = converted;
`,
  ],
  [
    "server routes per build",
    `  let routes = createServerRoutes(
    manifest.routes,
    routeModules,
    context.future,
    context.isSpaMode
  );
`,
    `  ${MARK}
  let routes = portalServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);
`,
  ],
  [
    "server routes cache",
    "function ServerRouter({\n",
    `var portalServerRoutesCache = /* @__PURE__ */ new WeakMap();
function portalServerRoutes(manifestRoutes, routeModules, future, isSpaMode) {
  let hit = portalServerRoutesCache.get(manifestRoutes);
  if (hit && hit.future === future && hit.isSpaMode === isSpaMode && portalSameModules(hit.routeModules, routeModules)) return hit.routes;
  let routes = createServerRoutes(manifestRoutes, routeModules, future, isSpaMode);
  portalServerRoutesCache.set(manifestRoutes, { routeModules, future, isSpaMode, routes });
  return routes;
}
function portalSameModules(a, b) {
  let keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (let key of keys) if (a[key] !== b[key]) return false;
  return true;
}
function ServerRouter({
`,
  ],
];

const applied = new Map(patches.map(([name]) => [name, 0]));
let files = 0;
for (const flavour of ["development", "production"]) {
  const dir = path.join(root, "dist", flavour);
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".mjs") && !f.startsWith("index-react-server"))) {
    const file = path.join(dir, name);
    const text = readFileSync(file, "utf8");
    if (text.includes(MARK)) {
      for (const [p] of patches) applied.set(p, applied.get(p) + (flavour === "development" ? 1 : 0));
      continue;
    }
    let next = text;
    for (const [p, from, to] of patches) {
      if (!next.includes(from)) continue;
      next = next.replace(from, to);
      if (flavour === "development") applied.set(p, applied.get(p) + 1);
    }
    if (next === text) continue;
    // A new file in place of the old: node_modules may be hard-linked from another checkout.
    writeFileSync(`${file}.portal-tmp`, next);
    renameSync(`${file}.portal-tmp`, file);
    files++;
  }
}
const missing = [...applied].filter(([, n]) => n === 0).map(([p]) => p);
if (missing.length) {
  console.error(
    `patch-react-router: react-router ${version} does not look as expected (${missing.join("; ")}); check whether upstream does this now and drop the item or this script.`,
  );
  process.exit(1);
}
console.log(
  files ? `patch-react-router: memoised route matching in react-router ${version} (${files} files)` : "patch-react-router: already patched",
);
