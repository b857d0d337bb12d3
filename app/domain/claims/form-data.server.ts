import { and, eq, gte, notInArray, sql } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { ledgerEntries } from "@db/schema";
import type { PartnerRole } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { getSettings } from "../points/ledger.server";
import { outletChoices } from "../people/outlets.server";
import { loadPointsRulesWithCatalogue } from "./rules.server";
import { inAudience } from "./calculate-points";
import { earliestInvoiceDate, latestInvoiceDate } from "./shared";
import { localiseCategories, localiseProducts } from "./products.server";
import { contentLocale, localise } from "~/domain/content/translations.server";

/**
 * Credits that do not count toward the monthly cap. This mirrors the ledger's own rule in
 * creditPoints (app/domain/points/ledger.server.ts), which is what actually applies the cap; the
 * form only uses it to say in advance how much room is left.
 */
const UNCAPPED_SOURCES = ["welcome", "adjustment", "order"];

async function capRoom(db: Queryable, userId: string, cap: number | null): Promise<number | null> {
  if (!cap) return null;
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const [{ earned }] = await db
    .select({ earned: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)::int` })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.userId, userId),
        eq(ledgerEntries.kind, "earn"),
        gte(ledgerEntries.createdAt, monthStart),
        notInArray(ledgerEntries.sourceType, UNCAPPED_SOURCES),
      ),
    );
  return Math.max(0, cap - earned);
}

/**
 * What the claim form needs to work on a phone without asking the server again: the active
 * catalogue, the rules for every invoice date the claim window allows, and the date limits.
 * `firstSubmittedAt` keeps the window of a claim sent back for correction where it was.
 */
export async function claimFormData(db: Queryable, actor: Actor, firstSubmittedAt: Date | null = null) {
  const settings = await getSettings(db);
  const minDate = earliestInvoiceDate(settings.claimWindowDays, firstSubmittedAt ?? new Date());
  const maxDate = latestInvoiceDate();
  const [{ catalogue, rules }, room, { outlets, ownOutletId }] = await Promise.all([
    loadPointsRulesWithCatalogue(db, { tier: actor.tier, role: actor.role as PartnerRole, from: minDate, to: maxDate }),
    capRoom(db, actor.id, settings.monthlyEarnCap),
    outletChoices(db, actor.organisationId, actor.id),
  ]);
  // Only what applies to this person reaches the phone (a regional pilot stays out of other
  // regions' forms), with the targeting already settled so the preview applies it as is.
  const who = { tier: actor.tier, role: actor.role, organisationId: actor.organisationId, region: actor.region };
  const mine = {
    ...rules,
    promotions: rules.promotions.filter((p) => inAudience(p.audience, who)).map(({ audience: _a, ...p }) => p),
    earningRules: (rules.earningRules ?? []).filter((r) => inAudience(r.audience, who)).map(({ audience: _a, ...r }) => r),
  };
  // Names in the reader's language (issue 18); categories keep their default text, which the
  // promotions match on, and gain a `categoryName` to show.
  const locale = contentLocale(actor);
  const named = await localiseProducts(db, catalogue, locale);
  const categoryNames = await localiseCategories(db, [...new Set(catalogue.map((p) => p.category))], locale);
  const promotionNames = await localise(db, "promotion", mine.promotions, ["name"], locale);
  mine.promotions = promotionNames;
  mine.products = Object.fromEntries(
    Object.entries(mine.products).map(([id, p]) => [id, { ...p, name: named.find((n) => n.id === id)?.name ?? p.name }]),
  );
  return {
    catalogue: named.map((p, i) => ({
      ...p,
      category: catalogue[i].category,
      categoryName: categoryNames.get(catalogue[i].category) ?? p.category,
    })),
    rules: mine,
    capRoom: room,
    minDate,
    maxDate,
    windowDays: settings.claimWindowDays,
    // The outlet of the sale (issue 19): the partner's outlets, the claimant's own chosen at first.
    outlets,
    ownOutletId,
    tier: actor.tier,
    role: actor.role as PartnerRole,
  };
}
