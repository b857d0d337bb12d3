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
    // Sales claims, the points rules behind them, and a participant's own points.
    ...prefix("claims", [
      index("routes/claims/list.tsx"),
      route("new", "routes/claims/new.tsx"),
      route("review", "routes/claims/review.tsx"),
      route("check", "routes/claims/check.tsx"),
      route("products", "routes/claims/products.tsx"),
      route("rules", "routes/claims/rules.tsx"),
      route(":claimId", "routes/claims/detail.tsx"),
      route(":claimId/edit", "routes/claims/edit.tsx"),
    ]),
    route("points", "routes/points/my-points.tsx"),
    ...prefix("admin", [
      route("audit", "routes/admin/audit.tsx"),
      route("outbox", "routes/admin/outbox.tsx"),
    ]),
    // Points ledger administration, the inbox and points per employee.
    route("admin/programme", "routes/admin/programme.tsx"),
    route("admin/points", "routes/admin/points.tsx"),
    route("inbox", "routes/inbox.tsx"),
    route("team/points", "routes/ledger/team-points.tsx"),
    route("organisations/:orgId/points", "routes/ledger/partner-points.tsx"),
  ]),
  route("admin/outbox/:id/html", "routes/admin/outbox-html.ts"),
  route("organisations/:orgId/points.csv", "routes/ledger/partner-points-csv.ts"),
  route("claims/:claimId/evidence", "routes/claims/evidence.ts"),
] satisfies RouteConfig;
