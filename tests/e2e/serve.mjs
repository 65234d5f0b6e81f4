// A tiny static file server for the release build (dist/), with no dependencies.
//
//   node tests/e2e/serve.mjs [--dir dist] [--port 4173] [--host 127.0.0.1]
//
// - SPA fallback: a path without a file extension that matches no file gets
//   dist/index.html, so deep links such as /about?lang=ar load directly.
// - Correct MIME types, application/wasm included (needed for streaming compile).
// - ETag + If-None-Match (304) on every file; /data/*.json is sent with
//   Cache-Control: no-cache so the browser revalidates it, as a real host would.
// Also used by tools/screenshot.mjs and tools/bench.mjs through startServer().
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
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

/** Starts the server; resolves to { server, url, close() } once it listens. */
export function startServer({ dir = 'dist', port = 0, host = '127.0.0.1', log = false } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const started = Date.now();
    const url = new URL(req.url, 'http://localhost');
    let hit = await fileAt(root, url.pathname);
    let fallback = false;
    if (!hit && extname(url.pathname) === '') {
      hit = await fileAt(root, '/index.html');
      fallback = true;
    }
    const done = (status) => {
      if (log) console.log(`${req.method} ${req.url} -> ${status}${fallback ? ' (spa)' : ''} ${Date.now() - started}ms`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
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
      'Cache-Control': url.pathname.startsWith('/data/') || fallback || hit.path.endsWith('.html')
        ? 'no-cache'
        : 'public, max-age=0, must-revalidate',
      'X-Content-Type-Options': 'nosniff',
      // Widgets in a sandboxed iframe (opaque origin) load the app's module
      // script, wasm and data as CORS requests (docs/embedding.md).
      'Access-Control-Allow-Origin': '*',
    };
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag)) {
      res.writeHead(304, { ETag: etag, 'Cache-Control': headers['Cache-Control'], 'Access-Control-Allow-Origin': '*' }).end();
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
  const { url } = await startServer({ dir, port, host, log: !!process.env.SERVE_LOG });
  console.log(`serving ${resolve(dir)} at ${url}/ (SPA fallback on)`);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
}
