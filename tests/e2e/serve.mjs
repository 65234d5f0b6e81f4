// A tiny static file server for the release build (dist/), with no dependencies.
//
//   node tests/e2e/serve.mjs [--dir dist] [--port 4173] [--host 127.0.0.1] [--faults] [--base /atlas/]
//
// - --base: the site under a sub-path, as a build with `trunk build
//   --public-url /atlas/` is deployed (docs/deploy.md): dist/ answers under
//   /atlas/ only, anything else is 404 (issue 14, H32).
// - SPA fallback: a path without a file extension that matches no file gets
//   dist/index.html, so deep links such as /about?lang=ar load directly; a
//   widget's (/embed/…) gets dist/embed.html, the widgets' smaller page
//   (shellFor below, docs/deploy.md), or index.html in a build without it.
// - Correct MIME types, application/wasm included (needed for streaming compile).
// - ETag + If-None-Match (304) on every file; Cache-Control as docs/deploy.md
//   asks (cacheControl below): Trunk's content-hashed files are immutable for
//   a year, everything else (index.html, the SPA fallback, data, sw.js) is
//   no-cache, so the browser revalidates it, as a real host would.
// - The security headers of tools/csp.mjs on every response, the strict
//   Content-Security-Policy among them (docs/deploy.md), so that the whole e2e
//   suite runs under it.
// - CORS on every response (Access-Control-Allow-Origin: *, the validators
//   exposed, a preflight answered), so that the app also runs with an opaque
//   origin: inside <iframe sandbox="allow-scripts"> the loader, the wasm and
//   the data are CORS requests (tests/e2e/sandbox.spec.mjs, docs/deploy.md).
// Also used by tools/screenshot.mjs and tools/bench.mjs through startServer().
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP_HEADER_EMBED, SECURITY_HEADERS } from '../../tools/csp.mjs';

/** CORS headers: everything here is public, read-only and sent without credentials. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Retry-After',
};
const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
  'Access-Control-Max-Age': '86400',
};

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.topojson': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** Trunk's content-hashed file names: `<name>-<16 hex>` then `.js`, `_bg.wasm`, `.css` (or `.json`: the seeds, tools/seed.mjs). */
export const HASHED = /-[0-9a-f]{10,16}(?:_bg\.wasm|\.js|\.css|\.json|\.txt)$/;

/** The Cache-Control of a file of the build (docs/deploy.md, "Caching"). */
export function cacheControl(path) {
  return HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The page a path without a file answers with: the widgets' for /embed/…, else the site's. */
export function shellFor(urlPath) {
  return /^\/embed(\/|$)/.test(urlPath) ? '/embed.html' : '/index.html';
}

async function fileAt(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root + sep)) return null; // no escaping dist/
  try {
    const st = await stat(full);
    if (st.isDirectory()) return fileAt(root, join(rel, 'index.html'));
    return st.isFile() ? { path: full, st } : null;
  } catch {
    return null;
  }
}

// Test-only answers that Playwright's routing cannot give (it only fulfils
// whole bodies): served under /__faults/ when started with --faults (the e2e
// config does; tests/e2e/faults.spec.mjs sends the data request there with
// route.continue({ url })). `good` is the bundled dataset.
const FAULTS = {
  // Headers at once, half the document, then nothing until the client gives up.
  stall: (res, good) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write(good.subarray(0, good.length >> 1));
  },
  // The whole document, in 8 pieces over ~2.4 s (no Content-Length).
  slow: (res, good) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const step = Math.ceil(good.length / 8);
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      res.write(good.subarray(i, i + step));
      i += step;
      if (i >= good.length) {
        clearInterval(timer);
        res.end();
      }
    }, 300);
  },
  // Over the limit with no Content-Length: 64 KiB pieces without end, until the client stops.
  'oversize-chunked': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    res.write('{"padding": "');
    let sent = 0;
    const pump = () => {
      while (!res.destroyed && sent < 64 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      if (!res.destroyed) res.end('"}');
    };
    pump();
  },
  // A Content-Length over the limit, then no body at all: only a client that
  // refuses on the header answers before its timeout.
  'oversize-declared': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(9 * 1024 * 1024) });
    res.flushHeaders();
  },
};

/** Starts the server; resolves to { server, url, close() } once it listens. */
export function startServer({ dir = 'dist', port = 0, host = '127.0.0.1', log = false, faults = false, base = '/' } = {}) {
  const root = resolve(dir);
  const prefix = base.replace(/\/+$/, '');
  const server = createServer(async (req, res) => {
    const started = Date.now();
    const url = new URL(req.url, 'http://localhost');
    if (prefix) {
      if (!url.pathname.startsWith(prefix + '/')) {
        for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not under the base\n');
        if (log) console.log(`${req.method} ${req.url} -> 404 (outside ${base})`);
        return;
      }
      url.pathname = url.pathname.slice(prefix.length);
    }
    const fault = faults && url.pathname.startsWith('/__faults/') && FAULTS[url.pathname.slice('/__faults/'.length)];
    if (fault) {
      for (const [k, v] of Object.entries({ ...SECURITY_HEADERS, ...CORS_HEADERS })) res.setHeader(k, v);
      res.setHeader('Cache-Control', 'no-store');
      const good = await readFile(join(root, 'data/impact.json'));
      return fault(res, good);
    }
    let hit = await fileAt(root, url.pathname);
    let fallback = false;
    if (!hit && extname(url.pathname) === '') {
      hit = (await fileAt(root, shellFor(url.pathname))) ?? (await fileAt(root, '/index.html'));
      fallback = true;
    }
    const done = (status) => {
      if (log) console.log(`${req.method} ${req.url} -> ${status}${fallback ? ' (spa)' : ''} ${Date.now() - started}ms`);
    };
    for (const [k, v] of Object.entries({ ...SECURITY_HEADERS, ...CORS_HEADERS })) res.setHeader(k, v);
    // Widgets may be framed by other sites (docs/embedding.md).
    if (url.pathname.startsWith('/embed/')) res.setHeader('Content-Security-Policy', CSP_HEADER_EMBED);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, PREFLIGHT_HEADERS).end();
      return done(204);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD, OPTIONS' }).end();
      return done(405);
    }
    if (!hit) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return done(404);
    }
    const body = await readFile(hit.path);
    const etag = '"' + createHash('sha1').update(body).digest('base64url').slice(0, 20) + '"';
    const headers = {
      'Content-Type': MIME[extname(hit.path).toLowerCase()] ?? 'application/octet-stream',
      ETag: etag,
      'Last-Modified': hit.st.mtime.toUTCString(),
      'Cache-Control': fallback ? 'no-cache' : cacheControl(hit.path),
    };
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag)) {
      res.writeHead(304, { ETag: etag, 'Cache-Control': headers['Cache-Control'] }).end();
      return done(304);
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    done(200);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolvePromise({
        server,
        url: `http://${host}:${addr.port}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = arg('dir', process.env.DIST_DIR ?? 'dist');
  const port = Number(arg('port', process.env.PORT ?? 4173));
  const host = arg('host', '127.0.0.1');
  const faults = process.argv.includes('--faults');
  const base = arg('base', '/');
  const { url } = await startServer({ dir, port, host, log: !!process.env.SERVE_LOG, faults, base });
  console.log(`serving ${resolve(dir)} at ${url}${base} (SPA fallback on)`);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
}
