// The app inside a real <iframe sandbox="allow-scripts">: an opaque origin,
// so the loader, the wasm and the data are CORS requests and storage throws.
// Works because the server sends `Access-Control-Allow-Origin: *` (and
// exposes ETag / Retry-After); see docs/deploy.md.
import { test, expect } from './helpers.mjs';

test('the dashboard runs in a sandboxed iframe (opaque origin)', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), origin: r.headers().origin }));
  await page.route('**/__embed.html', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html lang="en"><title>Embed</title><iframe sandbox="allow-scripts" src="/?lang=en" title="Impact Atlas" width="1200" height="900"></iframe></html>',
    }),
  );
  await page.goto('/__embed.html');
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('[data-kpi="beneficiaries"] .kpi-value')).toHaveText(/4,200\+/, { timeout: 15_000 });
  await expect(frame.getByTestId('boot-fallback')).toBeHidden();
  // Once the charts have drawn, the snapshot script (boot/snapshot.js) looks
  // at the saved copy every 500 ms: storage throws here, and that must stay
  // quiet (the test fails on any uncaught exception).
  await expect(frame.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeVisible();
  await page.waitForTimeout(1500);
  const origin = await page.frames()[1].evaluate(() => self.origin);
  expect(origin).toBe('null');
  // The wasm and the data went out as CORS requests from the opaque origin.
  expect(requests.find((r) => r.url.endsWith('.wasm'))?.origin).toBe('null');
  expect(requests.find((r) => r.url.includes('/data/impact.json'))?.origin).toBe('null');
});
