// Never a blank page (a classic script, loaded with `defer` before the app, so
// it runs under the strict Content-Security-Policy and even where modules or
// WebAssembly are missing). It
//  - sets <html lang/dir> at once, the way the app will (?lang=, then the saved
//    choice, then the browser's languages, French by default: the same order
//    as src/i18n/negotiate.rs), so that the fallback shows in that language;
//  - reveals the translated fallback of index.html (#boot-fallback) if the app
//    has not mounted after BOOT_TIMEOUT_MS, or at once when a script, a
//    stylesheet or the wasm fails to load (or an error is thrown) before it
//    mounted; hides it again if the app mounts after all.
// The app marks itself mounted with <html data-app-mounted> (src/main.rs), and
// its panic hook reveals the fallback itself (crate::web::reveal_boot_fallback).
(function () {
  'use strict';
  var BOOT_TIMEOUT_MS = 15000;
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
    if (!fallback || root.hasAttribute('data-boot-failed')) return;
    root.setAttribute('data-boot-failed', reason);
    fallback.hidden = false;
  }

  try {
    var lang = pickLanguage();
    root.setAttribute('lang', lang);
    root.setAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
  } catch (e) {
    /* keep the page's own lang */
  }

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
      if (name === 'SCRIPT' || (name === 'LINK' && /preload|stylesheet/.test(el.rel))) reveal('load');
      else if (el === window || !name) reveal('error');
    },
    true,
  );
  window.addEventListener('unhandledrejection', function () {
    if (!mounted()) reveal('error');
  });

  // Once the app mounts: no timeout any more, and a fallback revealed before
  // (a slow boot, a failed preload or stylesheet the app could do without) is
  // hidden again. A panic is final: the panic hook reveals the fallback after
  // this observer is gone, or the app never mounts.
  new MutationObserver(function (records, observer) {
    if (!mounted()) return;
    clearTimeout(timer);
    observer.disconnect();
    var reason = root.getAttribute('data-boot-failed');
    if (reason && reason !== 'panic') {
      root.removeAttribute('data-boot-failed');
      document.getElementById('boot-fallback').hidden = true;
    }
  }).observe(root, { attributes: true, attributeFilter: ['data-app-mounted'] });
})();
