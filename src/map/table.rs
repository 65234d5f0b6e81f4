//! The map as a table (browser): the same rows as the tooltip, formatted once.

use super::*;

/// The same numbers as the map, as a table.
#[component]
pub(super) fn MapTable(rows: Memo<Option<Rows>>, view: RwSignal<MapView>) -> impl IntoView {
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
                    let t = RowTexts::new(&ds, locale, &row.code, Some(row));
                    let (name, count, share, status) = (t.name, t.count, t.share, t.status);
                    let per = t.per_100k.unwrap_or_else(none);
                    // Issue 12: a region's name leads to its page.
                    let head = match ds.region(&row.code) {
                        Some(r) => {
                            let href = crate::components::shell::localized(
                                &crate::pages::links::path(
                                    crate::pages::links::Kind::Region,
                                    &r.code,
                                ),
                                locale,
                            );
                            view! { <a href=href>{name}</a> }.into_any()
                        }
                        None => name.into_any(),
                    };
                    view! {
                        <tr data-code=row.code.clone()>
                            <th scope="row">{head}</th>
                            <td>{count}</td>
                            <td>{share}</td>
                            <td>{per}</td>
                            <td>{status}</td>
                        </tr>
                    }
                })
                .collect_view();
            let total_status = r
                .total_status()
                .map(|s| locale.t(s.msg()).to_string())
                .unwrap_or_else(none);
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
                        <td data-testid="map-total-status">{total_status}</td>
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
                        <th scope="col">{d.text(Msg::MapTipValue)}</th>
                        <th scope="col">{d.text(Msg::MapTipShare)}</th>
                        <th scope="col">{move || per_100k_text(d, Msg::MapTipPer100k)}</th>
                        <th scope="col">{d.text(Msg::MapTipStatus)}</th>
                    </tr>
                </thead>
                {body}
            </table>
        </div>
    }
}
