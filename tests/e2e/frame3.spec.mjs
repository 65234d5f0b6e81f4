// Issue 14, filter change → next frame (H27): the first frame after a change
// (a select moved with the keyboard, a map click) changes only the filter
// form and the map (speed-interaction.spec checks that), and both are on
// compositing layers of their own (style/main.css "Frame" and "Frame 3"), so
// the page's own layer, about 7,900 px high on a phone, keeps its tiles: the
// compositor re-rasters the form's and the map's tiles only. Before
// (9521c63's build), 2-12 tiles of the page's layer were re-rastered per
// change on the phone at 4x CPU (tools/trace-change.mjs).
import { test, expect, gotoApp, expectNoA11yViolations } from './helpers.mjs';
import { settle } from '../../tools/chromium.mjs';

test.use({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1.75 });

async function ready(page) {
  await gotoApp(page, '/?lang=en');
  await expect(page.locator('html[data-app-drawn]')).toBeAttached({ timeout: 15_000 });
  await expect(page.locator('[data-region]').first()).toBeAttached();
  const toggle = page.getByTestId('filter-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await expect(page.locator('#filter-area')).toBeVisible();
}

/** The layer ids of the compositor's layers owned by the elements `selectors`
 *  match, and the whole list (CDP LayerTree). */
async function layers(page, selectors) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const owners = {};
  for (const s of selectors) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: s });
    owners[s] = nodeId ? (await cdp.send('DOM.describeNode', { nodeId })).node.backendNodeId : null;
  }
  const got = new Promise((resolve) => cdp.on('LayerTree.layerTreeDidChange', (e) => e.layers?.length && resolve(e.layers)));
  await cdp.send('LayerTree.enable');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const list = await got;
  await cdp.detach();
  return { owners, list };
}

test('the filter form is on a compositing layer of its own, about its own size', async ({ page }) => {
  await ready(page);
  expect(await page.locator('#filter-form').evaluate((e) => getComputedStyle(e).willChange)).toBe('transform');
  const { owners, list } = await layers(page, ['#filter-form']);
  const mine = list.find((l) => l.backendNodeId && l.backendNodeId === owners['#filter-form']);
  expect(mine, 'a layer owned by the filter form').toBeTruthy();
  const box = await page.locator('#filter-form').boundingBox();
  expect(Math.abs(mine.height - box.height), 'layer height ≈ the form’s, not the page’s').toBeLessThan(box.height * 0.5 + 2);
  await expectNoA11yViolations(page);
});

test('a select change and a map click re-raster the form and the map only, not the page', async ({ page, browser }) => {
  await ready(page);
  const code = await page.locator('[data-region]').nth(3).getAttribute('data-region');
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await settle(page);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame'] },
  });
  const kinds = [];
  for (const [sel, key] of [['area', 'ArrowDown'], ['gender', 'ArrowDown'], ['area', 'ArrowUp'], ['gender', 'ArrowUp']]) {
    await page.locator(`#filter-${sel}`).focus();
    await settle(page);
    await page.keyboard.press(key);
    kinds.push(`${sel} select`);
    await settle(page);
  }
  for (let i = 0; i < 2; i++) {
    // Selects the region, then clears it.
    const area = page.locator(`[data-region="${code}"]`);
    await area.scrollIntoViewIfNeeded();
    const b = await area.boundingBox();
    const p = await area.evaluate((el) => {
      const r = el.getBoundingClientRect();
      for (let k = 0; k <= 8; k++)
        for (let j = 0; j <= 8; j++) {
          const x = r.left + (r.width * ((k + 4) % 9)) / 8;
          const y = r.top + (r.height * ((j + 4) % 9)) / 8;
          if (document.elementFromPoint(x, y) === el) return { x, y };
        }
      return null;
    });
    expect(p, `a point of ${code} (${JSON.stringify(b)})`).toBeTruthy();
    await page.mouse.move(p.x, p.y);
    await settle(page);
    await page.mouse.down();
    await page.mouse.up();
    kinds.push('map click');
    await settle(page);
  }
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  void browser;

  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  // The change's handlers: the keydown that moves a select, the click on an area.
  const inputs = onMain.filter((e) => e.name === 'EventDispatch' && ['keydown', 'click'].includes(e.args?.data?.type));
  expect(inputs.length, 'the trace holds every input').toBe(kinds.length);
  const activations = events.filter((e) => e.name === 'ActivateLayerTree' && e.pid === main.pid).sort((a, b) => a.ts - b.ts);
  const rasters = events.filter((e) => e.name === 'RasterTask' && e.pid === main.pid);
  const report = [];
  for (const [i, inp] of inputs.entries()) {
    // The frame that shows the change: the first commit after the handlers,
    // and the activation of that tree (after its raster).
    const commit = onMain.find((e) => e.name === 'Commit' && e.ts > inp.ts + inp.dur);
    expect(commit, `a frame after ${kinds[i]}`).toBeTruthy();
    const activation = activations.find((e) => e.ts > commit.ts);
    expect(activation, `an activation after ${kinds[i]}`).toBeTruthy();
    const tiles = rasters.filter((e) => e.ts >= commit.ts && e.ts <= activation.ts);
    const perLayer = {};
    for (const t of tiles) {
      const id = t.args?.tileData?.layerId ?? '?';
      perLayer[id] = (perLayer[id] ?? 0) + 1;
    }
    report.push({ kind: kinds[i], tiles: tiles.length, perLayer });
  }
  // The self-check: a trace without raster events would pass trivially.
  expect(rasters.length, 'the trace records raster tasks').toBeGreaterThan(0);
  // A layer's tile is 256 px or one row of the layer's width at most: the
  // form and the map's changed parts take a few; the page's layer took
  // 2-12 more (a map click 8-12).
  for (const r of report) expect(r.tiles, `tiles re-rastered for the frame of a ${r.kind}: ${JSON.stringify(report)}`).toBeLessThanOrEqual(3);
  expect(report.filter((r) => r.kind === 'map click').reduce((n, r) => n + r.tiles, 0), `map clicks: ${JSON.stringify(report)}`).toBeLessThanOrEqual(4);
});
