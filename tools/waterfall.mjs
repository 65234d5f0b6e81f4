// The request waterfall of one cold load (issue 14): each request's start,
// time to first byte, end, priority and whether it blocked rendering, with
// the first contentful paint and "map and chart drawn", under the bench's
// conditions (4x CPU, phone 412 px; slow 4G unless --fast).
//
//   node tools/waterfall.mjs [--dist dist] [--fast] [--laptop] [--floor] [--runs 1] [--path /?lang=en]
//                            [--trace trace.json]
//
// The server is the e2e server (tests/e2e/serve.mjs) behind a brotli proxy,
// HTTP/1.1 as in tools/bench.mjs. `--floor` loads the bench's static floor
// instead (the app's first screen as a static page, built once from the
// same dist). Columns in ms from the navigation's start (CDP Network events
// and the page's PerformanceResourceTiming: `blocking` is Chromium's
// renderBlockingStatus). With --runs N > 1, every column is the median.
// `--trace FILE`: a Chrome trace of the first run (open it in DevTools'
// Performance panel), and the main thread's tasks of 30 ms or more until the
// first contentful paint, with what they ran.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { brotliCompressSync, constants } from 'node:zlib';
import { startServer } from '../tests/e2e/serve.mjs';
import { launch } from './chromium.mjs';
import { smallestPicture } from './webp.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const dist = opt('dist', 'dist');
const runs = Number(opt('runs', 1));
const path = opt('path', '/?lang=en');
const slow = !argv.includes('--fast');
const traceOut = opt('trace', null);
const device = argv.includes('--laptop')
  ? { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 }
  : { viewport: { width: 412, height: 915 }, deviceScaleFactor: 1.75 };
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json|geo\+json)|image\/svg)/;

async function brotliProxy(innerUrl) {
  const cache = new Map();
  const floor = new Map();
  const server = createServer(async (req, res) => {
    try {
      const f = floor.get(new URL(req.url, 'http://x').pathname);
      let status = 200;
      const out = {};
      let body;
      if (f) {
        out['content-type'] = f.type;
        body = f.body;
      } else {
        const headers = {};
        for (const h of ['if-none-match', 'origin']) if (req.headers[h]) headers[h] = req.headers[h];
        const r = await fetch(innerUrl + req.url, { headers, redirect: 'manual' });
        status = r.status;
        r.headers.forEach((v, k) => {
          if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) out[k] = v;
        });
        body = status === 304 ? null : Buffer.from(await r.arrayBuffer());
      }
      if (body && COMPRESSIBLE.test(out['content-type'] ?? '') && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = req.url + body.length;
        if (!cache.has(key)) cache.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        body = cache.get(key);
        out['content-encoding'] = 'br';
      }
      if (body) out['content-length'] = String(body.length);
      res.writeHead(status, out).end(body ?? undefined);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, floor, close: () => new Promise((r) => server.close(r)) };
}

const INIT = () => {
  const b = (window.__wf = { fcp: NaN, ready: NaN });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const check = () => {
    const map = document.querySelector('[data-region], [data-country]');
    const chart =
      document.querySelector('figure[data-draws]:not([data-draws="0"])') ||
      [...document.querySelectorAll('img[data-floor-chart]')].some((i) => i.complete && i.naturalWidth > 0);
    if (map && chart) {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (b.ready = performance.now());
      requestAnimationFrame(() => ch.port2.postMessage(0));
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

async function makeFloor(browser, srv) {
  const context = await browser.newContext({ ...device, locale: 'en-US' });
  const page = await context.newPage();
  await context.addInitScript(INIT);
  await page.goto(`${srv.url}/?lang=en`);
  await page.waitForFunction(() => Number.isFinite(window.__wf?.ready), null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  const { html, images } = await page.evaluate(() => {
    const live = [...document.querySelectorAll('canvas')];
    const doc = document.documentElement.cloneNode(true);
    const images = [];
    [...doc.querySelectorAll('canvas')].forEach((c, i) => {
      const img = document.createElement('img');
      img.src = `/__floor/chart-${i}.webp`;
      img.width = live[i].clientWidth;
      img.height = live[i].clientHeight;
      img.setAttribute('data-floor-chart', '');
      // As tools/bench.mjs makes the floor: the smaller of the lossy and libwebp's lossless WebP.
      const src = live[i];
      const g = src.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, src.width, src.height).data;
      let bin = '';
      for (let k = 0; k < g.length; k += 0x8000) bin += String.fromCharCode.apply(null, g.subarray(k, k + 0x8000));
      images.push({ lossy: src.toDataURL('image/webp', 0.9), width: src.width, height: src.height, rgba: btoa(bin) });
      c.replaceWith(img);
    });
    doc.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]').forEach((e) => e.remove());
    return { html: '<!doctype html>\n' + doc.outerHTML, images };
  });
  await context.close();
  srv.floor.set('/__floor/index.html', { type: 'text/html; charset=utf-8', body: Buffer.from(html) });
  for (const [i, p] of images.entries()) {
    const u = await smallestPicture([p.lossy], p, `the floor's chart ${i}`);
    srv.floor.set(`/__floor/chart-${i}.webp`, { type: 'image/webp', body: Buffer.from(u.split(',')[1], 'base64') });
  }
  return '/__floor/index.html';
}

async function once(browser, url, trace = null) {
  const context = await browser.newContext({ ...device, locale: 'en-US' });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  if (slow) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  const reqs = new Map();
  let t0 = NaN;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (Number.isNaN(t0)) t0 = e.timestamp;
    reqs.set(e.requestId, { url: e.request.url, priority: e.request.initialPriority, start: e.timestamp, type: e.type });
  });
  cdp.on('Network.resourceChangedPriority', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.priority += `→${e.newPriority}`;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.ttfb = e.timestamp;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
  });
  const events = [];
  if (trace) {
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.wasm,loading,blink.user_timing', transferMode: 'ReportEvents' });
  }
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => Number.isFinite(window.__wf.ready), null, { timeout: 90_000, polling: 100 });
  await page.waitForTimeout(300);
  if (trace) {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    writeFileSync(trace, JSON.stringify({ traceEvents: events }));
    printTasks(events, t0);
  }
  const { fcp, ready, timings } = await page.evaluate(() => ({
    ...window.__wf,
    timings: performance.getEntriesByType('resource').map((e) => [e.name, e.renderBlockingStatus]),
  }));
  const blocking = new Map(timings);
  await context.close();
  const rows = [...reqs.values()].map((r) => ({
    name: decodeURIComponent(new URL(r.url).pathname),
    priority: r.priority,
    start: (r.start - t0) * 1000,
    ttfb: ((r.ttfb ?? NaN) - t0) * 1000,
    end: ((r.end ?? NaN) - t0) * 1000,
    kb: (r.bytes ?? 0) / 1024,
    blocking: r.url === url ? 'document' : blocking.get(r.url) ?? '',
  }));
  return { fcp, ready, rows };
}

/** The renderer main thread's tasks of 30 ms or more until the first contentful paint, with their longest events. */
function printTasks(events, t0) {
  const fcp = events.find((e) => e.name === 'firstContentfulPaint');
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (!fcp || e.pid === fcp.pid));
  if (!main) return;
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const at = (e) => Math.round(e.ts / 1000 - t0 * 1000);
  const end = fcp ? at(fcp) : Infinity;
  console.log(`  main-thread tasks ≥ 30 ms until FCP (${fcp ? end : 'n/a'} ms): [start, duration] and what ran in them`);
  for (const t of mine.filter((e) => e.name === 'RunTask' && e.dur >= 30_000 && at(e) <= end)) {
    const inside = mine
      .filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e.dur >= 5_000 && e.name !== 'RunTask')
      .sort((a, b) => b.dur - a.dur)
      .slice(0, 4)
      .map((e) => `${e.name}${e.args?.data?.url ? ` ${e.args.data.url.split('/').pop()}` : ''} ${Math.round(e.dur / 1000)}`);
    console.log(`    [${at(t)}, ${Math.round(t.dur / 1000)}] ${inside.join(', ')}`);
  }
}

const med = (v) => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const inner = await startServer({ dir: dist });
const srv = await brotliProxy(inner.url);
const browser = await launch();
try {
  const target = argv.includes('--floor') ? `${srv.url}${await makeFloor(browser, srv)}` : `${srv.url}${path}`;
  // Warm the proxy's brotli cache (the wasm takes seconds at quality 11).
  await (await browser.newContext()).newPage().then(async (p) => {
    await p.goto(target.replace('/__floor/index.html', '/?lang=en'));
    await p.waitForTimeout(3000);
    await p.context().close();
  });
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await once(browser, target, i === 0 ? traceOut : null));
  const names = [...new Set(all.flatMap((r) => r.rows.map((x) => x.name)))];
  console.log(`${target} — ${slow ? 'slow 4G' : 'no throttling'}, 4× CPU, ${device.viewport.width} px, ${runs} run(s)${runs > 1 ? ', medians' : ''}`);
  console.log(`  ${'request'.padEnd(44)} ${'priority'.padEnd(16)} ${'start'.padStart(6)} ${'ttfb'.padStart(6)} ${'end'.padStart(6)} ${'KB'.padStart(6)}  blocking`);
  for (const n of names) {
    const rs = all.map((r) => r.rows.find((x) => x.name === n)).filter(Boolean);
    const f = (k) => Math.round(med(rs.map((r) => r[k])));
    console.log(
      `  ${n.slice(0, 44).padEnd(44)} ${rs[0].priority.padEnd(16)} ${String(f('start')).padStart(6)} ${String(f('ttfb')).padStart(6)} ${String(f('end')).padStart(6)} ${med(rs.map((r) => r.kb)).toFixed(1).padStart(6)}  ${rs[0].blocking}`,
    );
  }
  const fcp = med(all.map((r) => r.fcp));
  const before = med(all.map((r) => r.rows.filter((x) => x.start < r.fcp).length));
  const blockingCount = med(all.map((r) => r.rows.filter((x) => x.blocking === 'blocking').length));
  console.log(`  FCP ${Math.round(fcp)} ms; map and chart drawn ${Math.round(med(all.map((r) => r.ready)))} ms; requests started before FCP ${before}, render-blocking ${blockingCount}`);
} finally {
  await browser.close();
  await srv.close();
  await inner.close();
}
