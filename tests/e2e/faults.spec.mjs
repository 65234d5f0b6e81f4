// The fault matrix (docs/faults.md): every way the data request can go wrong,
// with and without a good copy saved on the device. Each case ends in the
// dashboard with a notice naming the cause, or in the translated error panel;
// never a blank page, and never a lost good copy (the saved entry is checked).
// Playwright routing gives whole answers; the stalled, slow and oversize
// streams come from the test server's /__faults/ (tests/e2e/serve.mjs).
import { test, expect } from './helpers.mjs';
import { readFileSync } from 'node:fs';

const DATA = '**/data/impact.json*';
const KEY = 'impact-atlas:data:v2';
const good = readFileSync(new URL('../../public/data/impact.json', import.meta.url), 'utf8');
// The document's limit (src/model/mod.rs MAX_DOCUMENT_BYTES; issue 14: the compact form of 100,000 observations).
const LIMIT = 8 * 1024 * 1024;
const kpi = (page) => page.locator('[data-kpi="beneficiaries"] .kpi-value');

// Failed requests are logged by the browser; nothing else may be.
test.use({ allowedConsoleErrors: [/Failed to load resource|net::ERR_/] });

/** First visit with a healthy server: the good copy is saved. */
async function seed(page) {
  await page.goto('/?lang=en');
  await expect(kpi(page)).toHaveText(/4,200\+/);
  await expect.poll(() => storedBody(page)).toBe(good);
}

/** The body of the saved entry (null when none). */
function storedBody(page) {
  return page.evaluate((k) => {
    const t = localStorage.getItem(k);
    return t === null ? null : JSON.parse(t).body;
  }, KEY);
}

const fulfil = (status, body, headers = {}) => (route) =>
  route.fulfill({ status, headers: { 'content-type': 'application/json', ...headers }, body });
const toFault = (name) => (route, { baseURL }) => route.continue({ url: `${baseURL}/__faults/${name}` });
const truncated = good.slice(0, Math.floor(good.length / 2));
const oversize = `{"padding": "${' '.repeat(LIMIT)}"}`;

// name -> how the data request is answered, and the cause the reader is told.
// `invalid`: the answer is refused with its list of problems.
const FAILURES = [
  {
    name: 'offline',
    route: async (route, { context, page }) => {
      await route.abort('internetdisconnected');
      // A first visit preloads the data with the page, before the wasm has
      // loaded (issue 14): go offline once the app runs, not before.
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-app-mounted'));
      await context.setOffline(true);
    },
    cause: 'This device is offline.',
  },
  { name: '404', route: fulfil(404, 'not found'), cause: 'The data file was not found on the server (HTTP 404).' },
  { name: '500 (three tries)', route: fulfil(500, 'boom'), cause: 'The server had an error (HTTP 500).', tries: 3 },
  {
    name: '503 with Retry-After',
    route: fulfil(503, 'busy', { 'retry-after': '120' }),
    cause: 'The server is temporarily unavailable (HTTP 503); it asks to try again in about 2 min.',
    tries: 1,
  },
  { name: 'a stalled body', route: toFault('stall'), cause: 'The server took more than 8 s to answer.', slow: true },
  { name: 'truncated JSON', route: fulfil(200, truncated), invalid: true },
  {
    name: 'an HTML error page served as JSON',
    route: fulfil(200, '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>'),
    cause: 'The server sent a web page instead of the data file (check the data address).',
  },
  { name: 'an empty body', route: fulfil(200, ''), cause: 'The server sent an empty answer instead of the data.' },
  {
    name: 'an oversize body with Content-Length',
    route: fulfil(200, oversize),
    cause: 'The data file is over the size limit (8,388,608 bytes).',
  },
  {
    // The length is declared and the body never comes: only refusing on the header answers in time.
    name: 'an oversize Content-Length, refused before reading',
    route: toFault('oversize-declared'),
    cause: 'The data file is over the size limit (8,388,608 bytes).',
    within: 5_000,
  },
  {
    name: 'an oversize body without Content-Length',
    route: toFault('oversize-chunked'),
    cause: 'The data file is over the size limit (8,388,608 bytes).',
  },
];

for (const f of FAILURES) {
  test.describe(f.name, () => {
    if (f.slow) test.setTimeout(45_000);
    const wait = f.within ?? (f.slow ? 20_000 : 10_000);

    test('with a cached copy: the dashboard, a notice naming the cause, the copy kept', async ({ page, context, baseURL }) => {
      await seed(page);
      let tries = 0;
      await page.route(DATA, (route) => {
        tries += 1;
        return f.route(route, { context, baseURL, page });
      });
      await page.reload();
      const notice = page.getByTestId('cached-notice');
      await expect(notice).toBeVisible({ timeout: wait });
      if (f.invalid) {
        await expect(notice).toContainText('not valid');
        await notice.locator('summary').click();
        await expect(notice.getByTestId('problem-list')).toBeVisible();
      } else {
        await expect(notice.getByTestId('fault-cause')).toHaveText(f.cause);
      }
      await expect(kpi(page)).toHaveText(/4,200\+/);
      expect(await storedBody(page)).toBe(good);
      if (f.tries) expect(tries).toBe(f.tries);
    });

    test('with nothing cached: the translated error panel', async ({ page, context, baseURL }) => {
      await page.route(DATA, (route) => f.route(route, { context, baseURL, page }));
      await page.goto('/?lang=en');
      const panel = page.getByTestId('error-panel');
      await expect(panel).toBeVisible({ timeout: wait });
      if (f.invalid) await expect(panel.getByTestId('problem-list')).toBeVisible();
      else await expect(panel.getByTestId('fault-cause')).toHaveText(f.cause);
      await expect(page.getByTestId('site-header')).toBeVisible();
      await expect(page.getByTestId('boot-fallback')).toBeHidden();
      expect(await storedBody(page)).toBeNull();
    });
  });
}

test.describe('the cause is translated', () => {
  test('404 in French and in Arabic', async ({ page }) => {
    await page.route(DATA, fulfil(404, 'not found'));
    await page.goto('/?lang=fr');
    await expect(page.getByTestId('fault-cause')).toHaveText('Le fichier de données est introuvable sur le serveur (HTTP 404).');
    await page.getByTestId('lang-ar').click();
    await expect(page.getByTestId('fault-cause')).toHaveText('لم يُعثر على ملف البيانات في الخادم (HTTP 404).');
  });
});

test.describe('answers that are not failures', () => {
  test('304 with a cached copy: the copy stands, no notice', async ({ page }) => {
    await seed(page);
    let conditional = null;
    await page.route(DATA, (route, request) => {
      conditional = request.headers()['if-none-match'] ?? null;
      return route.fulfill({ status: 304, headers: { etag: conditional ?? '"x"' } });
    });
    await page.reload();
    await expect(kpi(page)).toHaveText(/4,200\+/);
    await expect.poll(() => conditional).toMatch(/^"/);
    await expect(page.getByTestId('cached-notice')).toHaveCount(0);
    expect(await storedBody(page)).toBe(good);
  });

  test('304 with nothing cached: the error panel says so', async ({ page }) => {
    await page.route(DATA, (route) => route.fulfill({ status: 304 }));
    await page.goto('/?lang=en');
    await expect(page.getByTestId('fault-cause')).toHaveText(
      'The server said the data had not changed, but no copy is saved on this device.',
    );
  });

  test('a slow body (2.4 s in pieces) ends in the dashboard, and is saved', async ({ page, baseURL }) => {
    await page.route(DATA, (route) => route.continue({ url: `${baseURL}/__faults/slow` }));
    await page.goto('/?lang=en');
    await expect(kpi(page)).toHaveText(/4,200\+/, { timeout: 10_000 });
    await expect(page.getByTestId('cached-notice')).toHaveCount(0);
    await expect.poll(() => storedBody(page)).toBe(good);
  });

  test('a slow body with a cached copy: the copy shows at once, then the new one', async ({ page, baseURL }) => {
    await seed(page);
    await page.route(DATA, (route) => route.continue({ url: `${baseURL}/__faults/slow` }));
    await page.reload();
    await expect(kpi(page)).toHaveText(/4,200\+/, { timeout: 1_500 });
    await expect(page.getByTestId('cached-notice')).toHaveCount(0);
    expect(await storedBody(page)).toBe(good);
  });
});

test.describe('the saved copy itself', () => {
  test('a corrupt entry is dropped and replaced by the good copy', async ({ page }) => {
    await seed(page);
    await page.evaluate((k) => localStorage.setItem(k, '{"body": "{\\"schema'), KEY);
    await page.reload();
    await expect(kpi(page)).toHaveText(/4,200\+/);
    await expect(page.getByTestId('cached-notice')).toHaveCount(0);
    await expect.poll(() => storedBody(page)).toBe(good);
  });

  test('a corrupt entry while offline: the error panel, not a blank page', async ({ page, context }) => {
    await seed(page);
    await page.evaluate((k) => localStorage.setItem(k, 'not json'), KEY);
    await page.route(DATA, async (route) => {
      await context.setOffline(true);
      return route.abort('internetdisconnected');
    });
    await page.reload();
    await expect(page.getByTestId('fault-cause')).toHaveText('This device is offline.');
  });

  test('entries of an older cache version (one per URL) are removed; one entry per app is kept', async ({ page }) => {
    await page.goto('/?lang=en');
    await expect(kpi(page)).toHaveText(/4,200\+/);
    await page.evaluate((body) => {
      localStorage.clear();
      localStorage.setItem('impact-atlas:data:v1:/data/impact.json', JSON.stringify({ body, etag: '"a"' }));
      localStorage.setItem('impact-atlas:data:v1:/data/impact.json?v=2', JSON.stringify({ body, etag: '"b"' }));
      localStorage.setItem('impact-atlas:lang', 'en');
    }, good);
    await page.reload();
    await expect(kpi(page)).toHaveText(/4,200\+/);
    await expect
      // (The dashboard's snapshot, boot/snapshot.js, is not a data entry.)
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'impact-atlas:snapshot:v1').sort()))
      .toEqual(['impact-atlas:data:v2', 'impact-atlas:lang']);
    expect(await storedBody(page)).toBe(good);
  });

  test.describe('a full quota (setItem throws QuotaExceededError)', () => {
    const fillQuota = () => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (String(k).startsWith('impact-atlas:data')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.call(this, k, v);
      };
    };

    test('first visit: the dashboard, and a notice that nothing was saved', async ({ page }) => {
      await page.addInitScript(fillQuota);
      await page.goto('/?lang=en');
      await expect(kpi(page)).toHaveText(/4,200\+/);
      await expect(page.getByTestId('not-saved-notice')).toContainText('could not be saved on this device');
      expect(await storedBody(page)).toBeNull();
    });

    test('with a cached copy and new data: the new data shows, the old good copy stays saved', async ({ page }) => {
      await seed(page);
      const newer = JSON.parse(good);
      newer.meta.dataset_version = '2024.07-2';
      await page.route(DATA, fulfil(200, JSON.stringify(newer)));
      await page.addInitScript(fillQuota);
      await page.reload();
      await expect(page.getByTestId('not-saved-notice')).toBeVisible();
      await expect(kpi(page)).toHaveText(/4,200\+/);
      expect(await storedBody(page)).toBe(good);
    });
  });
});
