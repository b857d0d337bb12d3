/*
 * Runs on the offline page (app/routes/offline.tsx), which the service worker shows when a page
 * was never saved on this phone. Lists the pages that were, so a salesperson can still reach them,
 * and loads the page asked for again as soon as the connection is back.
 */
(function () {
  "use strict";

  function retry() {
    location.reload();
  }

  // Reload by itself once the portal answers: asked when the phone says it is back online, and
  // now and then meanwhile (a line can come back without the phone noticing). /healthz goes
  // through the service worker, so its answer is the worker's view too.
  var pauses = [1000, 2000, 4000, 8000, 15000, 30000];
  var timer = null;
  function probe(i) {
    clearTimeout(timer);
    // Offline for sure: nothing to ask until the "online" event.
    if (!navigator.onLine) return;
    timer = setTimeout(function () {
      fetch("/healthz", { cache: "no-store" })
        .then(function (res) {
          return res.ok ? res.json() : { ok: false };
        })
        .then(function (health) {
          return health.ok === true;
        })
        .catch(function () {
          return false;
        })
        .then(function (answered) {
          if (answered) retry();
          else probe(Math.min(i + 1, pauses.length - 1));
        });
    }, i < 0 ? 0 : pauses[i]);
  }
  addEventListener("online", function () {
    probe(-1);
  });
  probe(0);
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("retry");
    if (button) button.addEventListener("click", retry);
    listSavedPages().catch(function () {
      // No list is no harm: the rest of the page still explains what works.
    });
  });

  async function listSavedPages() {
    if (!("caches" in self)) return;
    var names = (await caches.keys()).filter(function (n) {
      return n.indexOf("portal-pages-") === 0;
    });
    var pages = [];
    for (var i = 0; i < names.length; i++) {
      var cache = await caches.open(names[i]);
      var requests = await cache.keys();
      for (var j = 0; j < requests.length; j++) {
        var url = new URL(requests[j].url);
        if (/\.data$/.test(url.pathname) || url.pathname + url.search === location.pathname + location.search) continue;
        var response = await cache.match(requests[j]);
        if (!response) continue;
        // An inert copy: DOMParser runs no scripts and loads nothing.
        var doc = new DOMParser().parseFromString(await response.text(), "text/html");
        // Named as the page named itself: its menu entry ("Contests") and its heading.
        var parts = [doc.querySelector('nav [aria-current="page"]'), doc.querySelector("main h1")]
          .map(function (el) {
            return el ? el.textContent.trim() : "";
          })
          .filter(function (text, k, all) {
            return text && all.indexOf(text) === k;
          });
        pages.push({
          href: url.pathname + url.search,
          title: parts.join(" · ") || url.pathname,
          savedAt: Number(response.headers.get("x-portal-saved-at")) || 0,
        });
      }
    }
    if (!pages.length) return;
    pages.sort(function (a, b) {
      return b.savedAt - a.savedAt;
    });
    var list = document.getElementById("saved-list");
    pages.slice(0, 20).forEach(function (p) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = p.href;
      link.textContent = p.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    document.getElementById("saved").hidden = false;
  }
})();
