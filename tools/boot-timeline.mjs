// The boot's timeline of a cold and a repeat visit (issue 14, H35): when the
// wasm is requested and arrives, when the page is parsed (DOMContentLoaded),
// when the app mounts, and when a map and a chart are painted (the seed's or
// snapshot's, or the app's) and drawn by the app; phone, 4x CPU, medians.
//
//   node tools/boot-timeline.mjs [--dist dist] [--runs 3] [--laptop]
import { startServer } from '../tests/e2e/serve.mjs';
import { launch } from './chromium.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const dist = opt('dist', 'dist');
const runs = Number(opt('runs', '3'));
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
      for (const r of performance.getEntriesByType('resource')) {
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

const KEYS = ['wasmStart', 'wasmEnd', 'dcl', 'fcp', 'dataEnd', 'seedEnd', 'seedOk', 'placed', 'started', 'mounted', 'painted', 'ready', 'longest'];
const median = (v) => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
};

const srv = await startServer({ dir: dist });
const browser = await launch();
const rows = { cold: [], repeat: [] };
try {
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ ...device, locale: 'en-US' });
    await context.addInitScript(INIT);
    const page = await context.newPage();
    if (argv.includes("--verbose")) page.on("console", (m) => console.log("console:", m.text().slice(0, 300)));
    page.on("pageerror", (e) => console.log("pageerror:", e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    for (const visit of ['cold', 'repeat']) {
      await page.goto(srv.url + '/', { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__tl?.ready, null, { timeout: 60_000, polling: 100 });
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
console.log(`${dist}, ${argv.includes('--laptop') ? 'laptop' : 'phone'}, 4x CPU, medians of ${runs} (ms from navigation)`);
console.log(['visit'.padEnd(8), ...KEYS.map((k) => k.padStart(9))].join(''));
for (const visit of ['cold', 'repeat'])
  console.log([visit.padEnd(8), ...KEYS.map((k) => String(median(rows[visit].map((x) => x[k]))).padStart(9))].join(''));
if (argv.includes('--verbose')) console.log(JSON.stringify(rows));
process.exit(0);
