// Cumulative layout shift of a cold visit and a repeat visit, per configuration,
// with the elements that moved (issue 14, H29).
//
//   node tools/cls.mjs [--dist dist] [--cpu 4] [--widths 360,1440] [--only 'en 1440'] [--verbose]
//
// Each configuration runs in a fresh browser context: a cold visit (empty
// cache and storage), then, once the app has saved its copy of the data and
// its snapshot, a repeat visit. Each visit counts every `layout-shift` entry
// without recent input from the navigation until the app has drawn
// (<html data-app-drawn>, or 15 s) plus 1 s. `--verbose` lists each entry's
// sources (the node, its rectangle before and after).
import { startServer } from '../tests/e2e/serve.mjs';
import { launch } from './chromium.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? fallback : argv[i + 1];
};
const dist = opt('dist', 'dist');
const cpu = Number(opt('cpu', '4'));
const only = opt('only', '');
const verbose = argv.includes('--verbose');
const widths = opt('widths', '360,1440').split(',').map(Number);

/** The observer, injected before any script of the page (buffered: entries before it ran count too). */
export const CLS_INIT = () => {
  const c = (window.__cls = { entries: [] });
  const name = (n) => {
    if (!n) return '(gone)';
    if (n.nodeType !== 1) return n.nodeName;
    let s = n.tagName.toLowerCase();
    if (n.id) s += `#${n.id}`;
    const cls = typeof n.className === 'string' ? n.className.trim().split(/\s+/).filter(Boolean).slice(0, 3) : [];
    if (cls.length) s += `.${cls.join('.')}`;
    const tid = n.getAttribute('data-testid');
    if (tid) s += `[data-testid=${tid}]`;
    return s;
  };
  const rect = (r) => (r ? [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)] : null);
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (e.hadRecentInput) continue;
        c.entries.push({
          t: Math.round(e.startTime),
          value: e.value,
          sources: (e.sources ?? []).map((s) => ({ node: name(s.node), parent: name(s.node?.parentElement), from: rect(s.previousRect), to: rect(s.currentRect) })),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
};

export const AREA = 'womens-entrepreneurship';
export const ROUTES = { '/': '/', filtered: `/?area=${AREA}`, explore: '/explore' };

function configs() {
  const out = [];
  for (const width of widths)
    for (const lang of ['ar', 'en'])
      for (const route of Object.keys(ROUTES))
        for (const seed of route === '/' ? [true, false] : [true]) out.push({ width, lang, route, seed, dark: false });
  for (const width of widths) out.push({ width, lang: 'en', route: '/', seed: false, dark: true });
  return out;
}

/** One visit: navigation to drawn + 1 s; returns the entries. */
async function visit(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  await page
    .waitForFunction(
      () => {
        const root = document.documentElement;
        // The dashboard marks its first screen drawn; other routes are done
        // once mounted with nothing busy (the boot frame and the tables' loading lines are aria-busy).
        if (root.hasAttribute('data-app-drawn')) return true;
        return !document.querySelector('[data-testid=dashboard]') && root.hasAttribute('data-app-mounted') && !document.querySelector('[aria-busy=true]');
      },
      null,
      { timeout: 15_000, polling: 50 },
    )
    .catch(() => console.log(`  (not drawn within 15 s: ${url})`));
  await page.waitForTimeout(1000);
  return page.evaluate(() => window.__cls.entries);
}

const sum = (es) => es.reduce((a, e) => a + e.value, 0);

const srv = await startServer({ dir: dist });
const browser = await launch();
const rows = [];
try {
  for (const c of configs()) {
    const label = `${c.lang} ${c.width} ${c.route}${c.seed ? '' : ' no-seed'}${c.dark ? ' dark' : ''}`;
    if (only && !label.includes(only)) continue;
    const context = await browser.newContext({
      viewport: { width: c.width, height: c.width < 640 ? 740 : 900 },
      deviceScaleFactor: c.width < 640 ? 2 : 1,
      locale: 'en-US',
      colorScheme: c.dark ? 'dark' : 'light',
    });
    await context.addInitScript(CLS_INIT);
    if (!c.seed) await context.route('**/seed-*.json', (r) => r.abort());
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const sep = ROUTES[c.route].includes('?') ? '&' : '?';
    const url = `${srv.url}${ROUTES[c.route]}${sep}lang=${c.lang}`;
    const cold = await visit(page, url);
    await page
      .waitForFunction(() => localStorage.getItem('impact-atlas:snapshot:v1') !== null, null, { timeout: 5_000, polling: 100 })
      .catch(() => {});
    const repeat = await visit(page, url);
    rows.push({ label, cold: sum(cold), repeat: sum(repeat) });
    console.log(`${label.padEnd(34)} cold ${sum(cold).toFixed(4)}  repeat ${sum(repeat).toFixed(4)}`);
    if (verbose)
      for (const [v, es] of [['cold', cold], ['repeat', repeat]])
        for (const e of es) {
          console.log(`   ${v} t=${e.t} ${e.value.toFixed(4)}`);
          for (const s of e.sources) console.log(`      ${s.node} (in ${s.parent}) ${JSON.stringify(s.from)} → ${JSON.stringify(s.to)}`);
        }
    await context.close();
  }
} finally {
  await browser.close();
  await srv.close();
}
const worst = rows.reduce((a, r) => Math.max(a, r.cold, r.repeat), 0);
console.log(`worst: ${worst.toFixed(4)} over ${rows.length} configuration(s)`);
