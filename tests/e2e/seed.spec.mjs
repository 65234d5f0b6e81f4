// The cold visit's seed (issue 14, H28; tools/seed.mjs, boot/fallback.js,
// boot/snapshot.js): the first screen made at build time from the build's
// dataset is painted on a cold visit of the default view before the wasm
// runs, only when the data the app is about to draw is byte-identical to the
// build's (SHA-256); inert and hidden from screen readers like the snapshot;
// the app's own screen replaces it. The `test` of helpers.mjs fails on any
// console error or CSP violation.
import { test, expect, holdWasm, expectNoA11yViolations, routeDataset, ROOT, DATA_PATH } from './helpers.mjs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// page.route cannot hold a request the service worker answers.
test.use({ serviceWorkers: 'block' });

const DIST = resolve(ROOT, process.env.DIST_DIR ?? 'dist');
const app = JSON.parse(readFileSync(`${ROOT}/locales/app.json`, 'utf8'));
const seed = (page) => page.locator('#boot-snapshot[data-seed]');

/** The boot script's data-seed: the data's SHA-256 and [lang, class, file, integrity] per seed. */
function seedSpec() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const boot = /<script src="[^"]*fallback-[0-9a-f]+\.js"[^>]*>/.exec(html)[0];
  const spec = / data-seed="([^"]+)"/.exec(boot);
  expect(spec, 'the boot script carries data-seed').not.toBeNull();
  const [sha256, ...entries] = spec[1].split(' ');
  return { sha256, entries: entries.map((e) => e.split('|')) };
}

test('the build has a seed per language, width class and colour scheme, made from the data file it ships', async () => {
  const { sha256, entries } = seedSpec();
  const data = readFileSync(join(DIST, DATA_PATH));
  expect(sha256).toBe(createHash('sha256').update(data).digest('hex'));
  const pairs = entries.map(([lang, cls]) => `${lang}/${cls}`).sort();
  expect(pairs).toEqual(
    ['ar', 'en', 'fr'].flatMap((l) => ['phone', 'phone-dark', 'wide', 'wide-dark'].map((c) => `${l}/${c}`)),
  );
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  for (const [lang, cls, file, integrity] of entries) {
    expect(file).toMatch(new RegExp(`^seed-${lang}-${cls}-[0-9a-f]{16}\\.json$`));
    const bytes = readFileSync(join(DIST, file));
    expect(integrity).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
    const s = JSON.parse(bytes);
    expect([s.v, s.sha256, s.lang, s.class]).toEqual([1, sha256, lang, cls]);
    const text = JSON.stringify(s.t);
    // The app's own screen: the map, a chart, status badges, the heading in that language.
    expect(text).toContain('"data-snapshot-map"');
    expect(text).toContain('"data-snapshot-chart"');
    // The chart pictures: lossless WebP (tools/seed.mjs), else the canvas's PNG.
    expect(text).toMatch(/"src":"data:image\/(webp|png);base64,/);
    expect(text).toContain('badge');
    expect(text).toContain(JSON.stringify(app.dashboard_heading[lang]));
    // Not in the worker's list: only a cold visit (no saved copy) shows one.
    expect(sw).not.toContain(file);
  }
  // The dark seeds are the same screen with the charts drawn in the dark
  // scheme's colours: the same markup but for the chart pictures, which differ.
  const tree = (lang, cls) => JSON.parse(readFileSync(join(DIST, entries.find((e) => e[0] === lang && e[1] === cls)[2]))).t;
  const pictures = (t) => JSON.stringify(t).match(/"src":"data:image\/[^"]+"/g) ?? [];
  for (const lang of ['ar', 'en']) {
    for (const cls of ['phone', 'wide']) {
      const light = tree(lang, cls);
      const dark = tree(lang, `${cls}-dark`);
      const [lp, dp] = [pictures(light), pictures(dark)];
      expect(dp.length, `${lang} ${cls}: as many chart pictures in the dark seed`).toBe(lp.length);
      expect(lp.length).toBeGreaterThan(0);
      lp.forEach((p, i) => expect(dp[i], `${lang} ${cls}: chart picture ${i} drawn in the dark colours`).not.toBe(p));
      const markup = (t) => JSON.stringify(t).replace(/"src":"data:image\/[^"]+"/g, '"src":""');
      expect(markup(dark), `${lang} ${cls}: the same screen`).toBe(markup(light));
    }
  }
});

for (const { lang, dir, width, height } of [
  { lang: 'ar', dir: 'rtl', width: 360, height: 780 },
  { lang: 'en', dir: 'ltr', width: 1440, height: 900 },
]) {
  test(`a cold visit in ${lang} at ${width} px paints the seed before the wasm runs, then the app takes over`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    // Layout shifts from the skeleton to the seed to the app's screen.
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const data = await routeDataset(page);
    const release = await holdWasm(page);
    await page.goto(`/?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    await expect(seed(page)).toBeVisible();
    await expect(page.locator('html')).not.toHaveAttribute('data-app-mounted', /.*/);
    await expect(page.locator('#boot-frame')).toBeHidden();
    await expect(seed(page).locator('svg[data-snapshot-map]')).toBeVisible();
    const chart = seed(page).locator('img[data-snapshot-chart]').first();
    await expect(chart).toBeVisible();
    await expect.poll(() => chart.evaluate((i) => i.complete && i.naturalWidth > 0)).toBe(true);
    await expect(seed(page)).toHaveAttribute('inert', '');
    await expect(seed(page)).toHaveAttribute('aria-hidden', 'true');
    await expect(seed(page).locator('h1')).toHaveText(app.dashboard_heading[lang]);
    await expect(seed(page).locator('.badge').first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
    expect(await seed(page).locator('[id]').count()).toBe(0);
    // Nothing wider than the screen (a chart picture of another width is scaled).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectNoA11yViolations(page);
    const before = await seed(page).locator('h1').boundingBox();
    // From the skeleton to the seed: nothing moved.
    expect(await page.evaluate(() => window.__shift)).toBe(0);
    if (process.env.SEED_SHOTS) await page.screenshot({ path: `${process.env.SEED_SHOTS}/seed-${lang}-${width}.png` });

    release();
    await expect(page.locator('html')).toHaveAttribute('data-app-drawn', '');
    await expect(page.locator('#boot-snapshot')).toHaveCount(0);
    await expect(page.getByTestId('site-header')).toBeVisible();
    const after = await page.locator('.intro h1').boundingBox();
    expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(2);
    // The app drew from the one response the boot script fetched.
    expect(data.count).toBe(1);
    // The app's mount under the seed shifts its own layout as it does without
    // a seed (0.31 at 1440 px, 0.14 at 360 px on the start build): reported, not
    // the seed's (what is seen is checked by the heading's place above).
    const shift = await page.evaluate(() => window.__shift);
    console.log(`seed ${lang} ${width}px: cumulative layout shift until the app drew ${shift.toFixed(4)}`);
    await expectNoA11yViolations(page);
    if (process.env.SEED_SHOTS) await page.screenshot({ path: `${process.env.SEED_SHOTS}/app-${lang}-${width}.png` });
  });
}

test("the seed's chart pictures are the app's own pixels, in fewer bytes than the browser's lossless WebP", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const release = await holdWasm(page);
  await page.goto('/?lang=en');
  await expect(seed(page)).toBeVisible();
  const pictures = seed(page).locator('img[data-snapshot-chart]');
  await expect.poll(() => pictures.evaluateAll((l) => l.length > 0 && l.every((i) => i.complete && i.naturalWidth > 0))).toBe(true);
  // Each picture's pixels (drawn unscaled), its file's RIFF chunks, and the
  // length of the browser's own lossless WebP of the same pixels.
  const seeded = await pictures.evaluateAll((imgs) =>
    imgs.map((img) => {
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
      const g = c.getContext('2d', { willReadFrequently: true });
      g.drawImage(img, 0, 0);
      const bytes = Uint8Array.from(atob(img.src.split(',')[1]), (ch) => ch.charCodeAt(0));
      const chunks = [];
      for (let i = 12; i + 8 <= bytes.length; ) {
        const size = bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24);
        chunks.push(String.fromCharCode(...bytes.subarray(i, i + 4)));
        i += 8 + size + (size & 1);
      }
      return {
        size: [c.width, c.height],
        pixels: Array.from(g.getImageData(0, 0, c.width, c.height).data).join(','),
        type: img.src.slice(0, 15),
        chunks,
        bytes: bytes.length,
        browser: atob(c.toDataURL('image/webp', 1).split(',')[1]).length,
      };
    }),
  );
  for (const [i, p] of seeded.entries()) {
    expect(p.type, `picture ${i}`).toBe('data:image/webp');
    // libwebp's file (tools/webp.mjs): lossless, no colour profile (the browser's carries one).
    expect(p.chunks, `picture ${i}`).toEqual(['VP8L']);
    expect(p.bytes, `picture ${i}: fewer bytes than the browser's lossless WebP`).toBeLessThan(p.browser * 0.8);
  }
  release();
  await expect(page.locator('html')).toHaveAttribute('data-app-drawn', '');
  // The same pixels as the charts the app draws at this width.
  const drawn = await page.locator('.charts-panel canvas').evaluateAll((cs) =>
    cs.map((c) => ({
      size: [c.width, c.height],
      pixels: Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data).join(','),
    })),
  );
  expect(drawn.length).toBeGreaterThanOrEqual(seeded.length);
  for (const [i, p] of seeded.entries()) {
    expect(drawn[i].size, `chart ${i}`).toEqual(p.size);
    expect(drawn[i].pixels === p.pixels, `chart ${i}: the seed's picture has the app's pixels`).toBe(true);
  }
});

test('other data bytes than the build shipped show no seed (and the app draws them)', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const original = readFileSync(join(DIST, DATA_PATH), 'utf8');
  // The same figures, other bytes: one more newline.
  await routeDataset(page, { body: original + '\n' });
  const release = await holdWasm(page);
  await page.goto('/?lang=en');
  // The boot script decided (the data arrived and was hashed): no seed.
  expect(await page.evaluate(() => window.impactAtlasSeed)).toBeNull();
  await page.waitForTimeout(300);
  await expect(page.locator('#boot-snapshot')).toHaveCount(0);
  await expect(page.locator('#boot-frame .kpi-skeleton').first()).toBeVisible();
  release();
  await expect(page.locator('html')).toHaveAttribute('data-app-drawn', '');
  await expect(page.getByTestId('site-header')).toBeVisible();
});

test('the unchanged bytes do show it (the control of the test above)', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const original = readFileSync(join(DIST, DATA_PATH), 'utf8');
  await routeDataset(page, { body: original });
  const release = await holdWasm(page);
  await page.goto('/?lang=en');
  expect(await page.evaluate(async () => Array.isArray(await window.impactAtlasSeed))).toBe(true);
  await expect(seed(page)).toBeVisible();
  release();
  await expect(page.locator('#boot-snapshot')).toHaveCount(0);
});

test('the dark scheme gets its own seed, the light one the other', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const fetched = [];
  page.on('request', (r) => /\/seed-[^/]+\.json$/.test(r.url()) && fetched.push(r.url().split('/').pop()));
  const release = await holdWasm(page);
  for (const scheme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/?lang=fr');
    await expect(seed(page)).toBeVisible();
    const file = scheme === 'dark' ? /^seed-fr-wide-dark-[0-9a-f]{16}\.json$/ : /^seed-fr-wide-[0-9a-f]{16}\.json$/;
    expect(fetched, `the ${scheme} visit fetched one seed, its scheme's`).toEqual([expect.stringMatching(file)]);
    fetched.length = 0;
  }
  release();
});

test('no seed for a view other than the default or with a saved data copy', async ({ page }) => {
  const release = await holdWasm(page);
  for (const path of ['/?lang=en&gender=female', '/about?lang=en']) {
    await page.goto(path);
    await expect(page.locator('#boot-frame')).toBeVisible();
    expect(await page.evaluate(() => window.impactAtlasSeed)).toBeUndefined();
  }
  await page.evaluate(() => localStorage.setItem('impact-atlas:data:v2', '{}'));
  await page.goto('/?lang=en');
  expect(await page.evaluate(() => window.impactAtlasSeed)).toBeUndefined();
  await page.evaluate(() => localStorage.clear());
  // The control: the same page, nothing saved, shows it.
  await page.goto('/?lang=en');
  await expect(seed(page)).toBeVisible();
  release();
});

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('the seed has no animation', async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto('/?lang=fr');
    await expect(seed(page)).toBeVisible();
    const running = await page.evaluate(() => document.getAnimations().length);
    expect(running).toBe(0);
    release();
  });
});
