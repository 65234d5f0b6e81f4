// The widgets' own page and binary (issue 14, docs/size.md "A widget-only
// binary", docs/deploy.md): every /embed/… address is answered with
// embed.html, whose wasm has the widgets only; the site's pages keep
// index.html. The service worker caches the shell of the pages it was
// installed from (public/sw.js, shellsToCache / shellFor), and a visitor who
// sees both kinds of page gets both working, online and offline.
import { test, expect, workerReady, ROOT } from './helpers.mjs';
import { startServer } from './serve.mjs';
import { join } from 'node:path';

const DIST = join(ROOT, process.env.DIST_DIR ?? 'dist');
const DASHBOARD_WASM = /\/impact-atlas-[0-9a-f]{10,16}_bg\.wasm$/;
const WIDGET_WASM = /\/impact-atlas-embed-[0-9a-f]{10,16}_bg\.wasm$/;

const dashboard = {
  path: '/?lang=en',
  ready: (page) => expect(page.locator('[data-kpi="beneficiaries"] .kpi-value')).toHaveText(/4,200\+/),
};
const widget = {
  path: '/embed/map?lang=en',
  ready: async (page) => {
    await expect(page.locator('[data-region]').first()).toBeVisible();
    await expect(page.getByTestId('site-header')).toHaveCount(0);
  },
};

/** The .wasm files the page requests from now on (paths). */
function wasmRequests(page) {
  const seen = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && seen.push(new URL(r.url()).pathname));
  return seen;
}

test('a widget downloads the widgets’ wasm only, the dashboard its own only', async ({ page }) => {
  const doc = await page.request.get(widget.path);
  expect(doc.ok()).toBe(true);
  const html = await doc.text();
  expect(html).toMatch(/impact-atlas-embed-[0-9a-f]{10,16}\.js/);
  expect(html).not.toMatch(/impact-atlas-[0-9a-f]{10,16}\.js/);
  // The widgets' page carries the same strict policy as the site's (the header frames it anywhere).
  expect(html).toContain('http-equiv="Content-Security-Policy"');
  expect(doc.headers()['content-security-policy']).toContain('frame-ancestors *');

  const wasm = wasmRequests(page);
  await page.goto(widget.path);
  await widget.ready(page);
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(WIDGET_WASM);

  wasm.length = 0;
  await page.goto(dashboard.path);
  await dashboard.ready(page);
  expect(wasm.some((p) => DASHBOARD_WASM.test(p))).toBe(true);
  expect(wasm.some((p) => WIDGET_WASM.test(p))).toBe(false);
});

test('an address under /embed/ that is no widget says so, with a link to the dashboard', async ({ page }) => {
  await page.goto('/embed/nothing-here?lang=fr');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByTestId('home-link')).toHaveAttribute('href', '/?lang=fr');
});

/** The wasm files in the worker's cache (paths). */
function cachedWasm(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const key of await caches.keys()) {
      for (const req of await (await caches.open(key)).keys()) {
        if (req.url.endsWith('.wasm')) out.push(new URL(req.url).pathname);
      }
    }
    return out;
  });
}

/** The shell pages in the worker's cache (paths, sorted). */
function cachedPages(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const key of await caches.keys()) {
      for (const req of await (await caches.open(key)).keys()) {
        if (req.url.endsWith('.html')) out.push(new URL(req.url).pathname);
      }
    }
    return out.sort();
  });
}

test.describe('with the service worker', () => {
  // The offline reloads' failed data requests are logged by the browser.
  test.use({ allowedConsoleErrors: [/Failed to load resource|net::ERR_/] });

  for (const [first, second, name] of [
    [dashboard, widget, 'the dashboard, then a widget'],
    [widget, dashboard, 'a widget, then the dashboard'],
  ]) {
    test(`${name}: both work, online and offline`, async ({ page, context }) => {
      const s = await startServer({ dir: DIST });
      try {
        await page.goto(`${s.url}${first.path}`);
        await first.ready(page);
        await workerReady(page);
        // The worker cached the first page's shell, not the other's wasm.
        const cached = await cachedWasm(page);
        expect(cached).toHaveLength(1);
        expect(cached[0]).toMatch(first === widget ? WIDGET_WASM : DASHBOARD_WASM);
        expect(await cachedPages(page)).toEqual([first === widget ? '/embed.html' : '/index.html']);

        // The other kind of page, through the worker: it works.
        await page.goto(`${s.url}${second.path}`);
        await second.ready(page);
        expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
        // Its shell was kept on the way (its wasm cached on first use, then its page and other files).
        await expect.poll(() => cachedWasm(page).then((w) => w.length)).toBe(2);
        await expect.poll(() => cachedPages(page)).toEqual(['/embed.html', '/index.html']);
        // And back.
        await page.goto(`${s.url}${first.path}`);
        await first.ready(page);
      } finally {
        s.server.closeAllConnections();
        await s.close();
      }
      await context.setOffline(true);
      for (const p of [first, second]) {
        await page.goto(`${s.url}${p.path}`);
        await p.ready(page);
      }
    });
  }
});
