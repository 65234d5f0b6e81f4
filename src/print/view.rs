//! The donor brief's views (browser): the "Print brief" button, the note a
//! printed page carries (its link, the date of its data, the print date;
//! shown on paper only), and the hook that tells a view when the page is
//! about to be printed (charts redraw at the paper's width and resolution).

use super::{PRINT_SCALE, brief_link, iso_date, note, printed_on};
use crate::i18n::Msg;
use crate::state::use_dashboard;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Calls `on_change(true)` just before the page is laid out for print (the
/// print dialog, "Save as PDF": `beforeprint`) and `on_change(false)` after
/// (`afterprint`). Changes made then are in the printed pages: Chromium
/// paginates after `beforeprint`, so sizes must be right by then (a
/// `matchMedia("print")` listener runs too late: its changes are drawn but
/// the page count is already fixed). Released on cleanup.
pub fn on_print(on_change: impl Fn(bool) + 'static) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let on_change: PrintHandler = std::rc::Rc::new(on_change);
    LATE.with(|l| {
        if let Some(late) = l.borrow_mut().as_mut() {
            late.push(on_change.clone());
        }
    });
    let (a, b) = (on_change.clone(), on_change);
    let before = Closure::<dyn FnMut()>::new(move || a(true));
    let after = Closure::<dyn FnMut()>::new(move || b(false));
    let _ = w.add_event_listener_with_callback("beforeprint", before.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback("afterprint", after.as_ref().unchecked_ref());
    let held = StoredValue::new_local(Some((before, after)));
    on_cleanup(move || {
        if let (Some(w), Some((before, after))) = (
            web_sys::window(),
            held.try_update_value(Option::take).flatten(),
        ) {
            let _ = w.remove_event_listener_with_callback(
                "beforeprint",
                before.as_ref().unchecked_ref(),
            );
            let _ =
                w.remove_event_listener_with_callback("afterprint", after.as_ref().unchecked_ref());
        }
    });
}

type PrintHandler = std::rc::Rc<dyn Fn(bool)>;

thread_local! {
    /// The handlers [`on_print`] registered inside [`build_while_printing`].
    static LATE: std::cell::RefCell<Option<Vec<PrintHandler>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `build` inside a `beforeprint` handler, then the print handlers of
/// the views it built (issue 14, H32: a listener added while `beforeprint`
/// is dispatched is not called for it, and a chart card built then would
/// print blank).
pub fn build_while_printing(build: impl FnOnce()) {
    LATE.with(|l| l.replace(Some(Vec::new())));
    build();
    for f in LATE.with(|l| l.take()).unwrap_or_default() {
        f(true);
    }
}

/// The device pixels per CSS pixel of a canvas drawn for paper.
pub fn print_scale(screen: f64) -> f64 {
    screen.max(PRINT_SCALE)
}

/// "Print brief": opens the browser's print dialog for this page.
#[component]
pub fn PrintButton() -> impl IntoView {
    let d = use_dashboard();
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <button
            type="button"
            class="button button-quiet print-button"
            data-testid="print-brief"
            title=d.text(Msg::PrintButtonHint)
            on:click=print
        >
            {d.text(Msg::PrintButton)}
        </button>
    }
}

/// Today in the visitor's time zone, ISO.
fn today() -> String {
    let now = js_sys::Date::new_0();
    iso_date(now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// The brief's note, on paper only: the page's link in full, the date of
/// the data and the date it was printed (refreshed when printing starts).
#[component]
pub fn PrintNote() -> impl IntoView {
    let d = use_dashboard();
    let location = use_location();
    let query = use_query_map();
    let printed = RwSignal::new(today());
    on_print(move |printing| {
        if printing {
            let t = today();
            if printed.get_untracked() != t {
                // A day passed since the page was drawn. The signal's
                // update reaches the DOM a microtask later, after the pages
                // are laid out for print: the printed text is set here too.
                if let Some(span) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|doc| doc.query_selector(".print-printed-on").ok().flatten())
                {
                    span.set_text_content(Some(&printed_on(d.locale.get_untracked(), &t)));
                }
                printed.set(t);
            }
        }
    });
    let content = move || {
        let l = d.locale.get();
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let pairs: Vec<(String, String)> = query
            .get()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let link = brief_link(&origin, &location.pathname.get(), &pairs, l);
        let as_of = d
            .dataset
            .with(|ds| ds.as_ref().map(|ds| ds.meta.as_of.clone()));
        let n = note(l, &link, as_of.as_deref(), &printed.get());
        let (before, after) = n.link_label;
        view! {
            <p class="print-link" data-testid="print-link">
                {before}<a href=link dir="ltr">{n.link}</a>{after}
            </p>
            <p class="print-dates">
                {n.data_as_of.map(|t| view! { <span data-testid="print-data-date">{t}</span> " · " })}
                <span class="print-printed-on" data-testid="print-printed-on">{n.printed_on}</span>
            </p>
        }
    };
    view! {
        <aside class="print-only print-note" data-testid="print-note" aria-label=d.text(Msg::PrintMetaLabel)>
            {content}
        </aside>
    }
}
