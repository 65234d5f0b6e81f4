// Trunk post_build hook (Trunk.toml): makes the built page run under the strict
// Content-Security-Policy of tools/csp.mjs.
//
// Trunk 0.21 injects its wasm bootstrap as an inline <script type="module">,
// which `script-src 'self'` blocks. This hook, run on the staging folder before
// Trunk moves it to dist/:
//   1. moves every inline module script into a content-hashed file
//      (loader-<hash>.js) loaded by <script type="module" src integrity>;
//   2. refuses any other inline script, inline event handler (on…=), inline
//      style element or style attribute, so none can slip in unnoticed;
//   3. gives every <script src> / <link> carrying an integrity attribute a
//      crossorigin="anonymous" (SRI needs a CORS response when the page runs
//      with an opaque origin, e.g. in a sandboxed iframe);
//   4. in release builds, writes the policy as
//      <meta http-equiv="Content-Security-Policy"> right after <meta charset>.
//      (Debug builds stay without it: `trunk serve` injects an inline
//      live-reload script that the policy would block.)
//   5. writes the app shell's file list and version into the service worker
//      (sw.js, copied from public/sw.js): every top-level file of the build
//      but the worker itself and embed.js (for host pages); the data folder
//      is not part of it (the app keeps its own last good copy). The version
//      is a hash of those files, so each deploy changes sw.js (docs/deploy.md).
// Environment (set by Trunk): TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL, TRUNK_PROFILE.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSP_META } from './csp.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('trunk-csp: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(2);
}
const base = process.env.TRUNK_PUBLIC_URL || '/';
const release = process.env.TRUNK_PROFILE === 'release';
const file = join(staging, 'index.html');
let html = readFileSync(file, 'utf8');
const problems = [];

// 1 + 2: inline scripts.
html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, attrs, body) => {
  if (/\ssrc\s*=/i.test(attrs)) {
    if (body.trim()) problems.push('a <script src> with inline content');
    return whole;
  }
  if (!body.trim()) return whole;
  if (!/\stype\s*=\s*["']?module\b/i.test(attrs)) {
    problems.push(`an inline classic script: ${body.trim().slice(0, 60)}…`);
    return whole;
  }
  const code = body.trim() + '\n';
  const name = `loader-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  writeFileSync(join(staging, name), code);
  return `<script type="module" src="${base}${name}" integrity="${sri}" crossorigin="anonymous"></script>`;
});
if (/<style\b/i.test(html)) problems.push('an inline <style> element');
if (/<[a-z][^>]*\sstyle\s*=/i.test(html)) problems.push('an inline style="…" attribute');
if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) problems.push('an inline event handler (on…=)');
if (problems.length) {
  console.error(`trunk-csp: index.html would break the Content-Security-Policy:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}

// 3: SRI-checked resources are fetched in CORS mode.
html = html.replace(/<(script|link)\b([^>]*\sintegrity\s*=[^>]*)>/gi, (whole, tag, attrs) =>
  /\scrossorigin\b/i.test(attrs) ? whole : `<${tag}${attrs.replace(/\s*\/$/, '')} crossorigin="anonymous">`,
);

// 4: the policy itself.
if (release) {
  html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP_META}">`;
  if (!/<meta charset[^>]*>/i.test(html)) {
    console.error('trunk-csp: index.html has no <meta charset> to put the policy after');
    process.exit(1);
  }
  html = html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${meta}`);
}
writeFileSync(file, html);

// 5: the service worker's shell.
const swFile = join(staging, 'sw.js');
if (existsSync(swFile)) {
  const shell = readdirSync(staging)
    .filter((name) => name !== 'sw.js' && name !== 'embed.js' && statSync(join(staging, name)).isFile())
    .sort();
  const hash = createHash('sha256');
  for (const name of shell) hash.update(name).update('\0').update(readFileSync(join(staging, name)));
  const version = hash.digest('hex').slice(0, 16);
  let sw = readFileSync(swFile, 'utf8');
  const before = sw;
  sw = sw
    .replace(/^const VERSION = .*;$/m, `const VERSION = '${version}';`)
    .replace(/^const SHELL = .*;$/m, `const SHELL = ${JSON.stringify(shell)};`);
  if (sw === before || !sw.includes(version)) {
    console.error('trunk-csp: sw.js has no `const VERSION = …;` / `const SHELL = …;` line to fill');
    process.exit(1);
  }
  writeFileSync(swFile, sw);
}
console.log(`trunk-csp: ${release ? 'policy written, ' : ''}no inline script left in ${file}`);
