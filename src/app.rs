//! The app (browser): router and routes, the page shell (header, language
//! switcher, footer) around the site's pages, the widgets (`/embed/…`)
//! without it, and the dashboard context, provided once.

use crate::components::shell::{SiteFooter, SiteHeader};
use crate::components::status::IgnoredFilterNotice;
use crate::data::{self, DataStatus};
use crate::embed::{EmbedChart, EmbedFigure, EmbedLayout, EmbedMap, EmbedSummary};
use crate::i18n::{Locale, Msg, negotiate, texts};
use crate::pages::{about::AboutPage, dashboard::DashboardPage, not_found::NotFoundPage};
// The data check page and its preview banner (shown on every page during a preview).
use crate::pages::check::{CheckPage, PreviewBanner, provide_preview};
// Issue 12: the explore pages (program, area, region, and the list of them).
use crate::pages::{
    area::AreaPage, explore::ExplorePage, program::ProgramPage, region::RegionPage,
};
use crate::print::view::PrintNote;
// Issue 13: compare two regions or two areas.
use crate::pages::compare::ComparePage;
use crate::state::Dashboard;
use crate::vocab::FilterField;
use crate::{query, web};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::path;

/// The path the app is served under: `""` at a site's root, `/impact-atlas`
/// when built with `trunk build --public-url /impact-atlas/` (read from the
/// `<base href>` Trunk writes; no `<base>` means the root).
pub fn base_path() -> String {
    if cfg!(not(target_arch = "wasm32")) {
        return String::new();
    }
    // Issue 14 (H25): read once per page load (every localized link asked
    // the document again: ~18 ms at 4x CPU while the shell was built).
    thread_local! {
        static BASE: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
    }
    BASE.with(|b| b.get_or_init(read_base_path).clone())
}

fn read_base_path() -> String {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return String::new();
    };
    if !matches!(doc.query_selector("base[href]"), Ok(Some(_))) {
        return String::new();
    }
    doc.base_uri()
        .ok()
        .flatten()
        .and_then(|u| web_sys::Url::new(&u).ok())
        .map(|u| u.pathname().trim_end_matches('/').to_string())
        .unwrap_or_default()
}

/// The whole application: the site's pages inside the shell, the widgets
/// (`/embed/…`) without it.
#[component]
pub fn App() -> impl IntoView {
    provide_preview();
    view! {
        <Router base=base_path()>
            <Provider>
                <Routes fallback=|| view! { <Shell><NotFoundPage/></Shell> }>
                    <EmbedRoutes/>
                    <ParentRoute path=path!("") view=|| view! { <Shell><Outlet/></Shell> }>
                        <Route path=path!("/") view=DashboardPage/>
                        <Route path=path!("/about") view=AboutPage/>
                        <Route path=path!("/check") view=CheckPage/>
                        <Route path=path!("/explore") view=ExplorePage/>
                        <Route path=path!("/regions/:code") view=RegionPage/>
                        <Route path=path!("/programs/:id") view=ProgramPage/>
                        <Route path=path!("/areas/:id") view=AreaPage/>
                        <Route path=path!("/compare") view=ComparePage/>
                    </ParentRoute>
                </Routes>
            </Provider>
        </Router>
    }
}

/// The widgets only (`/embed/…`): the entry of the widget binary
/// (`src/bin/embed.rs`, served for `/embed/*` from `embed.html`; issue 14,
/// docs/size.md). The same [`Provider`] and widget views as [`App`], without
/// the site's pages, so that a widget does not download them. An address
/// that is no widget gets a short not-found text with a link to the
/// dashboard (not the site's not-found page and its directory).
#[component]
pub fn EmbedApp() -> impl IntoView {
    view! {
        <Router base=base_path()>
            <Provider>
                <Routes fallback=EmbedNotFound>
                    <EmbedRoutes/>
                </Routes>
            </Provider>
        </Router>
    }
}

/// The four widget routes (`/embed/…`), in one place for both binaries.
#[component(transparent)]
fn EmbedRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/embed") view=EmbedLayout>
            <Route path=path!("/map") view=EmbedMap/>
            <Route path=path!("/chart/:kind") view=EmbedChart/>
            <Route path=path!("/figure/:indicator") view=EmbedFigure/>
            <Route path=path!("/summary") view=EmbedSummary/>
        </ParentRoute>
    }
    .into_inner()
}

/// The widget binary's answer to an address that is no widget.
#[component]
fn EmbedNotFound() -> impl IntoView {
    let d = crate::state::use_dashboard();
    view! {
        <section class="page not-found" data-testid="not-found">
            <h1>{d.text(Msg::AppNotFoundTitle)}</h1>
            <p>{d.text(Msg::AppNotFoundText)}</p>
            <p>
                <a class="button" data-testid="home-link" href=move || {
                    crate::components::shell::localized("/", d.locale.get())
                }>{d.text(Msg::AppNotFoundHome)}</a>
            </p>
        </section>
    }
}

/// The site's shell: skip link, header, main, footer.
#[component]
fn Shell(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{crate::state::use_dashboard().text(Msg::AppSkipToContent)}</a>
        <SiteHeader/>
        // Issue 13: on paper only, the page's link, data date and print date.
        <PrintNote/>
        <main id="main" tabindex="-1">
            <PreviewBanner/>
            <IgnoredFilterNotice/>
            {children()}
        </main>
        <SiteFooter/>
    }
}

/// Provides the [`Dashboard`] context to its children and keeps `<html>`'s
/// `lang` and `dir` in step with the language.
#[component]
fn Provider(children: Children) -> impl IntoView {
    let query = use_query_map();
    let stored = RwSignal::new(web::stored_locale());
    let browser = web::browser_languages();
    // Issue 14: a language shows once its texts are fetched (`i18n::texts`:
    // the page's own before mounting, another on the first switch to it);
    // until then the page stays in the language it was in.
    let texts_arrived = Trigger::new();
    // Told when any load of texts ends, arrived or failed.
    let texts_ended = Trigger::new();
    let wanted = Memo::new(move |_| {
        negotiate(
            query.read().get("lang").as_deref(),
            stored.get().as_deref(),
            &browser,
        )
    });
    let locale = Memo::new(move |shown: Option<&Locale>| {
        texts_arrived.track();
        // A change of address tries a failed load again.
        query.track();
        let l = wanted.get();
        if texts::has(l) {
            return l;
        }
        texts::load_then(
            l,
            Box::new(move |ok| {
                if ok {
                    texts_arrived.notify()
                }
                texts_ended.notify()
            }),
        );
        shown.copied().or_else(texts::any_loaded).unwrap_or(l)
    });
    // The language asked for while its texts are fetched, else the one shown:
    // its link in the switcher says it is busy (a switch waits for one small
    // request).
    let switching = Memo::new(move |_| {
        texts_ended.track();
        let shown = locale.get();
        let w = wanted.get();
        if w != shown && texts::loading(w) {
            w
        } else {
            shown
        }
    });
    // A `?lang=` that names a language is also the visitor's choice from now
    // on (not a widget's: that is the host page's choice).
    let location = use_location();
    let base = base_path();
    Effect::new(move |_| {
        let path = location.pathname.get();
        if crate::embed::is_embed_path(path.strip_prefix(base.as_str()).unwrap_or(&path)) {
            return;
        }
        if let Some(l) = query
            .read()
            .get("lang")
            .as_deref()
            .and_then(Locale::from_tag)
            && stored.get_untracked().as_deref() != Some(l.tag())
        {
            web::store_locale(l);
            stored.set(Some(l.tag().to_string()));
        }
    });
    Effect::new(move |_| web::set_document_language(locale.get()));

    let dataset: RwSignal<Option<std::sync::Arc<crate::model::Dataset>>> = RwSignal::new(None);
    let status = RwSignal::new(DataStatus::Loading);
    let from_url = Memo::new(move |_| {
        let raw = query::filter_from(|k| query.read().get(k));
        match dataset.read().as_ref() {
            Some(ds) => query::sanitize(raw, ds),
            None => raw,
        }
    });
    // Issue 14: a filter change is shown at once and written to the URL
    // after the next frame (`history.replaceState` and the router's own
    // updates cost ~15 ms at 4x CPU, outside the frame that shows the
    // change). Until then the chosen filter overrides the URL's; once the URL
    // holds it, the override is dropped and the memo's value stays equal.
    let pending = RwSignal::new(None::<crate::stats::Filter>);
    let filter = Memo::new(move |_| pending.get().unwrap_or_else(|| from_url.get()));
    let navigate = use_navigate();
    let write_url = move |f: crate::stats::Filter, path: String| {
        // The router's own query map: the other parameters (`lang`, …) stay.
        let mut params = query.get_untracked();
        for (field, value) in FilterField::ALL.into_iter().zip(query::filter_params(&f)) {
            match value {
                Some(v) => params.replace(field.as_str(), v),
                None => {
                    params.remove(field.as_str());
                }
            }
        }
        let q = params.to_query_string();
        navigate(
            &format!("{path}{q}"),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    // The slower panels follow the filter after the frame that shows it.
    let lag = crate::state::FilterLag::new(filter);
    let set_filter = Callback::new(move |f: crate::stats::Filter| {
        web::mark("filter-change");
        let path = location.pathname.get_untracked();
        let first = pending.get_untracked().is_none();
        let held = lag.hold();
        pending.set(Some(f));
        if held {
            web::after_next_frame(move || lag.release());
        }
        if first {
            // One URL write per frame, with the last filter chosen, in a task
            // after the slow panels' own (each task stays short).
            let write_url = write_url.clone();
            web::after_next_frame(move || {
                web::after_next_frame(move || {
                    if let Some(f) = pending.get_untracked() {
                        write_url(f, path);
                        pending.set(None);
                    }
                })
            });
        }
    });
    let reload = Callback::new(move |_| data::load::start(dataset, status));
    let preview =
        Callback::new(
            move |file: Option<std::sync::Arc<crate::model::Dataset>>| match file {
                Some(ds) => {
                    data::load::set_preview(true);
                    status.set(DataStatus::Fresh);
                    dataset.set(Some(ds));
                }
                None => {
                    data::load::set_preview(false);
                    dataset.set(None);
                    data::load::start(dataset, status);
                }
            },
        );
    provide_context(Dashboard {
        locale,
        switching,
        dataset: dataset.read_only(),
        status: status.read_only(),
        filter,
        shown_filter: lag.shown,
        set_filter,
        reload,
        preview,
    });
    // Issue 14: the number formatters in a task of their own, before the data's.
    web::in_next_task(move || {
        if let Some(l) = locale.try_get_untracked() {
            crate::i18n::format::warm(l);
        }
    });
    data::load::start(dataset, status);
    children()
}
