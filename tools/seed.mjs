// The cold visit's first screen made at build time (issue 14, H28; docs/deploy.md "Seed").
//
// Called by tools/trunk-csp.mjs at the end of a release build of index.html,
// on the staging folder (after the page's CSP <meta>, before the service
// worker's list): runs the built app in headless Chromium (/usr/bin/chromium,
// through tools/chromium.mjs; every request is answered from the staging
// folder, nothing goes to the network), once per language, width class and
// colour scheme (light, dark: the chart pictures are drawn in the scheme's
// colours), lets boot/snapshot.js save the screen the app drew (the same tree a repeat
// visit restores: the app's own DOM, status badges, "illustrative" labels and
// sources included, the charts as pictures: lossless WebP), and writes it as
//   seed-<lang>-<class>-<hash>.json = {"v":1,"sha256":<the data file's>,"lang","class","t":<tree>}
// where <class> is the width class, followed by `-dark` for the dark scheme.
// The boot script (boot/fallback.js) gets, in data-seed, the data file's
// SHA-256 and each seed's file and integrity; it shows a seed only when the
// data the app is about to draw hashes to the same SHA-256.
//
// `makeSeeds(staging, base, html)` resolves to the data-seed value, or null
// (and says why) when there is nothing honest to make: a data URL that is not
// a file of this build (a remote endpoint), or the app never saving a screen.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { launch } from './chromium.mjs';
import { smallestPicture } from './webp.mjs';

/** Languages, and the width classes: [name, viewport width, height]. A visit picks `phone` below 640 CSS px. */
export const SEED_LANGS = ['ar', 'fr', 'en'];
export const SEED_CLASSES = [
  ['phone', 412, 915],
  ['wide', 1440, 900],
];
/** Colour schemes: [suffix of the class, Chromium's scheme]. The boot script picks by `prefers-color-scheme`. */
export const SEED_SCHEMES = [
  ['', 'light'],
  ['-dark', 'dark'],
];
const SNAP_KEY = 'impact-atlas:snapshot:v1';
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export async function makeSeeds(staging, base, html) {
  const meta = /<meta name="impact-data" content="([^"]*)"/i.exec(html);
  const dataUrl = meta ? meta[1] : '';
  if (!dataUrl || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(dataUrl)) {
    console.log(`seed: the data URL (${dataUrl || 'none'}) is not a file of this build: no seed`);
    return null;
  }
  const dataFile = join(staging, normalize(dataUrl.split(/[?#]/)[0]));
  if (!existsSync(dataFile)) {
    console.log(`seed: ${dataUrl} is not in the build: no seed`);
    return null;
  }
  const sha256 = createHash('sha256').update(readFileSync(dataFile)).digest('hex');
  const origin = 'http://localhost';
  const browser = await launch();
  const entries = [];
  try {
    const runs = SEED_SCHEMES.flatMap(([suffix, colorScheme]) =>
      SEED_CLASSES.map(([widthClass, width, height]) => [widthClass + suffix, width, height, colorScheme]),
    );
    for (const [cls, width, height, colorScheme] of runs) {
      for (const lang of SEED_LANGS) {
        const context = await browser.newContext({
          viewport: { width, height },
          deviceScaleFactor: 1,
          colorScheme,
          reducedMotion: 'reduce',
          serviceWorkers: 'block',
        });
        await context.route('**/*', (route) => {
          const url = new URL(route.request().url());
          if (url.origin !== origin) return route.abort();
          let path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname.slice(1);
          path = normalize(path || 'index.html');
          let file = join(staging, path);
          if (path.startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
            if (extname(path)) return route.fulfill({ status: 404, body: 'not found' });
            file = join(staging, 'index.html');
          }
          return route.fulfill({
            status: 200,
            headers: { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' },
            body: readFileSync(file),
          });
        });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${origin}${base}?lang=${lang}`);
        try {
          await page.waitForFunction((k) => localStorage.getItem(k), SNAP_KEY, { timeout: 60000, polling: 250 });
        } catch (e) {
          throw new Error(`seed: the app saved no screen (${lang}, ${cls})${errors.length ? `: ${errors.join('; ')}` : ''}`);
        }
        const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), SNAP_KEY));
        // The chart pictures as lossless WebP, where smaller than the PNG: the canvas's pixels,
        // encoded by libwebp in Node (tools/webp.mjs: about half the bytes of Chromium's own
        // lossless WebP, which stays the fallback when an encoding does not give back the
        // same pixels).
        const pngs = [...new Set(JSON.stringify(saved.t).match(/data:image\/png;base64,[A-Za-z0-9+/=]+/g) ?? [])];
        const pictures = await page.evaluate(async (srcs) => {
          const out = [];
          for (const src of srcs) {
            const img = new Image();
            img.src = src;
            await img.decode();
            const c = document.createElement('canvas');
            c.width = img.naturalWidth;
            c.height = img.naturalHeight;
            const g = c.getContext('2d', { willReadFrequently: true });
            g.drawImage(img, 0, 0);
            const px = g.getImageData(0, 0, c.width, c.height).data;
            let bin = '';
            for (let i = 0; i < px.length; i += 0x8000) bin += String.fromCharCode.apply(null, px.subarray(i, i + 0x8000));
            out.push({ width: c.width, height: c.height, rgba: btoa(bin), chromium: c.toDataURL('image/webp', 1) });
          }
          return out;
        }, pngs);
        const webps = [];
        for (const [i, p] of pictures.entries()) webps.push(await smallestPicture([p.chromium, pngs[i]], p, `a chart (${lang}, ${cls})`));
        const swap = (n) => {
          if (!Array.isArray(n)) return n;
          const a = n[1];
          if (a && typeof a === 'object' && typeof a.src === 'string' && pngs.includes(a.src)) a.src = webps[pngs.indexOf(a.src)];
          n.slice(2).forEach(swap);
          return n;
        };
        saved.t.forEach(swap);
        await context.close();
        if (!Array.isArray(saved.t) || !saved.t.length) throw new Error(`seed: an empty screen (${lang}, ${cls})`);
        const text = JSON.stringify({ v: 1, sha256, lang, class: cls, t: saved.t }) + '\n';
        const name = `seed-${lang}-${cls}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`;
        writeFileSync(join(staging, name), text);
        const sri = `sha384-${createHash('sha384').update(text).digest('base64')}`;
        entries.push(`${lang}|${cls}|${name}|${sri}`);
        console.log(`seed: ${name} (${text.length} B)`);
      }
    }
  } finally {
    await browser.close();
  }
  return `${sha256} ${entries.join(' ')}`;
}
