//! A program area's page (browser), `/areas/{id}`: the view of `model`.

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
pub fn AreaPage() -> impl IntoView {
    with_data("id", move |ds, id, l| {
        let p = model::area_page(ds, id, l)?;
        set_page_title(l, &p.name);
        let t = |m: Msg| l.t(m);
        let figures: Vec<_> = p
            .figures
            .iter()
            .map(|(program, f)| {
                let mut f = f.clone();
                if let Some(program) = program {
                    f.place = format!("{} · {}", program.text, f.place);
                }
                f
            })
            .collect();
        let programs = if p.programs.is_empty() {
            view! { <p>{t(Msg::PagesAreaNoPrograms)}</p> }.into_any()
        } else {
            view! {
                <ul class="link-list" data-testid="area-programs">
                    {p.programs.iter().cloned().map(|link| view! { <li><PageLink link=link/></li> }).collect_view()}
                </ul>
            }
            .into_any()
        };
        let dashboard = format!(
            "{}&area={}",
            localized("/", l),
            crate::pages::links::encode_segment(&p.id)
        );
        Some(
            view! {
                <article class="page explore-page area-page" data-testid="area-page" data-id=p.id.clone()
                    aria-labelledby="page-title" aria-describedby=SUMMARY_ID>
                    <Breadcrumbs kind=Some(Kind::Area) here=p.name.clone()/>
                    <p class="page-kind">{t(Msg::PagesAreaKind)}</p>
                    <h1 id="page-title"><bdi>{p.name.clone()}</bdi></h1>
                    <Summary text=p.summary.clone()/>
                    {(!p.has_reported).then(|| view! {
                        <p class="notice notice-warning" data-testid="no-reported">{t(Msg::PagesAreaNoReported)}</p>
                    })}
                    <p class="page-actions"><a class="button button-quiet" href=dashboard data-testid="area-on-dashboard">{t(Msg::PagesOnDashboard)}</a> <PrintButton/></p>
                    <section aria-labelledby="area-figures-title">
                        <h2 id="area-figures-title">{t(Msg::PagesFiguresTitle)}</h2>
                        <FigureTable caption=t(Msg::PagesFiguresTitle).to_string() rows=figures caption_hidden=true/>
                    </section>
                    <section aria-labelledby="area-programs-title">
                        <h2 id="area-programs-title">{t(Msg::PagesAreaProgramsTitle)}</h2>
                        {programs}
                    </section>
                    {(!p.by_gender.is_empty()).then(|| view! {
                        <section>
                            <FigureTable caption=t(Msg::PagesAreaByGenderTitle).to_string() rows=p.by_gender.clone() by_place=true/>
                        </section>
                    })}
                    {(!p.by_region.is_empty()).then(|| view! {
                        <section>
                            <FigureTable caption=t(Msg::PagesAreaByRegionTitle).to_string() rows=p.by_region.clone() by_place=true/>
                        </section>
                    })}
                </article>
            }
            .into_any(),
        )
    })
}
