// Never a blank page: when the app cannot run (its wasm or script blocked, a
// boot that never ends, a panic, no JavaScript), the translated fallback of
// index.html shows, in the page's language, with a link to the data file.
import { test, expect, gotoApp, holdWasm, ROOT } from './helpers.mjs';
import { readFileSync } from 'node:fs';

const boot = JSON.parse(readFileSync(`${ROOT}/locales/boot.json`, 'utf8'));
const fallback = (page) => page.getByTestId('boot-fallback');

/** The visible fallback is the one of `lang`, whole, with a working data link. */
async function expectFallbackIn(page, lang) {
  await expect(fallback(page)).toBeVisible();
  const section = fallback(page).locator(`section[lang="${lang}"]`);
  await expect(section).toBeVisible();
  await expect(section.locator('h1')).toHaveText(boot.title[lang]);
  await expect(section.locator('[data-msg="boot.body"]')).toHaveText(boot.body[lang]);
  for (const other of ['ar', 'fr', 'en'].filter((l) => l !== lang)) {
    await expect(fallback(page).locator(`section[lang="${other}"]`)).toBeHidden();
  }
  const link = section.locator('[data-msg="boot.data_link"]');
  await expect(link).toHaveText(boot.data_link[lang]);
  const href = await link.getAttribute('href');
  // Relative to the page (and its <base>), so it works under a sub-path too.
  const res = await page.request.get(new URL(href, page.url()).href);
  expect(res.status()).toBe(200);
  expect((await res.json()).schema_version).toBeDefined();
}

test('the fallback stays hidden when the app mounts', async ({ page }) => {
  await gotoApp(page, '/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('data-app-mounted', '');
  await expect(fallback(page)).toBeHidden();
  await expect(page.locator('html')).not.toHaveAttribute('data-boot-failed', /./);
});

test.describe('boot failures', () => {
  test.use({ allowedConsoleErrors: [/.*/] });

  test('a blocked wasm file shows the fallback at once, in the language of ?lang=', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.abort('blockedbyclient'));
    await page.goto('/?lang=ar');
    await expectFallbackIn(page, 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('data-boot-failed', /load|error/);
  });

  test('a missing app script shows the fallback in the saved language', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('impact-atlas:lang', 'en'));
    await page.route(/impact-atlas-[0-9a-f]+\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/');
    await expectFallbackIn(page, 'en');
  });

  test.describe('with a browser in German', () => {
    test.use({ locale: 'de-DE' });
    test('a boot that never ends shows the fallback after the timeout, in French by default', async ({ page }) => {
      await page.clock.install();
      await page.route('**/*.wasm', () => {
        /* never answers */
      });
      await page.goto('/');
      await expect(fallback(page)).toBeHidden();
      await page.clock.fastForward(16_000);
      await expectFallbackIn(page, 'fr');
      await expect(page.locator('html')).toHaveAttribute('data-boot-failed', 'timeout');
    });
  });

  test('a boot slower than the timeout: the fallback shows, then goes once the app mounts', async ({ page }) => {
    await page.clock.install();
    const release = await holdWasm(page);
    await page.goto('/?lang=en');
    await page.clock.fastForward(16_000);
    await expectFallbackIn(page, 'en');
    release();
    await expect(page.getByTestId('site-header')).toBeVisible();
    await expect(fallback(page)).toBeHidden();
    await expect(page.locator('html')).not.toHaveAttribute('data-boot-failed', /./);
  });

  test('a panic shows the fallback and hides what the app drew (test flag __impactAtlasForcePanic)', async ({ page }) => {
    await page.addInitScript(() => {
      window.__impactAtlasForcePanic = true;
    });
    await page.goto('/?lang=fr');
    await expectFallbackIn(page, 'fr');
    await expect(page.locator('html')).toHaveAttribute('data-boot-failed', 'panic');
    await expect(page.getByTestId('site-header')).toBeHidden();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('<noscript> says why, in the three languages, with the data link', async ({ page }) => {
    await page.goto('/');
    const ns = page.getByTestId('noscript');
    await expect(ns).toBeVisible();
    for (const lang of ['ar', 'fr', 'en']) {
      await expect(ns.locator(`section[lang="${lang}"] [data-msg="boot.noscript"]`)).toHaveText(boot.noscript[lang]);
      await expect(ns.locator(`section[lang="${lang}"] a`)).toHaveAttribute('href', 'data/impact.json');
    }
    await expect(fallback(page)).toBeHidden();
  });
});
