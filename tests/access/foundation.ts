import { and, eq } from "drizzle-orm";
import { requestPasswordReset } from "../../app/domain/auth/passwords.server";
import { emailOutbox } from "../../db/schema";
import { allowOnly, everyoneSignedIn, override, publicPage, type AccessRule } from "../support/access";

/**
 * Who may open the foundation's pages: sign-in, profile, partners and people, admin tools.
 * Roles come from app/lib/permissions.ts; this table says the same thing from the outside.
 */
const rules: AccessRule[] = [
  { pattern: "/", get: override(publicPage({ redirect: "/home" }), { anonymous: { redirect: "/login" } }) },
  { pattern: "/healthz", get: publicPage("ok"), shows: '"ok":true' },
  { pattern: "/readyz", get: publicPage("ok"), shows: '"ok":true' },
  {
    pattern: "/locale",
    get: publicPage({ redirect: "/" }),
    post: { form: { locale: "xx" }, expect: publicPage("invalid") },
  },
  {
    pattern: "/login",
    get: override(publicPage({ redirect: "/home" }), { anonymous: "ok" }),
    // A signed-in visitor is sent home whatever they post.
    post: { expect: override(publicPage({ redirect: "/home" }), { anonymous: "invalid" }) },
    shows: "Forgot your password?",
  },
  { pattern: "/logout", get: publicPage({ redirect: "/" }) },
  { pattern: "/forgot-password", get: publicPage("ok"), post: { expect: publicPage("invalid") }, shows: "Reset your password" },
  {
    pattern: "/reset-password/:token",
    path: () => "/reset-password/not-a-real-token",
    get: publicPage("ok"),
    post: { form: { password: "short" }, expect: publicPage("invalid") },
    shows: "This link has expired or has already been used.",
  },
  {
    pattern: "/invite/:token",
    path: () => "/invite/not-a-real-token",
    get: publicPage("ok"),
    post: { form: { name: "" }, expect: publicPage("invalid") },
    shows: "This invitation has expired or was already used.",
  },
  { pattern: "/home", get: everyoneSignedIn(), shows: "Hello," },
  {
    pattern: "/me",
    get: everyoneSignedIn(),
    post: { form: { intent: "password" }, expect: everyoneSignedIn("invalid") },
    shows: "Change password",
  },
  { pattern: "/team", get: allowOnly(["admin", "channel_manager", "executive"], { redirect: /^\/organisations\/[0-9a-f-]{36}$/ }) },
  { pattern: "/organisations", get: allowOnly(["admin", "channel_manager", "finance", "auditor"]), shows: "Partner organisations" },
  {
    pattern: "/organisations/new",
    get: allowOnly(["admin", "channel_manager"]),
    post: { expect: allowOnly(["admin", "channel_manager"], "invalid") },
    shows: "Create partner",
  },
  {
    pattern: "/organisations/:orgId",
    path: (fx) => `/organisations/${fx.partnerOrgId}`,
    get: allowOnly(["admin", "channel_manager", "finance", "auditor", "executive", "manager"]),
    post: { form: { intent: "invite" }, expect: allowOnly(["admin", "channel_manager", "executive"], "invalid") },
    shows: "Vilnius warehouse",
  },
  { pattern: "/admin/audit", get: allowOnly(["admin", "finance"]), shows: "Audit log" },
  { pattern: "/admin/outbox", get: allowOnly(["admin"]), shows: "Email outbox" },
  {
    pattern: "/admin/outbox/:id/html",
    path: async (fx) => {
      await requestPasswordReset(fx.db, fx.userOf.salesperson, "en", "127.0.0.1");
      const [mail] = await fx.db
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.template, "password_reset"), eq(emailOutbox.to, fx.userOf.salesperson)))
        .limit(1);
      return `/admin/outbox/${mail.id}/html`;
    },
    get: allowOnly(["admin"]),
    shows: "/reset-password/",
  },
];

export default rules;
