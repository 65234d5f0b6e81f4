//! The widgets (browser): the layout every `/embed/*` route shares (theme,
//! messages to and from the host page, auto-height) and one thin view per
//! widget around a panel's existing view.

use super::message;
use super::params::{self, Options, Theme};
use crate::charts::view::{ChartCard, use_dark_scheme};
use crate::charts::{ChartModel, chart};
use crate::components::status::{DataLine, ErrorPanel};
use crate::headline::view::{HeadlineCard, label_text, testid};
use crate::headline::{Card, Value, cards};
use crate::i18n::Msg;
use crate::map::{MapEmbed, MapPanel};
use crate::model::Status;
use crate::query;
use crate::state::{Dashboard, DataStatus, use_dashboard};
use crate::stats::Filter;
use crate::vocab::FilterField;
use leptos::html;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate, use_params_map, use_query_map};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The widget's options, for the views below the layout.
#[derive(Clone, Copy)]
struct EmbedCtx {
    opts: Memo<Options>,
}

fn use_options() -> Memo<Options> {
    expect_context::<EmbedCtx>().opts
}

fn root_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// `data-theme` on `<html>` (absent under `auto`), and `data-embed` so that
/// the style sheet drops the page's margins.
fn set_theme(theme: Theme) {
    let Some(el) = root_element() else { return };
    let _ = el.set_attribute("data-embed", "");
    let _ = match theme {
        Theme::Auto => el.remove_attribute("data-theme"),
        t => el.set_attribute("data-theme", t.as_str()),
    };
}

/// The parent window, when this page is in a frame.
fn parent_window() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let parent = w.parent().ok()??;
    (!js_sys::Object::is(parent.as_ref(), w.as_ref())).then_some(parent)
}

/// Posts a message to the host page (to its origin only, when the widget's
/// address names it).
fn post(o: &Options, msg: &serde_json::Value) {
    let Some(parent) = parent_window() else {
        return;
    };
    let Ok(data) = js_sys::JSON::parse(&msg.to_string()) else {
        return;
    };
    let _ = parent.post_message(&data, o.host.as_deref().unwrap_or("*"));
}

/// Listens for the host's `set` messages: from the parent window only, from
/// the named host origin only, of the exact shape only.
fn listen_for_host(opts: Memo<Options>, on_set: impl Fn(message::Set) + 'static) {
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let get = |k: &str| js_sys::Reflect::get(&ev, &JsValue::from_str(k)).unwrap_or_default();
        let Some(parent) = parent_window() else {
            return;
        };
        if !js_sys::Object::is(&get("source"), parent.as_ref()) {
            return;
        }
        let Some(o) = opts.try_get_untracked() else {
            return;
        };
        if let Some(host) = &o.host
            && get("origin").as_string().as_deref() != Some(host.as_str())
        {
            return;
        }
        let data = get("data");
        if !data.is_object() {
            return;
        }
        let text = js_sys::JSON::stringify(&data)
            .ok()
            .and_then(|s| s.as_string());
        if let Some(set) = text.as_deref().and_then(message::parse_set_text) {
            on_set(set);
        }
    });
    if w.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref())
        .is_err()
    {
        return;
    }
    let held = StoredValue::new_local(Some((w, cb)));
    on_cleanup(move || {
        if let Some((w, cb)) = held.try_update_value(Option::take).flatten() {
            let _ = w.remove_event_listener_with_callback("message", cb.as_ref().unchecked_ref());
        }
    });
}

/// The layout of every widget: no site header or footer; the theme; `select`
/// messages on clicks, `set` messages from the host; the content's height
/// posted whenever it changes.
#[component]
pub fn EmbedLayout() -> impl IntoView {
    let d = use_dashboard();
    let query_map = use_query_map();
    let opts = Memo::new(move |_| params::parse(|k| query_map.read().get(k)));
    Effect::new(move |_| set_theme(opts.get().theme));

    // Clicks on a region, bar or legend entry: the host hears of them.
    let inner = d.set_filter;
    let set_filter = Callback::new(move |f: Filter| {
        let before = d.filter.get_untracked();
        let o = opts.get_untracked();
        let clicked = message::clicked(&before, &f);
        post(&o, &message::select(o.id.as_deref(), clicked.as_ref(), &f));
        inner.run(f);
    });
    provide_context(Dashboard { set_filter, ..d });
    provide_context(EmbedCtx { opts });

    // The host's `set`: a new language and/or filter, in the widget's address.
    let navigate = use_navigate();
    let location = use_location();
    listen_for_host(opts, move |set| {
        let f = set.filter(&d.filter.get_untracked());
        let pairs: Vec<(String, String)> = query_map
            .get_untracked()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let mut up: Vec<(&str, Option<String>)> = FilterField::ALL
            .into_iter()
            .zip(query::filter_params(&f))
            .map(|(field, v)| (field.as_str(), v))
            .collect();
        if let Some(l) = set.lang {
            up.push(("lang", Some(l.tag().to_string())));
        }
        let q = query::with_params(&pairs, &up);
        navigate(
            &format!("{}{q}", location.pathname.get_untracked()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });

    // Auto-height: the content's height, on every change.
    let root = NodeRef::<html::Main>::new();
    let last = StoredValue::new(0_u32);
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>);
    root.on_load(move |el| {
        let el2 = el.clone();
        let cb = Closure::<dyn FnMut()>::new(move || {
            let Some(h) = message::clamp_height(el2.get_bounding_client_rect().height()) else {
                return;
            };
            if h != last.get_value() {
                last.set_value(h);
                if let Some(o) = opts.try_get_untracked() {
                    post(&o, &message::height(o.id.as_deref(), h));
                }
            }
        });
        if let Ok(ro) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
            ro.observe(&el);
            observer.set_value(Some((ro, cb)));
        }
    });
    on_cleanup(move || {
        if let Some((ro, _cb)) = observer.try_update_value(Option::take).flatten() {
            ro.disconnect();
        }
    });

    view! {
        <main class="embed" node_ref=root data-testid="embed">
            <Outlet/>
        </main>
    }
}

/// What every widget shows around its panel: the title (unless `title=0`),
/// the error panel if no data could be had, the data line with the source,
/// and the link to the full dashboard on the same view.
#[component]
fn EmbedFrame(
    #[prop(into)] title: Signal<String>,
    /// The map widget's view and measure, kept by the link to the dashboard.
    #[prop(optional)]
    map: Option<MapEmbed>,
    children: Children,
) -> impl IntoView {
    let d = use_dashboard();
    let opts = use_options();
    Effect::new(move |_| {
        let l = d.locale.get();
        crate::web::set_title(&format!("{} · {}", title.get(), l.t(Msg::AppTitle)));
    });
    let failed = move || match (d.dataset.with(Option::is_none), d.status.get()) {
        (true, DataStatus::Failed(e)) => Some(e),
        _ => None,
    };
    let href = move || {
        params::dashboard_href(
            &crate::app::base_path(),
            d.locale.get(),
            &d.filter.get(),
            map.map(|m| (m.view, m.measure)),
        )
    };
    view! {
        <Show when=move || opts.with(|o| o.title)>
            <h1 class="embed-title" data-testid="embed-title">{move || title.get()}</h1>
        </Show>
        {move || failed().map(|e| view! { <ErrorPanel error=e/> })}
        {children()}
        <footer class="embed-footer">
            <DataLine/>
            <a class="embed-link" data-testid="embed-link" href=href target="_blank" rel="noopener">
                {d.text(Msg::EmbedViewOnAtlas)}
                <span class="visually-hidden">" " {d.text(Msg::EmbedNewTab)}</span>
            </a>
        </footer>
    }
}

/// `/embed/map`: Morocco's regions or the continent, count or per 100k.
#[component]
pub fn EmbedMap() -> impl IntoView {
    let d = use_dashboard();
    let o = use_options().get_untracked();
    let embed = MapEmbed {
        view: o.view,
        measure: o.measure,
    };
    view! {
        <EmbedFrame title=Signal::derive(move || d.t(Msg::MapTitle).to_string()) map=embed>
            <MapPanel embed=embed/>
        </EmbedFrame>
    }
}

/// `/embed/chart/{kind}`: one chart of the dashboard.
#[component]
pub fn EmbedChart() -> impl IntoView {
    let d = use_dashboard();
    let path = use_params_map();
    let kind = Memo::new(move |_| params::chart_kind(path.read().get("kind").as_deref()));
    let dark = use_dark_scheme();
    let model = Memo::new(move |_| {
        let ds = d.dataset.get()?;
        Some(chart(kind.get(), &ds, &d.filter.get(), d.locale.get()))
    });
    let title = Signal::derive(move || {
        model
            .with(|m| m.as_ref().map(|m: &ChartModel| m.title.clone()))
            .unwrap_or_else(|| d.t(kind.get().title()).to_string())
    });
    view! {
        <EmbedFrame title=title>
            <Show
                when=move || model.with(Option::is_some)
                fallback=move || view! { <p class="charts-loading">{d.text(Msg::ChartsLoading)}</p> }
            >
                {move || {
                    let k = kind.get();
                    view! { <ChartCard kind=k model=model dark=dark/> }
                }}
            </Show>
        </EmbedFrame>
    }
}

/// The card a figure id names, else the default figure, else the first.
fn pick(cards: Vec<Card>, id: &str) -> Option<Card> {
    let find = |want: &str| cards.iter().position(|c| testid(&c.label) == want);
    let i = find(id)
        .or_else(|| find(params::DEFAULT_FIGURE))
        .or((!cards.is_empty()).then_some(0))?;
    cards.into_iter().nth(i)
}

/// The dashboard's note on illustrative figures, when one is shown.
fn illustrative_note(show: impl Fn() -> bool + Send + Sync + 'static) -> impl IntoView {
    let d = use_dashboard();
    view! {
        <Show when=show>
            <p class="notice notice-info" data-testid="illustrative-note">
                {d.text(Msg::AppIllustrativeNote)}
            </p>
        </Show>
    }
}

fn skeleton(n: usize) -> AnyView {
    (0..n)
        .map(|_| view! { <div class="kpi kpi-skeleton" aria-hidden="true"></div> })
        .collect_view()
        .into_any()
}

/// `/embed/figure/{indicator}`: one headline figure.
#[component]
pub fn EmbedFigure() -> impl IntoView {
    let d = use_dashboard();
    let path = use_params_map();
    let id = Memo::new(move |_| params::figure_id(path.read().get("indicator").as_deref()));
    let card = Memo::new(move |_| {
        let ds = d.dataset.get()?;
        pick(cards(&ds, &d.filter.get()), &id.get())
    });
    let title = Signal::derive(move || {
        let l = d.locale.get();
        d.dataset
            .with(|ds| Some(label_text(ds.as_ref()?, l, &card.get()?.label)))
            .unwrap_or_else(|| d.t(Msg::AppKpiHeading).to_string())
    });
    view! {
        <EmbedFrame title=title>
            <div class="kpi-grid embed-figure" data-testid="kpi-grid">
                {move || {
                    let _ = d.locale.get();
                    match card.get() {
                        Some(c) => view! { <HeadlineCard card=c/> }.into_any(),
                        None => skeleton(1),
                    }
                }}
            </div>
            {illustrative_note(move || card.with(|c| c.as_ref().is_some_and(|c| c.status == Status::Illustrative)))}
        </EmbedFrame>
    }
}

/// `/embed/summary`: the headline figures in a compact strip.
#[component]
pub fn EmbedSummary() -> impl IntoView {
    let d = use_dashboard();
    let shown = Memo::new(move |_| {
        let ds = d.dataset.get()?;
        Some(
            cards(&ds, &d.filter.get())
                .into_iter()
                .filter(|c| c.value != Value::NotAvailable)
                .collect::<Vec<_>>(),
        )
    });
    view! {
        <EmbedFrame title=Signal::derive(move || d.t(Msg::EmbedSummaryTitle).to_string())>
            <div class="kpi-grid embed-summary" data-testid="kpi-grid">
                {move || {
                    let _ = d.locale.get();
                    match shown.get() {
                        Some(cs) => cs.into_iter().map(|c| view! { <HeadlineCard card=c/> }).collect_view().into_any(),
                        None => skeleton(4),
                    }
                }}
            </div>
            {illustrative_note(move || {
                shown.with(|s| s.as_ref().is_some_and(|s| s.iter().any(|c| c.status == Status::Illustrative)))
            })}
        </EmbedFrame>
    }
}
