// Shared helpers for the end-to-end suite. Import `test` and `expect` from here,
// not from @playwright/test: this `test` fails any test during which the page
// logged a console error or threw an uncaught exception (unless the test lists
// the errors it expects with `test.use({ allowedConsoleErrors: [/…/] })`), and
// any test during which the page (or a frame in it) reported a violation of the
// Content-Security-Policy that tests/e2e/serve.mjs sends (tools/csp.mjs); a CSP
// violation is never allowed.
import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const LANGS = ['ar', 'fr', 'en'];
export const LANG_NAMES = { ar: 'العربية', fr: 'Français', en: 'English' };
export const DATA_PATH = '/data/impact.json';

export const test = base.extend({
  /** Regexps of console errors a test expects (e.g. a deliberate 500). */
  allowedConsoleErrors: [[], { option: true }],

  /** Every console error and page error seen during the test, as strings. */
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use, testInfo) => {
      const errors = [];
      const violations = [];
      await page.addInitScript(() => {
        document.addEventListener(
          'securitypolicyviolation',
          (e) => console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
          true,
        );
      });
      page.on('console', (msg) => {
        if (/CSP violation|Content Security Policy/.test(msg.text())) violations.push(msg.text());
        if (msg.type() !== 'error') return;
        const where = msg.location()?.url;
        errors.push(`console.error: ${msg.text()}${where ? ` (at ${where})` : ''}`);
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      await use(errors);
      expect(violations, 'no Content-Security-Policy violation').toEqual([]);
      const unexpected = errors.filter((e) => !allowedConsoleErrors.some((re) => re.test(e)));
      if (testInfo.status === testInfo.expectedStatus) {
        expect(unexpected, 'no console error or uncaught exception on the page').toEqual([]);
      }
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The app's own map frame: not the boot frame's skeleton (index.html, gone
 * when the app mounts) nor a seed's or snapshot's copy (boot/snapshot.js,
 * gone once the app has drawn), either of which may leave the page between
 * finding an element and measuring it.
 */
export const APP_MAP_FRAME = '.map-frame:not(#boot-frame .map-frame, #boot-snapshot .map-frame)';

/**
 * Serves the pages without the boot script's `data-seed` (tools/seed.mjs): a
 * cold visit as with a build that made no seed, so that the static frame and
 * the data preload show, whatever the colour scheme. A page the service
 * worker answers is not seen (page.route).
 */
export async function withoutSeed(page) {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const body = (await response.text()).replace(/ data-seed="[^"]*"/, '');
    await route.fulfill({ response, body });
  });
}

/** Holds every .wasm request until the returned function is called. */
export async function holdWasm(page) {
  let release;
  const held = new Promise((r) => {
    release = r;
  });
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Goes to `path` and waits until the app shell is mounted (header visible). */
export async function gotoApp(page, path = '/') {
  const response = await page.goto(path);
  expect(response?.ok(), `GET ${path} answered ${response?.status()}`).toBeTruthy();
  await expect(page.getByTestId('site-header')).toBeVisible();
  return response;
}

/** The bundled dataset (public/data/impact.json) as a parsed object, for tests that alter it. */
export function bundledDataset() {
  return JSON.parse(readFileSync(resolve(ROOT, 'public/data/impact.json'), 'utf8'));
}

/**
 * Answers the dataset request with `handler(route, request)`; the default
 * fulfils with `body` (an object is sent as JSON). Returns a counter of requests.
 */
export async function routeDataset(page, { body, status = 200, delayMs = 0, headers = {}, handler } = {}) {
  const seen = { count: 0 };
  await page.route(`**${DATA_PATH}*`, async (route, request) => {
    seen.count += 1;
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (handler) return handler(route, request);
    if (body === undefined) return route.continue();
    return route.fulfill({
      status,
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  });
  return seen;
}

/** Runs axe (WCAG 2.x A/AA) on the page, or on `include` only, and expects no violation. */
export async function expectNoA11yViolations(page, { include, exclude, disableRules = [] } = {}) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder = builder.include(include);
  if (exclude) builder = builder.exclude(exclude);
  if (disableRules.length) builder = builder.disableRules(disableRules);
  const { violations } = await builder.analyze();
  const summary = violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  expect(summary, 'axe violations').toEqual([]);
}

/** Reads `lang` and `dir` of <html>. */
export async function htmlLangDir(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
  }));
}

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF); a leading BOM is dropped. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Waits until the service worker controls the page and has cached its shell. */
export async function workerReady(page) {
  // (Polled from here: the worker is registered once the app has drawn, and
  // its install takes a moment.)
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          const keys = await caches.keys();
          return !!(reg && reg.active && navigator.serviceWorker.controller && keys.some((k) => k.startsWith('impact-atlas-shell-')));
        }),
      { timeout: 20_000 },
    )
    .toBe(true);
}
