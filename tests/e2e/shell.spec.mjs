// The app shell: header in each language, routes, deep links, no console errors.
import { test, expect, gotoApp, htmlLangDir, LANGS, LANG_NAMES } from './helpers.mjs';

const AR_LAB_NAME = 'مختبر الابتكار الاجتماعي';

for (const lang of LANGS) {
  test(`/ shows the header in ${lang}`, async ({ page }) => {
    await gotoApp(page, `/?lang=${lang}`);
    const { lang: htmlLang, dir } = await htmlLangDir(page);
    expect(htmlLang).toBe(lang);
    expect(dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    const header = page.getByTestId('site-header');
    await expect(header).toBeVisible();
    if (lang === 'ar') await expect(header).toContainText(AR_LAB_NAME);
    else await expect(header).toContainText('Social Innovation Lab');
    // The switcher offers every language, each named in its own language.
    for (const other of LANGS) {
      await expect(page.getByTestId(`lang-${other}`)).toHaveText(LANG_NAMES[other]);
    }
    await expect(page.locator('main#main')).toBeVisible();
    await expect(page.getByTestId('dashboard')).toBeVisible();
    await expect(page).toHaveTitle(/\S/);
  });
}

test('switching language keeps the route and query', async ({ page }) => {
  await gotoApp(page, '/about?lang=en');
  await page.getByTestId('lang-ar').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('about-page')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/about');
  await expect(page.getByTestId('site-header')).toContainText(AR_LAB_NAME);
  await page.getByTestId('lang-fr').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  expect(new URL(page.url()).pathname).toBe('/about');
});

test('/nope shows the not-found page with a working link home', async ({ page }) => {
  await gotoApp(page, '/nope?lang=en');
  const notFound = page.getByTestId('not-found');
  await expect(notFound).toBeVisible();
  await expect(page.getByTestId('dashboard')).toHaveCount(0);
  const titleOnNotFound = await page.title();
  const home = notFound.getByTestId('home-link');
  await expect(home).toBeVisible();
  await home.click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('not-found')).toHaveCount(0);
  expect(new URL(page.url()).pathname).toBe('/');
  // Each page has its own document title.
  await expect(page).not.toHaveTitle(titleOnNotFound);
});

test('/about?lang=ar loads directly, right to left', async ({ page }) => {
  await gotoApp(page, '/about?lang=ar');
  await expect(page.getByTestId('about-page')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('site-header')).toContainText(AR_LAB_NAME);
  await expect(page).toHaveTitle(/\S/);
});

test('an unknown ?lang= value is ignored', async ({ page }) => {
  await gotoApp(page, '/?lang=xx');
  const { lang } = await htmlLangDir(page);
  expect(LANGS).toContain(lang);
});

test('filter values the data does not have are ignored with a notice that names them', async ({ page }) => {
  await gotoApp(page, '/explore?lang=en&region=MA-99&gender=x&area=%3Cb%3Ehi%3C%2Fb%3E');
  const notice = page.getByTestId('filter-ignored');
  await expect(notice.locator('p')).toHaveCount(3);
  await expect(notice).toContainText('“Region” filter');
  await expect(notice).toContainText('MA-99');
  await expect(notice).toContainText('<b>hi</b>'); // as text, not markup
  await expect(notice.locator('b')).toHaveCount(0);
  // The page shows everything else, unfiltered.
  await expect(page.getByTestId('filter-region')).toHaveValue('');
  // In Arabic too; a good link has no notice.
  await gotoApp(page, '/?lang=ar&region=MA-99');
  await expect(page.getByTestId('filter-ignored')).toContainText('MA-99');
  await expect(page.getByTestId('filter-ignored')).toContainText('الجهة');
  await gotoApp(page, '/?lang=en&region=MA-07&gender=female');
  await expect(page.getByTestId('kpi-card').first()).toBeVisible();
  await expect(page.getByTestId('filter-ignored')).toHaveCount(0);
});

test('on a path like //evil.example/ the language links stay on the site', async ({ page, baseURL }) => {
  await page.goto(`${baseURL}//evil.example/?lang=en`);
  await expect(page.getByTestId('site-header')).toBeVisible();
  for (const lang of LANGS) {
    const href = await page.getByTestId(`lang-${lang}`).getAttribute('href');
    const target = new URL(href, page.url());
    expect(target.origin, `${lang}: ${href}`).toBe(new URL(baseURL).origin);
  }
  await page.getByTestId('lang-ar').click();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
});

// A source's texts from the data (its publisher, licence and address) are
// isolated: in Arabic, "HCP · 1 …" and a licence before an address made
// left-to-right runs whose parts read in the wrong order, the address's last
// "/" thrown to the far end of the line.
test('/about in Arabic: a source\'s Latin texts keep their order', async ({ page }) => {
  await gotoApp(page, '/about?lang=ar');
  const item = page.getByTestId('source-item').filter({ has: page.locator('a[href^="https://"]') }).first();
  const link = item.locator('a');
  const [title, publisher, licence] = [0, 1, 2].map((i) => item.locator('bdi').nth(i));
  await expect(licence).toHaveText(/\S/);
  // The address shows whole, in one piece.
  expect(await link.evaluate((a) => a.getClientRects().length)).toBe(1);
  // Read from the right: title, publisher, (date), licence, address.
  const box = async (l) => {
    const b = await l.boundingBox();
    return { left: b.x, right: b.x + b.width };
  };
  const [t, p, l, a] = [await box(title), await box(publisher), await box(licence), await box(link)];
  expect(t.left, 'the title right of the publisher').toBeGreaterThanOrEqual(p.right - 1);
  expect(p.left, 'the publisher right of the licence').toBeGreaterThanOrEqual(l.right - 1);
  expect(l.left, 'the licence right of the address').toBeGreaterThanOrEqual(a.right - 1);
});

// The dataset's edition is isolated too: in Arabic "2024.07-2" showed as
// "2-2024.07" (its digits take the Arabic sentence's direction).
test('/about in Arabic: the dataset\'s edition reads as written', async ({ page }) => {
  await gotoApp(page, '/about?lang=ar');
  const line = page.getByTestId('dataset-edition');
  await expect(line).toContainText(/\d/);
  const version = await page.evaluate(async () => (await (await fetch(document.querySelector('meta[name="impact-data"]').content)).json()).meta.dataset_version);
  // Where each character of the version is drawn: left to right in its order.
  const xs = await line.evaluate((p, v) => {
    const text = p.firstChild.textContent;
    const at = text.indexOf(v);
    if (at < 0) return null;
    const r = document.createRange();
    return [...v].map((_, i) => {
      r.setStart(p.firstChild, at + i);
      r.setEnd(p.firstChild, at + i + 1);
      return r.getBoundingClientRect().left;
    });
  }, version);
  expect(xs, `the version ${version} in the edition line`).not.toBeNull();
  for (let i = 1; i < xs.length; i++) expect(xs[i], `character ${i} of ${version} right of the one before`).toBeGreaterThan(xs[i - 1]);
});

// A figure's source ("publisher · title") in Arabic: isolated in the page's
// direction. By its first letter (a Latin publisher) it was laid out left to
// right, the Arabic title's parts out of reading order.
test('a region page in Arabic: the source line reads from the right', async ({ page }) => {
  await gotoApp(page, '/regions/MA-07?lang=ar');
  const src = page.locator('.figure-source-line bdi').first();
  await expect(src).toContainText(' · ');
  expect(await src.evaluate((b) => getComputedStyle(b).direction)).toBe('rtl');
  // The publisher (first in the text) is drawn at the line's right end.
  const [pub, right] = await src.evaluate((b) => {
    const node = b.firstChild;
    const r = document.createRange();
    r.setStart(node, 0);
    r.setEnd(node, node.textContent.indexOf(' · '));
    // (The bdi's first line is in fragments, one per direction run.)
    const rects = [...b.getClientRects()];
    const line = rects.filter((x) => Math.abs(x.top - rects[0].top) < 1);
    return [r.getClientRects()[0].right, Math.max(...line.map((x) => x.right))];
  });
  expect(Math.abs(right - pub), 'the publisher at the right end').toBeLessThanOrEqual(2);
});
