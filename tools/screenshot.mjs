// Full-page screenshots of the release build (dist/), served on localhost.
//
//   node tools/screenshot.mjs [paths...] [--langs ar,fr,en] [--widths 360,1440] [--out screenshots]
//                             [--dist dist] [--viewport-only]
//   (make screenshots builds dist/ first; default paths: / /about)
//
// Files are named <page>-<lang>-<width>.png: "/" is "dashboard", "/about" is
// "about", "/?region=MA-07" is "dashboard-region-MA-07".
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startServer } from '../tests/e2e/serve.mjs';
import { launch, collectErrors } from './chromium.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const langs = opt('langs', 'ar,fr,en').split(',');
const widths = opt('widths', '360,1440').split(',').map(Number);
const out = resolve(opt('out', 'screenshots'));
const dist = opt('dist', 'dist');
const viewportOnly = argv.includes('--viewport-only');
if (viewportOnly) argv.splice(argv.indexOf('--viewport-only'), 1);
const paths = argv.length ? argv : ['/', '/about'];

function pageName(path) {
  const u = new URL(path, 'http://x');
  const base = u.pathname === '/' ? 'dashboard' : u.pathname.replace(/^\/+|\/+$/g, '').replace(/[^\w-]+/g, '-');
  const q = [...u.searchParams].map(([k, v]) => `${k}-${v}`).join('-').replace(/[^\w-]+/g, '-');
  return q ? `${base}-${q}` : base;
}

function withLang(path, lang) {
  const u = new URL(path, 'http://x');
  u.searchParams.set('lang', lang);
  return u.pathname + u.search + u.hash;
}

/** Renders the panels that `content-visibility: auto` skips off screen (CSSOM: allowed by the CSP). */
async function renderWholePage(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        for (const e of document.querySelectorAll('*')) {
          if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible';
        }
        requestAnimationFrame(() => requestAnimationFrame(resolve));
      }),
  );
}

await mkdir(out, { recursive: true });
const srv = await startServer({ dir: dist });
const browser = await launch();
let problems = 0;
try {
  for (const path of paths) {
    for (const lang of langs) {
      for (const width of widths) {
        const context = await browser.newContext({
          viewport: { width, height: width < 600 ? 780 : 900 },
          deviceScaleFactor: 1,
          locale: 'en-US',
        });
        const page = await context.newPage();
        const errors = collectErrors(page);
        await page.goto(srv.url + withLang(path, lang), { waitUntil: 'networkidle' });
        // A widget (/embed/…) has no site header: it waits for the app instead.
        const widget = /^\/embed\//.test(path);
        try {
          if (widget) await page.locator('html[data-app-mounted]').waitFor({ state: 'attached', timeout: 10_000 });
          else await page.getByTestId('site-header').waitFor({ timeout: 10_000 });
        } catch {
          errors.push(widget ? 'the widget did not mount within 10 s' : 'the site header did not appear within 10 s');
        }
        await page.evaluate(() => document.fonts.ready);
        await page.waitForTimeout(300); // let canvases and transitions settle
        // A full page shows what a reader sees by scrolling: panels rendered
        // only near the viewport (content-visibility: auto, style/main.css
        // "Frame 2") would be blank beyond it in one capture.
        if (!viewportOnly) await renderWholePage(page);
        const file = resolve(out, `${pageName(path)}-${lang}-${width}.png`);
        await page.screenshot({ path: file, fullPage: !viewportOnly });
        console.log(`${file}${errors.length ? `  (${errors.length} error(s))` : ''}`);
        for (const e of errors) console.log(`    ${e}`);
        problems += errors.length;
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await srv.close();
}
if (problems) console.log(`screenshots: ${problems} page error(s) seen (listed above)`);
