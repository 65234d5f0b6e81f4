// Issue 14 (H32): printing right after the first chart is drawn. The charts
// after the first are built in a later task (H25); a `beforeprint` in
// between must build and draw them at once, at the paper's size, with their
// source and status: `window.print()` lays the pages out before any later
// microtask or task runs.
import { test, expect, gotoApp } from './helpers.mjs';

// 160 mm at 96 CSS px an inch, 3 device pixels each (print.spec.mjs).
const PRINT_W = Math.round((160 / 25.4) * 96 * 3);

for (const [lang, width] of [['en', 1440], ['ar', 360]]) {
  test(`a print started right after the first chart card is built gets every chart drawn for paper (${lang}, ${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    // In the page, from the first moment the first chart card is there while
    // the others are still pending: `beforeprint`, then what a print would
    // show right then, read in the same task (no microtask, no frame in
    // between, as in `window.print()`).
    await page.addInitScript(() => {
      window.__early = new Promise((resolve) => {
        const ink = (c) => {
          if (!c.width || !c.height) return 0;
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
          return n;
        };
        const check = () => {
          const pending = document.querySelector('[data-testid="charts-rest-loading"]');
          const grid = pending?.closest('.charts-grid');
          if (!grid || !grid.querySelector('figure.chart')) return false;
          const before = grid.querySelectorAll('figure.chart').length;
          window.dispatchEvent(new Event('beforeprint'));
          const cards = [...grid.querySelectorAll('figure.chart')].map((f) => {
            const c = f.querySelector('canvas');
            return {
              name: f.dataset.testid,
              // A chart without a figure for this data says why instead.
              figure: !f.querySelector('.chart-canvas-wrap').hidden,
              note: f.querySelector('.chart-hidden-note')?.textContent.trim() ?? '',
              width: c.width,
              height: c.height,
              ink: ink(c),
              source: f.querySelector('.chart-source')?.textContent.trim() ?? '',
            };
          });
          window.dispatchEvent(new Event('afterprint'));
          resolve({ before, cards });
          return true;
        };
        new MutationObserver((_, mo) => {
          if (check()) mo.disconnect();
        }).observe(document, { subtree: true, childList: true });
      });
    });
    await gotoApp(page, `/?lang=${lang}`);
    const { before, cards } = await page.evaluate(() => window.__early);
    expect(before, 'the print came while the later charts were pending').toBe(1);
    expect(cards.map((c) => c.name)).toEqual([
      'chart-by-area',
      expect.any(String),
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
    expect(cards.filter((c) => c.figure).length, 'most charts have a figure').toBeGreaterThanOrEqual(4);
    for (const c of cards) {
      if (!c.figure) {
        expect(c.note, `${c.name}: says why it has no figure`).not.toBe('');
        continue;
      }
      expect(c.width, `${c.name}: drawn at the paper's width`).toBe(PRINT_W);
      expect(c.height, `${c.name}: a drawn height`).toBeGreaterThan(150 * 3);
      expect(c.ink, `${c.name}: not blank`).toBeGreaterThan(1000);
      expect(c.source, `${c.name}: its source`).not.toBe('');
    }
    // Back on screen: the same five charts, drawn at the screen's size, and
    // the loading line gone.
    await expect(page.getByTestId('charts-rest-loading')).toHaveCount(0);
    await expect(page.locator('figure.chart')).toHaveCount(5);
    await expect
      .poll(() => page.locator('.chart-canvas-wrap:not([hidden]) canvas').evaluateAll((cs, w) => cs.map((c) => c.width < w && c.width > 0), PRINT_W))
      .toEqual(cards.filter((c) => c.figure).map(() => true));
  });
}
