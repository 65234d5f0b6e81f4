// Text of a PDF written by Chromium (Skia/PDF), page by page, without any
// PDF package: inflates the FlateDecode streams, reads each font's ToUnicode
// CMap and decodes the text-showing operators (Tj, TJ, ', ") of each page's
// content stream and of the form XObjects it draws. Enough for tests that
// look for texts; not a general PDF reader (no encryption, no object
// streams, which Skia does not write).
import { inflateSync } from 'node:zlib';

function objects(buf) {
  const s = buf.toString('latin1');
  const out = new Map();
  const re = /(\d+) 0 obj\b/g;
  let m;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    if (end < 0) break;
    const body = s.slice(start, end);
    const k = body.indexOf('stream');
    let dict = body;
    let stream = null;
    if (k >= 0 && /\/Length/.test(body.slice(0, k))) {
      dict = body.slice(0, k);
      let from = start + k + 'stream'.length;
      if (s[from] === '\r') from += 1;
      if (s[from] === '\n') from += 1;
      const len = Number((dict.match(/\/Length (\d+)/) ?? [])[1]);
      let raw = buf.subarray(from, from + len);
      if (/\/FlateDecode/.test(dict)) {
        try { raw = inflateSync(raw); } catch { raw = null; }
      }
      stream = raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

/** Code (as a hex string of the code's bytes) -> text, and the code length. */
function cmap(text) {
  const map = new Map();
  const lens = new Set();
  const hexText = (h) => {
    let t = '';
    for (let i = 0; i + 4 <= h.length; i += 4) t += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return t;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(m[1].toUpperCase(), hexText(m[2]));
      lens.add(m[1].length / 2);
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      const width = m[1].length;
      lens.add(width / 2);
      const dsts = m[3].startsWith('[') ? [...m[3].matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => x[1]) : null;
      for (let c = lo; c <= hi; c++) {
        const key = c.toString(16).toUpperCase().padStart(width, '0');
        if (dsts) map.set(key, hexText(dsts[c - lo] ?? ''));
        else {
          const base = m[3].slice(1, -1);
          const last = parseInt(base.slice(-4), 16) + (c - lo);
          map.set(key, hexText(base.slice(0, -4) + last.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  const cs = text.match(/begincodespacerange\s*<([0-9A-Fa-f]+)>/);
  const bytes = cs ? cs[1].length / 2 : Math.max(1, ...lens);
  return { map, bytes };
}

function refs(dict, key) {
  const m = dict.match(new RegExp(`/${key}\\s*<<([^>]*)>>`));
  const out = new Map();
  if (m) for (const r of m[1].matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) out.set(r[1], Number(r[2]));
  return out;
}

/** The bytes of a PDF string token: `<hex>` or `(literal)`. */
function stringBytes(tok) {
  if (tok.startsWith('<')) {
    const h = tok.slice(1, -1).replace(/\s+/g, '');
    const b = [];
    for (let i = 0; i < h.length; i += 2) b.push(parseInt(h.slice(i, i + 2).padEnd(2, '0'), 16));
    return b;
  }
  const b = [];
  const s = tok.slice(1, -1);
  for (let i = 0; i < s.length; i++) {
    let c = s[i];
    if (c === '\\') {
      i++;
      const e = s[i];
      const esc = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (e in esc) b.push(esc[e]);
      else if (/[0-7]/.test(e)) {
        let o = e;
        while (o.length < 3 && /[0-7]/.test(s[i + 1])) o += s[++i];
        b.push(parseInt(o, 8));
      }
    } else b.push(c.charCodeAt(0));
  }
  return b;
}

/** Each page's texts: one string per text object (BT … ET), in drawing order. */
export function pdfPages(buf) {
  const objs = objects(buf);
  const fonts = new Map();
  const fontOf = (num) => {
    if (!fonts.has(num)) {
      const o = objs.get(num);
      const tu = o?.dict.match(/\/ToUnicode (\d+) 0 R/);
      const cm = tu && objs.get(Number(tu[1]))?.stream;
      fonts.set(num, cm ? cmap(cm.toString('latin1')) : { map: new Map(), bytes: 2 });
    }
    return fonts.get(num);
  };
  const decode = (font, bytes) => {
    let t = '';
    const n = font.bytes;
    for (let i = 0; i + n <= bytes.length; i += n) {
      const key = bytes.slice(i, i + n).map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join('');
      t += font.map.get(key) ?? '';
    }
    return t;
  };
  const run = (num, dict, texts, depth = 0) => {
    const o = objs.get(num);
    if (!o?.stream || depth > 8) return;
    const fontRefs = refs(dict, 'Font');
    const xRefs = refs(dict, 'XObject');
    const src = o.stream.toString('latin1');
    const tokens = src.match(/<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|\/[^\s/\[\]()<>]+|[^\s\[\]()<>/]+/g) ?? [];
    let font = null;
    let cur = null;
    const stack = [];
    for (const tok of tokens) {
      if (tok === 'BT') cur = '';
      else if (tok === 'ET') {
        if (cur) texts.push(cur);
        cur = null;
      } else if (tok === 'Tf') {
        const name = stack[stack.length - 2]?.slice(1);
        const ref = fontRefs.get(name);
        font = ref ? fontOf(ref) : null;
        stack.length = 0;
      } else if (tok === 'Tj' || tok === "'" || tok === '"' || tok === 'TJ') {
        const strs = stack.filter((x) => x.startsWith('<') || x.startsWith('('));
        if (font && cur !== null) for (const x of strs) cur += decode(font, stringBytes(x));
        stack.length = 0;
      } else if (tok === 'Do') {
        const name = stack[stack.length - 1]?.slice(1);
        const ref = xRefs.get(name);
        const x = ref && objs.get(ref);
        if (x && /\/Subtype \/Form/.test(x.dict)) run(ref, x.dict, texts, depth + 1);
        stack.length = 0;
      } else if (/^[A-Za-z'"*]+$/.test(tok) && !tok.startsWith('/')) {
        stack.length = 0;
      } else stack.push(tok);
    }
  };
  const catalog = [...objs.values()].find((o) => /\/Type \/Catalog\b/.test(o.dict));
  const rootNum = Number(catalog?.dict.match(/\/Pages (\d+) 0 R/)?.[1]);
  const dictOf = (n) => objs.get(n)?.dict ?? '';
  const leaves = [];
  const walk = (n, inherited, depth = 0) => {
    const dict = dictOf(n);
    if (depth > 32) return;
    const res = dict.match(/\/Resources (\d+) 0 R/);
    const resources = res ? dictOf(Number(res[1])) : /\/Resources\s*<</.test(dict) ? dict : inherited;
    if (/\/Type \/Pages\b/.test(dict)) {
      const kids = [...(dict.match(/\/Kids \[([^\]]*)\]/)?.[1] ?? '').matchAll(/(\d+) 0 R/g)];
      for (const k of kids) walk(Number(k[1]), resources, depth + 1);
    } else leaves.push({ dict, resources });
  };
  walk(rootNum, '');
  return leaves.map(({ dict, resources }) => {
    const texts = [];
    const contents = dict.match(/\/Contents (?:(\d+) 0 R|\[([^\]]*)\])/);
    const nums = contents?.[1] ? [Number(contents[1])] : [...(contents?.[2] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    for (const n of nums) run(n, resources, texts);
    return texts;
  });
}

/**
 * A page's texts in reading order of their letters: Chromium writes a
 * right-to-left run in visual order (and Arabic in presentation forms), so
 * each text object with Arabic letters is read backwards, character by
 * character (a ligature such as lam-alef stays one unit), after NFKC. Words
 * come out right; the order of words in a right-to-left line does not, so
 * tests look for words there (`words`), phrases elsewhere.
 */
export function logical(texts) {
  return texts.map((t) => {
    const units = [...t].map((c) => c.normalize('NFKC'));
    return /\p{Script=Arabic}/u.test(t) ? units.reverse().join('') : units.join('');
  });
}

/** The words of a text: letters and digits, lower-cased, NFKC, without Arabic diacritics. */
export function words(text) {
  return (text.normalize('NFKC').replace(/[\u064B-\u0652\u0670]/g, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}
