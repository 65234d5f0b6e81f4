// The repeat visit's snapshot (issue 14), a classic script of index.html only
// (not the widgets' embed.html), written into the <head> by boot/fallback.js
// (which has set <html lang>) right after itself, and only when a snapshot is
// saved (tools/trunk-csp.mjs gives the boot script its address), without
// `defer`: it runs before the body is parsed, so that the snapshot paints in
// the first frame or not at all. A cold visit loads it only once the app has
// drawn, to save the screen.
//
// After the app has drawn the dashboard (map and first chart, the page idle,
// nobody interacting), its first screen, from the header down to the first
// chart, is saved in localStorage as a tree of elements (JSON: a text is a
// string, an element [tag, {attributes}, ...children]) with each <canvas> as
// an <img> of its pixels (a data: PNG; docs/deploy.md, img-src). On the next
// visit it is put in the place of #boot-frame before the first paint, if its
// key matches exactly: the build (the wasm's hashed name), the route and
// query, the language, the viewport width and pixel ratio, the colour scheme,
// being online, and the saved dataset copy (its length, end and HTTP
// validators). It is
// inert and hidden from screen readers; the app's own screen replaces it once
// the app has drawn (or SNAP_KEEP_MS after it mounted). One snapshot only.
//
// The stored tree is treated as hostile (any script of the origin, or an
// extension, can write localStorage): it is never given to an HTML parser
// (even a <template>'s parse reports the inline handlers and styles of a
// hostile text as CSP violations); the elements are made one by one with
// createElement(NS), and only allow-listed elements and attributes are made
// (tests/boot_snapshot.rs, tests/e2e/snapshot.spec.mjs).
(function () {
  'use strict';
  var root = document.documentElement;
  // Same key as src/data/cache.rs (`cache::key()`) and boot/fallback.js.
  var DATA_KEY = 'impact-atlas:data:v2';

  /** Whether this is the dashboard (boot/fallback.js sets <html data-boot-page>). */
  function onDashboard() {
    return root.getAttribute('data-boot-page') === 'dashboard';
  }

  var SNAP_KEY = 'impact-atlas:snapshot:v1';
  var SNAP_MAX = 262144; // characters of JSON; a larger screen is not saved
  var SNAP_KEEP_MS = 6000; // after the app mounted, at most
  var SNAP_DEPTH = 48;
  // Not saved again within this time under the same key (H30).
  var SNAP_FRESH_MS = 3600000;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  function set(words) {
    var o = Object.create(null);
    words.split(' ').forEach(function (w) {
      o[w] = 1;
    });
    return o;
  }
  var SNAP_TAGS = set(
    'div span p a h1 h2 h3 h4 h5 h6 header main nav footer section article aside figure figcaption ' +
      'ul ol li dl dt dd strong em b i small bdi bdo abbr time br hr sup sub table thead tbody tfoot tr th td caption ' +
      'button label select option img svg g path rect circle ellipse line polyline polygon text tspan title desc',
  );
  var SNAP_ATTRS = set(
    'class lang dir hidden href src alt width height aria-current aria-pressed aria-expanded disabled type ' +
      'datetime colspan rowspan scope d viewbox fill stroke stroke-width stroke-linejoin stroke-linecap ' +
      'stroke-dasharray fill-opacity stroke-opacity opacity fill-rule transform x y x1 y1 x2 y2 cx cy r rx ry ' +
      'points preserveaspectratio text-anchor dominant-baseline font-size font-weight vector-effect paint-order ' +
      'data-snapshot-chart data-snapshot-map data-snapshot-testid',
  );
  // PNG (the app's canvases), or lossless WebP (a build's seed: tools/seed.mjs).
  var SNAP_IMG = /^data:image\/(png|webp);base64,[A-Za-z0-9+/=]+$/;

  /** A link target that is relative, or http(s). */
  function safeHref(v) {
    var m = /^([a-z][a-z0-9+.-]*):/i.exec(String(v).replace(/[\u0000-\u0020\u007f]/g, ''));
    return !m || /^https?$/i.test(m[1]);
  }

  /** Whether an element of the snapshot may have this attribute (`name` in lower case). */
  function keepAttr(tag, html, chart, name, v) {
    return (
      SNAP_ATTRS[name] === 1 &&
      (name !== 'href' || (html && tag === 'a' && safeHref(v))) &&
      (name !== 'src' || (html && tag === 'img' && chart && SNAP_IMG.test(v))) &&
      (name !== 'data-snapshot-testid' || /^[a-z0-9-]+$/.test(v))
    );
  }

  /** Whether an element of the snapshot may be made (<title> only inside SVG: an HTML one could be the document's). */
  function keepTag(tag, svg) {
    return SNAP_TAGS[tag] === 1 && (tag !== 'title' || svg);
  }

  /** Makes the DOM of a stored (hostile) tree: only what the allow-lists let through. */
  function build(n, svg, depth) {
    if (typeof n === 'string') return document.createTextNode(n);
    if (!Array.isArray(n) || typeof n[0] !== 'string' || depth > SNAP_DEPTH) return null;
    var tag = n[0];
    var inSvg = svg || tag === 'svg';
    if (!keepTag(tag, inSvg)) return null;
    var el = inSvg ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
    var a = n[1] && typeof n[1] === 'object' ? n[1] : {};
    var chart = Object.prototype.hasOwnProperty.call(a, 'data-snapshot-chart');
    for (var name in a) {
      if (!Object.prototype.hasOwnProperty.call(a, name)) continue;
      var v = String(a[name]);
      if (keepAttr(tag, !inSvg, chart, name.toLowerCase(), v)) el.setAttribute(name, v);
    }
    for (var i = 2; i < n.length; i++) {
      var k = build(n[i], inSvg, depth + 1);
      if (k) el.appendChild(k);
    }
    return el;
  }

  /** The saved dataset copy's identity (src/data/cache.rs writes it, `saved_at` last). */
  function dataIdentity() {
    var s = null;
    try {
      s = window.localStorage.getItem(DATA_KEY);
    } catch (e) {
      /* no storage (a sandboxed frame: reading it throws): no snapshot */
    }
    if (!s) return null;
    return s.length + ':' + s.slice(-240).replace(/"saved_at":[^,}]*/, '');
  }

  /** Everything that decides what the first screen shows (null: not known yet). */
  function snapshotKey() {
    var wasm = document.querySelector('link[rel="preload"][href$=".wasm"]');
    var data = dataIdentity();
    if (!wasm || !data) return null;
    var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    return JSON.stringify([
      1,
      wasm.getAttribute('href'),
      location.pathname + location.search,
      root.getAttribute('lang'),
      window.innerWidth,
      window.devicePixelRatio,
      dark ? 'dark' : 'light',
      navigator.onLine !== false, // offline, the app shows a notice
      data,
    ]);
  }

  /** The saved snapshot as a detached element, if its key matches. */
  function snapshotFor(key) {
    var raw = window.localStorage.getItem(SNAP_KEY);
    if (!raw || !key || raw.length > SNAP_MAX) return null;
    var saved = JSON.parse(raw);
    if (!saved || saved.k !== key || !Array.isArray(saved.t)) return null;
    return wrapTree(saved.t);
  }

  /** A stored tree (`t`) made into the inert, hidden wrapper #boot-snapshot. */
  function wrapTree(t) {
    var wrap = document.createElement('div');
    wrap.id = 'boot-snapshot';
    wrap.className = 'boot-snapshot';
    wrap.setAttribute('inert', '');
    wrap.setAttribute('aria-hidden', 'true');
    wrap.setAttribute('aria-busy', 'true');
    for (var i = 0; i < t.length; i++) {
      var k = build(t[i], false, 0);
      if (k) wrap.appendChild(k);
    }
    return wrap;
  }

  function placeSnapshot() {
    try {
      var snap = snapshotFor(key);
      if (!snap) return;
      document.body.insertBefore(snap, document.body.firstChild);
      root.setAttribute('data-snapshot', '');
    } catch (e) {
      /* no storage, a broken entry: the frame shows */
    }
  }

  /** Whether the app has drawn its map and a chart (what the snapshot stands for). */
  function appDrawn() {
    return !!(document.querySelector('[data-region], [data-country]') && document.querySelector('figure[data-draws]:not([data-draws="0"])'));
  }

  function removeSnapshot() {
    var snap = document.getElementById('boot-snapshot');
    if (snap) snap.parentNode.removeChild(snap);
    root.removeAttribute('data-snapshot');
  }

  /**
   * A cold visit's seed (boot/fallback.js: window.impactAtlasSeed, the tree
   * tools/seed.mjs made at build time, given only when the data the app is
   * about to draw hashes to the build's): placed like a snapshot, unless the
   * app has drawn already. Built through the same allow-lists.
   */
  function placeSeed(t, waited) {
    if (!Array.isArray(t) || !onDashboard() || appDrawn() || document.getElementById('boot-snapshot')) return;
    if (!document.body) return document.addEventListener('DOMContentLoaded', placeSeed.bind(null, t, waited));
    // The frame paints first (the first contentful paint is not held back by the seed's layout).
    var paints = window.performance && performance.getEntriesByType ? performance.getEntriesByType('paint') : [];
    var painted = paints.some(function (e) {
      return e.name === 'first-contentful-paint';
    });
    if (!painted && !waited)
      return requestAnimationFrame(function () {
        setTimeout(placeSeed.bind(null, t, true), 0);
      });
    var wrap = wrapTree(t);
    wrap.setAttribute('data-seed', '');
    document.body.insertBefore(wrap, document.body.firstChild);
    root.setAttribute('data-snapshot', '');
    if (root.hasAttribute('data-app-mounted')) handOver();
  }

  /** Once mounted: the app's screen replaces the snapshot when it has drawn. */
  function handOver() {
    var until = Date.now() + SNAP_KEEP_MS;
    var path = location.pathname;
    (function check() {
      if (!document.getElementById('boot-snapshot')) return;
      if (appDrawn() || location.pathname !== path || Date.now() > until) removeSnapshot();
      else requestAnimationFrame(check);
    })();
  }

  var lastInput = 0;
  ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'].forEach(function (type) {
    window.addEventListener(
      type,
      function () {
        lastInput = Date.now();
      },
      { capture: true, passive: true },
    );
  });

  function whenIdle(fn) {
    if (window.requestIdleCallback) window.requestIdleCallback(fn, { timeout: 3000 });
    else setTimeout(fn, 500);
  }

  /**
   * The app's first screen as a tree (see above), from the live page, down to
   * the first chart: what is not rendered or starts below `cut` is left out,
   * and only allow-listed elements and attributes are kept; each <canvas>
   * becomes an <img> whose attributes are pushed on `canvases` with it.
   */
  function screenTree(cut, canvases) {
    function copy(live, svg, depth) {
      if (live.nodeType === 3) return live.data;
      if (live.nodeType !== 1 || /^boot-/.test(live.id) || depth > SNAP_DEPTH) return null;
      var tag = live.localName;
      var inSvg = svg || tag === 'svg';
      if (!inSvg) {
        if (!live.getClientRects().length) return null; // not rendered
        var r = live.getBoundingClientRect();
        if (r.top + window.scrollY > cut) return null; // below the first chart
        if (tag === 'canvas') {
          var img = { class: live.getAttribute('class') || '', alt: '', width: Math.round(r.width), height: Math.round(r.height), 'data-snapshot-chart': '' };
          canvases.push([live, img]);
          return ['img', img];
        }
      }
      if (!keepTag(tag, inSvg)) return null;
      var attrs = {};
      for (var i = 0; i < live.attributes.length; i++) {
        var at = live.attributes[i];
        if (keepAttr(tag, !inSvg, false, at.name.toLowerCase(), at.value)) attrs[at.name] = at.value;
      }
      if (tag === 'svg' && live.closest('.map-frame')) attrs['data-snapshot-map'] = '';
      // The page's CSS places some elements by their test id (style/main.css, Snapshot).
      var testid = live.getAttribute('data-testid');
      if (testid) attrs['data-snapshot-testid'] = testid;
      // A select shows its chosen option only.
      if (tag === 'select') return [tag, attrs, ['option', {}, live.selectedIndex >= 0 ? live.options[live.selectedIndex].text : '']];
      var node = [tag, attrs];
      for (var c = live.firstChild; c; c = c.nextSibling) {
        var k = copy(c, inSvg, depth + 1);
        if (k !== null) node.push(k);
      }
      return node;
    }
    var out = [];
    for (var n = document.body.firstChild; n; n = n.nextSibling) {
      var k = copy(n, false, 0);
      if (k !== null && typeof k !== 'string') out.push(k);
    }
    return out;
  }

  /** Whether the saved snapshot has this key and is under SNAP_FRESH_MS old. */
  function savedFresh(key) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(SNAP_KEY) || 'null');
      var age = Date.now() - saved.a;
      return saved.k === key && age >= 0 && age < SNAP_FRESH_MS;
    } catch (e) {
      return false;
    }
  }

  /** Saves the snapshot of the dashboard as drawn now (async: the canvases' PNGs). */
  function saveSnapshot() {
    var key = snapshotKey();
    if (savedFresh(key)) return;
    var figure = document.querySelector('figure[data-draws]:not([data-draws="0"])');
    if (!key || !figure || !window.HTMLCanvasElement || !HTMLCanvasElement.prototype.toBlob) return;
    var cut = figure.getBoundingClientRect().bottom + window.scrollY;
    var canvases = [];
    var tree = screenTree(cut, canvases);
    var started = Date.now();
    var left = canvases.length + 1;
    function one() {
      if (--left) return;
      // Nothing changed meanwhile: the same key, nobody interacting.
      if (snapshotKey() !== key || lastInput > started) return;
      var text = JSON.stringify({ k: key, t: tree, a: Date.now() });
      if (text.length > SNAP_MAX) return;
      try {
        window.localStorage.setItem(SNAP_KEY, text);
      } catch (e) {
        /* storage full or refused: no snapshot */
      }
    }
    canvases.forEach(function (pair) {
      pair[0].toBlob(function (blob) {
        if (!blob) return;
        var reader = new FileReader();
        reader.onload = function () {
          pair[1].src = reader.result;
          one();
        };
        reader.readAsDataURL(blob);
      });
    });
    one();
  }

  /** After the app has drawn the dashboard: saves its snapshot when the page is idle. */
  function scheduleSave() {
    if (!onDashboard()) return;
    var tries = 0;
    (function wait() {
      if (++tries > 40) return; // about 20 s: the app never drew (an error page)
      if (!appDrawn() || !dataIdentity() || Date.now() - lastInput < 1000) return setTimeout(wait, 500);
      whenIdle(function () {
        if (Date.now() - lastInput < 1000) return setTimeout(wait, 500);
        try {
          saveSnapshot();
        } catch (e) {
          /* not saved */
        }
      });
    })();
  }

  try {
    if (onDashboard() && window.localStorage.getItem(SNAP_KEY)) {
      // placeSnapshot's key, before the body: innerWidth lays it out (H36).
      var key = snapshotKey();
      if (document.body) placeSnapshot();
      else
        new MutationObserver(function (records, observer) {
          if (!document.body) return;
          observer.disconnect();
          placeSnapshot();
        }).observe(root, { childList: true });
    }
  } catch (e) {
    /* no storage: the frame shows */
  }

  if (window.impactAtlasSeed && typeof window.impactAtlasSeed.then === 'function')
    window.impactAtlasSeed.then(function (t) {
      try {
        placeSeed(t);
      } catch (e) {
        /* the frame shows */
      }
    });

  // Once the app has mounted (src/main.rs sets <html data-app-mounted>); on a
  // cold visit this script comes after that (boot/fallback.js loads it once
  // the app has drawn), to save the screen.
  if (root.hasAttribute('data-app-mounted')) {
    handOver();
    scheduleSave();
  } else
    new MutationObserver(function (records, observer) {
      if (!root.hasAttribute('data-app-mounted')) return;
      observer.disconnect();
      handOver();
      scheduleSave();
    }).observe(root, { attributes: true, attributeFilter: ['data-app-mounted'] });
})();
