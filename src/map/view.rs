//! The map panel (browser): its controls, the selected-region line, and the layout of its parts.

use super::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

/// How a widget shows the map (`crate::embed`): a fixed view and measure,
/// no view/measure toggles, its heading for screen readers only, ids of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapEmbed {
    pub view: MapView,
    pub measure: Measure,
}

/// The map panel of the dashboard (or of a widget, with `embed`).
#[component]
pub fn MapPanel(#[prop(optional)] embed: Option<MapEmbed>) -> impl IntoView {
    let d = use_dashboard();
    let instance = if embed.is_some() { next_instance() } else { 0 };
    let title_id = instance_id(TITLE_ID, instance);
    let title_id2 = title_id.clone();
    // The dashboard's map keeps its view and measure in the address
    // (`view=africa`, `measure=per100k`, as the map widget's), so that a
    // shared link, the back button and a widget's "View on Impact Atlas"
    // link open the same map; a widget's are fixed by its options.
    let query = use_query_map();
    let from_url = Memo::new(move |_| crate::embed::params::map_state(|k| query.read().get(k)));
    let (url_view, url_measure) = from_url.get_untracked();
    let view_kind = RwSignal::new(embed.map_or(url_view, |e| e.view));
    let measure = RwSignal::new(embed.map_or(url_measure, |e| e.measure));
    if embed.is_none() {
        // Back and forward.
        Effect::new(move |_| {
            let (v, m) = from_url.get();
            if view_kind.get_untracked() != v {
                view_kind.set(v);
            }
            if measure.get_untracked() != m {
                measure.set(m);
            }
        });
    }
    let navigate = use_navigate();
    let location = use_location();
    let write_url = Callback::new(move |(v, m): (MapView, Measure)| {
        if embed.is_some() {
            return;
        }
        let mut params = query.get_untracked();
        for (k, value) in crate::embed::params::map_params(v, m) {
            match value {
                Some(value) => params.replace(k, value),
                None => {
                    params.remove(k);
                }
            }
        }
        navigate(
            &format!(
                "{}{}",
                location.pathname.get_untracked(),
                params.to_query_string()
            ),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
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
                MapView::Morocco => model::region_rows(ds, &filter),
                MapView::Africa => model::country_rows(ds, &filter),
            })
        })
    });
    let classes = Memo::new(move |_| {
        let m = measure_now();
        rows.with(|r| r.as_ref().and_then(|r| r.classes(m)))
    });
    // Issue 14 (H18): the frame after a filter change shows the map's fills
    // and labels and the controls; the panel's side (tooltip, legend, table)
    // follows with the other slow panels (`Dashboard::shown_filter`), so
    // that the input's frame rebuilds none of their texts. So do the areas'
    // names for screen readers (`MapSvg`'s `labels`, H21). Once the filter
    // is shown, its rows are the map's own (no second computation).
    let shown_rows = crate::state::shown_memo(
        d.filter,
        d.shown_filter,
        rows,
        move || {
            view_kind.track();
            d.dataset.track();
        },
        move |shown| {
            let view = view_kind.get_untracked();
            d.dataset.with_untracked(|ds| {
                ds.as_ref().map(|ds| match view {
                    MapView::Morocco => model::region_rows(ds, shown),
                    MapView::Africa => model::country_rows(ds, shown),
                })
            })
        },
    );
    let shown_classes = Memo::new(move |_| {
        let m = measure_now();
        shown_rows.with(|r| r.as_ref().and_then(|r| r.classes(m)))
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
        write_url.run((v, measure.get_untracked()));
    };
    let set_measure = move |m: Measure| {
        crate::web::mark("map-toggle");
        measure.set(m);
        write_url.run((view_kind.get_untracked(), m));
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
            aria-labelledby=title_id.clone()
            on:keydown=on_escape
        >
            <header class="map-header">
                <h2 id=title_id2 class:visually-hidden=embed.is_some()>{d.text(Msg::MapTitle)}</h2>
                <p class="map-subtitle">
                    {move || match view_kind.get() {
                        MapView::Morocco => d.t(Msg::MapSubtitleMorocco),
                        MapView::Africa => d.t(Msg::MapSubtitleAfrica),
                    }}
                </p>
            </header>
            <div class="map-controls">
                <Show when=move || embed.is_none()>
                <div class="map-toggle" role="group" aria-label=d.text(Msg::MapViewLabel)>
                    {toggle_button("map-view-morocco", view_kind, MapView::Morocco, toggle_view, Signal::derive(move || d.t(Msg::MapViewMorocco).to_string()))}
                    {toggle_button("map-view-africa", view_kind, MapView::Africa, toggle_view, Signal::derive(move || d.t(Msg::MapViewAfrica).to_string()))}
                </div>
                <Show when=move || view_kind.get() == MapView::Morocco>
                    <div
                        class="map-toggle"
                        role="group"
                        aria-label=d.text(Msg::MapMeasureLabel)
                    >
                        {toggle_button("map-measure-count", measure, Measure::Count, set_measure, Signal::derive(move || d.t(Msg::MapMeasureCount).to_string()))}
                        {toggle_button("map-measure-per100k", measure, Measure::Per100k, set_measure, Signal::derive(move || per_100k_text(d, Msg::MapMeasurePer100k)))}
                    </div>
                </Show>
                </Show>
                <button
                    type="button"
                    class="map-table-toggle"
                    data-testid="map-table-toggle"
                    aria-pressed=move || bool_str(show_table.get())
                    on:click=move |_| show_table.update(|s| *s = !*s)
                >
                    {d.text(Msg::MapShowTable)}
                </button>
            </div>
            <SelectedLine/>
            <div class="map-body">
                {move || {
                    if d.dataset.with(Option::is_none) {
                        return view! {
                            <div class="map-frame map-skeleton" aria-busy="true">
                                <span class="visually-hidden">{d.text(Msg::MapLoading)}</span>
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
                                    labels=shown_rows
                                    classes=classes
                                    measure=Signal::derive(measure_now)
                                    active=active
                                    instance=instance
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
                    <Tip rows=shown_rows view=view_kind active=active instance=instance/>
                    <Legend
                        classes=shown_classes
                        rows=shown_rows
                        measure=Signal::derive(measure_now)
                        view=view_kind
                    />
                </div>
            </div>
            <Show when=move || show_table.get()>
                <MapTable rows=shown_rows view=view_kind/>
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
    // One concrete type (not `impl Fn`): the button is compiled once per `T`,
    // not once per label (issue 14, size).
    label: Signal<String>,
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

/// "Selected region: X [clear]" when the filter has a region.
#[component]
fn SelectedLine() -> impl IntoView {
    let d = use_dashboard();
    let name = move || {
        let code = d.shown_filter.get().region?;
        let locale = d.locale.get();
        d.dataset
            .with(|ds| ds.as_ref().map(|ds| area_name(ds, locale, &code)))
    };
    view! {
        <Show when=move || name().is_some()>
            <p class="map-selected" data-testid="map-selected">
                <span>{move || d.tf(Msg::MapSelected, &[("name", &crate::i18n::isolate(&name().unwrap_or_default()))])}</span>
                <button type="button" class="map-clear" on:click=move |_| select_region(d, None)>
                    {d.text(Msg::MapClearRegion)}
                </button>
            </p>
        </Show>
    }
}
