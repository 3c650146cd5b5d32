/* The schedule page's side of the offline schedule (barcamp_wagtail/views/offline.py).

   Links the web app manifest (from here, so that it works whatever blocks the host's base.html
   has), registers the page's service worker, hands it the same-origin files this page loaded
   (the host's stylesheets and fonts too) to keep, and shows the "as of" note when the worker
   answered with its kept copy. When the connection comes back, the kept files are renewed and
   a kept copy on screen is replaced by the renewed one. */
(function () {
  "use strict";
  var root = document.querySelector("[data-barcamp-schedule][data-offline-worker]");
  if (!root || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  var note = root.querySelector("[data-offline-note]");
  var showingCopy = false;

  if (!document.querySelector('link[rel="manifest"]')) {
    var link = document.createElement("link");
    link.rel = "manifest";
    link.href = root.getAttribute("data-offline-manifest");
    document.head.appendChild(link);
  }

  function showNote() {
    showingCopy = true;
    if (!note) return;
    // The note's texts and time come from the server that rendered the copy, in the site's
    // time zone and the page's language; the date is added when the copy is from another day.
    var made = new Date(note.getAttribute("data-generated"));
    var today = made.toDateString() === new Date().toDateString();
    note.textContent = note.getAttribute(today ? "data-label-today" : "data-label-earlier");
    note.hidden = false;
  }

  // Our files and the host's, never data fetched by scripts or files of other sites.
  function pageFiles() {
    var kinds = ["link", "script", "css", "img"];
    return performance.getEntriesByType("resource")
      .filter(function (entry) { return kinds.indexOf(entry.initiatorType) !== -1; })
      .map(function (entry) { return entry.name; })
      .filter(function (url) { return new URL(url).origin === window.location.origin; });
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    if (!event.data) return;
    if (event.data.type === "shown-from-copy" && event.data.value) showNote();
    // The page and its files are kept: from now on it opens without a connection.
    if (event.data.type === "kept") root.setAttribute("data-offline-ready", "");
    if (event.data.type === "refreshed") {
      // The kept copy is current again: a kept copy on screen gives way to it. When the
      // connection is not really back yet, try again a little later.
      if (event.data.ok && showingCopy) window.location.reload();
      else if (!event.data.ok && retries < 5) window.setTimeout(refresh, 5000 * ++retries);
    }
  });

  navigator.serviceWorker
    .register(root.getAttribute("data-offline-worker"), { scope: root.getAttribute("data-offline-scope") })
    .catch(function () { /* without a worker the page works as before */ });

  navigator.serviceWorker.ready.then(function (registration) {
    var controller = navigator.serviceWorker.controller;
    if (controller) controller.postMessage({ type: "shown-from-copy?" });
    var worker = controller || registration.active;
    if (worker) worker.postMessage({ type: "keep", page: window.location.href, urls: pageFiles() });
  });

  var retries = 0;
  function refresh() {
    var worker = navigator.serviceWorker.controller;
    if (worker) worker.postMessage({ type: "refresh" });
  }
  window.addEventListener("online", function () {
    retries = 0;
    refresh();
  });
})();
