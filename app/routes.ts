import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";

// Grouped by area; the folder names under app/routes match. Every route here is covered by
// the access matrix in tests/integration/access-matrix.test.ts (a test fails if one is not).
export default [
  index("routes/index.tsx"),
  route("healthz", "routes/health.ts"),
  route("locale", "routes/locale.ts"),
  route("login", "routes/auth/login.tsx"),
  route("logout", "routes/auth/logout.ts"),
  route("forgot-password", "routes/auth/forgot-password.tsx"),
  route("reset-password/:token", "routes/auth/reset-password.tsx"),
  route("invite/:token", "routes/auth/invite.tsx"),
  route("unsubscribe/:emailId", "routes/unsubscribe.tsx"),
  route("offline", "routes/offline.tsx"),
  route("manifest.webmanifest", "routes/manifest.ts"),
  layout("routes/shell.tsx", [
    route("home", "routes/home.tsx"),
    route("me", "routes/me.tsx"),
    route("team", "routes/people/team.ts"),
    ...prefix("organisations", [
      index("routes/organisations/list.tsx"),
      route("new", "routes/organisations/new.tsx"),
      route(":orgId", "routes/organisations/detail.tsx"),
    ]),
    ...prefix("contests", [
      index("routes/contests/list.tsx"),
      route("new", "routes/contests/new.tsx"),
      route(":contestId", "routes/contests/detail.tsx"),
      route(":contestId/trace/:participantId", "routes/contests/trace.tsx"),
    ]),
    ...prefix("admin", [
      route("audit", "routes/admin/audit.tsx"),
      route("outbox", "routes/admin/outbox.tsx"),
    ]),
  ]),
  route("admin/outbox/:id/html", "routes/admin/outbox-html.ts"),
] satisfies RouteConfig;
