// Launches Debian's headless Chromium through Playwright (no browser download).
// Shared by tools/screenshot.mjs and tools/bench.mjs.
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--no-first-run',
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Stops every service worker of the browser (through a page's CDP session), as
 * its idle timeout would: the next visit finds it not running. Used by
 * tools/bench.mjs (the later visit) and tools/boot-timeline.mjs (--stop-worker).
 */
export async function stopServiceWorkers(cdp) {
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
}

/** Collects console errors and uncaught exceptions of a page into an array. */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/**
 * Waits for frames until two in a row bring no DOM change (the app's work
 * after the first frame, such as writing the URL, is then done too); at most
 * 60 frames. Used between the changes of tools/bench.mjs and
 * tools/trace-change.mjs.
 */
export function settle(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    let changed = true;
    const mo = new MutationObserver(() => (changed = true));
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    let quiet = 0;
    for (let i = 0; i < 60 && quiet < 2; i++) {
      changed = false;
      await frame();
      quiet = changed ? 0 : quiet + 1;
    }
    mo.disconnect();
  });
}

/**
 * Waits until `expression` (JS source) is truthy in the page, polling every
 * `polling` ms through the CDP session `cdp` (Runtime.evaluate), not through
 * Playwright's page.waitForFunction: the latter injects Playwright's own
 * script into the page first (about 28 ms of parse and compile at 4x CPU, in
 * the middle of the load being measured, ahead of the page's first paint).
 * Used by the loads of tools/bench.mjs and tools/boot-timeline.mjs.
 */
export async function waitInPage(cdp, expression, { timeout = 30_000, polling = 100 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: `!!(${expression})`, returnByValue: true }).catch(() => ({ result: {} }));
    if (!exceptionDetails && result.value === true) return;
    if (Date.now() > until) throw new Error(`waitInPage: ${expression} not true within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, polling));
  }
}
