// Issue 14, the filter → frame path: what a filter change must not redo.
// - the change is on screen in the frame after the click, and the URL is
//   written after that frame (history.replaceState is out of the frame's way);
// - the filter selects' options are left as they are (only the selection,
//   a property, moves);
// - no chart reads the page's computed style again to redraw (a forced style
//   recalculation per chart);
// - a load reads no clientWidth (a forced layout) and draws each chart once.
import { test, expect, gotoApp } from './helpers.mjs';

async function ready(page) {
  await gotoApp(page, '/?lang=en');
  await expect(page.locator('[data-region]').first()).toBeVisible();
  await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeAttached();
  await page.waitForTimeout(300);
}

test('a map click shows the filter in the next frame and writes the URL after it', async ({ page }) => {
  await ready(page);
  const code = await page.locator('[data-region]').first().getAttribute('data-region');
  const inFrame = await page.evaluate(
    (code) =>
      new Promise((resolve) => {
        const el = document.querySelector(`[data-region="${code}"]`);
        el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        requestAnimationFrame(() =>
          resolve({ pressed: el.getAttribute('aria-pressed'), search: location.search }),
        );
      }),
    code,
  );
  expect(inFrame.pressed, 'the region is shown as selected in the next frame').toBe('true');
  expect(inFrame.search, 'the URL is not written before that frame').not.toContain(`region=${code}`);
  await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe(code);
  // A URL chosen from outside (a link, a reload) still wins over the last filter.
  await page.goto('/?lang=en');
  await expect(page.locator(`[data-region="${code}"]`)).toHaveAttribute('aria-pressed', 'false');
});

test('a filter change leaves the selects\u2019 options as they are and moves the selection', async ({ page }) => {
  await ready(page);
  const code = await page.locator('[data-region]').nth(1).getAttribute('data-region');
  await page.evaluate(() => {
    window.__selectMutations = 0;
    const mo = new MutationObserver((records) => (window.__selectMutations += records.length));
    for (const select of document.querySelectorAll('.filter-bar select')) {
      mo.observe(select, { subtree: true, childList: true, attributes: true, characterData: true });
    }
  });
  await page.locator(`[data-region="${code}"]`).click();
  await expect(page.locator('#filter-region')).toHaveValue(code);
  await page.keyboard.press('Escape');
  await expect(page.locator('#filter-region')).toHaveValue('');
  const area = page.locator('#filter-area');
  const value = await area.locator('option').nth(1).getAttribute('value');
  await area.selectOption(value);
  await expect(area).toHaveValue(value);
  await expect.poll(() => new URL(page.url()).searchParams.get('area')).toBe(value);
  await expect(page.locator('#filter-region')).toHaveValue('');
  const options = await page.evaluate(() => window.__selectMutations);
  expect(options, 'DOM changes in the filter selects (options built or patched again)').toBe(0);
});

test('a filter change reads no computed style to redraw the charts', async ({ page }) => {
  await page.addInitScript(() => {
    const original = window.getComputedStyle;
    window.__styleReads = 0;
    window.getComputedStyle = function (...args) {
      window.__styleReads++;
      return original.apply(this, args);
    };
  });
  await ready(page);
  const draws = () =>
    page.evaluate(() => [...document.querySelectorAll('figure[data-draws]')].reduce((n, f) => n + Number(f.dataset.draws), 0));
  const drawsBefore = await draws();
  const readsBefore = await page.evaluate(() => window.__styleReads);
  expect(readsBefore, 'the first draws read the theme').toBeGreaterThan(0);
  const area = page.locator('#filter-area');
  await area.selectOption(await area.locator('option').nth(1).getAttribute('value'));
  await expect.poll(draws).toBeGreaterThan(drawsBefore);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => window.__styleReads), 'computed-style reads during the redraw').toBe(readsBefore);
});

// Issue 14, the load: the page is built without reading a layout size (each
// `clientWidth` read while building forced a layout of the whole page); the
// charts take their width from their ResizeObserver and draw once each.
test('a load reads no clientWidth and draws each chart once', async ({ page }) => {
  await page.addInitScript(() => {
    const desc = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth');
    window.__widthReads = 0;
    Object.defineProperty(Element.prototype, 'clientWidth', {
      configurable: true,
      get() {
        window.__widthReads++;
        return desc.get.call(this);
      },
    });
  });
  await ready(page);
  const figures = page.locator('figure[data-draws]');
  expect(await figures.count()).toBeGreaterThanOrEqual(4);
  await expect.poll(() => figures.evaluateAll((fs) => fs.map((f) => f.dataset.draws))).toEqual(
    expect.arrayContaining(['1']),
  );
  await page.waitForTimeout(500);
  // Each chart with a figure drew once (a chart without one, its table only, never draws).
  const draws = await figures.evaluateAll((fs) =>
    fs.map((f) => [f.dataset.draws, !f.querySelector('.chart-canvas-wrap')?.hidden]),
  );
  expect(draws.filter(([, shown]) => shown).length, JSON.stringify(draws)).toBeGreaterThanOrEqual(4);
  for (const [n, shown] of draws) expect(n, JSON.stringify(draws)).toBe(shown ? '1' : '0');
  expect(await page.evaluate(() => window.__widthReads), 'clientWidth reads during the load').toBe(0);
});
