// The page's boot script (a classic script in <head>, without `defer`, so that
// it runs before the body is parsed and before anything paints, under the
// strict Content-Security-Policy, and even where modules or WebAssembly are
// missing). It
//  - sets <html lang/dir> at once, the way the app will (?lang=, then the saved
//    choice, then the browser's languages, French by default: the same order
//    as src/i18n/negotiate.rs), so that the static frame (#boot-frame) and the
//    fallback paint in that language, and <html data-boot-page> (dashboard,
//    page or embed) so that style/boot.css shows the frame that fits the route;
//  - on the dashboard, writes in the snapshot script (boot/snapshot.js, its
//    address on this tag: tools/trunk-csp.mjs) if a snapshot is saved, still
//    before the body; else loads it once the app has drawn, to save one;
//  - starts the data request when no copy is saved yet (a first visit), with
//    <link rel=preload as=fetch crossorigin> for <meta name="impact-data">,
//    which the app's own fetch then reuses (a repeat visit shows the saved copy
//    and sends a conditional request instead: no preload, no double request);
//  - registers the service worker (public/sw.js) once the app has drawn
//    (<html data-app-drawn>), at the latest WORKER_DELAY_MS after load, where
//    the platform allows one (not in a sandboxed iframe: no error);
//  - builds a first Intl.NumberFormat while the wasm downloads (80-350 ms at
//    4x CPU, once per page: issue 14);
//  - starts compiling the preloaded wasm while the page is parsed (the loader
//    instantiates it: docs/deploy.md, First paint); on a seeded visit, the
//    loader waits (window.impactAtlasHold, at most SEED_HOLD_MS) until the
//    seed has painted or was refused: the app's first tasks held it back;
//  - removes the frame when the app mounts;
//  - reveals the translated fallback of index.html (#boot-fallback) if the app
//    has not mounted after BOOT_TIMEOUT_MS, or at once when a script, a
//    stylesheet or the wasm fails to load (or an error is thrown) before it
//    mounted (it runs after the stylesheets: a failed one is empty);
//    hides it again if the app mounts after all.
// The app marks itself mounted with <html data-app-mounted> (src/main.rs), and
// its panic hook reveals the fallback itself (crate::web::reveal_boot_fallback).
(function () {
  'use strict';
  var BOOT_TIMEOUT_MS = 15000;
  var SEED_HOLD_MS = 1500;
  var WORKER_DELAY_MS = 5000;
  var LANG_KEY = 'impact-atlas:lang';
  var root = document.documentElement;

  function tag(value) {
    var primary = String(value || '').trim().split(/[-_]/)[0].toLowerCase();
    return primary === 'ar' || primary === 'fr' || primary === 'en' ? primary : null;
  }

  function pickLanguage() {
    var m = /[?&]lang=([^&#]*)/.exec(location.search);
    var fromQuery = m && tag(decodeURIComponent(m[1].replace(/\+/g, ' ')));
    if (fromQuery) return fromQuery;
    try {
      var stored = tag(window.localStorage.getItem(LANG_KEY));
      if (stored) return stored;
    } catch (e) {
      /* storage refused (sandbox, private mode) */
    }
    var langs = navigator.languages || [navigator.language];
    for (var i = 0; i < langs.length; i++) {
      if (tag(langs[i])) return tag(langs[i]);
    }
    return 'fr';
  }

  function mounted() {
    return root.hasAttribute('data-app-mounted');
  }

  /** Shows the fallback (once); `reason` is kept in <html data-boot-failed>. */
  function reveal(reason) {
    var fallback = document.getElementById('boot-fallback');
    dropReads();
    if (!fallback || root.hasAttribute('data-boot-failed')) return;
    root.setAttribute('data-boot-failed', reason);
    fallback.hidden = false;
  }

  /** The route's kind, the app's sub-path (<base href>) removed. */
  function pageKind() {
    var base = '/';
    try {
      base = new URL(document.baseURI).pathname;
    } catch (e) {
      /* no URL support: the root */
    }
    var path = location.pathname;
    if (path.indexOf(base) === 0) path = path.slice(base.length - 1);
    if (/^\/embed(\/|$)/.test(path)) return 'embed';
    return path === '/' || path === '' || path === '/index.html' ? 'dashboard' : 'page';
  }

  // Same key as src/data/cache.rs (`cache::key()`).
  var DATA_KEY = 'impact-atlas:data:v2';
  // Same key as boot/snapshot.js.
  var SNAP_KEY = 'impact-atlas:snapshot:v1';

  var snapshotLater = null; // [src, integrity] on a cold visit

  // A large saved copy's body, kept apart in the Cache API (src/data/cache.rs,
  // issue 14), for the app: get(name) gives its bytes (Uint8Array) or null;
  // put(name, bytes) stores a copy of them as that cache's body: 0, or 1
  // where there is no Cache API (insecure origin, sandbox), or 2 if refused
  // (storage full: nothing kept); prune(keep) deletes the other bodies but
  // one another tab may be saving now (below); prune(keep, true) only those
  // older than that, this page's too.
  var APART = '/impact-atlas/saved-data.json';
  var SAVED_HEADER = 'x-impact-atlas-saved';
  var FRESH_MS = 60000;
  // The early reads (below), by cache name, until the app claims them. One
  // the app has not claimed CLAIM_MS after it mounted, or when the boot has
  // failed, is let go (up to 8 MB of memory): a later get() reads the cache.
  var CLAIM_MS = 10000;
  var reads = {};
  function dropReads() {
    reads = {};
  }
  // The bodies this page has used (read at boot or put): pruned whatever
  // their age. Another tab's body younger than FRESH_MS is left alone: that
  // tab may have stored it and not yet written the entry naming it (the
  // next save's prune takes it if it stays unused).
  var mine = {};
  function apartCaches() {
    try {
      return window.caches || null;
    } catch (e) {
      return null; /* a sandboxed frame */
    }
  }
  /** The stored response of the cache `name` (undefined if none). */
  function stored(c, name) {
    return c.open(name).then(function (cache) {
      return cache.match(APART);
    });
  }
  window.impactAtlasApart = {
    get: function (name) {
      var read = reads[name];
      delete reads[name];
      if (read) return read;
      var c = apartCaches();
      if (!c) return Promise.resolve(null);
      return stored(c, name)
        .then(function (r) {
          return r ? r.arrayBuffer() : null;
        })
        .then(
          function (b) {
            return b && new Uint8Array(b);
          },
          function () {
            return null;
          },
        );
    },
    put: function (name, bytes) {
      var c = apartCaches();
      if (!c) return Promise.resolve(1);
      // A copy now: `bytes` is a view of the wasm's memory.
      var headers = { 'content-type': 'application/json' };
      headers[SAVED_HEADER] = String(Date.now());
      var body = new Response(bytes, { headers: headers });
      mine[name] = true;
      return c
        .open(name)
        .then(function (cache) {
          return cache.put(APART, body);
        })
        .then(
          function () {
            return 0;
          },
          function () {
            // Refused: the cache opened for it goes too, unless it holds a
            // body already (the same bytes, saved before).
            var no = function () {
              return 2;
            };
            return stored(c, name)
              .then(function (hit) {
                return hit || c.delete(name);
              })
              .then(no, no);
          },
        );
    },
    prune: function (keep, byAge) {
      var c = apartCaches();
      var now = Date.now();
      return c
        ? c
            .keys()
            .then(function (names) {
              return Promise.all(
                names.map(function (n) {
                  if (n.indexOf('impact-atlas-data-') !== 0 || n === keep) return null;
                  if (mine[n] && !byAge) return c.delete(n);
                  return stored(c, n).then(function (r) {
                      var at = r ? Number(r.headers.get(SAVED_HEADER)) : 0;
                      return at > 0 && now - at < FRESH_MS ? null : c.delete(n);
                    });
                }),
              );
            })
            .catch(function () {})
        : Promise.resolve();
    },
  };

  // Asked once: getItem reads the whole copy. A large copy's body is read at
  // once, while the wasm loads.
  var savedData = null;
  try {
    var saved = window.localStorage.getItem(DATA_KEY);
    savedData = saved !== null;
    var apart = saved && saved.length < 2000 && /"apart":"(impact-atlas-data-[0-9a-f]{16})"/.exec(saved);
    if (apart) {
      mine[apart[1]] = true;
      reads[apart[1]] = window.impactAtlasApart.get(apart[1]);
      // A body no entry names any more (two tabs saved at once, one lost)
      // goes once the page has loaded; by age only, so that a body this page
      // or another tab is saving now stays.
      window.addEventListener('load', function () {
        window.impactAtlasApart.prune(apart[1], true);
      });
    }
  } catch (e) {
    /* no storage */
  }

  function writeSnapshotScript(me) {
    var src = me && me.getAttribute('data-snapshot');
    var sri = me && me.getAttribute('data-snapshot-integrity');
    if (!src || root.getAttribute('data-boot-page') !== 'dashboard') return;
    if (!/^[A-Za-z0-9/._-]+\.js$/.test(src) || (sri && !/^sha(256|384|512)-[A-Za-z0-9+/=]+$/.test(sri))) return;
    var saved;
    try {
      saved = window.localStorage.getItem(SNAP_KEY) !== null;
    } catch (e) {
      return; /* no storage (sandboxed iframe): no snapshot either */
    }
    if (saved) document.write('<script src="' + src + '"' + (sri ? ' integrity="' + sri + '" crossorigin="anonymous"' : '') + '></' + 'script>');
    else snapshotLater = [src, sri];
  }

  function loadSnapshotScript(now) {
    if (!snapshotLater) return;
    var script = document.createElement('script');
    if (now) script.async = true;
    script.src = snapshotLater[0];
    if (snapshotLater[1]) {
      script.integrity = snapshotLater[1];
      script.crossOrigin = 'anonymous';
    }
    snapshotLater = null;
    document.head.appendChild(script);
  }

  // The cold visit's seed (tools/seed.mjs): the first screen made at build
  // time, shown by boot/snapshot.js only if the data the app is about to draw
  // is byte-identical to the build's (SHA-256). The data is then fetched
  // here instead of preloaded, and that response is handed to the app's own
  // request for it (one download), a copy of it hashed meanwhile.
  // window.impactAtlasSeed: a promise of the seed's tree, or of null.
  function seedPlan(me) {
    var spec = me && me.getAttribute('data-seed');
    if (!spec || root.getAttribute('data-boot-page') !== 'dashboard') return null;
    // The default view only (?lang= changes the language, not the view).
    if (!/^(\?lang=(ar|fr|en))?$/.test(location.search)) return null;
    if (!window.fetch || !window.Promise || !window.crypto || !window.crypto.subtle) return null;
    try {
      var store = window.localStorage;
      if (savedData !== false || store.getItem(SNAP_KEY) !== null) return null;
    } catch (e) {
      return null; /* no storage: no snapshot either */
    }
    var parts = spec.split(' ');
    // The width class, and the colour scheme the charts' pictures were drawn in.
    var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    var cls = (window.innerWidth < 640 ? 'phone' : 'wide') + (dark ? '-dark' : '');
    for (var i = 1; i < parts.length; i++) {
      var f = parts[i].split('|');
      if (f[0] === root.lang && f[1] === cls && /^seed-[a-z]+-[a-z]+(-dark)?-[0-9a-f]+\.json$/.test(f[2]) && /^sha384-[A-Za-z0-9+/=]+$/.test(f[3]))
        return { sha256: parts[0], file: f[2], integrity: f[3] };
    }
    return null;
  }

  // The preload's request (reused, not sent twice); null: the loader fetches it.
  // Not with a saved data copy: V8's code cache is then likely warm, and
  // reading it is main-thread work that held the snapshot's paint back.
  function startWasm() {
    var link = document.querySelector('link[rel="preload"][href$=".wasm"]');
    if (!link || !window.WebAssembly || typeof WebAssembly.compileStreaming !== 'function' || !window.fetch) return;
    if (savedData) return;
    window.impactAtlasWasm = WebAssembly.compileStreaming(window.fetch(link.href, { credentials: 'same-origin' })).then(
      function (module) {
        root.setAttribute('data-wasm-early', '');
        return module;
      },
      function () {
        return null;
      },
    );
  }

  function startSeed(plan) {
    var meta = document.querySelector('meta[name="impact-data"]');
    var url = meta && meta.getAttribute('content');
    if (!url) return false;
    var base = document.baseURI;
    var wanted = new URL(url, base).href;
    var own = window.fetch;
    // The app's request aborts this one (its timeout: docs/faults.md).
    var ctrl = window.AbortController ? new AbortController() : null;
    var data = own.call(window, wanted, ctrl ? { credentials: 'same-origin', signal: ctrl.signal } : { credentials: 'same-origin' });
    var handed = false;
    window.fetch = function (input, init) {
      try {
        var req = typeof Request !== 'undefined' && input instanceof Request ? input : null;
        var href = req ? req.url : new URL(String(input), base).href;
        var method = String((init && init.method) || (req && req.method) || 'GET').toUpperCase();
        var headers = new Headers((init && init.headers) || (req && req.headers) || undefined);
        if (!handed && href === wanted && method === 'GET' && !headers.has('If-None-Match') && !headers.has('If-Modified-Since')) {
          handed = true;
          window.fetch = own;
          var signal = (init && init.signal) || (req && req.signal);
          if (signal && ctrl) {
            if (signal.aborted) ctrl.abort();
            else
              signal.addEventListener('abort', function () {
                ctrl.abort();
              });
          }
          return data.catch(function () {
            return own.call(window, input, init);
          });
        }
      } catch (e) {
        /* not the data request */
      }
      return own.apply(window, arguments);
    };
    var sum = data
      .then(function (r) {
        return r.ok ? r.clone().arrayBuffer() : null;
      })
      .then(function (bytes) {
        return bytes && window.crypto.subtle.digest('SHA-256', bytes);
      })
      .then(function (digest) {
        if (!digest) return '';
        var hex = '';
        var b = new Uint8Array(digest);
        for (var i = 0; i < b.length; i++) hex += (b[i] < 16 ? '0' : '') + b[i].toString(16);
        return hex;
      });
    var seed = own
      .call(window, new URL(plan.file, base).href, { integrity: plan.integrity, credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.json() : null;
      });
    window.impactAtlasSeed = Promise.all([sum, seed]).then(
      function (both) {
        var s = both[1];
        var ok = both[0] === plan.sha256 && s && s.v === 1 && s.sha256 === plan.sha256 && s.lang === root.lang && Array.isArray(s.t);
        return ok ? s.t : null;
      },
      function () {
        return null;
      },
    );
    window.impactAtlasHold = new Promise(function (done) {
      setTimeout(done, SEED_HOLD_MS);
      window.impactAtlasSeed.then(function (t) {
        if (!t) return done();
        new MutationObserver(function (r, o) {
          o.disconnect();
          requestAnimationFrame(function () {
            setTimeout(done);
          });
        }).observe(root, { attributes: true, attributeFilter: ['data-snapshot'] });
      });
    });
    return true;
  }

  function preloadData() {
    if (savedData) return;
    var meta = document.querySelector('meta[name="impact-data"]');
    var link = preload(meta && meta.getAttribute('content'));
    if (link) link.setAttribute('data-impact-data', '');
  }

  var prefetched = {};

  // The texts file of `lang` among those `<meta name="impact-texts">` names
  // (tools/texts.mjs), or null.
  function textsFileOf(lang) {
    var meta = document.querySelector('meta[name="impact-texts"]');
    var files = ((meta && meta.getAttribute('content')) || '').split(' ');
    for (var i = 0; i < files.length; i++) {
      if (files[i].indexOf('texts-' + lang + '-') === 0) return files[i];
    }
    return null;
  }

  // The texts of the page's language, which the app waits for before it
  // mounts (src/i18n/texts.rs): requested with the wasm.
  function preloadTexts() {
    prefetched[root.lang] = true;
    preload(textsFileOf(root.lang));
  }

  // Another language's texts, fetched as soon as its link in the language
  // switcher is pointed at, touched or focused: the switch then finds them in
  // the HTTP cache (a prefetch: no warning when it goes unused).
  function prefetchTexts(e) {
    var a = e.target && e.target.closest && e.target.closest('.lang-switcher a[hreflang]');
    var lang = a && a.getAttribute('hreflang');
    if (!lang || prefetched[lang]) return;
    prefetched[lang] = true;
    var file = textsFileOf(lang);
    if (!file) return;
    var link = document.createElement('link');
    link.rel = 'prefetch';
    link.href = file;
    document.head.appendChild(link);
  }

  function preload(url) {
    if (!url) return null;
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    // The app's fetch is a CORS request with same-origin credentials: the
    // preload must be made the same way to be reused.
    link.crossOrigin = 'anonymous';
    link.href = url;
    document.head.appendChild(link);
    return link;
  }

  var registered = false;
  function registerWorker() {
    if (registered) return;
    registered = true;
    try {
      if (!('serviceWorker' in navigator)) return;
      // Throws in an opaque origin (<iframe sandbox> without allow-same-origin).
      var container = navigator.serviceWorker;
      var base = document.baseURI;
      container.register(new URL('sw.js', base).href, { scope: new URL('./', base).href }).catch(function () {
        /* refused (private mode, storage off): the site works online */
      });
    } catch (e) {
      /* no service worker here */
    }
  }

  try {
    var lang = pickLanguage();
    root.setAttribute('lang', lang);
    root.setAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    root.setAttribute('data-boot-page', pageKind());
    // A view filtered by area or region has a longer summary: the loading
    // page reserves more lines for it (style/main.css, "Shift").
    if (/[?&](area|region)=[^&#]/.test(location.search)) root.setAttribute('data-boot-filter', 'place');
  } catch (e) {
    /* keep the page's own lang */
  }
  try {
    writeSnapshotScript(document.currentScript);
  } catch (e) {
    /* the frame shows */
  }
  try {
    startWasm();
  } catch (e) {
    /* the loader fetches the wasm itself */
  }
  try {
    preloadTexts();
    ['pointerover', 'touchstart', 'focusin'].forEach(function (type) {
      document.addEventListener(type, prefetchTexts, { passive: true });
    });
  } catch (e) {
    /* the app fetches them itself */
  }
  var seeding = false;
  try {
    var plan = seedPlan(document.currentScript);
    seeding = !!plan && startSeed(plan);
    if (seeding) loadSnapshotScript(true);
  } catch (e) {
    /* no seed: the frame shows */
  }
  try {
    if (!seeding) preloadData();
  } catch (e) {
    /* the app fetches the data itself */
  }
  try {
    requestAnimationFrame(function () {
      setTimeout(function () {
        try {
          new Intl.NumberFormat(root.lang + '-u-nu-latn').format(0);
        } catch (e) {
          /* no Intl */
        }
      });
    });
  } catch (e) {
    /* no requestAnimationFrame */
  }
  window.addEventListener('load', function () {
    setTimeout(registerWorker, WORKER_DELAY_MS);
    if (root.hasAttribute('data-app-drawn')) registerWorker();
  });
  new MutationObserver(function () {
    loadSnapshotScript();
    if (document.readyState === 'complete') registerWorker();
  }).observe(root, { attributes: true, attributeFilter: ['data-app-drawn'] });

  var timer = setTimeout(function () {
    if (!mounted()) reveal('timeout');
  }, BOOT_TIMEOUT_MS);

  // A script, stylesheet or preload that fails to load (capture: these events
  // do not bubble), or an error thrown while the app boots.
  window.addEventListener(
    'error',
    function (event) {
      if (mounted()) return;
      var el = event.target;
      var name = el && el.tagName;
      // The data preload: the app reports data failures itself (docs/faults.md).
      if (name === 'LINK' && el.hasAttribute('data-impact-data')) return;
      if (name === 'SCRIPT' || (name === 'LINK' && /preload|stylesheet/.test(el.rel))) reveal('load');
      else if (el === window || !name) reveal('error');
    },
    true,
  );
  window.addEventListener('unhandledrejection', function () {
    if (!mounted()) reveal('error');
  });
  // A stylesheet that failed before the listener above (Chromium gives a
  // failed one an empty sheet; ours are never empty): revealed once the
  // body (and the fallback in it) is parsed.
  var sheets = document.querySelectorAll('link[rel="stylesheet"]');
  for (var i = 0; i < sheets.length; i++) {
    try {
      if (!sheets[i].sheet || !sheets[i].sheet.cssRules.length) {
        document.addEventListener('DOMContentLoaded', function () {
          if (!mounted()) reveal('load');
        });
        break;
      }
    } catch (e) {
      /* rules not readable (no CORS): loaded */
    }
  }

  // Once the app mounts: no timeout any more, and a fallback revealed before
  // (a slow boot, a failed preload or stylesheet the app could do without) is
  // hidden again. A panic is final: the panic hook reveals the fallback after
  // this observer is gone, or the app never mounts.
  new MutationObserver(function (records, observer) {
    if (!mounted()) return;
    clearTimeout(timer);
    setTimeout(dropReads, CLAIM_MS);
    observer.disconnect();
    var frame = document.getElementById('boot-frame');
    if (frame) frame.parentNode.removeChild(frame);
    var reason = root.getAttribute('data-boot-failed');
    if (reason && reason !== 'panic') {
      root.removeAttribute('data-boot-failed');
      document.getElementById('boot-fallback').hidden = true;
    }
  }).observe(root, { attributes: true, attributeFilter: ['data-app-mounted'] });
})();
