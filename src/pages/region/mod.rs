//! A region's page (browser), `/regions/{code}`: the view of `model`.

pub mod model;

use crate::components::shell::localized;
use crate::i18n::Msg;
use crate::pages::explore::{
    Breadcrumbs, FigureTable, PageLink, SUMMARY_ID, Summary, set_page_title, with_data,
};
use crate::pages::links::Kind;
use crate::print::view::PrintButton;
use leptos::prelude::*;

#[component]
pub fn RegionPage() -> impl IntoView {
    with_data("code", move |ds, code, l| {
        let p = model::region_page(ds, code, l)?;
        set_page_title(l, &p.name);
        let t = |m: Msg| l.t(m);
        let na = || t(Msg::PagesNotAvailable).to_string();
        let illustrative = p.is_illustrative();
        let b = p.beneficiaries.clone();
        let value = b.as_ref().map(|b| b.value.clone()).unwrap_or_else(na);
        let status = b.as_ref().map(|b| {
            view! { <span class=b.status.badge_class()>{l.t(b.status.msg())}</span> }
        });
        let source = b.as_ref().map(|b| b.source.clone());
        let dashboard = format!(
            "{}&region={}",
            localized("/", l),
            crate::pages::links::encode_segment(&p.code)
        );
        let pop_rows = p
            .population
            .iter()
            .map(|r| {
                let cells = r
                    .cells
                    .iter()
                    .map(|c| view! { <td class="num">{c.clone().unwrap_or_else(na)}</td> })
                    .collect_view();
                view! { <tr><th scope="row">{r.label.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        let programs = if p.programs.is_empty() {
            view! { <p>{t(Msg::PagesRegionNoPrograms)}</p> }.into_any()
        } else {
            view! {
                <ul class="link-list" data-testid="region-programs">
                    {p.programs.iter().cloned().map(|link| view! { <li><PageLink link=link/></li> }).collect_view()}
                </ul>
            }
            .into_any()
        };
        let by_area: Vec<_> = p
            .by_area
            .iter()
            .map(|(link, f)| {
                let mut f = f.clone();
                f.indicator = link.text.clone();
                f
            })
            .collect();
        let pager = |link: Option<crate::pages::links::Link>,
                     msg: Msg,
                     rel: &'static str,
                     testid: &'static str| {
            link.map(|link| {
                let text = l.tf(msg, &[("name", &link.text)]);
                view! {
                    <a href=localized(&link.path, l) rel=rel data-testid=testid><bdi>{text}</bdi></a>
                }
            })
        };
        Some(
            view! {
                <article class="page explore-page region-page" data-testid="region-page" data-code=p.code.clone()
                    aria-labelledby="page-title" aria-describedby=SUMMARY_ID>
                    <Breadcrumbs kind=Some(Kind::Region) here=p.name.clone()/>
                    <p class="page-kind">{t(Msg::PagesRegionKind)}</p>
                    <h1 id="page-title"><bdi>{p.name.clone()}</bdi></h1>
                    <Summary text=p.summary.clone()/>
                    <dl class="key-figures" data-testid="region-figures">
                        <div>
                            <dt>{t(Msg::PagesRegionBeneficiaries)}</dt>
                            <dd>
                                <span class="key-value"><bdi>{value}</bdi></span>
                                " " {status}
                            </dd>
                        </div>
                        <div>
                            <dt>{t(Msg::PagesRegionPer100k)}</dt>
                            <dd><span class="key-value">{p.per_100k.clone().unwrap_or_else(na)}</span></dd>
                        </div>
                        <div>
                            <dt>{t(Msg::PagesRegionRank)}</dt>
                            <dd data-testid="region-rank"><span class="key-value">{p.rank_text.clone().unwrap_or_else(na)}</span></dd>
                        </div>
                    </dl>
                    {illustrative.then(|| view! {
                        <p class="notice notice-info" data-testid="illustrative-note">{t(Msg::AppIllustrativeNote)}</p>
                    })}
                    {source.map(|s| view! { <p class="figure-source-line">{t(Msg::PagesColSource)} ": " <bdi dir=l.dir().as_str()>{s}</bdi></p> })}
                    <p class="page-actions"><a class="button button-quiet" href=dashboard data-testid="region-on-dashboard">{t(Msg::PagesOnDashboard)}</a> <PrintButton/></p>

                    <section aria-labelledby="region-programs-title">
                        <h2 id="region-programs-title">{t(Msg::PagesRegionProgramsTitle)}</h2>
                        {programs}
                    </section>

                    {(!by_area.is_empty()).then(|| view! {
                        <section>
                            <FigureTable caption=t(Msg::PagesRegionByAreaTitle).to_string() rows=by_area no_where=!p.by_area_where/>
                        </section>
                    })}

                    {(!p.population.is_empty()).then(|| {
                        let year = p.census_year.to_string();
                        view! {
                            <section aria-labelledby="region-population-title">
                                <h2 id="region-population-title">{l.tf(Msg::PagesRegionPopulationTitle, &[("year", &year)])}</h2>
                                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="region-population-title">
                                    <table class="figure-table" data-testid="region-population">
                                        <caption>{l.tf(Msg::PagesRegionPopulationCaption, &[("year", &year)])}</caption>
                                        <thead>
                                            <tr>
                                                <td></td>
                                                <th scope="col" class="num">{t(Msg::PagesPopTotal)}</th>
                                                <th scope="col" class="num">{t(Msg::PagesPopUrban)}</th>
                                                <th scope="col" class="num">{t(Msg::PagesPopRural)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{pop_rows}</tbody>
                                    </table>
                                </div>
                                <p class="figure-source-line">{t(Msg::PagesColSource)} ": " <bdi dir=l.dir().as_str()>{p.census_source.clone()}</bdi></p>
                            </section>
                        }
                    })}

                    <nav class="pager" aria-label=t(Msg::PagesRegionPager)>
                        {pager(p.prev.clone(), Msg::PagesRegionPrev, "prev", "region-prev")}
                        {pager(p.next.clone(), Msg::PagesRegionNext, "next", "region-next")}
                    </nav>
                </article>
            }
            .into_any(),
        )
    })
}
