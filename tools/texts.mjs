// The interface's texts, one file per language (issue 14): the app's wasm no
// longer carries the texts of all three languages (23 KB of its brotli
// bytes); it fetches those of the language it shows (src/i18n/texts.rs).
//
// Read from locales/*.json exactly as build.rs reads them:
//   - messages in the order of their keys `<file>.<key>` (build.rs's BTreeMap:
//     byte order; the keys are ASCII);
//   - a message's text is its string, or the `other` form of its plural forms;
//     a language without a text has English's (build.rs warns, a unit test fails);
//   - then, for each message with plural forms (in the same order), its six
//     forms zero, one, two, few, many, other (a missing form is `other`; a
//     language without plural forms repeats its text).
// The file starts with a header that src/i18n/texts.rs checks against the
// build: `impact-atlas-texts 1 <lang> <messages> <plural messages> <hash>`,
// the hash being FNV-1a (32 bits) of the keys joined by "\n", then "\n#\n",
// then the plural messages' keys joined by "\n" (build.rs `fnv1a`). The texts
// are separated by U+001E.
//
//   import { writeTexts } from './texts.mjs';
//   writeTexts(dir)  -> ['texts-ar-<hash>.txt', 'texts-fr-…', 'texts-en-…']
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const LANGS = ['ar', 'fr', 'en']; // build.rs LANGUAGES, in order; English last (the fallback)
const FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];
const SEPARATOR = '\u001e';

function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The messages of locales/, in build.rs's order: [{ id, texts: {lang: text}, forms: {lang: [6]} | null }]. */
export function catalogue(dir = join(ROOT, 'locales')) {
  const entries = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const stem = file.slice(0, -'.json'.length);
    for (const [key, langs] of Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8')))) {
      const texts = {};
      const forms = {};
      for (const l of LANGS) {
        const v = langs[l];
        if (typeof v === 'string') texts[l] = v;
        else if (v && typeof v === 'object') {
          texts[l] = v.other;
          forms[l] = FORMS.map((f) => v[f] ?? v.other);
        }
      }
      const last = LANGS[LANGS.length - 1];
      for (const l of LANGS) {
        if (!texts[l]) {
          texts[l] = texts[last];
          forms[l] = forms[last];
        }
      }
      const plural = LANGS.some((l) => forms[l]);
      entries.push({ id: `${stem}.${key}`, texts, forms: plural ? Object.fromEntries(LANGS.map((l) => [l, forms[l] ?? FORMS.map(() => texts[l])])) : null });
    }
  }
  // Byte order of the ASCII keys (as Rust's String); `<` on strings is UTF-16 order, the same for ASCII.
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return entries;
}

/** The text of the texts file of `lang`. */
export function textsFile(entries, lang) {
  const plural = entries.filter((e) => e.forms);
  const keys = `${entries.map((e) => e.id).join('\n')}\n#\n${plural.map((e) => e.id).join('\n')}`;
  const hash = fnv1a(keys).toString(16).padStart(8, '0');
  const texts = [...entries.map((e) => e.texts[lang]), ...plural.flatMap((e) => e.forms[lang])];
  for (const t of texts) {
    if (typeof t !== 'string' || t.includes(SEPARATOR)) throw new Error(`texts: a ${lang} text is missing or holds U+001E`);
  }
  return [`impact-atlas-texts 1 ${lang} ${entries.length} ${plural.length} ${hash}`, ...texts].join(SEPARATOR);
}

/** Writes texts-<lang>-<hash>.txt for each language into `dir`; their names, in LANGS order. */
export function writeTexts(dir) {
  const entries = catalogue();
  return LANGS.map((lang) => {
    const text = textsFile(entries, lang);
    const name = `texts-${lang}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.txt`;
    writeFileSync(join(dir, name), text);
    return name;
  });
}
