//! The charts of the dashboard (browser): thin views around the pure chart
//! models of `super::model` and the drawing of `plot::draw` on a canvas sized
//! for `devicePixelRatio`, redrawn only when the model, the container's width
//! or the colour scheme changes.

use super::model::{ChartKind, ChartModel, charts, export_caption};
use crate::i18n::Msg;
use crate::plot::{self, Geometry, Theme};
use crate::state::use_dashboard;
use leptos::html;
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use plotters::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// `true` while the system asks for a dark colour scheme (follows changes).
pub fn use_dark_scheme() -> ReadSignal<bool> {
    let (dark, set_dark) = signal(false);
    let query = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
    if let Some(q) = query {
        set_dark.set(q.matches());
        let q2 = q.clone();
        let cb = Closure::<dyn FnMut()>::new(move || set_dark.set(q2.matches()));
        let _ = q.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
        // Kept alive by the view, released on cleanup (browser objects stay
        // on this thread: a local stored value).
        let held = StoredValue::new_local(Some((q, cb)));
        on_cleanup(move || {
            if let Some((q, cb)) = held.try_update_value(Option::take).flatten() {
                let _ =
                    q.remove_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
            }
        });
    }
    dark
}

/// The drawing colours from the page's CSS custom properties (so that the
/// charts follow the theme), falling back to built-in light/dark themes.
fn theme_of(el: &web_sys::Element, dark: bool, scale: f64) -> Theme {
    let base = if dark { Theme::dark() } else { Theme::light() };
    let style = web_sys::window().and_then(|w| w.get_computed_style(el).ok().flatten());
    let read = |name: &str, fallback: RGBColor| -> RGBColor {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .and_then(|v| crate::scale::rgb(v.trim()))
            .map(|(r, g, b)| RGBColor(r, g, b))
            .unwrap_or(fallback)
    };
    Theme {
        background: read("--color-surface", base.background),
        text: read("--color-text", base.text),
        muted: read("--color-muted", base.muted),
        track: read("--color-border", base.track),
        scale,
    }
}

fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
        .clamp(1.0, 4.0)
}

/// The hit regions in CSS pixels, as JSON for tests and tools.
fn bars_json(g: &Geometry, scale: f64) -> String {
    let items: Vec<serde_json::Value> = g
        .hits
        .iter()
        .map(|h| {
            let (kind, id) = h.target.field_and_value();
            let c = |v: i32| (v as f64 / scale * 10.0).round() / 10.0;
            serde_json::json!({
                "kind": kind, "id": id,
                "x0": c(h.x0), "y0": c(h.y0), "x1": c(h.x1), "y1": c(h.y1)
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

fn download_href(href: &str, file: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    a.set_href(href);
    a.set_download(file);
    a.click();
}

/// Downloads `csv` as `file`: UTF-8 with a byte order mark, so that
/// spreadsheet software opens Arabic correctly (also the `/explore` table's).
pub(crate) fn download_csv(csv: &str, file: &str) {
    download_text(&format!("\u{FEFF}{csv}"), file);
}

/// Downloads `text` as it is (a CSV file that already has its byte order mark).
pub(crate) fn download_text(text: &str, file: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    download_href(&url, file);
    // Released once the download has started.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

thread_local! {
    /// Whether a chart of this page load has drawn yet.
    static FIRST_DRAWING_TAKEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True once per page load: for the first chart to draw (issue 14).
fn take_first_drawing() -> bool {
    !FIRST_DRAWING_TAKEN.with(|c| c.replace(true))
}

/// All charts of the dashboard. With `after`, the charts are built only once
/// it is true (issue 14: the dashboard builds them in a task after the one
/// that shows the headline figures and the map); until then the panel says
/// they are loading.
#[component]
pub fn ChartsPanel(#[prop(optional, into)] after: Option<Signal<bool>>) -> impl IntoView {
    let d = use_dashboard();
    let dark = use_dark_scheme();
    // Issue 14: the charts follow the filter after the frame that shows the
    // change (`Dashboard::shown_filter`).
    let models = Memo::new(move |_| {
        if after.is_some_and(|a| !a.get()) {
            return None;
        }
        let filter = d.shown_filter.get();
        let locale = d.locale.get();
        let ds = d.dataset.get()?;
        Some(charts(&ds, &filter, locale))
    });
    // A new filter: the time from the input (its `filter-change` mark) to
    // the frame after every chart has drawn again (they draw in the effects
    // that run in the same task as this one, before that frame); the
    // `charts-filter-change` mark says when the charts' turn came.
    Effect::new(move |prev: Option<crate::stats::Filter>| {
        let filter = d.shown_filter.get();
        if prev.is_some_and(|p| p != filter) {
            crate::web::mark("charts-filter-change");
            crate::web::measure_next_frame("charts-redraw", "filter-change");
        }
        filter
    });
    let ready = Memo::new(move |_| models.with(Option::is_some));
    let card = move |i: usize, kind: ChartKind| {
        let model = Memo::new(move |_| models.with(|m| m.as_ref().and_then(|m| m.get(i).cloned())));
        view! { <ChartCard kind=kind model=model dark=dark/> }
    };
    view! {
        <section class="panel charts-panel" data-testid="charts-panel" aria-labelledby="charts-heading">
            <h2 id="charts-heading">{d.text(Msg::ChartsPanelTitle)}</h2>
            {move || {
                if !ready.get() {
                    view! { <p class="charts-loading">{d.text(Msg::ChartsLoading)}</p> }
                        .into_any()
                } else {
                    charts_grid(card).into_any()
                }
            }}
        </section>
    }
}

/// The grid of chart cards. Issue 14 (H25): the first card is built, laid
/// out and drawn alone (its drawing is in the frame that lays it out), and
/// the other cards in a task after that frame: the frame that shows the
/// first chart no longer waits for four more cards' DOM and layout. While
/// they wait, the grid says the rest is loading (screen readers, find in
/// page). The first screen is not marked drawn (`web::hold_drawn`) before
/// they are built.
///
/// H32: the later cards are built by a plain function, not a reactive
/// branch, so that printing can build and draw them inside `beforeprint`
/// (a branch is built in a later microtask: after a `window.print()` has
/// laid the pages out).
fn charts_grid<V: IntoView + 'static>(
    card: impl Fn(usize, ChartKind) -> V + Copy + 'static,
) -> impl IntoView {
    let d = use_dashboard();
    let grid = NodeRef::<html::Div>::new();
    let rest = RwSignal::new(false);
    let built = StoredValue::new_local(None::<AnyViewState>);
    let owner = StoredValue::new_local(Owner::current());
    let build_rest = move || {
        // The grid may be gone by then (another page, a new dataset).
        let Some(Some(owner)) = owner.try_get_value() else {
            return;
        };
        let Some(grid) = grid.get_untracked() else {
            return;
        };
        if built.with_value(Option::is_some) {
            return;
        }
        let mut cards = owner.with(|| {
            ChartKind::ALL
                .into_iter()
                .enumerate()
                .skip(1)
                .map(|(i, kind)| card(i, kind))
                .collect_view()
                .into_any()
                .build()
        });
        cards.mount(&grid, None);
        built.set_value(Some(cards));
        rest.set(true);
    };
    crate::web::hold_drawn();
    crate::web::after_next_frame(move || {
        crate::web::one_per_task(move || {
            build_rest();
            // After the frame that lays the new cards out (their first
            // drawings are queued by then).
            crate::web::after_next_frame(crate::web::release_drawn);
        })
    });
    crate::print::view::on_print(move |printing| {
        if printing {
            crate::print::view::build_while_printing(build_rest);
        }
    });
    view! {
        <div class="charts-grid" node_ref=grid>
            {card(0, ChartKind::ALL[0])}
            {move || {
                (!rest.get())
                    .then(|| {
                        view! {
                            <p class="charts-loading charts-rest-loading" data-testid="charts-rest-loading">
                                {d.text(Msg::ChartsLoading)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// One chart: caption, canvas, keyboard actions, source, table and downloads.
#[component]
pub fn ChartCard(
    kind: ChartKind,
    model: Memo<Option<ChartModel>>,
    dark: ReadSignal<bool>,
) -> impl IntoView {
    let d = use_dashboard();
    let name = kind.as_str();
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let wrap_ref = NodeRef::<html::Div>::new();
    let width = RwSignal::new(0.0_f64);
    let geometry = RwSignal::new((Geometry::default(), 1.0_f64));
    let table_open = RwSignal::new(false);
    // How many times the canvas was drawn (tests check there is no redraw loop).
    let draws = RwSignal::new(0_u32);
    let table_id = format!("chart-table-{name}");

    // Track the container's width (not its height, which the drawing sets).
    // Issue 14: the width comes from the observer's entry (its first one is
    // delivered after the layout that placed the chart), never from
    // `clientWidth` read while the page is being built (a forced layout of
    // the whole page, ~90 ms at 4x CPU on a cold load).
    let observer = StoredValue::new_local(
        None::<(web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)>,
    );
    wrap_ref.on_load(move |el| {
        let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(entry) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::ResizeObserverEntry>().ok())
            else {
                return;
            };
            let w = entry.content_rect().width().round();
            if (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
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

    let theme_cache = StoredValue::new(None::<((bool, f64), Theme)>);
    // The canvas's backing store (device pixels) and CSS height, as last set.
    let sized = StoredValue::new((0_u32, 0_u32, 0_u32));
    // Draws the figure `w` CSS pixels wide at `scale` device pixels per CSS
    // pixel; `Some` with the hit regions when it drew.
    let draw = move |w: f64, scale: f64, dark: bool| -> Option<Geometry> {
        let rtl = d.locale.get_untracked().is_rtl();
        let canvas = canvas_ref.get_untracked()?;
        model.with_untracked(|m| {
            let fig = m.as_ref().and_then(|m| m.figure.as_ref())?;
            if w < 1.0 {
                return None;
            }
            let h = plot::height(fig, w);
            // Issue 14: the backing store is sized again only when its size
            // changes (setting a canvas's width or height, even to the same
            // value, reallocates and clears it); the drawing fills the whole
            // canvas with the background first, so nothing old shows.
            let (bw, bh) = (
                (w * scale).round() as u32,
                (h as f64 * scale).round() as u32,
            );
            if sized.get_value() != (bw, bh, h) {
                let _ =
                    web_sys::HtmlElement::style(&canvas).set_property("height", &format!("{h}px"));
                canvas.set_width(bw);
                canvas.set_height(bh);
                sized.set_value((bw, bh, h));
            }
            // Issue 14: the page's colours are read once per colour scheme
            // and scale, not on every draw (each read forced a style
            // recalculation of the whole page).
            let theme = theme_cache.with_value(|c| {
                c.as_ref()
                    .filter(|(key, _)| *key == (dark, scale))
                    .map(|(_, t)| t.clone())
            });
            let theme = theme.unwrap_or_else(|| {
                let t = theme_of(&canvas, dark, scale);
                theme_cache.set_value(Some(((dark, scale), t.clone())));
                t
            });
            let root = super::canvas::CachedCanvas::new(canvas.clone())?.into_drawing_area();
            match plot::draw(&root, fig, &theme, rtl) {
                Ok(g) => {
                    let _ = root.present();
                    Some(g)
                }
                Err(e) => {
                    leptos::logging::warn!("chart {name}: {e:?}");
                    None
                }
            }
        })
    };
    // Issue 14: the first drawing of each chart waits for a task of its own
    // (`web::one_per_task`): the five first drawings shared one task of
    // ~300 ms at 4x CPU on a cold load. Later drawings (a filter, a new
    // width) are done at once, before the next frame.
    let first_queued = StoredValue::new(false);
    let dark_scheme = dark;
    let draw_now = move |w: f64, dark: bool| {
        let dpr = device_pixel_ratio();
        if let Some(g) = draw(w, dpr, dark) {
            geometry.set((g, dpr));
            draws.update(|n| *n += 1);
        }
    };
    Effect::new(move |_| {
        let dark = dark.get();
        let w = width.get();
        d.locale.track();
        model.track();
        if canvas_ref.get().is_none() {
            return;
        }
        if draws.get_untracked() > 0 {
            return draw_now(w, dark);
        }
        if w < 1.0 || first_queued.get_value() {
            return;
        }
        // Issue 14: the page's first chart to be laid out draws at once, in
        // the frame that laid it out (this is the observer's first entry), so
        // that the first screen's chart paints in that frame; the others wait
        // for a task each.
        if take_first_drawing() {
            draw_now(w, dark);
            crate::web::mark_drawn_when_idle();
            return;
        }
        first_queued.set_value(true);
        crate::web::one_per_task(move || {
            // The chart may be gone by then (another page, a failed load).
            let (Some(w), Some(dark)) =
                (width.try_get_untracked(), dark_scheme.try_get_untracked())
            else {
                return;
            };
            first_queued.set_value(false);
            draw_now(w, dark);
        });
    });
    // On paper (issue 13): drawn again at the printed width and at a
    // printer's resolution, in the light theme, before the page is laid out
    // for print; back to the screen's after.
    crate::print::view::on_print(move |printing| {
        let drawn = if printing {
            let scale = crate::print::view::print_scale(device_pixel_ratio());
            draw(crate::print::PRINT_CHART_WIDTH_PX, scale, false).map(|_| ())
        } else {
            let dpr = device_pixel_ratio();
            draw(width.get_untracked(), dpr, dark.get_untracked()).map(|g| geometry.set((g, dpr)))
        };
        if drawn.is_some() {
            draws.update(|n| *n += 1);
        }
    });

    let on_click = move |ev: web_sys::MouseEvent| {
        let target = geometry.with_untracked(|(g, dpr)| {
            let x = (ev.offset_x() as f64 * dpr).round() as i32;
            let y = (ev.offset_y() as f64 * dpr).round() as i32;
            g.hit(x, y).cloned()
        });
        if let Some(t) = target {
            d.set_filter.run(d.filter.get_untracked().toggled(&t));
        }
    };
    let field = move |f: fn(&ChartModel) -> String| {
        move || model.with(|m| m.as_ref().map(f).unwrap_or_default())
    };
    let has_figure = move || model.with(|m| m.as_ref().is_some_and(|m| m.figure.is_some()));
    let has_table = move || model.with(|m| m.as_ref().is_some_and(|m| !m.table.rows.is_empty()));
    let file = move |ext: &str| format!("impact-atlas-{name}.{ext}");
    // The PNG is drawn again on a canvas of its own, with the chart's title
    // above and its provenance below (filters, status, source, date, link).
    let download_png = move |_| {
        let (Some(m), Some(ds), Some(screen)) = (
            model.get_untracked(),
            d.dataset.get_untracked(),
            canvas_ref.get_untracked(),
        ) else {
            return;
        };
        let Some(fig) = m.figure.as_ref() else {
            return;
        };
        let locale = d.locale.get_untracked();
        let link = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let caption = export_caption(&m, &ds, locale, &link);
        let w = width.get_untracked().max(320.0);
        let dpr = device_pixel_ratio();
        let h = plot::export_height(fig, &caption, w);
        let Some(canvas) = web_sys::window()
            .and_then(|win| win.document())
            .and_then(|doc| doc.create_element("canvas").ok())
            .and_then(|el| el.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width((w * dpr).round() as u32);
        canvas.set_height((f64::from(h) * dpr).round() as u32);
        let theme = theme_of(&screen, dark.get_untracked(), dpr);
        let Some(backend) = super::canvas::CachedCanvas::new(canvas.clone()) else {
            return;
        };
        let root = backend.into_drawing_area();
        if plot::draw_export(&root, fig, &caption, &theme, locale.is_rtl()).is_ok()
            && root.present().is_ok()
            && let Ok(url) = canvas.to_data_url()
        {
            download_href(&url, &file("png"));
        }
    };
    let download_csv_click = move |_| {
        if let Some(csv) = model.with_untracked(|m| m.as_ref().map(|m| m.table.to_csv())) {
            download_csv(&csv, &file("csv"));
        }
    };
    let table_id2 = table_id.clone();

    view! {
        <figure
            class="chart"
            data-testid=format!("chart-{name}")
            data-bars=move || geometry.with(|(g, dpr)| bars_json(g, *dpr))
            data-draws=move || draws.get().to_string()
        >
            <figcaption class="chart-caption">
                <h3 class="chart-title">{field(|m| m.title.clone())}</h3>
                <p class="chart-subtitle">{field(|m| m.subtitle.clone())}</p>
                <p
                    class="chart-status"
                    hidden=move || model.with(|m| m.as_ref().is_none_or(|m| m.status_note.is_empty()))
                    class:chart-status-illustrative=move || {
                        model.with(|m| m.as_ref().is_some_and(|m| m.illustrative))
                    }
                    data-testid="chart-status"
                >
                    {field(|m| m.status_note.clone())}
                </p>
                <p class="chart-filter" data-testid="chart-filter">
                    {field(|m| m.filter_note.clone())}
                </p>
            </figcaption>
            <div class="chart-canvas-wrap" node_ref=wrap_ref hidden=move || !has_figure()>
                <canvas
                    class="chart-canvas"
                    node_ref=canvas_ref
                    role="img"
                    dir="ltr"
                    aria-label=field(|m| m.summary.clone())
                    data-testid="chart-canvas"
                    on:click=on_click
                ></canvas>
            </div>
            <Show when=move || model.with(|m| m.as_ref().is_some_and(|m| m.capped_note.is_some()))>
                <p class="chart-capped" data-testid="chart-capped">
                    {field(|m| m.capped_note.clone().unwrap_or_default())}
                </p>
            </Show>
            <Show when=move || !has_figure()>
                <p class="chart-hidden-note" data-testid="chart-hidden-note">
                    {field(|m| m.hidden_note.clone().unwrap_or_default())}
                </p>
            </Show>
            <Show when=move || model.with(|m| m.as_ref().is_some_and(|m| !m.actions.is_empty()))>
                <div
                    class="chart-actions"
                    role="group"
                    aria-label=field(|m| m.actions_label.clone())
                    data-testid="chart-actions"
                >
                    {move || {
                        model
                            .with(|m| m.as_ref().map(|m| m.actions.clone()).unwrap_or_default())
                            .into_iter()
                            .map(|a| {
                                let target = a.target.clone();
                                let (field, value) = a.target.field_and_value();
                                let testid = format!("filter-{field}-{value}");
                                view! {
                                    <button
                                        type="button"
                                        class="chart-action"
                                        aria-pressed=a.pressed.to_string()
                                        data-testid=testid
                                        on:click=move |_| {
                                            d.set_filter.run(d.filter.get_untracked().toggled(&target))
                                        }
                                    >
                                        {a.label}
                                    </button>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </Show>
            <p
                class="chart-source"
                hidden=move || model.with(|m| m.as_ref().is_none_or(|m| m.source_note.is_empty()))
            >
                {field(|m| m.source_note.clone())}
            </p>
            <Show when=has_table>
                <div class="chart-tools">
                    <button
                        type="button"
                        class="chart-tool"
                        data-testid="table-toggle"
                        aria-expanded=move || table_open.get().to_string()
                        aria-controls={
                            let id = table_id.clone();
                            move || table_open.get().then(|| id.clone())
                        }
                        on:click=move |_| table_open.update(|o| *o = !*o)
                    >
                        {move || {
                            if table_open.get() {
                                d.t(Msg::ChartsTableHide)
                            } else {
                                d.t(Msg::ChartsTableShow)
                            }
                        }}
                    </button>
                    <button
                        type="button"
                        class="chart-tool"
                        data-testid="download-png"
                        hidden=move || !has_figure()
                        on:click=download_png
                    >
                        {d.text(Msg::ChartsDownloadPng)}
                    </button>
                    <button
                        type="button"
                        class="chart-tool"
                        data-testid="download-csv"
                        on:click=download_csv_click
                    >
                        {d.text(Msg::ChartsDownloadCsv)}
                    </button>
                </div>
            </Show>
            <Show when=move || table_open.get() && has_table()>
                <div class="chart-table-wrap">
                    <table class="chart-table" id=table_id2.clone() data-testid="chart-table">
                        <caption>
                            {move || {
                                let title = model.with(|m| m.as_ref().map(|m| m.title.clone()).unwrap_or_default());
                                d.tf(Msg::ChartsTableCaption, &[("title", &title)])
                            }}
                        </caption>
                        <thead>
                            <tr>
                                {move || {
                                    model
                                        .with(|m| m.as_ref().map(|m| m.table.columns.clone()).unwrap_or_default())
                                        .into_iter()
                                        .map(|c| view! { <th scope="col">{c}</th> })
                                        .collect_view()
                                }}
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                model
                                    .with(|m| m.as_ref().map(|m| m.table.rows.clone()).unwrap_or_default())
                                    .into_iter()
                                    .map(|row| {
                                        let mut cells = row.into_iter();
                                        let head = cells.next().map(|c| c.text).unwrap_or_default();
                                        view! {
                                            <tr>
                                                <th scope="row">{head}</th>
                                                {cells.map(|c| view! { <td>{c.text}</td> }).collect_view()}
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
        </figure>
    }
}
