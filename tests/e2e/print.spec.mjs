// Issue 13: the donor brief. Any page prints as an A4 brief (print stylesheet,
// src/print): its texts with their sources and statuses, the date of the
// data and the page's link in full; no navigation chrome; no figure cut
// across two pages; no blank page; charts drawn again for paper; the
// "Print brief" button. The PDFs are Chromium's own (`page.pdf`), read by
// tests/e2e/pdf-text.mjs (no PDF package).
import { test, expect, gotoApp, expectNoA11yViolations, bundledDataset } from './helpers.mjs';
import { pdfPages, logical, words } from './pdf-text.mjs';

const DATA = bundledDataset();
const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ar: ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'],
};
/** The dataset's date as the brief writes it (i18n::format::date). */
function dataDate(lang) {
  const [y, m, d] = DATA.meta.as_of.split('-').map(Number);
  return `${d} ${MONTHS[lang][m - 1]} ${y}`;
}

// What a brief must show, and the boxes that must each stay on one page.
const BOXES = 'figure, .kpi, .map-panel, .notice, .key-figures > div, .print-note';
const CHROME = ['.skip-link', '.site-nav', '.lang-switcher', '[data-testid="filter-bar"]', '[data-testid="filter-toggle"]',
  '.embed-box', '[data-testid="print-brief"]', '.chart-tools', '.map-controls', '[data-testid="map-tooltip"]', '.breadcrumbs', '.pager'];
const PAGES = [
  ['dashboard', '/'],
  ['region', '/regions/MA-07'],
];

/** Waits until the page's data, map and charts are drawn. */
async function ready(page, kind) {
  await expect(page.getByTestId('page-summary')).not.toBeEmpty();
  await expect(page.getByTestId('print-note')).toContainText(dataDate(page.url().includes('lang=ar') ? 'ar' : 'en').split(' ')[2]);
  if (kind === 'dashboard') {
    await expect(page.locator('[data-testid="map-morocco"] path[data-region]')).toHaveCount(12);
    await expect(page.locator('figure.chart:not([data-draws="0"])').first()).toBeVisible();
  }
}

/**
 * Puts a marker text at the top and at the bottom of every box of
 * `selector` (absolutely placed: the layout does not move); returns how many.
 * A box is cut across pages when its two markers print on different pages.
 */
async function markBoxes(page, selector, prefix) {
  return page.evaluate(([selector, prefix]) => {
    const boxes = [...document.querySelectorAll(selector)].filter((b) => b.getClientRects().length > 0);
    boxes.forEach((box, i) => {
      if (getComputedStyle(box).position === 'static') box.style.position = 'relative';
      for (const [end, edge] of [['A', 'top'], ['B', 'bottom']]) {
        const m = document.createElement('span');
        m.textContent = `${prefix}${i}${end}`;
        m.dir = 'ltr';
        m.className = 'test-marker';
        Object.assign(m.style, { position: 'absolute', insetInlineStart: '0', [edge]: '0', fontSize: '4px', lineHeight: '1', color: '#000' });
        box.append(m);
      }
    });
    return boxes.length;
  }, [selector, prefix]);
}

/** The page (0-based) each marker text printed on. */
function markerPages(pages, prefix) {
  const at = new Map();
  pages.forEach((texts, p) => {
    for (const t of texts) for (const m of t.matchAll(new RegExp(`${prefix}(\\d+)([AB])`, 'g'))) at.set(`${m[1]}${m[2]}`, p);
  });
  return at;
}

for (const lang of ['ar', 'en']) {
  for (const [kind, path] of PAGES) {
    test(`the ${kind} prints as an A4 brief in ${lang}: sources, data date, full link, nothing cut`, async ({ page, baseURL }) => {
      test.setTimeout(60_000);
      await page.setViewportSize({ width: 1280, height: 900 });
      await gotoApp(page, `${path}?lang=${lang}`);
      await ready(page, kind);
      // Texts the brief must carry, read from the page itself.
      const sources = await page.locator('.kpi-source, .chart-source, .figure-source, .figure-source-line').allInnerTexts();
      const statuses = await page.locator('.badge').allInnerTexts();
      const illustrative = await page.getByTestId('illustrative-note').allInnerTexts();
      const chrome = await page.locator('.lang-switcher a, [data-testid="print-brief"]').allInnerTexts();
      expect(sources.length, 'the page shows sources').toBeGreaterThan(0);
      expect(illustrative.length, 'the page says its split is illustrative').toBeGreaterThan(0);

      const boxes = await markBoxes(page, BOXES, 'QZB');
      expect(boxes).toBeGreaterThan(kind === 'dashboard' ? 10 : 3);
      // The control: the whole document is one box that does span pages, so
      // the check below can see a cut.
      await markBoxes(page, 'body', 'QZM');

      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThan(kind === 'dashboard' ? 2 : 0);
      const text = pages.map((p) => logical(p).join(' ')).join('\n');
      // Words as printed (a set), and the page's letters run together: a
      // badge's first letter is a text of its own (::first-letter).
      const have = new Set(words(text));
      const hasAll = (t) => words(t).every((w) => have.has(w));
      // Right-to-left, that text may come after the rest of the word.
      const flat = words(text).join('');
      const flatBack = pages.map((p) => words(logical(p).reverse().join(' ')).join('')).join('');
      const printed = (t) => words(t).every((w) => flat.includes(w) || (lang === 'ar' && flatBack.includes(w)));

      // No blank page (a chart drawn too tall before the layout adds some).
      pages.forEach((p, i) => expect(p.join('').trim().length, `page ${i + 1} has text`).toBeGreaterThan(0));

      // The link in full, with the brief's language; the data's date.
      const link = `${baseURL}${path}?lang=${lang}`;
      expect(logical(pages[0]).join(' '), 'the full link on page 1').toContain(link);
      expect(printed(dataDate(lang)), `the data date ${dataDate(lang)}`).toBe(true);
      if (lang === 'en') expect(text).toContain(`Data as of ${dataDate('en')}`);

      // Every source, status and the illustrative label (phrases in English;
      // words in Arabic, whose word order a PDF keeps visual).
      const squeeze = (t) => t.replace(/[\s\u2068\u2069]+/g, '');
      for (const s of [...sources, ...statuses, ...illustrative]) {
        expect(printed(s), `printed: ${s}`).toBe(true);
        if (lang === 'en') expect(squeeze(text)).toContain(squeeze(s).slice(0, 30));
      }

      // No navigation chrome: the language switcher and the print button are not printed.
      for (const c of chrome) expect(hasAll(c), `not printed: ${c}`).toBe(false);

      // No box cut across pages; the control box is.
      const at = markerPages(pages, 'QZB');
      for (let i = 0; i < boxes; i++) {
        expect(at.has(`${i}A`) && at.has(`${i}B`), `box ${i}'s markers printed`).toBe(true);
        expect(at.get(`${i}B`), `box ${i} on one page`).toBe(at.get(`${i}A`));
      }
      if (pages.length > 1) {
        const body = markerPages(pages, 'QZM');
        expect([body.get('0A'), body.get('0B')], 'the control box spans pages').toEqual([0, pages.length - 1]);
      }
    });
  }
}

test('in print, chrome is hidden and the note shows the link, the data date and the print date', async ({ page, baseURL }) => {
  await gotoApp(page, '/regions/MA-07?lang=ar');
  await ready(page, 'region');
  const note = page.getByTestId('print-note');
  await expect(note).toBeHidden();
  await expect(page.getByTestId('print-brief')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(note).toBeVisible();
  await expect(page.getByTestId('print-link').locator('a')).toHaveText(`${baseURL}/regions/MA-07?lang=ar`);
  await expect(page.getByTestId('print-data-date')).toContainText(dataDate('ar'));
  await expect(note).toContainText(String(new Date().getFullYear()));
  for (const sel of CHROME) {
    const all = page.locator(sel);
    const n = await all.count();
    for (let i = 0; i < n; i++) await expect(all.nth(i), `${sel} hidden in print`).toBeHidden();
  }
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.emulateMedia({ media: 'screen' });
  await expect(note).toBeHidden();
});

test('a page drawn one day and printed the next carries the day it is printed, already in the printed layout', async ({ page }) => {
  // Date only: the page's timers keep running.
  await page.clock.setFixedTime(new Date('2026-11-30T23:58:00'));
  await gotoApp(page, '/?lang=en');
  await expect(page.getByTestId('print-printed-on')).toHaveText('Printed on 30 November 2026');
  await page.clock.setFixedTime(new Date('2026-12-01T00:05:00'));
  // What `window.print()` lays out: the text right after `beforeprint`,
  // before any microtask (a signal's update comes later).
  const printed = await page.evaluate(() => {
    window.dispatchEvent(new Event('beforeprint'));
    const text = document.querySelector('[data-testid="print-printed-on"]').textContent;
    window.dispatchEvent(new Event('afterprint'));
    return text;
  });
  expect(printed).toBe('Printed on 1 December 2026');
  await expect(page.getByTestId('print-printed-on')).toHaveText('Printed on 1 December 2026');
});

test('charts are drawn again for paper before printing, and back for the screen after', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  await gotoApp(page, '/?lang=en');
  await ready(page, 'dashboard');
  // This chart's own first drawing (each chart draws in a task of its own).
  await expect(page.getByTestId('chart-by-area')).not.toHaveAttribute('data-draws', '0');
  const canvas = page.getByTestId('chart-by-area').getByTestId('chart-canvas');
  const size = () => canvas.evaluate((c) => [c.width, c.height]);
  const [screenW, screenH] = await size();
  expect([screenW, screenH], 'drawn at its own size, not the canvas default').not.toEqual([300, 150]);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const [printW, printH] = await size();
  // 160 mm at 96 CSS px an inch, 3 device pixels each: sharp at 300 dpi.
  expect(printW).toBe(Math.round((160 / 25.4) * 96 * 3));
  expect(printH).toBeGreaterThan(screenH);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  expect(await size()).toEqual([screenW, screenH]);
});

// On paper the map sits beside its legend (as on a laptop), so the panel takes
// under half an A4 page instead of most of one (it was 879 px tall at the
// page's 695 px: style/map.css, loaded after main.css, won over the print rules).
for (const lang of ['ar', 'en']) {
  test(`in print the map sits beside its legend and its panel takes under half a page (${lang})`, async ({ page }) => {
    await gotoApp(page, `/?lang=${lang}`);
    await ready(page, 'dashboard');
    await page.emulateMedia({ media: 'print' });
    // A4's width and height inside the page's margins (@page: 13 mm and 14 + 15 mm), at 96 px an inch.
    const px = (mm) => Math.round((mm / 25.4) * 96);
    const pageHeight = px(297 - 29);
    await page.setViewportSize({ width: px(210 - 26), height: pageHeight });
    const box = (sel) => page.locator(sel).first().evaluate((e) => e.getBoundingClientRect().toJSON());
    const [frame, side, panel] = [await box('.map-panel .map-frame'), await box('.map-panel .map-side'), await box('.map-panel')];
    expect(side.top, 'the legend starts beside the map, not below it').toBeLessThan(frame.bottom);
    if (lang === 'ar') expect(side.right).toBeLessThanOrEqual(frame.left + 1);
    else expect(side.left).toBeGreaterThanOrEqual(frame.right - 1);
    expect(panel.height).toBeLessThan(pageHeight / 2);
  });
}

for (const [lang, name] of [['ar', 'طباعة الموجز'], ['en', 'Print brief']]) {
  test(`"${name}" is a keyboard button on the dashboard and the explore pages (${lang})`, async ({ page }) => {
    await page.addInitScript(() => {
      window.__printed = 0;
      window.print = () => { window.__printed += 1; };
    });
    for (const path of ['/', '/regions/MA-07', '/programs/femmpact', '/areas/womens-entrepreneurship']) {
      await gotoApp(page, `${path}?lang=${lang}`);
      const button = page.getByRole('button', { name });
      await expect(button).toBeVisible();
      await button.focus();
      await page.keyboard.press('Enter');
      // A new page each time: the count lives in the page, starting again at 0.
      expect(await page.evaluate(() => window.__printed)).toBe(1);
    }
  });
}

for (const [lang, path] of [['ar', '/'], ['en', '/regions/MA-07']]) {
  test(`axe passes on screen with the print button and note (${lang} ${path})`, async ({ page }) => {
    await gotoApp(page, `${path}?lang=${lang}`);
    await ready(page, path === '/' ? 'dashboard' : 'region');
    await expectNoA11yViolations(page);
  });
}

test("a region's split by area has no 'Where' column repeating the region (issue 12)", async ({ page }) => {
  await gotoApp(page, '/regions/MA-07?lang=en');
  const table = page.getByRole('region', { name: 'Beneficiaries by programme area' }).locator('table');
  await expect(table.locator('tbody tr')).toHaveCount(DATA.areas.length);
  await expect(table.locator('thead th')).toHaveText(['Figure', 'Value', 'Status', 'Source']);
  await expect(table.locator('tbody tr').first().locator('td')).toHaveCount(3);
});
