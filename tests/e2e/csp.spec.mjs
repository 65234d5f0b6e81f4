// The release build runs under the strict Content-Security-Policy of
// tools/csp.mjs: as <meta> in the page and as the header the test server
// sends; docs/deploy.md gives hosts the same header. Every other spec fails on
// a CSP violation (helpers.mjs); this one checks the policy is really enforced.
import { test as plain } from '@playwright/test';
import { test, expect, gotoApp, ROOT } from './helpers.mjs';
import { readFileSync } from 'node:fs';
import { CSP_HEADER, CSP_META } from '../../tools/csp.mjs';

test('the page carries the policy as <meta> and as a header, with no inline script', async ({ page, request }) => {
  const res = await request.get('/');
  expect(res.headers()['content-security-policy']).toBe(CSP_HEADER);
  const html = await res.text();
  for (const tag of html.match(/<script\b[^>]*>/g)) expect(tag).toMatch(/\ssrc="/);
  expect(html).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/);
  expect(CSP_META).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'/);
  expect(CSP_META).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await gotoApp(page, '/?lang=en');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(CSP_META);
});

test('docs/deploy.md gives hosts the same header', async () => {
  const doc = readFileSync(`${ROOT}/docs/deploy.md`, 'utf8');
  expect(doc).toContain(CSP_HEADER);
});

plain('an injected inline script is blocked and reported', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.getByTestId('site-header')).toBeVisible();
  const outcome = await page.evaluate(
    () =>
      new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve({ directive: e.effectiveDirective, ran: !!window.__inlineRan }), { once: true });
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.append(s);
        setTimeout(() => resolve({ directive: null, ran: !!window.__inlineRan }), 2000);
      }),
  );
  expect(outcome).toEqual({ directive: 'script-src-elem', ran: false });
});
