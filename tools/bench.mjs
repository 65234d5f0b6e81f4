// Measures, in headless Chromium against the release build (dist/):
// - the time the app records for drawing the map and redrawing the charts after
//   a filter change: performance.measure entries named "map-draw" and
//   "charts-redraw", collected while a region is selected and cleared N times;
// - load: time until the header and until the first headline card show;
// - the size of the wasm and JS (raw, gzip, brotli).
//
//   node tools/bench.mjs [--runs 10] [--region MA-07] [--width 1440] [--large]
//   (make bench builds dist/ first; --large serves a valid dataset of about
//   2 MiB instead of the shipped one: the shipped observations repeated for
//   many periods, see largeDataset() below)
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer } from '../tests/e2e/serve.mjs';
import { launch, collectErrors } from './chromium.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const runs = Number(opt('runs', 10));
const region = opt('region', 'MA-07');
const width = Number(opt('width', 1440));
const dist = opt('dist', 'dist');
const large = argv.includes('--large');
const MEASURES = ['map-draw', 'charts-redraw'];

/**
 * A valid dataset just under the 2 MiB limit: the shipped one, its
 * observations repeated once per period (2001, 2002, …), each copy as
 * consistent as the original. Many periods are what makes lookups per chart
 * row quadratic when the observations are scanned instead of indexed.
 */
export async function largeDataset(limit = 2 * 1024 * 1024 - 64 * 1024) {
  const ds = JSON.parse(await readFile('public/data/impact.json', 'utf8'));
  const base = ds.observations.filter((o) => o.period === undefined);
  const size = () => Buffer.byteLength(JSON.stringify(ds));
  const copy = Buffer.byteLength(JSON.stringify(base));
  let year = 2001;
  while (size() + copy + base.length * 18 < limit) {
    for (const o of base) ds.observations.push({ ...o, period: String(year) });
    year++;
  }
  return JSON.stringify(ds);
}

const fmtMs = (v) => `${v.toFixed(1)} ms`;
function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { n: s.length, median, min: s[0], max: s[s.length - 1] };
}
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

async function sizes() {
  const rows = [];
  for (const f of (await readdir(dist)).filter((f) => /\.(wasm|js)$/.test(f)).sort()) {
    const buf = await readFile(join(dist, f));
    rows.push({
      file: f,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

/** Resolves after two animation frames, i.e. once the page has painted. */
const painted = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

const srv = await startServer({ dir: dist });
const browser = await launch();
const report = { load: {}, measures: {}, notes: [] };
try {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  if (large) {
    const body = await largeDataset();
    report.notes.push(`dataset: ${(body.length / 1024).toFixed(0)} KiB (large, generated)`);
    await page.route('**/data/impact.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
  }
  const t0 = Date.now();
  await page.goto(`${srv.url}/?lang=en`);
  await page.getByTestId('site-header').waitFor({ timeout: 15_000 });
  report.load.header = Date.now() - t0;
  try {
    await page.getByTestId('kpi-card').first().waitFor({ timeout: 15_000 });
    report.load.firstCard = Date.now() - t0;
  } catch {
    report.notes.push('no headline card ([data-testid=kpi-card]) appeared');
  }

  const regionPath = page.locator(`[data-region="${region}"]`).first();
  let mapFound = true;
  try {
    await regionPath.waitFor({ timeout: 10_000 });
  } catch {
    mapFound = false;
    report.notes.push(`no map region [data-region="${region}"] on the page: filter changes not driven`);
  }
  if (mapFound) {
    await painted(page);
    const before = await page.evaluate(() => performance.getEntriesByType('measure').length);
    for (let i = 0; i < runs; i++) {
      // Select the region, then clear it: by Escape on odd runs, by clicking it again on even ones.
      await regionPath.click();
      await page.waitForURL((u) => u.searchParams.get('region') === region, { timeout: 5_000 }).catch(() => {});
      await painted(page);
      if (i % 2) await page.keyboard.press('Escape');
      else await regionPath.click();
      await page.waitForURL((u) => u.searchParams.get('region') !== region, { timeout: 5_000 }).catch(() => {});
      await painted(page);
    }
    await page.waitForTimeout(200);
    const entries = await page.evaluate(
      ([from, names]) =>
        performance
          .getEntriesByType('measure')
          .slice(from)
          .filter((e) => names.includes(e.name))
          .map((e) => ({ name: e.name, duration: e.duration })),
      [before, MEASURES],
    );
    for (const name of MEASURES) {
      const ds = entries.filter((e) => e.name === name).map((e) => e.duration);
      report.measures[name] = ds.length ? stats(ds) : null;
    }
  }
  if (errors.length) report.notes.push(...errors.map((e) => `page: ${e}`));
  await context.close();
} finally {
  await browser.close();
  await srv.close();
}

console.log(`bench${large ? ' (large dataset)' : ''}: ${runs} filter changes (select ${region} then clear), ${width} px wide, headless Chromium`);
console.log(`  load: header ${report.load.header ?? '?'} ms, first headline card ${report.load.firstCard ?? 'n/a'} ms (wall clock, localhost)`);
for (const name of MEASURES) {
  const s = report.measures[name];
  console.log(
    s
      ? `  ${name.padEnd(14)} median ${fmtMs(s.median)}, min ${fmtMs(s.min)}, max ${fmtMs(s.max)} (${s.n} draws)`
      : `  ${name.padEnd(14)} not measured (no performance.measure entries named "${name}")`,
  );
}
console.log('  sizes:');
let total = { raw: 0, gzip: 0, brotli: 0 };
for (const r of await sizes()) {
  console.log(`    ${r.file.padEnd(40)} raw ${kb(r.raw).padStart(10)}  gzip ${kb(r.gzip).padStart(9)}  brotli ${kb(r.brotli).padStart(9)}`);
  for (const k of Object.keys(total)) total[k] += r[k];
}
console.log(`    ${'total'.padEnd(40)} raw ${kb(total.raw).padStart(10)}  gzip ${kb(total.gzip).padStart(9)}  brotli ${kb(total.brotli).padStart(9)}`);
for (const n of report.notes) console.log(`  note: ${n}`);
