// chanlab's service worker, served at /app-worker.js: go-app's
// ServiceWorkerTemplate, filled with the version and the files to cache.
//
// After one visit everything a run needs is in one cache per version: the
// pages, app.wasm, the run worker (runner.js, runner.wasm) and the loader.
// Requests are answered from that cache first, so chanlab works offline.
//
// A new deploy changes the version, so this script changes and the browser
// installs the new worker next to the old one. It does not take over by
// itself: a page keeps running the version it started with (a run in
// progress never reloads or mixes versions) and offers a reload; its
// button posts {chanlab: "activate"}, and the new worker then takes over
// every tab of chanlab.
"use strict";

const cacheName = "app-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  // All or nothing: if one file fails, this version is not installed and
  // the previous one keeps serving. A version must never cache another
  // version's file: "reload" skips the HTTP cache. The wasm files, which
  // the page has just downloaded (1.8 and 1 MB compressed), are only
  // revalidated ("no-cache"): their ETags are their hashes, so the server
  // answers 304 unless they changed. Smaller files may be validated by a
  // date to the second, which a quick redeploy can fool: they are fetched
  // anew.
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) =>
        cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: url.endsWith(".wasm") ? "no-cache" : "reload" })))
      )
  );
});

self.addEventListener("activate", (event) => {
  // The previous versions' caches go; clients.claim lets a first visit's
  // page use this worker at once, without a reload.
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("app-") && key !== cacheName)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.chanlab === "activate") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return; // the network's, as without a worker
  }
  event.respondWith(
    request.mode === "navigate" ? page(request) : cachedOrFetched(request)
  );
});

async function cachedOrFetched(request) {
  const cache = await caches.open(cacheName);
  return (await cache.match(request)) || fetch(request);
}

// page answers a navigation. Pages are cached by path: the knobs in the
// query string are read by the app, not by the server, so /prodcons?buffer=1
// is /prodcons. A page that was never cached comes from the network; offline,
// it gets the home page, whose app then routes by the address bar's path.
async function page(request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) {
    return unredirected(cached);
  }
  try {
    return await fetch(request);
  } catch (err) {
    // The home page is the worker's scope: / on the server, the base
    // path (/chanlab/) on a static host.
    const home = await cache.match(self.registration.scope);
    if (home) {
      return unredirected(home);
    }
    throw err;
  }
}

// unredirected is a cached page as a plain response. A static host may
// have answered the page's path with a redirect (a file server sends
// /chanlab/prodcons to /chanlab/prodcons/), and browsers refuse a
// redirected response to a navigation.
function unredirected(response) {
  if (!response.redirected) {
    return response;
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
