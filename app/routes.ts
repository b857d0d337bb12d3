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
    ...prefix("shop", [
      index("routes/shop/catalogue.tsx"),
      route("hobbies", "routes/shop/hobbies.tsx"),
      route("rewards/:rewardId", "routes/shop/reward.tsx"),
      route("wishlist", "routes/shop/wishlist.tsx"),
      route("cart", "routes/shop/cart.tsx"),
      route("orders", "routes/shop/orders.tsx"),
      route("orders/:orderId", "routes/shop/order.tsx"),
      route("manage", "routes/shop/manage/rewards.tsx"),
      route("manage/new", "routes/shop/manage/new.tsx"),
      route("manage/rewards/:rewardId", "routes/shop/manage/reward.tsx"),
      route("manage/categories", "routes/shop/manage/categories.tsx"),
      route("fulfilment", "routes/shop/fulfilment/queue.tsx"),
      route("fulfilment/orders/:orderId", "routes/shop/fulfilment/order.tsx"),
      route("insights", "routes/shop/insights.tsx"),
    ]),
  ]),
  route("admin/outbox/:id/html", "routes/admin/outbox-html.ts"),
  route("organisations/:orgId/points.csv", "routes/ledger/partner-points-csv.ts"),
  route("shop/fulfilment/export.csv", "routes/shop/fulfilment/export.ts"),
  route("shop/insights.csv", "routes/shop/insights-csv.ts"),
  route("shop/images/:imageId", "routes/shop/image.ts"),
] satisfies RouteConfig;
