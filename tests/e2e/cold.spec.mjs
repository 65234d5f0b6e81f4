// Issue 14, the cold load's order of work (the way to the first map and chart):
// - the service worker is registered once the first screen is drawn (every
//   chart's first drawing done, <html data-app-drawn>), not on `load`: its
//   install fetches the whole shell again, wasm included;
// - the charts' first drawings come before the directory below them is built,
//   and the first chart paints in the frame that lays it out (not in a task
//   after that frame);
// - a page without charts still registers the worker (a delay after `load`).
import { test, expect, gotoApp } from './helpers.mjs';

const DRAWN = 'figure[data-draws]:not([data-draws="0"])';

// Before the page's scripts: records what was on screen when the worker was
// registered, and when the directory got its first link.
function recorder() {
  window.__cold = { register: null, directory: null, frames: [] };
  const state = () => ({
    figures: document.querySelectorAll('figure[data-draws]').length,
    drawn: document.querySelectorAll('figure[data-draws]:not([data-draws="0"])').length,
    appDrawn: document.documentElement.hasAttribute('data-app-drawn'),
  });
  if (navigator.serviceWorker) {
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (...args) => {
      window.__cold.register = state();
      return register(...args);
    };
  }
  new MutationObserver(() => {
    if (!window.__cold.directory && document.querySelector('.directory a')) window.__cold.directory = state();
  }).observe(document, { subtree: true, childList: true });
  // Per frame with charts on the page: how many were drawn once it was
  // produced (a message posted from the animation-frame callback is handled
  // after the frame, before the tasks queued during it).
  const frame = () => {
    if (state().figures > 0) {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__cold.frames.push(state().drawn);
      ch.port2.postMessage(0);
    }
    if (window.__cold.frames.length < 120) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

test('the service worker is registered after every chart is drawn, not before', async ({ page }) => {
  await page.addInitScript(recorder);
  await gotoApp(page, '/?lang=en');
  await expect(page.locator(DRAWN).first()).toBeAttached();
  await expect.poll(() => page.evaluate(() => window.__cold.register), { timeout: 15_000 }).not.toBeNull();
  const at = await page.evaluate(() => window.__cold.register);
  // (A chart without enough data to draw, "over time" here, never draws.)
  const drawn = await page.locator(DRAWN).count();
  expect(drawn, 'charts drew').toBeGreaterThan(0);
  expect(at.drawn, 'every chart had drawn when the worker was registered').toBe(drawn);
  expect(at.appDrawn, '<html data-app-drawn> was set').toBe(true);
  // And the worker does its work: it takes control (offline after the first visit).
  await expect
    .poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.active), { timeout: 15_000 })
    .toBe(true);
});

test('the charts draw before the directory is built; the first one without a frame of its own', async ({ page }) => {
  await page.addInitScript(recorder);
  await gotoApp(page, '/?lang=en');
  await expect(page.locator('.directory a').first()).toBeAttached();
  const { directory, frames } = await page.evaluate(() => window.__cold);
  const drawn = await page.locator(DRAWN).count();
  expect(drawn, 'charts drew').toBeGreaterThan(0);
  expect(directory.drawn, 'every chart had drawn before the directory was built').toBe(drawn);
  // The first frame with the charts on the page lays them out; the first
  // chart draws within it (its width from that layout, drawn before paint),
  // not in a task after it: one chart is drawn once that frame is produced.
  expect(frames[0], 'the first chart drew in the frame that laid it out').toBe(1);
});

test('a page without charts registers the worker too (after load)', async ({ page }) => {
  await page.addInitScript(recorder);
  await gotoApp(page, '/about?lang=en');
  await expect.poll(() => page.evaluate(() => window.__cold.register), { timeout: 15_000 }).not.toBeNull();
});
