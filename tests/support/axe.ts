import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";

/**
 * Accessibility as a test: axe-core (pinned in package.json) runs on every page a browser test
 * visits, after each full load and each in-app navigation, and any violation fails the test
 * (useBrowser's afterEach) and lands in the page's `problems` list. It is injected through the
 * DevTools protocol, so the portal's CSP is not loosened for it.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Violation = { id: string; help: string; nodes: Array<{ target: unknown[] }> };

const pending = new Set<Promise<void>>();
const found: string[] = [];
const problemLists = new WeakMap<Page, string[]>();

/** Lets the error watcher (watchForErrors) collect this page's violations too. */
export function reportAccessibilityTo(page: Page, problems: string[]): void {
  problemLists.set(page, problems);
}

/** Runs axe on the page as it is now; resolves with the violations as readable lines. */
export async function axeCheck(page: Page): Promise<string[]> {
  if (page.isClosed()) return [];
  const where = new URL(page.url()).pathname;
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } };
    // Two frames: React has painted what the navigation brought.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const result = await w.axe.run(document, { resultTypes: ["violations"] });
    return result.violations as Violation[];
  });
  return violations.map((v) => `axe ${v.id} on ${where}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

function watch(page: Page): void {
  let chain: Promise<void> = Promise.resolve();
  const seen = new Set<string>();
  const schedule = () => {
    const run = chain.then(async () => {
      try {
        await page.waitForLoadState("load");
        for (const line of await axeCheck(page)) {
          if (seen.has(line)) continue;
          seen.add(line);
          found.push(line);
          problemLists.get(page)?.push(line);
        }
      } catch {
        // The page moved on or closed mid-check: the next navigation is checked instead.
      }
    });
    chain = run;
    pending.add(run);
    void run.finally(() => pending.delete(run));
  };
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) schedule();
  });
}

async function settle(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}

/** Every context this browser opens checks its pages; closing a context waits for their checks. */
export function checkAccessibilityOf(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>): Promise<BrowserContext> => {
    const ctx = await newContext(...args);
    ctx.on("page", watch);
    const close = ctx.close.bind(ctx);
    ctx.close = async (...a: Parameters<BrowserContext["close"]>) => {
      await settle();
      return close(...a);
    };
    return ctx;
  };
  browser.newPage = async (...args: Parameters<Browser["newPage"]>) => {
    const ctx = await browser.newContext(...args);
    const page = await ctx.newPage();
    return page;
  };
  return browser;
}

/** The violations found since the last call (after the checks under way finish). */
export async function takeAccessibilityViolations(): Promise<string[]> {
  await settle();
  return found.splice(0);
}
