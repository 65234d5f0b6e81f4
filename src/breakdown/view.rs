//! The table of figures (browser): the pickers, the sortable table in its
//! scrolling region, the notes, the CSV download and the link. Everything
//! it shows comes from `super::model`; the parameters live in the URL.

use super::model::{Breakdown, Column, Row, breakdown};
use super::params::{self, Dim, Dir, Measure, Params, SORT_NAME};
use crate::i18n::{Msg, isolate};
use crate::state::use_dashboard;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

/// The longest part of a refused URL value quoted in a notice.
const MAX_QUOTED: usize = 40;

#[component]
pub fn BreakdownTable() -> impl IntoView {
    let d = use_dashboard();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let read = Memo::new(move |_| {
        let q = query.read();
        params::read(|k| q.get(k))
    });
    let model = Memo::new(move |_| {
        let ds = d.dataset.get()?;
        let (p, ignored) = read.get();
        Some(breakdown(&ds, &d.filter.get(), &p, ignored, d.locale.get()))
    });
    let applied = Memo::new(move |_| {
        model.with(|m| m.as_ref().map(|m| m.params.clone()).unwrap_or_default())
    });
    let set_params = Callback::new(move |p: Params| {
        let mut q = query.get_untracked();
        for (k, v) in params::updates(&p) {
            match v {
                Some(v) => q.replace(k, v),
                None => {
                    q.remove(k);
                }
            }
        }
        let path = location.pathname.get_untracked();
        navigate(
            &format!("{path}{}", q.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    // The address of exactly this table (under the site's sub-path, if any).
    let base = crate::app::base_path();
    let link = Memo::new(move |_| {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        // The router's `search` has no leading `?`.
        let search = location.search.get();
        let q = search.trim_start_matches('?');
        let sep = if q.is_empty() { "" } else { "?" };
        let path = location.pathname.get();
        let base = if path.starts_with(base.as_str()) {
            ""
        } else {
            base.as_str()
        };
        format!("{origin}{base}{path}{sep}{q}")
    });

    let on_rows = move |v: String| {
        let mut p = applied.get_untracked();
        if let Some(rows) = Dim::parse(&v) {
            p.rows = rows;
            p.cols = p.cols.filter(|c| rows.crosses(*c));
            p.sort = p.sort.filter(|s| s == SORT_NAME);
            set_params.run(p);
        }
    };
    let on_cols = move |v: String| {
        let mut p = applied.get_untracked();
        p.cols = Dim::parse(&v).filter(|c| p.rows.crosses(*c));
        p.sort = p.sort.filter(|s| s == SORT_NAME);
        set_params.run(p);
    };
    let on_measure = move |v: String| {
        let mut p = applied.get_untracked();
        if let Some(m) = Measure::parse(&v) {
            p.measure = m;
            set_params.run(p);
        }
    };
    let on_sort = move |key: String| {
        let mut p = applied.get_untracked();
        if p.sort.as_deref() == Some(key.as_str()) {
            p.dir = match p.dir {
                Dir::Asc => Dir::Desc,
                Dir::Desc => Dir::Asc,
            };
        } else {
            p.dir = if key == SORT_NAME {
                Dir::Asc
            } else {
                Dir::Desc
            };
            p.sort = Some(key);
        }
        set_params.run(p);
    };

    let download = move |_| {
        let Some(ds) = d.dataset.get_untracked() else {
            return;
        };
        let l = d.locale.get_untracked();
        model.with_untracked(|m| {
            if let Some(m) = m {
                let p = &m.params;
                let mut file = format!("impact-atlas-table-{}", p.rows.as_str());
                if let Some(c) = p.cols {
                    file.push('-');
                    file.push_str(c.as_str());
                }
                file.push('-');
                file.push_str(p.measure.as_str());
                file.push_str(".csv");
                crate::charts::view::download_text(&m.csv(&ds, l, &link.get_untracked()), &file);
            }
        });
    };
    // "" idle, "ok" copied, "fail" refused.
    let copied = RwSignal::new("");
    let copy = move |_| {
        leptos::task::spawn_local(async move {
            copied.set(if crate::web::copy_current_url().await {
                "ok"
            } else {
                "fail"
            });
        });
    };

    let rows_options = move || {
        let p = applied.get();
        Dim::ALL
            .into_iter()
            .map(|dim| {
                let sel = dim == p.rows;
                view! { <option value=dim.as_str() selected=sel>{d.t(dim.msg())}</option> }
            })
            .collect_view()
    };
    let cols_options = move || {
        let p = applied.get();
        let none =
            view! { <option value="" selected=p.cols.is_none()>{d.t(Msg::TableColsNone)}</option> };
        let rest = Dim::ALL
            .into_iter()
            .filter(|c| p.rows.crosses(*c))
            .map(|dim| {
                let sel = Some(dim) == p.cols;
                view! { <option value=dim.as_str() selected=sel>{d.t(dim.msg())}</option> }
            })
            .collect_view();
        (none, rest)
    };
    let measure_options = move || {
        let p = applied.get();
        Measure::ALL
            .into_iter()
            .map(|m| {
                let sel = m == p.measure;
                view! { <option value=m.as_str() selected=sel>{d.t(m.msg())}</option> }
            })
            .collect_view()
    };

    // The header only changes with the columns: its buttons keep the focus
    // while the rows are sorted.
    let head = Memo::new(move |_| {
        model.with(|m| {
            m.as_ref()
                .map(|m| (m.row_head.clone(), m.columns.clone()))
                .unwrap_or_default()
        })
    });
    let sort_state = move |key: &str| -> Option<&'static str> {
        let p = applied.get();
        (p.sort.as_deref() == Some(key)).then(|| p.dir.aria())
    };
    let header = move || {
        let (row_head, columns) = head.get();
        let sortable = move |key: String, text: String, num: bool| {
            let k1 = key.clone();
            let k2 = key.clone();
            let k3 = key.clone();
            view! {
                <th scope="col" class:num=num aria-sort=move || sort_state(&k1)>
                    <button
                        type="button"
                        class="sort-button"
                        data-sort=key.clone()
                        title=d.text(Msg::TableSortHint)
                        on:click=move |_| on_sort(k2.clone())
                    >
                        <span>{text}</span>
                        <span class="sort-mark" aria-hidden="true">
                            {move || match sort_state(&k3) {
                                Some("ascending") => "▲",
                                Some(_) => "▼",
                                None => "↕",
                            }}
                        </span>
                    </button>
                </th>
            }
        };
        let cols = columns
            .into_iter()
            .map(|Column { key, head }| sortable(key, head, true))
            .collect_view();
        view! {
            <tr>
                {sortable(SORT_NAME.to_string(), row_head, false)}
                {cols}
                <th scope="col" class="breakdown-sources">{d.t(Msg::ChartsColSource)}</th>
            </tr>
        }
    };
    let row_view = move |r: Row, m: &Breakdown, total: bool| {
        let l = d.locale.get_untracked();
        let measure = m.measure;
        let keys: Vec<String> = m.columns.iter().map(|c| c.key.clone()).collect();
        let cells = r
            .cells
            .iter()
            .zip(keys)
            .map(|(v, key)| {
                let status = v.status().map(|s| s.as_str());
                let status_text = v.status_text(l);
                view! {
                    <td class="num" data-col=key data-status=status>
                        <span class="cell-value"><bdi>{v.text(l, measure)}</bdi></span>
                        <span class="cell-status" hidden=status_text.is_empty()>{status_text.clone()}</span>
                    </td>
                }
            })
            .collect_view();
        view! {
            <tr class:breakdown-total=total data-key=r.key.clone()>
                <th scope="row"><bdi>{r.name.clone()}</bdi></th>
                {cells}
                <td class="breakdown-sources"><bdi>{r.sources.clone()}</bdi></td>
            </tr>
        }
    };

    let ready = move || model.with(Option::is_some);
    view! {
        <section class="breakdown" aria-labelledby="breakdown-table-title" data-testid="breakdown">
            <h2 id="breakdown-table-title" class="visually-hidden">{d.text(Msg::TableHeading)}</h2>
            <div role="status" class="breakdown-notices" data-testid="table-notices">
                {move || {
                    let l = d.locale.get();
                    let ignored = model.with(|m| m.as_ref().map(|m| m.ignored.clone()).unwrap_or_default());
                    ignored
                        .into_iter()
                        .map(|i| {
                            let value: String = i.value.chars().take(MAX_QUOTED).collect();
                            view! {
                                <p class="notice notice-warning" data-testid="table-notice">
                                    {l.tf(Msg::TableIgnored, &[("param", i.param), ("value", &isolate(&value))])}
                                </p>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <div class="breakdown-controls" role="group" aria-label=d.text(Msg::TableControlsLabel)>
                <div class="filter-field">
                    <label for="table-rows">{d.text(Msg::TableRowsLabel)}</label>
                    <select id="table-rows" data-testid="table-rows" on:change=move |ev| on_rows(event_target_value(&ev))>
                        {rows_options}
                    </select>
                </div>
                <div class="filter-field">
                    <label for="table-cols">{d.text(Msg::TableColsLabel)}</label>
                    <select id="table-cols" data-testid="table-cols" on:change=move |ev| on_cols(event_target_value(&ev))>
                        {cols_options}
                    </select>
                </div>
                <div class="filter-field">
                    <label for="table-measure">{d.text(Msg::TableMeasureLabel)}</label>
                    <select id="table-measure" data-testid="table-measure" on:change=move |ev| on_measure(event_target_value(&ev))>
                        {measure_options}
                    </select>
                </div>
            </div>
            <Show
                when=ready
                fallback=move || view! { <p class="data-line" aria-busy="true">{d.text(Msg::TableLoading)}</p> }
            >
                <p class="breakdown-filter" data-testid="table-filter">
                    {move || model.with(|m| m.as_ref().map(|m| m.filter_note.clone()))}
                </p>
                <div
                    class="breakdown-wrap"
                    tabindex="0"
                    role="region"
                    aria-labelledby="breakdown-caption"
                    data-testid="table-region"
                >
                    <table class="breakdown-table" data-testid="breakdown-table">
                        <caption id="breakdown-caption">
                            {move || model.with(|m| m.as_ref().map(|m| m.title.clone()))}
                        </caption>
                        <thead>{header}</thead>
                        <tbody>
                            {move || {
                                model.with(|m| {
                                    m.as_ref().map(|m| {
                                        m.rows.iter().cloned().map(|r| row_view(r, m, false)).collect_view()
                                    })
                                })
                            }}
                        </tbody>
                        <tfoot>
                            {move || model.with(|m| m.as_ref().map(|m| row_view(m.total.clone(), m, true)))}
                        </tfoot>
                    </table>
                </div>
                <ul class="breakdown-notes" data-testid="table-notes">
                    {move || {
                        model
                            .with(|m| m.as_ref().map(|m| m.notes.clone()).unwrap_or_default())
                            .into_iter()
                            .map(|n| view! { <li>{n}</li> })
                            .collect_view()
                    }}
                </ul>
                <div class="breakdown-actions">
                    <button type="button" class="button" data-testid="table-download-csv" on:click=download>
                        {d.text(Msg::TableDownloadCsv)}
                    </button>
                    <button type="button" class="button button-quiet" data-testid="table-copy-link" on:click=copy>
                        {d.text(Msg::TableCopyLink)}
                    </button>
                    <span class="share-status" role="status" data-testid="table-copy-status">
                        {move || match copied.get() {
                            "ok" => d.t(Msg::AppShareCopied),
                            "fail" => d.t(Msg::AppShareFailed),
                            _ => "",
                        }}
                    </span>
                </div>
                <p class="breakdown-link">
                    <label for="table-link">{d.text(Msg::TableLinkLabel)}</label>
                    <input id="table-link" type="text" readonly dir="ltr" data-testid="table-link" prop:value=move || link.get()/>
                </p>
            </Show>
        </section>
    }
}
