// The cleaners' page's service worker: it keeps the page's own files, so
// the page opens without a network and shows the last day it saw (the page
// keeps that itself). The network is asked first, so an update of the page
// reaches the phone at once; the API is never kept here.
"use strict";

const CACHE = "renos-app-1";
const SHELL = ["/app/", "/app/app.js", "/app/app.css", "/app/icon.svg", "/app/manifest.webmanifest"];

self.addEventListener("install", (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(SHELL))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== location.origin) return;
  if (!SHELL.includes(url.pathname) && url.pathname !== "/app/index.html") return;
  // The page, however it was opened, is kept as /app/.
  const key = e.request.mode === "navigate" || url.pathname === "/app/index.html" ? "/app/" : url.pathname;
  e.respondWith(
    fetch(e.request)
      .then((r) => {
        if (r.ok) {
          const copy = r.clone();
          e.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
        }
        return r;
      })
      .catch(() => caches.match(key).then((kept) => kept || Response.error()))
  );
});
