// The repeat visit's snapshot (issue 14; boot/snapshot.js): the
// last screen the app drew is painted before the wasm runs, only when
// everything that decides that screen is the same (build, route and query,
// language, viewport, dataset copy); it is inert and hidden from screen
// readers; the app's own screen replaces it without moving anything; a
// hostile snapshot in storage is neutralised (nothing runs, nothing loads,
// no console error or CSP violation: the `test` of helpers.mjs fails on those).
import { test, expect, holdWasm, expectNoA11yViolations, ROOT } from './helpers.mjs';
import { readFileSync } from 'node:fs';

// page.route cannot hold a request the service worker answers.
test.use({ serviceWorkers: 'block' });

const app = JSON.parse(readFileSync(`${ROOT}/locales/app.json`, 'utf8'));
const SNAP_KEY = 'impact-atlas:snapshot:v1';
const DATA_KEY = 'impact-atlas:data:v2';
const snap = (page) => page.locator('#boot-snapshot');

/** A first visit of `path`; waits until the app has saved its snapshot. */
async function firstVisit(page, path) {
  await page.goto(path);
  await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeVisible();
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, SNAP_KEY, { timeout: 20_000 });
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k)), SNAP_KEY);
}

/** Whether the snapshot's map and a chart picture are on screen. */
async function expectPainted(page) {
  await expect(snap(page)).toBeVisible();
  await expect(snap(page).locator('svg[data-snapshot-map]')).toBeVisible();
  const chart = snap(page).locator('img[data-snapshot-chart]').first();
  await expect(chart).toBeVisible();
  await expect.poll(() => chart.evaluate((i) => i.complete && i.naturalWidth > 0)).toBe(true);
}

for (const { lang, dir, width, height } of [
  { lang: 'ar', dir: 'rtl', width: 412, height: 915 },
  { lang: 'en', dir: 'ltr', width: 1440, height: 900 },
]) {
  test(`a repeat visit in ${lang} paints the last screen before the wasm runs, then the app takes over in place`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const path = `/?lang=${lang}`;
    const saved = await firstVisit(page, path);
    const text = JSON.stringify(saved.t);
    expect(text.length).toBeLessThanOrEqual(262144);
    // What the snapshot keeps and drops, as saved.
    expect(text).toContain('"data-snapshot-chart"');
    expect(text).toContain('"data-snapshot-map"');
    expect(text).toMatch(/"src":"data:image\/png;base64,/);
    expect(text).not.toMatch(/"id"|"style"|"tabindex"|"role"|"data-testid"|data-region|data-draws|data-kpi|"canvas"|"script"|"on[a-z]+":/);

    const release = await holdWasm(page);
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    await expectPainted(page);
    await expect(page.locator('html')).not.toHaveAttribute('data-app-mounted', /.*/);
    await expect(page.locator('#boot-frame')).toBeHidden();
    await expect(snap(page)).toHaveAttribute('inert', '');
    await expect(snap(page)).toHaveAttribute('aria-hidden', 'true');
    await expect(snap(page).locator('h1')).toHaveText(app.dashboard_heading[lang]);
    // Headline figures with their status badges, and the sources.
    await expect(snap(page).locator('.badge').first()).toBeVisible();
    // Hidden from screen readers: no second heading, no landmark, no id.
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
    expect(await snap(page).locator('[id]').count()).toBe(0);
    await expectNoA11yViolations(page);
    const before = await snap(page).locator('h1').boundingBox();
    const mapBefore = await snap(page).locator('svg[data-snapshot-map]').boundingBox();
    await page.screenshot({ path: `test-results/snapshot-${lang}-${width}-held.png` });

    release();
    await expect(page.getByTestId('site-header')).toBeVisible();
    await expect(snap(page)).toHaveCount(0);
    await expect(page.locator('html')).not.toHaveAttribute('data-snapshot', /.*/);
    const after = await page.locator('.intro h1').boundingBox();
    expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(2);
    expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(2);
    const mapAfter = await page.locator('.map-frame svg').first().boundingBox();
    expect(Math.abs(mapAfter.y - mapBefore.y)).toBeLessThanOrEqual(2);
    expect(Math.abs(mapAfter.height - mapBefore.height)).toBeLessThanOrEqual(2);
    // The app is interactive, its ids are unique, and axe is content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('skip-link'))).toBe(true);
    await page.locator('[data-testid="map-morocco"] path[data-region="MA-07"]').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]region=MA-07\b/);
    const dupes = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    expect(dupes).toEqual([]);
    await expectNoA11yViolations(page);
  });
}

test('no snapshot when the language, a filter, the viewport, the dataset copy or the build differs', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  const saved = await firstVisit(page, '/?lang=en');
  const release = await holdWasm(page);
  // The control: the same address shows it.
  await page.goto('/?lang=en');
  await expectPainted(page);
  for (const other of ['/?lang=fr', '/?lang=en&gender=female', '/']) {
    await page.goto(other);
    await expect(page.locator('#boot-frame .kpi-skeleton').first()).toBeVisible();
    await expect(snap(page)).toHaveCount(0);
  }
  // Another width.
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto('/?lang=en');
  await expect(page.locator('#boot-frame .kpi-skeleton').first()).toBeVisible();
  await expect(snap(page)).toHaveCount(0);
  await page.setViewportSize({ width: 1024, height: 800 });
  // A new copy of the dataset (another ETag).
  const entry = await page.evaluate((k) => localStorage.getItem(k), DATA_KEY);
  const another = entry.replace(/"etag":"(?:[^"\\]|\\.)*"/, '"etag":"\\"another\\""');
  expect(another).not.toBe(entry);
  expect(() => JSON.parse(another)).not.toThrow();
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DATA_KEY, another]);
  await page.goto('/?lang=en');
  await expect(page.locator('#boot-frame .kpi-skeleton').first()).toBeVisible();
  await expect(snap(page)).toHaveCount(0);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DATA_KEY, entry]);
  // A snapshot saved by another build (another wasm file name).
  const oldBuild = { ...saved, k: saved.k.replace(/_bg\.wasm/, '-old_bg.wasm') };
  expect(oldBuild.k).not.toBe(saved.k);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [SNAP_KEY, JSON.stringify(oldBuild)]);
  await page.goto('/?lang=en');
  await expect(page.locator('#boot-frame .kpi-skeleton').first()).toBeVisible();
  await expect(snap(page)).toHaveCount(0);
  // The original again: shown (the checks above could fail).
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [SNAP_KEY, JSON.stringify(saved)]);
  await page.goto('/?lang=en');
  await expectPainted(page);
  release();
  await expect(snap(page)).toHaveCount(0);
});

test('a hostile snapshot is neutralised: nothing runs, nothing loads', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  const saved = await firstVisit(page, '/?lang=en');
  const svgBad = [
    'svg',
    { 'data-snapshot-map': '', onload: 'window.__pwned=1' },
    ['script', {}, 'window.__pwned=1'],
    ['a', { href: 'javascript:window.__pwned=1' }, ['text', {}, 't']],
    ['foreignObject', {}, ['iframe', { src: '/about' }]],
    ['use', { href: '#x' }],
    ['image', { href: '/x.png' }],
    ['animate', { attributeName: 'href', to: 'javascript:1' }],
    ['path', { d: 'M0 0L1 1', onload: 'window.__pwned=1' }],
  ];
  const hostile = [
    ['h1', { id: 'main', onclick: 'window.__pwned=1', style: 'color: red' }, 'Hostile'],
    ['script', {}, 'window.__pwned = 1'],
    ['img', { src: 'x', onerror: 'window.__pwned = 1' }],
    ['img', { 'data-snapshot-chart': '', src: '/favicon.svg?leak', alt: '' }],
    ['img', { 'data-snapshot-chart': '', src: 'data:image/svg+xml,%3Csvg%3E%3C/svg%3E', alt: '' }],
    ['iframe', { src: '/about' }],
    ['object', { data: '/x' }],
    ['embed', { src: '/x' }],
    ['style', {}, 'body { display: none }'],
    ['link', { rel: 'stylesheet', href: '/x.css' }],
    ['div', { style: 'background: url(/tracker)' }, 'styled', '<script>window.__pwned=1</script>'],
    ['a', { href: 'javascript:window.__pwned=1', class: 'evil-link' }, 'link'],
    ['a', { href: ' java\tscript:window.__pwned=1', class: 'evil-link2' }, 'link'],
    ['a', { href: 'https://example.org/', class: 'ok-link' }, 'ok'],
    ['form', { action: '/x' }, ['input', { name: 'q' }], ['button', { formaction: '/y' }, 'go']],
    svgBad,
    ['meta', { 'http-equiv': 'refresh', content: '0;url=/x' }],
    ['base', { href: 'https://evil.example/' }],
    ['template', {}, ['script', {}, '1']],
    ['title', {}, 'not the document title'],
    ['p', { 'data-testid': 'site-header', 'data-kpi': 'x', tabindex: '0', role: 'banner', 'aria-labelledby': 'main', 'bad name': 'x', constructor: 'x', ['__proto__']: 'x' }, 'text'],
    42,
    null,
    { tag: 'script' },
    ['constructor', {}],
    ['toString', {}],
  ];
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [SNAP_KEY, JSON.stringify({ k: saved.k, t: hostile })]);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname + new URL(r.url()).search));
  const release = await holdWasm(page);
  await page.goto('/?lang=en');
  await expect(snap(page)).toBeVisible();
  await expect(snap(page).locator('h1')).toHaveText('Hostile');
  await expect(page).toHaveTitle('Impact Atlas');
  await expect(snap(page).locator('div').filter({ hasText: 'styled' })).toContainText('<script>');
  const found = await snap(page).evaluate((s) => ({
    tags: [...s.querySelectorAll('*')].map((e) => e.localName),
    attrs: [...s.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${e.localName}[${a.name}=${a.value}]`)),
  }));
  for (const bad of ['script', 'iframe', 'object', 'embed', 'style', 'link', 'form', 'input', 'foreignobject', 'foreignObject', 'use', 'image', 'animate', 'meta', 'base', 'template']) {
    expect(found.tags, bad).not.toContain(bad);
  }
  for (const a of found.attrs) expect(a).not.toMatch(/\[(on\w+|id|style|src|tabindex|role|data-testid|data-kpi|aria-labelledby|formaction)=/);
  expect(found.attrs).toContain('a[href=https://example.org/]');
  expect(found.attrs.filter((a) => a.includes('javascript'))).toEqual([]);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(requests.filter((r) => /favicon\.svg\?leak|\/x|tracker|\/about/.test(r))).toEqual([]);
  await expect(page.locator('body')).toBeVisible();
  release();
  await expect(page.getByTestId('site-header')).toBeVisible();
  await expect(snap(page)).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

// The order of the requests in <head> (the wasm before the boot script, the
// snapshot script written in only on a repeat visit): tests/e2e/network.spec.mjs.
