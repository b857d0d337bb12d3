// One language's messages as its own client chunk, made by the portalMessages plugin (vite.config.ts).
declare module "virtual:portal-messages/*" {
  const messages: Record<string, import("./define").Message>;
  export default messages;
}
