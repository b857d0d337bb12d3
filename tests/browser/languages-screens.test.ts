import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { shopProfiles } from "../../db/schema";
import { LOCALES } from "../../db/schema/enums";
import { catalog } from "../../app/i18n/catalog";
import { createTranslator } from "../../app/i18n/translate";
import { newPhoneContext, watchForErrors } from "../support/browser";
import { signInOnPage, useBrowser, usePortal } from "../support/fixtures";
import { freshPerson } from "../support/people";

const portal = usePortal();
const browser = useBrowser();

// Screenshots for a person to look at (issue 18): every language on a phone, Devanagari included.
const SHOTS = ".tmp/screens";
const keys = Object.keys(catalog.en).filter((k) => /^[a-z_]+(\.[a-z0-9_]+)+$/.test(k));

describe("home, claim form and shop in every language on a phone", () => {
  for (const locale of LOCALES) {
    it(`${locale}: the page says lang="${locale}", headings are translated, no key or placeholder shows`, async () => {
      mkdirSync(SHOTS, { recursive: true });
      const person = await freshPerson({ org: "Baltic Tools Distribution", role: "salesperson", locale, tag: `screens-${locale}` });
      // They have answered the shop's first question, so /shop shows the shop front.
      await (await getDb()).insert(shopProfiles).values({ userId: person.id });
      const t = createTranslator(locale);
      const context = await newPhoneContext(browser);
      const page = await context.newPage();
      const problems = watchForErrors(page);
      await signInOnPage(page, portal.url, person.email);
      const pages = [
        { name: "home", path: "/home", heading: t("home.greeting", { name: person.name.split(" ")[0] }) },
        { name: "claim", path: "/claims/new", heading: t("claims.new_title") },
        { name: "shop", path: "/shop", heading: t("shop.title") },
      ];
      for (const p of pages) {
        await page.goto(`${portal.url}${p.path}`);
        await page.getByRole("heading", { level: 1, name: p.heading }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        const text = await page.evaluate(() => document.body.innerText);
        expect(keys.filter((k) => text.includes(k))).toEqual([]);
        expect(text.match(/\{\w+\}/g)).toBeNull();
        await page.screenshot({ path: `${SHOTS}/${locale}-${p.name}.png`, fullPage: false });
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
