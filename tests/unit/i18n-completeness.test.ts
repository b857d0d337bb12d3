import { describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "../../db/schema/enums";
import { catalog } from "../../app/i18n/catalog";
import type { Message } from "../../app/i18n/define";
import { createTranslator, translate } from "../../app/i18n/translate";

/**
 * Every interface language is complete (issue 18): no key missing or extra, the same
 * {placeholders} as English, exactly the plural categories the language has (CLDR, as
 * Intl.PluralRules knows them), and nothing left in English except the names listed here.
 */
const en = catalog.en as Record<string, Message>;

/** Languages whose catalogue has landed and is held to the rules (every language, once translated). */
const CHECKED: readonly Locale[] = LOCALES.filter((l) => l !== "en" && Object.keys(catalog[l]).length > 0);

/** Words that stay as they are in every language: brands, product names, codes, units and formats. */
const SAME_EVERYWHERE = [
  /^Volta( Tools)?$/,
  /^Partner Portal$/,
  /^(CSV|PDF|SMS|QR|URL|SKU|ID|OK|EUR|USD|Email|E-mail|IBAN|BIC|VAT|Co-op|Google|Microsoft|PWA)$/i,
];
/**
 * Keys a language keeps in English on purpose, named one by one. Filipino business software
 * borrows these words as they are (Home, Cart, Password, Partner, Draft, Invoice…): a Filipino
 * salesperson reads "Cart", not "Kariton", so the translator kept them.
 */
const KEPT_IN_ENGLISH: Partial<Record<Locale, readonly string[]>> = {
  fil: [
    "nav.home",
    "role.channel_manager",
    "role.executive",
    "tier.silver",
    "tier.gold",
    "tier.platinum",
    "auth.password",
    "org.tier",
    "org.channel_manager",
    "org.kind.manufacturer",
    "org.kind.distributor",
    "org.kind.dealer",
    "org.kind.installer",
    "org.kind.retailer",
    "people.role",
    "audit.organisation",
    "outbox.template",
    "contest.board",
    "points_admin.col.partner",
    "inbox.title",
    "shop.tab.wishlist",
    "shop.tab.cart",
    "shop.tab.cart_count",
    "shop.wish",
    "shop.kind.digital",
    "shop.cart.title",
    "shop.manage.reward",
    "shop.manage.stock",
    "shop.fulfilment.order",
    "shop.fulfilment.tracking",
    "training.status.draft",
    "training.quiz.title",
    "training.manage.method.code",
    "training.field.time_zone",
    "claims.status.draft",
    "claims.evidence_title",
    "claims.form.invoice",
    "claims.filter.partner",
    "claims.serial_badge",
    "claims.promo_factor",
    "offline.manifest.short_name",
    "reports.period.quarter",
    "reports.col.outlet",
    "reports.mystery.title",
    "reports.col.role",
    "reports.col.claim",
    "reports.col.partner",
    "reports.col.invoice",
    "reports.col.contest",
    "reports.col.tier",
    "reports.col.order",
    "reports.col.reward",
    "reports.partners.rank.tier",
    "costshare.col.partner",
    "costshare.activity.social",
    "costshare.partner",
    "costshare.method.credit_note",
    "costshare.method.bank_transfer",
    "nav.mystery",
    "nav.mystery_reports",
    "mystery.nav.label",
    "mystery.scenario_status.draft",
    "mystery.outlet",
    "mystery.auditor",
    "mystery.report.seller",
    "mystery.report.auditor",
    "mystery.overview.title",
    "mystery.rules.title",
    "communication.status.draft",
  ],
};

/** A message is "left in English" when it has English words once placeholders, markup and names are taken away. */
function looksEnglish(text: string): boolean {
  const words = text
    .replace(/\{\w+\}/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/https?:\/\/\S+|\S+@\S+/g, " ")
    .split(/[^A-Za-z]+/)
    .filter((w) => w.length >= 4 && !SAME_EVERYWHERE.some((re) => re.test(w)));
  return words.length > 0 && !SAME_EVERYWHERE.some((re) => re.test(text.trim()));
}

const placeholders = (m: Message) =>
  [
    ...new Set((typeof m === "string" ? [m] : Object.values(m)).flatMap((s) => [...(s ?? "").matchAll(/\{(\w+)\}/g)].map((x) => x[1]))),
  ].sort();

function problems(locale: Locale): string[] {
  const mine = catalog[locale] as Record<string, Message>;
  const categories = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
  const out: string[] = [];
  for (const key of Object.keys(en)) {
    const m = mine[key];
    const e = en[key];
    if (m === undefined) {
      out.push(`${key}: missing`);
      continue;
    }
    if (typeof e !== typeof m) out.push(`${key}: ${typeof e === "string" ? "should be a plain string" : "should be plural forms"}`);
    if (typeof m === "object") {
      const have = Object.keys(m).sort();
      if (JSON.stringify(have) !== JSON.stringify(categories))
        out.push(`${key}: plural forms ${have.join("/")}, ${locale} needs ${categories.join("/")}`);
    }
    if (JSON.stringify(placeholders(m)) !== JSON.stringify(placeholders(e)))
      out.push(`${key}: placeholders {${placeholders(m).join("}{")}} differ from English {${placeholders(e).join("}{")}}`);
    if (KEPT_IN_ENGLISH[locale]?.includes(key)) continue;
    if (JSON.stringify(m) === JSON.stringify(e) && (typeof e === "string" ? [e] : Object.values(e)).some((s) => looksEnglish(s ?? "")))
      out.push(`${key}: left in English`);
  }
  for (const key of Object.keys(mine)) if (!(key in en)) out.push(`${key}: not in the English catalogue`);
  return out;
}

describe("every interface language is complete", () => {
  it("checks every language but English", () => {
    // A language listed in LOCALES with no catalogue at all would fall back to English everywhere.
    expect(CHECKED).toEqual(LOCALES.filter((l) => l !== "en"));
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale}: every key, the same placeholders, its own plural forms, nothing left in English`, () => {
      expect(problems(locale)).toEqual([]);
    });
  }

  it("catches a missing key, a changed placeholder, wrong plural forms and English left behind", () => {
    const keys = Object.keys(en);
    const plural = keys.find((k) => typeof en[k] === "object" && placeholders(en[k]).includes("count")) as string;
    const withVar = keys.find(
      (k) => typeof en[k] === "string" && /\{\w+\}/.test(en[k] as string) && looksEnglish(en[k] as string),
    ) as string;
    const saved = { ...catalog.ru };
    try {
      delete catalog.ru[keys[0]];
      catalog.ru[plural] = { one: "{count}", other: "{count}" };
      catalog.ru[withVar] = "{nope}";
      const english = keys.find(
        (k) => k !== keys[0] && k !== withVar && typeof en[k] === "string" && looksEnglish(en[k] as string),
      ) as string;
      catalog.ru[english] = en[english];
      const found = problems("ru").join("\n");
      expect(found).toContain(`${keys[0]}: missing`);
      expect(found).toContain(`${plural}: plural forms one/other, ru needs few/many/one/other`);
      expect(found).toContain(`${withVar}: placeholders {nope}`);
      expect(found).toContain(`${english}: left in English`);
    } finally {
      for (const k of Object.keys(catalog.ru)) delete catalog.ru[k];
      Object.assign(catalog.ru, saved);
    }
  });
});

/** Issue 18's edge numbers: each language chooses its own form for each, fractions included. */
describe("plural forms by count, per language", () => {
  const edges = [1, 2, 5, 11, 21, 22, 101, 1.5];
  const expected: Record<Locale, string[]> = {
    en: ["one", "other", "other", "other", "other", "other", "other", "other"],
    ru: ["one", "few", "many", "many", "one", "few", "one", "other"],
    lt: ["one", "few", "few", "other", "one", "few", "one", "many"],
    hi: ["one", "other", "other", "other", "other", "other", "other", "other"],
    fil: ["one", "one", "one", "one", "one", "one", "one", "one"],
  };
  for (const locale of LOCALES) {
    it(`${locale}: ${edges.join(", ")}`, () => {
      const rules = new Intl.PluralRules(locale);
      expect(edges.map((n) => rules.select(n))).toEqual(expected[locale]);
      // And the translator picks that form: a message with every form shows the one it chose.
      const probe = { zero: "zero", one: "one", two: "two", few: "few", many: "many", other: "other" } as Message;
      expect(edges.map((count) => translate({ probe }, locale, "probe", { count }))).toEqual(expected[locale]);
    });
  }

  it("says 21 in Russian and Lithuanian with the singular form, 1.5 with its own", () => {
    const ru = createTranslator("ru");
    expect(ru("email.invite.expires", { count: 21 })).toContain("21 день");
    expect(ru("email.invite.expires", { count: 22 })).toContain("22 дня");
    expect(ru("email.invite.expires", { count: 11 })).toContain("11 дней");
    // Lithuanian: 21 takes "one", 11 "other", 1.5 "many" — each as the translator wrote it.
    const forms = catalog.lt["email.invite.expires"] as Record<string, string>;
    const lt = createTranslator("lt");
    const shown = (form: string, n: string) => forms[form].replace("{count}", n);
    expect(lt("email.invite.expires", { count: 21 })).toBe(shown("one", "21"));
    expect(lt("email.invite.expires", { count: 11 })).toBe(shown("other", "11"));
    expect(lt("email.invite.expires", { count: 1.5 })).toBe(shown("many", "1,5"));
    expect(forms.one).not.toBe(forms.other);
  });
});
