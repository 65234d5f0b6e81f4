// Issue 12: the explore pages (program, area, region), the plain-language
// summary, the links from the dashboard, unknown ids, the first screen, axe.
import { test, expect, gotoApp, expectNoA11yViolations, bundledDataset, htmlLangDir, APP_MAP_FRAME } from './helpers.mjs';

const DATA = bundledDataset();
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const regionName = (code, lang) => DATA.regions.find((r) => r.code === code).name[lang];
const programName = (id, lang) => DATA.programs.find((p) => p.id === id).name[lang];
const areaName = (id, lang) => DATA.areas.find((a) => a.id === id).name[lang];

async function mapReady(page) {
  await expect(page.locator('[data-testid="map-morocco"] path[data-region]')).toHaveCount(12);
}

/** The summary is the page's overview: the element its aria-describedby names. */
async function expectSummaryIsOverview(page, root) {
  const summary = page.getByTestId('page-summary');
  await expect(summary).toBeVisible();
  await expect(summary).not.toBeEmpty();
  const described = await page.locator(root).getAttribute('aria-describedby');
  expect(described).toBe(await summary.getAttribute('id'));
}

for (const lang of ['ar', 'en']) {
  test(`a region page in ${lang}: figures labelled, census, programs, neighbours`, async ({ page }) => {
    await gotoApp(page, `/regions/MA-07?lang=${lang}`);
    const article = page.getByTestId('region-page');
    await expect(article.locator('h1')).toHaveText(regionName('MA-07', lang));
    expect(await htmlLangDir(page)).toEqual({ lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
    await expectSummaryIsOverview(page, '[data-testid="region-page"]');
    // The split by region is illustrative, and said so.
    await expect(page.getByTestId('illustrative-note')).toBeVisible();
    await expect(page.getByTestId('region-figures').locator('.badge-illustrative')).toBeVisible();
    await expect(page.getByTestId('region-rank')).toContainText(lang === 'ar' ? 'من 12' : 'of 12');
    await expect(page.getByTestId('region-population').locator('tbody tr')).toHaveCount(3);
    await expect(page.getByTestId('region-programs')).toContainText(programName('al-mountija', lang));
    await expect(page.getByTestId('breadcrumbs').locator('[aria-current="page"]')).toHaveText(regionName('MA-07', lang));
    await page.getByTestId('region-next').click();
    await expect(page).toHaveURL(/\/regions\/MA-08\?lang=/);
    await expect(page.getByTestId('region-page').locator('h1')).toHaveText(regionName('MA-08', lang));
    await expect(page).toHaveTitle(new RegExp(regionName('MA-08', lang)));
  });

  test(`a program page in ${lang}: figures with status and source, places, partners`, async ({ page }) => {
    await gotoApp(page, `/programs/femmpact?lang=${lang}`);
    const article = page.getByTestId('program-page');
    await expect(article.locator('h1')).toHaveText(programName('femmpact', lang));
    await expectSummaryIsOverview(page, '[data-testid="program-page"]');
    const rows = article.locator('.figure-table tbody tr');
    await expect(rows.first()).toBeVisible();
    // Every figure carries a status badge and a source.
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      await expect(rows.nth(i).locator('.badge')).toHaveCount(1);
      await expect(rows.nth(i).locator('.figure-source')).not.toBeEmpty();
    }
    await expect(article.locator('tr[data-status="reported"]').first()).toBeVisible();
    await expect(page.getByTestId('program-places')).toContainText(DATA.countries.find((c) => c.code === 'SN').name[lang]);
    // A small map marks where it works: every place of the data, nothing else.
    const femmpact = DATA.programs.find((p) => p.id === 'femmpact');
    const abroad = femmpact.places.some((p) => p.country && p.country !== 'MA');
    const expected = [...new Set(femmpact.places.map((p) => (abroad ? p.country ?? 'MA' : p.region)))].sort();
    const map = page.getByTestId('mini-map');
    await expect(map).toHaveAttribute('role', 'img');
    await expect(map).toHaveAttribute('aria-label', new RegExp(escapeRe(DATA.countries.find((c) => c.code === 'SN').name[lang])));
    const marked = await map.locator('path.mini-map-place').evaluateAll((ps) => ps.map((p) => p.dataset.code).sort());
    expect(marked).toEqual(expected);
    await expect(page.getByTestId('program-partners').locator('li')).toHaveCount(2);
    await page.getByTestId('program-area-link').click();
    await expect(page).toHaveURL(/\/areas\/womens-entrepreneurship\?lang=/);
    await expect(page.getByTestId('area-page').locator('h1')).toHaveText(areaName('womens-entrepreneurship', lang));
    await page.goBack();
    await expect(page.getByTestId('program-page')).toBeVisible();
  });

  test(`an area page in ${lang} says plainly when the lab reported no figure`, async ({ page }) => {
    await gotoApp(page, `/areas/employability?lang=${lang}`);
    await expect(page.getByTestId('area-page').locator('h1')).toHaveText(areaName('employability', lang));
    await expect(page.getByTestId('no-reported')).toBeVisible();
    await gotoApp(page, `/areas/social-entrepreneurship?lang=${lang}`);
    await expect(page.getByTestId('area-page')).toBeVisible();
    await expect(page.getByTestId('no-reported')).toHaveCount(0);
  });
}

test('the dashboard summary follows the filter and is the page overview', async ({ page }) => {
  await gotoApp(page, '/?lang=en');
  await mapReady(page);
  await expectSummaryIsOverview(page, '[data-testid="dashboard"]');
  await expect(page.getByTestId('page-summary')).toContainText('more than 4,200 people');
  await gotoApp(page, '/?lang=en&region=MA-07');
  // Names from the data sit in bidi isolates (U+2068 … U+2069).
  await expect(page.getByTestId('page-summary')).toContainText(
    new RegExp(`^In \u2068?${regionName('MA-07', 'en')}\u2069?, the lab’s programmes reach about \\d+ people`),
  );
  await expect(page.getByTestId('page-summary')).toContainText('illustrative');
});

test('map → region page → back: a click filters, the tooltip leads to the page', async ({ page }) => {
  await gotoApp(page, '/?lang=en');
  await mapReady(page);
  const path = page.locator('[data-testid="map-morocco"] path[data-region="MA-07"]');
  await path.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/region=MA-07/);
  const link = page.getByTestId('map-tip-region-link');
  await expect(link).toContainText(regionName('MA-07', 'en'));
  await link.click();
  await expect(page).toHaveURL(/\/regions\/MA-07\?lang=en/);
  await expect(page.getByTestId('region-page')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/region=MA-07/);
  await mapReady(page);
  await page.goForward();
  await expect(page.getByTestId('region-page')).toBeVisible();
});

test("the map table's row headers lead to the region pages", async ({ page }) => {
  await gotoApp(page, '/?lang=ar');
  await mapReady(page);
  await page.getByTestId('map-table-toggle').click();
  await page.locator('[data-testid="map-table"] tr[data-code="MA-01"] th a').click();
  await expect(page).toHaveURL(/\/regions\/MA-01\?lang=ar/);
  await expect(page.getByTestId('region-page').locator('h1')).toHaveText(regionName('MA-01', 'ar'));
});

test('an unknown id gets the not-found page with links to the existing pages', async ({ page }) => {
  for (const path of ['/programs/nope', '/regions/MA-99', '/areas/%3Cb%3E']) {
    await gotoApp(page, `${path}?lang=en`);
    await expect(page.getByTestId('not-found')).toBeVisible();
    await expect(page.getByTestId('directory-programs').locator('a')).toHaveCount(DATA.programs.length);
    await expect(page.getByTestId('directory-regions').locator('a')).toHaveCount(12);
  }
  await expect(page.getByTestId('not-found')).toContainText('<b>');
  await page.getByTestId('directory-programs').locator('a').first().click();
  await expect(page.getByTestId('program-page')).toBeVisible();
});

test('the header leads to the list of pages, the keyboard to a program', async ({ page }) => {
  await gotoApp(page, '/?lang=fr');
  await page.getByTestId('nav-explore').click();
  await expect(page.getByTestId('explore-page')).toBeVisible();
  await expect(page.getByTestId('nav-explore')).toHaveAttribute('aria-current', 'page');
  const first = page.getByTestId('directory-programs').locator('a').first();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('program-page')).toBeVisible();
});

for (const [width, height] of [[1440, 900], [360, 800]]) {
  test(`first screen at ${width}×${height}: key figure, filters and the map`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await gotoApp(page, '/?lang=ar');
    await mapReady(page);
    const inView = async (locator) => {
      const box = await locator.boundingBox();
      expect(box, 'element has a box').not.toBeNull();
      return box.y < height && box.y + box.height > 0 && box.x < width && box.x + box.width > 0;
    };
    expect(await inView(page.locator(APP_MAP_FRAME)), 'the map starts on the first screen').toBe(true);
    expect(await inView(page.getByTestId('page-summary')), 'the summary (the key figure in words)').toBe(true);
    if (width > 1000) {
      expect(await inView(page.locator('[data-testid="kpi-card"]').first()), 'the key figure card').toBe(true);
      await expect(page.getByTestId('filter-bar')).toBeVisible();
      await expect(page.getByTestId('key-figure')).toBeHidden();
    } else {
      // The key figure as a number with its status, above the map; the
      // same value as the first card (which follows the map).
      const key = page.getByTestId('key-figure');
      expect(await inView(key), 'the key figure').toBe(true);
      const first = page.locator('[data-testid="kpi-card"]').first();
      const value = (await first.locator('.kpi-value bdi').innerText()).trim();
      await expect(key.locator('.key-figure-value')).toHaveText(value);
      await expect(key.locator('.badge')).toHaveText(await first.locator('.kpi-meta .badge').innerText());
      expect(await inView(page.getByTestId('filter-summary'))).toBe(true);
      const toggle = page.getByTestId('filter-toggle');
      expect(await inView(toggle)).toBe(true);
      await expect(page.getByTestId('filter-bar')).toBeHidden();
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(page.getByTestId('filter-region')).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
}

for (const path of ['/explore', '/regions/MA-07', '/programs/femmpact', '/programs/al-mountija', '/areas/employability', '/areas/womens-entrepreneurship', '/programs/nope']) {
  for (const lang of ['ar', 'en']) {
    test(`axe on ${path} in ${lang}`, async ({ page }) => {
      await gotoApp(page, `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      await expect(page.locator('main h1')).toBeVisible();
      await expect(page.getByTestId('directory-programs').or(page.locator('.explore-page'))).toBeVisible();
      await expectNoA11yViolations(page);
    });
  }
}

test('axe on the dashboard at 360 px with the filters open', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await gotoApp(page, '/?lang=ar');
  await mapReady(page);
  await page.getByTestId('filter-toggle').click();
  await expectNoA11yViolations(page);
});
