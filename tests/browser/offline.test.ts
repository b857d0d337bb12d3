import net from "node:net";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { emailModeOf } from "../../app/domain/communication/settings.server";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { usePortal, useBrowser, usePhone } from "../support/fixtures";

/**
 * A salesperson on a shop floor with no signal: the real portal, the real service worker
 * (public/sw.js) in Debian's Chromium on a phone-sized screen, the network cut with
 * context.setOffline (which reaches the worker's own requests too).
 */

const portal = usePortal();
const browser = useBrowser();

const MARTA = "marta@baltictools.example";

async function phone(): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  return usePhone(browser);
}

async function signIn(page: Page, email: string, base = portal.url) {
  await page.goto(`${base}/login`);
  await workerInCharge(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).tap();
  await page.waitForURL("**/home");
}

/** The worker is installed and handles this page's requests (it claims open pages on activation). */
async function workerInCharge(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
}

/** The documents the worker keeps on this phone, as paths. */
function savedPages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith("portal-pages-")) continue;
      for (const request of await (await caches.open(name)).keys()) {
        const url = new URL(request.url);
        if (!url.pathname.endsWith(".data")) paths.push(url.pathname + url.search);
      }
    }
    return paths.sort();
  });
}

/** Saving happens after the page is shown: wait until the copy is really there. */
async function waitUntilSaved(page: Page, path: string) {
  await page.waitForFunction(
    async (wanted) => {
      for (const name of await caches.keys()) {
        if (name.startsWith("portal-pages-") && (await (await caches.open(name)).match(wanted))) return true;
      }
      return false;
    },
    path,
    { polling: 50 },
  );
}

async function visit(page: Page, path: string, base = portal.url) {
  await page.goto(`${base}${path}`);
  await waitUntilSaved(page, path);
}

/**
 * A line with one bar of signal: a TCP relay in front of the portal that, once stalled, keeps
 * every connection open but passes nothing on until it is resumed. The phone still believes it
 * is online (navigator.onLine stays true); only the answers never come.
 */
async function startWeakLine(target: string) {
  const { hostname, port } = new URL(target);
  let stalled = false;
  let held: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((phoneSide) => {
    const portalSide = net.connect(Number(port), hostname);
    for (const s of [phoneSide, portalSide]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        phoneSide.destroy();
        portalSide.destroy();
      });
    }
    phoneSide.on("data", (chunk) => (stalled ? held.push(() => portalSide.write(chunk)) : portalSide.write(chunk)));
    portalSide.on("data", (chunk) => (stalled ? held.push(() => phoneSide.write(chunk)) : phoneSide.write(chunk)));
    phoneSide.on("end", () => portalSide.end());
    portalSide.on("end", () => phoneSide.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      const pending = held;
      held = [];
      for (const send of pending) send();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The shell's connection banner: a live region, empty while all is well. */
const banner = (page: Page) => page.getByRole("status", { name: "Connection" });
const bannerCleared = (page: Page) => expect.poll(() => banner(page).textContent(), { timeout: 30_000 }).toBe("");

describe("on a phone with no signal", () => {
  it("pages she opened still open with a note saying so, others explain what works, and it goes live again by itself", async () => {
    const { ctx, page, problems } = await phone();
    await signIn(page, MARTA);
    await visit(page, "/home");
    await visit(page, "/me");
    expect(await banner(page).textContent()).toBe("");
    // While online the worker keeps, in the background, the code of the pages these link to; a
    // person who has had signal for a moment has it. Wait for that moment (the Contests page's
    // code), not a fixed time: on a loaded machine it can take a while.
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const routes =
              (window as unknown as { __reactRouterManifest?: { routes: Record<string, { module: string }> } }).__reactRouterManifest
                ?.routes ?? {};
            const contests = routes["routes/contests/list"];
            return Boolean(contests && (await caches.match(new URL(contests.module, location.href).href)));
          }),
        { timeout: 30_000 },
      )
      .toBe(true);

    await ctx.setOffline(true);
    // The page on screen learns it at once.
    await banner(page).getByText("You are offline.").waitFor();
    await banner(page).getByText("Pages you opened before still open; changes wait for the connection.").waitFor();

    // Opening the app again: the saved Home, with the time it was saved.
    await page.goto(`${portal.url}/home`);
    await page.getByRole("heading", { name: "Hello, Marta" }).waitFor();
    await banner(page).getByText("You are offline.").waitFor();
    await banner(page)
      .getByText(/Saved copy from .*\d/)
      .waitFor();
    // The saved copy is a working app, not a picture: the router runs, and the bottom bar goes
    // to the saved Me.
    const asked: string[] = [];
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await page.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: "Me", exact: true }).tap();
    await page.getByRole("heading", { name: "Marta Kazlauskė" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/me");

    // A page never opened here, by address: the offline page, which lists what is saved.
    await page.goto(`${portal.url}/contests`);
    await page.getByRole("heading", { name: "You are offline" }).waitFor();
    await page.getByText("What still works").waitFor();
    await page.getByText("nothing is sent half-way and nothing is lost").waitFor();
    const saved = page.getByRole("region", { name: "Saved on this phone" });
    await saved.waitFor();
    expect((await saved.getByRole("link").allTextContents()).sort()).toEqual(["Home · Hello, Marta", "Me · Marta Kazlauskė"]);
    expect(new URL(page.url()).pathname).toBe("/contests");

    // And by a tap inside the app: the router hands over to the same offline page.
    await saved.getByRole("link", { name: "Home · Hello, Marta" }).tap();
    await page.getByRole("heading", { name: "Hello, Marta" }).waitFor();
    // The saved page shows before the app has taken it over; under load a tap can land in
    // between. Wait until the router runs the page, as a person's second look would.
    await page.waitForFunction(() =>
      Boolean(
        (window as unknown as { __reactRouterDataRouter?: { state: { initialized: boolean } } }).__reactRouterDataRouter?.state.initialized,
      ),
    );
    // The home leads with next steps now (no tile per section): the bottom bar's Learn was never opened here.
    await page.getByRole("navigation", { name: "Quick navigation" }).getByRole("link", { name: "Learn", exact: true }).tap();
    await page.waitForURL("**/learn");
    await page.getByRole("heading", { name: "You are offline" }).waitFor();
    // Both taps went through the router's data requests first, not plain page loads.
    expect(asked).toEqual(expect.arrayContaining(["/me.data", "/learn.data"]));
    await page.goBack();
    await page.getByRole("heading", { name: "Hello, Marta" }).waitFor();

    // Meanwhile her name is corrected on the server; the connection comes back: the saved Home
    // becomes the live one in place, without her reloading it.
    await (await getDb()).update(users).set({ name: "Martina Kazlauskė" }).where(eq(users.email, MARTA));
    await ctx.setOffline(false);
    await page.getByRole("heading", { name: "Hello, Martina" }).waitFor();
    await bannerCleared(page);

    // The offline page reloads itself when the connection is back, too.
    await ctx.setOffline(true);
    await page.goto(`${portal.url}/contests`);
    await page.getByRole("heading", { name: "You are offline" }).waitFor();
    await ctx.setOffline(false);
    await page.getByRole("heading", { name: "Seller contests" }).waitFor();

    expect(problems).toEqual([]);
    await ctx.close();
    await (await getDb()).update(users).set({ name: "Marta Kazlauskė" }).where(eq(users.email, MARTA));
  }, 90_000);

  it("on a line that stops answering, the saved page appears after a few seconds and says so; Try again brings the live one", async () => {
    const line = await startWeakLine(portal.url);
    const { ctx, page, problems } = await phone();
    await signIn(page, "lukas@baltictools.example", line.url);
    await visit(page, "/home", line.url);

    line.stall();
    const asked = Date.now();
    await page.goto(`${line.url}/home`);
    await page.getByRole("heading", { name: "Hello, Lukas" }).waitFor();
    // The worker gives the network four seconds before it shows the saved copy.
    expect(Date.now() - asked).toBeGreaterThanOrEqual(3_500);
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    await banner(page).getByText("The connection is not answering.").waitFor();
    await banner(page)
      .getByText(/Saved copy from .*\d/)
      .waitFor();

    line.resume();
    await banner(page).getByRole("button", { name: "Try again" }).tap();
    await page.getByRole("heading", { name: "Hello, Lukas" }).waitFor();
    await bannerCleared(page);

    expect(problems).toEqual([]);
    await ctx.close();
    await line.close();
  }, 60_000);

  it("after signing out, nothing of hers opens from the phone", async () => {
    const { ctx, page, problems } = await phone();
    await signIn(page, MARTA);
    await visit(page, "/home");
    await visit(page, "/me");
    await page.getByRole("button", { name: "Sign out", exact: true }).tap();
    await page.waitForURL("**/login");
    expect(await savedPages(page)).toEqual([]);

    await ctx.setOffline(true);
    await page.goto(`${portal.url}/home`);
    await page.getByRole("heading", { name: "You are offline" }).waitFor();
    expect(await page.getByText("Hello, M").count()).toBe(0);
    expect(await page.getByRole("region", { name: "Saved on this phone" }).isVisible()).toBe(false);
    await page.goto(`${portal.url}/me`);
    await page.getByRole("heading", { name: "You are offline" }).waitFor();
    expect(await page.getByText("Kazlauskė").count()).toBe(0);

    expect(problems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it("a form sent without a connection is held with what she entered, and goes through once she is back", async () => {
    const db = await getDb();
    const [marta] = await db.select({ id: users.id }).from(users).where(eq(users.email, MARTA));
    const { ctx, page, problems } = await phone();
    await signIn(page, MARTA);
    await visit(page, "/me");
    // The page has everything it asked for (its messages too) before the signal goes.
    await page.waitForLoadState("networkidle");
    const before = await emailModeOf(db, marta.id, "contest_news");
    expect(before).not.toBe("off");

    // Each topic is a choice of at once / weekly / off (the communication work replaced the switches).
    await ctx.setOffline(true);
    const box = page.getByRole("combobox", { name: "Contests: new ones and results" });
    await box.selectOption("off");
    const save = page.locator("form").filter({ has: box }).getByRole("button", { name: "Save" });
    await save.tap();
    await banner(page)
      .getByText("Not sent: there is no connection. What you entered is still here; send it again when you are back online.")
      .waitFor();
    expect(await box.inputValue()).toBe("off");
    expect(await emailModeOf(db, marta.id, "contest_news")).toBe(before);

    await ctx.setOffline(false);
    await bannerCleared(page);
    // Back online, the page is not refreshed over what she entered.
    expect(await box.inputValue()).toBe("off");
    await save.tap();
    await page.getByText("Email preferences saved.").waitFor();
    expect(await emailModeOf(db, marta.id, "contest_news")).toBe("off");

    expect(problems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it("speaks the person's language offline: Russian after she switched to it", async () => {
    const { ctx, page, problems } = await phone();
    await signIn(page, "tomas@baltictools.example");
    await page.goto(`${portal.url}/me`);
    await page.getByLabel("Language").first().selectOption("ru");
    await page.getByRole("button", { name: "Save" }).first().tap();
    await page.getByRole("heading", { name: "Язык" }).first().waitFor();
    // The page told the worker its language (a message, handled in the background).
    await page.waitForFunction(async () => (await (await caches.match("/__portal/locale"))?.text()) === "ru", undefined, { polling: 50 });
    // The English copies were forgotten with the switch; this one is saved anew, in Russian.
    await waitUntilSaved(page, "/me");

    await ctx.setOffline(true);
    await page.goto(`${portal.url}/contests`);
    await page.getByRole("heading", { name: "Нет подключения" }).waitFor();
    await page.getByText("Что работает без связи").waitFor();
    await page.goto(`${portal.url}/me`);
    await page.getByRole("status", { name: "Связь" }).getByText("Нет подключения к интернету.").waitFor();

    expect(problems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it("a new build replaces the old worker and drops the old build's saved files and pages", async () => {
    const { ctx, page, problems } = await phone();
    // Notes when the page's own code has asked for its worker: a request after ours would put the
    // current build back in charge, as a tab of the old build does until it reloads.
    await page.addInitScript(() => {
      const container = navigator.serviceWorker;
      const register = container.register.bind(container);
      container.register = (...args) => ((window as unknown as { appRegistered: unknown }).appRegistered = register(...args));
    });
    await signIn(page, MARTA);
    await visit(page, "/home");
    await page.waitForFunction(() => "appRegistered" in window);
    await page.evaluate(() => (window as unknown as { appRegistered: Promise<unknown> }).appRegistered);
    const before = await page.evaluate(() => caches.keys());
    expect(before.filter((n) => n.startsWith("portal-assets-")).length).toBe(1);

    // What the next deploy's pages do: register the worker under their own build.
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.register("/sw.js?build=next-build&locales=en,ru", { scope: "/" });
      const worker = registration.installing ?? registration.waiting ?? registration.active!;
      if (worker.state !== "activated") {
        await new Promise<void>((resolve) => worker.addEventListener("statechange", () => worker.state === "activated" && resolve()));
      }
    });
    await page.waitForFunction(async () => (await caches.keys()).every((n) => n.endsWith("-next-build")), undefined, { polling: 50 });
    expect(await page.evaluate(() => caches.keys())).toContain("portal-shell-next-build");

    expect(problems).toEqual([]);
    await ctx.close();
  }, 60_000);
});
