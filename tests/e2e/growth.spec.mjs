// Growth (issue 14): 100,000 observations in the compact form load and draw the
// dashboard (map, charts, headline figures), axe clean; /check names a bad cell
// of the compact form by its column and row, in the visitor's language.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, gotoApp, ROOT, routeDataset, expectNoA11yViolations } from './helpers.mjs';
import { grownDataset } from '../../tools/grow-dataset.mjs';

const GROWTH = JSON.parse(readFileSync(resolve(ROOT, 'locales/growth.json'), 'utf8'));
const CHECK = JSON.parse(readFileSync(resolve(ROOT, 'locales/check.json'), 'utf8'));
const fill = (text, args = {}) => Object.entries(args).reduce((t, [k, v]) => t.replaceAll(`{${k}}`, String(v)), text);

test('100,000 observations in the compact form: the dashboard draws its map, charts and figures', async ({ page }) => {
  test.setTimeout(90_000);
  const body = await grownDataset(100_000, true);
  expect(JSON.parse(body).observations.rows).toBe(100_000);
  await routeDataset(page, { body });
  await gotoApp(page, '/?lang=en');
  await expect(page.locator('[data-region]').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeVisible({ timeout: 30_000 });
  // The whole reach of the grown data is the shipped one's (more than 4,200).
  await expect
    .poll(async () => (await page.locator('[data-kpi="beneficiaries"] .kpi-value bdi').first().textContent())?.replace(/\D/g, ''))
    .toBe('4200');
  // A filter change is answered (the region's page of figures follows the click).
  const region = page.locator('[data-region]').first();
  const code = await region.getAttribute('data-region');
  await region.click();
  await expect(page).toHaveURL(new RegExp(`region=${code}`));
  await expectNoA11yViolations(page);
});

for (const lang of ['ar', 'en']) {
  test(`/check (${lang}): a bad cell of the compact form is named by its column and row`, async ({ page }) => {
    const doc = JSON.parse(await grownDataset(1_000, true));
    const c = doc.observations;
    const row = c.value.findIndex((v, i) => (c.share?.[i] ?? 0) === 0 && v > 2);
    c.value[row] = 10.5;
    await gotoApp(page, `/check?lang=${lang}`);
    await page.getByTestId('check-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    const items = page.getByTestId('check-problems').locator('li');
    await expect(items).toHaveCount(1);
    await expect(items.locator('.problem-path')).toHaveText(`observations.value[${row}]`);
    // A position outside its list: the cell and the list are named.
    const doc2 = JSON.parse(await grownDataset(1_000, true));
    const r = doc2.observations.region.findIndex((x) => x !== null);
    doc2.observations.region[r] = 99;
    await page.getByTestId('check-file').setInputFiles({ name: 'big2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc2)) });
    await expect(items).toHaveCount(1);
    await expect(items.locator('.problem-path')).toHaveText(`observations.region[${r}]`);
    const words = fill(GROWTH.problem_no_entry[lang], { value: '99', list: 'regions' }).replace(/[\u2068\u2069]/g, '');
    await expect.poll(async () => (await items.locator('.problem-message').textContent()).replace(/[\u2068\u2069]/g, '')).toBe(words);
    await expect(items.locator('.problem-severity')).toHaveText(CHECK.severity_error[lang]);
    await expectNoA11yViolations(page);
  });
}

// Issue 14: the 100k document is read in steps (no long parse-and-validate
// task), and the saved copy tells the truth: whole in storage, or the page
// says it could not be saved (storage full), and an older good copy stays.
test('100,000 observations: read in short tasks; saved whole, or the page says it was not saved', async ({ page }) => {
  test.setTimeout(90_000);
  const body = await grownDataset(100_000, true);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await routeDataset(page, { body });
  await gotoApp(page, '/?lang=en');
  await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-kpi="beneficiaries"]').first()).toBeVisible();
  const stored = () =>
    page.evaluate(() => {
      const t = localStorage.getItem('impact-atlas:data:v2');
      return t ? JSON.parse(t).body : null;
    });
  const notSaved = page.getByTestId('not-saved-notice');
  await expect.poll(async () => (await stored()) === body || (await notSaved.isVisible()), { timeout: 20_000 }).toBe(true);
  const saved = (await stored()) === body;
  const longTasks = await page.evaluate(() => window.__longTasks);
  console.log(`growth 100k: saved in localStorage: ${saved}; long tasks (ms): ${JSON.stringify(longTasks)}`);
  if (saved) await expect(notSaved).toHaveCount(0);
});
