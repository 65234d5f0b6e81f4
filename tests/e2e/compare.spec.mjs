// Issue 13: compare two regions or two programme areas (/compare?a=…&b=…):
// texts and direction, the same numbers as the region pages, the pickers
// update the URL and the view, bad parameters give a notice, keyboard, axe.
import { test, expect, gotoApp, expectNoA11yViolations, bundledDataset, htmlLangDir } from './helpers.mjs';

const DATA = bundledDataset();
const regionName = (code, lang) => DATA.regions.find((r) => r.code === code).name[lang];
const areaName = (id, lang) => DATA.areas.find((a) => a.id === id).name[lang];

const TEXT = {
  ar: { title: 'مقارنة', more: 'عدد المستفيدين في', ratio: 'لكل 100 ألف نسمة', illustrative: 'توضيحي' },
  en: { title: 'Compare', more: 'more beneficiaries than', ratio: 'Per 100,000 inhabitants', illustrative: 'illustrative' },
};

/** The number shown for `side` ('a' or 'b') in the group `group`, bar `i`. */
function value(page, group, side, i = 0) {
  return page
    .locator(`[data-group="${group}"] [data-side="${side}"] [data-testid="compare-value"]`)
    .nth(i);
}

/** The beneficiaries and the rate per 100,000 on a region's own page. */
async function regionFigures(page, code, lang) {
  await gotoApp(page, `/regions/${code}?lang=${lang}`);
  const keys = page.getByTestId('region-figures').locator('.key-value');
  await expect(keys.first()).not.toBeEmpty();
  return [await keys.nth(0).innerText(), await keys.nth(1).innerText()];
}

for (const lang of ['ar', 'en']) {
  test(`two regions in ${lang}: names, words, direction, the region pages' numbers`, async ({ page }) => {
    const mine = {};
    for (const code of ['MA-07', 'MA-05']) mine[code] = await regionFigures(page, code, lang);

    await gotoApp(page, `/compare?a=MA-07&b=MA-05&lang=${lang}`);
    expect(await htmlLangDir(page)).toEqual({ lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
    await expect(page.locator('main h1')).toHaveText(TEXT[lang].title);
    await expect(page.getByTestId('compare-notice')).toHaveCount(0);
    await expect(page.getByTestId('compare-side-a').locator('h2')).toHaveText(regionName('MA-07', lang));
    await expect(page.getByTestId('compare-side-b').locator('h2')).toHaveText(regionName('MA-05', lang));
    await expect(page.getByTestId('nav-compare')).toHaveAttribute('aria-current', 'page');

    // The numbers are the region pages' numbers, text beside each bar.
    await expect(value(page, 'beneficiaries', 'a')).toHaveText(mine['MA-07'][0]);
    await expect(value(page, 'beneficiaries', 'b')).toHaveText(mine['MA-05'][0]);
    await expect(value(page, 'per-100k', 'a')).toHaveText(mine['MA-07'][1]);
    await expect(value(page, 'per-100k', 'b')).toHaveText(mine['MA-05'][1]);

    // The differences in words name both regions; the split is said to be illustrative.
    const words = page.getByTestId('compare-sentences');
    await expect(words).toContainText(TEXT[lang].more);
    await expect(words).toContainText(TEXT[lang].ratio);
    await expect(words).toContainText(TEXT[lang].illustrative);
    await expect(words).toContainText(regionName('MA-07', lang));
    await expect(words).toContainText(regionName('MA-05', lang));
    await expect(page.getByTestId('illustrative-note')).toBeVisible();
    await expect(page.locator('[data-group="beneficiaries"] .badge-illustrative')).toHaveCount(2);

    // Same scale: the larger side's bar is the full width, the other's is its share of it.
    const widths = await page.locator('[data-group="beneficiaries"] rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))));
    expect(Math.max(...widths)).toBe(100);
    expect(Math.min(...widths)).toBeLessThan(100);

    // Each side leads to its region's page.
    await page.getByTestId('compare-link-b').click();
    await expect(page).toHaveURL(new RegExp(`/regions/MA-05\\?lang=${lang}`));
    await expect(page.getByTestId('region-page').locator('h1')).toHaveText(regionName('MA-05', lang));
  });
}

test('the selects and the swap button update the URL and the view', async ({ page }) => {
  await gotoApp(page, '/compare?a=MA-07&b=MA-05&lang=en');
  await expect(page.getByTestId('compare-a')).toHaveValue('MA-07');
  await expect(page.getByTestId('compare-b')).toHaveValue('MA-05');

  await page.getByTestId('compare-b').selectOption('MA-01');
  await expect(page).toHaveURL(/[?&]a=MA-07&b=MA-01|[?&]b=MA-01.*a=MA-07/);
  await expect(page).toHaveURL(/b=MA-01/);
  await expect(page.getByTestId('compare-side-b').locator('h2')).toHaveText(regionName('MA-01', 'en'));

  await page.getByTestId('compare-swap').click();
  await expect(page).toHaveURL(/a=MA-01/);
  await expect(page).toHaveURL(/b=MA-07/);
  await expect(page.getByTestId('compare-side-a').locator('h2')).toHaveText(regionName('MA-01', 'en'));
  await expect(page.getByTestId('compare-a')).toHaveValue('MA-01');

  // Picking the other side's region swaps them, never the same twice.
  await page.getByTestId('compare-a').selectOption('MA-07');
  await expect(page).toHaveURL(/a=MA-07/);
  await expect(page).toHaveURL(/b=MA-01/);
  await expect(page.getByTestId('compare-notice')).toHaveCount(0);

  // Two programme areas: no census rows, by region instead of by area.
  await page.getByTestId('compare-kind').selectOption('areas');
  await expect(page.getByTestId('compare-body')).toHaveAttribute('data-kind', 'areas');
  const a = await page.getByTestId('compare-a').inputValue();
  const b = await page.getByTestId('compare-b').inputValue();
  expect(DATA.areas.map((x) => x.id)).toContain(a);
  expect(DATA.areas.map((x) => x.id)).toContain(b);
  expect(a).not.toBe(b);
  await expect(page).toHaveURL(new RegExp(`a=${a}`));
  await expect(page.getByTestId('compare-side-a').locator('h2')).toHaveText(areaName(a, 'en'));
  await expect(page.locator('[data-group="per-100k"]')).toHaveCount(0);
  await expect(page.locator('[data-group="parts"] h2')).toHaveText('Beneficiaries by region');
  await page.getByTestId('compare-link-a').click();
  await expect(page).toHaveURL(new RegExp(`/areas/${a}\\?lang=en`));
});

test('bad parameters: a notice and a sensible default, never a blank page', async ({ page }) => {
  const cases = [
    ['/compare?lang=en', 1, 'Pick two regions'],
    ['/compare?a=MA-99&b=MA-05&lang=en', 1, /“\u2068?MA-99\u2069?” is neither a region nor a programme area/],
    ['/compare?a=MA-07&b=social-entrepreneurship&lang=en', 1, 'A region and a programme area cannot be compared'],
    ['/compare?a=MA-07&b=MA-07&lang=en', 1, 'The same one was chosen twice'],
    ['/compare?a=MA-07&lang=en', 1, 'Only one choice was given'],
    ['/compare?a=%3Cimg%20src%3Dx%3E&b=&lang=ar', 2, '<img src=x>'],
  ];
  for (const [path, n, text] of cases) {
    await gotoApp(page, path);
    await expect(page.getByTestId('compare-notice'), path).toHaveCount(n);
    await expect(page.getByTestId('compare-notice').first(), path).toContainText(text);
    // Two different ones of one kind are still compared.
    const a = page.getByTestId('compare-side-a').locator('h2');
    const b = page.getByTestId('compare-side-b').locator('h2');
    await expect(a, path).not.toBeEmpty();
    await expect(b, path).not.toBeEmpty();
    expect(await a.innerText()).not.toBe(await b.innerText());
    await expect(value(page, 'beneficiaries', 'a'), path).not.toBeEmpty();
  }
  // A hostile id is shown as text, never as markup.
  await expect(page.locator('main img')).toHaveCount(0);
});

test('keyboard: the header link, then the selects and the swap button', async ({ page }) => {
  await gotoApp(page, '/?lang=fr');
  await page.getByTestId('nav-compare').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('compare-page')).toBeVisible();
  const select = page.getByTestId('compare-b');
  await expect(select).not.toHaveValue('');
  const before = await select.inputValue();
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/b=MA-/);
  await expect(select).not.toHaveValue(before);
  // The picker stays (and keeps the focus) while the view below changes.
  await expect(select).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('compare-swap')).toBeFocused();
  const a = await page.getByTestId('compare-a').inputValue();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('compare-b')).toHaveValue(a);
  await expect(page.getByTestId('compare-swap')).toBeFocused();
});

for (const lang of ['ar', 'en']) {
  for (const [width, height] of [[1440, 900], [360, 800]]) {
    test(`axe on /compare in ${lang} at ${width} px, no sideways scroll`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await gotoApp(page, `/compare?a=MA-07&b=MA-05&lang=${lang}`);
      await expect(value(page, 'beneficiaries', 'a')).not.toBeEmpty();
      await expectNoA11yViolations(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
}
