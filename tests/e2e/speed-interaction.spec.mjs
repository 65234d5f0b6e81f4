// Issue 14, the filter → frame path (H13): what the frame after a filter
// change may touch, and what waits for the frame after it.
// - the map's areas are never rebuilt: a change only sets the attributes
//   whose value changes (no new `d`, no node added or removed);
// - the frame after the input shows the map and the controls; the charts
//   (and the other slow panels) follow after it, and the `charts-redraw`
//   measure runs from the input to the frame after they drew;
// - a redraw keeps the canvases' backing stores (same size: no new width or
//   height) and sets the canvas font once per font, not once per label.
// H18 (issue 14, the frame itself):
// - between the input and its frame, only the map's areas and the controls
//   change (no text of the filter summary, legend, tooltip or selected line:
//   they follow after the frame, and the summary is still announced);
// - nothing of ours reads the layout in that window (no forced layout);
// - the map sits in a box of its own (size containment: a fixed aspect box)
//   on a compositing layer of its own.
import { test, expect, gotoApp, expectNoA11yViolations } from './helpers.mjs';

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

// ── H18: the input → frame window ──

/** Runs `change()` in the page, and records, until the next animation frame,
 *  every DOM mutation (as a short path of its target) and every layout read
 *  of page scripts (the getters that force a layout, patched at start). */
async function firstFrame(page, change) {
  return page.evaluate(
    (change) =>
      new Promise((resolve) => {
        const where = (n) => {
          const el = n.nodeType === 1 ? n : n.parentElement;
          if (!el) return '?';
          if (el.closest('.map-areas')) return 'map area';
          if (el.closest('.map-selected-outline, .map-active-outline')) return 'map outline';
          if (el.closest('#filter-form')) return 'filter form';
          return el.closest('[data-testid]')?.dataset.testid ?? el.className?.baseVal ?? el.className ?? el.tagName;
        };
        const seen = [];
        const mo = new MutationObserver((rs) => {
          for (const r of rs) seen.push({ where: where(r.target), type: r.type, name: r.attributeName });
        });
        mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        window.__layoutReads = [];
        window.__watchLayout = true;
        new Function(change)();
        requestAnimationFrame(() => {
          window.__watchLayout = false;
          // Mutations of the frame's own callbacks count too (the observer's
          // records are delivered in a microtask).
          Promise.resolve().then(() => {
            mo.takeRecords().forEach((r) => seen.push({ where: where(r.target), type: r.type, name: r.attributeName }));
            mo.disconnect();
            const summary = document.querySelector('[data-testid="filter-summary"]')?.textContent;
            resolve({ seen, reads: window.__layoutReads, summary });
          });
        });
      }),
    change,
  );
}

const patchLayoutReads = (page) =>
  page.addInitScript(() => {
    const watch = (proto, name, kind = 'get') => {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (!d) return;
      const wrap = (f) =>
        function (...args) {
          if (window.__watchLayout) window.__layoutReads.push(name);
          return f.apply(this, args);
        };
      Object.defineProperty(proto, name, kind === 'get' ? { ...d, get: wrap(d.get) } : { ...d, value: wrap(d.value) });
    };
    for (const n of ['offsetWidth', 'offsetHeight', 'offsetTop', 'offsetLeft', 'innerText']) watch(HTMLElement.prototype, n);
    for (const n of ['clientWidth', 'clientHeight', 'scrollWidth', 'scrollHeight', 'scrollTop', 'scrollLeft']) watch(Element.prototype, n);
    for (const n of ['getBoundingClientRect', 'getClientRects']) watch(Element.prototype, n, 'value');
    watch(window, 'getComputedStyle', 'value');
    watch(SVGGraphicsElement.prototype, 'getBBox', 'value');
  });

const selectChange = (sel, index) => `
  const s = document.querySelector('#filter-${sel}');
  s.value = s.options[${index}].value;
  s.dispatchEvent(new Event('input', { bubbles: true }));
  s.dispatchEvent(new Event('change', { bubbles: true }));`;

test('between a change and its frame only the map and the controls change, and nothing reads the layout', async ({ page }) => {
  await patchLayoutReads(page);
  await ready(page);
  // The self-check: the patched getters do count a read.
  const check = await firstFrame(page, `document.querySelector('.map-frame').getBoundingClientRect();`);
  expect(check.reads, 'the layout-read counter works').toEqual(['getBoundingClientRect']);

  const allowed = new Set(['map area', 'map outline', 'filter form']);
  const summary = page.getByTestId('filter-summary');
  for (const [sel, index] of [['area', 1], ['gender', 1], ['area', 0], ['gender', 0]]) {
    const before = await summary.textContent();
    const frame = await firstFrame(page, selectChange(sel, index));
    expect(frame.reads, `layout read between the ${sel} change and its frame`).toEqual([]);
    const outside = frame.seen.filter((m) => !allowed.has(m.where));
    expect(outside, `mutations outside the map and the controls (${sel} → ${index})`).toEqual([]);
    const areas = frame.seen.filter((m) => m.where === 'map area');
    expect(areas.length, 'the map does change in that frame').toBeGreaterThan(0);
    // Twelve regions, each at most its fill and its label.
    expect(areas.length, 'mutations of the map areas').toBeLessThanOrEqual(2 * (await page.locator('[data-region]').count()));
    expect(frame.summary, 'the summary waits for the frame').toBe(before);
    // …and follows after it (a polite live region: announced then).
    await expect(summary).not.toHaveText(before);
    await expect(summary).toHaveAttribute('aria-live', 'polite');
    await page.waitForTimeout(150);
  }

  // A map click: its pressed state and outline, the selected line after.
  const code = await page.locator('[data-region]').nth(3).getAttribute('data-region');
  const click = await firstFrame(page, `document.querySelector('[data-region="${code}"]').dispatchEvent(new MouseEvent('click', { bubbles: true }));`);
  expect(click.reads, 'layout read between the click and its frame').toEqual([]);
  expect(click.seen.filter((m) => !allowed.has(m.where)), 'mutations outside the map and the controls').toEqual([]);
  await expect(page.getByTestId('map-selected')).toBeVisible();
  await expect(page.locator('#filter-region')).toHaveValue(code);
});

test('the map is a contained box on a compositing layer of its own', async ({ page }) => {
  await ready(page);
  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.querySelector('.map-frame'));
    return { contain: s.contain, willChange: s.willChange };
  });
  expect(style.contain).toMatch(/size/);
  expect(style.contain).toMatch(/layout/);
  expect(style.willChange).toBe('transform');

  // The compositor's own view: a layer whose owner is the map's frame.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.map-frame' });
  const { node } = await cdp.send('DOM.describeNode', { nodeId });
  const layers = new Promise((resolve) => cdp.on('LayerTree.layerTreeDidChange', (e) => e.layers?.length && resolve(e.layers)));
  await cdp.send('LayerTree.enable');
  // A frame so that the tree is sent.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const list = await layers;
  const owners = list.map((l) => l.backendNodeId).filter(Boolean);
  expect(owners, 'a layer owned by the map frame').toContain(node.backendNodeId);
  // The map's own layer is about the map's size, not the page's.
  const mine = list.find((l) => l.backendNodeId === node.backendNodeId);
  const box = await page.locator('.map-frame').boundingBox();
  expect(Math.abs(mine.width - box.width), 'layer width ≈ map width').toBeLessThan(box.width * 0.5 + 2);
  await expectNoA11yViolations(page);
});
