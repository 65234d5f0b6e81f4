// Donors share exactly the view they see: the filter lives in the URL, and
// "Copy link to this view" puts that URL on the clipboard.
import { test, expect } from './helpers.mjs';

test('the filter bar sets the URL, and the copied link reopens the same view', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto('/?lang=en');
  await page.getByTestId('filter-region').selectOption('MA-07');
  await page.getByTestId('filter-gender').selectOption('female');
  await expect(page).toHaveURL(/region=MA-07/);
  await expect(page).toHaveURL(/gender=female/);
  await expect(page.getByTestId('filter-summary')).toContainText('Marrakech-Safi');
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('share-status')).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('region=MA-07');
  expect(link).toContain('gender=female');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('filter-region')).toHaveValue('MA-07');
  await expect(other.getByTestId('filter-gender')).toHaveValue('female');
  await expect(other.getByTestId('filter-summary')).toContainText('Marrakech-Safi');
  await other.getByTestId('filter-clear').click();
  await expect(other).not.toHaveURL(/region=/);
});
