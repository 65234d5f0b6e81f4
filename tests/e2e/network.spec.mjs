// The cold load over the network (issue 14): what the built page asks for
// before its first paint, and in what order (tools/trunk-csp.mjs, step 3b;
// measured with tools/waterfall.mjs). The CSP <meta> turns Chromium's preload
// scanner off, so the parser requests each file when it reaches its tag:
// - one stylesheet (the CSS files joined, with a valid integrity), the same
//   file for the dashboard and the widgets' page;
// - the wasm and its glue preloaded right after it, before the boot script,
//   the one parser-blocking script;
// - no snapshot script on a cold visit: the boot script writes it in (still
//   before the body) only when a snapshot is saved;
// - the service worker's shell lists exactly the files of the build.
import { test, expect, holdWasm, ROOT } from './helpers.mjs';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(ROOT, process.env.DIST_DIR ?? 'dist');
const SNAP_KEY = 'impact-atlas:snapshot:v1';

/** The tags of `html`'s <head> that make a request, in order, as [kind, tag]. */
function headRequests(html) {
  const head = html.slice(0, html.indexOf('</head>')).replace(/<!--[\s\S]*?-->/g, '');
  return [...head.matchAll(/<(script|link)\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((t) => /\s(src|href)="/.test(t) && !/rel="icon"/.test(t))
    .map((t) => {
      if (/rel="stylesheet"/.test(t)) return ['css', t];
      if (/rel="modulepreload"/.test(t)) return ['glue', t];
      if (/rel="preload"[^>]*\.wasm"/.test(t) || /\.wasm"[^>]*rel="preload"/.test(t)) return ['wasm', t];
      if (/<script type="module"/.test(t)) return ['loader', t];
      if (/fallback-[0-9a-f]+\.js"/.test(t)) return ['boot', t];
      return ['other', t];
    });
}

const attr = (tag, name) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** `file`'s bytes match the SRI `integrity`. */
async function expectIntegrity(request, path, integrity) {
  const [algo, digest] = integrity.split(/-(.*)/s);
  const body = await (await request.get(path)).body();
  expect(createHash(algo).update(body).digest('base64'), `integrity of ${path}`).toBe(digest);
}

for (const [page, path] of [
  ['index.html', '/'],
  ['embed.html', '/embed/map'],
]) {
  test(`${page}: one stylesheet with a valid integrity, then the wasm and its glue, then the boot script`, async ({ request }) => {
    const html = await (await request.get(path)).text();
    const tags = headRequests(html);
    const kinds = tags.map(([k]) => k);
    expect(kinds.filter((k) => k === 'css'), kinds.join(' ')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'other'), `unexpected requests in <head>: ${tags.filter(([k]) => k === 'other').map(([, t]) => t)}`).toEqual([]);
    // Everything is requested before the boot script, which runs once the
    // stylesheet has loaded: the parser meets no blocking script before.
    expect(kinds.indexOf('css')).toBe(0);
    expect(kinds.at(-1)).toBe('boot');
    for (const k of ['glue', 'wasm']) {
      expect(kinds.indexOf(k), k).toBeGreaterThan(kinds.indexOf('css'));
      expect(kinds.indexOf(k), k).toBeLessThan(kinds.indexOf('boot'));
    }
    const css = tags.find(([k]) => k === 'css')[1];
    const href = attr(css, 'href');
    expect(href).toMatch(/^\/style-[0-9a-f]{16}\.css$/);
    expect(attr(css, 'crossorigin')).toBe('anonymous');
    await expectIntegrity(request, href, attr(css, 'integrity'));
    // Every other tag's integrity matches the file served too: the release
    // build minifies the glue and the boot script after Trunk wrote their
    // tags (tools/trunk-csp.mjs, step 00), and gives them the new one.
    for (const [kind, tag] of tags.filter(([k]) => k !== 'css')) {
      const url = attr(tag, 'src') ?? attr(tag, 'href');
      expect(attr(tag, 'integrity'), `${kind} ${url} has an integrity`).toMatch(/^sha384-/);
      await expectIntegrity(request, url, attr(tag, 'integrity'));
    }
    // The stylesheet holds every source file's rules (a rule of the first and of the last).
    const text = await (await request.get(href)).text();
    expect(text).toContain('.site-header');
    expect(text).toContain('.embed');
  });
}

test('the dashboard and the widgets share the one stylesheet; the seven source files are not in the build', async ({ request }) => {
  const [site, widget] = await Promise.all(['/', '/embed/map'].map(async (p) => (await request.get(p)).text()));
  const sheet = (html) => /<link rel="stylesheet" href="([^"]+)"/.exec(html)[1];
  expect(sheet(widget)).toBe(sheet(site));
  const css = readdirSync(DIST).filter((f) => f.endsWith('.css'));
  expect(css).toEqual([sheet(site).slice(1)]);
});

test('no snapshot script in the page: the boot script carries its address and a valid integrity', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).not.toMatch(/<script[^>]*src="[^"]*snapshot-/);
  const boot = /<script src="[^"]*fallback-[0-9a-f]+\.js"[^>]*>/.exec(html)[0];
  const src = attr(boot, 'data-snapshot');
  expect(src).toMatch(/^\/snapshot-[0-9a-f]{10,16}\.js$/);
  await expectIntegrity(request, src, attr(boot, 'data-snapshot-integrity'));
  // The widgets never show a snapshot.
  const embed = await (await request.get('/embed/map')).text();
  expect(embed).not.toContain('snapshot-');
});

test("the service worker's shell lists exactly the build's files, and each page's list only files it names", async ({ request }) => {
  const sw = await (await request.get('/sw.js')).text();
  const shell = JSON.parse(/^const SHELL = (.*);$/m.exec(sw)[1]);
  const shells = JSON.parse(/^const SHELLS = (.*);$/m.exec(sw)[1]);
  const files = readdirSync(DIST)
    // The seeds (tools/seed.mjs) only serve a cold visit: not cached by the worker.
    .filter((f) => statSync(join(DIST, f)).isFile() && f !== 'sw.js' && f !== 'embed.js' && !/^seed-/.test(f))
    .sort();
  expect(shell).toEqual(files);
  const index = shells['index.html'];
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const sheet = /<link rel="stylesheet" href="\/([^"]+)"/.exec(html)[1];
  const snapshot = /data-snapshot="\/([^"]+)"/.exec(html)[1];
  expect(index).toContain(sheet);
  expect(index).toContain(snapshot);
  expect(shells['embed.html']).toContain(sheet);
  expect(shells['embed.html']).not.toContain(snapshot);
  for (const f of [...index, ...shells['embed.html']]) expect(files, f).toContain(f);
});

test.describe('the snapshot script', () => {
  // page.route cannot hold a request the service worker answers.
  test.use({ serviceWorkers: 'block' });

  // A view other than the default (a filter): no seed (tests/e2e/seed.spec.mjs loads it at once).
  test('a cold visit without a seed loads it only once the app has drawn; a repeat visit runs it before the body', async ({ page }) => {
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const snapshots = () => requested.filter((p) => /\/snapshot-[0-9a-f]+\.js$/.test(p));
    let release = await holdWasm(page);
    await page.goto('/?lang=en&gender=female');
    await expect(page.locator('#boot-frame')).toBeVisible();
    await page.waitForTimeout(500);
    expect(snapshots(), 'requested before the app ran').toEqual([]);
    release();
    await expect(page.locator('html')).toHaveAttribute('data-app-drawn', '');
    // ... then it is loaded, and saves the screen.
    await page.waitForFunction((k) => localStorage.getItem(k) !== null, SNAP_KEY, { timeout: 20_000 });
    expect(snapshots()).toHaveLength(1);

    // A repeat visit: written in right after the boot script, in <head>, and
    // the snapshot paints before the wasm runs.
    release = await holdWasm(page);
    await page.goto('/?lang=en&gender=female');
    await expect(page.locator('#boot-snapshot svg[data-snapshot-map]')).toBeVisible();
    const where = await page.evaluate(() => {
      const s = document.querySelector('script[src*="snapshot-"]');
      return { parent: s?.parentNode?.localName, after: s?.previousElementSibling?.getAttribute('src') };
    });
    expect(where.parent).toBe('head');
    expect(where.after).toMatch(/fallback-[0-9a-f]+\.js$/);
    release();
    await expect(page.locator('#boot-snapshot')).toHaveCount(0);
  });
});

test.describe('a failed stylesheet', () => {
  test.use({ allowedConsoleErrors: [/.*/] });

  test('one that fails before the boot script runs (its error event comes first) shows the fallback', async ({ page }) => {
    const release = await holdWasm(page);
    await page.route(/\/style-[0-9a-f]+\.css$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/?lang=en');
    await expect(page.locator('html')).toHaveAttribute('data-boot-failed', 'load');
    await expect(page.getByTestId('boot-fallback')).toBeVisible();
    release();
  });
});
