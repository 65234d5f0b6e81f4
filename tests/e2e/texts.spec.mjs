// The interface's texts, a file per language (issue 14, src/i18n/texts.rs,
// tools/texts.mjs): a visit downloads its own language's texts, once (the
// boot script's preload), another language's on the first switch to it; a
// texts file that is missing or not of this build shows the translated
// fallback, never a blank or untranslated page.
import { test, expect, gotoApp, ROOT } from './helpers.mjs';
import { readFileSync } from 'node:fs';

const app = JSON.parse(readFileSync(`${ROOT}/locales/app.json`, 'utf8'));
const boot = JSON.parse(readFileSync(`${ROOT}/locales/boot.json`, 'utf8'));
const TEXTS = /\/texts-([a-z]+)-[0-9a-f]+\.txt$/;

/** The languages of the texts files the page itself requested, in order. */
function textsRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = TEXTS.exec(new URL(r.url()).pathname);
    if (m) seen.push(m[1]);
  });
  return seen;
}

test("a visit downloads its language's texts once; a switch downloads the other's, once", async ({ page }) => {
  // (No pointer on the links: pointing at one prefetches its texts, the test below.)
  const warnings = [];
  page.on('console', (m) => /preload/i.test(m.text()) && /texts-|not used/.test(m.text()) && warnings.push(m.text()));
  const seen = textsRequests(page);
  await gotoApp(page, '/about?lang=fr');
  await expect(page.locator('html')).toHaveAttribute('data-app-mounted', '');
  await expect(page.getByTestId('site-header')).toContainText(app.title.fr);
  expect(seen).toEqual(['fr']);
  const lang = (l) => page.getByTestId(`lang-${l}`).dispatchEvent('click');
  await lang('ar');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('site-header')).toContainText(app.title.ar);
  await lang('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await lang('ar');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  expect(seen).toEqual(['fr', 'ar']);
  expect(warnings, 'the preload is the request the app uses').toEqual([]);
});

test.describe('offline after pointing at a language', () => {
  test.use({ allowedConsoleErrors: [/ERR_INTERNET_DISCONNECTED/] });
  test('pointing at another language fetches its texts: the switch then needs no network', async ({ page, context }) => {
    await gotoApp(page, '/about?lang=en');
    await expect(page.locator('html')).toHaveAttribute('data-app-mounted', '');
    const fetched = page.waitForResponse((r) => /\/texts-ar-[0-9a-f]+\.txt$/.test(new URL(r.url()).pathname) && r.ok());
    await page.getByTestId('lang-ar').hover();
    await fetched;
    await context.setOffline(true);
    await page.getByTestId('lang-ar').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByTestId('site-header')).toContainText(app.title.ar);
  });
});

test.describe('a switch that waits for its texts', () => {
  test.use({ allowedConsoleErrors: [/503/] });
  test("says so on the language's link until they arrive, or until they fail", async ({ page }) => {
    let release;
    const held = new Promise((r) => (release = r));
    let fail = true;
    await page.route(/\/texts-ar-[0-9a-f]+\.txt$/, async (route) => {
      if (fail) return route.fulfill({ status: 503, body: 'busy' });
      await held;
      return route.continue();
    });
    await gotoApp(page, '/about?lang=en');
    await expect(page.locator('html')).toHaveAttribute('data-app-mounted', '');
    const ar = page.getByTestId('lang-ar');
    await expect(ar).not.toHaveAttribute('aria-busy', /.*/);
    // A failed request: the page stays in its language, the link is not left busy.
    await ar.dispatchEvent('click');
    await expect(page).toHaveURL(/lang=ar/);
    await expect(ar).not.toHaveAttribute('aria-busy', /.*/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // Back, then a slow request: busy while it runs, in English.
    await page.getByTestId('lang-en').dispatchEvent('click');
    await expect(page).toHaveURL(/lang=en/);
    fail = false;
    await ar.dispatchEvent('click');
    await expect(ar).toHaveAttribute('aria-busy', 'true');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('lang-en')).not.toHaveAttribute('aria-busy', /.*/);
    release();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByTestId('site-header')).toContainText(app.title.ar);
    await expect(ar).not.toHaveAttribute('aria-busy', /.*/);
    await expect(ar).toHaveAttribute('aria-current', 'true');
  });
});

test("a widget downloads its language's texts, not the others", async ({ page }) => {
  const seen = textsRequests(page);
  await page.goto('/embed/figure/beneficiaries?lang=en');
  await expect(page.locator('html')).toHaveAttribute('data-app-mounted', '');
  await expect(page.locator('body')).toContainText('4,200+');
  expect(seen).toEqual(['en']);
});

test.describe('texts that cannot be used', () => {
  test.use({ allowedConsoleErrors: [/.*/] });

  test("a texts file of another build shows the fallback, in the page's language", async ({ page }) => {
    await page.route(TEXTS, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'impact-atlas-texts 1 ar 1 0 00000000\u001eنص' }));
    await page.goto('/?lang=ar');
    await expect(page.locator('html')).toHaveAttribute('data-boot-failed', 'texts');
    const section = page.getByTestId('boot-fallback').locator('section[lang="ar"]');
    await expect(section).toBeVisible();
    await expect(section.locator('h1')).toHaveText(boot.title.ar);
    await expect(page.locator('html')).not.toHaveAttribute('data-app-mounted', /.*/);
  });

  test('a missing texts file shows the fallback', async ({ page }) => {
    await page.route(TEXTS, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/?lang=en');
    await expect(page.locator('html')).toHaveAttribute('data-boot-failed', /load|texts/);
    await expect(page.getByTestId('boot-fallback').locator('section[lang="en"] h1')).toHaveText(boot.title.en);
  });
});
