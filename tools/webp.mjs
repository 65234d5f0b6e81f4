// Lossless WebP of a picture's pixels, with libwebp's own encoder (issue 14).
//
// The seeds (tools/seed.mjs) carry the first screen's chart pictures. Chromium's
// canvas encoder (`toDataURL('image/webp', 1)`) writes them lossless but with
// its fastest settings and an sRGB ICC profile; libwebp's encoder at its usual
// lossless settings writes the same pixels in about half the bytes
// (docs/size.md, "Fifteenth pass"). The encoder is `@jsquash/webp` (libwebp
// compiled to wasm, pinned in package.json), run here in Node: nothing is
// downloaded at build time.
//
// `losslessWebp(rgba, width, height)` resolves to the file's bytes, or to null
// when the file would not decode to exactly the same pixels (checked on every
// call, with the same library's decoder): the caller then keeps its own.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = dirname(createRequire(import.meta.url).resolve('@jsquash/webp/package.json'));
const at = (path) => pathToFileURL(join(root, path)).href;

// libwebp's lossless settings: `quality` is the effort (75, libwebp's default;
// 100 took ten times as long for about 1 % fewer bytes, measured on the seeds'
// pictures), `exact: 0` as no pixel here is transparent (checked below anyway).
const OPTIONS = { lossless: 1, method: 4, quality: 75, exact: 0 };

let ready = null;
function codecs() {
  ready ??= (async () => {
    const { simd } = await import('wasm-feature-detect');
    const encode = await import(at('encode.js'));
    const decode = await import(at('decode.js'));
    // Each init is given its compiled module: Node has no fetch() of a file: URL.
    const encWasm = (await simd()) ? 'codec/enc/webp_enc_simd.wasm' : 'codec/enc/webp_enc.wasm';
    await encode.init(await WebAssembly.compile(readFileSync(join(root, encWasm))));
    await decode.init(await WebAssembly.compile(readFileSync(join(root, 'codec/dec/webp_dec.wasm'))));
    return { encode: encode.default, decode: decode.default };
  })();
  return ready;
}

/** The lossless WebP of `rgba` (RGBA bytes, row by row), or null when it would not give back exactly these pixels. */
export async function losslessWebp(rgba, width, height) {
  if (rgba.length !== width * height * 4) throw new Error(`webp: ${rgba.length} bytes for ${width}×${height} pixels`);
  const { encode, decode } = await codecs();
  const data = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length);
  const file = new Uint8Array(await encode({ data, width, height }, OPTIONS));
  const back = await decode(file.buffer.slice(file.byteOffset, file.byteOffset + file.length));
  if (back.width !== width || back.height !== height || back.data.length !== data.length) return null;
  for (let i = 0; i < data.length; i++) if (back.data[i] !== data[i]) return null;
  return file;
}

/**
 * The smallest of the given `data:` URLs of one picture and the lossless WebP of
 * its pixels `px` ({ width, height, rgba: base64 of the RGBA bytes, read in
 * the page with `getImageData`), as a `data:` URL; `label` names the
 * picture when libwebp's file is not used because it changed a pixel.
 */
export async function smallestPicture(urls, px, label) {
  const file = await losslessWebp(Buffer.from(px.rgba, 'base64'), px.width, px.height);
  if (!file) console.log(`webp: libwebp did not give back the pixels of ${label}: kept the browser's picture`);
  const ours = file && `data:image/webp;base64,${Buffer.from(file).toString('base64')}`;
  return [ours, ...urls].filter((u) => typeof u === 'string' && u.startsWith('data:image/')).sort((a, b) => a.length - b.length)[0];
}

