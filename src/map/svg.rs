//! The map drawing (browser): regions or countries as SVG paths, markers, labels, keyboard moves.

use super::*;

/// The arrow keys move the focus between areas (right/down: next).
fn arrow_keys(ev: &leptos::ev::KeyboardEvent) {
    let forward = match ev.key().as_str() {
        "ArrowRight" | "ArrowDown" => true,
        "ArrowLeft" | "ArrowUp" => false,
        _ => return,
    };
    ev.prevent_default();
    focus_sibling(ev, forward);
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
    // Regions and countries are SVG paths: focus them as SVG elements.
    if let Some(el) = target.dyn_ref::<web_sys::SvgElement>() {
        let _ = el.focus();
    }
}

/// The SVG: areas, the no-data pattern, markers, outlines of the focused and
/// selected areas. `rows` colour the areas in the frame after a change;
/// `labels` (the rows of the filter the slow panels show) name them for
/// screen readers, a frame later (issue 14, H21: twelve numbers formatted
/// and written outside the input's task).
#[component]
#[allow(clippy::too_many_arguments)]
pub(super) fn MapSvg(
    layout: &'static Layout,
    view: MapView,
    rows: Memo<Option<Rows>>,
    labels: Memo<Option<Rows>>,
    classes: Memo<Option<Classes>>,
    measure: Signal<Measure>,
    active: RwSignal<Option<String>>,
    instance: usize,
) -> impl IntoView {
    let d = use_dashboard();
    let label = move || match view {
        MapView::Morocco => d.t(Msg::MapSvgLabelMorocco),
        MapView::Africa => d.t(Msg::MapSvgLabelAfrica),
    };
    let viewbox = format!("0 0 {WIDTH} {HEIGHT}");
    // Issue 14 (H18): the selected region alone, so that a change of the
    // area or gender filter wakes neither the areas' pressed states nor the
    // selection's outline (whose `d` is a long path).
    let region = Memo::new(move |_| d.filter.with(|f| f.region.clone()));
    let areas = layout
        .shapes
        .iter()
        .map(|s| {
            area_path(
                d, s, view, rows, labels, classes, measure, active, instance, region,
            )
        })
        .collect_view();
    let d_of = move |code: Option<String>| {
        code.and_then(|c| layout.shape(&c).map(|s| s.d.clone()))
            .unwrap_or_default()
    };
    let selected_d = move || match view {
        MapView::Morocco => d_of(region.get()),
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
                        id=instance_id(HATCH_ID, instance)
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
#[allow(clippy::too_many_arguments)]
fn area_path(
    d: Dashboard,
    s: &'static Shape,
    view: MapView,
    rows: Memo<Option<Rows>>,
    labels: Memo<Option<Rows>>,
    classes: Memo<Option<Classes>>,
    measure: Signal<Measure>,
    active: RwSignal<Option<String>>,
    instance: usize,
    region: Memo<Option<String>>,
) -> AnyView {
    let code: &'static str = s.code.as_str();
    // Stored values are `Copy`, as the closures below must be.
    let no_data_fill = StoredValue::new(format!("url(#{})", instance_id(HATCH_ID, instance)));
    let tip_id = StoredValue::new(instance_id(TIP_ID, instance));
    let in_data = move || rows.with(|r| r.as_ref().is_some_and(|r| r.get(code).is_some()));
    let fill = move || {
        let m = measure.get();
        let v = rows.with(|r| r.as_ref().and_then(|r| r.get(code)?.value(m)));
        classes
            .with(|c| c.as_ref().zip(v).and_then(|(c, v)| c.fill_of(v)))
            .map(str::to_string)
            .unwrap_or_else(|| no_data_fill.get_value())
    };
    let label = move || {
        let locale = d.locale.get();
        d.dataset.with(|ds| {
            let Some(ds) = ds.as_ref() else {
                return String::new();
            };
            let name = area_name(ds, locale, code);
            labels.with(|r| area_label(locale, &name, r.as_ref().and_then(|r| r.get(code))))
        })
    };
    // Issue 14: set only when it changes (a click focuses the area the
    // pointer is already over, a blur leaves one that is no longer active):
    // every set wakes the tooltip and the outline.
    let enter = move || {
        if active.with_untracked(|a| a.as_deref() != Some(code)) {
            active.set(Some(code.to_string()));
        }
    };
    let leave = move || {
        if active.with_untracked(|a| a.as_deref() == Some(code)) {
            active.set(None);
        }
    };
    match view {
        MapView::Morocco => {
            let pressed = move || bool_str(region.with(|r| r.as_deref() == Some(code)));
            let on_key = move |ev: leptos::ev::KeyboardEvent| {
                if matches!(ev.key().as_str(), "Enter" | " ") {
                    ev.prevent_default();
                    toggle_region(d, code);
                } else {
                    arrow_keys(&ev);
                }
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
                    aria-describedby=move || tip_id.get_value()
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
            let on_key = move |ev: leptos::ev::KeyboardEvent| arrow_keys(&ev);
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
                        aria-describedby=move || tip_id.get_value()
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
            let mut marks: Vec<(geo::Pt, String)> = model::place_marks(ds)
                .into_iter()
                .map(|m| {
                    // The place's short name ("Khouribga"); the program and the
                    // full locality are listed under the legend.
                    let program = ds.program(&m.program);
                    let name = program
                        .and_then(|p| p.places.get(m.place)?.locality.as_ref())
                        .map(|l| model::short_place(l.get(locale)).to_string())
                        .or_else(|| program.map(|p| p.name.get(locale).to_string()))
                        .unwrap_or(m.program);
                    (layout.projection.project(m.lon_lat), name)
                })
                .collect();
            crate::sort::sort_by(&mut marks, |a, b| a.0[0].total_cmp(&b.0[0]));
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
