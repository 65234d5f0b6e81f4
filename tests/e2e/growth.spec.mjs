// Growth (issue 14): 100,000 observations in the compact form load and draw the
// dashboard (map, charts, headline figures), axe clean; /check names a bad cell
// of the compact form by its column and row, in the visitor's language.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, gotoApp, ROOT, routeDataset, expectNoA11yViolations } from './helpers.mjs';
import { grownDataset } from '../../tools/grow-dataset.mjs';

const GROWTH = JSON.parse(readFileSync(resolve(ROOT, 'locales/growth.json'), 'utf8'));
const CHECK = JSON.parse(readFileSync(resolve(ROOT, 'locales/check.json'), 'utf8'));
const fill = (text, args = {}) => Object.entries(args).reduce((t, [k, v]) => t.replaceAll(`{${k}}`, String(v)), text);

test('100,000 observations in the compact form: the dashboard draws its map, charts and figures', async ({ page }) => {
  test.setTimeout(90_000);
  const body = await grownDataset(100_000, true);
  expect(JSON.parse(body).observations.rows).toBe(100_000);
  await routeDataset(page, { body });
  await gotoApp(page, '/?lang=en');
  await expect(page.locator('[data-region]').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeVisible({ timeout: 30_000 });
  // The whole reach of the grown data is the shipped one's (more than 4,200).
  await expect
    .poll(async () => (await page.locator('[data-kpi="beneficiaries"] .kpi-value bdi').first().textContent())?.replace(/\D/g, ''))
    .toBe('4200');
  // A filter change is answered (the region's page of figures follows the click).
  const region = page.locator('[data-region]').first();
  const code = await region.getAttribute('data-region');
  await region.click();
  await expect(page).toHaveURL(new RegExp(`region=${code}`));
  await expectNoA11yViolations(page);
});

for (const lang of ['ar', 'en']) {
  test(`/check (${lang}): a bad cell of the compact form is named by its column and row`, async ({ page }) => {
    const doc = JSON.parse(await grownDataset(1_000, true));
    const c = doc.observations;
    const row = c.value.findIndex((v, i) => (c.share?.[i] ?? 0) === 0 && v > 2);
    c.value[row] = 10.5;
    await gotoApp(page, `/check?lang=${lang}`);
    await page.getByTestId('check-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    const items = page.getByTestId('check-problems').locator('li');
    await expect(items).toHaveCount(1);
    await expect(items.locator('.problem-path')).toHaveText(`observations.value[${row}]`);
    // A position outside its list: the cell and the list are named.
    const doc2 = JSON.parse(await grownDataset(1_000, true));
    const r = doc2.observations.region.findIndex((x) => x !== null);
    doc2.observations.region[r] = 99;
    await page.getByTestId('check-file').setInputFiles({ name: 'big2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc2)) });
    await expect(items).toHaveCount(1);
    await expect(items.locator('.problem-path')).toHaveText(`observations.region[${r}]`);
    const words = fill(GROWTH.problem_no_entry[lang], { value: '99', list: 'regions' }).replace(/[\u2068\u2069]/g, '');
    await expect.poll(async () => (await items.locator('.problem-message').textContent()).replace(/[\u2068\u2069]/g, '')).toBe(words);
    await expect(items.locator('.problem-severity')).toHaveText(CHECK.severity_error[lang]);
    await expectNoA11yViolations(page);
  });
}

// Issue 14: the 100k document is read in steps (no long parse-and-validate
// task), and the saved copy tells the truth: whole in storage, or the page
// says it could not be saved (storage full), and an older good copy stays.
test('100,000 observations: read in short tasks; saved whole, or the page says it was not saved', async ({ page }) => {
  test.setTimeout(90_000);
  const body = await grownDataset(100_000, true);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await routeDataset(page, { body });
  await gotoApp(page, '/?lang=en');
  await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-kpi="beneficiaries"]').first()).toBeVisible();
  const notSaved = page.getByTestId('not-saved-notice');
  await expect.poll(async () => (await savedCopy(page))?.body === body || (await notSaved.isVisible()), { timeout: 20_000 }).toBe(true);
  const copy = await savedCopy(page);
  const saved = copy?.body === body;
  const longTasks = await page.evaluate(() => window.__longTasks);
  console.log(`growth 100k: saved: ${saved} (body apart: ${copy?.apart}); long tasks (ms): ${JSON.stringify(longTasks)}`);
  if (saved) {
    await expect(notSaved).toHaveCount(0);
    // 4 MB: the body is kept apart in the Cache API, the entry is small.
    expect(copy.apart).toBe(true);
    expect(copy.entryChars).toBeLessThan(1_000);
  }
});

/**
 * The saved copy: its entry in localStorage and its body (from the Cache API
 * when kept apart: src/data/cache.rs), with the caches that hold bodies.
 */
function savedCopy(page) {
  return page.evaluate(async () => {
    const t = localStorage.getItem('impact-atlas:data:v2');
    if (!t) return null;
    const e = JSON.parse(t);
    const names = (await caches.keys()).filter((k) => k.startsWith('impact-atlas-data-'));
    if (!e.apart) return { body: e.body, apart: false, entryChars: t.length, names };
    if (!names.includes(e.apart)) return { body: null, apart: true, entryChars: t.length, names };
    const hit = await (await caches.open(e.apart)).match('/impact-atlas/saved-data.json');
    return { body: hit ? await hit.text() : null, apart: true, entryChars: t.length, names };
  });
}

// Issue 14: a copy over 512 KB keeps its body in the Cache API (no long
// task to save it); it is the copy a later visit shows when the server
// fails, a new copy replaces it whole (one body kept), and a refused write
// keeps the older copy and says so.
test.describe('a large copy', () => {
  // The failing server's answer (404) is logged by the browser.
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });
  test('is kept apart in the Cache API: shown on the next visit, replaced whole, kept when a write is refused', async ({ page }) => {
    test.setTimeout(120_000);
    const first = await grownDataset(20_000, true);
    const second = await grownDataset(21_000, true);
    expect(first.length).toBeGreaterThan(512 * 1024);
    let serve = { body: first, status: 200 };
    await routeDataset(page, { handler: (route) => route.fulfill({ status: serve.status, contentType: 'application/json', body: serve.body }) });
    const kpi = page.locator('[data-kpi="beneficiaries"] .kpi-value bdi').first();
    const reach = async () => (await kpi.textContent())?.replace(/\D/g, '');

    await gotoApp(page, '/?lang=en');
    await expect.poll(async () => (await savedCopy(page))?.body === first, { timeout: 30_000 }).toBe(true);
    let copy = await savedCopy(page);
    expect(copy.apart).toBe(true);
    expect(copy.entryChars).toBeLessThan(1_000);
    expect(copy.names).toHaveLength(1);

    // The server fails: the saved copy is shown, with the notice. Its body
    // is read from the <head> (boot/fallback.js), before the app mounts.
    await page.addInitScript(() => {
      window.__opened = [];
      const open = CacheStorage.prototype.open;
      CacheStorage.prototype.open = function (name) {
        window.__opened.push({ name, mounted: document.documentElement.hasAttribute('data-app-mounted') });
        return open.call(this, name);
      };
    });
    serve = { body: 'gone', status: 404 };
    await page.reload();
    await expect(page.getByTestId('cached-notice')).toBeVisible({ timeout: 30_000 });
    await expect.poll(reach).toBe('4200');
    await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeVisible();
    expect((await savedCopy(page)).body).toBe(first);
    const opened = await page.evaluate(() => window.__opened.filter((o) => o.name.startsWith('impact-atlas-data-')));
    expect(opened[0], 'the saved body read before the app mounted').toEqual({ name: copy.names[0], mounted: false });

    // A new copy replaces it: one body kept.
    serve = { body: second, status: 200 };
    await page.reload();
    await expect.poll(async () => (await savedCopy(page))?.body === second, { timeout: 30_000 }).toBe(true);
    copy = await savedCopy(page);
    expect(copy.names).toHaveLength(1);
    await expect(page.getByTestId('not-saved-notice')).toHaveCount(0);

    // Storage full: the Cache API refuses the next copy; the page says it was
    // not saved, and the copy before it stays whole.
    await page.addInitScript(() => {
      Cache.prototype.put = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    });
    serve = { body: first, status: 200 };
    await page.reload();
    await expect(page.getByTestId('not-saved-notice')).toBeVisible({ timeout: 30_000 });
    copy = await savedCopy(page);
    expect(copy.body).toBe(second);
    expect(copy.names).toHaveLength(1);
    await expectNoA11yViolations(page);
  });
});

// Two tabs saving two different large copies at the same moment: each
// stores its body, then its entry, then prunes the other bodies. A body
// another tab stored within the last minute (its entry maybe not written
// yet) is kept; this page's own older copy, another's older body and one
// without a time (an earlier build's) go.
test('a large copy saved: another tab\'s fresh body stays, stale ones go', async ({ page }) => {
  test.setTimeout(60_000);
  const body = await grownDataset(20_000, true);
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    const put = (name, at) =>
      caches.open(name).then((c) => c.put('/impact-atlas/saved-data.json', new Response('{}', { headers: at ? { 'x-impact-atlas-saved': String(at) } : {} })));
    window.__seeded = Promise.all([
      put('impact-atlas-data-00000000000000aa', Date.now() - 5_000),
      put('impact-atlas-data-00000000000000bb', Date.now() - 120_000),
      put('impact-atlas-data-00000000000000cc', 0),
    ]);
  });
  await routeDataset(page, { body });
  await gotoApp(page, '/?lang=en');
  await expect.poll(async () => (await savedCopy(page))?.body === body, { timeout: 30_000 }).toBe(true);
  const own = (await savedCopy(page)).names.find((n) => !/0{14}[a-c]{2}$/.test(n));
  expect(own).toBeTruthy();
  await expect.poll(async () => (await savedCopy(page)).names.sort(), { timeout: 10_000 }).toEqual([own, 'impact-atlas-data-00000000000000aa'].sort());
});

// The boot script reads a large copy's body from the <head>, for the app
// (boot/fallback.js): a read the app never claims is let go when the boot
// fails (it can hold megabytes); get() then reads the cache again.
test.describe('a large copy\'s early read', () => {
  // A failed boot logs its reasons; page.route cannot hold what a worker answers.
  test.use({ allowedConsoleErrors: [/.*/], serviceWorkers: 'block' });
  test('is held for the app while the wasm loads, and let go when the boot fails', async ({ page }) => {
    test.setTimeout(90_000);
    const body = await grownDataset(20_000, true);
    await routeDataset(page, { body });
    await gotoApp(page, '/?lang=en');
    await expect.poll(async () => (await savedCopy(page))?.body === body, { timeout: 30_000 }).toBe(true);
    const [name] = (await savedCopy(page)).names;
    await page.addInitScript(() => {
      window.__opened = [];
      const open = CacheStorage.prototype.open;
      CacheStorage.prototype.open = function (n) {
        window.__opened.push(n);
        return open.call(this, n);
      };
    });
    // What get() answers now, and whether it had to open the cache for it.
    const probe = () =>
      page.evaluate(async (n) => {
        const before = window.__opened.length;
        const bytes = await window.impactAtlasApart.get(n);
        return { opened: window.__opened.slice(before).includes(n), bytes: bytes ? bytes.length : 0 };
      }, name);
    const size = Buffer.byteLength(body);

    // The wasm on its way (held): the body read at boot waits for the app.
    let hold;
    const held = new Promise((r) => (hold = r));
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.abort();
    });
    await page.reload();
    await expect.poll(() => page.evaluate((n) => window.__opened.includes(n), name)).toBe(true);
    expect(await probe()).toEqual({ opened: false, bytes: size });
    hold();

    // The wasm fails: the boot's fallback shows, and the read is let go.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await routeDataset(page, { body });
    await page.route('**/*.wasm', (route) => route.abort('blockedbyclient'));
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-boot-failed', /load|error/);
    await expect(page.getByTestId('boot-fallback')).toBeVisible();
    expect(await probe()).toEqual({ opened: true, bytes: size });
  });
});

// A body the entry no longer names (two tabs saved at once and this one's
// entry lost) goes on the next visit, even one that saves nothing; a body
// stored within the last minute (a tab saving now) stays.
test.describe('a large copy\'s stale body', () => {
  // The failing server's answer (404) is logged by the browser.
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });
  test('goes on the next visit, a fresh one stays', async ({ page }) => {
    test.setTimeout(60_000);
    const body = await grownDataset(20_000, true);
    let serve = { body, status: 200 };
    await routeDataset(page, { handler: (route) => route.fulfill({ status: serve.status, contentType: 'application/json', body: serve.body }) });
    await gotoApp(page, '/?lang=en');
    await expect.poll(async () => (await savedCopy(page))?.body === body, { timeout: 30_000 }).toBe(true);
    const [own] = (await savedCopy(page)).names;
    await page.evaluate(() => {
      const put = (name, at) =>
        caches.open(name).then((c) => c.put('/impact-atlas/saved-data.json', new Response('{}', { headers: { 'x-impact-atlas-saved': String(at) } })));
      return Promise.all([put('impact-atlas-data-00000000000000dd', Date.now() - 120_000), put('impact-atlas-data-00000000000000ee', Date.now() - 5_000)]);
    });
    expect((await savedCopy(page)).names).toHaveLength(3);
    // The server fails: the page shows its saved copy and saves nothing.
    serve = { body: 'gone', status: 404 };
    await page.reload();
    await expect(page.getByTestId('cached-notice')).toBeVisible({ timeout: 30_000 });
    await expect.poll(async () => (await savedCopy(page)).names.sort(), { timeout: 10_000 }).toEqual([own, 'impact-atlas-data-00000000000000ee'].sort());
    expect((await savedCopy(page)).body).toBe(body);
  });
});

// Where the page has no Cache API (an insecure origin: `window.caches` is
// undefined), a large copy is saved whole in localStorage, as before.
test('without the Cache API a large copy is saved whole in localStorage', async ({ page }) => {
  test.setTimeout(60_000);
  const body = await grownDataset(20_000, true);
  await page.addInitScript(() => Object.defineProperty(window, 'caches', { value: undefined }));
  await routeDataset(page, { body });
  await gotoApp(page, '/?lang=en');
  const entry = () => page.evaluate(() => JSON.parse(localStorage.getItem('impact-atlas:data:v2') || 'null'));
  await expect.poll(async () => (await entry())?.body === body, { timeout: 30_000 }).toBe(true);
  expect((await entry()).apart).toBeUndefined();
  await expect(page.getByTestId('not-saved-notice')).toHaveCount(0);
});
