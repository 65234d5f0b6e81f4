// The Content-Security-Policy of the release build, in one place. Used by the
// Trunk post-build hook (tools/trunk-csp.mjs, which writes the <meta> form into
// dist/index.html), by the test server (tests/e2e/serve.mjs, which sends the
// header form on every response) and checked against docs/deploy.md by the
// e2e suite (tests/e2e/csp.spec.mjs).
//
// No 'unsafe-inline', no 'unsafe-eval': the only script exception is
// 'wasm-unsafe-eval', which lets WebAssembly compile (nothing else).

/** Directives that work in a <meta http-equiv="Content-Security-Policy">. */
export const CSP_META = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // data: for images only: the snapshot's chart pictures (boot/snapshot.js, docs/deploy.md).
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  // 'self': the <base href> Trunk writes for a sub-path (docs/embedding.md).
  "base-uri 'self'",
  "form-action 'none'",
  // 'self': the service worker (public/sw.js, offline after the first visit).
  "worker-src 'self'",
  "manifest-src 'self'",
].join('; ');

/**
 * The header form: the same policy plus what only a header can carry.
 * `frame-ancestors 'self'` lets the site frame itself; a host that lets the
 * university embed the widgets adds its origins (see docs/deploy.md).
 */
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'self'`;

/**
 * The header form for the widgets (`/embed/…`, docs/embedding.md): any site
 * may frame them (public data, nothing to click-jack); a host may narrow it
 * to the university's origins.
 */
export const CSP_HEADER_EMBED = `${CSP_META}; frame-ancestors *`;

/** The other security headers a host must send (docs/deploy.md lists them too). */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
