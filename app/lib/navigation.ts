import type { Action } from "./permissions";
import { can } from "./permissions";
import type { Role } from "@db/schema/enums";

export type NavItem = {
  to: string;
  label: string;
  icon: IconName;
  action: Action;
  /** Shown in the phone's bottom bar (at most five); everything else is in the sidebar and on "Me". */
  bottom?: boolean;
  /** Only for people of a partner organisation, or only for manufacturer staff. */
  side?: "partner" | "manufacturer";
};

export type IconName = "home" | "user" | "building" | "users" | "mail" | "log" | "claim" | "learn" | "shop" | "trophy" | "coins";

/**
 * Every page the navigation can show. A feature appears here when it exists, and only to roles
 * whose permission grants its action.
 */
export const NAV_ITEMS: NavItem[] = [
  { to: "/home", label: "nav.home", icon: "home", action: "home.view", bottom: true },
  { to: "/team", label: "nav.team", icon: "users", action: "people.invite", side: "partner" },
  { to: "/contests", label: "nav.contests", icon: "trophy", action: "contest.view" },
  { to: "/organisations", label: "nav.organisations", icon: "building", action: "organisation.list", side: "manufacturer" },
  { to: "/admin/audit", label: "nav.audit", icon: "log", action: "audit.view", side: "manufacturer" },
  { to: "/admin/outbox", label: "nav.outbox", icon: "mail", action: "outbox.view", side: "manufacturer" },
  { to: "/admin/programme", label: "nav.programme", icon: "log", action: "programme.view", side: "manufacturer" },
  { to: "/admin/points", label: "nav.points_admin", icon: "coins", action: "points.view", side: "manufacturer" },
  { to: "/team/points", label: "nav.team_points", icon: "coins", action: "team_points.view", side: "partner" },
  { to: "/claims/new", label: "nav.claim", icon: "claim", action: "claims.submit", bottom: true, side: "partner" },
  { to: "/claims", label: "nav.claims", icon: "log", action: "claims.view" },
  { to: "/claims/check", label: "nav.claims_check", icon: "claim", action: "claims.check", side: "partner" },
  { to: "/claims/review", label: "nav.claims_review", icon: "claim", action: "claims.review", bottom: true, side: "manufacturer" },
  { to: "/claims/products", label: "nav.claims_products", icon: "shop", action: "claims.catalogue", side: "manufacturer" },
  { to: "/claims/rules", label: "nav.claims_rules", icon: "coins", action: "claims.rules", side: "manufacturer" },
  { to: "/points", label: "nav.my_points", icon: "coins", action: "points.mine", side: "partner" },
  { to: "/learn", label: "nav.learn", icon: "learn", action: "learn.view", bottom: true },
  { to: "/learn/team", label: "nav.learn_team", icon: "users", action: "learn.team" },
  { to: "/learn/manage", label: "nav.learn_manage", icon: "learn", action: "learn.manage", side: "manufacturer" },
  { to: "/shop", label: "nav.shop", icon: "shop", action: "shop.browse", bottom: true, side: "partner" },
  { to: "/shop/manage", label: "nav.shop_manage", icon: "shop", action: "shop.manage", side: "manufacturer" },
  { to: "/shop/fulfilment", label: "nav.shop_fulfilment", icon: "claim", action: "shop.orders.view", side: "manufacturer" },
  { to: "/shop/insights", label: "nav.shop_insights", icon: "coins", action: "shop.insights", side: "manufacturer" },
  { to: "/reports", label: "nav.reports", icon: "log", action: "reports.partner", side: "partner" },
  { to: "/reports/programme", label: "nav.reports_programme", icon: "log", action: "reports.programme", side: "manufacturer" },
  { to: "/cost-share", label: "nav.costshare", icon: "coins", action: "costshare.view" },
  { to: "/cost-share/review", label: "nav.costshare_review", icon: "claim", action: "costshare.queue", side: "manufacturer" },
  { to: "/cost-share/payments", label: "nav.costshare_payments", icon: "coins", action: "costshare.pay", side: "manufacturer" },
  { to: "/mystery/overview", label: "nav.mystery", icon: "log", action: "mystery.manage", side: "manufacturer" },
  { to: "/mystery/visits", label: "nav.mystery_visits", icon: "claim", action: "mystery.audit", bottom: true, side: "manufacturer" },
  { to: "/mystery/reports", label: "nav.mystery_reports", icon: "log", action: "mystery.reports", side: "partner" },
  { to: "/mystery/rules", label: "nav.mystery_rules", icon: "log", action: "mystery.rules", side: "partner" },
  { to: "/announcements", label: "nav.announcements", icon: "mail", action: "announcements.manage" },
  { to: "/admin/tips", label: "nav.tips", icon: "learn", action: "tips.manage", side: "manufacturer" },
  { to: "/sellout", label: "nav.sellout", icon: "log", action: "sellout.upload" },
  { to: "/simulator", label: "nav.simulator", icon: "coins", action: "simulator.run", side: "manufacturer" },
  { to: "/tier", label: "nav.tier", icon: "trophy", action: "tiers.view", side: "partner" },
  { to: "/tiers", label: "nav.tiers", icon: "trophy", action: "tiers.manage", side: "manufacturer" },
  { to: "/sellout/reporters", label: "nav.sellout_reporters", icon: "building", action: "sellout.reporters", side: "manufacturer" },
  { to: "/learn/requirements", label: "nav.learn_requirements", icon: "learn", action: "training.requirements", side: "manufacturer" },
  { to: "/admin/translations", label: "nav.translations", icon: "learn", action: "content.translate", side: "manufacturer" },
  { to: "/surveys", label: "nav.surveys", icon: "mail", action: "surveys.answer", side: "partner" },
  { to: "/surveys", label: "nav.surveys", icon: "mail", action: "surveys.manage", side: "manufacturer" },
  { to: "/team/requests", label: "nav.enrol_requests", icon: "users", action: "enrolment.decide", side: "partner" },
  { to: "/team/terms", label: "nav.enrol_terms", icon: "log", action: "terms.accept", side: "partner" },
  { to: "/referrals", label: "nav.referrals", icon: "users", action: "referrals.send", side: "partner" },
  { to: "/admin/enrolment", label: "nav.enrol_admin", icon: "log", action: "enrolment.manage", side: "manufacturer" },
  { to: "/me", label: "nav.me", icon: "user", action: "profile.manage", bottom: true },
];

export function navFor(role: Role, isManufacturer: boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.action) && (!item.side || item.side === (isManufacturer ? "manufacturer" : "partner")));
}
