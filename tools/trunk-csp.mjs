// Trunk post_build hook (Trunk.toml): makes the built page run under the strict
// Content-Security-Policy of tools/csp.mjs.
//
// Trunk 0.21 injects its wasm bootstrap as an inline <script type="module">,
// which `script-src 'self'` blocks. This hook, run on the staging folder before
// Trunk moves it to dist/:
//   1. moves every inline module script into a content-hashed file
//      (loader-<hash>.js) loaded by <script type="module" src integrity>;
//   1b. makes that loader instantiate the module the boot script
//      (boot/fallback.js) started compiling from the <head>
//      (window.impactAtlasWasm, null if it could not: then the file's own URL,
//      as Trunk wrote it), instead of fetching and compiling it only once the
//      page is parsed; on a seeded cold visit, once the seed has painted
//      (window.impactAtlasHold; issue 14, H35);
//   2. refuses any other inline script, inline event handler (on…=), inline
//      style element or style attribute, so none can slip in unnoticed;
//   2c. writes the interface's texts, a file per language (tools/texts.mjs),
//      and names them in <meta name="impact-texts">;
//   3. gives every <script src> / <link> carrying an integrity attribute a
//      crossorigin="anonymous" (SRI needs a CORS response when the page runs
//      with an opaque origin, e.g. in a sandboxed iframe);
//   3b. one stylesheet (the page's CSS files joined), the wasm preloads right
//      after it, and the snapshot script's address moved onto the boot
//      script (see 3b below: the network's order, issue 14);
//   4. in release builds, writes the policy as
//      <meta http-equiv="Content-Security-Policy"> right after <meta charset>.
//      (Debug builds stay without it: `trunk serve` injects an inline
//      live-reload script that the policy would block.)
//   4c. in release builds, drops the page's comments and indentation;
//   5. writes the app shell's file list and version into the service worker
//      (sw.js, copied from public/sw.js): every top-level file of the build
//      but the worker itself and embed.js (for host pages); the data folder
//      is not part of it (the app keeps its own last good copy). The version
//      is a hash of those files, so each deploy changes sw.js (docs/deploy.md).
//      Also each shell page's own files (SHELLS: index.html's, embed.html's),
//      so that the worker caches only the shell a visitor uses. In release
//      builds the worker is then minified (5b), those lines kept as they are.
//   00. (very first, release) minifies the boot scripts (boot/fallback.js,
//      boot/snapshot.js, as Trunk copied them: fallback-<hash>.js,
//      snapshot-<hash>.js) and wasm-bindgen's module (impact-atlas-<hash>.js,
//      impact-atlas-embed-<hash>.js) with terser, in place, and gives their
//      tags the new integrity (issue 14: comments, jsdoc and indentation were
//      about half of their bytes; the name keeps Trunk's hash of the source,
//      which still changes with it).
//      Before 0, so that the widgets' build, which minifies its own copy,
//      gives the same bytes.
//   0. (first) builds the widgets' page, embed.html (issue 14, docs/size.md):
//      a second `trunk build embed.html` of the widget binary
//      (src/bin/embed.rs) into a temporary folder, whose files join this
//      build's (its stylesheets and boot script are the same hashed files).
//      That nested build runs this hook too, on its own page, with
//      IMPACT_ATLAS_PAGE=embed.html. Skipped with IMPACT_ATLAS_WIDGET_BUILD=0
//      (`make serve`: the dev server answers /embed/… with index.html, whose
//      binary has the widgets too).
// Environment (set by Trunk): TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL, TRUNK_PROFILE.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSP_META } from './csp.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('trunk-csp: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(2);
}
const base = process.env.TRUNK_PUBLIC_URL || '/';
const release = process.env.TRUNK_PROFILE === 'release';
// The page this build writes: index.html, or embed.html in the nested build.
const page = process.env.IMPACT_ATLAS_PAGE || 'index.html';
const file = join(staging, page);

// 00: the boot scripts and wasm-bindgen's module minified (release).
const BOOT_SCRIPT = /^(fallback|snapshot)-[0-9a-f]+\.js$/;
const GLUE = /^impact-atlas(-embed)?-[0-9a-f]+\.js$/;
const minified = new Map(); // file name -> its new integrity
// terser's options for every file minified here (each adds its language
// level). A new object each time: terser writes into the one it is given.
const terser = (more) => ({ compress: { passes: 2 }, mangle: true, format: { comments: false }, ...more });
if (release) {
  const { minify } = await import('terser');
  for (const name of readdirSync(staging).filter((n) => BOOT_SCRIPT.test(n) || GLUE.test(n))) {
    const path = join(staging, name);
    // The glue is an ES module (its exports keep their names; the wasm's
    // imports are property names, which terser leaves alone).
    const options = GLUE.test(name) ? terser({ module: true, ecma: 2020 }) : terser({ ecma: 5 });
    const out = await minify(readFileSync(path, 'utf8'), options);
    writeFileSync(path, out.code);
    minified.set(name, `sha384-${createHash('sha384').update(out.code).digest('base64')}`);
  }
}

// 0: the widgets' page, built once per dashboard build.
if (page === 'index.html' && process.env.IMPACT_ATLAS_WIDGET_BUILD !== '0') buildWidgetPage();

/** `trunk build embed.html` into a temporary folder, then its files into this build's. */
function buildWidgetPage() {
  const started = Date.now();
  const out = mkdtempSync(join(tmpdir(), 'impact-atlas-embed-'));
  try {
    const args = ['build', 'embed.html', '--html-output', 'embed.html', '--dist', out, '--public-url', base];
    if (release) args.push('--release');
    const run = spawnSync('trunk', args, {
      stdio: 'inherit',
      env: { ...process.env, IMPACT_ATLAS_PAGE: 'embed.html' },
    });
    if (run.status !== 0) {
      console.error(`trunk-csp: the widgets' page (trunk ${args.join(' ')}) failed: ${run.error?.message ?? `exit ${run.status}`}`);
      process.exit(1);
    }
    for (const name of readdirSync(out)) {
      const from = join(out, name);
      const to = join(staging, name);
      if (!statSync(from).isFile()) continue;
      if (existsSync(to)) {
        // Shared files (stylesheets, boot script) are the same hashed file.
        if (!readFileSync(from).equals(readFileSync(to))) {
          console.error(`trunk-csp: embed.html's ${name} differs from the dashboard's file of that name`);
          process.exit(1);
        }
        continue;
      }
      renameSync(from, to);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  console.log(`trunk-csp: widgets' page embed.html built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

let html = readFileSync(file, 'utf8');
const problems = [];

// 00 (continued): the minified scripts' tags (and the glue's modulepreload)
// carry their new integrity.
html = html.replace(/<(?:script|link)\b[^>]*>/gi, (tag) => {
  const src = /\s(?:src|href)="[^"]*?([^"/]+)"/.exec(tag);
  const sri = src && minified.get(src[1]);
  return sri ? tag.replace(/\sintegrity="[^"]*"/, ` integrity="${sri}"`) : tag;
});

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
  // 1b: the wasm compiled early (see above).
  const init = /const wasm = await init\(\{ module_or_path: ('[^'\\]+') \}\)/;
  if (/\binit\(/.test(body) && !init.test(body)) {
    problems.push(`a loader whose init(…) call this hook does not know: ${body.trim().slice(0, 120)}…`);
    return whole;
  }
  const code = body.trim().replace(init, (_, url) => `await window.impactAtlasHold;\nconst wasm = await init({ module_or_path: (await window.impactAtlasWasm) || ${url} })`) + '\n';
  const name = `loader-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  writeFileSync(join(staging, name), code);
  return `<script type="module" src="${base}${name}" integrity="${sri}" crossorigin="anonymous"></script>`;
});
if (/<style\b/i.test(html)) problems.push('an inline <style> element');
if (/<[a-z][^>]*\sstyle\s*=/i.test(html)) problems.push('an inline style="…" attribute');
if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) problems.push('an inline event handler (on…=)');
if (problems.length) {
  console.error(`trunk-csp: ${page} would break the Content-Security-Policy:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}

// 2c: the interface's texts, a file per language (tools/texts.mjs; issue 14:
// the wasm fetches its language's, src/i18n/texts.rs), named in
// <meta name="impact-texts"> after the data's. The widgets' build writes the
// same files (byte-equal: step 0 checks).
{
  const { writeTexts } = await import('./texts.mjs');
  const names = writeTexts(staging);
  const data = /<meta name="impact-data"[^>]*>/;
  if (!data.test(html)) {
    console.error(`trunk-csp: ${page} has no <meta name="impact-data"> to put the texts' names after`);
    process.exit(1);
  }
  html = html.replace(data, (tag) => `${tag}\n    <meta name="impact-texts" content="${names.join(' ')}" />`);
}

// 3: SRI-checked resources are fetched in CORS mode.
html = html.replace(/<(script|link)\b([^>]*\sintegrity\s*=[^>]*)>/gi, (whole, tag, attrs) =>
  /\scrossorigin\b/i.test(attrs) ? whole : `<${tag}${attrs.replace(/\s*\/$/, '')} crossorigin="anonymous">`,
);

// 3b: the network's order (issue 14; measured with tools/waterfall.mjs on
// the bench's slow 4G, HTTP/1.1, 6 connections, 562.5 ms round trip).
// The CSP <meta> of step 4 turns Chromium's preload scanner off, so a file
// is requested only when the parser reaches its tag, and a parser-blocking
// script holds back every tag after it until it has run. Hence:
//   - one stylesheet: the page's CSS files joined, in order, into one
//     content-hashed file (the originals leave the build; embed.html, built
//     with the same files, gets the same file): one request instead of seven
//     (seven plus the scripts took two rounds of the six connections);
//     minified in release builds (Lightning CSS);
//   - the wasm and its glue preloaded right after it, before the boot script
//     (index.html puts the boot script after the stylesheets): they download
//     from the start, while the stylesheet loads;
//   - the snapshot script (boot/snapshot.js) is not in the page: a cold visit
//     has no saved screen and must not wait for it. Its address and integrity
//     go onto the boot script (data-snapshot, data-snapshot-integrity), which
//     writes the tag in (document.write: still parser-blocking, before the
//     body) only when a snapshot is saved.
{
  const rel = (href) => (href.startsWith(base) ? href.slice(base.length) : href.replace(/^\//, ''));
  const cssLinks = [...html.matchAll(/<link rel="stylesheet" href="([^"]+\.css)"[^>]*>/gi)];
  let joined = '';
  if (cssLinks.length) {
    let text = cssLinks.map((m) => readFileSync(join(staging, rel(m[1])), 'utf8').trimEnd()).join('\n') + '\n';
    // Release builds minify it (Lightning CSS: comments and indentation were a
    // third of its compressed bytes; no syntax is lowered without targets).
    // The same input gives the same bytes, so the widgets' build names it alike.
    if (release) {
      const { transform } = await import('lightningcss');
      const out = transform({ filename: 'style.css', code: Buffer.from(text), minify: true });
      for (const w of out.warnings) console.error(`trunk-csp: css: ${w.message} (${w.loc.line}:${w.loc.column})`);
      text = out.code.toString() + '\n';
    }
    const name = `style-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.css`;
    writeFileSync(join(staging, name), text);
    for (const m of cssLinks) if (rel(m[1]) !== name) rmSync(join(staging, rel(m[1])), { force: true });
    const sri = `sha384-${createHash('sha384').update(text).digest('base64')}`;
    joined = `<link rel="stylesheet" href="${base}${name}" integrity="${sri}" crossorigin="anonymous">`;
  }
  const preloads = [];
  html = html.replace(/<link rel="(?:modulepreload|preload)"[^>]*>/gi, (link) => {
    if (!/\.wasm"|\.js"/.test(link)) return link;
    preloads.push(link);
    return '';
  });
  let first = true;
  html = html.replace(/[ \t]*<link rel="stylesheet" href="[^"]+\.css"[^>]*>\n?/gi, (whole) => {
    if (!first) return '';
    first = false;
    return `    ${joined}\n    ${preloads.join('\n    ')}\n`;
  });
  if (first && preloads.length) html = html.replace(/<\/head>/i, `  ${preloads.join('\n    ')}\n  </head>`);
  const snapshot = /[ \t]*<script src="([^"]*snapshot-[0-9a-f]+\.js)" integrity="([^"]+)"[^>]*><\/script>\n?/i;
  const found = snapshot.exec(html);
  if (found) {
    html = html.replace(snapshot, '');
    const boot = /<script src="[^"]*fallback-[0-9a-f]+\.js"/i;
    if (!boot.test(html)) {
      console.error(`trunk-csp: ${page} has a snapshot script but no boot script to carry its address`);
      process.exit(1);
    }
    html = html.replace(boot, (tag) => `${tag} data-snapshot="${found[1]}" data-snapshot-integrity="${found[2]}"`);
  }
}

// 4: the policy itself.
if (release) {
  html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP_META}">`;
  if (!/<meta charset[^>]*>/i.test(html)) {
    console.error(`trunk-csp: ${page} has no <meta charset> to put the policy after`);
    process.exit(1);
  }
  html = html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${meta}`);
}
// 4c (release): the page's comments and indentation go (written for the
// developers who read index.html and embed.html: about 0.8 KB and 0.5 KB of
// each visit's compressed page). The pages have no inline script, <pre> or
// <textarea>, so no text changes but whitespace, which collapses anyway.
if (release) {
  if (/<(pre|textarea)\b/i.test(html)) {
    console.error(`trunk-csp: ${page} has a <pre> or <textarea>: its indentation cannot be dropped`);
    process.exit(1);
  }
  html = html.replace(/<!--[\s\S]*?-->/g, '').replace(/\n[ \t]*(?=\n|\S)/g, '\n').replace(/\n{2,}/g, '\n');
}
writeFileSync(file, html);

// 4b: the cold visit's first screen, made from this build (tools/seed.mjs):
// release builds of index.html only (`make serve`'s debug build has none);
// IMPACT_ATLAS_SEED=0 skips it. Its files are not in the worker's list (5):
// a visit with a saved data copy never shows a seed (its own snapshot does).
if (release && page === 'index.html' && process.env.IMPACT_ATLAS_SEED !== '0') {
  const started = Date.now();
  const { makeSeeds } = await import('./seed.mjs');
  const spec = await makeSeeds(staging, base, html);
  if (spec) {
    const boot = /<script src="[^"]*fallback-[0-9a-f]+\.js"/i;
    if (!boot.test(html)) {
      console.error(`trunk-csp: ${page} has no boot script to carry the seed`);
      process.exit(1);
    }
    html = html.replace(boot, (tag) => `${tag} data-seed="${spec}"`);
    writeFileSync(file, html);
  }
  console.log(`trunk-csp: seed made in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// 5: the service worker's shell.
const swFile = join(staging, 'sw.js');
if (existsSync(swFile)) {
  const shell = readdirSync(staging)
    .filter((name) => name !== 'sw.js' && name !== 'embed.js' && !/^seed-/.test(name) && statSync(join(staging, name)).isFile())
    .sort();
  const hash = createHash('sha256');
  for (const name of shell) hash.update(name).update('\0').update(readFileSync(join(staging, name)));
  const version = hash.digest('hex').slice(0, 16);
  const shells = Object.fromEntries(
    ['index.html', 'embed.html'].filter((p) => shell.includes(p)).map((p) => [p, filesOf(p, shell)]),
  );
  let sw = readFileSync(swFile, 'utf8');
  const before = sw;
  sw = sw
    .replace(/^const VERSION = .*;$/m, `const VERSION = '${version}';`)
    .replace(/^const SHELL = .*;$/m, `const SHELL = ${JSON.stringify(shell)};`)
    .replace(/^const SHELLS = .*;$/m, `const SHELLS = ${JSON.stringify(shells)};`);
  if (sw === before || !sw.includes(version) || !sw.includes(`const SHELLS = ${JSON.stringify(shells)};`)) {
    console.error('trunk-csp: sw.js has no `const VERSION = …;` / `const SHELL = …;` / `const SHELLS = …;` line to fill');
    process.exit(1);
  }
  if (release) sw = await minifyWorker(sw);
  writeFileSync(swFile, sw);
}

/**
 * 5b (release): the worker minified like the boot scripts, but for its
 * directive and the three lines this step fills, kept first and verbatim (one
 * statement per line: deploy tools and tests read them). The rest refers to
 * them as script-level names, which terser leaves alone outside `toplevel`.
 */
async function minifyWorker(sw) {
  const head = /^'use strict';\n(?:[\s\S]*?\n)?(const VERSION = .*;\nconst SHELL = .*;\nconst SHELLS = .*;\n)/m.exec(sw);
  const start = sw.indexOf("'use strict';");
  if (!head || start < 0 || /^\s*[^/\s]/m.test(sw.slice(0, start))) {
    console.error("trunk-csp: sw.js does not start with 'use strict'; then the VERSION, SHELL and SHELLS lines");
    process.exit(1);
  }
  // Minified as strict code (the directive kept in its input), which the
  // output then starts with once more.
  const rest = sw.slice(0, start) + sw.slice(start).replace(head[1], '');
  const { minify } = await import('terser');
  const out = await minify(rest, terser({ ecma: 2020 }));
  const body = out.code.replace(/^(["'])use strict\1;/, '');
  if (body === out.code) {
    console.error("trunk-csp: the minified sw.js lost its 'use strict'");
    process.exit(1);
  }
  return `'use strict';\n${head[1]}${body}\n`;
}

/**
 * The files of `shell` one page needs: itself, the files its text names, and
 * the files those scripts name (the loader names the wasm-bindgen glue and
 * the wasm), so that the worker caches a widget's files without the
 * dashboard's wasm, and the other way round.
 */
function filesOf(pageName, shell) {
  const found = new Set([pageName]);
  const todo = [pageName];
  while (todo.length) {
    // Comments name files too (embed.html's names index.html): not counted.
    const text = readFileSync(join(staging, todo.pop()), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    for (const name of shell) {
      // Another page is not part of this one (the boot script names index.html).
      if (found.has(name) || name.endsWith('.html') || !text.includes(name)) continue;
      found.add(name);
      if (name.endsWith('.js')) todo.push(name);
    }
  }
  return [...found].sort();
}
console.log(`trunk-csp: ${release ? 'policy written, ' : ''}no inline script left in ${file}`);
