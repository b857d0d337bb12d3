/*
 * The portal's service worker: the pages a salesperson opened still open on a shop floor with
 * no signal, and a page that was never saved says so plainly instead of the browser's error.
 *
 *   /assets/*           hashed build files: cache first (a new build has new names)
 *   page navigations    network first; on no answer the last saved copy, else the offline page
 *   *.data              the router's data requests: the same, per exact URL
 *   /__manifest         the router's route discovery: network first, saved answers as fallback
 *   POST                always the network, never saved; signing in or out (or switching the
 *                       language) forgets all saved pages
 *
 * Registered by app/offline/service-worker.ts as /sw.js?build=<React Router manifest version>:
 * a deploy changes that address, so the browser installs a new worker, which deletes the caches
 * of the build before (their pages point at assets the server no longer has).
 */

const params = new URL(self.location.href).searchParams;
const BUILD = params.get("build") || "dev";
const LOCALES = (params.get("locales") || "en").split(",").filter((l) => /^[a-z]{2}$/.test(l));

const PREFIX = "portal-";
const SHELL = `${PREFIX}shell-${BUILD}`; // the offline page per language, its script and icon
const ASSETS = `${PREFIX}assets-${BUILD}`; // hashed build files and route-discovery answers
const PAGES = `${PREFIX}pages-${BUILD}`; // one person's pages and their data; emptied on sign-out
const CURRENT = [SHELL, ASSETS, PAGES];

/** How long a page may take before a saved copy is shown instead (the answer is still saved). */
const NETWORK_WAIT_MS = 4000;
/** Saved pages and data answers kept at most, newest first. */
const MAX_PAGES = 80;
/** When a saved copy was made, kept as a header on the copy. */
const SAVED_AT = "x-portal-saved-at";
/** The language of the last page shown, so the offline page speaks it. */
const LOCALE_KEY = "/__portal/locale";

// Never saved: sign-in and token pages (nothing to read offline, secrets in their addresses),
// admin tools (rendered emails carry sign-in links) and addresses that are not pages.
const NEVER_SAVE = /^\/(admin|login|logout|forgot-password|reset-password|invite|unsubscribe|locale|offline|healthz|readyz|manifest\.webmanifest)(\/|\.|$)/;
// After these the saved pages belong to someone else, or speak the wrong language.
const FORGET_AFTER = /^\/(login|logout|locale)(\.data)?$/;

/**
 * Bumped whenever the saved pages are forgotten. A page still on its way when someone signs out
 * belongs to the session before, so it is dropped instead of saved.
 */
let generation = 0;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL);
      await shell.addAll([...LOCALES.map(offlineUrl), "/offline.js", "/icons/icon.svg"]);
      // A new build takes over at once: its pages must not wait for every tab to close.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && !CURRENT.includes(n)).map((n) => caches.delete(n)));
      // The page request starts while the worker is still waking up: slow phones gain most.
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (FORGET_AFTER.test(url.pathname)) event.respondWith(fetchThenForget(request));
    return;
  }
  if (url.pathname.startsWith("/assets/")) return event.respondWith(cacheFirst(event, ASSETS));
  if (url.pathname === "/__manifest") return event.respondWith(routeDiscovery(event));
  if (request.mode === "navigate") {
    // Frames (the outbox shows emails in one) are never saved: straight from the network.
    if (request.destination === "document") event.respondWith(page(event, url));
    else event.respondWith(Promise.resolve(event.preloadResponse).then((preloaded) => preloaded || fetch(request)));
    return;
  }
  if (url.pathname.endsWith(".data")) return event.respondWith(routeData(event, url));
  // Pages ask "can the portal be reached?" here; through the worker, the answer is its view
  // too. No answer is said calmly ({"ok":false}) rather than as a failed request.
  if (url.pathname === "/healthz") return event.respondWith(fetch(request).catch(() => Response.json({ ok: false })));
  if (url.pathname === "/offline.js" || url.pathname.startsWith("/icons/")) return event.respondWith(cacheFirst(event, SHELL));
  // Anything else (files, downloads, health checks) is the network's alone.
});

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message && message.type === "page") event.waitUntil(pageShown(message));
});

/** Signing in or out, or a new language: the answer, then every saved page is forgotten (even on failure). */
async function fetchThenForget(request) {
  try {
    return await fetch(request);
  } finally {
    await forgetPages();
  }
}

async function forgetPages() {
  generation += 1;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(`${PREFIX}pages-`)).map((n) => caches.delete(n)));
}

/** A document: the network, or its saved copy when the network fails or dawdles, or the offline page. */
async function page(event, url) {
  const save = !NEVER_SAVE.test(url.pathname);
  const key = keyOf(url);
  const network = fromNetwork(event, save ? key : null, isSavablePage);
  const saved = save ? await lookUp(PAGES, key) : undefined;
  try {
    const response = saved ? await within(network, NETWORK_WAIT_MS) : await network;
    // A proxy saying the portal is unreachable is no better than no network.
    if (saved && response.status >= 502 && response.status <= 504) return savedPage(saved);
    return response;
  } catch {
    return saved ? savedPage(saved) : offlinePage();
  }
}

/** The router's data for a page, keyed by the exact URL (its _routes say which loaders ran). */
async function routeData(event, url) {
  const pageUrl = pageOf(url);
  const save = !NEVER_SAVE.test(pageUrl.pathname);
  const started = generation;
  const network = fromNetwork(event, save ? url.href : null, isSavableData);
  const saved = save ? await lookUp(PAGES, url.href) : undefined;
  try {
    const response = saved ? await within(network, NETWORK_WAIT_MS) : await network;
    if (saved && response.status >= 502 && response.status <= 504) return savedData(event, saved);
    tell(event.clientId, { type: "live" });
    // Reached by a tap, not a page load: save the document too, so it opens after a restart offline.
    if (save && response.status === 200) event.waitUntil(saveDocument(pageUrl, started));
    return response;
  } catch {
    if (saved) return savedData(event, saved);
    // Nothing saved: have the router load the address as a document instead, which ends on the
    // saved copy of the page or on the offline page (React Router's own "reload document" reply).
    return new Response(null, {
      status: 204,
      headers: { "X-Remix-Redirect": pageUrl.pathname + pageUrl.search, "X-Remix-Status": "302", "X-Remix-Reload-Document": "true" },
    });
  }
}

/**
 * Route discovery: the router asks which routes the links on a page lead to. The answers depend
 * only on the build, so they are saved with the assets, network first. The code of those routes
 * is fetched too, in the background: offline, a tap on a link needs the next page's code before
 * anything else (the router reloads the page when it cannot load it).
 */
async function routeDiscovery(event) {
  const network = fromNetwork(event, null, () => false).then(async (response) => {
    if (response.ok) {
      const cache = await ownCache(ASSETS);
      if (cache) await cache.put(event.request.url, response.clone());
      event.waitUntil(
        response
          .clone()
          .json()
          .then((routes) => keepAssets(Object.values(routes).flatMap((r) => [r.module, ...(r.imports || []), ...(r.css || [])])))
          .catch(() => undefined),
      );
    }
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  const saved = await lookUp(ASSETS, event.request.url);
  try {
    return saved ? await within(network, NETWORK_WAIT_MS) : await network;
  } catch {
    // Offline with no answer for this exact set of links (pages whose links change, such as the
    // home's next steps): every route this build has told us about, so a tap still stays in the app.
    if (saved) return saved;
    const known = await knownRoutes(new URL(event.request.url).searchParams.get("version"));
    if (known) return known;
    // The reply the server gives after a deploy: the router then loads the next page as a document.
    return new Response(null, { status: 204, headers: { "X-Remix-Reload-Document": "true" } });
  }
}

/** The union of the saved route-discovery answers of one build, or null when there are none. */
async function knownRoutes(version) {
  const cache = await ownCache(ASSETS);
  if (!cache) return null;
  const routes = {};
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (url.pathname !== "/__manifest" || url.searchParams.get("version") !== version) continue;
    const answer = await cache.match(request);
    Object.assign(routes, await answer.json().catch(() => ({})));
  }
  if (!Object.keys(routes).length) return null;
  return new Response(JSON.stringify(routes), { headers: { "Content-Type": "application/json" } });
}

async function cacheFirst(event, name) {
  const hit = await lookUp(name, event.request);
  if (hit) return hit;
  const response = await fetch(event.request);
  const cache = response.ok && response.type === "basic" ? await ownCache(name) : null;
  if (cache) event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

/**
 * Starts the network request at once (the preloaded one for a page) and, if `key` is given and
 * the answer is worth keeping, saves a copy in the background.
 */
function fromNetwork(event, key, savable) {
  const started = generation;
  let saving = Promise.resolve();
  const response = Promise.resolve(event.request.mode === "navigate" ? event.preloadResponse : undefined)
    .then((preloaded) => preloaded || fetch(event.request))
    .then((response) => {
      if (key && savable(response)) saving = saveCopy(key, response.clone(), started);
      return response;
    });
  event.waitUntil(response.then(() => saving, () => undefined).catch(() => undefined));
  return response;
}

async function saveCopy(key, response, started) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, String(Date.now()));
  const copy = new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
  if (started !== generation) return;
  const cache = await ownCache(PAGES);
  if (!cache) return;
  await cache.put(key, copy);
  if (started !== generation) {
    await cache.delete(key);
    return;
  }
  // Oldest first in the cache's own order (a put moves an entry to the end).
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map((k) => cache.delete(k)));
}

async function saveDocument(pageUrl, started) {
  const key = keyOf(pageUrl);
  if (await lookUp(PAGES, key)) return;
  const response = await fetch(key, { credentials: "same-origin", headers: { Accept: "text/html" } }).catch(() => null);
  if (response && isSavablePage(response)) await saveCopy(key, response, started);
}

function isSavable(response, type) {
  return (
    response.status === 200 &&
    response.type === "basic" &&
    !response.redirected &&
    (response.headers.get("Content-Type") || "").startsWith(type) &&
    !/no-store/i.test(response.headers.get("Cache-Control") || "") &&
    !/attachment/i.test(response.headers.get("Content-Disposition") || "")
  );
}
const isSavablePage = (response) => isSavable(response, "text/html");
const isSavableData = (response) => isSavable(response, "text/x-script");

/** A saved page, marked so the shell's banner can say when it was saved. */
async function savedPage(saved) {
  const savedAt = (saved.headers.get(SAVED_AT) || "").replace(/\D/g, "");
  const html = (await saved.text()).replace("<head>", `<head><meta name="portal-saved-copy" content="${savedAt}">`);
  const headers = new Headers(saved.headers);
  headers.delete("Content-Length");
  return new Response(html, { status: 200, headers });
}

function savedData(event, saved) {
  tell(event.clientId, { type: "saved-copy", savedAt: Number(saved.headers.get(SAVED_AT)) || null });
  return saved;
}

async function offlinePage() {
  const stored = await lookUp(SHELL, LOCALE_KEY);
  const guess = (self.navigator.language || "").slice(0, 2).toLowerCase();
  const locale = stored ? await stored.text() : LOCALES.includes(guess) ? guess : LOCALES[0];
  const offline = (await lookUp(SHELL, offlineUrl(locale))) || (await lookUp(SHELL, offlineUrl(LOCALES[0])));
  return offline || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * A page of the portal was shown: remember its language; a signed-out page forgets every saved
 * page (however the session ended); the very first page, shown before this worker was in charge,
 * is saved with the files it loaded.
 */
async function pageShown(message) {
  if (typeof message.locale === "string" && LOCALES.includes(message.locale)) {
    const shell = await ownCache(SHELL);
    if (shell) await shell.put(LOCALE_KEY, new Response(message.locale));
  }
  if (!message.signedIn) return forgetPages();
  const started = generation;
  await keepAssets(Array.isArray(message.assets) ? message.assets : []);
  if (typeof message.url === "string") {
    const url = new URL(message.url, self.location.origin);
    if (url.origin === self.location.origin && !NEVER_SAVE.test(url.pathname)) await saveDocument(url, started);
  }
}

/** Build files not yet saved, one at a time so the page's own requests go first. */
async function keepAssets(hrefs) {
  const cache = await ownCache(ASSETS);
  if (!cache) return;
  for (const href of new Set(hrefs)) {
    if (typeof href !== "string") continue;
    const url = new URL(href, self.location.origin);
    if (url.origin !== self.location.origin || !url.pathname.startsWith("/assets/")) continue;
    if (await cache.match(url.href)) continue;
    const response = await fetch(url.href).catch(() => null);
    if (response && response.ok) await cache.put(url.href, response);
  }
}

function tell(clientId, message) {
  if (!clientId) return;
  self.clients.get(clientId).then((client) => client && client.postMessage(message));
}

function within(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer in time")), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** Reads one saved answer; unlike opening the cache, it never brings back a deleted one. */
function lookUp(name, key) {
  return caches.match(key, { cacheName: name, ignoreVary: true });
}

/**
 * Opens one of this build's caches to write, or null once a newer build's worker has deleted
 * them: this worker may still be finishing a request, and opening would bring them back for good.
 */
async function ownCache(name) {
  return (await caches.has(SHELL)) ? caches.open(name) : null;
}

/** The document address a data request belongs to: /me.data?_routes=x -> /me, /_.data -> /. */
function pageOf(url) {
  const pageUrl = new URL(url.href);
  pageUrl.pathname = pageUrl.pathname.replace(/(^|\/)_(root)?\.data$/, "$1").replace(/\.data$/, "");
  pageUrl.searchParams.delete("_routes");
  return pageUrl;
}

function keyOf(url) {
  return url.origin + url.pathname + url.search;
}

function offlineUrl(locale) {
  return `/offline?locale=${encodeURIComponent(locale)}`;
}
