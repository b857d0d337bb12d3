import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { getDb } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/seed/index";
import { checkAccessibilityOf, takeAccessibilityViolations } from "./axe";
import { launch, newDesktopContext, newPhoneContext, watchForErrors } from "./browser";
import { startPortal, Visitor } from "./portal";
import { startSmtp } from "./smtp";

// The setup every test file needs, one line each: a file says what it uses (`usePortal()`,
// `useSmtp()`, `useBrowser()`), and the fixture starts it before the file's tests and stops it after.

/**
 * A stand-in for something made in beforeAll, so a file can hold it in a `const` at the top:
 * reads go to the live object (methods bound to it), and use before beforeAll fails clearly.
 */
function startedInBeforeAll<T extends object>(what: string): { set(value: T | undefined): void; get(): T | undefined; live: T } {
  let current: T | undefined;
  const live = new Proxy({} as T, {
    get(_, key) {
      if (!current) throw new Error(`${what} is used before beforeAll started it`);
      const value = Reflect.get(current, key, current);
      return typeof value === "function" ? value.bind(current) : value;
    },
  });
  return { set: (value) => (current = value), get: () => current, live };
}

export type PortalFixture<K extends string> = {
  /** The portal's address, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** One Visitor per name given in `people`, each signed in with the demo password before the tests. */
  as: Record<K, Visitor>;
  /** A fresh Visitor (its own cookie jar) signed in as `email`. */
  signedIn(email: string, password?: string): Promise<Visitor>;
  /** A Visitor signed in as `email` before the tests; call it at the top of the file. */
  person(email: string): Visitor;
};

/**
 * The demo data seeded into this file's database and the real portal on a loopback port, for the
 * file's tests; with `people`, a signed-in Visitor per name (e.g. `{ marta: "marta@…" }`).
 */
export function usePortal<K extends string = never>(opts: { people?: Record<K, string>; activity?: boolean } = {}): PortalFixture<K> {
  let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
  const url = () => {
    if (!portal) throw new Error("the portal is used before beforeAll started it");
    return portal.url;
  };
  const signedIn = async (email: string, password = DEMO_PASSWORD) => {
    const v = new Visitor(url());
    await v.signIn(email, password);
    return v;
  };
  const as = {} as Record<K, Visitor>;
  const people: Array<{ email: string; set(v: Visitor): void }> = [];
  let started = false;
  const person = (email: string) => {
    if (started) throw new Error(`person("${email}") is called after beforeAll: call it at the top of the file`);
    const visitor = startedInBeforeAll<Visitor>(`the visitor ${email}`);
    people.push({ email, set: visitor.set });
    return visitor.live;
  };
  beforeAll(async () => {
    started = true;
    await seedDemo(await getDb(), opts.activity ? { activity: true } : {});
    portal = await startPortal();
    for (const [key, email] of Object.entries(opts.people ?? {}) as Array<[K, string]>) as[key] = await signedIn(email);
    for (const p of people) p.set(await signedIn(p.email));
  });
  afterAll(async () => {
    await portal?.close();
  });
  return {
    get url() {
      return url();
    },
    as,
    signedIn,
    person,
  };
}

export type Smtp = Awaited<ReturnType<typeof startSmtp>>;

/**
 * Something started before this file's tests and stopped after them, held in a `const` at the top
 * of the file (a stand-in that reads through to the live object).
 */
function useStarted<T extends object>(what: string, start: () => Promise<T>, stop: (value: T) => Promise<void>): T {
  const started = startedInBeforeAll<T>(what);
  beforeAll(async () => {
    started.set(await start());
  });
  afterAll(async () => {
    const value = started.get();
    if (value) await stop(value);
  });
  return started.live;
}

/** A real SMTP server on loopback for this file's tests (tests/support/smtp.ts). */
export function useSmtp(): Smtp {
  return useStarted(
    "the SMTP server",
    () => startSmtp(),
    (smtp) => smtp.close(),
  );
}

/** Each test starts with an empty outbox and an empty inbox: it reads only the mail it caused. */
export function startEachTestWithNoMail(smtp: Smtp): void {
  beforeEach(async () => {
    await (await getDb()).delete(emailOutbox);
    smtp.inbox.length = 0;
  });
}

/**
 * Debian's Chromium, launched once for this file's tests and closed after them. axe-core checks
 * every page its contexts open (tests/support/axe.ts); a test that met any violation fails.
 */
export function useBrowser(): Browser {
  afterEach(async () => {
    const violations = await takeAccessibilityViolations();
    if (violations.length) throw new Error(`Accessibility violations:\n${violations.join("\n")}`);
  });
  return useStarted(
    "the browser",
    async () => checkAccessibilityOf(await launch()),
    (browser) => browser.close(),
  );
}

type OpenPage = { ctx: BrowserContext; page: Page; problems: string[] };

async function openPage(ctx: BrowserContext): Promise<OpenPage> {
  const page = await ctx.newPage();
  return { ctx, page, problems: watchForErrors(page) };
}

/**
 * A fresh phone (390x844, touch) or desktop (1280x800) on the shared browser, with a page whose
 * errors are collected in `problems` (a test asserts it stays empty).
 */
export async function usePhone(browser: Browser, opts: { locale?: string } = {}): Promise<OpenPage> {
  return openPage(await newPhoneContext(browser, opts));
}

export async function useDesktop(browser: Browser, opts: { locale?: string } = {}): Promise<OpenPage> {
  return openPage(await newDesktopContext(browser, opts));
}

/**
 * Signs in through the real login form, as a person would: tapping on a phone, clicking on a
 * desktop; waits for home.
 */
export async function signInOnPage(
  page: Page,
  base: string,
  email: string,
  opts: { password?: string; by?: "tap" | "click" } = {},
): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(opts.password ?? DEMO_PASSWORD);
  const button = page.getByRole("button", { name: "Sign in" });
  await (opts.by === "click" ? button.click() : button.tap());
  await page.waitForURL(/\/home/);
}
