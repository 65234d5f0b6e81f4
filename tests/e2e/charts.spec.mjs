// The charts panel: canvases drawn, filters followed and set by clicks and
// keys, table = CSV, PNG download, Arabic mirrored, redraw timed, axe clean.
import { readFileSync } from 'node:fs';
import { test, expect, gotoApp, bundledDataset, expectNoA11yViolations, parseCsv } from './helpers.mjs';

const DRAWN = ['by-area', 'gender', 'who', 'counts'];

/** Waits until the chart has drawn (its hit regions are published). */
async function waitDrawn(page, name) {
  const chart = page.getByTestId(`chart-${name}`);
  await expect(chart.getByTestId('chart-canvas')).toBeVisible();
  if (name !== 'who') {
    await expect
      .poll(async () => JSON.parse((await chart.getAttribute('data-bars')) || '[]').length)
      .toBeGreaterThan(0);
  }
  return chart;
}

async function bars(chart) {
  return JSON.parse((await chart.getAttribute('data-bars')) || '[]');
}

/** Distinct colours and the share of pixels unlike the top-left one. */
async function canvasStats(chart) {
  return chart.getByTestId('chart-canvas').evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const colours = new Set();
    let differ = 0;
    for (let i = 0; i < data.length; i += 16) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      colours.add(key);
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) differ++;
    }
    return { colours: colours.size, differ: differ / (data.length / 16), width: c.width, cssWidth: c.clientWidth };
  });
}

/** The pixel colour at CSS coordinates of the canvas. */
async function pixelAt(chart, x, y) {
  return chart.getByTestId('chart-canvas').evaluate(
    (c, [x, y]) => {
      const k = c.width / c.clientWidth;
      return Array.from(c.getContext('2d').getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data.slice(0, 3));
    },
    [x, y],
  );
}

/** Rows of the chart's table, as arrays of cell texts (header cell first). */
async function tableRows(chart) {
  return chart
    .getByTestId('chart-table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.children).map((c) => c.textContent.trim())));
}

/** The number in a cell, whatever its formatting ("≈2,166", "48%", "4 200+"). */
const num = (s) => {
  const digits = s.replace(/[^0-9.]/g, '');
  return digits === '' ? null : Number(digits);
};

/** A region with its own area figures in the bundled data. */
function regionWithAreaData() {
  const ds = bundledDataset();
  const region = ds.regions.find((r) =>
    ds.observations.some((o) => o.indicator === 'beneficiaries' && o.region === r.code && o.area && !o.gender),
  );
  return region;
}

test('every chart draws on its canvas; the over-time chart says why it is not shown', async ({ page }) => {
  await gotoApp(page, '/?lang=en');
  for (const name of DRAWN) {
    const chart = await waitDrawn(page, name);
    await expect(chart.locator('.chart-title')).not.toBeEmpty();
    await expect(chart.locator('.chart-source')).toContainText('Source');
    await expect(chart.getByTestId('chart-canvas')).toHaveAttribute('role', 'img');
    await expect(chart.getByTestId('chart-canvas')).toHaveAttribute('aria-label', /\S{3,}/);
    const stats = await canvasStats(chart);
    expect(stats.colours, `${name}: colours on the canvas`).toBeGreaterThan(3);
    expect(stats.differ, `${name}: drawn pixels`).toBeGreaterThan(0.01);
    // Backing store sized for the device pixel ratio.
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    expect(Math.abs(stats.width - stats.cssWidth * dpr)).toBeLessThanOrEqual(1);
  }
  // The illustrative split is labelled where it shows.
  await expect(page.getByTestId('chart-by-area').getByTestId('chart-status')).toContainText(/illustrative/i);
  const overTime = page.getByTestId('chart-over-time');
  await expect(overTime.getByTestId('chart-hidden-note')).toContainText(/not shown/i);
  await expect(overTime.getByTestId('chart-canvas')).toBeHidden();
});

test('charts follow a region filter from the URL', async ({ page }) => {
  const region = regionWithAreaData();
  test.skip(!region, 'the data has no figures by region and area');
  await gotoApp(page, '/?lang=en');
  let chart = await waitDrawn(page, 'by-area');
  await expect(chart.getByTestId('chart-filter')).toContainText('Filter: none');
  await chart.getByTestId('table-toggle').click();
  const before = await tableRows(chart);

  await gotoApp(page, `/?lang=en&region=${region.code}`);
  chart = await waitDrawn(page, 'by-area');
  await expect(chart.getByTestId('chart-filter')).toContainText(region.name.en);
  await chart.getByTestId('table-toggle').click();
  const after = await tableRows(chart);
  expect(after.length).toBeGreaterThan(0);
  expect(after.map((r) => num(r[1]))).not.toEqual(before.map((r) => num(r[1])));
  // Charts whose figures are not published by region say so.
  await expect(page.getByTestId('chart-who').getByTestId('chart-filter')).toContainText(region.name.en);
});

test('clicking a bar filters by its program area; the keyboard buttons do the same', async ({ page }) => {
  await gotoApp(page, '/?lang=en');
  const chart = await waitDrawn(page, 'by-area');
  const hits = await bars(chart);
  const first = hits[0];
  expect(first.kind).toBe('area');
  await chart.getByTestId('chart-canvas').click({
    position: { x: (first.x0 + first.x1) / 2, y: (first.y0 + first.y1) / 2 },
  });
  await expect.poll(() => new URL(page.url()).searchParams.get('area')).toBe(first.id);
  const button = chart.getByTestId(`filter-area-${first.id}`);
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  // Keyboard: the same button toggles the filter off.
  await button.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('area')).toBeNull();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  // A gender segment sets the gender filter.
  const gender = await waitDrawn(page, 'gender');
  const seg = (await bars(gender)).find((h) => h.kind === 'gender');
  await gender.getByTestId('chart-canvas').click({
    position: { x: (seg.x0 + seg.x1) / 2, y: (seg.y0 + seg.y1) / 2 },
  });
  await expect.poll(() => new URL(page.url()).searchParams.get('gender')).toBe(seg.id);
});

test('the table shows the same numbers as the CSV download', async ({ page }) => {
  await gotoApp(page, '/?lang=en');
  for (const name of DRAWN) {
    const chart = await waitDrawn(page, name);
    await chart.getByTestId('table-toggle').click();
    await expect(chart.getByTestId('chart-table')).toBeVisible();
    await expect(chart.getByTestId('table-toggle')).toHaveAttribute('aria-expanded', 'true');
    const table = await tableRows(chart);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByTestId('download-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`impact-atlas-${name}.csv`);
    const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
    const body = csv.slice(1).filter((r) => r.some((c) => c !== ''));
    expect(body.length, `${name}: CSV rows`).toBe(table.length);
    expect(table.length).toBeGreaterThan(0);
    table.forEach((row, i) => {
      expect(body[i].length).toBe(row.length);
      row.forEach((cell, j) => {
        const n = num(cell);
        if (n !== null && /\d/.test(cell)) expect(num(body[i][j]), `${name} row ${i} col ${j}`).toBe(n);
        else expect(body[i][j]).toBe(cell);
      });
    });
  }
});

test('the PNG download is a PNG image', async ({ page }) => {
  await gotoApp(page, '/?lang=en');
  const chart = await waitDrawn(page, 'by-area');
  const [download] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('download-png').click()]);
  expect(download.suggestedFilename()).toBe('impact-atlas-by-area.png');
  const bytes = readFileSync(await download.path());
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(1000);
  // The image is the chart with its title above and its provenance below
  // (filters, status, source, date, link): as wide as the canvas, taller.
  const png = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  const canvas = await chart.getByTestId('chart-canvas').evaluate((c) => ({ width: c.width, height: c.height }));
  expect(png.width).toBe(canvas.width);
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  // At least a title line and five footer lines more (CSS px times the pixel ratio).
  expect(png.height).toBeGreaterThan(canvas.height + (22 + 5 * 16) * dpr);
});

test('in Arabic the bars grow from the right', async ({ page }) => {
  for (const [lang, side] of [
    ['en', 'start'],
    ['ar', 'end'],
  ]) {
    await gotoApp(page, `/?lang=${lang}`);
    const chart = await waitDrawn(page, 'by-area');
    await expect(chart.locator('.chart-title')).toHaveText(lang === 'ar' ? /[\u0600-\u06FF]/ : /Beneficiaries/);
    const first = (await bars(chart))[0];
    // The first (longest) bar is drawn just inside its start edge.
    const y = first.y1 - 6;
    const width = await chart.getByTestId('chart-canvas').evaluate((c) => c.clientWidth);
    const left = await pixelAt(chart, 12, y);
    const right = await pixelAt(chart, width - 12, y);
    const bar = [0x00, 0x72, 0xb2];
    const near = (a, b) => a.every((v, i) => Math.abs(v - b[i]) < 8);
    if (side === 'start') {
      expect(near(left, bar), `left pixel ${left}`).toBe(true);
      expect(near(right, bar)).toBe(false);
    } else {
      expect(near(right, bar), `right pixel ${right}`).toBe(true);
      expect(near(left, bar)).toBe(false);
    }
  }
});

test('a filter change redraws each chart at most once, and is timed', async ({ page }, testInfo) => {
  await gotoApp(page, '/?lang=en');
  const chart = await waitDrawn(page, 'by-area');
  for (const name of DRAWN) await waitDrawn(page, name);
  const draws = () =>
    Promise.all(DRAWN.map(async (n) => Number(await page.getByTestId(`chart-${n}`).getAttribute('data-draws'))));
  await page.waitForTimeout(300);
  const before = await draws();
  const first = (await bars(chart))[0];
  await chart.getByTestId(`filter-area-${first.id}`).click();
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByName('charts-redraw').length))
    .toBeGreaterThan(0);
  const ms = await page.evaluate(() => performance.getEntriesByName('charts-redraw').at(-1).duration);
  testInfo.annotations.push({ type: 'charts-redraw-ms', description: ms.toFixed(1) });
  console.log(`charts-redraw: ${ms.toFixed(1)} ms`);
  expect(ms).toBeLessThan(1000);
  await page.waitForTimeout(500);
  const after = await draws();
  DRAWN.forEach((n, i) => {
    expect(after[i] - before[i], `${n}: redraws after one filter change`).toBeLessThanOrEqual(1);
  });
  // The area chart's model changed (its bar is now selected): it redrew.
  expect(after[0]).toBe(before[0] + 1);
  await page.waitForTimeout(500);
  expect(await draws(), 'no redraw without a change').toEqual(after);
});

for (const lang of ['en', 'ar']) {
  test(`axe finds no violation in the charts (${lang})`, async ({ page }) => {
    await gotoApp(page, `/?lang=${lang}`);
    const chart = await waitDrawn(page, 'by-area');
    await chart.getByTestId('table-toggle').click();
    await expect(chart.getByTestId('chart-table')).toBeVisible();
    await expectNoA11yViolations(page, { include: '[data-testid="charts-panel"]' });
  });
}
