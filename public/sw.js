// The service worker: the app shell offline after the first visit
// (docs/deploy.md, "Offline and updates").
//
// - The shell is the release build's own files (index.html, the hashed
//   loader, JS, wasm and CSS, the favicon). tools/trunk-csp.mjs writes their
//   list and a version (a hash of them) into the two lines below at build
//   time, so every deploy changes this file's bytes: the browser then installs
//   the new worker, which caches the new shell, takes over at once and deletes
//   the old shell. Nothing old can stay stuck.
// - Pages (deep links too) come from the cache at once, and the worker looks
//   for a new deploy in the background (registration.update()): the first
//   load after a deploy still shows the previous shell, the next the new one
//   (docs/deploy.md). Network only when nothing is cached. Widgets (/embed/…)
//   stay network-first: the host sends them headers of their own.
// - The shell's hashed files are answered from the cache (they never change
//   under their name), else from the network.
// - The data is NOT handled here: the app keeps its last good copy itself
//   (localStorage, key impact-atlas:data:v2) and decides what "good" is by
//   validating it (src/data/load.rs). A bad dataset can never be cached here.
// Scope: the folder this file is served from (the app's public URL).
'use strict';

const VERSION = 'dev';
const SHELL = [];

const CACHE = `impact-atlas-shell-${VERSION}`;
const PREFIX = 'impact-atlas-shell-';
const here = (path) => new URL(path, self.location.href).href;
const INDEX = here('index.html');
const SHELL_URLS = new Set(SHELL.map(here));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `no-cache` for the page, so that the cached index.html is the one of
      // this version; the hashed files may come from the HTTP cache.
      .then((cache) =>
        Promise.all(
          SHELL.map((path) =>
            cache.add(new Request(here(path), { cache: path === 'index.html' ? 'no-cache' : 'default' })),
          ),
        ),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** A page of the app (no file extension), as the server's SPA fallback sees it. */
function isAppPage(url) {
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return false;
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  return last === '' || last === 'index.html' || !last.includes('.');
}

/** A widget's page (`/embed/…` under the scope). */
function isWidget(url) {
  const rest = url.pathname.slice(new URL(self.registration.scope).pathname.length);
  return rest === 'embed' || rest.startsWith('embed/');
}

const cachedIndex = () =>
  caches
    .open(CACHE)
    .then((cache) => cache.match(INDEX))
    .catch(() => undefined);

/** Network first, else the cached index.html. */
const networkFirst = (request) => fetch(request).catch(() => cachedIndex().then((cached) => cached || Response.error()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (!isAppPage(url)) return;
    if (isWidget(url)) {
      event.respondWith(networkFirst(request));
      return;
    }
    // A failed check (offline) changes nothing.
    event.waitUntil(self.registration.update().catch(() => undefined));
    event.respondWith(cachedIndex().then((cached) => cached || networkFirst(request)));
    return;
  }
  url.search = '';
  url.hash = '';
  if (!SHELL_URLS.has(url.href) || url.href === INDEX) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(url.href))
      .then((cached) => cached || fetch(request)),
  );
});
