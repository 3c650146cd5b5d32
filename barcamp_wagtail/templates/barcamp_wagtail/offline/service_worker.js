{% comment %}
The offline schedule's service worker, served by barcamp_wagtail/views/offline.py below the
schedule page's URL with its settings written in (CONFIG).
{% endcomment %}/* The schedule page, offline.
   The page: from the network first; its kept copy when the network fails, answers with a server
   error or is slower than CONFIG.networkTimeout (the copy is renewed once the answer comes).
   The files the page uses: from the kept copy, renewed in the background.
   Only GET requests to this site are kept, never a response marked private or no-store, and
   copies of the page are fetched without cookies: what is kept is what every visitor sees. */
"use strict";
const CONFIG = {{ config|safe }};
const CACHE = CONFIG.cache + "-" + CONFIG.version;
const FILE_KINDS = ["style", "script", "font", "image", "manifest"];
// Windows whose page came from the kept copy (by client id), for their "as of" note.
const shownFromCopy = new Set();

function keepable(response) {
  if (!response || !response.ok || response.type !== "basic") return false;
  return !/private|no-store/i.test(response.headers.get("Cache-Control") || "");
}

function sameOrigin(url) {
  return new URL(url, self.location.href).origin === self.location.origin;
}

function inScope(url) {
  const address = new URL(url, self.location.href);
  return sameOrigin(address) && address.pathname.startsWith(new URL(CONFIG.scope, self.location.href).pathname);
}

// One copy per view of the page (day and topic filters); the fragment never reaches a server.
function pageKey(url) {
  const address = new URL(url, self.location.href);
  address.hash = "";
  return address.href;
}

async function fetchAndKeep(url, isPage) {
  const response = await fetch(url, { credentials: isPage ? "omit" : "same-origin", cache: "no-cache" });
  if (!keepable(response)) return false;
  await (await caches.open(CACHE)).put(isPage ? pageKey(url) : url, response);
  return true;
}

async function keptCopy(key) {
  const cache = await caches.open(CACHE);
  // Django varies its pages on Cookie and Accept-Language; a copy is a copy whatever they were.
  return (await cache.match(key, { ignoreVary: true })) || (await cache.match(pageKey(CONFIG.scope), { ignoreVary: true }));
}

function timeout(milliseconds) {
  return new Promise((resolve, reject) => setTimeout(() => reject(new Error("timeout")), milliseconds));
}

async function servePage(event) {
  const key = pageKey(event.request.url);
  const network = fetch(event.request).then(async (response) => {
    if (keepable(response)) {
      await (await caches.open(CACHE)).put(key, response.clone());
    } else if (response.ok && response.type === "basic") {
      // A page for a signed-in user (private): keep the public page instead.
      await fetchAndKeep(key, true).catch(() => {});
    }
    return response;
  });
  event.waitUntil(network.catch(() => {}));
  let response;
  try {
    response = await Promise.race([network, timeout(CONFIG.networkTimeout)]);
    if (response.status < 500) return response;
  } catch (error) {
    // no answer (yet): the kept copy, if there is one
  }
  const copy = await keptCopy(key);
  if (!copy) return response || network;
  shownFromCopy.add(event.resultingClientId);
  return copy;
}

async function serveFile(event) {
  const cache = await caches.open(CACHE);
  const copy = await cache.match(event.request, { ignoreVary: true });
  const network = fetch(event.request).then(async (response) => {
    if (keepable(response)) await cache.put(event.request, response.clone());
    return response;
  });
  if (!copy) return network;
  event.waitUntil(network.catch(() => {}));
  return copy;
}

// Everything kept, fetched anew; true when every copy of the page could be renewed.
async function renewAll() {
  const cache = await caches.open(CACHE);
  const requests = await cache.keys();
  const renewed = await Promise.all(
    requests.map((request) => fetchAndKeep(request.url, inScope(request.url)).catch(() => false))
  );
  return requests.every((request, index) => renewed[index] || !inScope(request.url));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all([fetchAndKeep(CONFIG.scope, true), ...CONFIG.assets.map((url) => fetchAndKeep(url, false))])
      .catch(() => {})
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((name) => name.startsWith(CONFIG.cache + "-") && name !== CACHE).map((name) => caches.delete(name)))
    ).then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !sameOrigin(request.url)) return;
  if (request.mode === "navigate") {
    if (inScope(request.url)) event.respondWith(servePage(event));
  } else if (FILE_KINDS.includes(request.destination)) {
    event.respondWith(serveFile(event));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "shown-from-copy?") {
    event.source.postMessage({ type: "shown-from-copy", value: shownFromCopy.delete(event.source.id) });
  } else if (data.type === "keep") {
    const client = event.source;
    event.waitUntil(keepFiles(data).then(() => client.postMessage({ type: "kept" })));
  } else if (data.type === "refresh") {
    const client = event.source;
    event.waitUntil(renewAll().then((ok) => client.postMessage({ type: "refreshed", ok })));
  }
});

// The files a page loaded before this worker controlled it, and the view of the page itself.
async function keepFiles(data) {
  const cache = await caches.open(CACHE);
  const urls = (Array.isArray(data.urls) ? data.urls : []).filter((url) => typeof url === "string" && sameOrigin(url));
  const wanted = urls.map((url) => [url, false]);
  if (typeof data.page === "string" && inScope(data.page)) wanted.push([data.page, true]);
  await Promise.all(
    wanted.map(async ([url, isPage]) => {
      if (await cache.match(isPage ? pageKey(url) : url, { ignoreVary: true })) return;
      await fetchAndKeep(url, isPage).catch(() => {});
    })
  );
}
