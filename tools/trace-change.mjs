// A Chrome trace of filter changes at 4× CPU on the phone (issue 14, H18):
// what runs between an input and the next frame, ours and the browser's.
//
//   node tools/trace-change.mjs [--dist dist] [--out trace.json] [--changes 6] [--rate 4] [--map]
//   node tools/trace-change.mjs --analyze trace.json   (the analysis of a trace written before)
//
// For each change (the area and gender selects moved with the arrow keys, a
// map click), from the input's dispatch to the end of the next frame's
// commit: the main thread's time by event (script, style recalculation with
// its element count, layout with its dirty/total objects, pre-paint, paint
// with its rectangles' area, layerize, commit). Writes the whole trace (open
// it in DevTools' Performance panel), and the medians per kind of change.
// "Forced" style/layout is the one run inside an event's dispatch (by a
// script, or by the select's own keyboard handling), before the frame.
import { writeFile } from 'node:fs/promises';
import { startServer } from '../tests/e2e/serve.mjs';
import { launch, settle as settlePage } from './chromium.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? fallback : argv[i + 1];
};
const dist = opt('dist', 'dist');
const out = opt('out', 'trace.json');
const changes = Number(opt('changes', 6));
const rate = Number(opt('rate', 4));

const analyzeOnly = opt('analyze', null);
const events = [];
const kinds = [];
if (analyzeOnly) {
  const { readFile } = await import('node:fs/promises');
  events.push(...JSON.parse(await readFile(analyzeOnly, 'utf8')).traceEvents);
} else {
const srv = await startServer({ dir: dist });
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1.75, locale: 'en-US' });
const page = await context.newPage();
await page.goto(`${srv.url}/?lang=en`);
await page.locator('[data-region]').first().waitFor({ timeout: 30_000 });
await page.waitForFunction(() => document.querySelector('figure[data-draws]:not([data-draws="0"])'), null, { timeout: 30_000 });
const toggle = page.getByTestId('filter-toggle');
if (await toggle.isVisible()) await toggle.click();
await page.waitForTimeout(800);
const cdp = await context.newCDPSession(page);
const settle = () => settlePage(page);
const plan = [];
const regions = await page.evaluate(() => [...document.querySelectorAll('[data-region]')].map((e) => e.getAttribute('data-region')));
// --map: the bench's map cycle (tools/bench.mjs): a region clicked, another
// selected with the keyboard (focus, then Enter), then clicked (clears).
const mapCycle = argv.includes('--map');
for (let i = 0; plan.length < changes; i++) {
  if (mapCycle) {
    const r = regions[i % regions.length];
    const r2 = regions[(i * 5 + 3) % regions.length];
    plan.push({ code: r }, { code: r2, key: 'Enter' }, { code: r2 });
    continue;
  }
  plan.push({ sel: 'area', key: 'ArrowDown' }, { sel: 'gender', key: 'ArrowDown' }, { code: regions[(i * 5 + 3) % regions.length] });
  plan.push({ sel: 'area', key: 'ArrowUp' }, { sel: 'gender', key: 'ArrowUp' }, { code: regions[(i * 5 + 3) % regions.length] });
}
plan.length = changes;

cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
await cdp.send('Tracing.start', {
  transferMode: 'ReportEvents',
  traceConfig: {
    includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing', 'v8.execute'],
  },
});
for (const step of plan) {
  if (step.code && step.key) {
    await page.evaluate((code) => document.querySelector(`[data-region="${code}"]`).focus(), step.code);
    await settle();
    await page.keyboard.press(step.key);
    kinds.push('map key');
  } else if (step.code) {
    const p = await page.evaluate((code) => {
      const el = document.querySelector(`[data-region="${code}"]`);
      el.scrollIntoView({ block: 'center' });
      const b = el.getBoundingClientRect();
      for (let k = 0; k <= 8; k++)
        for (let j = 0; j <= 8; j++) {
          const x = b.left + (b.width * ((k + 4) % 9)) / 8;
          const y = b.top + (b.height * ((j + 4) % 9)) / 8;
          if (document.elementFromPoint(x, y) === el) return { x, y };
        }
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }, step.code);
    await page.mouse.move(p.x, p.y);
    await settle();
    await page.mouse.down();
    await page.mouse.up();
    kinds.push('map click');
  } else {
    await page.evaluate((sel) => document.querySelector(`#filter-${sel}`).focus(), step.sel);
    await settle();
    await page.keyboard.press(step.key);
    kinds.push(`${step.sel} select`);
  }
  await settle();
}
await cdp.send('Tracing.end');
await done;
await writeFile(out, JSON.stringify({ traceEvents: events }));
await browser.close();
await srv.close?.();
}

// ── analysis ──
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const pid = main.pid;
const tid = main.tid;
const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
// The inputs: keydown (selects) and mousedown (map).
const inputs = onMain.filter((e) => e.name === 'EventDispatch' && ['keydown', 'mousedown'].includes(e.args?.data?.type));
const commits = onMain.filter((e) => e.name === 'Commit');
const names = ['EventDispatch', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'IntersectionObserverController::computeIntersections', 'UpdateLayer', 'PaintImage', 'RasterTask'];
const perKind = {};
for (const [i, inp] of inputs.entries()) {
  // The handlers of one input: every EventDispatch until the next frame's commit.
  const commit = commits.find((c) => c.ts > inp.ts + inp.dur);
  if (!commit) continue;
  const end = commit.ts + commit.dur;
  const win = onMain.filter((e) => e.ts >= inp.ts && e.ts < end);
  // Top level only (an event inside another is counted in its parent), except
  // style/layout inside script, which is forced.
  const tally = {};
  let stack = [];
  let forced = 0;
  let styleEls = 0;
  let layoutObjs = [];
  const painted = [];
  for (const e of win) {
    stack = stack.filter((p) => p.ts + p.dur > e.ts);
    const inScript = stack.some((p) => ['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'v8.callFunction'].includes(p.name));
    if (['UpdateLayoutTree', 'Layout'].includes(e.name) && inScript) forced += e.dur;
    if (e.name === 'UpdateLayoutTree') styleEls += e.args?.elementCount ?? 0;
    if (e.name === 'Layout') layoutObjs.push(`${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects}`);
    if (e.name === 'Paint') {
      // What was painted, and the height of its clip (CSS px).
      const c = e.args?.data?.clip;
      painted.push(`${e.args?.data?.nodeName?.replace(/^(\w+) class='([^']*)'.*/, '$1.$2') ?? '?'}${c ? ` ${Math.round(c[5] - c[1])}px` : ''}`);
    }
    if (names.includes(e.name) && !stack.some((p) => names.includes(p.name))) tally[e.name] = (tally[e.name] ?? 0) + e.dur;
    stack.push(e);
  }
  const total = (end - inp.ts) / 1000;
  const fmt = Object.entries(tally)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
    .join(', ');
  const kind = kinds[i] ?? inp.args.data.type;
  const browserWork = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'].reduce((n, k) => n + (tally[k] ?? 0), 0) / 1000;
  (perKind[kind] ??= []).push([total, (tally.EventDispatch ?? 0) / 1000, browserWork]);
  console.log(`#${i} ${kind}: input→commit end ${total.toFixed(1)} ms | ${fmt} | forced style/layout ${(forced / 1000).toFixed(1)} | style elements ${styleEls} | layout ${layoutObjs.join(' ')} | painted ${painted.join(', ')}`);
}
const median = (a) => a.slice().sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)];
for (const [k, v] of Object.entries(perKind))
  console.log(`${k}: median of ${v.length}: input→commit end ${median(v.map((x) => x[0])).toFixed(1)} ms, event dispatch ${median(v.map((x) => x[1])).toFixed(1)} ms, style+layout+paint+layerize+commit after it ${median(v.map((x) => x[2])).toFixed(1)} ms`);
if (!analyzeOnly) console.log(`trace written to ${out}`);
process.exit(0);
