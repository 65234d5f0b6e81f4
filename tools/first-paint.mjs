// First paint and long tasks, cold and repeat visit, at 4× CPU (headless
// Chromium through CDP). A small measurement for issue 14's first-paint work;
// tools/bench.mjs is the full benchmark.
//
//   node tools/first-paint.mjs [dist] [--runs 5] [--width 412] [--path /?lang=en] [--no-sw]
//
// Each run opens a fresh browser context (empty HTTP cache, storage and
// service workers): the cold visit, then the same page again in that context
// (the repeat visit: HTTP cache, the saved dataset, the service worker). For
// each it reads the first contentful paint, the time the headline numbers
// were on screen ([data-testid=kpi-…] with a digit), and the longest task
// (PerformanceObserver 'longtask'). It prints the medians.
import { launch } from './chromium.mjs';
import { startServer } from '../tests/e2e/serve.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const dir = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? 'dist';
const runs = Number(opt('runs', 5));
const width = Number(opt('width', 412));
const path = opt('path', '/?lang=en');
// --no-sw: service workers blocked (to see what the worker costs or saves).
const serviceWorkers = args.includes('--no-sw') ? 'block' : 'allow';

const OBSERVE = () => {
  window.__fp = { longest: 0, tasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__fp.tasks.push(Math.round(e.duration));
      window.__fp.longest = Math.max(window.__fp.longest, e.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
  // The first moment a headline figure shows a number.
  const seen = () => {
    const el = document.querySelector('.kpi-value, [data-testid^="kpi-"] .value, .kpi strong');
    if (el && /\d/.test(el.textContent || '') && !window.__fp.figures) window.__fp.figures = performance.now();
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
};

async function visit(page) {
  await page.goto(path, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-app-mounted'), null, { timeout: 60000 });
  await page.waitForFunction(() => !!window.__fp.figures, null, { timeout: 60000 }).catch(() => {});
  await page.waitForTimeout(1500);
  return page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    figures: window.__fp.figures ?? NaN,
    longest: window.__fp.longest,
    tasks: window.__fp.tasks,
  }));
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};

const server = await startServer({ dir });
const browser = await launch();
const results = { cold: [], repeat: [] };
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width, height: 900 }, locale: 'en-US', serviceWorkers });
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    results.cold.push(await visit(page));
    // Let the service worker (if any) install and the cache settle.
    await page.waitForTimeout(1000);
    results.repeat.push(await visit(page));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
for (const kind of ['cold', 'repeat']) {
  const r = results[kind];
  const m = (k) => Math.round(median(r.map((x) => x[k])));
  console.log(
    `${kind.padEnd(6)} FCP ${m('fcp')} ms · headline numbers ${m('figures')} ms · longest task ${m('longest')} ms` +
      `  (runs: FCP ${r.map((x) => Math.round(x.fcp)).join('/')}; longest ${r.map((x) => Math.round(x.longest)).join('/')})`,
  );
}
