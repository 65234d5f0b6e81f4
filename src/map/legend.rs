//! The legend (browser): class breaks, no data, the illustrative note, program places.

use super::*;

/// Class breaks, the no-data swatch, the illustrative note, program places.
#[component]
pub(super) fn Legend(
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
            let items: Vec<String> = model::place_marks(ds)
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
                        &[
                            ("program", &crate::i18n::isolate(p.name.get(locale))),
                            ("place", &crate::i18n::isolate(&where_)),
                        ],
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
                    <span>{d.text(Msg::MapLegendNoData)}</span>
                </li>
                <Show when=move || view.get() == MapView::Africa>
                    <li>
                        <span class="map-swatch map-swatch-context" aria-hidden="true"></span>
                        <span>{d.text(Msg::MapLegendOtherCountries)}</span>
                    </li>
                </Show>
            </ul>
            <Show when=illustrative>
                <p class="map-illustrative-note" data-testid="map-illustrative-note">
                    {d.text(Msg::MapIllustrativeNote)}
                </p>
            </Show>
            <Show when=move || view.get() == MapView::Morocco && places().is_some()>
                <p class="map-legend-title">{d.text(Msg::MapPlacesTitle)}</p>
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
