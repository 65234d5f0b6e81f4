// Issue 14 (H35): the wasm compiles while the page is parsed. Trunk's loader
// is a module script (it runs only once the whole page is parsed); the boot
// script (boot/fallback.js, in the <head>) starts WebAssembly.compileStreaming
// of the preloaded file instead, and the loader instantiates that module
// (tools/trunk-csp.mjs rewrites its init call). These tests record every
// WebAssembly compile or instantiate call with the document's readyState at
// that moment:
// - the first is a compileStreaming while the document is still `loading`
//   (on a build without the change, the first is the loader's
//   instantiateStreaming, once the document is `interactive`);
// - the loader does not compile a second time: it instantiates a Module;
// - the file is requested once (the boot script's fetch reuses the preload);
// on a cold visit of the dashboard and of a widget's page. Not on a repeat
// visit (a saved data copy): V8's code cache is then warm, and reading it
// early is main-thread work that held the snapshot's paint back (measured
// with tools/boot-timeline.mjs); the loader compiles as before.
// On a seeded cold visit (the seed: tools/seed.mjs), the app waits until the
// seed has painted (window.impactAtlasHold), so that its first tasks do not
// hold the seed back: the seed is in the page before the app mounts.
// And the way back: when the early compile fails (a host serving the wasm as
// application/octet-stream), the loader fetches and compiles it itself.
import { test, expect, expectNoA11yViolations } from './helpers.mjs';

function recorder() {
  const calls = (window.__wasmCalls = []);
  for (const name of ['compileStreaming', 'instantiateStreaming', 'compile', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      calls.push({ name, state: document.readyState, module: args[0] instanceof WebAssembly.Module });
      return original.apply(this, args);
    };
  }
}

/** Counts the page's .wasm requests. */
function countWasm(page) {
  const seen = [];
  page.on('request', (r) => {
    if (/\.wasm$/.test(new URL(r.url()).pathname)) seen.push(r.url());
  });
  return seen;
}

async function expectEarly(page, requests) {
  const calls = await page.evaluate(() => window.__wasmCalls);
  expect(calls.length, JSON.stringify(calls)).toBeGreaterThan(0);
  expect(calls[0], 'the first call: compileStreaming while the page is parsed').toEqual({ name: 'compileStreaming', state: 'loading', module: false });
  expect(
    calls.filter((c) => c.name !== 'compileStreaming' && !(c.name === 'instantiate' && c.module)),
    'no second compile: the loader instantiates the module',
  ).toEqual([]);
  expect(calls.filter((c) => c.name === 'instantiate' && c.module)).toHaveLength(1);
  expect(requests, 'one request for the wasm').toHaveLength(1);
  await expect(page.locator('html')).toHaveAttribute('data-wasm-early', '');
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(recorder);
});

test('a cold visit of the dashboard compiles its wasm from the <head>; a repeat visit leaves it to the loader', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 915 });
  let requests = countWasm(page);
  await page.goto('/?lang=ar');
  await expect(page.locator('html')).toHaveAttribute('data-app-drawn', /.*/);
  await expect(page.locator('[data-region]').first()).toBeVisible();
  await expectEarly(page, requests);
  // The repeat visit, with the saved data copy and snapshot.
  await page.waitForFunction(() => localStorage.getItem('impact-atlas:snapshot:v1') !== null, null, { timeout: 20_000 });
  page.removeAllListeners('request');
  requests = countWasm(page);
  await page.goto('/?lang=ar');
  await expect(page.locator('html')).toHaveAttribute('data-app-drawn', /.*/);
  await expect(page.locator('[data-region]').first()).toBeVisible();
  const calls = await page.evaluate(() => window.__wasmCalls);
  expect(calls.map((c) => c.name)).toEqual(['instantiateStreaming']);
  expect(calls[0].state).not.toBe('loading');
  await expect(page.locator('html')).not.toHaveAttribute('data-wasm-early', /.*/);
  expect(requests.length).toBeLessThanOrEqual(1);
  await expect(page.locator('#boot-snapshot')).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test('a widget compiles its own wasm from the <head>', async ({ page }) => {
  const requests = countWasm(page);
  await page.goto('/embed/map?lang=en');
  await expect(page.locator('[data-region]').first()).toBeVisible();
  await expectEarly(page, requests);
  expect(requests[0]).toMatch(/embed/);
});

test('a seeded cold visit: the seed is placed before the app mounts, and the app still draws', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 915 });
  await page.addInitScript(() => {
    const order = (window.__order = []);
    new MutationObserver(() => {
      if (!order.includes('seed') && document.querySelector('#boot-snapshot[data-seed]')) order.push('seed');
      if (!order.includes('mounted') && document.documentElement.hasAttribute('data-app-mounted')) order.push('mounted');
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-app-mounted'] });
  });
  const requests = countWasm(page);
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('data-app-drawn', /.*/);
  await expect(page.locator('#boot-snapshot')).toHaveCount(0);
  expect(await page.evaluate(() => window.__order)).toEqual(['seed', 'mounted']);
  await expectEarly(page, requests);
});

test.describe('when the early compile fails', () => {
  test.use({ serviceWorkers: 'block' });
  test('the loader fetches and compiles the wasm itself (a host that serves it as application/octet-stream)', async ({ page }) => {
    await page.route('**/*.wasm', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    });
    await page.goto('/?lang=en');
    await expect(page.locator('[data-region]').first()).toBeVisible();
    await expect(page.locator('figure[data-draws]:not([data-draws="0"])').first()).toBeVisible();
    const calls = await page.evaluate(() => window.__wasmCalls);
    expect(calls[0]).toMatchObject({ name: 'compileStreaming', state: 'loading' });
    // The loader's own way: instantiateStreaming refuses the type, then instantiate of the bytes.
    expect(calls.some((c) => c.name === 'instantiate' && !c.module)).toBe(true);
    await expect(page.locator('html')).not.toHaveAttribute('data-wasm-early', /.*/);
    await expect(page.getByTestId('boot-fallback')).toBeHidden();
  });
});
