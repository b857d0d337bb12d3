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
    ...prefix("learn", [
      index("routes/learn/index.tsx"),
      route("courses/:courseId", "routes/learn/course.tsx"),
      route("courses/:courseId/lessons/:lessonId", "routes/learn/lesson.tsx"),
      route("courses/:courseId/quiz", "routes/learn/quiz.tsx"),
      route("courses/:courseId/attempts/:attemptId", "routes/learn/attempt.tsx"),
      route("webinars", "routes/learn/webinars.tsx"),
      route("webinars/:webinarId", "routes/learn/webinar.tsx"),
      route("team", "routes/learn/team.tsx"),
      route("manage", "routes/learn/manage/index.tsx"),
      route("manage/courses/new", "routes/learn/manage/course-new.tsx"),
      route("manage/courses/:courseId", "routes/learn/manage/course-edit.tsx"),
      route("manage/webinars/new", "routes/learn/manage/webinar-new.tsx"),
      route("manage/webinars/:webinarId", "routes/learn/manage/webinar-edit.tsx"),
    ]),
  ]),
  route("admin/outbox/:id/html", "routes/admin/outbox-html.ts"),
  route("organisations/:orgId/points.csv", "routes/ledger/partner-points-csv.ts"),
  // Training pages outside the signed-in frame: a printable certificate, a calendar file, lesson images, CSV exports.
  route("learn/certificates/:certificateId", "routes/learn/certificate.tsx"),
  route("learn/webinars/:webinarId/ics", "routes/learn/webinar-ics.ts"),
  route("learn/images/:imageId", "routes/learn/image.ts"),
  route("learn/team/export", "routes/learn/team-export.ts"),
  route("learn/manage/export", "routes/learn/manage/export.ts"),
] satisfies RouteConfig;
