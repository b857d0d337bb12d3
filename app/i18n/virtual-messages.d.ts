// The browser's message files, made by the portalMessages plugin (scripts/vite/portal-messages.ts).
declare module "virtual:portal-messages" {
  /** Where the files are: `<base><locale>.json`, `<base><locale>-r-<route>.json`, `<base><locale>-p-<prefix>.json`. */
  export const base: string;
  /** Every key prefix ("shop", "errors"...): the unit of the per-prefix files. */
  export const prefixes: string[];
}
