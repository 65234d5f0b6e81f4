// Playwright end-to-end suite: headless Debian Chromium (no browser download)
// against the release build in dist/, served by tests/e2e/serve.mjs.
// Run through `make test` / `make e2e` (they build dist/ first).
import { defineConfig, devices } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { CHROMIUM_ARGS } from '../../tools/chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// A port of this run's own (workers inherit it from the main process), so that
// runs side by side never test each other's server. E2E_PORT=… fixes it.
if (!process.env.E2E_PORT) process.env.E2E_PORT = String(20000 + (process.pid % 20000));
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.mjs',
  outputDir: process.env.E2E_OUTPUT_DIR ?? resolve(root, 'test-results'),
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0, // a test that only passes on retry is a bug to fix, not to hide
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.E2E_JSON ?? resolve(root, 'target/test-logs/e2e.json') }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    launchOptions: {
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
  webServer: {
    command: `node tests/e2e/serve.mjs --dir ${process.env.DIST_DIR ?? 'dist'} --port ${port} --faults`,
    cwd: root,
    url: `${baseURL}/index.html`,
    reuseExistingServer: false,
    timeout: 20_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
