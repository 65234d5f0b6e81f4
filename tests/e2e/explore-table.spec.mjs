// Issue 13: the table of figures at /explore. The downloaded CSV holds exactly
// what the table shows; a copied link reopens the same table; a bad `rows=`
// shows a notice and the default table; Arabic and English; axe on /explore.
import { readFileSync } from 'node:fs';
import { test, expect, gotoApp, expectNoA11yViolations, htmlLangDir, parseCsv } from './helpers.mjs';

/** A number as shown (`4,240`, `8.4%`, `12.3`) as written in the CSV (`4240`, `8.4`). */
const bare = (s) => (/\d/.test(s) ? s.replace(/[^\d.\-]/g, '') : s.trim());

/** The table on screen: header texts, then per row [name, value, status, …, sources]. */
async function screenTable(page) {
  const table = page.getByTestId('breakdown-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  return table.evaluate((t) => {
    const text = (el) => (el ? el.textContent.trim() : '');
    const head = [...t.querySelectorAll('thead th')].map((th) => text(th.querySelector('button span') ?? th));
    const rows = [...t.querySelectorAll('tbody tr, tfoot tr')].map((tr) => {
      const out = [text(tr.querySelector('th'))];
      for (const td of tr.querySelectorAll('td.num')) {
        const status = td.querySelector('.cell-status');
        out.push(text(td.querySelector('.cell-value')), status && !status.hidden ? text(status) : '');
      }
      out.push(text(tr.querySelector('td.breakdown-sources')));
      return out;
    });
    return { head, rows };
  });
}

async function downloadCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-download-csv').click()]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

for (const lang of ['en', 'ar']) {
  test(`the CSV equals the table on screen (${lang})`, async ({ page }) => {
    await gotoApp(page, `/explore?lang=${lang}&rows=region&cols=gender&sort=female&dir=desc`);
    expect((await htmlLangDir(page)).dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    const screen = await screenTable(page);
    expect(screen.rows.length).toBe(13); // 12 regions and the total
    const csv = await downloadCsv(page);
    expect(csv.name).toBe('impact-atlas-table-region-gender-count.csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    // Row 1: the caption (filters, sources, link); row 2: the header in the page's language.
    expect(rows[0].length).toBe(1);
    const link = await page.getByTestId('table-link').inputValue();
    expect(link).toMatch(/\/explore\?lang=/);
    expect(rows[0][0]).toContain(link);
    expect(rows[0][0]).toContain((await page.getByTestId('table-filter').textContent()).trim());
    const header = rows[1];
    expect(header[0]).toBe(screen.head[0]);
    expect(header.at(-1)).toBe(screen.head.at(-1));
    // The value headers, each followed by its status column.
    expect(header.filter((_, i) => i % 2 === 1).slice(0, -1)).toEqual(screen.head.slice(1, -1));
    const body = rows.slice(2).filter((r) => r.some((c) => c !== ''));
    expect(body.length).toBe(screen.rows.length);
    body.forEach((r, i) => {
      const s = screen.rows[i];
      expect(r.length).toBe(s.length);
      expect(r.map((c, j) => (j % 2 === 1 && j < r.length - 1 ? bare(c) : c))).toEqual(
        s.map((c, j) => (j % 2 === 1 && j < s.length - 1 ? bare(c) : c)),
      );
    });
    // Sorted by women, descending, the total last; illustrative cells say so.
    const women = screen.rows.slice(0, -1).map((r) => Number(bare(r[1])));
    expect(women).toEqual([...women].sort((a, b) => b - a));
    expect(screen.rows[0][2]).toContain(lang === 'ar' ? 'توضيحي' : 'illustrative');
    await expect(page.locator('th[aria-sort="descending"]')).toHaveCount(1);
  });
}

test('a copied link reopens the same table', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await gotoApp(page, '/explore?lang=en');
  await page.getByTestId('table-rows').selectOption('area');
  await page.getByTestId('table-cols').selectOption('gender');
  await page.getByTestId('table-measure').selectOption('share');
  await page.locator('th button[data-sort="total"]').click();
  await expect(page.locator('th[aria-sort]')).toHaveAttribute('aria-sort', 'descending');
  const before = await screenTable(page);
  await page.getByTestId('table-copy-link').click();
  await expect(page.getByTestId('table-copy-status')).not.toBeEmpty();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await page.getByTestId('table-link').inputValue());
  expect(link).toContain('rows=area');
  expect(link).toContain('measure=share');
  const other = await context.newPage();
  await other.goto(link);
  const after = await screenTable(other);
  expect(after).toEqual(before);
  await expect(other.getByTestId('table-measure')).toHaveValue('share');
  await other.close();
});

test('the sort buttons work from the keyboard and keep the focus', async ({ page }) => {
  await gotoApp(page, '/explore?lang=en&rows=area');
  const button = page.locator('th button[data-sort="value"]');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('th[aria-sort="descending"] button[data-sort="value"]')).toBeVisible();
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('th[aria-sort="ascending"] button[data-sort="value"]')).toBeVisible();
  const region = page.getByTestId('table-region');
  await expect(region).toHaveAttribute('tabindex', '0');
  await expect(region).toHaveAttribute('aria-labelledby', 'breakdown-caption');
});

for (const lang of ['en', 'ar']) {
  test(`a bad rows= shows a notice and the default table (${lang})`, async ({ page }) => {
    await gotoApp(page, `/explore?lang=${lang}&rows=planets&measure=share`);
    const notice = page.getByTestId('table-notice');
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText('rows=');
    await expect(notice).toContainText('planets');
    await expect(page.getByTestId('table-rows')).toHaveValue('region');
    // The rest of the link still applies.
    await expect(page.getByTestId('table-measure')).toHaveValue('share');
    const screen = await screenTable(page);
    expect(screen.rows.length).toBe(13);
    await expect(page.getByTestId('explore-directory')).toBeVisible();
  });
}

test('per 100,000 inhabitants is not available for programme areas nationwide', async ({ page }) => {
  await gotoApp(page, '/explore?lang=en&rows=area&measure=per100k');
  const first = page.locator('tbody tr').first().locator('td.num .cell-value');
  await expect(first).toHaveText('not available');
  await gotoApp(page, '/explore?lang=en&rows=region&measure=per100k');
  await expect(page.locator('tbody tr').first().locator('td.num .cell-value')).toHaveText(/^\d[\d,]*\.\d$/);
});

for (const lang of ['ar', 'en']) {
  for (const width of [360, 1440]) {
    test(`axe on /explore (${lang}, ${width} px), no page overflow`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await gotoApp(page, `/explore?lang=${lang}&rows=region&cols=gender`);
      await expect(page.getByTestId('breakdown-table').locator('tbody tr').first()).toBeVisible();
      await expectNoA11yViolations(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
}
