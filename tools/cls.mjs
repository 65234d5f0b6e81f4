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
import { CLS_INIT, shiftVisit, snapshotSaved } from './shift.mjs';

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

export const AREA = 'womens-entrepreneurship';
export const ROUTES = { '/': '/', filtered: `/?area=${AREA}`, explore: '/explore' };

function configs() {
  const out = [];
  for (const width of widths)
    for (const lang of ['ar', 'en'])
      for (const route of Object.keys(ROUTES))
        for (const seed of route === '/' ? [true, false] : [true]) out.push({ width, lang, route, seed, dark: false });
  // The dark scheme has seeds of its own (tools/seed.mjs).
  for (const width of widths) out.push({ width, lang: 'en', route: '/', seed: true, dark: true });
  return out;
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
    const onTimeout = () => console.log(`  (not drawn within 15 s: ${url})`);
    const cold = await shiftVisit(page, url, { onTimeout });
    await snapshotSaved(page);
    const repeat = await shiftVisit(page, url, { onTimeout });
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
