//! A program's page (browser), `/programs/{id}`: the view of `model`.

pub mod model;

use crate::i18n::{Msg, isolate};
use crate::map::MiniMap;
use crate::pages::explore::{
    Breadcrumbs, FigureTable, PageLink, SUMMARY_ID, Summary, set_page_title, with_data,
};
use crate::pages::links::Kind;
use crate::print::view::PrintButton;
use leptos::prelude::*;

#[component]
pub fn ProgramPage() -> impl IntoView {
    with_data("id", move |ds, id, l| {
        let p = model::program_page(ds, id, l)?;
        set_page_title(l, &p.name);
        let t = |m: Msg| l.t(m);
        let figures = if p.figures.is_empty() {
            view! { <p class="notice notice-info" data-testid="no-figures">{t(Msg::PagesProgramNoFigures)}</p> }.into_any()
        } else {
            view! { <FigureTable caption=t(Msg::PagesFiguresTitle).to_string() rows=p.figures.clone() caption_hidden=true/> }.into_any()
        };
        let places = if p.places.is_empty() {
            view! { <p>{t(Msg::PagesProgramNoPlaces)}</p> }.into_any()
        } else {
            let (map_view, codes) = p.map_places();
            let names: Vec<String> = p.places.iter().map(|pl| isolate(&pl.name)).collect();
            let label = l.tf(
                Msg::PagesProgramMapLabel,
                &[
                    ("name", &isolate(&p.name)),
                    ("places", &names.join(l.t(Msg::PagesListSeparator))),
                ],
            );
            view! {
                <MiniMap view=map_view codes=codes label=label/>
                <ul class="link-list" data-testid="program-places">
                    {p.places.iter().cloned().map(|pl| {
                        let name = match pl.link {
                            Some(link) => view! { <PageLink link=link/> }.into_any(),
                            None => view! { <bdi>{pl.name}</bdi> }.into_any(),
                        };
                        view! {
                            <li>{name}{pl.locality.map(|x| view! { " — " <bdi>{x}</bdi> })}</li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        };
        let partners = if p.partners.is_empty() {
            view! { <p>{t(Msg::PagesProgramNoPartners)}</p> }.into_any()
        } else {
            view! {
                <ul class="link-list" data-testid="program-partners">
                    {p.partners.iter().map(|x| view! { <li><bdi>{x.clone()}</bdi></li> }).collect_view()}
                </ul>
            }
            .into_any()
        };
        let reach = if p.reach.is_empty() {
            view! { <p>{t(Msg::PagesProgramReachUnknown)}</p> }.into_any()
        } else {
            view! { <FigureTable caption=t(Msg::PagesProgramReachTitle).to_string() rows=p.reach.clone()/> }.into_any()
        };
        let area_link = p.area.clone();
        Some(
            view! {
                <article class="page explore-page program-page" data-testid="program-page" data-id=p.id.clone()
                    aria-labelledby="page-title" aria-describedby=SUMMARY_ID>
                    <Breadcrumbs kind=Some(Kind::Program) here=p.name.clone()/>
                    <p class="page-kind">{t(Msg::PagesProgramKind)}</p>
                    <h1 id="page-title"><bdi>{p.name.clone()}</bdi></h1>
                    <Summary text=p.summary.clone()/>
                    <p class="page-actions"><PrintButton/></p>
                    <section aria-labelledby="program-figures-title">
                        <h2 id="program-figures-title">{t(Msg::PagesFiguresTitle)}</h2>
                        {figures}
                    </section>
                    <div class="explore-columns">
                        <section aria-labelledby="program-places-title">
                            <h2 id="program-places-title">{t(Msg::PagesProgramPlacesTitle)}</h2>
                            {places}
                        </section>
                        <section aria-labelledby="program-partners-title">
                            <h2 id="program-partners-title">{t(Msg::PagesProgramPartnersTitle)}</h2>
                            {partners}
                        </section>
                    </div>
                    <section aria-labelledby="program-reach-title">
                        <h2 id="program-reach-title">{t(Msg::PagesProgramReachTitle)}</h2>
                        {reach}
                    </section>
                    <section aria-labelledby="program-related-title">
                        <h2 id="program-related-title">{t(Msg::PagesRelatedTitle)}</h2>
                        <ul class="link-list" data-testid="program-related">
                            {area_link.map(|link| {
                                let label = l.tf(Msg::PagesProgramAreaLink, &[("area", &link.text)]);
                                let link = crate::pages::links::Link { text: label, ..link };
                                view! { <li><PageLink link=link testid="program-area-link"/></li> }
                            })}
                            {p.same_area.iter().cloned().map(|link| view! { <li><PageLink link=link/></li> }).collect_view()}
                        </ul>
                    </section>
                </article>
            }
            .into_any(),
        )
    })
}
