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
 * and picture of the client build: compressed once here at the highest level, served by
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
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [portalMessages({ appDir: here("./app"), routes }), tailwindcss(), reactRouter(), precompress()],
  resolve: {
    alias: { "~": here("./app"), "@db": here("./db"), "@emails": here("./emails") },
  },
  ssr: {
    // Native and wasm packages stay outside the server bundle.
    external: ["@node-rs/argon2", "@electric-sql/pglite", "postgres", "nodemailer"],
  },
});
