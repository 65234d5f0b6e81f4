/*! Impact Atlas embed script — no dependencies. Protocol v1: docs/embedding.md
 *
 *   <div data-impact-atlas="map" data-lang="ar" data-region="MA-07"></div>
 *   <script src="https://APP/embed.js" async></script>
 *
 * Turns each placeholder into a lazily loaded iframe of the widget, sizes it
 * from its own iframe's `height` messages only (checks event.source and
 * event.origin, clamps), re-dispatches `select` messages as a bubbling
 * `impact-atlas:select` DOM event on the placeholder, and offers
 * `ImpactAtlas.set(placeholderOrNull, {lang, region, area, gender})`.
 * Anything else is ignored.
 */
(function () {
  'use strict';
  if (window.ImpactAtlas && window.ImpactAtlas.protocol === 1) {
    window.ImpactAtlas.scan();
    return;
  }
  var SOURCE = 'impact-atlas';
  var VERSION = 1;
  var MIN_HEIGHT = 40;
  var MAX_HEIGHT = 20000;
  var OPTIONS = ['lang', 'theme', 'title', 'view', 'measure', 'region', 'area', 'gender'];
  var DEFAULT_HEIGHT = { map: 760, chart: 560, figure: 260, summary: 420 };
  var TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

  // The app's address is the folder this script was loaded from (works under a sub-path).
  var script = document.currentScript;
  var app = new URL('.', script && script.src ? script.src : location.href);
  var appOrigin = app.origin;
  var widgets = []; // { frame, el }

  function widgetUrl(el) {
    var kind = el.getAttribute('data-impact-atlas');
    var path;
    if (kind === 'map' || kind === 'summary') path = 'embed/' + kind;
    else if (kind === 'chart') path = 'embed/chart/' + encodeURIComponent(el.getAttribute('data-chart') || 'by-area');
    else if (kind === 'figure') path = 'embed/figure/' + encodeURIComponent(el.getAttribute('data-figure') || 'beneficiaries');
    else return null;
    var url = new URL(path, app);
    OPTIONS.forEach(function (name) {
      var v = el.getAttribute('data-' + name);
      if (v !== null && v !== '') url.searchParams.set(name, v);
    });
    if (el.id && TOKEN.test(el.id)) url.searchParams.set('id', el.id);
    // The widget then talks to this page's origin only.
    if (location.origin && location.origin !== 'null') url.searchParams.set('host', location.origin);
    return { href: url.href, kind: kind };
  }

  function mount(el) {
    if (el.getAttribute('data-impact-atlas-mounted') !== null) return;
    var w = widgetUrl(el);
    if (!w) return;
    el.setAttribute('data-impact-atlas-mounted', '');
    var frame = document.createElement('iframe');
    frame.loading = 'lazy'; // before src, or the load starts at once
    frame.title = el.getAttribute('data-label') || 'Impact Atlas';
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    // CSSOM properties, not a style attribute: allowed under a strict style-src.
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.maxWidth = '100%';
    frame.style.border = '0';
    frame.style.height = (DEFAULT_HEIGHT[w.kind] || 400) + 'px';
    frame.src = w.href;
    el.appendChild(frame);
    widgets.push({ frame: frame, el: el });
  }

  function scan(root) {
    var list = (root || document).querySelectorAll('[data-impact-atlas]');
    for (var i = 0; i < list.length; i++) mount(list[i]);
  }

  function find(source) {
    for (var i = 0; i < widgets.length; i++) {
      if (widgets[i].frame.contentWindow === source) return widgets[i];
    }
    return null;
  }

  function isFilterValue(v) {
    return v === null || (typeof v === 'string' && TOKEN.test(v));
  }

  window.addEventListener('message', function (ev) {
    var w = find(ev.source);
    if (!w) return;
    // From the app's origin; a sandboxed widget (no allow-same-origin) has the opaque origin "null".
    if (ev.origin !== appOrigin && !(ev.origin === 'null' && w.frame.hasAttribute('sandbox'))) return;
    var d = ev.data;
    if (!d || typeof d !== 'object' || d.source !== SOURCE || d.v !== VERSION) return;
    if (d.type === 'height') {
      if (typeof d.height !== 'number' || !isFinite(d.height)) return;
      var h = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(d.height)));
      w.frame.style.height = h + 'px';
    } else if (d.type === 'select') {
      var f = d.filter;
      if (!f || typeof f !== 'object' || !isFilterValue(f.region) || !isFilterValue(f.area) || !isFilterValue(f.gender)) return;
      var s = d.selection;
      if (s !== null && (!s || typeof s !== 'object' || typeof s.field !== 'string' || typeof s.value !== 'string')) return;
      var detail = {
        selection: s && { field: s.field, value: s.value },
        filter: { region: f.region, area: f.area, gender: f.gender },
      };
      w.el.dispatchEvent(new CustomEvent('impact-atlas:select', { bubbles: true, detail: detail }));
    }
  });

  /** Sends a `set` (language and/or filter) to one placeholder's widget, or to all. */
  function set(target, values) {
    var msg = { source: SOURCE, v: VERSION, type: 'set' };
    ['lang', 'region', 'area', 'gender'].forEach(function (k) {
      if (values && Object.prototype.hasOwnProperty.call(values, k)) msg[k] = values[k];
    });
    widgets.forEach(function (w) {
      if (target && w.el !== target) return;
      if (!w.frame.contentWindow) return;
      w.frame.contentWindow.postMessage(msg, w.frame.hasAttribute('sandbox') ? '*' : appOrigin);
    });
  }

  window.ImpactAtlas = { protocol: VERSION, scan: scan, set: set };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { scan(); });
  else scan();
})();
