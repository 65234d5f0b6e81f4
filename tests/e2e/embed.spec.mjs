// Embeddable widgets (issue 11), on a host page of a SECOND origin (another
// port) that sets a strict CSP, is right-to-left and has a 320 px column:
// rendering, auto-height (± 2 px, no inner scrollbar) after load and after a
// filter change, two widgets side by side, `set` and `select` messages,
// messages of the wrong shape or origin, sandboxed widgets, axe on every
// widget route in ar and en. EMBED_SHOTS=dir also writes screenshots of each
// widget kind (ar/en, 320/1024 px) as dir/h6-<kind>-<lang>-<width>.png.
import { createServer } from 'node:http';
import { test, expect, expectNoA11yViolations, bundledDataset } from './helpers.mjs';

const APP = `http://127.0.0.1:${process.env.E2E_PORT}`;
const DATA = bundledDataset();
const CHARTS = ['by-area', 'gender', 'who', 'counts', 'over-time'];

// --- the host page's server (second origin) ---------------------------------

const HOST_JS = `
window.__selects = [];
document.addEventListener('impact-atlas:select', function (e) { window.__selects.push(e.detail); });
`;

/** Placeholders or plain iframes, from the `w` parameter (JSON list of attribute maps). */
function hostPage(url) {
  const width = Number(url.searchParams.get('width') || 320);
  const lang = url.searchParams.get('lang') || 'ar';
  const items = JSON.parse(url.searchParams.get('w') || '[]');
  const attr = (o) =>
    Object.entries(o)
      .filter(([k]) => k !== 'tag')
      .map(([k, v]) => `${k}="${String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
      .join(' ');
  const body = items
    .map((o) => (o.tag === 'iframe' ? `<iframe ${attr(o)}></iframe>` : `<div ${attr(o)}></div>`))
    .join('\n');
  return `<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page</title><link rel="stylesheet" href="/host.css?width=${width}"></head>
<body><main class="col"><h1>University news</h1><p>Lorem ipsum.</p>
${body}
<p>After the widgets.</p></main>
<script src="/host.js"></script>
<script src="${APP}/embed.js" async></script>
</body></html>`;
}

async function startHost() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://host');
    const csp = [
      "default-src 'none'",
      `script-src 'self' ${APP}`,
      `frame-src 'self' ${APP}`,
      "style-src 'self'",
      "img-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    if (url.pathname === '/host.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp });
      return res.end(hostPage(url));
    }
    if (url.pathname === '/host.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(HOST_JS);
    }
    if (url.pathname === '/host.css') {
      const w = Number(url.searchParams.get('width') || 320);
      res.writeHead(200, { 'Content-Type': 'text/css' });
      return res.end(`body{margin:0;font-family:serif}.col{inline-size:${w}px;margin-inline-start:16px}`);
    }
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    // A third party's frame on the host page: tries to talk to the widget and to embed.js.
    if (url.pathname === '/intruder.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>x</title><p>intruder</p>');
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => server.close(r)) };
}

let host;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.close();
});

const hostUrl = (items, { width = 320, lang = 'ar' } = {}) =>
  `${host.origin}/host.html?width=${width}&lang=${lang}&w=${encodeURIComponent(JSON.stringify(items))}`;

/** The widget frame inside `#id`. */
async function frameOf(page, id) {
  const handle = await page.locator(`#${id} iframe`).elementHandle();
  return handle.contentFrame();
}

/** Waits until the iframe is as tall as its content (± 2 px) and does not scroll. */
async function expectSettled(page, id) {
  await expect
    .poll(
      async () => {
        const frame = await frameOf(page, id);
        if (!frame) return 'no frame';
        const inner = await frame.evaluate(() => ({
          content: Math.ceil(document.querySelector('main.embed')?.getBoundingClientRect().height ?? 0),
          scroll: document.documentElement.scrollHeight,
          client: document.documentElement.clientHeight,
        }));
        const outer = await page.locator(`#${id} iframe`).evaluate((f) => f.getBoundingClientRect().height);
        const ok = inner.content > 100 && Math.abs(outer - inner.content) <= 2 && inner.scroll <= inner.client + 1;
        return ok ? 'settled' : JSON.stringify({ outer, ...inner });
      },
      { timeout: 10_000 },
    )
    .toBe('settled');
}

async function frameLang(page, id) {
  const frame = await frameOf(page, id);
  return frame.evaluate(() => document.documentElement.lang);
}

// --- on the cross-origin host page -------------------------------------------

test('a map widget renders on a strict-CSP RTL host, and its height follows its content', async ({ page }) => {
  await page.goto(hostUrl([{ id: 'w1', 'data-impact-atlas': 'map', 'data-lang': 'ar', 'data-label': 'خريطة' }]));
  const w = page.frameLocator('#w1 iframe');
  await expect(w.locator('[data-testid="map-morocco"] path[data-region]')).toHaveCount(12);
  await expect(w.getByTestId('embed-title')).toBeVisible();
  await expect(w.getByTestId('data-line')).not.toBeEmpty();
  // No site header, footer or skip link in a widget.
  await expect(w.getByTestId('site-header')).toHaveCount(0);
  await expect(w.locator('.skip-link')).toHaveCount(0);
  await expect(page.locator('#w1 iframe')).toHaveAttribute('title', 'خريطة');
  await expectSettled(page, 'w1');
  const before = await page.locator('#w1 iframe').evaluate((f) => f.getBoundingClientRect().height);

  // A click on a region: the filter changes (a "selected" line appears), the
  // host hears `select`, the height follows.
  await w.locator('path[data-region="MA-07"]').dispatchEvent('click');
  await expect(w.getByTestId('map-selected')).toBeVisible();
  await expectSettled(page, 'w1');
  const after = await page.locator('#w1 iframe').evaluate((f) => f.getBoundingClientRect().height);
  expect(after).toBeGreaterThan(before);
  await expect.poll(() => page.evaluate(() => window.__selects.length)).toBe(1);
  expect(await page.evaluate(() => window.__selects[0])).toEqual({
    selection: { field: 'region', value: 'MA-07' },
    filter: { region: 'MA-07', area: null, gender: null },
  });

  // The link opens the full dashboard on the same view in a new tab.
  const link = w.getByTestId('embed-link');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  await expect(link).toHaveAttribute('href', '/?lang=ar&region=MA-07');
});

test('two widgets coexist, each sized from its own messages; a click on a bar sends select', async ({ page }) => {
  await page.goto(
    hostUrl(
      [
        { id: 'w1', 'data-impact-atlas': 'summary', 'data-lang': 'en' },
        { id: 'w2', 'data-impact-atlas': 'chart', 'data-chart': 'gender', 'data-lang': 'en' },
      ],
      { width: 1024, lang: 'en' },
    ),
  );
  await expect(page.frameLocator('#w1 iframe').getByTestId('kpi-card').first()).toBeVisible();
  await page.locator('#w2').scrollIntoViewIfNeeded();
  const chart = page.frameLocator('#w2 iframe').getByTestId('chart-gender');
  await expect(chart).toHaveAttribute('data-draws', /[1-9]/);
  await expectSettled(page, 'w1');
  await expectSettled(page, 'w2');
  const [h1, h2] = await page.locator('iframe').evaluateAll((fs) => fs.map((f) => f.getBoundingClientRect().height));
  expect(Math.abs(h1 - h2)).toBeGreaterThan(2);

  // A click on the first bar: `select` from the chart's widget, not the summary's.
  const bars = JSON.parse(await chart.getAttribute('data-bars'));
  expect(bars.length).toBeGreaterThan(0);
  const b = bars[0];
  await chart.getByTestId('chart-canvas').click({ position: { x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 } });
  await expect.poll(() => page.evaluate(() => window.__selects.length)).toBe(1);
  const sel = await page.evaluate(() => window.__selects[0]);
  expect(sel.selection).toEqual({ field: b.kind, value: b.id });
  expect(sel.filter[b.kind]).toBe(b.id);
  await expectSettled(page, 'w2');
});

test('a set message changes the language and the filter; wrong shapes and origins change nothing', async ({ page }) => {
  await page.goto(
    hostUrl([
      { id: 'w1', 'data-impact-atlas': 'figure', 'data-figure': 'beneficiaries', 'data-lang': 'ar' },
      // A widget told that its host is another origin: the real host cannot drive it.
      { tag: 'iframe', id: 'w2f', src: `${APP}/embed/summary?lang=ar&host=http://example.org`, title: 'x' },
      { tag: 'iframe', id: 'intruder', src: `${host.origin}/intruder.html`, title: 'intruder' },
    ]),
  );
  const w = page.frameLocator('#w1 iframe');
  await expect(w.getByTestId('kpi-card')).toHaveCount(1);
  await expectSettled(page, 'w1');
  const height = await page.locator('#w1 iframe').evaluate((f) => f.style.height);

  // Wrong shapes, straight to the widget, and fake heights to embed.js.
  await page.evaluate(() => {
    const win = document.querySelector('#w1 iframe').contentWindow;
    const bad = [
      'set',
      { source: 'impact-atlas', v: 2, type: 'set', lang: 'en' },
      { source: 'impact-atlas', v: 1, type: 'set', lang: 'de' },
      { source: 'impact-atlas', v: 1, type: 'set', lang: 'en', extra: true },
      { source: 'other', v: 1, type: 'set', lang: 'en' },
      { source: 'impact-atlas', v: 1, type: 'set', region: { $ne: 1 } },
    ];
    for (const m of bad) win.postMessage(m, '*');
    // A height message from the host page itself (not one of the widgets).
    window.postMessage({ source: 'impact-atlas', v: 1, type: 'height', height: 77 }, '*');
  });
  // A third party's frame: a `set` to the widget, a height to embed.js.
  await page.frames().find((f) => f.url().endsWith('/intruder.html')).evaluate(() => {
    parent.frames[0].postMessage({ source: 'impact-atlas', v: 1, type: 'set', lang: 'en' }, '*');
    parent.postMessage({ source: 'impact-atlas', v: 1, type: 'height', height: 55 }, '*');
  });
  // A well-formed `set` to the widget that expects another host.
  await page.evaluate(() =>
    document.querySelector('#w2f').contentWindow.postMessage({ source: 'impact-atlas', v: 1, type: 'set', lang: 'en' }, '*'),
  );
  await page.waitForTimeout(500);
  expect(await frameLang(page, 'w1')).toBe('ar');
  expect(await page.locator('#w1 iframe').evaluate((f) => f.style.height)).toBe(height);
  const f2 = page.frames().find((f) => f.url().includes('host=http'));
  expect(await f2.evaluate(() => document.documentElement.lang)).toBe('ar');

  // The host's own `set`, through embed.js.
  await page.evaluate(() => window.ImpactAtlas.set(document.getElementById('w1'), { lang: 'en', gender: 'female' }));
  await expect.poll(() => frameLang(page, 'w1')).toBe('en');
  await expect(w.getByTestId('embed-link')).toHaveAttribute('href', '/?lang=en&gender=female');
  await expectSettled(page, 'w1');
  expect(await page.evaluate(() => window.__selects.length)).toBe(0); // a host's set is not echoed
});

test('every widget kind fits a 280 px and a 1200 px column: no inner scrollbar either way', async ({ page }) => {
  const kinds = [
    { 'data-impact-atlas': 'map', 'data-view': 'africa' },
    { 'data-impact-atlas': 'chart', 'data-chart': 'counts' },
    { 'data-impact-atlas': 'figure', 'data-figure': 'women' },
    { 'data-impact-atlas': 'summary' },
  ];
  for (const width of [280, 1200]) {
    await page.setViewportSize({ width: width + 40, height: 900 });
    await page.goto(hostUrl(kinds.map((k, i) => ({ id: `k${i}`, 'data-lang': 'ar', ...k })), { width }));
    for (let i = 0; i < kinds.length; i++) {
      await page.locator(`#k${i}`).scrollIntoViewIfNeeded();
      await expect(page.frameLocator(`#k${i} iframe`).getByTestId('data-line')).not.toBeEmpty();
      await expectSettled(page, `k${i}`);
      const frame = await frameOf(page, `k${i}`);
      const sizes = await frame.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(sizes[0], `k${i} at ${width}px: no horizontal scroll`).toBeLessThanOrEqual(sizes[1]);
    }
  }
});

test.describe('sandboxed widgets', () => {
  // Storage throws in an opaque origin: the app must survive it (it may log nothing fatal).
  test('render their data inside sandbox="allow-scripts allow-popups"', async ({ page }) => {
    await page.goto(
      hostUrl(
        [
          { tag: 'iframe', sandbox: 'allow-scripts allow-popups', src: `${APP}/embed/summary?lang=en`, title: 'a', id: 's1' },
          { tag: 'iframe', sandbox: 'allow-scripts allow-popups', src: `${APP}/embed/map?lang=ar&view=africa`, title: 'b', id: 's2' },
        ],
        { width: 1024, lang: 'en' },
      ),
    );
    await expect(page.frameLocator('#s1').getByTestId('kpi-card').first()).toBeVisible();
    await expect(page.frameLocator('#s1').getByTestId('error-panel')).toHaveCount(0);
    await expect(page.frameLocator('#s2').locator('[data-testid="map-africa"] path[data-country]').first()).toBeVisible();
    const origin = await page.frames().find((f) => f.url().includes('/embed/summary')).evaluate(() => origin);
    expect(origin).toBe('null');
  });
});

// --- the widget routes themselves ---------------------------------------------

test('unknown or malformed options fall back to defaults, never a blank widget', async ({ page }) => {
  await page.goto(`${APP}/embed/chart/pie?lang=xx&theme=sepia&title=maybe&view=%3Cb%3E&region=nowhere`);
  await expect(page.getByTestId('chart-by-area')).toBeVisible();
  await expect(page.getByTestId('embed-title')).toBeVisible();
  await page.goto(`${APP}/embed/figure/%3Cscript%3E?gender=x`);
  await expect(page.getByTestId('kpi-card')).toHaveAttribute('data-kpi', 'beneficiaries');
  await page.goto(`${APP}/embed/map?measure=per100k&view=africa&title=0&theme=dark`);
  await expect(page.getByTestId('map-africa')).toBeVisible();
  await expect(page.getByTestId('embed-title')).toHaveCount(0);
  // "View on Impact Atlas" opens the dashboard on the same (continental) view.
  await expect(page.getByTestId('embed-link')).toHaveAttribute('href', '/?lang=en&view=africa');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(28, 32, 36)');
});

const ROUTES = [
  '/embed/map',
  '/embed/map?view=africa',
  '/embed/map?measure=per100k&region=MA-07',
  ...CHARTS.map((k) => `/embed/chart/${k}`),
  '/embed/figure/beneficiaries',
  '/embed/figure/women',
  '/embed/summary',
];

for (const route of ROUTES) {
  test(`axe: ${route} in ar and en`, async ({ page }) => {
    for (const lang of ['ar', 'en']) {
      await page.goto(`${APP}${route}${route.includes('?') ? '&' : '?'}lang=${lang}`);
      await expect(page.getByTestId('data-line')).not.toBeEmpty();
      // A chart is drawn, or says why it is not.
      if (route.includes('/chart/')) {
        await expect(page.locator('figure.chart:not([data-draws="0"]), [data-testid="chart-hidden-note"]').first()).toBeVisible();
      }
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await expectNoA11yViolations(page);
    }
  });
}

test('every chart kind and every headline figure of the data has a widget', async ({ page }) => {
  for (const kind of CHARTS) {
    await page.goto(`${APP}/embed/chart/${kind}?lang=fr`);
    await expect(page.getByTestId(`chart-${kind}`)).toBeVisible();
  }
  await page.goto(`${APP}/embed/summary?lang=fr`);
  // The cards come with the data: wait for them before listing them.
  await expect(page.getByTestId('kpi-card').first()).toBeVisible();
  const ids = await page.getByTestId('kpi-card').evaluateAll((cs) => cs.map((c) => c.dataset.kpi));
  expect(ids.length).toBeGreaterThan(2);
  for (const id of ids) {
    await page.goto(`${APP}/embed/figure/${id}?lang=fr`);
    await expect(page.getByTestId('kpi-card')).toHaveAttribute('data-kpi', id);
  }
  expect(DATA.indicators.length).toBeGreaterThan(0);
});

// --- screenshots for the closing note (EMBED_SHOTS=dir) -------------------------

const SHOTS = process.env.EMBED_SHOTS;
const KINDS = {
  map: { 'data-impact-atlas': 'map' },
  chart: { 'data-impact-atlas': 'chart', 'data-chart': 'by-area' },
  figure: { 'data-impact-atlas': 'figure', 'data-figure': 'beneficiaries' },
  summary: { 'data-impact-atlas': 'summary' },
};
for (const [kind, attrs] of Object.entries(KINDS)) {
  test(`screenshots: ${kind} on the host page`, async ({ page }) => {
    test.skip(!SHOTS, 'EMBED_SHOTS=dir to write screenshots');
    for (const lang of ['ar', 'en']) {
      for (const width of [320, 1024]) {
        await page.setViewportSize({ width: width + 48, height: 900 });
        await page.goto(hostUrl([{ id: 'w1', ...attrs, 'data-lang': lang }], { width, lang }));
        await expect(page.frameLocator('#w1 iframe').getByTestId('data-line')).not.toBeEmpty();
        await expectSettled(page, 'w1');
        await page.locator('#w1').screenshot({ path: `${SHOTS}/h6-${kind}-${lang}-${width}.png` });
      }
    }
  });
}

// --- the Embed dialog on the dashboard ------------------------------------------

test('the Embed dialog of a panel: options, live preview and both snippets', async ({ page }) => {
  await page.goto(`${APP}/?lang=en&region=MA-07`);
  await expect(page.getByTestId('site-header')).toBeVisible();
  const opens = page.getByTestId('embed-open');
  await expect(opens).toHaveCount(3);
  // The map panel's dialog (the second).
  await opens.nth(1).click();
  await expect(opens.nth(1)).toHaveAttribute('aria-expanded', 'true');
  const dialog = page.getByTestId('embed-dialog');
  await expect(dialog).toBeVisible();
  const code = dialog.getByTestId('embed-code-iframe');
  await expect(code).toHaveValue(new RegExp(`^<iframe src="${APP}/embed/map\\?lang=en&amp;region=MA-07" title="Impact Atlas widget: [^"]+" loading="lazy"`));
  await expect(dialog.getByTestId('embed-code-script')).toHaveValue(/data-impact-atlas="map" data-lang="en" data-region="MA-07"/);
  await expect(dialog.getByTestId('embed-code-script')).toHaveValue(new RegExp(`<script src="${APP}/embed.js" async></script>`));
  // Options change the snippet and the preview.
  await dialog.getByLabel('Theme').selectOption('dark');
  await dialog.getByLabel('Map view').selectOption('africa');
  await dialog.getByLabel('Show the title').uncheck();
  await expect(code).toHaveValue(/embed\/map\?lang=en&amp;theme=dark&amp;title=0&amp;view=africa&amp;region=MA-07/);
  const preview = page.frameLocator('[data-testid="embed-preview"]');
  await expect(preview.getByTestId('map-africa')).toBeVisible();
  await expect(preview.getByTestId('embed-title')).toHaveCount(0);
  // The preview is sized by its own height messages.
  await expect
    .poll(async () => {
      const outer = await page.getByTestId('embed-preview').evaluate((f) => f.getBoundingClientRect().height);
      const inner = await preview.locator('main.embed').evaluate((m) => Math.ceil(m.getBoundingClientRect().height));
      return Math.abs(outer - inner) <= 2;
    })
    .toBe(true);
  await dialog.getByTestId('embed-copy-iframe').click();
  await expect(dialog.getByRole('status').first()).not.toBeEmpty();
  await expectNoA11yViolations(page, { include: '[data-testid="embed-dialog"]' });
});
