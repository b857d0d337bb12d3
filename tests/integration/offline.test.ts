import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../scripts/seed/index";
import { Visitor } from "../support/portal";
import { usePortal } from "../support/fixtures";

/**
 * What a phone needs to install the portal and use it offline, as the real server sends it:
 * the service worker script, the manifest and its icons, the offline page; and the content
 * security policy still holds on every page with the registration in place.
 */

const portal = usePortal();

type Manifest = {
  name: string;
  short_name: string;
  lang: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
};

/** Width and height from a PNG's header chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** Every <script> start tag in a page. */
const scriptTags = (html: string) => [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);

describe("the service worker script", () => {
  it("is served at /sw.js as JavaScript, to be checked for a new version on every visit", async () => {
    const res = await fetch(`${portal.url}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toContain('addEventListener("fetch"');
  });

  it("and the offline page's script beside it", async () => {
    const res = await fetch(`${portal.url}/offline.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
  });
});

describe("the web app manifest", () => {
  it("lets a phone install the portal: standalone, starting at Home, in the brand colour, with icons that exist", async () => {
    const res = await fetch(`${portal.url}/manifest.webmanifest?locale=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/manifest+json; charset=utf-8");
    const manifest = (await res.json()) as Manifest;
    expect(manifest).toMatchObject({
      name: "Partner Portal",
      short_name: "Portal",
      lang: "en",
      start_url: "/home",
      scope: "/",
      display: "standalone",
      theme_color: "#1d4ed8",
    });

    for (const icon of manifest.icons) {
      const file = await fetch(`${portal.url}${icon.src}`);
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get("content-type"), icon.src).toMatch(new RegExp(`^${icon.type.replace("+", "\\+")}`));
      if (icon.type === "image/png") expect(pngSize(Buffer.from(await file.arrayBuffer())), icon.src).toBe(icon.sizes);
    }
    const png = manifest.icons.filter((i) => i.type === "image/png");
    // What Chrome asks for before it offers to install, and what Android masks to its shape.
    expect(png.filter((i) => i.purpose === "any").map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(png.some((i) => i.purpose === "maskable" && i.sizes === "512x512")).toBe(true);
  });

  it("names the app in Russian for a Russian page, and falls back sensibly on a language it does not know", async () => {
    const ru = (await (await fetch(`${portal.url}/manifest.webmanifest?locale=ru`)).json()) as Manifest;
    expect(ru).toMatchObject({ name: "Партнёрский портал", short_name: "Портал", lang: "ru" });
    const byHeader = await fetch(`${portal.url}/manifest.webmanifest?locale=xx`, { headers: { "Accept-Language": "ru-RU,ru;q=0.9" } });
    expect(byHeader.status).toBe(200);
    expect(((await byHeader.json()) as Manifest).lang).toBe("ru");
  });

  it("is linked from every page in the page's language, with the icons", async () => {
    const login = await (await fetch(`${portal.url}/login`)).text();
    expect(login).toContain('<link rel="manifest" href="/manifest.webmanifest?locale=en"/>');
    expect(login).toMatch(/<link[^>]+rel="icon" href="\/icons\/icon\.svg" type="image\/svg\+xml"/);
    expect(login).toMatch(/<link[^>]+rel="apple-touch-icon" href="\/icons\/apple-touch-icon\.png"/);
    const touch = await fetch(`${portal.url}/icons/apple-touch-icon.png`);
    expect(pngSize(Buffer.from(await touch.arrayBuffer()))).toBe("180x180");

    await (await getDb()).update(users).set({ locale: "ru" }).where(eq(users.email, "tomas@baltictools.example"));
    const tomas = new Visitor(portal.url);
    await tomas.signIn("tomas@baltictools.example", DEMO_PASSWORD);
    expect(await (await tomas.get("/home")).text()).toContain('<link rel="manifest" href="/manifest.webmanifest?locale=ru"/>');
  });
});

describe("the offline page", () => {
  it("explains in the person's language what still works, and runs no inline script", async () => {
    const res = await fetch(`${portal.url}/offline?locale=ru`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain("Нет подключения");
    expect(html).toContain("Что работает без связи");
    expect(html).toContain("ничего не теряется");
    // Shown by the service worker under other addresses: no router, only the same-origin script.
    expect(scriptTags(html)).toEqual(['<script src="/offline.js" defer="">']);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    // 'wasm-unsafe-eval' lets the serial scanner compile its WebAssembly reader; it allows no JavaScript eval.
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'(;|$)/);

    const en = await (await fetch(`${portal.url}/offline?locale=en`)).text();
    expect(en).toContain("You are offline");
    expect(en).toContain("What still works");
  });
});

describe("the content security policy with the service worker registered", () => {
  async function checkNonces(res: Response, path: string) {
    expect(res.status, path).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'self' 'nonce-([^']+)' 'wasm-unsafe-eval'(;|$)/.exec(csp)?.[1];
    expect(nonce, `${path}: script-src is 'self' and a nonce (and WebAssembly for the scanner), nothing looser`).toBeTruthy();
    const html = await res.text();
    const tags = scriptTags(html);
    expect(tags.length, path).toBeGreaterThan(0);
    // Every script, inline or not, carries this response's nonce; no inline event handlers.
    expect(
      tags.filter((t) => !t.includes(`nonce="${nonce}"`)),
      path,
    ).toEqual([]);
    expect(html.match(/<[a-z]+\b[^>]*\son[a-z]+="/gi) ?? [], path).toEqual([]);
    return nonce!;
  }

  it("holds on the sign-in page and on signed-in pages, with a fresh nonce on every response", async () => {
    const first = await checkNonces(await fetch(`${portal.url}/login`), "/login");
    const second = await checkNonces(await fetch(`${portal.url}/login`), "/login");
    expect(second).not.toBe(first);

    const marta = new Visitor(portal.url);
    await marta.signIn("marta@baltictools.example", DEMO_PASSWORD);
    for (const path of ["/home", "/me", "/contests"]) await checkNonces(await marta.get(path), path);
  });
});
