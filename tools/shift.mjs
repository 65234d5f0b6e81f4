// Layout shift while loading (issue 14, H29): the observer and one visit,
// shared by tools/cls.mjs (every configuration, 4x CPU) and
// tests/e2e/shift.spec.mjs (a threshold per configuration).

/** The observer, injected before any script of the page (buffered: entries before it ran count too). */
export const CLS_INIT = () => {
  const c = (window.__cls = { entries: [] });
  const name = (n) => {
    if (!n) return '(gone)';
    if (n.nodeType !== 1) return n.nodeName;
    let s = n.tagName.toLowerCase();
    if (n.id) s += `#${n.id}`;
    const cls = typeof n.className === 'string' ? n.className.trim().split(/\s+/).filter(Boolean).slice(0, 3) : [];
    if (cls.length) s += `.${cls.join('.')}`;
    const tid = n.getAttribute('data-testid');
    if (tid) s += `[data-testid=${tid}]`;
    return s;
  };
  const rect = (r) => (r ? [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)] : null);
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (e.hadRecentInput) continue;
        c.entries.push({
          t: Math.round(e.startTime),
          value: e.value,
          sources: (e.sources ?? []).map((s) => ({ node: name(s.node), parent: name(s.node?.parentElement), from: rect(s.previousRect), to: rect(s.currentRect) })),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
};

/**
 * One visit: the entries from the navigation until the app has drawn (off
 * the dashboard: mounted with nothing busy; the boot frame and the tables'
 * loading lines are aria-busy) plus 1 s. A page that never gets there throws,
 * unless `onTimeout` is given (then called, and the entries so far returned).
 */
export async function shiftVisit(page, url, { onTimeout } = {}) {
  await page.goto(url, { waitUntil: 'commit' });
  const done = page.waitForFunction(
    () => {
      const root = document.documentElement;
      if (root.hasAttribute('data-app-drawn')) return true;
      return !document.querySelector('[data-testid=dashboard]') && root.hasAttribute('data-app-mounted') && !document.querySelector('[aria-busy=true]');
    },
    null,
    { timeout: 15_000, polling: 50 },
  );
  await (onTimeout ? done.catch(onTimeout) : done);
  await page.waitForTimeout(1000);
  return page.evaluate(() => window.__cls.entries);
}

/** Waits (at most 5 s) until the app has saved its snapshot: the next visit is a repeat visit. */
export function snapshotSaved(page) {
  return page
    .waitForFunction(() => localStorage.getItem('impact-atlas:snapshot:v1') !== null, null, { timeout: 5_000, polling: 100 })
    .catch(() => {});
}

/** An entry's sources in one line: each node, its rectangle before and after. */
export function moved(entry) {
  const r = (x) => (x ? `${x[0]},${x[1]} ${x[2]}×${x[3]}` : '-');
  return entry.sources.map((s) => `${s.node} ${r(s.from)} → ${r(s.to)}`).join('; ');
}
