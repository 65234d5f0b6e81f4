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
//   for a new deploy in the background (registration.update(), not awaited by
//   the navigation's event: see the fetch handler): the first
//   load after a deploy still shows the previous shell, the next the new one
//   (docs/deploy.md). Network only when nothing is cached. Widgets (/embed/…)
//   stay network-first: the host sends them headers of their own.
// - The shell's hashed files are answered from the cache (they never change
//   under their name), else from the network.
// - The data is NOT handled here: the app keeps its last good copy itself
//   (localStorage, key impact-atlas:data:v2; a large copy's body in the
//   caches impact-atlas-data-…, which the clean-up below leaves alone) and
//   decides what "good" is by validating it (src/data/load.rs). A bad
//   dataset can never be cached here.
// - Two shell pages (issue 14): index.html (the site) and embed.html (the
//   widgets, /embed/…, a smaller wasm). SHELLS lists each page's own files.
//   The worker caches the shell of the pages it is installed from, not both:
//   a widget's visitor does not pay for the dashboard's wasm, nor the other
//   way round; the other page's shell is cached once that page is used
//   (shellsToCache, completeShell, shellFor below).
// Scope: the folder this file is served from (the app's public URL).
'use strict';

const VERSION = 'dev';
const SHELL = [];
const SHELLS = {};

const CACHE = `impact-atlas-shell-${VERSION}`;
const PREFIX = 'impact-atlas-shell-';
const here = (path) => new URL(path, self.location.href).href;
const INDEX = here('index.html');
const SHELL_URLS = new Set(SHELL.map(here));

/** Whether `url` (of this origin) is a widget's address (`/embed/…` under the scope). */
function isWidget(url) {
  const scope = new URL(self.registration.scope).pathname;
  return url.pathname.startsWith(scope + 'embed/') || url.pathname === scope + 'embed';
}

/** The shell page that answers a navigation to `url`: embed.html for a widget when the build has one, else index.html. */
function shellFor(url) {
  return isWidget(url) && SHELLS['embed.html'] ? 'embed.html' : 'index.html';
}

/**
 * The files to cache at install: the shells of the pages open in scope (the
 * page that registered the worker) and those the previous version had cached
 * (an update keeps what the visitor used). With neither, index.html's. A
 * build without SHELLS (older hook) caches SHELL whole.
 */
async function shellsToCache() {
  if (!SHELLS['index.html']) return SHELL;
  const pages = new Set();
  const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const c of open) pages.add(shellFor(new URL(c.url)));
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const old = await caches.open(key);
    for (const p of Object.keys(SHELLS)) if (await old.match(here(p))) pages.add(p);
  }
  if (pages.size === 0) pages.add('index.html');
  return [...new Set([...pages].flatMap((p) => SHELLS[p] ?? []))];
}

/**
 * Once a page's wasm (`href`) was fetched through the worker, caches the rest
 * of that page's shell (its page included): a widget seen after the dashboard,
 * or the dashboard after a widget, then works offline too.
 */
async function completeShell(cache, href) {
  if (!href.endsWith('_bg.wasm')) return;
  for (const files of Object.values(SHELLS)) {
    if (!files.some((f) => here(f) === href)) continue;
    for (const f of files) {
      if (await cache.match(here(f))) continue;
      await cache.add(new Request(here(f), { cache: f.endsWith('.html') ? 'no-cache' : 'default' }));
    }
  }
}

// Static routes (H36): this version's cached files, without the worker.
function addRoutes(event, files) {
  if (!event.addRoutes) return;
  const rules = files
    .filter((f) => !f.endsWith('.html'))
    .map((f) => ({ condition: { urlPattern: new URLPattern({ pathname: new URL(here(f)).pathname }) }, source: { cacheName: CACHE } }));
  return event.addRoutes(rules).catch(() => {});
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    Promise.all([caches.open(CACHE), shellsToCache()])
      // `no-cache` for the pages, so that the cached index.html / embed.html is the one of
      // this version; the hashed files may come from the HTTP cache.
      .then(([cache, files]) =>
        Promise.all([
          addRoutes(event, files),
          ...files.map((path) =>
            cache.add(new Request(here(path), { cache: path.endsWith('.html') ? 'no-cache' : 'default' })),
          ),
        ]),
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

/** The cached shell page that answers `url` (embed.html for a widget when cached), else index.html. */
const cachedShell = (url) =>
  caches
    .open(CACHE)
    .then((cache) => cache.match(here(shellFor(url))).then((hit) => hit || cache.match(INDEX)))
    .catch(() => undefined);

/** Network first, else the cached shell page. */
const networkFirst = (request, url) =>
  fetch(request).catch(() => cachedShell(url).then((cached) => cached || Response.error()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (!isAppPage(url)) return;
    if (isWidget(url)) {
      event.respondWith(networkFirst(request, url));
      return;
    }
    // A failed check (offline) changes nothing. Not held by this event
    // (no waitUntil): the browser runs the update job itself, and a fetch
    // event kept open on it kept this worker busy, so that a new worker,
    // installed and skipping its wait, was not activated for over 35 s
    // (a fresh-clone CI run of 1 December; Chromium activates a waiting
    // worker once the active one has no event in flight).
    self.registration.update().catch(() => undefined);
    event.respondWith(cachedShell(url).then((cached) => cached || networkFirst(request, url)));
    return;
  }
  url.search = '';
  url.hash = '';
  if (!SHELL_URLS.has(url.href) || url.href.endsWith('.html')) return;
  // A shell file not cached at install (the other shell's, first used
  // online): kept once fetched, and the rest of its page's shell with it, so
  // that the page works offline next time.
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(url.href).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok && response.type === 'basic') {
              event.waitUntil(
                cache
                  .put(url.href, response.clone())
                  .then(() => completeShell(cache, url.href))
                  .catch(() => {}),
              );
            }
            return response;
          }),
      ),
    ),
  );
});
