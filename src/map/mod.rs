//! The choropleth map of Morocco's regions and the countries reached (browser view).
//! Geometry, colours and rows are pure (`crate::geo`, `crate::scale`, [`rows`]);
//! this module only turns them into SVG and handles pointer and keyboard.

pub mod rows;

use crate::geo::{self, Layout, Shape};
use crate::i18n::format::{self, Style};
use crate::i18n::{Locale, Msg};
use crate::model::{Dataset, Status};
use crate::scale::{self, Classes};
use crate::state::{Dashboard, use_dashboard};
use crate::stats::{self, Filter};
use leptos::prelude::*;
use rows::{MapView, Measure, Row, Rows};
use std::sync::{Arc, LazyLock};
use wasm_bindgen::JsCast;

/// The SVG's coordinate box (the CSS keeps the same aspect ratio).
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 600.0;
const PADDING: f64 = 8.0;
/// Fill of the pattern that marks "no data".
const NO_DATA_FILL: &str = "url(#map-hatch)";
/// The id of the element that describes the region under the pointer or focus.
const TIP_ID: &str = "map-tip";

static MOROCCO: LazyLock<Result<Layout, String>> = LazyLock::new(|| fit(geo::morocco()));
static AFRICA: LazyLock<Result<Layout, String>> = LazyLock::new(|| fit(geo::africa()));

fn fit(features: Result<Vec<geo::Feature>, geo::TopoError>) -> Result<Layout, String> {
    let features = features.map_err(|e| e.to_string())?;
    Layout::fit(&features, WIDTH, HEIGHT, PADDING).ok_or_else(|| "empty geometry".to_string())
}

fn layout(view: MapView) -> &'static Result<Layout, String> {
    match view {
        MapView::Morocco => &MOROCCO,
        MapView::Africa => &AFRICA,
    }
}

/// The map panel of the dashboard.
#[component]
pub fn MapPanel() -> impl IntoView {
    let d = use_dashboard();
    let view_kind = RwSignal::new(MapView::Morocco);
    let measure = RwSignal::new(Measure::Count);
    let show_table = RwSignal::new(false);
    // The area under the pointer or the keyboard focus.
    let active = RwSignal::new(None::<String>);

    let measure_now = move || match view_kind.get() {
        MapView::Morocco => measure.get(),
        MapView::Africa => Measure::Count,
    };
    let rows = Memo::new(move |_| {
        let filter = d.filter.get();
        let view = view_kind.get();
        d.dataset.with(|ds| {
            ds.as_ref().map(|ds| match view {
                MapView::Morocco => rows::region_rows(ds, &filter),
                MapView::Africa => rows::country_rows(ds, &filter),
            })
        })
    });
    let classes = Memo::new(move |_| {
        let m = measure_now();
        rows.with(|r| r.as_ref().and_then(|r| r.classes(m)))
    });

    // Draw time after a change of filter or toggle: from the mark set where
    // the change started (the filter's `filter-change`, or `map-toggle`) to
    // the next animation frame, when the DOM has been updated.
    Effect::new(move |prev: Option<(Filter, Measure, MapView)>| {
        let now = (d.filter.get(), measure.get(), view_kind.get());
        if let Some(prev) = prev {
            let start = if prev.0 != now.0 {
                "filter-change"
            } else {
                "map-toggle"
            };
            crate::web::measure_next_frame("map-draw", start);
        }
        now
    });

    let toggle_view = move |v: MapView| {
        crate::web::mark("map-toggle");
        active.set(None);
        view_kind.set(v);
    };
    let set_measure = move |m: Measure| {
        crate::web::mark("map-toggle");
        measure.set(m);
    };
    let on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && d.filter.with_untracked(|f| f.region.is_some()) {
            ev.prevent_default();
            select_region(d, None);
        }
    };

    view! {
        <section
            class="panel map-panel"
            data-testid="map-panel"
            aria-labelledby="map-title"
            on:keydown=on_escape
        >
            <header class="map-header">
                <h2 id="map-title">{move || d.t(Msg::MapTitle)}</h2>
                <p class="map-subtitle">
                    {move || match view_kind.get() {
                        MapView::Morocco => d.t(Msg::MapSubtitleMorocco),
                        MapView::Africa => d.t(Msg::MapSubtitleAfrica),
                    }}
                </p>
            </header>
            <div class="map-controls">
                <div class="map-toggle" role="group" aria-label=move || d.t(Msg::MapViewLabel)>
                    {toggle_button("map-view-morocco", view_kind, MapView::Morocco, toggle_view, move || d.t(Msg::MapViewMorocco).to_string())}
                    {toggle_button("map-view-africa", view_kind, MapView::Africa, toggle_view, move || d.t(Msg::MapViewAfrica).to_string())}
                </div>
                <Show when=move || view_kind.get() == MapView::Morocco>
                    <div
                        class="map-toggle"
                        role="group"
                        aria-label=move || d.t(Msg::MapMeasureLabel)
                    >
                        {toggle_button("map-measure-count", measure, Measure::Count, set_measure, move || d.t(Msg::MapMeasureCount).to_string())}
                        {toggle_button("map-measure-per100k", measure, Measure::Per100k, set_measure, move || per_100k_text(d, Msg::MapMeasurePer100k))}
                    </div>
                </Show>
                <button
                    type="button"
                    class="map-table-toggle"
                    data-testid="map-table-toggle"
                    aria-pressed=move || bool_str(show_table.get())
                    on:click=move |_| show_table.update(|s| *s = !*s)
                >
                    {move || d.t(Msg::MapShowTable)}
                </button>
            </div>
            <SelectedLine/>
            <div class="map-body">
                {move || {
                    if d.dataset.with(Option::is_none) {
                        return view! {
                            <div class="map-frame map-skeleton" aria-busy="true">
                                <span class="visually-hidden">{move || d.t(Msg::MapLoading)}</span>
                            </div>
                        }
                            .into_any();
                    }
                    let view = view_kind.get();
                    match layout(view) {
                        Ok(l) => {
                            view! {
                                <MapSvg
                                    layout=l
                                    view=view
                                    rows=rows
                                    classes=classes
                                    measure=Signal::derive(measure_now)
                                    active=active
                                />
                            }
                                .into_any()
                        }
                        Err(e) => {
                            let e = e.clone();
                            view! {
                                <div class="map-frame map-error" role="alert">
                                    <p>{move || d.tf(Msg::MapGeometryError, &[("error", &e)])}</p>
                                </div>
                            }
                                .into_any()
                        }
                    }
                }}
                <div class="map-side">
                    <Tip rows=rows view=view_kind active=active/>
                    <Legend
                        classes=classes
                        rows=rows
                        measure=Signal::derive(measure_now)
                        view=view_kind
                    />
                </div>
            </div>
            <Show when=move || show_table.get()>
                <MapTable rows=rows view=view_kind/>
            </Show>
        </section>
    }
}

/// One button of a two-way toggle: pressed when `current` holds `value`.
fn toggle_button<T: PartialEq + Copy + Send + Sync + 'static>(
    testid: &'static str,
    current: RwSignal<T>,
    value: T,
    choose: impl Fn(T) + Copy + 'static,
    label: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            data-testid=testid
            aria-pressed=move || bool_str(current.get() == value)
            on:click=move |_| choose(value)
        >
            {label}
        </button>
    }
}

fn bool_str(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// Sets (or clears) the dashboard's region filter.
fn select_region(d: Dashboard, code: Option<String>) {
    let current = d.filter.get_untracked();
    d.set_filter.run(Filter {
        region: code,
        ..current
    });
}

/// Selects `code`, or clears the selection when it is the selected one.
fn toggle_region(d: Dashboard, code: &str) {
    let selected = d
        .filter
        .with_untracked(|f| f.region.as_deref() == Some(code));
    select_region(d, (!selected).then(|| code.to_string()));
}

/// The name of a region or country in the UI language.
fn area_name(ds: &Dataset, locale: Locale, code: &str) -> String {
    if code == rows::MOROCCO {
        return locale.t(Msg::MapMorocco).to_string();
    }
    ds.region(code)
        .map(|r| r.name.get(locale).to_string())
        .or_else(|| ds.country(code).map(|c| c.name.get(locale).to_string()))
        .unwrap_or_else(|| code.to_string())
}

fn status_text(locale: Locale, s: Status) -> &'static str {
    locale.t(match s {
        Status::Reported => Msg::MapStatusReported,
        Status::Estimated => Msg::MapStatusEstimated,
        Status::Derived => Msg::ValidateStatusDerived,
        Status::Illustrative => Msg::MapStatusIllustrative,
    })
}

fn format_value(locale: Locale, m: Measure, v: f64) -> String {
    match m {
        Measure::Count => format::count(locale, v),
        Measure::Per100k => format::number(locale, v, Style::Decimal1),
    }
}

/// What a screen reader hears on a region or country: name, value, status.
fn area_label(locale: Locale, name: &str, row: Option<&Row>) -> String {
    match row.and_then(|r| r.count.map(|c| (r, c))) {
        Some((r, c)) => {
            let value = format::count(locale, c);
            let msg = if r.is_illustrative() {
                Msg::MapRegionLabelIllustrative
            } else {
                Msg::MapRegionLabel
            };
            locale.tf(msg, &[("name", name), ("value", &value)])
        }
        None => locale.tf(Msg::MapRegionLabelNoData, &[("name", name)]),
    }
}

/// Moves the keyboard focus to the previous or next focusable area.
fn focus_sibling(ev: &leptos::ev::KeyboardEvent, forward: bool) {
    let Some(el) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(parent) = el.parent_element() else {
        return;
    };
    let focusable = |e: &web_sys::Element| e.get_attribute("tabindex").as_deref() == Some("0");
    let step = |e: &web_sys::Element| {
        if forward {
            e.next_element_sibling()
        } else {
            e.previous_element_sibling()
        }
    };
    let wrap = || {
        if forward {
            parent.first_element_child()
        } else {
            parent.last_element_child()
        }
    };
    // Walk the siblings, wrapping around once, to the next focusable one.
    let mut cur = step(&el).or_else(wrap);
    let mut guard = parent.child_element_count() + 1;
    while let Some(c) = cur {
        if guard == 0 || c == el {
            return;
        }
        if focusable(&c) {
            cur = Some(c);
            break;
        }
        guard -= 1;
        cur = step(&c).or_else(wrap);
    }
    let Some(target) = cur else {
        return;
    };
    if let Ok(f) = js_sys::Reflect::get(&target, &"focus".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call0(&target);
    }
}

/// "Selected region: X [clear]" when the filter has a region.
#[component]
fn SelectedLine() -> impl IntoView {
    let d = use_dashboard();
    let name = move || {
        let code = d.filter.get().region?;
        let locale = d.locale.get();
        d.dataset
            .with(|ds| ds.as_ref().map(|ds| area_name(ds, locale, &code)))
    };
    view! {
        <Show when=move || name().is_some()>
            <p class="map-selected" data-testid="map-selected">
                <span>{move || d.tf(Msg::MapSelected, &[("name", &name().unwrap_or_default())])}</span>
                <button type="button" class="map-clear" on:click=move |_| select_region(d, None)>
                    {move || d.t(Msg::MapClearRegion)}
                </button>
            </p>
        </Show>
    }
}

/// The SVG: areas, the no-data pattern, markers, outlines of the focused and
/// selected areas.
#[component]
fn MapSvg(
    layout: &'static Layout,
    view: MapView,
    rows: Memo<Option<Rows>>,
    classes: Memo<Option<Classes>>,
    measure: Signal<Measure>,
    active: RwSignal<Option<String>>,
) -> impl IntoView {
    let d = use_dashboard();
    let label = move || match view {
        MapView::Morocco => d.t(Msg::MapSvgLabelMorocco),
        MapView::Africa => d.t(Msg::MapSvgLabelAfrica),
    };
    let viewbox = format!("0 0 {WIDTH} {HEIGHT}");
    let areas = layout
        .shapes
        .iter()
        .map(|s| area_path(d, s, view, rows, classes, measure, active))
        .collect_view();
    let d_of = move |code: Option<String>| {
        code.and_then(|c| layout.shape(&c).map(|s| s.d.clone()))
            .unwrap_or_default()
    };
    let selected_d = move || match view {
        MapView::Morocco => d_of(d.filter.get().region),
        MapView::Africa => String::new(),
    };
    let active_d = move || d_of(active.get());
    view! {
        <div class="map-frame">
            <svg
                class="map-svg"
                viewBox=viewbox
                role="group"
                aria-label=label
                data-testid=match view {
                    MapView::Morocco => "map-morocco",
                    MapView::Africa => "map-africa",
                }
            >
                <defs>
                    <pattern
                        id="map-hatch"
                        patternUnits="userSpaceOnUse"
                        width="8"
                        height="8"
                        patternTransform="rotate(45)"
                    >
                        <rect width="8" height="8" fill=scale::NO_DATA></rect>
                        <line x1="0" y1="0" x2="0" y2="8" class="map-hatch-line"></line>
                    </pattern>
                </defs>
                <g class="map-areas">{areas}</g>
                <path class="map-selected-outline" d=selected_d aria-hidden="true"></path>
                <path class="map-active-outline" d=active_d aria-hidden="true"></path>
                {match view {
                    MapView::Morocco => view! { <Markers layout=layout/> }.into_any(),
                    MapView::Africa => view! { <CountryLabels layout=layout rows=rows/> }.into_any(),
                }}
            </svg>
        </div>
    }
}

/// One region (Morocco view) or country (Africa view).
fn area_path(
    d: Dashboard,
    s: &'static Shape,
    view: MapView,
    rows: Memo<Option<Rows>>,
    classes: Memo<Option<Classes>>,
    measure: Signal<Measure>,
    active: RwSignal<Option<String>>,
) -> AnyView {
    let code: &'static str = s.code.as_str();
    let in_data = move || rows.with(|r| r.as_ref().is_some_and(|r| r.get(code).is_some()));
    let fill = move || {
        let m = measure.get();
        let v = rows.with(|r| r.as_ref().and_then(|r| r.get(code)?.value(m)));
        classes
            .with(|c| c.as_ref().zip(v).and_then(|(c, v)| c.fill_of(v)))
            .unwrap_or(NO_DATA_FILL)
    };
    let label = move || {
        let locale = d.locale.get();
        d.dataset.with(|ds| {
            let Some(ds) = ds.as_ref() else {
                return String::new();
            };
            let name = area_name(ds, locale, code);
            rows.with(|r| area_label(locale, &name, r.as_ref().and_then(|r| r.get(code))))
        })
    };
    let enter = move || active.set(Some(code.to_string()));
    let leave = move || {
        active.update(|a| {
            if a.as_deref() == Some(code) {
                *a = None;
            }
        })
    };
    match view {
        MapView::Morocco => {
            let pressed = move || bool_str(d.filter.with(|f| f.region.as_deref() == Some(code)));
            let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                "Enter" | " " => {
                    ev.prevent_default();
                    toggle_region(d, code);
                }
                "ArrowRight" | "ArrowDown" => {
                    ev.prevent_default();
                    focus_sibling(&ev, true);
                }
                "ArrowLeft" | "ArrowUp" => {
                    ev.prevent_default();
                    focus_sibling(&ev, false);
                }
                _ => {}
            };
            view! {
                <path
                    class="map-area map-region"
                    d=s.d.as_str()
                    data-region=code
                    fill=fill
                    tabindex="0"
                    role="button"
                    aria-pressed=pressed
                    aria-label=label
                    aria-describedby=TIP_ID
                    on:click=move |_| toggle_region(d, code)
                    on:keydown=on_key
                    on:mouseenter=move |_| enter()
                    on:mouseleave=move |_| leave()
                    on:focus=move |_| enter()
                    on:blur=move |_| leave()
                ></path>
            }
            .into_any()
        }
        MapView::Africa => {
            let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                "ArrowRight" | "ArrowDown" => {
                    ev.prevent_default();
                    focus_sibling(&ev, true);
                }
                "ArrowLeft" | "ArrowUp" => {
                    ev.prevent_default();
                    focus_sibling(&ev, false);
                }
                _ => {}
            };
            view! {
                <Show
                    when=in_data
                    fallback=move || {
                        view! { <path class="map-area map-context" d=s.d.as_str() aria-hidden="true"></path> }
                    }
                >
                    <path
                        class="map-area map-country"
                        d=s.d.as_str()
                        data-country=code
                        fill=fill
                        tabindex="0"
                        role="img"
                        aria-label=label
                        aria-describedby=TIP_ID
                        on:keydown=on_key
                        on:mouseenter=move |_| enter()
                        on:mouseleave=move |_| leave()
                        on:focus=move |_| enter()
                        on:blur=move |_| leave()
                    ></path>
                </Show>
            }
            .into_any()
        }
    }
}

/// Markers for the program places that have a position (Morocco view).
#[component]
fn Markers(layout: &'static Layout) -> impl IntoView {
    let d = use_dashboard();
    let marks = move || {
        let locale = d.locale.get();
        d.dataset.with(|ds| {
            let Some(ds) = ds.as_ref() else {
                return Vec::new();
            };
            let mut marks: Vec<(geo::Pt, String)> = rows::place_marks(ds)
                .into_iter()
                .map(|m| {
                    // The place's short name ("Khouribga"); the program and the
                    // full locality are listed under the legend.
                    let program = ds.program(&m.program);
                    let name = program
                        .and_then(|p| p.places.get(m.place)?.locality.as_ref())
                        .map(|l| rows::short_place(l.get(locale)).to_string())
                        .or_else(|| program.map(|p| p.name.get(locale).to_string()))
                        .unwrap_or(m.program);
                    (layout.projection.project(m.lon_lat), name)
                })
                .collect();
            marks.sort_by(|a, b| a.0[0].total_cmp(&b.0[0]));
            marks
        })
    };
    view! {
        <g class="map-markers" aria-hidden="true">
            {move || {
                marks()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (p, name))| {
                        // The westernmost label goes left, into the Atlantic; the others right.
                        let (dx, anchor) = if i == 0 { (-11.0, "end") } else { (11.0, "start") };
                        view! {
                            <g class="map-marker">
                                <circle cx=fmt1(p[0]) cy=fmt1(p[1]) r="6"></circle>
                                <text
                                    x=fmt1(p[0] + dx)
                                    y=fmt1(p[1])
                                    text-anchor=anchor
                                    dominant-baseline="middle"
                                >
                                    {name}
                                </text>
                            </g>
                        }
                    })
                    .collect_view()
            }}
        </g>
    }
}

/// Values written on the highlighted countries (Africa view).
#[component]
fn CountryLabels(layout: &'static Layout, rows: Memo<Option<Rows>>) -> impl IntoView {
    let d = use_dashboard();
    view! {
        <g class="map-country-labels" aria-hidden="true">
            {move || {
                let locale = d.locale.get();
                rows.with(|r| {
                    r.as_ref()
                        .map(|r| {
                            r.rows
                                .iter()
                                .filter_map(|row| {
                                    let c = row.count?;
                                    let s = layout.shape(&row.code)?;
                                    Some(view! {
                                        <text
                                            x=fmt1(s.label[0])
                                            y=fmt1(s.label[1])
                                            text-anchor="middle"
                                            dominant-baseline="middle"
                                        >
                                            {format::count(locale, c)}
                                        </text>
                                    })
                                })
                                .collect_view()
                        })
                })
            }}
        </g>
    }
}

fn fmt1(v: f64) -> String {
    format!("{v:.1}")
}

/// The figures of the area under the pointer or focus (or of the selected
/// region); a hint when there is none.
#[component]
fn Tip(
    rows: Memo<Option<Rows>>,
    view: RwSignal<MapView>,
    active: RwSignal<Option<String>>,
) -> impl IntoView {
    let d = use_dashboard();
    let content = move || {
        let locale = d.locale.get();
        let code = active.get().or_else(|| match view.get() {
            MapView::Morocco => d.filter.get().region,
            MapView::Africa => None,
        });
        let ds: Option<Arc<Dataset>> = d.dataset.get();
        let (Some(code), Some(ds)) = (code, ds) else {
            return view! { <p class="map-tip-hint">{locale.t(Msg::MapTipHint)}</p> }.into_any();
        };
        let row = rows.with(|r| r.as_ref().and_then(|r| r.get(&code).cloned()));
        let name = area_name(&ds, locale, &code);
        let none = || locale.t(Msg::MapLegendNoData).to_string();
        let row_ref = row.as_ref();
        let value = row_ref
            .and_then(|r| r.count)
            .map(|c| format::count(locale, c))
            .unwrap_or_else(none);
        let share = row_ref
            .and_then(|r| r.share)
            .map(|s| format::number(locale, s, Style::Percent1))
            .unwrap_or_else(none);
        let per = row_ref
            .and_then(|r| r.per_100k)
            .map(|v| format::number(locale, v, Style::Decimal1));
        let status = row_ref
            .and_then(|r| r.status)
            .map(|s| status_text(locale, s).to_string())
            .unwrap_or_else(none);
        let source = row_ref
            .and_then(|r| r.source.as_deref())
            .and_then(|s| ds.source(s))
            .map(|s| s.title.get(locale).to_string())
            .unwrap_or_else(none);
        let illustrative = row_ref.is_some_and(Row::is_illustrative);
        view! {
            <p class="map-tip-name">{name}</p>
            <dl class="map-tip-figures">
                <div>
                    <dt>{locale.t(Msg::MapTipValue)}</dt>
                    <dd>
                        {value}
                        {illustrative
                            .then(|| {
                                view! {
                                    <span class="map-illustrative-mark">
                                        {locale.t(Msg::MapIllustrativeMark)}
                                    </span>
                                }
                            })}
                    </dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::MapTipShare)}</dt>
                    <dd>{share}</dd>
                </div>
                {per
                    .map(|per| {
                        view! {
                            <div>
                                <dt>{locale.tf(Msg::MapTipPer100k, &[("population", locale.t(stats::per_100k_population(d.filter.get_untracked().gender)))])}</dt>
                                <dd>{per}</dd>
                            </div>
                        }
                    })}
                <div>
                    <dt>{locale.t(Msg::MapTipStatus)}</dt>
                    <dd>{status}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::MapTipSource)}</dt>
                    <dd>{source}</dd>
                </div>
            </dl>
            {illustrative
                .then(|| {
                    view! { <p class="map-illustrative-note">{locale.t(Msg::MapIllustrativeNote)}</p> }
                })}
        }
            .into_any()
    };
    view! {
        <div id=TIP_ID class="map-tip" data-testid="map-tooltip">
            {content}
        </div>
    }
}

/// Class breaks, the no-data swatch, the illustrative note, program places.
#[component]
fn Legend(
    classes: Memo<Option<Classes>>,
    rows: Memo<Option<Rows>>,
    measure: Signal<Measure>,
    view: RwSignal<MapView>,
) -> impl IntoView {
    let d = use_dashboard();
    let entries = move || {
        let locale = d.locale.get();
        let m = measure.get();
        classes.with(|c| {
            c.as_ref().map(|c| {
                c.legend()
                    .into_iter()
                    .map(|e| {
                        let (lo, hi) = (
                            format_value(locale, m, e.lower),
                            format_value(locale, m, e.upper),
                        );
                        let text = if lo == hi {
                            lo
                        } else {
                            locale.tf(Msg::MapLegendRange, &[("from", &lo), ("to", &hi)])
                        };
                        view! {
                            <li>
                                <svg class="map-swatch" viewBox="0 0 16 16" aria-hidden="true">
                                    <rect width="16" height="16" fill=e.fill></rect>
                                </svg>
                                <span>{text}</span>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let illustrative = move || rows.with(|r| r.as_ref().is_some_and(Rows::any_illustrative));
    let places = move || {
        let locale = d.locale.get();
        d.dataset.with(|ds| {
            let ds = ds.as_ref()?;
            let items: Vec<String> = rows::place_marks(ds)
                .into_iter()
                .filter_map(|m| {
                    let p = ds.program(&m.program)?;
                    let place = p.places.get(m.place)?;
                    let where_ = place
                        .locality
                        .as_ref()
                        .map(|l| l.get(locale).to_string())
                        .or_else(|| place.region.as_deref().map(|r| area_name(ds, locale, r)))?;
                    Some(locale.tf(
                        Msg::MapPlaceLabel,
                        &[("program", p.name.get(locale)), ("place", &where_)],
                    ))
                })
                .collect();
            (!items.is_empty()).then_some(items)
        })
    };
    view! {
        <div class="map-legend" data-testid="map-legend">
            <p class="map-legend-title">
                {move || match measure.get() {
                    Measure::Per100k => per_100k_text(d, Msg::MapLegendPer100k),
                    Measure::Count => d.t(Msg::MapLegendCount).to_string(),
                }}
            </p>
            <ul class="map-legend-classes">
                {entries}
                <li data-testid="map-legend-no-data">
                    <span class="map-swatch map-swatch-no-data" aria-hidden="true"></span>
                    <span>{move || d.t(Msg::MapLegendNoData)}</span>
                </li>
                <Show when=move || view.get() == MapView::Africa>
                    <li>
                        <span class="map-swatch map-swatch-context" aria-hidden="true"></span>
                        <span>{move || d.t(Msg::MapLegendOtherCountries)}</span>
                    </li>
                </Show>
            </ul>
            <Show when=illustrative>
                <p class="map-illustrative-note" data-testid="map-illustrative-note">
                    {move || d.t(Msg::MapIllustrativeNote)}
                </p>
            </Show>
            <Show when=move || view.get() == MapView::Morocco && places().is_some()>
                <p class="map-legend-title">{move || d.t(Msg::MapPlacesTitle)}</p>
                <ul class="map-places">
                    {move || {
                        places()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|p| view! { <li>{p}</li> })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </div>
    }
}

/// The same numbers as the map, as a table.
#[component]
fn MapTable(rows: Memo<Option<Rows>>, view: RwSignal<MapView>) -> impl IntoView {
    let d = use_dashboard();
    let body = move || {
        let locale = d.locale.get();
        let ds = d.dataset.get()?;
        let none = || locale.t(Msg::MapLegendNoData).to_string();
        rows.with(|r| {
            let r = r.as_ref()?;
            let lines = r
                .rows
                .iter()
                .map(|row| {
                    let name = area_name(&ds, locale, &row.code);
                    let count = row
                        .count
                        .map(|c| format::count(locale, c))
                        .unwrap_or_else(none);
                    let share = row
                        .share
                        .map(|s| format::number(locale, s, Style::Percent1))
                        .unwrap_or_else(none);
                    let per = row
                        .per_100k
                        .map(|v| format::number(locale, v, Style::Decimal1))
                        .unwrap_or_else(none);
                    let status = row
                        .status
                        .map(|s| status_text(locale, s).to_string())
                        .unwrap_or_else(none);
                    view! {
                        <tr data-code=row.code.clone()>
                            <th scope="row">{name}</th>
                            <td>{count}</td>
                            <td>{share}</td>
                            <td>{per}</td>
                            <td>{status}</td>
                        </tr>
                    }
                })
                .collect_view();
            let total = r
                .total
                .map(|t| format::count(locale, t))
                .unwrap_or_else(none);
            Some(view! {
                <tbody>{lines}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{locale.t(Msg::MapTableTotal)}</th>
                        <td>{total}</td>
                        <td></td>
                        <td></td>
                        <td></td>
                    </tr>
                </tfoot>
            })
        })
    };
    view! {
        <div class="map-table-wrap">
            <table class="map-table" data-testid="map-table">
                <caption>
                    {move || match view.get() {
                        MapView::Morocco => d.t(Msg::MapTableCaptionMorocco),
                        MapView::Africa => d.t(Msg::MapTableCaptionAfrica),
                    }}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">
                            {move || match view.get() {
                                MapView::Morocco => d.t(Msg::MapTableRegion),
                                MapView::Africa => d.t(Msg::MapTableCountry),
                            }}
                        </th>
                        <th scope="col">{move || d.t(Msg::MapTipValue)}</th>
                        <th scope="col">{move || d.t(Msg::MapTipShare)}</th>
                        <th scope="col">{move || per_100k_text(d, Msg::MapTipPer100k)}</th>
                        <th scope="col">{move || d.t(Msg::MapTipStatus)}</th>
                    </tr>
                </thead>
                {body}
            </table>
        </div>
    }
}

/// A "per 100,000 {population}" text, naming women or men under a gender filter.
fn per_100k_text(d: crate::state::Dashboard, msg: Msg) -> String {
    let l = d.locale.get();
    l.tf(
        msg,
        &[(
            "population",
            l.t(stats::per_100k_population(d.filter.get().gender)),
        )],
    )
}
