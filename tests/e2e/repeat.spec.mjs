// The repeat visit (issue 14, H30): with the dataset unchanged, the app
// reads, checks and draws its saved copy in a task or two (not one task per
// piece, each followed by a frame of the whole page), and writes nothing
// back: neither the data copy (the server's answer is the same bytes, even
// without an ETag: src/data/cache.rs, `Entry::same_answer`) nor the snapshot
// of the first screen (the same key, saved less than an hour ago:
// boot/snapshot.js, `savedFresh`). A changed language still saves a
// snapshot, and changed data is still taken and saved (data.spec.mjs).
import { test, expect, routeDataset, ROOT, DATA_PATH } from './helpers.mjs';
import { readFileSync } from 'node:fs';

// page.route cannot see a request the service worker answers.
test.use({ serviceWorkers: 'block' });

const SNAP_KEY = 'impact-atlas:snapshot:v1';
const DATA_KEY = 'impact-atlas:data:v2';
const body = readFileSync(`${ROOT}/public${DATA_PATH}`, 'utf8');

/** Records, from the page's start: storage writes, and the zero-delay timer tasks run between the app's read of its saved copy and the map's areas. */
function recorder() {
  const r = (window.__repeat = { writes: [], tasks: 0, readAt: -1, mapAt: -1 });
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    r.writes.push(k);
    return setItem.call(this, k, v);
  };
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (k) {
    // The app's read (after it mounted), not the boot scripts' (before).
    if (k === 'impact-atlas:data:v2' && r.readAt < 0 && document.documentElement.hasAttribute('data-app-mounted')) r.readAt = r.tasks;
    return getItem.call(this, k);
  };
  const setTimeout0 = window.setTimeout;
  window.setTimeout = function (f, ms, ...args) {
    if (typeof f === 'function' && !(ms > 0))
      return setTimeout0.call(this, (...a) => {
        r.tasks += 1;
        f(...a);
      }, ms, ...args);
    return setTimeout0.call(this, f, ms, ...args);
  };
  new MutationObserver(() => {
    if (r.mapAt < 0 && r.readAt >= 0 && document.querySelector('[data-region]')) r.mapAt = r.tasks;
  }).observe(document, { childList: true, subtree: true });
}

test('a repeat visit with the same data reads it in few tasks and writes nothing; another language saves a snapshot', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 915 });
  // The server's answer: the same bytes every time, and no ETag (a 200 each time, never a 304).
  const seen = await routeDataset(page, { body, headers: { 'cache-control': 'no-store' } });
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('data-app-drawn', '');
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, SNAP_KEY, { timeout: 20_000 });
  expect(await page.evaluate((k) => localStorage.getItem(k) !== null, DATA_KEY)).toBe(true);
  const firstSnapshot = await page.evaluate((k) => localStorage.getItem(k), SNAP_KEY);

  await page.addInitScript(recorder);
  await page.goto('/?lang=en');
  // The saved copy's screen first, then the app's.
  await expect(page.locator('html')).toHaveAttribute('data-app-drawn', '');
  await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeVisible();
  expect(seen.count).toBe(2); // the server was asked again, and answered 200
  // The snapshot would be saved again once the page is idle (boot/snapshot.js:
  // requestIdleCallback, at most 3 s after the app drew): wait past that.
  await page.waitForTimeout(4_500);
  const r = await page.evaluate(() => window.__repeat);
  expect(r.readAt, 'the app read its saved copy').toBeGreaterThanOrEqual(0);
  expect(r.mapAt, 'the map drew from it').toBeGreaterThanOrEqual(0);
  // Read, entry, decode, validate, index and draw: one task per piece before (5 or more).
  expect(r.mapAt - r.readAt, 'tasks between reading the saved copy and drawing the map').toBeLessThanOrEqual(2);
  expect(r.writes.filter((k) => k === DATA_KEY), 'the same data is not written back').toEqual([]);
  expect(r.writes.filter((k) => k === SNAP_KEY), 'the same screen is not saved again').toEqual([]);
  expect(await page.evaluate((k) => localStorage.getItem(k), SNAP_KEY)).toBe(firstSnapshot);
  // No notice: the data is current (no failure, no "could not check", nothing unsaved).
  await expect(page.locator('[data-testid="cached-notice"], [data-testid="error-panel"], [data-testid="not-saved-notice"]')).toHaveCount(0);

  // Another language: another first screen, saved.
  await page.goto('/?lang=fr');
  await expect(page.locator('html')).toHaveAttribute('data-app-drawn', '');
  await expect
    .poll(() => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).k, SNAP_KEY), { timeout: 20_000 })
    .toContain('"fr"');
});
