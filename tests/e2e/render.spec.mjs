// Issue 14, the app's own first drawing (H25): on a cold load the charts
// panel builds, lays out and draws its first card alone, and the other four
// cards in a task after the frame that shows that first chart. What must hold:
// - when the first chart has drawn, it is the only card in the page, and the
//   panel says (translated) that the rest is loading;
// - the other cards follow without waiting for idle time, each draws, and
//   nothing on screen moves meanwhile (no layout shift);
// - the first screen is marked drawn (`<html data-app-drawn>`, which the
//   snapshot and the service worker wait for) only once every card is built
//   and has drawn;
// - the page passes axe once all are there.
import { test, expect, gotoApp, expectNoA11yViolations } from './helpers.mjs';

/** Records, in the page, what the DOM looked like at each step of the load. */
function record() {
  // The app's chart cards: a cold visit's seed (boot/snapshot.js, a picture
  // of the first screen made at build time) has a card of the same class,
  // without the app's `data-draws`.
  const CARD = '.charts-grid > figure.chart[data-draws]';
  const r = (window.__render = { shifts: [], steps: {} });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (!e.hadRecentInput) r.shifts.push([e.startTime, e.value]);
  }).observe({ type: 'layout-shift', buffered: true });
  const snap = () => ({
    t: performance.now(),
    cards: document.querySelectorAll(CARD).length,
    drawn: document.querySelectorAll(`${CARD}:not([data-draws="0"])`).length,
    loading: document.querySelector('[data-testid="charts-rest-loading"]')?.textContent ?? null,
  });
  const check = () => {
    if (!r.steps.first && document.querySelector(`${CARD}:not([data-draws="0"])`)) r.steps.first = snap();
    if (!r.steps.all && document.querySelectorAll(CARD).length === 5) r.steps.all = snap();
    // At the end of the task that marks the page drawn (the last chart's
    // `data-draws` is written by the view a few microtasks after its drawing).
    if (!r.markSeen && document.documentElement.hasAttribute('data-app-drawn')) {
      r.markSeen = true;
      setTimeout(() => (r.steps.marked = snap()), 0);
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-draws', 'data-app-drawn'] });
}

const LOADING = { en: 'Loading charts…', ar: 'جارٍ تحميل الرسوم البيانية…' };

for (const [lang, width] of [['en', 412], ['ar', 1440]]) {
  test(`${lang} ${width}px: the first chart draws alone, the others follow before the page is marked drawn`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.addInitScript(record);
    await gotoApp(page, `/?lang=${lang}`);
    await expect(page.locator('html[data-app-drawn]')).toBeAttached({ timeout: 15_000 });
    await page.waitForFunction(() => !!window.__render.steps.marked);
    await page.waitForTimeout(200); // layout-shift entries are delivered late
    const { steps, shifts } = await page.evaluate(() => window.__render);

    // The first chart drew while it was the only card, the rest announced.
    expect(steps.first, 'a chart drew').toBeTruthy();
    expect(steps.first.cards, 'cards in the page when the first chart drew').toBe(1);
    expect(steps.first.loading, 'the rest of the panel says it is loading').toBe(LOADING[lang]);

    // The others came after it, and the page was marked drawn only then.
    expect(steps.all, 'all five cards were built').toBeTruthy();
    expect(steps.all.t).toBeGreaterThanOrEqual(steps.first.t);
    expect(steps.all.loading, 'no loading note once they are built').toBeNull();
    expect(steps.marked.cards, 'cards when the page was marked drawn').toBe(5);
    const visible = await page.locator('.charts-grid > figure.chart .chart-canvas-wrap:not([hidden])').count();
    expect(steps.marked.drawn, 'every chart with a figure had drawn when the page was marked drawn').toBeGreaterThanOrEqual(visible);
    expect(visible).toBeGreaterThan(1);
    // Nothing on screen moved while the other cards came in. (A shift before
    // the first chart, when the data fills the intro's summary above the
    // figures, is older than this change and not this test's subject.)
    const sum = (a) => a.reduce((n, [, v]) => n + v, 0);
    const after = shifts.filter(([t]) => t >= steps.first.t);
    console.log(`${lang} ${width}: layout shift before the first chart ${(sum(shifts) - sum(after)).toFixed(3)}, after ${sum(after).toFixed(3)}`);
    expect(sum(after), 'layout shift after the first chart drew').toBe(0);
    await expect(page.getByTestId('charts-rest-loading')).toHaveCount(0);
    await expectNoA11yViolations(page);
  });
}
