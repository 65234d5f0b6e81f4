//! The dashboard page (browser): headline figures, filter, map and charts.

use super::use_page_title;
use crate::charts::ChartsPanel;
use crate::components::filter_bar::FilterBar;
use crate::components::status::{DataLine, ErrorPanel};
use crate::embed::EmbedDialog;
use crate::embed::params::Widget;
use crate::headline::HeadlinePanel;
use crate::headline::view::KeyFigure;
use crate::i18n::Msg;
use crate::map::MapPanel;
use crate::pages::explore::{Directory, SUMMARY_ID};
use crate::print::view::PrintButton;
use crate::state::{DataStatus, use_dashboard};
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let d = use_dashboard();
    use_page_title(Msg::AppNavDashboard);
    // A memo: the page below is built again only when the failure itself
    // changes, not on each step of the data's status (loading, revalidating,
    // fresh: each rebuilt every panel of the page; issue 14).
    let failed = Memo::new(
        move |_| match (d.dataset.with(Option::is_none), d.status.get()) {
            (true, DataStatus::Failed(e)) => Some(e),
            _ => None,
        },
    );
    // Issue 14: the headline figures and the map are built with the data,
    // the charts in a task of their own (no load task over 200 ms at 4x
    // CPU), the directory after the charts' first drawings. Once true, it
    // stays true. (H25: the charts' task no longer waits for a frame after
    // the map's: the first chart is drawn in the frame that shows the map,
    // not one frame later.)
    // (H30: on a repeat visit whose snapshot covers the page, in the same
    // task: the frame in between, the map without the charts, would not be
    // seen, and with the wasm's code cached the two take ~100 ms at 4x CPU.)
    let later = RwSignal::new(false);
    Effect::new(move |_| {
        if d.dataset.with(Option::is_some) && !later.get_untracked() {
            if crate::web::snapshot_shown() {
                later.set(true);
            } else {
                crate::web::in_next_task(move || {
                    let _ = later.try_set(true);
                });
            }
        }
    });
    // Issue 14: the directory, below the charts, is built after their first
    // drawings (queued one per task in the frame that lays the charts out,
    // before this task runs), so that the first chart paints sooner.
    // (H25: once the first screen is marked drawn, every chart card built
    // and drawn: the cards after the first are built in a later task.)
    let directory = RwSignal::new(false);
    Effect::new(move |_| {
        if later.get() && !directory.get_untracked() {
            leptos::task::spawn_local(async move {
                crate::web::drawn(3_000).await;
                crate::web::one_per_task(move || {
                    let _ = directory.try_set(true);
                });
            });
        }
    });
    // The widgets each panel's Embed dialog offers, with their names.
    let headline_widgets = Signal::derive(move || {
        let l = d.locale.get();
        let mut out = vec![(Widget::Summary, l.t(Msg::EmbedSummaryTitle).to_string())];
        if let Some(ds) = d.dataset.get() {
            for c in crate::headline::cards(&ds, &d.shown_filter.get()) {
                if c.value != crate::headline::Value::NotAvailable {
                    let name = crate::headline::view::label_text(&ds, l, &c.label);
                    out.push((
                        Widget::Figure(crate::headline::view::testid(&c.label)),
                        name,
                    ));
                }
            }
        }
        out
    });
    let map_widgets = Signal::derive(move || vec![(Widget::Map, d.t(Msg::MapTitle).to_string())]);
    let chart_widgets = Signal::derive(move || {
        crate::charts::ChartKind::ALL
            .into_iter()
            .map(|k| (Widget::Chart(k), d.t(k.title()).to_string()))
            .collect::<Vec<_>>()
    });
    view! {
        // Issue 12: the plain-language summary is the page's overview (its
        // `aria-describedby`); the programs, areas and regions are linked below.
        <div class="page dashboard" data-testid="dashboard" aria-describedby=SUMMARY_ID>
            <section class="intro">
                <h1>{d.text(Msg::AppDashboardHeading)}</h1>
                <p id=SUMMARY_ID class="page-summary" data-testid="page-summary">
                    {move || {
                        let ds = d.dataset.get()?;
                        Some(crate::summary::summary(&ds, &d.shown_filter.get(), d.locale.get()))
                    }}
                </p>
                <KeyFigure/>
                <p class="lede">{d.text(Msg::AppDashboardLede)}</p>
                <DataLine/>
                <p class="page-actions"><PrintButton/></p>
            </section>
            {move || match failed.get() {
                Some(e) => view! { <ErrorPanel error=e/> }.into_any(),
                None => view! {
                    <FilterBar/>
                    <HeadlinePanel/>
                    <EmbedDialog panel=Signal::derive(move || d.t(Msg::AppKpiHeading).to_string()) choices=headline_widgets/>
                    <p class="notice notice-info" data-testid="illustrative-note">
                        {d.text(Msg::AppIllustrativeNote)}
                    </p>
                    <MapPanel/>
                    <EmbedDialog panel=Signal::derive(move || d.t(Msg::MapTitle).to_string()) choices=map_widgets/>
                    <ChartsPanel after=later/>
                    <EmbedDialog panel=Signal::derive(move || d.t(Msg::ChartsPanelTitle).to_string()) choices=chart_widgets/>
                    <section class="panel explore-panel" aria-labelledby="explore-panel-title" data-testid="explore-panel">
                        <h2 id="explore-panel-title">{d.text(Msg::PagesExploreTitle)}</h2>
                        <div class="directory">{move || directory.get().then(|| view! { <Directory/> })}</div>
                    </section>
                }
                .into_any(),
            }}
        </div>
    }
}
