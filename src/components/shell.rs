//! The page shell (browser): header with the lab's name, navigation and the
//! language switcher; footer with "Data & methods" and attributions.

use crate::i18n::{Locale, Msg};
use crate::query;
use crate::state::use_dashboard;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// A link to `path` that keeps the current language (under the app's
/// sub-path, if it is deployed under one: see docs/embedding.md).
pub fn localized(path: &str, locale: Locale) -> String {
    format!("{}{path}?lang={}", crate::app::base_path(), locale.tag())
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let d = use_dashboard();
    let location = use_location();
    let query_map = use_query_map();
    let href_for = move |l: Locale| {
        let pairs: Vec<(String, String)> = query_map
            .get()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        format!(
            "{}{}",
            location.pathname.get(),
            query::with_params(&pairs, &[("lang", Some(l.tag().to_string()))])
        )
    };
    // The path without the app's sub-path (`/impact-atlas/about` -> `/about`).
    let base = StoredValue::new(crate::app::base_path());
    let current = move |p: &str| {
        let path = location.pathname.get();
        let rel = base.with_value(|b| path.strip_prefix(b.as_str()).map(str::to_string));
        let rel = rel.unwrap_or(path);
        let rel = if rel.is_empty() { "/".to_string() } else { rel };
        (rel == p).then_some("page")
    };
    view! {
        <header class="site-header" data-testid="site-header">
            <div class="brand">
                <a class="brand-link" href=move || localized("/", d.locale.get())>
                    <span class="brand-lab">{move || d.t(Msg::AppLabName)}</span>
                    <span class="brand-univ">{move || d.t(Msg::AppUniversityName)}</span>
                </a>
                <span class="brand-product">{move || d.t(Msg::AppTitle)}</span>
            </div>
            <nav class="site-nav" aria-label=move || d.t(Msg::AppNavLabel)>
                <a href=move || localized("/", d.locale.get()) aria-current=move || current("/")>
                    {move || d.t(Msg::AppNavDashboard)}
                </a>
                <a href=move || localized("/about", d.locale.get()) aria-current=move || current("/about")>
                    {move || d.t(Msg::AppNavAbout)}
                </a>
            </nav>
            <nav class="lang-switcher" aria-label=move || d.t(Msg::AppLanguageLabel)>
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <a
                                href=move || href_for(l)
                                lang=l.tag()
                                hreflang=l.tag()
                                dir=l.dir().as_str()
                                data-testid=format!("lang-{}", l.tag())
                                aria-current=move || (d.locale.get() == l).then_some("true")
                            >
                                {l.endonym()}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let d = use_dashboard();
    view! {
        <footer class="site-footer">
            <p>
                <a href=move || localized("/about", d.locale.get())>{move || d.t(Msg::AppNavAbout)}</a>
                " · "
                <a href=move || format!("{}#attributions", localized("/about", d.locale.get()))>
                    {move || d.t(Msg::AppFooterAttributions)}
                </a>
            </p>
            <p class="footer-credits">{move || d.t(Msg::AppFooterCredits)}</p>
        </footer>
    }
}
