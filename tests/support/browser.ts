import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { reportAccessibilityTo } from "./axe";

/**
 * Debian's Chromium driven by playwright-core (no browser download). Shared by the browser tests:
 * launch once per file, a fresh phone-sized context per person, close at the end.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A phone: 390x844 with touch, as a salesperson on a shop floor holds it. */
export function newPhoneContext(browser: Browser, opts: { locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: opts.locale ?? "en-GB",
    userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
  });
}

/**
 * Everything the page reported as broken: uncaught exceptions, console errors (CSP violations
 * and hydration mismatches land there) and server errors. A test asserts this stays empty.
 */
export function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  reportAccessibilityTo(page, problems);
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // A 4xx answer to a form (a wrong password) is expected; Chromium logs each one.
    if (m.type() === "error" && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} from ${r.url()}`);
  });
  return problems;
}

export async function close(browser: Browser | undefined): Promise<void> {
  await browser?.close();
}

/** A desktop: 1280x800 with a mouse, as the programme team and office staff work. */
export function newDesktopContext(browser: Browser, opts: { locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, locale: opts.locale ?? "en-GB" });
}
