// A site published under a sub-path (`trunk build --release --public-url
// /atlas/`, docs/deploy.md; issue 14, H32).
//
// What `make test` runs (no second release build: ~4 minutes more):
// - the service worker's path logic (public/sw.js, loaded in a sandbox as
//   the browser would from /atlas/sw.js): its scope, the widgets' pages, the
//   app's pages and the shell's addresses all under /atlas/;
// - the test server's --base (tests/e2e/serve.mjs), which the check below
//   and tools/bench.mjs can serve a sub-path build with.
// The whole check in a browser, on demand, against such a build:
//   CARGO_TARGET_DIR=… trunk build --release --public-url /atlas/ --dist /tmp/atlas
//   ATLAS_DIST=/tmp/atlas npx playwright test --config tests/e2e/playwright.config.mjs tests/e2e/subpath.spec.mjs
// the dashboard and its links, the seed on a cold visit, a widget through
// embed.js on another origin, the snapshot on a repeat visit, the worker's
// scope and shell, and a repeat visit offline. (The build's output is not
// base-independent: the base is in the pages, the loaders' imports, their
// integrity hashes and the seeds' trees, so a rewriting proxy in front of the
// normal dist would test the proxy, not the build.)
import { test, expect, ROOT, holdWasm } from './helpers.mjs';
import { startServer } from './serve.mjs';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import vm from 'node:vm';

const ORIGIN = 'https://site.example';

/** public/sw.js as the browser runs it from `${ORIGIN}${base}sw.js`, with a shell list filled in. */
function workerUnder(base) {
  const listeners = {};
  const self = {
    location: new URL(`${ORIGIN}${base}sw.js`),
    registration: { scope: `${ORIGIN}${base}` },
    addEventListener: (type, f) => {
      listeners[type] = f;
    },
  };
  const source = readFileSync(resolve(ROOT, 'public/sw.js'), 'utf8')
    .replace(/^const SHELL = .*;$/m, "const SHELL = ['index.html', 'app-0123456789abcdef.js', 'embed.html', 'w-0123456789abcdef.js'];")
    .replace(/^const SHELLS = .*;$/m, "const SHELLS = { 'index.html': ['app-0123456789abcdef.js', 'index.html'], 'embed.html': ['embed.html', 'w-0123456789abcdef.js'] };");
  const context = vm.createContext({ self, URL });
  vm.runInContext(source, context);
  return { context, listeners };
}

test('the service worker under /atlas/: its pages, widgets and shell are those under its scope', () => {
  const { context, listeners } = workerUnder('/atlas/');
  expect(Object.keys(listeners).sort()).toEqual(['activate', 'fetch', 'install']);
  const url = (p) => new URL(`${ORIGIN}${p}`);
  const run = (code) => vm.runInContext(code, context);
  context.u = url;
  expect(run('INDEX')).toBe(`${ORIGIN}/atlas/index.html`);
  expect([...run('SHELL_URLS')]).toContain(`${ORIGIN}/atlas/app-0123456789abcdef.js`);
  for (const [path, page, widget] of [
    ['/atlas/', true, false],
    ['/atlas/regions/MA-07', true, false],
    ['/atlas/index.html', true, false],
    ['/atlas/embed/chart/by-area', true, true],
    ['/atlas/embed', true, true],
    ['/atlas/data/impact.json', false, false],
    ['/regions/MA-07', false, false],
    ['/embed/chart/by-area', false, false],
    ['/atlasx/embed/map', false, false],
  ]) {
    expect(run(`isAppPage(u(${JSON.stringify(path)}))`), `${path}: a page of the app`).toBe(page);
    expect(run(`isWidget(u(${JSON.stringify(path)}))`), `${path}: a widget`).toBe(widget);
    if (page) expect(run(`shellFor(u(${JSON.stringify(path)}))`)).toBe(widget ? 'embed.html' : 'index.html');
  }
  // At the root, the same rules.
  const root = workerUnder('/');
  expect(vm.runInContext("isWidget(new URL('https://site.example/embed/map'))", root.context)).toBe(true);
  expect(vm.runInContext("INDEX", root.context)).toBe(`${ORIGIN}/index.html`);
});

test('the test server serves a build under --base only', async () => {
  const server = await startServer({ dir: process.env.DIST_DIR ?? 'dist', base: '/atlas/' });
  try {
    const get = (p) => fetch(`${server.url}${p}`);
    const page = await get('/atlas/regions/MA-07');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const widget = await get('/atlas/embed/summary');
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect((await get('/atlas/data/impact.json')).status).toBe(200);
    expect((await get('/regions/MA-07')).status).toBe(404);
    expect((await get('/data/impact.json')).status).toBe(404);
  } finally {
    await server.close();
  }
});

test.describe('a build with --public-url /atlas/ (ATLAS_DIST)', () => {
  test.skip(!process.env.ATLAS_DIST, 'needs a build with --public-url /atlas/ in ATLAS_DIST');
  // Offline, the data request fails (the app shows its saved copy).
  test.use({ allowedConsoleErrors: [/Failed to load resource|net::ERR_/] });

  test('dashboard, seed, widget through embed.js, snapshot, worker and offline', async ({ page, context }) => {
    test.setTimeout(90_000);
    const server = await startServer({ dir: process.env.ATLAS_DIST, base: '/atlas/' });
    const base = `${server.url}/atlas/`;
    const failed = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    let host;
    try {
      // A cold visit: the seed paints while the wasm is held.
      const release = await holdWasm(page);
      await page.goto(`${base}?lang=en`);
      await expect(page.locator('#boot-snapshot[data-seed]')).toBeVisible();
      release();
      await expect(page.locator('[data-testid="map-morocco"] path[data-region]')).toHaveCount(12);
      await expect(page.locator('html')).toHaveAttribute('data-app-drawn', '');
      const links = await page.locator('.site-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.length).toBeGreaterThan(2);
      for (const href of links) expect(href).toMatch(/^\/atlas\//);
      // The worker: scope /atlas/, the shell cached from there.
      await expect
        .poll(
          () =>
            page.evaluate(async () => {
              const reg = await navigator.serviceWorker.getRegistration();
              return !!(reg?.active && navigator.serviceWorker.controller && (await caches.keys()).length);
            }),
          { timeout: 20_000 },
        )
        .toBe(true);
      const { scope, urls } = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        const keys = await caches.keys();
        return { scope: new URL(reg.scope).pathname, urls: (await (await caches.open(keys[0])).keys()).map((r) => new URL(r.url).pathname) };
      });
      expect(scope).toBe('/atlas/');
      expect(urls).toContain('/atlas/index.html');
      for (const u of urls) expect(u).toMatch(/^\/atlas\//);
      // A repeat visit's snapshot is saved (page.route cannot hold the wasm
      // the worker answers, to see it painted: checked by hand, see the report).
      await expect.poll(() => page.evaluate(() => localStorage.getItem('impact-atlas:snapshot:v1') !== null)).toBe(true);
      // A widget through embed.js, on a host page of another origin.
      host = createServer((_, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><html lang="en"><title>Host</title><main><h1>Host</h1><div data-impact-atlas="chart" data-chart="by-area" data-lang="ar"></div></main><script src="${base}embed.js" async></script></html>`,
        );
      });
      await new Promise((r) => host.listen(0, '127.0.0.1', r));
      const hostPage = await context.newPage();
      await hostPage.goto(`http://127.0.0.1:${host.address().port}/`);
      const frame = hostPage.locator('iframe');
      await expect(frame).toHaveAttribute('src', new RegExp(`^${base}embed/chart/by-area\\?`));
      await expect(hostPage.frameLocator('iframe').locator('canvas.chart-canvas')).toBeVisible();
      await expect.poll(() => frame.evaluate((f) => f.getBoundingClientRect().height)).toBeGreaterThan(300);
      await hostPage.close();
    } finally {
      host?.close();
      await server.close();
    }
    // The server gone and the browser offline: the page and a deep link come
    // from the worker, the data from the app's saved copy.
    await context.setOffline(true);
    await page.goto(`${base}?lang=ar`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByTestId('cached-notice')).toBeVisible();
    await expect(page.locator('[data-testid="map-morocco"] path[data-region]')).toHaveCount(12);
    await page.goto(`${base}about?lang=en`);
    await expect(page.getByTestId('site-header')).toBeVisible();
    expect(failed).toEqual([]);
  });
});
