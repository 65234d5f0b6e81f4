// Issue 14, the filter → frame path (H13): what the frame after a filter
// change may touch, and what waits for the frame after it.
// - the map's areas are never rebuilt: a change only sets the attributes
//   whose value changes (no new `d`, no node added or removed);
// - the frame after the input shows the map and the controls; the charts
//   (and the other slow panels) follow after it, and the `charts-redraw`
//   measure runs from the input to the frame after they drew;
// - a redraw keeps the canvases' backing stores (same size: no new width or
//   height) and sets the canvas font once per font, not once per label.
import { test, expect, gotoApp } from './helpers.mjs';

async function ready(page) {
  await gotoApp(page, '/?lang=en');
  await expect(page.locator('[data-region]').first()).toBeVisible();
  await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeAttached();
  await page.waitForTimeout(300);
}

const draws = (page) =>
  page.evaluate(() => [...document.querySelectorAll('figure[data-draws]')].reduce((n, f) => n + Number(f.dataset.draws), 0));

/** Records every mutation under the map's areas, with the old values. */
async function watchMap(page) {
  await page.evaluate(() => {
    window.__mapRecords = [];
    const mo = new MutationObserver((records) => {
      for (const r of records) {
        window.__mapRecords.push({
          type: r.type,
          name: r.attributeName,
          old: r.oldValue,
          now: r.type === 'attributes' ? r.target.getAttribute(r.attributeName) : null,
          added: r.addedNodes.length,
          removed: r.removedNodes.length,
        });
      }
    });
    mo.observe(document.querySelector('.map-areas'), {
      subtree: true,
      childList: true,
      attributes: true,
      attributeOldValue: true,
      characterData: true,
    });
  });
}

const records = (page) => page.evaluate(() => window.__mapRecords.splice(0));

test('a filter change sets only the map attributes that change, and rebuilds no area', async ({ page }) => {
  await ready(page);
  await watchMap(page);
  const area = page.locator('#filter-area');
  const before = await draws(page);
  await area.selectOption(await area.locator('option').nth(1).getAttribute('value'));
  await expect.poll(() => draws(page)).toBeGreaterThan(before);
  await page.waitForTimeout(200);
  let recs = await records(page);
  expect(recs.filter((r) => r.type !== 'attributes'), 'nodes added or removed, or text changed').toEqual([]);
  expect(recs.filter((r) => r.name === 'd'), 'a new `d`').toEqual([]);
  expect(recs.filter((r) => !['fill', 'aria-label'].includes(r.name)), 'other attributes').toEqual([]);
  expect(recs.filter((r) => r.old === r.now), 'attributes set to the value they had').toEqual([]);
  expect(recs.length, 'the fills and labels of the areas do change').toBeGreaterThan(0);

  // A region: its pressed state and the previous one's, nothing else (the
  // colours do not depend on the selected region).
  const paths = page.locator('[data-region]');
  const code = await paths.nth(2).getAttribute('data-region');
  await paths.nth(2).click();
  await expect(page.locator('#filter-region')).toHaveValue(code);
  await page.waitForTimeout(300);
  recs = await records(page);
  expect(recs.map((r) => r.name).sort()).toEqual(['aria-pressed']);
  expect(recs[0].now).toBe('true');
});

test('the frame after a change shows the map; the charts follow, and their measure starts at the input', async ({ page }) => {
  await ready(page);
  const value = await page.locator('#filter-gender option').nth(1).getAttribute('value');
  const drawsBefore = await draws(page);
  const first = await page.evaluate(
    (value) =>
      new Promise((resolve) => {
        const fills = () => [...document.querySelectorAll('[data-region]')].map((p) => p.getAttribute('fill')).join();
        const count = () => [...document.querySelectorAll('figure[data-draws]')].reduce((n, f) => n + Number(f.dataset.draws), 0);
        const summary = () => document.querySelector('[data-testid="page-summary"]').textContent;
        const was = { fills: fills(), summary: summary() };
        const select = document.querySelector('#filter-gender');
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        requestAnimationFrame(() =>
          resolve({ fillsChanged: fills() !== was.fills, draws: count(), summaryChanged: summary() !== was.summary }),
        );
      }),
    value,
  );
  expect(first.fillsChanged, 'the map shows the new filter in the next frame').toBe(true);
  expect(first.draws, 'no chart has drawn before that frame').toBe(drawsBefore);
  expect(first.summaryChanged, 'the summary follows after that frame').toBe(false);
  await expect.poll(() => draws(page)).toBeGreaterThan(drawsBefore);
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('charts-redraw').length)).toBeGreaterThan(0);
  const m = await page.evaluate(() => ({
    start: performance.getEntriesByName('charts-redraw').at(-1).startTime,
    input: performance.getEntriesByName('filter-change').at(-1).startTime,
    charts: performance.getEntriesByName('charts-filter-change').at(-1).startTime,
  }));
  expect(m.start, 'charts-redraw is timed from the input').toBe(m.input);
  expect(m.charts, 'the charts start after the input').toBeGreaterThan(m.input);
  // The slow panels do catch up: the summary and the charts' filter line.
  await expect(page.getByTestId('chart-filter').first()).toContainText(/women|men/i);
});

test('a chart redraw keeps the backing store and sets each font once', async ({ page }) => {
  await page.addInitScript(() => {
    window.__canvas = { sizes: 0, fonts: 0, texts: 0 };
    const count = (proto, name, key) => {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      Object.defineProperty(proto, name, {
        ...d,
        set(v) {
          window.__canvas[key]++;
          d.set.call(this, v);
        },
      });
    };
    count(HTMLCanvasElement.prototype, 'width', 'sizes');
    count(HTMLCanvasElement.prototype, 'height', 'sizes');
    count(CanvasRenderingContext2D.prototype, 'font', 'fonts');
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (...args) {
      window.__canvas.texts++;
      return fillText.apply(this, args);
    };
  });
  await ready(page);
  const sizes = () => page.evaluate(() => [...document.querySelectorAll('canvas.chart-canvas')].map((c) => `${c.width}x${c.height}`));
  const sizesBefore = await sizes();
  const start = await page.evaluate(() => ({ ...window.__canvas }));
  const before = await draws(page);
  const area = page.locator('#filter-area');
  await area.selectOption(await area.locator('option').nth(1).getAttribute('value'));
  await expect.poll(() => draws(page)).toBeGreaterThan(before);
  await page.waitForTimeout(200);
  const redraws = (await draws(page)) - before;
  const now = await page.evaluate(() => ({ ...window.__canvas }));
  const texts = now.texts - start.texts;
  const fonts = now.fonts - start.fonts;
  expect(texts, 'the redrawn charts write their labels').toBeGreaterThan(2 * redraws);
  // A chart whose height changed (rows added or removed) is sized again:
  // its width and height, once.
  const sizesAfter = await sizes();
  const resized = sizesAfter.filter((s, i) => s !== sizesBefore[i]).length;
  expect(now.sizes - start.sizes, `canvas width/height set (${resized} charts changed size)`).toBe(2 * resized);
  expect(fonts, `fonts set for ${texts} labels in ${redraws} redraws`).toBeLessThanOrEqual(3 * redraws);
});
