// The boot's timeline of a cold and a repeat visit (issue 14, H35): when the
// wasm is requested and arrives, when the page is parsed (DOMContentLoaded),
// when the app mounts, and when a map and a chart are painted (the seed's or
// snapshot's, or the app's) and drawn by the app; phone, 4x CPU, medians.
//
//   node tools/boot-timeline.mjs [--dist dist] [--runs 3] [--laptop] [--path /?lang=en]
//     [--no-worker | --stop-worker] [--again] [--new-tab] [--dark]
//
// --dark: the visitor's colour scheme is dark (the cold visit's seed is then
// the dark one: tools/seed.mjs).
// The repeat visit's own columns (H36): the navigation's answer (`navStart`:
// the service worker's start, else the request's; `navResp`: its first byte),
// the stylesheet's, boot script's and snapshot script's ends (`css`, `boot`,
// `snapJs`), and whether a worker controlled the page (`controlled`; with
// --verbose, where the snapshot script came from: `snapSrc`, a static route's
// source). --no-worker: no service worker at all (the HTTP cache only);
// --stop-worker: the worker stopped before the repeat visit, as after its
// idle timeout (a real repeat visit comes minutes or days later).
// --again: a third visit, a second repeat in the same tab (`again`): the first
// page a worker controls cannot reuse the memory cache of the uncontrolled cold
// visit, the second can (docs/bench.md, eleventh pass). --new-tab: each visit
// after the cold one in a new tab of the same context, so with no memory cache
// (the HTTP cache and the worker's Cache Storage stay), as tools/bench.mjs's
// "later" visit (which also stops the worker first: add --stop-worker).
import { startServer } from '../tests/e2e/serve.mjs';
import { launch, waitInPage, stopServiceWorkers } from './chromium.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const dist = opt('dist', 'dist');
const runs = Number(opt('runs', '3'));
const path = opt('path', '/');
const noWorker = argv.includes('--no-worker');
const stopWorker = argv.includes('--stop-worker');
const VISITS = argv.includes('--again') ? ['cold', 'repeat', 'again'] : ['cold', 'repeat'];
const newTab = argv.includes('--new-tab');
const colorScheme = argv.includes('--dark') ? 'dark' : 'light';
const device = argv.includes('--laptop')
  ? { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 }
  : { viewport: { width: 412, height: 915 }, deviceScaleFactor: 1.75 };

const INIT = () => {
  const t = (window.__tl = {});
  const now = () => Math.round(performance.now());
  document.addEventListener('DOMContentLoaded', () => (t.dcl = now()));
  // The cold visit's seed (boot/fallback.js): when its promise settles (data
  // hashed, seed file read), and when a seed or snapshot is put in the page.
  let seed;
  Object.defineProperty(window, 'impactAtlasSeed', {
    configurable: true,
    get: () => seed,
    set: (p) => {
      seed = p;
      p?.then?.((v) => (t.seedOk = v ? now() : -1));
    },
  });
  new MutationObserver(() => {
    if (!t.placed && document.documentElement.hasAttribute('data-snapshot')) t.placed = now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-snapshot"] });
  addEventListener('TrunkApplicationStarted', () => (t.started = now()));
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') t.fcp = Math.round(e.startTime);
  }).observe({ type: 'paint', buffered: true });
  let longest = 0;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (!t.ready) longest = Math.max(longest, e.duration);
    t.longest = Math.round(longest);
  }).observe({ type: 'longtask' });
  const after = (k) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => (t[k] = now());
    ch.port2.postMessage(0);
  };
  const check = () => {
    const root = document.documentElement;
    if (!t.mounted && root.hasAttribute('data-app-mounted')) t.mounted = now();
    const map = document.querySelector('[data-region], [data-country]');
    const chart = document.querySelector('figure[data-draws]:not([data-draws="0"])');
    const snap = document.querySelector('svg[data-snapshot-map]') && [...document.querySelectorAll('img[data-snapshot-chart]')].some((i) => i.complete && i.naturalWidth > 0);
    if (!t.paintedSeen && ((map && chart) || snap)) {
      t.paintedSeen = true;
      after('painted');
    }
    if (map && chart) {
      t.controlled = navigator.serviceWorker?.controller ? 1 : 0;
      const nav = performance.getEntriesByType('navigation')[0];
      if (nav) {
        t.navStart = Math.round(nav.workerStart || nav.requestStart);
        t.navResp = Math.round(nav.responseStart);
        t.navEnd = Math.round(nav.responseEnd);
      }
      for (const r of performance.getEntriesByType('resource')) {
        if (/\/style-[0-9a-f]+\.css$/.test(r.name)) {
          t.cssStart = Math.round(r.startTime);
          t.css = Math.round(r.responseEnd);
        }
        if (/\/fallback-[0-9a-f]+\.js$/.test(r.name)) t.boot = Math.round(r.responseEnd);
        if (/\/snapshot-[0-9a-f]+\.js$/.test(r.name)) {
          t.snapJs = Math.round(r.responseEnd);
          // Where it came from (Chromium: a static route's source, H36).
          t.snapSrc = `${r.workerMatchedSourceType ?? ''}/${r.workerFinalSourceType ?? ''}`;
        }
        if (/impact\.json$/.test(r.name)) t.dataEnd = Math.round(r.responseEnd);
        if (/seed-[a-z-]+[0-9a-f]+\.json$/.test(r.name)) t.seedEnd = Math.round(r.responseEnd);
        if (r.name.endsWith('.wasm')) {
          t.wasmStart = Math.round(r.startTime);
          t.wasmEnd = Math.round(r.responseEnd);
        }
      }
      return after('ready');
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

const KEYS = ['navStart', 'navResp', 'navEnd', 'cssStart', 'css', 'boot', 'snapJs', 'wasmStart', 'wasmEnd', 'dcl', 'fcp', 'dataEnd', 'seedEnd', 'seedOk', 'placed', 'started', 'mounted', 'painted', 'ready', 'longest', 'controlled'];
const median = (v) => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
};

const srv = await startServer({ dir: dist });
const browser = await launch();
const rows = Object.fromEntries(VISITS.map((v) => [v, []]));
try {
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ ...device, colorScheme, locale: 'en-US', serviceWorkers: noWorker ? 'block' : 'allow' });
    await context.addInitScript(INIT);
    let page, cdp;
    const openTab = async () => {
      page = await context.newPage();
      if (argv.includes('--verbose')) page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
      page.on('pageerror', (e) => console.log('pageerror:', e.message));
      cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    };
    await openTab();
    for (const visit of VISITS) {
      if (visit !== 'cold' && stopWorker) {
        // Installed and active first (registered once the app has drawn).
        await page
          .waitForFunction(async () => !!navigator.serviceWorker?.controller, null, { timeout: 10_000, polling: 100 })
          .catch(() => {});
        await stopServiceWorkers(cdp);
        await page.waitForTimeout(300);
      }
      if (visit !== 'cold' && newTab) {
        await page.close();
        await openTab();
        await page.waitForTimeout(300);
      }
      await page.goto(srv.url + path, { waitUntil: 'commit' });
      // Through CDP: Playwright's own script is not injected during the load.
      await waitInPage(cdp, 'window.__tl?.ready', { timeout: 60_000 });
      await page.waitForTimeout(300);
      rows[visit].push(await page.evaluate(() => window.__tl));
      if (visit === 'cold')
        await page
          .waitForFunction(() => localStorage.getItem('impact-atlas:snapshot:v1') !== null, null, { timeout: 10_000, polling: 100 })
          .catch(() => {});
    }
    await context.close();
  }
} finally {
  await browser.close();
  await srv.close?.();
}
console.log(`${dist} ${path}${noWorker ? ' (no worker)' : stopWorker ? ' (worker stopped)' : ''}${newTab ? ' (repeat visits in a new tab)' : ''}${colorScheme === 'dark' ? ' (dark scheme)' : ''}, ${argv.includes('--laptop') ? 'laptop' : 'phone'}, 4x CPU, medians of ${runs} (ms from navigation)`);
console.log(['visit'.padEnd(8), ...KEYS.map((k) => k.padStart(9))].join(''));
for (const visit of VISITS)
  console.log([visit.padEnd(8), ...KEYS.map((k) => String(median(rows[visit].map((x) => x[k]))).padStart(9))].join(''));
if (argv.includes('--verbose')) console.log(JSON.stringify(rows));
process.exit(0);
