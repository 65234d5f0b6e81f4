// First paint, repeat visits and offline (issue 14; docs/deploy.md "Caching",
// "Offline and updates", "First paint"):
// - the static frame of index.html paints in the right language and direction
//   before the wasm runs, and the app replaces it without moving the heading;
// - the data preload of a first visit is the app's one and only data request;
// - the host headers: hashed files immutable, the rest no-cache;
// - after a first visit the site works with the server gone and the browser
//   offline, and says so with the data's age; a new deploy replaces the shell.
import { test, expect, holdWasm, withoutSeed, workerReady, ROOT } from './helpers.mjs';
import { startServer } from './serve.mjs';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIST = join(ROOT, process.env.DIST_DIR ?? 'dist');
const app = JSON.parse(readFileSync(`${ROOT}/locales/app.json`, 'utf8'));
const offline = JSON.parse(readFileSync(`${ROOT}/locales/offline.json`, 'utf8'));
const faults = JSON.parse(readFileSync(`${ROOT}/locales/faults.json`, 'utf8'));
const KEY = 'impact-atlas:data:v2';
const kpi = (page) => page.locator('[data-kpi="beneficiaries"] .kpi-value');
const frame = (page) => page.locator('#boot-frame');

test.describe('the static frame before the wasm runs', () => {
  // A cold visit of the default view paints the build's seed over the frame
  // (tests/e2e/seed.spec.mjs): these visits are served without it.
  for (const { name, path, init, lang, dir } of [
    { name: '?lang=ar', path: '/?lang=ar', lang: 'ar', dir: 'rtl' },
    { name: 'the saved choice', path: '/', init: 'fr', lang: 'fr', dir: 'ltr' },
    { name: 'the browser (en-US)', path: '/', lang: 'en', dir: 'ltr' },
  ]) {
    test(`in the language of ${name}, then replaced by the app in place`, async ({ page }) => {
      if (init) await page.addInitScript((l) => localStorage.setItem('impact-atlas:lang', l), init);
      await withoutSeed(page);
      const release = await holdWasm(page);
      await page.goto(path);
      const root = page.locator('html');
      await expect(root).toHaveAttribute('lang', lang);
      await expect(root).toHaveAttribute('dir', dir);
      await expect(root).not.toHaveAttribute('data-app-mounted', /.*/);
      const heading = frame(page).locator('h1');
      await expect(heading).toBeVisible();
      // innerText: only what shows (the other languages' spans are display: none).
      await expect.poll(() => heading.innerText()).toBe(app.dashboard_heading[lang]);
      await expect.poll(() => frame(page).locator('.brand-product').innerText()).toBe(app.title[lang].toUpperCase());
      for (const other of ['ar', 'fr', 'en'].filter((l) => l !== lang)) {
        await expect(heading.locator(`[lang="${other}"]`)).toBeHidden();
      }
      await expect(frame(page).locator('.kpi-skeleton').first()).toBeVisible();
      const before = await heading.boundingBox();
      release();
      await expect(page.getByTestId('site-header')).toBeVisible();
      await expect(frame(page)).toHaveCount(0);
      await expect(page.getByTestId('boot-fallback')).toBeHidden();
      // The app's heading is where the frame's was: nothing jumps.
      const after = await page.locator('.intro h1').boundingBox();
      expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(2);
      expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(2);
    });
  }

  test('no dashboard skeleton on another page, no frame for a widget', async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto('/about?lang=en');
    await expect(frame(page).locator('.site-header')).toBeVisible();
    await expect(frame(page).locator('main')).toBeHidden();
    await page.goto('/embed/summary?lang=en');
    await expect(frame(page)).toBeHidden();
    release();
  });
});

test.describe('the data preload', () => {
  // Without a seed: a seeded visit fetches the data from the boot script
  // instead, once (tests/e2e/seed.spec.mjs).
  test('a first visit downloads the data once: the app reuses the preload', async ({ page }) => {
    await withoutSeed(page);
    const warnings = [];
    // (Trunk's wasm preload has a warning of its own about `integrity`: not ours.)
    page.on('console', (m) => /preload/i.test(m.text()) && /impact\.json|not used/.test(m.text()) && warnings.push(m.text()));
    const requests = [];
    page.on('request', (r) => r.url().includes('/data/impact.json') && requests.push(r));
    await page.goto('/?lang=en');
    const link = page.locator('link[rel="preload"][data-impact-data]');
    await expect(link).toHaveCount(1);
    const meta = await page.locator('meta[name="impact-data"]').getAttribute('content');
    expect(await link.getAttribute('href')).toBe(meta);
    await expect(kpi(page)).toHaveText(/4,200\+/);
    await expect.poll(() => page.evaluate((k) => localStorage.getItem(k) !== null, KEY)).toBe(true);
    // Chromium warns when a preload goes unused for a few seconds.
    await page.waitForTimeout(3500);
    expect(requests.map((r) => r.url())).toHaveLength(1);
    expect(warnings).toEqual([]);
    // The repeat visit has a copy: no preload, one conditional request.
    requests.length = 0;
    await page.reload();
    await expect(kpi(page)).toHaveText(/4,200\+/);
    await expect(page.locator('link[rel="preload"][data-impact-data]')).toHaveCount(0);
    await expect.poll(() => requests.length).toBe(1);
    expect(await requests[0].headerValue('if-none-match')).toMatch(/^"/);
  });
});

test('hashed files are immutable; the page, the data and the worker are revalidated', async ({ page }) => {
  const html = await (await page.request.get('/')).text();
  const hashed = [...html.matchAll(/(?:src|href)="\/?([^"]+-[0-9a-f]{10,16}(?:_bg\.wasm|\.js|\.css))"/g)].map((m) => m[1]);
  expect(hashed.length).toBeGreaterThanOrEqual(4);
  for (const file of hashed) {
    const res = await page.request.get(`/${file}`);
    expect(res.headers()['cache-control'], file).toBe('public, max-age=31536000, immutable');
  }
  for (const path of ['/', '/index.html', '/about', '/data/impact.json', '/sw.js', '/embed.js']) {
    const res = await page.request.get(path);
    expect(res.headers()['cache-control'], path).toBe('no-cache');
  }
});

/** A server of our own on `port` (0: any), so that a test can stop it. */
async function serve(dir, port = 0) {
  const s = await startServer({ dir, port });
  return {
    ...s,
    port: Number(new URL(s.url).port),
    stop: () => {
      s.server.closeAllConnections();
      return s.close();
    },
  };
}

test.describe('offline after the first visit', () => {
  // The failed data request is logged by the browser.
  test.use({ allowedConsoleErrors: [/Failed to load resource|net::ERR_/] });

  test('the dashboard, a deep link and the offline notice with the data age', async ({ page, context }) => {
    const server = await serve(DIST);
    try {
      await page.goto(`${server.url}/?lang=en`);
      await expect(kpi(page)).toHaveText(/4,200\+/);
      await expect.poll(() => page.evaluate((k) => localStorage.getItem(k) !== null, KEY)).toBe(true);
      await workerReady(page);
      // The saved copy came from the server three days ago.
      await page.evaluate((k) => {
        const e = JSON.parse(localStorage.getItem(k));
        e.saved_at = Date.now() - 3 * 24 * 3600 * 1000 - 60_000;
        localStorage.setItem(k, JSON.stringify(e));
      }, KEY);
    } finally {
      await server.stop();
    }
    await context.setOffline(true);
    await page.goto(`${server.url}/?lang=en`);
    await expect(kpi(page)).toHaveText(/4,200\+/);
    const notice = page.getByTestId('cached-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('role', 'status');
    await expect(notice.getByTestId('fault-cause')).toHaveText(faults.offline.en);
    await expect(notice.getByTestId('data-age')).toHaveText(offline.updated_days.en.other.replace('{count}', '3'));
    await expect(page.getByTestId('boot-fallback')).toBeHidden();
    // A deep link, in Arabic.
    await page.goto(`${server.url}/about?lang=ar`);
    await expect(page.getByTestId('site-header')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.goto(`${server.url}/?lang=ar`);
    await expect(page.getByTestId('data-age')).toHaveText(offline.updated_days.ar.few.replace('{count}', '3'));
  });
  test('a repeat visit does not wait for the network: the page comes from the worker', async ({ page }) => {
    const server = await serve(DIST);
    // Holds every page (navigation) request the server receives once `hold` is set.
    const [handler] = server.server.listeners('request');
    server.server.removeAllListeners('request');
    let hold = false;
    const held = [];
    server.server.on('request', (req, res) => {
      const page = !/\.[a-z0-9]+$/i.test(new URL(req.url, 'http://x').pathname);
      if (hold && page) held.push(() => handler(req, res));
      else handler(req, res);
    });
    try {
      await page.goto(`${server.url}/?lang=en`);
      await expect(kpi(page)).toHaveText(/4,200\+/);
      await workerReady(page);
      hold = true;
      // A repeat visit and a deep link, both painted while the server has not
      // answered (nor even received) a page request: a network-first worker
      // would leave them waiting.
      for (const path of ['/?lang=en', '/explore?lang=ar']) {
        await page.goto(`${server.url}${path}`, { waitUntil: 'commit', timeout: 10_000 });
        await expect(page.locator('html')).toHaveAttribute('data-app-mounted', '');
      }
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      expect(held).toHaveLength(0);
      // A widget stays network-first (its headers are the host's): it waits.
      const widget = page.goto(`${server.url}/embed/summary?lang=en`, { timeout: 10_000 }).catch((e) => e);
      await expect.poll(() => held.length).toBe(1);
      hold = false;
      held.splice(0).forEach((go) => go());
      expect(await widget).not.toBeInstanceOf(Error);
    } finally {
      hold = false;
      held.splice(0).forEach((go) => go());
      await server.stop();
    }
  });

  test('a new deploy replaces the old shell on the next load', async ({ page }) => {
    // The new worker caches the whole new shell (two wasm files among them)
    // before it takes over: on a loaded 2-core CI machine that once took
    // over 15 s (a fresh-clone run, 30 November), where it usually takes 3-5 s.
    test.setTimeout(60_000);
    const next = mkdtempSync(join(tmpdir(), 'impact-atlas-deploy-'));
    cpSync(DIST, next, { recursive: true });
    let server = await serve(DIST);
    const port = server.port;
    try {
      await page.goto(`${server.url}/?lang=en`);
      await expect(kpi(page)).toHaveText(/4,200\+/);
      await workerReady(page);
      const old = await page.evaluate(() => caches.keys());
      expect(old).toHaveLength(1);
      // The next deploy: another index.html, hence another worker version.
      const index = readFileSync(join(next, 'index.html'), 'utf8').replace(
        '<meta name="color-scheme"',
        '<meta name="impact-deploy" content="next">\n    <meta name="color-scheme"',
      );
      writeFileSync(join(next, 'index.html'), index);
      const sw = readFileSync(join(next, 'sw.js'), 'utf8').replace(/^const VERSION = '([0-9a-f]+)';$/m, "const VERSION = 'next$1';");
      expect(sw).toContain("const VERSION = 'next");
      writeFileSync(join(next, 'sw.js'), sw);
      await server.stop();
      server = await serve(next, port);
      // The first load after the deploy is answered by the old worker from
      // its cache (pages are cache-first, issue 14): still the old page,
      // consistent with the old hashed files…
      // The worker's steps, kept for the message of a failure below (a CI run
      // of 1 December once saw no activation within 35 s: not reproduced
      // since, 108 runs under load).
      await page.addInitScript(() => {
        const steps = (window.__workerSteps = []);
        const at = (what) => steps.push(`${what}@${Math.round(performance.now())}`);
        navigator.serviceWorker.getRegistration().then((r) => {
          const watch = (w, name) => w && (at(`${name}:${w.state}`), w.addEventListener('statechange', () => at(`${name}:${w.state}`)));
          watch(r?.installing, 'installing');
          watch(r?.waiting, 'waiting');
          r?.addEventListener('updatefound', () => watch(r.installing, 'new'));
        });
        navigator.serviceWorker.addEventListener('controllerchange', () => at('controllerchange'));
      });
      await page.reload();
      await expect(kpi(page)).toHaveText(/4,200\+/);
      await expect(page.locator('meta[name="impact-deploy"]')).toHaveCount(0);
      // …while the worker looks for a new deploy in the background: the new
      // worker installs, takes over and replaces the old cache (no explicit
      // registration.update() here: the navigation itself starts the check)…
      await expect
        .poll(() => page.evaluate(() => caches.keys()), { timeout: 35_000 })
        .toEqual([expect.stringMatching(/^impact-atlas-shell-next/)])
        .catch(async (e) => {
          const state = await page.evaluate(async () => {
            const r = await navigator.serviceWorker.getRegistration();
            const w = (x) => x && `${x.state} ${x.scriptURL}`;
            return { installing: w(r?.installing), waiting: w(r?.waiting), active: w(r?.active), steps: window.__workerSteps, now: Math.round(performance.now()) };
          });
          throw new Error(`${e.message}\nthe registration: ${JSON.stringify(state)}`);
        });
      // …and the next load is the new deploy.
      await page.reload();
      await expect(page.locator('meta[name="impact-deploy"]')).toHaveCount(1);
      await expect(kpi(page)).toHaveText(/4,200\+/);
      const cached = await page.evaluate(async () => {
        const [key] = await caches.keys();
        const res = await (await caches.open(key)).match(new URL('index.html', document.baseURI).href);
        return res ? res.text() : '';
      });
      expect(cached).toContain('impact-deploy');
    } finally {
      await server.stop();
      rmSync(next, { recursive: true, force: true });
    }
    expect(readdirSync(DIST)).toContain('sw.js');
  });
});
