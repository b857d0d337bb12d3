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
  addEventListener("online", retry);
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
