//! The "Embed" dialog of a dashboard panel (browser): options (widget,
//! language, theme, map view, title, current filters), a live preview (the
//! widget itself, in an iframe sized by its own height messages) and the two
//! snippets, each with a copy button.

use super::message;
use super::params::{self, Options, Theme, Widget};
use crate::i18n::{Locale, Msg};
use crate::map::model::{MapView, Measure};
use crate::state::use_dashboard;
use crate::stats::Filter;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The app's address as a host page must write it (origin and sub-path).
fn app_url() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{}", crate::app::base_path())
}

fn next_uid() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Sizes the preview iframe from the `height` messages of its own window.
fn follow_height(frame: NodeRef<html::Iframe>) {
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(el) = frame.get_untracked() else {
            return;
        };
        let get = |o: &JsValue, k: &str| {
            js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or_default()
        };
        let own = get(el.as_ref(), "contentWindow");
        if own.is_undefined() || !js_sys::Object::is(&get(&ev, "source"), &own) {
            return;
        }
        let text = js_sys::JSON::stringify(&get(&ev, "data"))
            .ok()
            .and_then(|s| s.as_string());
        let h = text
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| message::accepted_height(&v));
        if let Some(h) = h {
            let _ = web_sys::HtmlElement::style(&el).set_property("height", &format!("{h}px"));
        }
    });
    if w.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref())
        .is_ok()
    {
        let held = StoredValue::new_local(Some((w, cb)));
        on_cleanup(move || {
            if let Some((w, cb)) = held.try_update_value(Option::take).flatten() {
                let _ =
                    w.remove_event_listener_with_callback("message", cb.as_ref().unchecked_ref());
            }
        });
    }
}

/// A labelled `<select>` of `options` (value, text).
fn select(
    id: String,
    label: Msg,
    options: Vec<(String, Signal<String>)>,
    current: Signal<String>,
    set: Callback<String>,
) -> impl IntoView {
    let d = use_dashboard();
    let for_id = id.clone();
    view! {
        <label for=for_id>
            {d.text(label)}
            <select id=id on:change=move |ev| set.run(event_target_value(&ev))>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let v2 = value.clone();
                        view! { <option value=value selected=move || current.get() == v2>{move || text.get()}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// One snippet: its label, the code (read-only) and a copy button.
#[component]
fn Snippet(uid: usize, kind: &'static str, label: Msg, code: Memo<String>) -> impl IntoView {
    let d = use_dashboard();
    let status = RwSignal::new(None::<bool>);
    let id = format!("embed-{kind}-{uid}");
    let for_id = id.clone();
    let copy = move |_| {
        let text = code.get_untracked();
        leptos::task::spawn_local(async move {
            status.set(Some(crate::web::copy_text(&text).await));
        });
    };
    view! {
        <div class="embed-snippet">
            <label for=for_id>{d.text(label)}</label>
            <textarea id=id readonly dir="ltr" spellcheck="false" data-testid=format!("embed-code-{kind}") prop:value=move || code.get()></textarea>
            <div class="embed-snippet-tools">
                <button type="button" class="button" data-testid=format!("embed-copy-{kind}") on:click=copy>
                    {d.text(Msg::EmbedCopy)}
                </button>
                <span role="status">
                    {move || status.get().map(|ok| d.t(if ok { Msg::EmbedCopied } else { Msg::EmbedCopyFailed }))}
                </span>
            </div>
        </div>
    }
}

/// The "Embed" button of a panel and its dialog. `choices` are the widgets
/// this panel offers, with their names.
#[component]
pub fn EmbedDialog(
    /// The panel's name (for the button's accessible name).
    #[prop(into)]
    panel: Signal<String>,
    #[prop(into)] choices: Signal<Vec<(Widget, String)>>,
) -> impl IntoView {
    let d = use_dashboard();
    let uid = next_uid();
    let open = RwSignal::new(false);
    let choice = RwSignal::new(0_usize);
    let lang = RwSignal::new(d.locale.get_untracked());
    let theme = RwSignal::new(Theme::Auto);
    let title = RwSignal::new(true);
    let use_filters = RwSignal::new(true);
    let view = RwSignal::new(MapView::Morocco);
    let measure = RwSignal::new(Measure::Count);

    let picked = Memo::new(move |_| {
        choices.with(|c| {
            c.get(choice.get())
                .or_else(|| c.first())
                .cloned()
                .unwrap_or((Widget::Summary, String::new()))
        })
    });
    let opts = Memo::new(move |_| Options {
        lang: Some(lang.get()),
        theme: theme.get(),
        title: title.get(),
        view: view.get(),
        measure: measure.get(),
        id: None,
        host: None,
    });
    let filter = Memo::new(move |_| {
        if use_filters.get() {
            d.shown_filter.get()
        } else {
            Filter::default()
        }
    });
    let label = Memo::new(move |_| {
        lang.get()
            .tf(Msg::EmbedWidgetLabel, &[("title", &picked.get().1)])
    });
    let iframe_code = Memo::new(move |_| {
        let (w, _) = picked.get();
        params::iframe_snippet(&app_url(), &w, &opts.get(), &filter.get(), &label.get())
    });
    let script_code = Memo::new(move |_| {
        let (w, _) = picked.get();
        params::script_snippet(&app_url(), &w, &opts.get(), &filter.get(), &label.get())
    });
    let preview_src = move || {
        let (w, _) = picked.get();
        format!(
            "{}{}{}",
            crate::app::base_path(),
            w.path(),
            params::widget_query(&w, &opts.get(), &filter.get())
        )
    };
    let frame = NodeRef::<html::Iframe>::new();
    follow_height(frame);

    let region_id = format!("embed-dialog-{uid}");
    let heading_id = format!("embed-dialog-title-{uid}");
    let region_id2 = region_id.clone();
    let toggle = move |_| {
        if !open.get_untracked() {
            lang.set(d.locale.get_untracked());
        }
        open.update(|o| *o = !*o);
    };
    let t = move |m: Msg| Signal::derive(move || d.t(m).to_string());

    view! {
        <div class="embed-box">
            <button
                type="button"
                class="button button-quiet embed-open"
                data-testid="embed-open"
                aria-expanded=move || open.get().to_string()
                aria-controls=region_id2
                on:click=toggle
            >
                {d.text(Msg::EmbedButton)}
                <span class="visually-hidden">" — " {move || panel.get()}</span>
            </button>
            <Show when=move || open.get()>
                <section class="embed-dialog" id=region_id.clone() aria-labelledby=heading_id.clone() data-testid="embed-dialog">
                    <h3 id=heading_id.clone()>{d.text(Msg::EmbedDialogTitle)}</h3>
                    <p>{d.text(Msg::EmbedDialogHelp)}</p>
                    <div class="embed-options">
                        <Show when=move || choices.with(|c| c.len() > 1)>
                            {select(
                                format!("embed-widget-{uid}"),
                                Msg::EmbedWidget,
                                choices.get_untracked().into_iter().enumerate().map(|(i, (_, name))| (i.to_string(), Signal::derive(move || name.clone()))).collect(),
                                Signal::derive(move || choice.get().to_string()),
                                Callback::new(move |v: String| choice.set(v.parse().unwrap_or(0))),
                            )}
                        </Show>
                        {select(
                            format!("embed-lang-{uid}"),
                            Msg::EmbedLanguage,
                            Locale::ALL.into_iter().map(|l| (l.tag().to_string(), Signal::derive(move || l.endonym().to_string()))).collect(),
                            Signal::derive(move || lang.get().tag().to_string()),
                            Callback::new(move |v: String| lang.set(Locale::from_tag(&v).unwrap_or_default())),
                        )}
                        {select(
                            format!("embed-theme-{uid}"),
                            Msg::EmbedTheme,
                            vec![
                                (Theme::Auto.as_str().to_string(), t(Msg::EmbedThemeAuto)),
                                (Theme::Light.as_str().to_string(), t(Msg::EmbedThemeLight)),
                                (Theme::Dark.as_str().to_string(), t(Msg::EmbedThemeDark)),
                            ],
                            Signal::derive(move || theme.get().as_str().to_string()),
                            Callback::new(move |v: String| theme.set(Theme::parse(&v).unwrap_or_default())),
                        )}
                        <Show when=move || picked.with(|(w, _)| *w == Widget::Map)>
                            {select(
                                format!("embed-view-{uid}"),
                                Msg::MapViewLabel,
                                vec![
                                    (params::view_str(MapView::Morocco).to_string(), t(Msg::MapViewMorocco)),
                                    (params::view_str(MapView::Africa).to_string(), t(Msg::MapViewAfrica)),
                                ],
                                Signal::derive(move || params::view_str(view.get()).to_string()),
                                Callback::new(move |v: String| view.set(if v == "africa" { MapView::Africa } else { MapView::Morocco })),
                            )}
                            <Show when=move || view.get() == MapView::Morocco>
                                {select(
                                    format!("embed-measure-{uid}"),
                                    Msg::MapMeasureLabel,
                                    vec![
                                        (params::measure_str(Measure::Count).to_string(), t(Msg::MapMeasureCount)),
                                        (params::measure_str(Measure::Per100k).to_string(), Signal::derive(move || {
                                            let l = d.locale.get();
                                            l.tf(Msg::MapMeasurePer100k, &[("population", l.t(crate::map::model::per_100k_population(None)))])
                                        })),
                                    ],
                                    Signal::derive(move || params::measure_str(measure.get()).to_string()),
                                    Callback::new(move |v: String| measure.set(if v == "per100k" { Measure::Per100k } else { Measure::Count })),
                                )}
                            </Show>
                        </Show>
                        <label class="embed-check">
                            <input type="checkbox" prop:checked=move || title.get() on:change=move |ev| title.set(event_target_checked(&ev))/>
                            {d.text(Msg::EmbedShowTitle)}
                        </label>
                        <label class="embed-check">
                            <input type="checkbox" prop:checked=move || use_filters.get() on:change=move |ev| use_filters.set(event_target_checked(&ev))/>
                            {d.text(Msg::EmbedUseFilters)}
                        </label>
                    </div>
                    <p>{d.text(Msg::EmbedPreview)}</p>
                    <iframe
                        class="embed-preview"
                        node_ref=frame
                        src=preview_src
                        title=move || label.get()
                        height=move || picked.with(|(w, _)| w.default_height()).to_string()
                        data-testid="embed-preview"
                    ></iframe>
                    <Snippet uid=uid kind="iframe" label=Msg::EmbedSnippetIframe code=iframe_code/>
                    <Snippet uid=uid kind="script" label=Msg::EmbedSnippetScript code=script_code/>
                    <p>
                        <button type="button" class="button button-quiet" on:click=move |_| open.set(false)>
                            {d.text(Msg::EmbedClose)}
                        </button>
                    </p>
                </section>
            </Show>
        </div>
    }
}
