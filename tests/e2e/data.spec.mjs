// The data spine as a visitor meets it: first visit, repeat visit from the
// cache, bad updates, server errors and timeouts, storage that throws.
// (helpers' `test` fails a test on any console error it does not list, and on
// any Content-Security-Policy violation.)
import { test, expect } from './helpers.mjs';
import { readFileSync } from 'node:fs';

const DATA = '**/data/impact.json';
const CACHE_KEY = 'impact-atlas:data:v2';
const good = readFileSync(new URL('../../public/data/impact.json', import.meta.url), 'utf8');

test('first visit fetches the data and renders the headline cards', async ({ page }) => {
  await page.goto('/?lang=en');
  const first = page.locator('[data-kpi="beneficiaries"]');
  await expect(first).toBeVisible();
  await expect(first.locator('.kpi-value')).toHaveText(/4,200\+/);
  await expect(first).toContainText(/reported/i);
  await expect(page.getByTestId('data-line')).toContainText('Data as of');
  expect(await page.locator('[data-testid="kpi-card"]').count()).toBeGreaterThan(5);
  const cached = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('impact-atlas:data')));
  expect(cached).toEqual([CACHE_KEY]);
});

test('a repeat visit renders from the cache before the network answers', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('[data-kpi="beneficiaries"]')).toBeVisible();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(DATA, async (route) => { await held; await route.fulfill({ status: 200, contentType: 'application/json', body: good }); });
  await page.reload();
  // The network is held: what shows can only come from the cache.
  await expect(page.locator('[data-kpi="beneficiaries"] .kpi-value')).toHaveText(/4,200\+/, { timeout: 5000 });
  release();
  await expect(page.getByTestId('cached-notice')).toHaveCount(0);
});

test('invalid data on revalidation keeps the cached data and says so', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('[data-kpi="beneficiaries"]')).toBeVisible();
  const bad = JSON.parse(good);
  bad.observations[0].region = 'MA-13';
  await page.route(DATA, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(bad) }));
  await page.reload();
  await expect(page.getByTestId('cached-notice')).toBeVisible();
  await expect(page.getByTestId('cached-notice')).toContainText('previous data');
  await page.getByTestId('cached-notice').locator('summary').click();
  await expect(page.getByTestId('problem-list')).toContainText('observations[0].region');
  await expect(page.locator('[data-kpi="beneficiaries"] .kpi-value')).toHaveText(/4,200\+/);
  // The good copy is still the one saved.
  const saved = await page.evaluate((k) => localStorage.getItem(k), CACHE_KEY);
  expect(saved).toContain('"body"');
  expect(saved).not.toContain('MA-13');
});

test.describe('server errors', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });

test('a server error with nothing cached shows the error panel, and retry works', async ({ page }) => {
  let failing = true;
  let calls = 0;
  await page.route(DATA, (route) => {
    calls += 1;
    return failing ? route.fulfill({ status: 500, body: 'boom' }) : route.fulfill({ status: 200, contentType: 'application/json', body: good });
  });
  await page.goto('/?lang=fr');
  const panel = page.getByTestId('error-panel');
  await expect(panel).toBeVisible({ timeout: 15000 });
  await expect(panel).toContainText('HTTP 500');
  expect(calls).toBe(3); // three tries at most
  failing = false;
  await page.getByTestId('retry').click();
  await expect(page.locator('[data-kpi="beneficiaries"]')).toBeVisible();
  await expect(panel).toHaveCount(0);
});
});

test('a timeout with nothing cached shows the error panel', async ({ page }) => {
  test.setTimeout(40000);
  await page.route(DATA, () => { /* never answers */ });
  await page.goto('/?lang=en');
  const panel = page.getByTestId('error-panel');
  await expect(panel).toBeVisible({ timeout: 20000 });
  await expect(panel).toContainText('more than 8');
});

test('invalid data with nothing cached lists the problems with their paths', async ({ page }) => {
  const bad = JSON.parse(good);
  bad.observations[1].share = 1.7;
  bad.schema_version = 99;
  await page.route(DATA, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(bad) }));
  await page.goto('/?lang=ar');
  const panel = page.getByTestId('error-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('problem-list')).toContainText('schema_version');
});

test('storage that throws still renders', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await page.goto('/?lang=en');
  await expect(page.locator('[data-kpi="beneficiaries"] .kpi-value')).toHaveText(/4,200\+/);
});
