import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { creditPoints } from "../../app/domain/points/ledger.server";
import { catalog } from "../../app/i18n/catalog";
import { signInOnPage, useBrowser, useDesktop, usePhone, usePortal } from "../support/fixtures";
import { daysAgo } from "../support/claims";
import { freshPerson } from "../support/people";

const portal = usePortal();
const browser = useBrowser();

/**
 * A page's messages come in one request per route file, started with the page (issue 17): keys
 * the server chose (a ledger entry's description, a navigation label) arrive with the loader's
 * data, so a page never waits for a second message file after its own, and never shows a key.
 */
function messageRequests(page: Page): string[] {
  const files: string[] = [];
  page.on("request", (r) => {
    const p = new URL(r.url()).pathname;
    if (/^\/assets\/m-[\w-]+\.json$/.test(p)) files.push(p.replace(/^\/assets\/m-[\w-]{10}-/, ""));
  });
  return files;
}

const prefixes = new Set(Object.keys(catalog.en).map((k) => k.slice(0, k.indexOf("."))));
/**
 * Text on the page that is a message key rather than words: a message that never arrived, or a
 * key no language has ("communication.topic_sends.x" under a new topic).
 */
async function rawKeys(page: Page): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: the words a person sees, not the data in the page's scripts.
  const text = await page.locator("body").innerText();
  return [...text.matchAll(/(?<![\w.@/-])([a-z][a-z_]*)(\.[a-z_]\w*)+(?![\w/-])/g)]
    .map((m) => m[0])
    .filter((k) => prefixes.has(k.split(".")[0]));
}

async function seller() {
  const person = await freshPerson({ org: "Baltic Tools Distribution", tag: "msgs" });
  // Entries whose descriptions come from four areas' messages, chosen by the server, stored as keys.
  const entries: Array<{ key: string; vars: Record<string, string | number> }> = [
    { key: "ledger.desc.carried_over", vars: {} },
    { key: "claims.ledger.credit", vars: { number: 41, invoice: "LV-1" } },
    { key: "training.desc.course", vars: { title: "Drills 101" } },
    { key: "contest.desc.prize", vars: { rank: 1, contest: "Spring dash" } },
  ];
  await (await getDb()).transaction(async (tx) => {
    for (const [i, e] of entries.entries())
      await creditPoints(tx, {
        userId: person.id,
        organisationId: person.organisationId,
        kind: "earn",
        sourceType: "test",
        sourceId: `msgs-${person.id}-${i}`,
        amount: 10 * (i + 1),
        descriptionKey: e.key,
        descriptionVars: e.vars,
      });
  });
  return person;
}

describe("a page's messages", () => {
  it("arrive with the page on a phone: my points, me, contests and the claim form need no second message file", async () => {
    const person = await seller();
    const { page, problems } = await usePhone(browser);
    page.setDefaultTimeout(15_000);
    const files = messageRequests(page);
    await signInOnPage(page, portal.url, person.email);
    await page.getByRole("heading", { name: "What to do next" }).waitFor();
    expect(files.filter((f) => f.includes("-p-"))).toEqual([]);
    expect(await rawKeys(page)).toEqual([]);

    const step = async (open: () => Promise<void>, ready: () => Promise<void>, route: string, later: string[] = []) => {
      files.length = 0;
      await open();
      await ready();
      // Only the page's own file (none when its parents already brought every key it names), and
      // the files of what the page loads after it is shown, with their code.
      expect(files.filter((f) => f !== `en-r-${route}.json` && !later.includes(f))).toEqual([]);
      expect(await rawKeys(page)).toEqual([]);
    };
    // My points from the home page's balance card: every description in words.
    await step(
      () => page.getByTestId("home-points").tap(),
      async () => {
        await page.waitForURL("**/points");
        await page.getByText("Sales claim 41 approved (invoice LV-1)").waitFor();
      },
      "routes_points_my-points",
    );
    await page.getByText("Course passed: Drills 101").waitFor();
    await page.getByText("Prize for place 1 in “Spring dash”").waitFor();
    await page.getByText("Points carried over from the previous programme").waitFor();

    const bar = page.getByRole("navigation", { name: "Quick navigation" });
    await step(
      () => bar.getByRole("link", { name: "Me", exact: true }).tap(),
      () => page.getByRole("heading", { name: "Language" }).waitFor(),
      "routes_me",
    );
    await step(
      () => page.locator("main").getByRole("link", { name: "Contests", exact: true }).tap(),
      () => page.waitForURL("**/contests"),
      "routes_contests_list",
    );
    await page.locator("main").getByRole("heading").first().waitFor();
    // The claim form: the preview's calculation (and the words of its lines) load after the form is shown.
    const calculation = "en-i-domain_claims_calculate-points.json";
    await step(
      () => bar.getByRole("link", { name: "Claim", exact: true }).tap(),
      () => page.getByLabel("Invoice number").waitFor(),
      "routes_claims_new",
      [calculation],
    );
    await page.getByLabel("Invoice date").fill(daysAgo(2));
    await page.getByLabel("Add a product: type its SKU or name").fill("dr18 cordless");
    await page.getByRole("button", { name: /Volta DR18 cordless drill/ }).tap();
    await page
      .getByTestId("preview-total")
      .getByText(/\d+ points/)
      .waitFor();
    await page.getByText(/Volta DR18 cordless drill \(VT-DR18\): 1 × \d+/).waitFor();
    // The serial field's scan button: the scanner's code and its words, together.
    await page.getByRole("button", { name: "Scan serial number 1" }).waitFor();
    expect(files.filter((f) => f.includes("-p-"))).toEqual([]);
    expect(files.filter((f) => f === calculation)).toHaveLength(1);
    expect(files.filter((f) => f === "en-i-components_claims_serial-scanner.json")).toHaveLength(1);
    expect(await rawKeys(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("a desktop's navigation comes from the server in the reader's words", async () => {
    const person = await seller();
    const { page, problems } = await useDesktop(browser);
    const files = messageRequests(page);
    await signInOnPage(page, portal.url, person.email, { by: "click" });
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await nav.getByRole("link", { name: "My points" }).click();
    await page.getByText("Course passed: Drills 101").waitFor();
    expect(files.filter((f) => f.includes("-p-"))).toEqual([]);
    expect(await rawKeys(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
