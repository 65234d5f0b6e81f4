//! The explore pages' shared views (browser): the list of every program,
//! area and region (also shown by the not-found page), breadcrumbs, the
//! plain-language summary paragraph, a table of figures, and the frame that
//! waits for the data and sends unknown ids to the not-found page.

use crate::breakdown::BreakdownTable;
use crate::components::filter_bar::FilterBar;
use crate::components::shell::localized;
use crate::components::status::{DataLine, ErrorPanel};
use crate::i18n::{Locale, Msg};
use crate::model::Dataset;
use crate::pages::links::{self, EXPLORE_PATH, FigureRow, Kind, Link};
use crate::pages::not_found::NotFoundPage;
use crate::state::{DataStatus, use_dashboard};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

/// The id of the summary paragraph, which the page's `aria-describedby` names.
pub const SUMMARY_ID: &str = "page-summary";

/// A link that keeps the current language.
#[component]
pub fn PageLink(link: Link, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    let d = use_dashboard();
    let Link { path, text } = link;
    view! {
        <a href=move || localized(&path, d.locale.get()) data-testid=testid>
            <bdi>{text}</bdi>
        </a>
    }
}

/// The plain-language summary: the page's overview for screen readers.
#[component]
pub fn Summary(text: String) -> impl IntoView {
    view! {
        <p id=SUMMARY_ID class="page-summary" data-testid="page-summary">{text}</p>
    }
}

/// "Dashboard › Programs & regions › {kind} › {here}".
#[component]
pub fn Breadcrumbs(kind: Option<Kind>, here: String) -> impl IntoView {
    let d = use_dashboard();
    let l = d.locale.get_untracked();
    view! {
        <nav class="breadcrumbs" aria-label=l.t(Msg::PagesBreadcrumbLabel) data-testid="breadcrumbs">
            <ol>
                <li>
                    <a href=localized("/", l)>{l.t(Msg::AppNavDashboard)}</a>
                </li>
                {kind.map(|k| view! {
                    <li>
                        <a href=format!("{}#{}", localized(EXPLORE_PATH, l), k.segment())>{l.t(k.list_msg())}</a>
                    </li>
                })}
                <li>
                    <span aria-current="page"><bdi>{here}</bdi></span>
                </li>
            </ol>
        </nav>
    }
}

/// Every program, area and region, as three lists of links.
#[component]
pub fn Directory() -> impl IntoView {
    let d = use_dashboard();
    move || {
        let ds = d.dataset.get()?;
        let l = d.locale.get();
        Some(
            [Kind::Program, Kind::Area, Kind::Region]
                .into_iter()
                .map(|k| {
                    let id = format!("list-{}", k.segment());
                    let labelledby = id.clone();
                    view! {
                        <section class="directory-list" id=k.segment() aria-labelledby=labelledby>
                            <h2 id=id>{l.t(k.list_msg())}</h2>
                            <ul data-testid=format!("directory-{}", k.segment())>
                                {links::all(&ds, k, l)
                                    .into_iter()
                                    .map(|link| view! { <li><PageLink link=link/></li> })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view(),
        )
    }
}

/// A table of figures: indicator, value, where (and whom), status, source.
#[component]
pub fn FigureTable(
    caption: String,
    rows: Vec<FigureRow>,
    /// The first column's header and cells: the indicator (default) or the place.
    #[prop(optional)]
    by_place: bool,
    /// The caption repeats the section's heading: read, not shown.
    #[prop(optional)]
    caption_hidden: bool,
    /// Without the "Where" column (every row is the page's own place).
    #[prop(optional)]
    no_where: bool,
) -> impl IntoView {
    let d = use_dashboard();
    let l = d.locale.get_untracked();
    let head = if by_place {
        Msg::PagesColWhere
    } else {
        Msg::PagesColIndicator
    };
    let body = rows
        .into_iter()
        .map(|f| {
            let first = if by_place {
                match f.place_link.clone() {
                    Some(link) => view! { <PageLink link=link/> }.into_any(),
                    None => view! { <bdi>{f.place.clone()}</bdi> }.into_any(),
                }
            } else {
                view! { <bdi>{f.indicator.clone()}</bdi> }.into_any()
            };
            let place = if by_place {
                f.who.clone().unwrap_or_default()
            } else {
                match &f.who {
                    Some(w) => format!("{} · {}", f.place, w),
                    None => f.place.clone(),
                }
            };
            // The source ("publisher · title") is isolated in the page's
            // direction: by its first letter, an Arabic title after a Latin
            // publisher was laid out left to right, its parts out of order.
            view! {
                <tr data-status=f.status.as_str()>
                    <th scope="row">{first}</th>
                    <td class="num"><bdi>{f.value.clone()}</bdi></td>
                    {(!no_where).then(|| view! { <td><bdi>{place}</bdi></td> })}
                    <td><span class=f.status.badge_class()>{l.t(f.status.msg())}</span></td>
                    <td class="figure-source"><bdi dir=l.dir().as_str()>{f.source.clone()}</bdi></td>
                </tr>
            }
        })
        .collect_view();
    // A scrolling box on a phone: focusable, named by the caption.
    let label = caption.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class="figure-table">
                <caption class:visually-hidden=caption_hidden>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{l.t(head)}</th>
                        <th scope="col" class="num">{l.t(Msg::PagesColValue)}</th>
                        {(!no_where).then(|| view! {
                            <th scope="col">{l.t(if by_place { Msg::AppFilterGender } else { Msg::PagesColWhere })}</th>
                        })}
                        <th scope="col">{l.t(Msg::PagesColStatus)}</th>
                        <th scope="col">{l.t(Msg::PagesColSource)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// Keeps the document title at "{name} · Impact Atlas".
pub fn set_page_title(locale: Locale, name: &str) {
    crate::web::set_title(&format!("{name} · {}", locale.t(Msg::AppTitle)));
}

/// Renders `page` for the route parameter `param` once the data is there:
/// the error panel if the data never comes, the not-found page (naming the
/// id, listing the existing pages) when `page` returns `None`.
pub fn with_data<F>(param: &'static str, page: F) -> impl IntoView
where
    F: Fn(&Arc<Dataset>, &str, Locale) -> Option<AnyView> + Send + Sync + 'static,
{
    let d = use_dashboard();
    let params = use_params_map();
    move || {
        let l = d.locale.get();
        let raw = params.read().get(param).unwrap_or_default();
        let id = links::decode_segment(&raw).unwrap_or(raw);
        match (d.dataset.get(), d.status.get()) {
            (Some(ds), _) => match page(&ds, &id, l) {
                Some(v) => v,
                None => view! { <NotFoundPage unknown=id/> }.into_any(),
            },
            (None, DataStatus::Failed(e)) => view! { <ErrorPanel error=e/> }.into_any(),
            (None, _) => view! {
                <div class="page" aria-busy="true">
                    <p class="data-line">{l.t(Msg::PagesLoading)}</p>
                    <DataLine/>
                </div>
            }
            .into_any(),
        }
    }
}

/// `/explore`: the table of figures (issue 13), then the list of every
/// program, area and region (the breadcrumbs link to its `#programs`,
/// `#areas` and `#regions`).
#[component]
pub fn ExplorePage() -> impl IntoView {
    let d = use_dashboard();
    super::use_page_title(Msg::TableHeading);
    view! {
        <article class="page explore" data-testid="explore-page" aria-labelledby="explore-title" aria-describedby=SUMMARY_ID>
            <nav class="breadcrumbs" aria-label=d.text(Msg::PagesBreadcrumbLabel)>
                <ol>
                    <li><a href=move || localized("/", d.locale.get())>{d.text(Msg::AppNavDashboard)}</a></li>
                    <li><span aria-current="page">{d.text(Msg::TableHeading)}</span></li>
                </ol>
            </nav>
            <h1 id="explore-title">{d.text(Msg::TableHeading)}</h1>
            <p id=SUMMARY_ID class="page-summary">{d.text(Msg::TableLede)}</p>
            <DataLine/>
            <FilterBar/>
            <BreakdownTable/>
            <section class="explore-directory" aria-labelledby="explore-directory-title" data-testid="explore-directory">
                <h2 id="explore-directory-title">{d.text(Msg::TableDirectoryHeading)}</h2>
                <div class="directory">
                    <Directory/>
                </div>
            </section>
        </article>
    }
}
