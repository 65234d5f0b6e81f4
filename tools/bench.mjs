// `make bench`: size and speed of the release build (dist/) against a static
// floor generated from it, in headless Chromium (Debian's, through Playwright).
//
//   node tools/bench.mjs [--runs 3] [--changes 48] [--no-large] [--dist dist]
//                        [--profile out.cpuprofile] [--interaction-only] [--widgets-only] [--json out.json]
//                        [--loads-only] [--load-profile PREFIX] [--press-ms 0] [--no-worker]
//   BENCH_RUNS=7 node tools/bench.mjs      (the full medians of 7; 128 changes)
//
// What it prints (docs/bench.md explains each line):
// 1. bytes per file of dist/ (raw, gzip -9, brotli -q 11), and per route kind:
//    the files a first visit of the dashboard (/) and of a widget
//    (/embed/map, /embed/chart/by-area) actually requests;
// 2. loads at 4x CPU slowdown (CDP Emulation.setCPUThrottlingRate), phone
//    (412 px, DPR 1.75) and laptop (1440 px, DPR 1), with and without a slow
//    4G profile (CDP Network.emulateNetworkConditions: 562.5 ms RTT,
//    1.6 Mbit/s down, 750 kbit/s up, as DevTools' "Slow 4G"): first
//    contentful paint, headline numbers shown, map and a chart painted, and
//    the longest task (PerformanceObserver "longtask") until then, and the
//    longest in the 700 ms after it (the data's copy and the snapshot saved:
//    still the load, "after ready"); a cold
//    visit (empty cache), a repeat visit in the same tab, then a later visit
//    in a new tab of the same browser context (no memory cache, the service
//    worker stopped: a visit hours later);
//    the app and the floor interleaved, each run in a fresh context; medians;
// 3. filter change or map click -> next frame at 4x CPU on the phone: p50 and
//    p95 over many changes (map clicks, the area and gender selects, clear),
//    with the app's own "map-draw" and "charts-redraw" measures beside;
// 4. the same load and interaction on a valid dataset of about 2 MiB;
// 5. widgets: from a host page's insertion of the iframe to the widget's
//    first paint (a headline figure, the map, a chart), cold and repeat, at
//    4x CPU on the phone;
// 6. the ratios of the app to the floor.
//
// The floor is the same first screen as a static page: the app's DOM once
// it has painted (same CSS file, numbers as text, the map as inline SVG) with
// each chart canvas replaced by a PNG of its pixels, no script. It is served
// by the same server (the e2e server, tests/e2e/serve.mjs, behind a small
// proxy that adds brotli as a real host would) under /__floor/<width>/.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { join, relative, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer } from '../tests/e2e/serve.mjs';
import { launch, collectErrors, settle as settlePage, waitInPage, stopServiceWorkers } from './chromium.mjs';
import { grownDataset } from './grow-dataset.mjs';
import { smallestPicture } from './webp.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const runs = Number(opt('runs', process.env.BENCH_RUNS ?? 3));
const changes = Number(opt('changes', runs >= 7 ? 128 : 48));
const dist = opt('dist', 'dist');
const withLarge = !argv.includes('--no-large');
const profileOut = opt('profile', null);
const interactionOnly = argv.includes('--interaction-only');
// Milliseconds between a map click's press and release (0, the default: the
// release is sent as soon as the press is dispatched, about one frame later
// at 4x CPU; a person holds a click for about 100 ms). Not the default, so
// that the metric stays comparable with earlier runs (docs/bench.md, H27).
const pressMs = Number(opt('press-ms', 0));
const widgetsOnly = argv.includes('--widgets-only');
// Only the loads (section 3, and 5 without its interaction): no widgets, no filter changes.
const loadsOnly = argv.includes('--loads-only');
// The loads without the service worker (Playwright's `serviceWorkers: 'block'`):
// the HTTP cache only, as the floor has (docs/bench.md, tenth pass).
const noWorker = argv.includes('--no-worker');
// CPU profiles of the first run's app load on the phone (no network throttling), cold and
// repeat: PREFIX-cold.cpuprofile and PREFIX-repeat.cpuprofile, with their top self times
// and every long task printed.
const loadProfile = opt('load-profile', null);
const jsonOut = opt('json', null);
// Growth (issue 14): the shipped dataset grown to 1k, 10k, 100k observations,
// readable (r) or compact (c) form. `--growth-only` runs only that section.
const growthOnly = argv.includes('--growth-only');
const growthList = opt('growth', growthOnly ? 'r1k,r10k,c1k,c10k,c100k' : 'c1k,c10k').split(',').filter(Boolean);
const CPU = 4;
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
const DEVICES = {
  phone: { viewport: { width: 412, height: 915 }, deviceScaleFactor: 1.75 },
  laptop: { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
};
const MEASURES = ['map-draw', 'charts-redraw'];

/**
 * A valid dataset just under the 2 MiB limit: the shipped one, its
 * observations repeated once per period (2001, 2002, …), each copy as
 * consistent as the original. Many periods are what makes lookups per chart
 * row quadratic when the observations are scanned instead of indexed.
 */
export async function largeDataset(limit = 2 * 1024 * 1024 - 64 * 1024) {
  const ds = JSON.parse(await readFile('public/data/impact.json', 'utf8'));
  const base = ds.observations.filter((o) => o.period === undefined);
  const size = () => Buffer.byteLength(JSON.stringify(ds));
  const copy = Buffer.byteLength(JSON.stringify(base));
  let year = 2001;
  while (size() + copy + base.length * 18 < limit) {
    for (const o of base) ds.observations.push({ ...o, period: String(year) });
    year++;
  }
  return JSON.stringify(ds);
}

// ── numbers ──
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const quantile = (values, q) => {
  const s = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
};
const median = (v) => quantile(v, 0.5);
const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'n/a');
const sec = (v) => (Number.isFinite(v) ? `${(v / 1000).toFixed(2)} s` : 'n/a');
const msEvent = (v) => (v < 16 ? '< 16 ms' : ms(v));
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
const compressedSizes = (buf) => ({ raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, brotli: brotli(buf).length });

async function filesOf(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesOf(p)));
    else out.push(p);
  }
  return out;
}

// ── the server: the e2e server behind a brotli proxy, plus the floor ──
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json|geo\+json)|image\/svg)/;
const FLOOR_MIME = { '.html': 'text/html; charset=utf-8', '.webp': 'image/webp' };

// etag → brotli body, shared by the servers (brotli -q 11 of the wasm takes
// seconds: it must not fall inside a measured load; see warm()).
const brCache = new Map();

/** Requests every file once, so that each is compressed before any measure. */
async function warm(srv, paths) {
  for (const p of paths) await fetch(srv.url + p, { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer());
}

async function benchServer({ dataBody = null } = {}) {
  const inner = await startServer({ dir: dist });
  const floor = new Map(); // /__floor/… → Buffer
  const send = (req, res, status, headers, body) => {
    const type = headers['content-type'] ?? '';
    if (status === 200 && body && COMPRESSIBLE.test(type) && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
      const key = headers.etag ?? createHash('sha1').update(body).digest('hex');
      if (!brCache.has(key)) brCache.set(key, brotli(body));
      body = brCache.get(key);
      headers['content-encoding'] = 'br';
      headers.vary = 'Accept-Encoding';
    }
    if (body) headers['content-length'] = String(body.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let local = floor.get(url.pathname);
      if (!local && dataBody && url.pathname.endsWith('/data/impact.json')) local = Buffer.from(dataBody);
      if (local) {
        const etag = '"' + createHash('sha1').update(local).digest('base64url').slice(0, 20) + '"';
        const type = url.pathname.endsWith('.json') ? 'application/json' : FLOOR_MIME[extname(url.pathname)] ?? 'application/octet-stream';
        const cache = type.startsWith('image/') ? 'public, max-age=0, must-revalidate' : 'no-cache';
        if ((req.headers['if-none-match'] ?? '').includes(etag)) return send(req, res, 304, { etag, 'cache-control': cache }, null);
        return send(req, res, 200, { 'content-type': type, etag, 'cache-control': cache }, local);
      }
      const headers = {};
      for (const h of ['if-none-match', 'if-modified-since', 'origin']) if (req.headers[h]) headers[h] = req.headers[h];
      const r = await fetch(inner.url + req.url, { method: req.method, headers, redirect: 'manual' });
      const out = {};
      r.headers.forEach((v, k) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) out[k] = v;
      });
      const body = r.status === 304 || req.method === 'HEAD' ? null : Buffer.from(await r.arrayBuffer());
      send(req, res, r.status, out, body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    floor,
    close: async () => {
      await new Promise((r) => server.close(() => r()));
      await inner.close();
    },
  };
}

// ── in the page: paint times, the longest task, "map and chart painted" ──
const INIT = () => {
  const b = (window.__bench = { longest: 0, longAt: 0, longestAfter: 0, fcp: NaN, kpi: NaN, painted: NaN, ready: NaN, tasks: [] });
  // The wasm module's memory, from Trunk's loader event (its detail is the
  // module's exports): for the growth section's memory column.
  addEventListener('TrunkApplicationStarted', (e) => (window.__wasmMemory = e.detail?.wasm?.memory));
  // Wasm linear memory (it never shrinks: its size is the peak so far) and
  // the JS heap (Chromium's performance.memory).
  window.memory = () => ({ wasmBytes: window.__wasmMemory?.buffer?.byteLength ?? NaN, jsHeap: performance.memory?.usedJSHeapSize ?? NaN });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (!Number.isFinite(b.ready)) b.tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
        // After "ready": the rest of the load (the data's copy and the
        // snapshot saved), read when the visit ends (settledLongest).
        if (Number.isFinite(b.ready)) b.longestAfter = Math.max(b.longestAfter, e.duration);
        if (!Number.isFinite(b.ready) && e.duration > b.longest) {
          b.longest = e.duration;
          b.longAt = e.startTime;
        }
      }
    }).observe({ type: 'longtask' });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {}
  const afterPaint = (key) => {
    // The rAF callback runs before the frame is painted; a message posted
    // from it is handled once the frame has been produced.
    const ch = new MessageChannel();
    ch.port1.onmessage = () => (b[key] = performance.now());
    ch.port2.postMessage(0);
  };
  const check = () => {
    if (!Number.isFinite(b.kpi) && !b.kpiSeen && document.querySelector('[data-kpi]')) {
      b.kpiSeen = true;
      afterPaint('kpi');
    }
    const map = document.querySelector('[data-region], [data-country]');
    const chart =
      document.querySelector('figure[data-draws]:not([data-draws="0"])') ||
      [...document.querySelectorAll('img[data-floor-chart]')].some((i) => i.complete && i.naturalWidth > 0);
    // "painted": a map and a chart on screen, the app's or the repeat visit's
    // snapshot of them (boot/snapshot.js: an inline SVG map and <img>s of the
    // charts, like the floor's), or on a cold visit the build's seed
    // (tools/seed.mjs, the same markup); "ready": drawn by the app itself.
    if (!b.paintedSeen) {
      const snapMap = document.querySelector('svg[data-snapshot-map]');
      const snapChart = [...document.querySelectorAll('img[data-snapshot-chart]')].some((i) => i.complete && i.naturalWidth > 0);
      if ((map && chart) || (snapMap && snapChart)) {
        b.paintedSeen = true;
        afterPaint('painted');
      }
    }
    if (map && chart) return afterPaint('ready');
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

async function throttle(cdp, slow) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  if (slow) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  }
}

async function readLoad(page, cdp) {
  // Through CDP: Playwright's own script is not injected during the load.
  await waitInPage(cdp, 'Number.isFinite(window.__bench?.ready)', { timeout: 90_000 });
  await page.waitForTimeout(300);
  return page.evaluate(() => ({ ...window.__bench, ...memory() }));
}

/** A cold, a repeat and (unless `withLater` is false) a later visit of `url` in a fresh context. */
async function loadPair(browser, url, device, slow, profile = null, withLater = true) {
  const context = await browser.newContext({ ...DEVICES[device], locale: 'en-US', serviceWorkers: noWorker ? 'block' : 'allow' });
  try {
    await context.addInitScript(INIT);
    // A tab at 4x CPU (and slow 4G if asked), its console errors collected.
    const openTab = async () => {
      const tab = await context.newPage();
      const tabCdp = await context.newCDPSession(tab);
      await throttle(tabCdp, slow);
      return { tab, tabCdp, tabErrors: collectErrors(tab) };
    };
    const { tab: page, tabCdp: cdp, tabErrors: errors } = await openTab();
    let cold = {};
    let repeat = {};
    let later = {};
    let laterErrors = [];
    // With `profile` (a file name prefix): a CPU profile of each visit.
    const startProfile = async () => {
      if (!profile) return;
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    };
    const stopProfile = async (visit, load) => {
      if (!profile) return;
      const { profile: p } = await cdp.send('Profiler.stop');
      await writeFile(`${profile}-${visit}.cpuprofile`, JSON.stringify(p));
      printProfile(p, `${visit} load, phone, self time until ready (ms; ${profile}-${visit}.cpuprofile)`);
      console.log(`  long tasks until ready [start, duration] ms: ${JSON.stringify(load.tasks ?? [])}`);
    };
    try {
      await startProfile();
      await page.goto(url, { waitUntil: 'commit' });
      cold = await readLoad(page, cdp);
      await stopProfile('cold', cold);
      await page.waitForTimeout(700); // lets the app store its copy of the data
      // ... and its snapshot of the first screen (saved when the page is idle
      // after the app has drawn; a real repeat visit comes much later).
      await page
        .waitForFunction(
          () =>
            !!document.querySelector('img[data-floor-chart]') ||
            // A build without snapshots (a cold visit has no snapshot script:
            // the boot script names it in data-snapshot, and writes it in on a repeat visit).
            !document.querySelector('script[src*="snapshot-"], script[data-snapshot]') ||
            localStorage.getItem('impact-atlas:snapshot:v1') !== null,
          null,
          { timeout: 10_000, polling: 100 },
        )
        .catch(() => {});
      cold.longestAfter = await page.evaluate(() => window.__bench.longestAfter);
      await throttle(cdp, slow);
      await startProfile();
      await page.goto(url, { waitUntil: 'commit' });
      repeat = await readLoad(page, cdp);
      await stopProfile('repeat', repeat);
      // The rest of the repeat load: the same 700 ms as the cold visit's.
      await page.waitForTimeout(700);
      repeat.longestAfter = await page.evaluate(() => window.__bench.longestAfter);
      if (!withLater) return { cold, repeat, later, errors };
      // A later visit: a new tab, as a visitor opens the page hours later. The
      // repeat visit above comes seconds after the cold one in the same tab and
      // renderer, whose memory cache still holds the files it fetched; the first
      // page a service worker controls cannot reuse what was fetched without it
      // (docs/bench.md, eleventh pass). A new tab starts with no memory cache
      // (the HTTP cache and the worker's Cache Storage stay), and the worker is
      // stopped first, as after its idle timeout.
      if (!noWorker) await stopServiceWorkers(cdp);
      await page.close();
      const { tab, tabCdp, tabErrors: errs } = await openTab();
      laterErrors = errs;
      await tab.waitForTimeout(300);
      await tab.goto(url, { waitUntil: 'commit' });
      later = await readLoad(tab, tabCdp);
      await tab.waitForTimeout(700);
      later.longestAfter = await tab.evaluate(() => window.__bench.longestAfter);
    } catch (e) {
      errors.push(`no map and chart painted within 90 s (${e.message.split('\n')[0]})`);
    }
    return { cold, repeat, later, errors: [...errors, ...laterErrors] };
  } finally {
    await context.close();
  }
}

// ── widgets: from the iframe's insertion to its first paint ──
const WIDGETS = [
  ['/embed/figure/beneficiaries?lang=en', '[data-kpi]'],
  ['/embed/map?lang=en', '[data-region]'],
  ['/embed/chart/by-area?lang=en', 'figure[data-draws]:not([data-draws="0"])'],
];

/**
 * A host page of the app's origin (so that the CPU slowdown applies to the
 * widget's frame too) inserts the widget's iframe; the time runs from the
 * insertion to the frame painted after the widget's content appeared.
 * Cold (empty cache) then repeat, in a fresh context, at 4x CPU on the phone.
 */
async function widgetPaint(browser, srv, path, selector) {
  const context = await browser.newContext({ ...DEVICES.phone, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.route(`${srv.url}/__host.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>host</title><body style="margin:0"><p>A university page</p></body></html>' }),
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    const once = async () => {
      await page.goto(`${srv.url}/__host.html`);
      return page.evaluate(
        ({ src, selector }) =>
          new Promise((resolve, reject) => {
            const t0 = performance.now();
            const f = document.createElement('iframe');
            f.src = src;
            f.title = 'widget';
            f.style.cssText = 'border:0;width:100%;height:600px';
            document.body.append(f);
            const check = () => {
              if (performance.now() - t0 > 60_000) return reject(new Error(`no ${selector} within 60 s`));
              if (f.contentDocument?.querySelector(selector)) {
                requestAnimationFrame(() => {
                  const ch = new MessageChannel();
                  ch.port1.onmessage = () => resolve(performance.now() - t0);
                  ch.port2.postMessage(0);
                });
                return;
              }
              requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
        { src: `${srv.url}${path}`, selector },
      );
    };
    let cold = NaN;
    let repeat = NaN;
    try {
      cold = await once();
      await page.waitForTimeout(700);
      repeat = await once();
    } catch (e) {
      errors.push(`widget ${path}: ${e.message.split('\n')[0]}`);
    }
    return { cold, repeat, errors };
  } finally {
    await context.close();
  }
}

// ── the floor: the app's first screen as a static page ──
async function makeFloor(browser, srv, device) {
  const context = await browser.newContext({ ...DEVICES[device], locale: 'en-US' });
  const page = await context.newPage();
  await context.addInitScript(INIT);
  await page.goto(`${srv.url}/?lang=en`);
  await readLoad(page, await context.newCDPSession(page));
  await page.waitForTimeout(500);
  const w = DEVICES[device].viewport.width;
  const { html, images } = await page.evaluate((base) => {
    const live = [...document.querySelectorAll('canvas')];
    const doc = document.documentElement.cloneNode(true);
    const images = [];
    [...doc.querySelectorAll('canvas')].forEach((c, i) => {
      const src = live[i];
      const img = document.createElement('img');
      img.src = `${base}chart-${i}.webp`;
      img.width = src.clientWidth;
      img.height = src.clientHeight;
      img.alt = src.getAttribute('aria-label') ?? '';
      img.className = src.className;
      img.setAttribute('data-floor-chart', '');
      // WebP, as a static page would ship them (lossless PNGs of a canvas are large): the
      // smaller of the browser's lossy WebP (quality 0.9) and libwebp's lossless one (below,
      // tools/webp.mjs, as the seeds are made).
      const g = src.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, src.width, src.height).data;
      let bin = '';
      for (let k = 0; k < g.length; k += 0x8000) bin += String.fromCharCode.apply(null, g.subarray(k, k + 0x8000));
      images.push({ lossy: src.toDataURL('image/webp', 0.9), width: src.width, height: src.height, rgba: btoa(bin) });
      c.replaceWith(img);
    });
    doc.querySelectorAll('script, link[rel=modulepreload], link[rel=preload][as=fetch], link[rel=preload][as=script]').forEach((e) => e.remove());
    doc.querySelectorAll('link[rel=preload]').forEach((e) => /\.(wasm|js)$/.test(e.getAttribute('href') ?? '') && e.remove());
    return { html: '<!doctype html>\n' + doc.outerHTML, images };
  }, `/__floor/${w}/`);
  await context.close();
  const files = [[`/__floor/${w}/index.html`, Buffer.from(html)]];
  for (const [i, p] of images.entries()) {
    const u = await smallestPicture([p.lossy], p, `the floor's chart ${i}`);
    files.push([`/__floor/${w}/chart-${i}.webp`, Buffer.from(u.split(',')[1], 'base64')]);
  }
  for (const [p, b] of files) srv.floor.set(p, b);
  return files;
}

// ── bytes per route kind: what a first visit requests ──
async function routeBytes(browser, srv, path, distSizes, floorFiles) {
  const context = await browser.newContext({ ...DEVICES.laptop, locale: 'en-US' });
  // The first view is what a first visit fetches before the app has drawn its
  // first screen (<html data-app-drawn>): the snapshot script and the service
  // worker's install come after it and are not counted. A page that never
  // sets the mark (the floor, the map widget) counts all it fetched by idle.
  await context.addInitScript(() => {
    new MutationObserver((_, o) => {
      if (document.documentElement.hasAttribute('data-app-drawn')) {
        window.__drawnAt = performance.now();
        o.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app-drawn'] });
  });
  const page = await context.newPage();
  await page.goto(`${srv.url}${path}`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(300);
  const { doc, resources, drawn } = await page.evaluate(() => ({
    doc: location.pathname,
    drawn: window.__drawnAt !== undefined,
    resources: performance
      .getEntriesByType('resource')
      .filter((e) => window.__drawnAt === undefined || e.startTime <= window.__drawnAt)
      .map((e) => new URL(e.name).pathname),
  }));
  await context.close();
  // The document itself: a route of the app is served its page's file.
  const docFile = distSizes.has(doc) || floorFiles.has(doc) ? doc : doc.startsWith('/embed/') ? '/embed.html' : '/index.html';
  const total = { raw: 0, gzip: 0, brotli: 0, files: [], untilDrawn: drawn };
  for (const p of new Set([docFile, ...resources])) {
    const s = distSizes.get(p) ?? floorFiles.get(p);
    if (!s) continue;
    total.files.push(p);
    for (const k of ['raw', 'gzip', 'brotli']) total[k] += s[k];
  }
  return total;
}

// ── interaction: a change → the next frame (Event Timing) ──
// Real input (CDP: Playwright's keyboard and mouse), so that the browser's
// Event Timing API measures each interaction from the input's timestamp to
// the next frame painted after its handlers (and their microtasks) ran. The
// API reports only interactions of 16 ms or more; a change with no entry took
// less than 16 ms (counted as 15 ms, shown as "< 16 ms").
// `floor`: the same cycle on the static floor page (the app's first screen
// without its scripts, the filter form unfolded): what the browser's own
// handling of the same inputs (focus, the select's value, style, layout,
// paint, the frame) measures on this machine, with no script of ours.
async function interact(browser, srv, n, floor = false) {
  // The profile covers the app's run only.
  const profiling = !floor && profileOut;
  const context = await browser.newContext({ ...DEVICES.phone, locale: 'en-US' });
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => (window.__wasmMemory = e.detail?.wasm?.memory));
    window.__events = [];
    try {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) {
          if (e.interactionId) window.__events.push({ id: e.interactionId, name: e.name, duration: e.duration, start: e.startTime, processing: e.processingEnd - e.processingStart });
        }
      }).observe({ type: 'event', durationThreshold: 16, buffered: true });
    } catch {}
  });
  const page = await context.newPage();
  const errors = collectErrors(page);
  const cdp = await context.newCDPSession(page);
  await page.goto(floor ? `${srv.url}/__floor/${DEVICES.phone.viewport.width}/index.html` : `${srv.url}/?lang=en`);
  await page.locator('[data-region]').first().waitFor({ timeout: 30_000 });
  if (floor) {
    // No script: unfold the form as the app's button would.
    await page.evaluate(() => document.querySelector('#filter-form')?.classList.add('is-open'));
  } else {
    await page.waitForFunction(() => document.querySelector('figure[data-draws]:not([data-draws="0"])'), null, { timeout: 30_000 });
    // On a phone the filter form is folded behind a button.
    const toggle = page.getByTestId('filter-toggle');
    if (await toggle.isVisible()) await toggle.click();
  }
  await page.waitForTimeout(500);
  const options = await page.evaluate(() => ({
    regions: [...document.querySelectorAll('[data-region]')].map((e) => e.getAttribute('data-region')),
    areas: document.querySelectorAll('#filter-area option').length,
    genders: document.querySelectorAll('#filter-gender option').length,
  }));
  // A fixed cycle: a region clicked, another selected with the keyboard
  // (Enter), clicked again (clears); the area and gender selects moved one
  // option down and back up with the arrow keys.
  const plan = [];
  for (let i = 0; plan.length < n; i++) {
    const r = options.regions[i % options.regions.length];
    const r2 = options.regions[(i * 5 + 3) % options.regions.length];
    plan.push({ kind: 'map click', code: r }, { kind: 'map key', code: r2 }, { kind: 'map click', code: r2 });
    if (options.areas > 1) plan.push({ kind: 'area select', sel: 'area', key: 'ArrowDown' }, { kind: 'area select', sel: 'area', key: 'ArrowUp' });
    if (options.genders > 1) plan.push({ kind: 'gender select', sel: 'gender', key: 'ArrowDown' }, { kind: 'gender select', sel: 'gender', key: 'ArrowUp' });
  }
  plan.length = n;
  const settle = () => settlePage(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const before = await page.evaluate(() => performance.getEntriesByType('measure').length);
  const results = [];
  for (const step of plan) {
    await settle();
    const from = await page.evaluate(() => window.__events.length);
    if (step.code) {
      const point = await page.evaluate((code) => {
        const el = document.querySelector(`[data-region="${code}"]`);
        el.scrollIntoView({ block: 'center' });
        const b = el.getBoundingClientRect();
        // A point inside the area's own shape (its box's centre may be a neighbour's).
        for (let k = 0; k <= 8; k++) {
          for (let j = 0; j <= 8; j++) {
            const x = b.left + (b.width * ((k + 4) % 9)) / 8;
            const y = b.top + (b.height * ((j + 4) % 9)) / 8;
            if (document.elementFromPoint(x, y) === el) return { x, y };
          }
        }
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }, step.code);
      if (step.kind === 'map key') {
        await page.evaluate((code) => document.querySelector(`[data-region="${code}"]`).focus(), step.code);
        // The focus is an input of its own (its outline, the tooltip): the
        // key comes once its frame is done, as a person's would.
        await settle();
        await page.keyboard.press('Enter');
      } else {
        // The pointer comes over the area first (its outline, the
        // tooltip), then presses, once that frame is done.
        await page.mouse.move(point.x, point.y);
        await settle();
        await page.mouse.down();
        if (pressMs) await page.waitForTimeout(pressMs);
        await page.mouse.up();
      }
    } else {
      await page.evaluate((sel) => document.querySelector(`#filter-${sel}`).focus(), step.sel);
      await settle();
      await page.keyboard.press(step.key);
    }
    await settle();
    const entries = await page.evaluate((from) => window.__events.slice(from), from);
    const duration = entries.length ? Math.max(...entries.map((e) => e.duration)) : 15;
    results.push({ kind: step.kind, duration, reported: entries.length > 0 });
  }
  if (profiling) {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(profileOut, JSON.stringify(profile));
    printProfile(profile);
  }
  const measures = await page.evaluate(
    ([from, names]) =>
      performance
        .getEntriesByType('measure')
        .slice(from)
        .filter((e) => names.includes(e.name))
        .map((e) => ({ name: e.name, duration: e.duration })),
    [before, MEASURES],
  );
  const memory = await page.evaluate(() => ({ wasmBytes: window.__wasmMemory?.buffer?.byteLength ?? NaN, jsHeap: performance.memory?.usedJSHeapSize ?? NaN }));
  await context.close();
  return { results, measures, errors, memory };
}

function printProfile(profile, title = `self time over the interaction run, ms; written to ${profileOut}`) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? f.url.split('/').pop() : ''}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`\nprofile (${title}):`);
  for (const [k, v] of top) console.log(`  ${v.toFixed(1).padStart(8)}  ${k}`);
}

// ── growth (issue 14): 1k, 10k, 100k observations ──
const GROWTH = { r1k: [1_000, false], r10k: [10_000, false], c1k: [1_000, true], c10k: [10_000, true], c100k: [100_000, true] };

/**
 * Cold and repeat loads (phone, 4x CPU) of the shipped dataset and of each
 * grown one, interleaved, then filter changes on each, and the wasm memory
 * after the load and after the changes. Prints its own table.
 */
async function growthSection(browser, names, runs, changes) {
  const sets = [['shipped (310)', null]];
  for (const name of names) {
    if (!GROWTH[name]) throw new Error(`--growth: unknown dataset ${name} (one of ${Object.keys(GROWTH).join(', ')})`);
    const [n, compact] = GROWTH[name];
    sets.push([`${n / 1000}k ${compact ? 'compact' : 'readable'}`, await grownDataset(n, compact), name]);
  }
  const out = [];
  for (const [label, body, name] of sets) {
    const server = await benchServer({ dataBody: body });
    await warm(server, ['/data/impact.json']);
    const bytes = body ? Buffer.from(body) : await readFile(join(dist, 'data/impact.json'));
    out.push({ label, name, server, sizes: compressedSizes(bytes), cold: [], repeat: [], errors: [] });
  }
  try {
    for (let r = 0; r < runs; r++) {
      for (const g of out) {
        // `--load-profile PREFIX`: CPU profiles of the first run's loads of
        // each grown dataset, PREFIX-<name>-cold/-repeat.cpuprofile.
        const prof = loadProfile && r === 0 && g.name ? `${loadProfile}-${g.name}` : null;
        const pair = await loadPair(browser, `${g.server.url}/?lang=en`, 'phone', false, prof, false);
        g.cold.push(pair.cold);
        g.repeat.push(pair.repeat);
        g.errors.push(...pair.errors);
      }
      process.stderr.write(`bench: growth run ${r + 1}/${runs} done\n`);
    }
    for (const g of out) {
      try {
        g.inter = await interact(browser, g.server, changes);
        g.errors.push(...g.inter.errors);
      } catch (e) {
        g.errors.push(`interaction: ${e.message.split('\n')[0]}`);
      }
    }
  } finally {
    for (const g of out) await g.server.close();
  }
  return out.map((g) => ({ label: g.label, sizes: g.sizes, cold: g.cold, repeat: g.repeat, inter: g.inter, errors: g.errors }));
}

function printGrowth(out, runs) {
  if (!out) return;
  const mb = (v) => (Number.isFinite(v) ? `${(v / 1048576).toFixed(1)} MiB` : 'n/a');
  const med = (xs, f) => median(xs.map((x) => x?.[f]));
  console.log(`\ngrowth: phone 412 px, CPU ${CPU}×, ${runs} interleaved run(s), medians; data bytes raw / brotli;`);
  console.log('  wasm = the wasm memory (buffer.byteLength, via Trunk\'s TrunkApplicationStarted event), after the load / after the changes');
  console.log('  longest = the longest task until ready (cold); after = the longest in the 700 ms after ready, cold / repeat (the data\'s copy saved)');
  console.log(`  ${'dataset'.padEnd(16)} ${'raw'.padStart(10)} ${'brotli'.padStart(9)} ${'cold FCP'.padStart(9)} ${'cold ready'.padStart(11)} ${'× shipped'.padStart(10)} ${'repeat ready'.padStart(13)} ${'longest'.padStart(8)} ${'after'.padStart(10)} ${'change p50/p95'.padStart(17)} ${'wasm'.padStart(20)}`);
  const base = med(out[0].cold, 'ready');
  for (const g of out) {
    const v = g.inter?.results.map((x) => x.duration) ?? [];
    const change = v.length ? `${msEvent(quantile(v, 0.5))}/${msEvent(quantile(v, 0.95))}` : 'n/a';
    console.log(
      `  ${g.label.padEnd(16)} ${kb(g.sizes.raw).padStart(10)} ${kb(g.sizes.brotli).padStart(9)} ${ms(med(g.cold, 'fcp')).padStart(9)} ${ms(med(g.cold, 'ready')).padStart(11)} ${ratio(med(g.cold, 'ready'), base).padStart(10)} ${ms(med(g.repeat, 'ready')).padStart(13)} ${ms(med(g.cold, 'longest')).padStart(8)} ${`${ms(med(g.cold, 'longestAfter'))}/${ms(med(g.repeat, 'longestAfter'))}`.padStart(10)} ${change.padStart(17)} ${`${mb(med(g.cold, 'wasmBytes'))} / ${mb(g.inter?.memory?.wasmBytes)}`.padStart(20)}`,
    );
    for (const e of [...new Set(g.errors)]) console.log(`    note: ${e}`);
  }
  console.log('  target (issue 14): 100k observations, cold first paint within 2× of the shipped dataset\'s');
}

// ── the run ──
const started = Date.now();
const distFiles = (await filesOf(dist)).sort();
const distSizes = new Map();
for (const f of distFiles) distSizes.set('/' + relative(dist, f).split('\\').join('/'), compressedSizes(await readFile(f)));

if (growthOnly) {
  const browser = await launch();
  try {
    const g = await growthSection(browser, growthList, runs, Math.max(14, Math.round(changes / 3)));
    printGrowth(g, runs);
    if (jsonOut) await writeFile(jsonOut, JSON.stringify({ dist, runs, growth: g }));
  } finally {
    await browser.close();
  }
  console.log(`\nbench: ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(0);
}
const srv = await benchServer();
const large = withLarge ? await largeDataset() : null;
const srvLarge = withLarge ? await benchServer({ dataBody: large }) : null;
await warm(srv, [...distSizes.keys()]);
if (srvLarge) await warm(srvLarge, ['/data/impact.json']);
const browser = await launch();
const notes = [];
const loads = {}; // key → { cold: [...], repeat: [...], later: [...] }
const push = (key, pair) => {
  loads[key] ??= { cold: [], repeat: [], later: [] };
  loads[key].cold.push(pair.cold);
  loads[key].repeat.push(pair.repeat);
  loads[key].later.push(pair.later);
  if (pair.errors.length) notes.push(...pair.errors.map((e) => `${key}: ${e}`));
};
let routes, inter, interFloor, interLarge, growth;
const VISITS = ['cold', 'repeat', 'later'];
const widgets = {}; // widget path → { cold: [ms], repeat: [ms] }
try {
  const floorFiles = new Map();
  for (const device of Object.keys(DEVICES)) {
    for (const [p, b] of await makeFloor(browser, srv, device)) floorFiles.set(p, compressedSizes(b));
  }
  routes = {
    'dashboard /': await routeBytes(browser, srv, '/?lang=en', distSizes, floorFiles),
    'widget /embed/map': await routeBytes(browser, srv, '/embed/map?lang=en', distSizes, floorFiles),
    'widget /embed/chart/by-area': await routeBytes(browser, srv, '/embed/chart/by-area?lang=en', distSizes, floorFiles),
    'floor (phone)': await routeBytes(browser, srv, '/__floor/412/index.html', distSizes, floorFiles),
  };
  const configs = [];
  for (const device of ['phone', 'laptop']) for (const slow of [false, true]) configs.push({ device, slow });
  for (let r = 0; r < (interactionOnly || widgetsOnly ? 0 : runs); r++) {
    // Interleaved: every configuration, app then floor, in each run.
    for (const { device, slow } of configs) {
      const net = slow ? 'slow 4G' : 'no throttling';
      const w = DEVICES[device].viewport.width;
      const prof = loadProfile && r === 0 && device === 'phone' && !slow ? loadProfile : null;
      push(`app ${device} ${net}`, await loadPair(browser, `${srv.url}/?lang=en`, device, slow, prof));
      push(`floor ${device} ${net}`, await loadPair(browser, `${srv.url}/__floor/${w}/index.html`, device, slow));
      if (srvLarge && device === 'phone' && !slow) {
        push(`app (2 MiB data) ${device} ${net}`, await loadPair(browser, `${srvLarge.url}/?lang=en`, device, slow));
      }
    }
    process.stderr.write(`bench: run ${r + 1}/${runs} done (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  for (let r = 0; r < (interactionOnly || loadsOnly ? 0 : runs); r++) {
    for (const [path, selector] of WIDGETS) {
      const w = await widgetPaint(browser, srv, path, selector);
      (widgets[path] ??= { cold: [], repeat: [] }).cold.push(w.cold);
      widgets[path].repeat.push(w.repeat);
      notes.push(...w.errors);
    }
  }

  if (!widgetsOnly && !loadsOnly) inter = await interact(browser, srv, changes);
  if (!widgetsOnly && !loadsOnly) interFloor = await interact(browser, srv, changes, true);
  if (srvLarge && !widgetsOnly && !loadsOnly) interLarge = await interact(browser, srvLarge, Math.max(16, Math.round(changes / 2)));
  if (withLarge && growthList.length && !interactionOnly && !widgetsOnly && !loadsOnly) growth = await growthSection(browser, growthList, runs, Math.max(14, Math.round(changes / 3)));
} finally {
  await browser.close();
  await srv.close();
  if (srvLarge) await srvLarge.close();
}

// ── the report ──
console.log(`bench: release build in ${dist}/, headless Chromium, CPU ${CPU}× slower, ${runs} interleaved run(s), medians`);
console.log('\nbytes per file (dist/):');
const row = (name, s) =>
  `  ${name.padEnd(46)} raw ${kb(s.raw).padStart(10)}  gzip ${kb(s.gzip).padStart(9)}  brotli ${kb(s.brotli).padStart(9)}`;
for (const [p, s] of distSizes) console.log(row(p, s));
console.log('\nbytes per route kind (the files a first visit requests until the app has drawn, or until idle*):');
for (const [name, t] of Object.entries(routes)) {
  console.log(row(`${name}${t.untilDrawn ? '' : '*'}`, t));
  console.log(`    ${t.files.map((f) => f.split('/').pop()).join(', ')}`);
}

const m = (key, visit, field) => median((loads[key]?.[visit] ?? []).map((x) => x[field]));
if (noWorker) console.log('\nloads WITHOUT the service worker (--no-worker): the HTTP cache only');
console.log('\nloads (ms from navigation start; FCP = first contentful paint; painted = a map and a chart on screen, the app\'s or its snapshot\'s or seed\'s; ready = map and a chart drawn by the app):');
console.log(`  ${'page, device, network'.padEnd(44)} ${'visit'.padEnd(7)} ${'FCP'.padStart(8)} ${'numbers'.padStart(8)} ${'painted'.padStart(8)} ${'ready'.padStart(8)} ${'longest task'.padStart(13)} ${'after ready'.padStart(12)}`);
for (const key of Object.keys(loads)) {
  for (const visit of VISITS) {
    console.log(
      `  ${key.padEnd(44)} ${visit.padEnd(7)} ${ms(m(key, visit, 'fcp')).padStart(8)} ${ms(m(key, visit, 'kpi')).padStart(8)} ${ms(m(key, visit, 'painted')).padStart(8)} ${ms(m(key, visit, 'ready')).padStart(8)} ${ms(m(key, visit, 'longest')).padStart(13)} ${ms(m(key, visit, 'longestAfter')).padStart(12)}`,
    );
  }
}

if (Object.keys(widgets).length) {
  console.log(`\nwidgets: iframe inserted by a host page → widget painted, phone 412 px, CPU ${CPU}× (ms, medians):`);
  for (const [path, v] of Object.entries(widgets)) {
    console.log(`  ${path.padEnd(44)} cold ${ms(median(v.cold)).padStart(8)}  repeat ${ms(median(v.repeat)).padStart(8)}`);
  }
}

function printInteraction(title, it) {
  if (!it) return;
  console.log(`\n${title}`);
  const line = (name, vals, fmt = msEvent) =>
    console.log(`  ${name.padEnd(30)} p50 ${fmt(quantile(vals, 0.5)).padStart(8)}  p95 ${fmt(quantile(vals, 0.95)).padStart(8)}  max ${fmt(Math.max(...vals)).padStart(8)}  (${vals.length})`);
  line('every change → next frame', it.results.map((r) => r.duration));
  for (const kind of ['map click', 'map key', 'area select', 'gender select']) {
    const v = it.results.filter((r) => r.kind === kind).map((r) => r.duration);
    if (v.length) line(`  ${kind}`, v);
  }
  for (const name of MEASURES) {
    const v = it.measures.filter((e) => e.name === name).map((e) => e.duration);
    if (v.length) line(`app measure "${name}"`, v, ms);
  }
  for (const e of it.errors) notes.push(`interaction: ${e}`);
}
printInteraction(`filter change or map click → frame, phone 412 px, CPU ${CPU}× (ms):`, inter);
printInteraction(`the same inputs on the static floor (the same first screen, no script: the browser's own cost of a focus, a select's new value and the frame; not a target, the distance to it):`, interFloor);
printInteraction(`the same on a valid ${large ? Math.round(large.length / 1024) : 0} KiB dataset:`, interLarge);
printGrowth(growth, runs);

console.log('\nratios to the static floor (medians; targets of issue 14 in brackets):');
const first = routes['dashboard /'].brotli;
console.log(`  first view, brotli: ${kb(first)} (floor ${kb(routes['floor (phone)'].brotli)}; ${ratio(first, routes['floor (phone)'].brotli)}) [≤ 150 KB]`);
for (const device of ['phone', 'laptop']) {
  for (const net of ['no throttling', 'slow 4G']) {
    const a = `app ${device} ${net}`;
    const f = `floor ${device} ${net}`;
    const show = (label, visit, field, target) =>
      console.log(
        `  ${`${device}, ${net}, ${visit}: ${label}`.padEnd(68)} ${sec(m(a, visit, field)).padStart(7)} vs ${sec(m(f, visit, field)).padStart(7)}  ${ratio(m(a, visit, field), m(f, visit, field)).padStart(6)} [${target}]`,
      );
    show('first contentful paint', 'cold', 'fcp', '≤ 1.3×');
    show('map and chart painted (seed or app)', 'cold', 'painted', '≤ 2.0×');
    show('map and chart drawn by the app', 'cold', 'ready', '—');
    for (const visit of ['repeat', 'later']) {
      show('first contentful paint', visit, 'fcp', '≤ 1.3×');
      show('map and chart painted (snapshot or app)', visit, 'painted', '≤ 1.3×');
      show('map and chart drawn by the app', visit, 'ready', '≤ 1.3×');
    }
  }
}
const longest = Math.max(...Object.keys(loads).filter((k) => k.startsWith('app ') && !k.includes('2 MiB')).flatMap((k) => VISITS.map((v) => m(k, v, 'longest'))));
console.log(`  longest task during a load (median per configuration, worst): ${ms(longest)} [≤ 200 ms]`);
const longestAfter = Math.max(...Object.keys(loads).filter((k) => k.startsWith('app ') && !k.includes('2 MiB')).flatMap((k) => VISITS.map((v) => m(k, v, 'longestAfter'))));
console.log(`    the same in the 700 ms after "ready" (the data's copy and the snapshot saved): ${ms(longestAfter)}`);
if (inter) {
  const v = inter.results.map((r) => r.duration);
  console.log(`  filter change or map click → next frame, p50 / p95: ${msEvent(quantile(v, 0.5))} / ${msEvent(quantile(v, 0.95))} [p95 ≤ 16 ms]`);
  if (interFloor) {
    const f = interFloor.results.map((r) => r.duration);
    console.log(`    the same inputs on the static floor (no script), p50 / p95: ${msEvent(quantile(f, 0.5))} / ${msEvent(quantile(f, 0.95))}`);
  }
}
const largeKey = 'app (2 MiB data) phone no throttling';
if (withLarge && loads[largeKey]) {
  const a = m(largeKey, 'cold', 'fcp');
  const b = m('app phone no throttling', 'cold', 'fcp');
  console.log(`  2 MiB dataset, phone, cold first paint vs the shipped dataset's: ${ratio(a, b)} [≤ 2×]`);
  console.log(`  2 MiB dataset, phone, longest task during a load, cold / repeat: ${ms(m(largeKey, 'cold', 'longest'))} / ${ms(m(largeKey, 'repeat', 'longest'))} [≤ 200 ms]`);
}
for (const n of [...new Set(notes)]) console.log(`  note: ${n}`);
if (jsonOut) await writeFile(jsonOut, JSON.stringify({ dist, runs, sizes: Object.fromEntries(distSizes), routes, loads, widgets, inter, interFloor, interLarge, growth }));
console.log(`\nbench: ${Math.round((Date.now() - started) / 1000)} s`);
