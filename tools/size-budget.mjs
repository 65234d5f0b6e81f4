// The size budget of the release build (make test's `size` layer): the
// bytes a visitor downloads for the first view, brotli-compressed as a
// server would send them, per file kind. Sizes are deterministic, so this is
// a test, not a benchmark: it fails naming the file that grew past its budget.
//
//   node tools/size-budget.mjs [dist]      (budgets: tools/size-budget.json)
//
// A rule with `page` counts only the files that page names (or a script it
// loads names: the loader names the wasm), since the site's page (index.html)
// and the widgets' (embed.html) have loaders of the same name pattern.
// `first_view` rules add up to the dashboard's first view, `widget_view` ones
// to a widget's (embed.html and the widget binary, issue 14). The rules with
// `first_view_largest` are alternatives: the first view adds the largest
// file of all those rules, once (the seeds, of which a cold visit of the
// dashboard fetches one: tools/seed.mjs; so the first view printed is the
// worst case). A rule with `one_per_visit` counts its largest file in the
// views it is part of (the texts: a visit fetches its language's).
//
// The budgets hold today's sizes with a little room; the target of the
// "Size and speed" issue (150 KB for the whole first view) is printed beside
// them so the distance stays in sight.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const budget = JSON.parse(await readFile(new URL('./size-budget.json', import.meta.url), 'utf8'));
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;

const files = [];
for (const f of await readdir(dist)) files.push(f);
files.push(...(await readdir(join(dist, 'data'))).map((f) => `data/${f}`));

/** The files `page` names, directly or through the scripts it names (not the worker's list of both pages' files). */
async function namedBy(page) {
  const found = new Set([page]);
  const todo = [page];
  while (todo.length) {
    // HTML comments name files too (embed.html's names index.html): not counted.
    const text = (await readFile(join(dist, todo.pop()), 'utf8').catch(() => '')).replace(/<!--[\s\S]*?-->/g, '');
    for (const f of files) {
      // Not the worker (it lists both pages' files) nor another page (the boot script names index.html).
      if (found.has(f) || f === 'sw.js' || f.endsWith('.html') || !text.includes(f)) continue;
      found.add(f);
      if (f.endsWith('.js')) todo.push(f);
    }
  }
  return found;
}

let failed = 0;
let firstView = 0;
let widgetView = 0;
let largestAlternative = 0;
console.log(`size budget (brotli q11) of ${dist}/`);
for (const rule of budget.files) {
  const re = new RegExp(rule.pattern);
  const named = rule.page ? await namedBy(rule.page) : null;
  const matched = files.filter((f) => re.test(f) && (!named || named.has(f)));
  if (matched.length === 0) {
    console.log(`  FAIL ${rule.name}: no file matches /${rule.pattern}/${rule.page ? ` among ${rule.page}'s` : ''}`);
    failed++;
    continue;
  }
  let total = 0;
  let largest = 0;
  const parts = [];
  for (const f of matched) {
    const size = brotli(await readFile(join(dist, f)));
    total += size;
    largest = Math.max(largest, size);
    parts.push(`${f} ${kb(size)}`);
  }
  // A visit fetches one file of a `one_per_visit` rule (the texts of its language).
  const counted = rule.one_per_visit ? largest : total;
  if (rule.first_view) firstView += counted;
  // Rules of alternatives (the seeds: a cold visit fetches one of them):
  // their largest file counts in the first view, once, below.
  if (rule.first_view_largest) largestAlternative = Math.max(largestAlternative, largest);
  if (rule.widget_view) widgetView += counted;
  const ok = total <= rule.max_bytes;
  if (!ok) failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${rule.name.padEnd(22)} ${kb(total).padStart(10)} of ${kb(rule.max_bytes).padStart(10)}  (${parts.join(', ')})`);
  if (!ok) console.log(`       ${rule.name} grew past its budget by ${kb(total - rule.max_bytes)}: ${parts.join(', ')}`);
}
firstView += largestAlternative;
console.log(`  first view in all: ${kb(firstView)} (target of the size issue: ${kb(budget.first_view_target_bytes)})`);
if (widgetView) console.log(`  a widget's first view (embed.html): ${kb(widgetView)}`);
console.log(failed ? `size: ${failed} over budget` : 'size: all within budget');
process.exit(failed ? 1 : 0);
