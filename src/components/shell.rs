//! The page shell (browser): header with the lab's name, navigation and the
//! language switcher; footer with "Data & methods" and attributions.

use crate::i18n::{Locale, Msg};
use crate::query;
use crate::state::use_dashboard;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// `path` as a path on this site: every leading `/`, `\`, space or control
/// character becomes one `/`. The page's own path is visitor input: on
/// `https://site//evil.example/` it is `//evil.example/`, which as a link
/// would be protocol-relative and lead off-site (`/\evil.example` too, for
/// browsers); as a path-absolute link it cannot leave the origin.
pub fn local_path(path: &str) -> String {
    let rest = path
        .trim_start_matches(|c: char| c == '/' || c == '\\' || c.is_whitespace() || c.is_control());
    format!("/{rest}")
}

/// A link to `path` on this site that keeps the current language (under the
/// app's sub-path, if it is deployed under one: see docs/embedding.md).
pub fn localized(path: &str, locale: Locale) -> String {
    format!(
        "{}{}?lang={}",
        crate::app::base_path(),
        local_path(path),
        locale.tag()
    )
}

/// The language switcher's link: this page (`pathname`, kept on this site)
/// with its query (`query`, already encoded, `?…` or empty).
pub fn switch_href(pathname: &str, query: &str) -> String {
    format!("{}{query}", local_path(pathname))
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
        switch_href(
            &location.pathname.get(),
            &query::with_params(&pairs, &[("lang", Some(l.tag().to_string()))]),
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
                    <span class="brand-lab">{d.text(Msg::AppLabName)}</span>
                    <span class="brand-univ">{d.text(Msg::AppUniversityName)}</span>
                </a>
                <span class="brand-product">{d.text(Msg::AppTitle)}</span>
            </div>
            <nav class="site-nav" aria-label=d.text(Msg::AppNavLabel)>
                <a href=move || localized("/", d.locale.get()) aria-current=move || current("/")>
                    {d.text(Msg::AppNavDashboard)}
                </a>
                // Issue 12: the programs, areas and regions pages.
                <a
                    href=move || localized(crate::pages::links::EXPLORE_PATH, d.locale.get())
                    data-testid="nav-explore"
                    aria-current=move || {
                        let p = location.pathname.get();
                        ["/explore", "/regions/", "/programs/", "/areas/"]
                            .iter()
                            .any(|x| p.starts_with(x))
                            .then_some("page")
                    }
                >
                    {d.text(Msg::PagesNavExplore)}
                </a>
                // Issue 13: compare two regions or two programme areas.
                <a
                    href=move || localized(crate::pages::compare::PATH, d.locale.get())
                    data-testid="nav-compare"
                    aria-current=move || current(crate::pages::compare::PATH)
                >
                    {d.text(Msg::CompareTitle)}
                </a>
                <a href=move || localized("/about", d.locale.get()) aria-current=move || current("/about")>
                    {d.text(Msg::AppNavAbout)}
                </a>
            </nav>
            <nav class="lang-switcher" aria-label=d.text(Msg::AppLanguageLabel)>
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
                                aria-busy=move || (d.switching.get() == l && d.locale.get() != l).then_some("true")
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
                <a href=move || localized("/about", d.locale.get())>{d.text(Msg::AppNavAbout)}</a>
                " · "
                <a href=move || format!("{}#attributions", localized("/about", d.locale.get()))>
                    {d.text(Msg::AppFooterAttributions)}
                </a>
                " · "
                <a href=move || localized("/check", d.locale.get())>{d.text(Msg::CheckLink)}</a>
            </p>
            <p class="footer-credits">{d.text(Msg::AppFooterCredits)}</p>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolves `href` against `base` the way a browser does for the cases
    /// that matter here: scheme-relative (`//`, and `/\` which browsers read
    /// as `//`) leaves the origin; path-absolute stays.
    fn leaves_origin(href: &str) -> bool {
        let h = href.replace('\\', "/");
        h.starts_with("//") || h.contains("://") || !h.starts_with('/')
    }

    #[test]
    fn switcher_links_cannot_leave_the_site() {
        for path in [
            "//evil.example/",
            "///evil.example",
            "/\\evil.example/",
            "\\\\evil.example",
            "/%2F/evil.example",
            "/\t/evil.example",
            " //evil.example",
            "",
        ] {
            let href = switch_href(path, "?lang=ar");
            assert!(!leaves_origin(&href), "{path:?} -> {href:?}");
            assert!(
                href.starts_with('/') && !href[1..].starts_with(['/', '\\']),
                "{href}"
            );
            let link = localized(path, Locale::En);
            assert!(!leaves_origin(&link), "{path:?} -> {link:?}");
        }
        assert_eq!(
            switch_href("//evil.example/", "?lang=ar"),
            "/evil.example/?lang=ar"
        );
    }

    #[test]
    fn ordinary_paths_are_kept() {
        assert_eq!(
            switch_href("/about", "?lang=ar&region=MA-07"),
            "/about?lang=ar&region=MA-07"
        );
        assert_eq!(switch_href("/", ""), "/");
        assert_eq!(localized("/about", Locale::Fr), "/about?lang=fr");
        assert_eq!(localized("/", Locale::Ar), "/?lang=ar");
    }
}
