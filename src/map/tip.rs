//! The tooltip (browser): the figures of the area under the pointer or focus.

use super::*;

/// The figures of the area under the pointer or focus (or of the selected
/// region); a hint when there is none.
#[component]
pub(super) fn Tip(
    rows: Memo<Option<Rows>>,
    view: RwSignal<MapView>,
    active: RwSignal<Option<String>>,
    instance: usize,
) -> impl IntoView {
    let d = use_dashboard();
    let content = move || {
        let locale = d.locale.get();
        let code = active.get().or_else(|| match view.get() {
            MapView::Morocco => d.shown_filter.get().region,
            MapView::Africa => None,
        });
        let ds: Option<Arc<Dataset>> = d.dataset.get();
        let (Some(code), Some(ds)) = (code, ds) else {
            return view! { <p class="map-tip-hint">{locale.t(Msg::MapTipHint)}</p> }.into_any();
        };
        let row = rows.with(|r| r.as_ref().and_then(|r| r.get(&code).cloned()));
        let RowTexts {
            name,
            count: value,
            share,
            per_100k: per,
            status,
            source,
            illustrative,
        } = RowTexts::new(&ds, locale, &code, row.as_ref());
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
                                <dt>{locale.tf(Msg::MapTipPer100k, &[("population", locale.t(model::per_100k_population(d.shown_filter.get_untracked().gender)))])}</dt>
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
            // Issue 12: the region's own page (a click on the map still filters).
            {ds.region(&code)
                .map(|r| {
                    let href = crate::components::shell::localized(
                        &crate::pages::links::path(crate::pages::links::Kind::Region, &r.code),
                        locale,
                    );
                    view! {
                        <p class="map-tip-link">
                            <a href=href data-testid="map-tip-region-link">
                                {locale.t(Msg::PagesRegionOpen)} ": " <bdi>{r.name.get(locale).to_string()}</bdi>
                            </a>
                        </p>
                    }
                })}
        }
            .into_any()
    };
    view! {
        <div id=instance_id(TIP_ID, instance) class="map-tip" data-testid="map-tooltip">
            {content}
        </div>
    }
}
