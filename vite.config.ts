import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import routes from "./app/routes";
import { portalMessages } from "./scripts/vite/portal-messages";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Writes `<asset>.br` (brotli 11) and `<asset>.gz` (gzip 9) next to every hashed script, style
 * and picture of the client build (each only where it is smaller than the file): compressed once here at the highest level, served by
 * app/server/compression.ts without any CPU per request.
 */
function precompress(): Plugin {
  const assets = here("./build/client/assets");
  return {
    name: "portal-precompress",
    apply: "build",
    // After each environment's build: React Router writes its client manifest (manifest-*.js)
    // after the client bundle, so the pass after the server build catches it too.
    closeBundle() {
      if (!existsSync(assets)) return;
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg|json|txt|map)$/.test(name) || existsSync(path.join(assets, `${name}.br`))) continue;
        const file = path.join(assets, name);
        const bytes = readFileSync(file);
        // Small files too (a page's message files, small shared chunks: a first load is ~15 of
        // them), wherever compressing saves bytes; the tiniest are sent as they are.
        const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        if (br.length >= bytes.length) continue;
        writeFileSync(`${file}.br`, br);
        const gz = gzipSync(bytes, { level: 9 });
        if (gz.length < bytes.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

/**
 * scripts/serve.ts (the production server: migrations, optional demo seed, jobs, HTTP) as a second
 * entry of React Router's server build, next to it as build/server/serve.js: `npm run serve` starts
 * plain JavaScript with `node` instead of compiling TypeScript through tsx on every start, and the
 * app's modules the two entries share (the domain, the database schema, the message catalogue)
 * are in shared chunks, loaded and compiled once per process (docs/performance.md, cold start).
 */
function serverEntry(): Plugin {
  return {
    name: "portal-server-entry",
    apply: "build",
    enforce: "post",
    configEnvironment(name, options) {
      // React Router builds the client and the server in two passes; only the server pass has its
      // server build (a virtual module) as the input.
      const rollup = options.build?.rollupOptions;
      const input = rollup?.input;
      if (name !== "ssr" || !rollup || typeof input !== "string" || !input.includes("server-build")) return;
      rollup.input = {
        index: input,
        serve: here("./scripts/serve.ts"),
        // A CSV export's worker thread (app/domain/reports/export.server.ts finds it next to index.js).
        "report-export": here("./app/domain/reports/export-worker.server.ts"),
      };
      const output = Array.isArray(rollup.output) ? rollup.output[0] : rollup.output;
      if (output) output.entryFileNames = "[name].js";
    },
  };
}

/**
 * In the browser's bundle the portal's `Link` (app/components/link.tsx) is React Router's own,
 * re-exported: the server's shortcut is not shipped, and a module that only re-exports makes no
 * chunk of its own (otherwise a 75-byte chunk and an import on every route: issue 17's 120 KB
 * first-load budget, which the claim form sits at).
 */
function browserLink(): Plugin {
  const file = here("./app/components/link.tsx");
  return {
    name: "portal-browser-link",
    enforce: "pre",
    transform(_code, id) {
      if (this.environment?.name !== "client" || id.split("?")[0] !== file) return;
      return { code: 'export { Link } from "react-router";', map: null };
    },
  };
}

/**
 * A package and every package it depends on, by name (package.json `dependencies`, transitively).
 * For bundling a CommonJS package with its whole tree: Vite keeps a bundled package's own imports
 * external unless they are listed too.
 */
function withDependencies(roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const manifest = here(`./node_modules/${name}/package.json`);
    if (!existsSync(manifest)) return;
    seen.add(name);
    const { dependencies = {} } = JSON.parse(readFileSync(manifest, "utf8")) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(dependencies)) visit(dep);
  };
  for (const root of roots) visit(root);
  return [...seen];
}

export default defineConfig({
  plugins: [portalMessages({ appDir: here("./app"), routes }), browserLink(), tailwindcss(), reactRouter(), precompress(), serverEntry()],
  resolve: {
    alias: { "~": here("./app"), "@db": here("./db"), "@emails": here("./emails") },
  },
  ssr: {
    // Native and wasm packages stay outside the server bundle.
    external: ["@node-rs/argon2", "@electric-sql/pglite", "postgres", "nodemailer"],
    // Bundled so that only the components the emails use remain: `@react-email/components`
    // re-exports all of them, and loading code-block (all of Prism) and tailwind (its compiler)
    // took seconds of every cold start (docs/performance.md). `render` stays a package.
    // express and compression with their ~70 CommonJS packages, zod (95 files) and
    // libphonenumber-js (112 files): each file was read, resolved and (for CommonJS imported from
    // an ES module) parsed twice on every start, a good part of the cold start (issue 17). Bundled
    // they are a few chunks. Not bundled: React, React Router and drizzle-orm, whose objects the
    // tests' in-process portal shares between the source and the build (one copy each), and the
    // packages above with native code or files of their own.
    noExternal: [/^@react-email\/(?!render)/, ...withDependencies(["express", "compression", "zod", "libphonenumber-js"])],
  },
});
