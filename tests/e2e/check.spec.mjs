// The data check page (/check) as a data editor meets it, in Arabic and French:
// a good file is valid and previews the whole dashboard under a banner (nothing
// cached, the published data back on leaving); a bad file lists its problems
// with their JSON paths; a file of the wrong kind, not JSON, not UTF-8 or of
// 20 MB gets a clear message (the 20 MB one without being read); axe is clean.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, gotoApp, ROOT, bundledDataset, expectNoA11yViolations } from './helpers.mjs';

const CHECK = JSON.parse(readFileSync(resolve(ROOT, 'locales/check.json'), 'utf8'));
const DATA = JSON.parse(readFileSync(resolve(ROOT, 'locales/data.json'), 'utf8'));
const GOOD_PATH = resolve(ROOT, 'public/data/impact.json');
const BAD_PATH = resolve(ROOT, 'tests/fixtures/bad-several.json');
// The app's one cache entry (src/data/cache.rs).
const CACHE_PREFIX = 'impact-atlas:data:v2';

/** A catalogue text with its `{placeholders}` filled. */
function fill(text, args = {}) {
  return Object.entries(args).reduce((t, [k, v]) => t.replaceAll(`{${k}}`, String(v)), text);
}
const msg = (lang, key, args) => fill(CHECK[key][lang], args);
/** A file name as the page shows it inside a sentence (isolated by a <bdi>, not by characters). */
const shown = (name) => name;
/** A value inside a problem message: isolated by FSI … PDI, so a code never reorders an Arabic sentence. */
const isolated = (value) => `\u2068${value}\u2069`;

/** The published copy in localStorage, once the first load has saved it. */
async function publishedCache(page) {
  await expect
    .poll(() => page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).length, CACHE_PREFIX))
    .toBe(1);
  return page.evaluate((p) => {
    const keys = Object.keys(localStorage).filter((k) => k.startsWith(p));
    return Object.fromEntries(keys.map((k) => [k, localStorage.getItem(k)]));
  }, CACHE_PREFIX);
}

/** Expects the headline beneficiaries figure (digits only) to become `digits`. */
async function expectBeneficiaries(page, digits) {
  const value = page.locator('[data-kpi="beneficiaries"] .kpi-value bdi');
  await expect
    .poll(async () => ((await value.count()) ? (await value.first().textContent()).replace(/\D/g, '') : null))
    .toBe(digits);
}

/**
 * A valid dataset that differs from the published one where it shows: dated
 * 2025, and "more than 4,100" beneficiaries (lower, so that no rule between
 * figures can object).
 */
function editedDataset() {
  const ds = bundledDataset();
  const total = ds.observations.find((o) => o.indicator === 'beneficiaries' && o.count === 4200);
  total.count = 4100;
  ds.meta.as_of = '2025-01-15';
  return ds;
}

const fileInput = (page) => page.getByTestId('check-file');
const jsonFile = (name, body) => ({ name, mimeType: 'application/json', buffer: Buffer.from(body) });

for (const lang of ['ar', 'fr']) {
  test.describe(`/check in ${lang}`, () => {
    test('a good file is valid; its preview shows the whole dashboard under a banner, and leaving restores the published data', async ({ page }) => {
      await gotoApp(page, `/check?lang=${lang}`);
      await expect(page.locator('main h1')).toHaveText(msg(lang, 'title'));
      // The file input is labelled and reachable from the keyboard.
      // (its visible name is the page's, not the browser's "Choose File").
      await expect(page.getByLabel(msg(lang, 'choose_button'))).toHaveAttribute('type', 'file');
      await fileInput(page).focus();
      await expect(fileInput(page)).toBeFocused();
      const cacheBefore = await publishedCache(page);
      const publishedBody = JSON.parse(Object.values(cacheBefore)[0]).body;
      expect(publishedBody.includes('"count":4200'), 'the cached copy is the published data').toBe(true);

      // The published file itself is valid.
      await fileInput(page).setInputFiles(GOOD_PATH);
      await expect(page.getByTestId('check-valid')).toHaveText(msg(lang, 'valid', { name: shown('impact.json') }));
      await expect(page.getByTestId('check-problems')).toHaveCount(0);

      // An edited file: valid, and previewed.
      const name = 'impact-2025.json';
      await fileInput(page).setInputFiles(jsonFile(name, JSON.stringify(editedDataset())));
      await expect(page.getByTestId('check-valid')).toHaveText(msg(lang, 'valid', { name: shown(name) }));
      const button = page.getByTestId('preview-button');
      await expect(button).toHaveText(msg(lang, 'preview_button'));
      await button.focus();
      await page.keyboard.press('Enter');

      await expect(page.getByTestId('dashboard')).toBeVisible();
      expect(new URL(page.url()).pathname).toBe('/');
      const banner = page.getByTestId('preview-banner');
      await expect(banner.locator('p')).toHaveText(msg(lang, 'banner', { name: shown(name) }));
      await expect(banner.getByRole('button')).toHaveText(msg(lang, 'leave_preview'));
      await expect(page.getByTestId('data-line')).toContainText('2025');
      await expectBeneficiaries(page, '4100');
      await expectNoA11yViolations(page, { include: '[data-testid="preview-banner"]' });

      // The banner is on every page; the preview lasts across pages.
      await page.locator(`.site-nav a[href^="/about"]`).click();
      await expect(page.getByTestId('about-page')).toBeVisible();
      await expect(banner).toBeVisible();
      await page.locator('.site-nav a').first().click();
      await expect(page.getByTestId('dashboard')).toBeVisible();
      await expectBeneficiaries(page, '4100');

      // Nothing of the preview was cached: the published copy is as it was.
      expect(await publishedCache(page), 'the cached copy is untouched').toStrictEqual(cacheBefore);

      await banner.getByRole('button').click();
      await expect(banner).toHaveCount(0);
      await expect(page.locator('main#main')).toBeFocused();
      await expectBeneficiaries(page, '4200');
      await expect(page.getByTestId('data-line')).not.toContainText('2025');
      expect(await publishedCache(page)).toEqual(cacheBefore);
      // A reload shows the published data, with no banner.
      await page.reload();
      await expectBeneficiaries(page, '4200');
      await expect(banner).toHaveCount(0);
    });

    test('a bad file lists every problem with its path and message, and axe finds nothing', async ({ page }) => {
      await gotoApp(page, `/check?lang=${lang}`);
      await fileInput(page).setInputFiles(BAD_PATH);
      await expect(page.getByTestId('check-invalid')).toHaveText(msg(lang, 'invalid', { name: shown('bad-several.json') }));
      // The file name is isolated from the sentence around it.
      await expect(page.getByTestId('check-invalid').locator('bdi.file-name')).toHaveText('bad-several.json');
      // Every error is listed (bad-several.json has at least these four).
      const items = page.getByTestId('check-problems').locator('li');
      await expect(items.first()).toBeVisible();
      const errors = await items.count();
      expect(errors).toBeGreaterThanOrEqual(4);
      await expect(page.getByTestId('check-status')).toContainText(
        msg(lang, 'invalid_counts', { errors, warnings: 0 }),
      );
      const paths = await items.locator('.problem-path').allTextContents();
      expect(paths).toEqual(
        expect.arrayContaining(['meta.as_of', 'programs[0].partners[0]', 'observations[1].region', 'observations[3].share']),
      );
      const region = items.filter({ has: page.locator('.problem-path', { hasText: /^observations\[1\]\.region$/ }) });
      await expect(region.locator('.problem-message')).toHaveText(fill(DATA.problem_unknown_region[lang], { value: isolated('MA-13') }));
      await expect(region.locator('.problem-severity')).toHaveText(msg(lang, 'severity_error'));
      const partner = items.filter({ has: page.locator('.problem-path', { hasText: /^programs\[0\]\.partners\[0\]$/ }) });
      await expect(partner.locator('.problem-message')).toHaveText(fill(DATA.problem_unknown_partner[lang], { value: isolated('giz') }));
      // A file the dashboard would refuse cannot be previewed.
      await expect(page.getByTestId('preview-button')).toHaveCount(0);
      await expectNoA11yViolations(page);
    });

    test('a file that is not JSON, or not UTF-8, gets a clear message', async ({ page }) => {
      await gotoApp(page, `/check?lang=${lang}`);
      const refused = page.getByTestId('check-refused');
      await fileInput(page).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('beneficiaries: 4200\n') });
      await expect(refused).toHaveText(msg(lang, 'refused_wrong_kind', { name: shown('notes.txt') }));
      await fileInput(page).setInputFiles(jsonFile('export.json', '<html><body>not data</body></html>'));
      await expect(refused).toHaveText(msg(lang, 'refused_not_json', { name: shown('export.json') }));
      const latin1 = Buffer.from('{\n  "schema_version": 1,\n  "note": "café"\n}\n', 'latin1');
      await fileInput(page).setInputFiles({ name: 'latin1.json', mimeType: 'application/json', buffer: latin1 });
      await expect(refused).toHaveText(msg(lang, 'refused_not_utf8', { name: shown('latin1.json'), line: 3 }));
      await expect(page.getByTestId('check-problems')).toHaveCount(0);
      await expect(page.getByTestId('preview-button')).toHaveCount(0);
      await expectNoA11yViolations(page);
    });
  });
}

test('a 20 MB file is refused by its size, without being read', async ({ page }) => {
  // Counts every way a page can read a file's bytes.
  await page.addInitScript(() => {
    window.__fileReads = 0;
    const count = (proto, names) => {
      for (const n of names) {
        const original = proto[n];
        proto[n] = function (...args) {
          window.__fileReads += 1;
          return original.apply(this, args);
        };
      }
    };
    count(Blob.prototype, ['arrayBuffer', 'text', 'stream', 'slice']);
    count(FileReader.prototype, ['readAsArrayBuffer', 'readAsText', 'readAsDataURL', 'readAsBinaryString']);
  });
  await gotoApp(page, '/check?lang=fr');
  const reads = () => page.evaluate(() => window.__fileReads);
  // The counter does count the page's reads: a small file is read once.
  await fileInput(page).setInputFiles(GOOD_PATH);
  await expect(page.getByTestId('check-valid')).toBeVisible();
  expect(await reads()).toBe(1);

  const size = 20 * 1024 * 1024;
  await fileInput(page).setInputFiles(jsonFile('impact-big.json', Buffer.alloc(size, ' ')));
  await expect(page.getByTestId('check-refused')).toHaveText(
    msg('fr', 'refused_too_large', { name: shown('impact-big.json'), size: '20,0', limit: '8,0' }),
  );
  expect(await reads()).toBe(1);
  await expect(page.getByTestId('preview-button')).toHaveCount(0);
});

test('a syntax error reads right to left in Arabic, with its path and place', async ({ page }) => {
  // "JSON غير صالح …" begins with a Latin word: isolated without a direction
  // it would be laid out left to right, the column number first.
  await gotoApp(page, '/check?lang=ar');
  const good = readFileSync(GOOD_PATH, 'utf8');
  await fileInput(page).setInputFiles(jsonFile('broken.json', good.replace('"count":12,', '"count":12,,')));
  const item = page.getByTestId('check-problems').locator('li').first();
  await expect(item.locator('.problem-path')).toHaveText('observations[5]');
  const message = item.locator('.problem-message bdi');
  await expect(message).toHaveAttribute('dir', 'rtl');
  const line = good.split('\n').findIndex((l) => l.includes('"count":12,')) + 1;
  await expect(message).toContainText(isolated(line));
  const x = (word) =>
    message.evaluate((el, w) => {
      const node = el.firstChild;
      const range = document.createRange();
      const at = node.data.indexOf(w);
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      return range.getBoundingClientRect().x;
    }, word);
  expect(await x('JSON'), 'the sentence begins on the right').toBeGreaterThan(await x(DATA.problem_syntax.ar.split(' ')[1]));
});

test('more than 50 problems: the first 50 are listed, errors first, then "and N more"', async ({ page }) => {
  const ds = bundledDataset();
  const regional = ds.observations.filter((o) => o.region);
  expect(regional.length).toBeGreaterThan(60);
  regional.slice(0, 60).forEach((o) => { o.region = 'MA-99'; });
  await gotoApp(page, '/check?lang=ar');
  await fileInput(page).setInputFiles(jsonFile('many.json', JSON.stringify(ds)));
  await expect(page.getByTestId('check-invalid')).toBeVisible();
  const items = page.getByTestId('check-problems').locator('li');
  await expect(items).toHaveCount(50);
  await expect(items.first()).toHaveAttribute('data-severity', 'error');
  const status = await page.getByTestId('check-status').textContent();
  const errors = Number(status.match(/(\d+)/)[1]);
  expect(errors).toBeGreaterThanOrEqual(60);
  await expect(page.getByTestId('check-more')).toHaveText(msg('ar', 'more', { n: errors - 50 }));
});

/** Drops a file with `text` named `name` on the element matching `selector`; returns whether the page took the drop. */
async function drop(page, selector, name, text) {
  return page.evaluate(({ selector, name, text }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], name, { type: 'application/json' }));
    const target = document.querySelector(selector);
    let taken = false;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const ev = new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true });
      target.dispatchEvent(ev);
      if (type === 'drop') taken = ev.defaultPrevented;
    }
    return taken;
  }, { selector, name, text });
}

test('a file dropped on the drop zone, or anywhere on the page, is checked like a chosen one', async ({ page }) => {
  await gotoApp(page, '/check?lang=fr');
  expect(await drop(page, '[data-testid="drop-zone"]', 'dropped.json', readFileSync(BAD_PATH, 'utf8'))).toBe(true);
  await expect(page.getByTestId('check-invalid')).toHaveText(msg('fr', 'invalid', { name: shown('dropped.json') }));
  await expect(page.getByTestId('check-problems').locator('li.problem-error').first()).toBeVisible();
  await expect(page.getByTestId('check-problems')).toContainText('observations[1].region');
  // Beside the frame (on the heading) the drop is taken too, not opened by the browser.
  expect(await drop(page, '[data-testid="check-page"] h1', 'beside.json', readFileSync(GOOD_PATH, 'utf8'))).toBe(true);
  await expect(page.getByTestId('check-valid')).toHaveText(msg('fr', 'valid', { name: shown('beside.json') }));
});

test('the footer links to the check page in the current language', async ({ page }) => {
  await gotoApp(page, '/about?lang=ar');
  const link = page.locator('.site-footer').getByRole('link', { name: msg('ar', 'link') });
  await expect(link).toHaveAttribute('href', '/check?lang=ar');
  await link.click();
  await expect(page.getByTestId('check-page')).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(msg('ar', 'title')));
});
