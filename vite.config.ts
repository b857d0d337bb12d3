import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  resolve: {
    alias: { "~": here("./app"), "@db": here("./db"), "@emails": here("./emails") },
  },
  ssr: {
    // Native and wasm packages stay outside the server bundle.
    external: ["@node-rs/argon2", "@electric-sql/pglite", "postgres", "nodemailer"],
  },
});
