//! Small browser helpers (browser): storage that may throw, the document's
//! language and title, performance marks. Every call tolerates a missing or
//! hostile environment (sandboxed iframe, private mode): it does nothing
//! rather than panic.

use crate::i18n::Locale;

const LANG_KEY: &str = "impact-atlas:lang";

/// `localStorage`, or `None` where the browser refuses it.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Stores a value; `false` when storage is unavailable or full.
pub fn storage_set(key: &str, value: &str) -> bool {
    storage_try_set(key, value).is_ok()
}

/// Why a value could not be stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// No storage at all (sandboxed iframe, storage disabled).
    Unavailable,
    /// Storage refused this value (`QuotaExceededError`, or any other throw).
    Refused,
}

/// Stores a value, saying why it could not.
pub fn storage_try_set(key: &str, value: &str) -> Result<(), StoreError> {
    local_storage()
        .ok_or(StoreError::Unavailable)?
        .set_item(key, value)
        .map_err(|_| StoreError::Refused)
}

pub fn storage_remove(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}

/// Every key in storage (empty when unavailable).
pub fn storage_keys() -> Vec<String> {
    let Some(s) = local_storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
}

// The Cache API for a large copy's body (`data::cache`), through the boot
// script (boot/fallback.js, `impactAtlasApart`): where that script is
// missing, the calls throw and count as no Cache API.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = impactAtlasApart, js_name = get)]
    fn apart_get_js(name: &str) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch, js_namespace = impactAtlasApart, js_name = put)]
    fn apart_put_js(name: &str, bytes: &[u8]) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch, js_namespace = impactAtlasApart, js_name = prune)]
    fn apart_prune_js(keep: &str) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
}

/// The body kept in the cache `name`, if any (its read may have begun while
/// the wasm loaded).
pub async fn apart_get(name: &str) -> Option<Vec<u8>> {
    let got = wasm_bindgen_futures::JsFuture::from(apart_get_js(name).ok()?)
        .await
        .ok()?;
    wasm_bindgen::JsCast::dyn_into::<js_sys::Uint8Array>(got)
        .ok()
        .map(|b| b.to_vec())
}

/// Stores a copy of `bytes` as the body of the cache `name` (issue 14: off
/// the main thread; `localStorage` writes in one task). A refused `put`
/// (storage full) keeps nothing and leaves the cache's earlier body.
pub async fn apart_put(name: &str, bytes: &[u8]) -> Result<(), StoreError> {
    let promise = apart_put_js(name, bytes).map_err(|_| StoreError::Unavailable)?;
    match wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_f64())
    {
        Some(0.0) => Ok(()),
        Some(1.0) => Err(StoreError::Unavailable),
        _ => Err(StoreError::Refused),
    }
}

/// Deletes kept bodies but `keep`'s (all for ""; not another tab's fresh one), in the background.
pub fn apart_prune(keep: &str) {
    let _ = apart_prune_js(keep);
}

pub fn stored_locale() -> Option<String> {
    storage_get(LANG_KEY)
}

pub fn store_locale(locale: Locale) {
    storage_set(LANG_KEY, locale.tag());
}

/// `navigator.languages`, most preferred first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Sets `lang` and `dir` on `<html>`.
pub fn set_document_language(locale: Locale) {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", locale.tag());
        let _ = el.set_attribute("dir", locale.dir().as_str());
    }
}

/// Runs `then` in a task of its own once the texts of the page's language
/// are there (issue 14, `i18n::texts`): the language the boot script chose
/// (`<html lang>`), else the visitor's. Without them the boot fallback shows
/// (its own texts are in the page), as when the wasm cannot load.
pub fn after_texts(then: impl FnOnce() + 'static) {
    let lang = document()
        .and_then(|d| d.document_element())
        .and_then(|el| el.get_attribute("lang"))
        .and_then(|t| Locale::from_tag(&t))
        .unwrap_or_else(|| {
            crate::i18n::negotiate(None, stored_locale().as_deref(), &browser_languages())
        });
    crate::i18n::texts::load_then(
        lang,
        Box::new(move |ok| {
            if ok {
                in_next_task(then)
            } else {
                // (`<html data-boot-failed="texts">` says why.)
                reveal_boot_fallback("texts")
            }
        }),
    );
}

pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The content of `<meta name="…">`, if present.
pub fn meta_content(name: &str) -> Option<String> {
    let el = document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    el.get_attribute("content").filter(|c| !c.trim().is_empty())
}

/// `performance.mark(name)`.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Runs `f` once the next frame has been produced: from a task posted by the
/// next animation frame's callback (so after the paint that callback
/// precedes). Runs it at once where there is no window. (A hidden document
/// draws no frames: `f` then waits until it is shown again.)
pub fn after_next_frame(f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else {
        return f();
    };
    let task = wasm_bindgen::closure::Closure::once_into_js(f);
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(wasm_bindgen::JsCast::unchecked_ref(&task));
        }
    });
    let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&frame));
}

/// `performance.measure(name, start_mark)`, on the next animation frame so
/// that it covers the DOM update and the paint's preparation. (Issue 14,
/// H21: without a mark the browser throws, and the error is dropped; asking
/// first with `getEntriesByName` walked the whole timeline, which grows with
/// every change, inside the frame.)
pub fn measure_next_frame(name: &'static str, start_mark: &'static str) {
    let Some(w) = web_sys::window() else { return };
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.measure_with_start_mark(name, start_mark);
        }
    });
    let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&cb));
}

/// Copies `text` to the clipboard; `false` when the browser refuses (no
/// permission, insecure context, old browser).
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Copies the page's address to the clipboard; `false` when it cannot.
pub async fn copy_current_url() -> bool {
    match web_sys::window().map(|w| w.location().href()) {
        Some(Ok(href)) => copy_text(&href).await,
        _ => false,
    }
}

/// Whether a repeat visit's snapshot of the last screen covers the page
/// (`boot/snapshot.js`: `#boot-snapshot`, not a cold visit's seed, which
/// has `data-seed`): the app's own screen is not seen until it has drawn.
pub fn snapshot_shown() -> bool {
    document()
        .and_then(|d| d.get_element_by_id("boot-snapshot"))
        .is_some_and(|el| !el.has_attribute("data-seed"))
}

/// Marks the app as mounted (`<html data-app-mounted>`): the boot script
/// (`boot/fallback.js`) stops its timeout and hides a fallback it revealed
/// only because the boot was slow.
pub fn mark_mounted() {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("data-app-mounted", "");
    }
}

/// Marks the first screen drawn (<html data-app-drawn>): the charts' first
/// drawings are done. `boot/fallback.js` registers the service worker then
/// (issue 14: its install fetches the whole shell again, so not while the
/// app builds its first screen).
pub fn mark_drawn() {
    if let Some(el) = document().and_then(|d| d.document_element())
        && !el.has_attribute("data-app-drawn")
    {
        let _ = el.set_attribute("data-app-drawn", "");
        for resolve in DRAWN.with(|w| w.borrow_mut().release()) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    }
}

/// In the next task, marks the first screen drawn if no queued work
/// ([`one_per_task`]) is left then; otherwise the queue marks it when it is
/// done.
pub fn mark_drawn_when_idle() {
    in_next_task(|| {
        if idle() {
            mark_drawn();
        }
    });
}

/// No queued work ([`one_per_task`]) and no hold ([`hold_drawn`]).
fn idle() -> bool {
    QUEUE.with(|q| q.borrow().is_empty()) && HOLDS.with(std::cell::Cell::get) == 0
}

thread_local! {
    /// Parts of the first screen still to be built ([`hold_drawn`]).
    static HOLDS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The first screen is not marked drawn until as many [`release_drawn`]
/// calls (issue 14, H25: the chart cards after the first one are built in a
/// later task; the first screen is drawn once they are built and drawn).
pub fn hold_drawn() {
    HOLDS.with(|h| h.set(h.get() + 1));
}

/// Ends one [`hold_drawn`]; the last one marks the first screen drawn in the
/// next task if no queued work is left then (otherwise the queue does).
pub fn release_drawn() {
    unhold();
    mark_drawn_when_idle();
}

fn unhold() {
    HOLDS.with(|h| h.set(h.get().saturating_sub(1)));
}

/// Reveals the translated fallback of `index.html` (`#boot-fallback`) and,
/// through `style/boot.css`, hides whatever the app drew. Called by the panic
/// hook; touches only the DOM, never the app's state.
pub fn reveal_boot_fallback(reason: &str) {
    let Some(d) = document() else { return };
    if let Some(root) = d.document_element() {
        let _ = root.set_attribute("data-boot-failed", reason);
    }
    if let Some(el) = d.get_element_by_id("boot-fallback") {
        let _ = el.remove_attribute("hidden");
    }
}

/// Whether `window[name] === true` (test hooks set by end-to-end tests).
pub fn test_flag(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &wasm_bindgen::JsValue::from_str(name)).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// `navigator.onLine` (`true` when unknown): tells "offline" from other
/// network failures.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Resolves in a new task (`setTimeout(0)`): the work after it runs in a
/// task of its own, and the browser may paint in between (issue 14: no long
/// task at load). Resolves at once where there is no window.
pub async fn next_task() {
    after_ms(0).await;
}

/// Resolves in a new task after `ms` milliseconds (`setTimeout`); at once
/// where there is no window.
async fn after_ms(ms: i32) {
    let Some(w) = web_sys::window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves once the first screen is drawn ([`mark_drawn`] resolves it), or
/// after `max_ms` on a page that draws none. At once where there is no
/// window.
pub async fn drawn(max_ms: i32) {
    let Some(w) = web_sys::window() else { return };
    if document()
        .and_then(|d| d.document_element())
        .is_some_and(|el| el.has_attribute("data-app-drawn"))
    {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let id = DRAWN.with(|d| d.borrow_mut().wait(resolve));
        let timeout = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(resolve) = DRAWN.with(|d| d.borrow_mut().cancel(id)) {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            }
        });
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            wasm_bindgen::JsCast::unchecked_ref(&timeout),
            max_ms,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

thread_local! {
    /// The calls of [`drawn`] waiting for [`mark_drawn`] (issue 14, H32:
    /// instead of each polling the page every 100 ms).
    static DRAWN: std::cell::RefCell<Waiters<js_sys::Function>> = Default::default();
}

/// Waiters for one event: each is released once, by the event (all of them,
/// in the order they came) or by its own timeout ([`Waiters::cancel`]),
/// whichever comes first.
struct Waiters<T> {
    next: u32,
    waiting: Vec<(u32, T)>,
}

impl<T> Default for Waiters<T> {
    fn default() -> Self {
        Self {
            next: 0,
            waiting: Vec::new(),
        }
    }
}

impl<T> Waiters<T> {
    /// Adds a waiter; its id is for [`Waiters::cancel`].
    fn wait(&mut self, waiter: T) -> u32 {
        self.next += 1;
        self.waiting.push((self.next, waiter));
        self.next
    }

    /// The event: every waiter, in order; none of them again.
    fn release(&mut self) -> Vec<T> {
        std::mem::take(&mut self.waiting)
            .into_iter()
            .map(|(_, w)| w)
            .collect()
    }

    /// A waiter's timeout: the waiter, unless the event released it already.
    fn cancel(&mut self, id: u32) -> Option<T> {
        let i = self.waiting.iter().position(|(n, _)| *n == id)?;
        Some(self.waiting.remove(i).1)
    }
}

/// Runs `f` in a task of its own (`setTimeout(f, 0)`; at once without a window).
pub fn in_next_task(f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else {
        return f();
    };
    let task = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = w.set_timeout_with_callback(wasm_bindgen::JsCast::unchecked_ref(&task));
}

thread_local! {
    /// Work waiting for [`one_per_task`], first come first served.
    static QUEUE: std::cell::RefCell<std::collections::VecDeque<Box<dyn FnOnce()>>> =
        Default::default();
}

/// Queues `f` to run in a task of its own, one queued function per task, in
/// order (issue 14: the charts' first drawings, each ~60 ms at 4x CPU, no
/// longer share one long task).
pub fn one_per_task(f: impl FnOnce() + 'static) {
    let first = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.push_back(Box::new(f));
        q.len() == 1
    });
    if first {
        in_next_task(run_queued);
    }
}

fn run_queued() {
    let next = QUEUE.with(|q| q.borrow_mut().pop_front());
    if let Some(f) = next {
        f();
    }
    if QUEUE.with(|q| !q.borrow().is_empty()) {
        in_next_task(run_queued);
    } else {
        // The queued first drawings are done: the first screen is drawn, in
        // the next task (after the views have shown the last drawing: its
        // `data-draws`), if nothing was queued or held meanwhile.
        mark_drawn_when_idle();
    }
}

/// `Date.now()`: milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14 (H25): the first screen is not idle (so not marked drawn)
    /// while a part of it is held back or queued work is left.
    #[test]
    fn holds_and_queued_work_keep_the_first_screen_from_being_drawn() {
        // (Natively there is no window: the parts that post tasks are not
        // called here; e2e render.spec and cold.spec check them.)
        assert!(idle(), "nothing held nor queued");
        hold_drawn();
        hold_drawn();
        assert!(!idle(), "two holds");
        unhold();
        assert!(!idle(), "one hold left");
        QUEUE.with(|q| q.borrow_mut().push_back(Box::new(|| {})));
        unhold();
        assert!(!idle(), "no hold, but queued work");
        QUEUE.with(|q| q.borrow_mut().clear());
        assert!(idle(), "nothing held nor queued again");
        // An unhold without a hold does not wrap around.
        unhold();
        assert!(idle());
    }

    /// Issue 14 (H32): `drawn` waits for a notification, not a poll. Each
    /// waiter is released once: by the event (all, in order) or by its
    /// timeout, whichever comes first.
    #[test]
    fn drawn_waiters_are_released_once_in_order_or_by_their_timeout() {
        let mut w = Waiters::default();
        let a = w.wait("directory");
        let b = w.wait("save");
        let c = w.wait("seed");
        assert_eq!(w.cancel(b), Some("save"), "the save's timeout fires first");
        assert_eq!(w.cancel(b), None, "a timeout releases once");
        assert_eq!(w.release(), vec!["directory", "seed"], "the rest, in order");
        assert_eq!(w.release(), Vec::<&str>::new(), "released once");
        assert_eq!(w.cancel(a), None, "a timeout after the event: nothing");
        assert_eq!(w.cancel(c), None);
        let d = w.wait("late");
        assert_ne!(d, a, "ids are not reused");
        assert_eq!(w.release(), vec!["late"]);
    }
}
