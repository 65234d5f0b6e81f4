//! The widgets' page (native): `embed.html` is `index.html` without the
//! site's frame, with the widget binary (issue 14, docs/size.md). What must
//! stay the same between the two pages is checked here, so that the widgets'
//! page cannot drift from the site's: the boot script, the stylesheets (the
//! same hashed files, cached once), the data address, the wasm-opt options,
//! and the fallback shown when the app cannot run (whose texts
//! `tests/boot_fallback.rs` checks against the catalogue in index.html).

#![cfg(not(target_arch = "wasm32"))]

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{}/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The `<tag …>` elements of `html` whose text contains `needle`, in order.
fn tags_with(html: &str, tag: &str, needle: &str) -> Vec<String> {
    html.split(&format!("<{tag}"))
        .skip(1)
        .map(|t| format!("<{tag}{}", &t[..=t.find('>').expect("tag closed")]))
        .filter(|t| t.contains(needle))
        .collect()
}

/// From `start` to the end of the element that follows it (`end` included).
fn block<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"));
    let to = from
        + html[from..]
            .find(end)
            .unwrap_or_else(|| panic!("{end} not found"));
    &html[from..to + end.len()]
}

#[test]
fn embed_html_shares_the_site_pages_files_and_fallback() {
    let index = read("index.html");
    let embed = read("embed.html");
    for (tag, needle) in [
        ("link", "rel=\"css\""),
        ("script", "data-trunk"),
        ("meta", "name=\"impact-data\""),
        ("meta", "charset"),
        ("meta", "name=\"viewport\""),
        ("base", "data-trunk-public-url"),
    ] {
        // The repeat visit's snapshot (boot/snapshot.js) is the dashboard's
        // only: a widget never shows one, so embed.html does not pay for it.
        let site: Vec<_> = tags_with(&index, tag, needle)
            .into_iter()
            .filter(|t| !t.contains("boot/snapshot.js"))
            .collect();
        assert!(!site.is_empty(), "index.html has no <{tag}> with {needle}");
        assert_eq!(
            site,
            tags_with(&embed, tag, needle),
            "<{tag}> with {needle}"
        );
    }
    let fallback = ("<div id=\"boot-fallback\"", "</div>");
    assert_eq!(
        block(&index, fallback.0, fallback.1),
        block(&embed, fallback.0, fallback.1)
    );
    let noscript = ("<noscript>", "</noscript>");
    assert_eq!(
        block(&index, noscript.0, noscript.1),
        block(&embed, noscript.0, noscript.1)
    );
}

#[test]
fn each_page_builds_its_own_binary_with_the_same_options() {
    let index = read("index.html");
    let embed = read("embed.html");
    let rust = |html: &str| {
        let tags = tags_with(html, "link", "rel=\"rust\"");
        assert_eq!(tags.len(), 1, "one wasm per page");
        tags[0].clone()
    };
    let (site, widgets) = (rust(&index), rust(&embed));
    assert!(site.contains("data-bin=\"impact-atlas\""), "{site}");
    assert!(
        widgets.contains("data-bin=\"impact-atlas-embed\""),
        "{widgets}"
    );
    assert_eq!(
        site.replace(
            "data-bin=\"impact-atlas\"",
            "data-bin=\"impact-atlas-embed\""
        ),
        widgets
    );
    let cargo = read("Cargo.toml");
    assert!(cargo.contains("name = \"impact-atlas-embed\"\npath = \"src/bin/embed.rs\""));
    // The widgets' page has no site frame: nothing of the dashboard paints there.
    assert!(index.contains("id=\"boot-frame\""));
    assert!(!embed.contains("id=\"boot-frame\""));
    // Only the site's build copies the public files (data, worker, embed.js).
    assert!(!embed.contains("rel=\"copy-"));
}

/// The custom properties (`--name: value;`) declared in the first rule of
/// `css` whose selector is `selector` (the text from it to the rule's `}`),
/// in order.
fn tokens(css: &str, selector: &str) -> Vec<(String, String)> {
    let from = css
        .find(&format!("{selector} {{"))
        .unwrap_or_else(|| panic!("no rule `{selector}`"));
    let body = &css[from + selector.len() + 2..];
    let body = &body[..body.find('}').expect("rule closed")];
    body.split(';')
        .filter_map(|d| d.trim().split_once(':'))
        .filter(|(k, _)| k.starts_with("--"))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// A widget forced dark (`?theme=dark`) uses the same colours as the site
/// under `prefers-color-scheme: dark`. CSS cannot share one block between a
/// media query and an attribute selector (short of `light-dark()`, which
/// older phones' browsers lack), so style/embed.css repeats the tokens of
/// style/main.css and style/map.css: this keeps the copies equal.
#[test]
fn forced_dark_widget_tokens_match_the_site() {
    let (main, map, embed) = (
        read("style/main.css"),
        read("style/map.css"),
        read("style/embed.css"),
    );
    for (site, site_sel, widget_sel) in [
        (
            &main,
            r#":root:not([data-theme="light"])"#,
            r#":root[data-theme="dark"]"#,
        ),
        (
            &map,
            r#":root:not([data-theme="light"]) .map-panel"#,
            r#":root[data-theme="dark"] .map-panel"#,
        ),
    ] {
        let site_tokens = tokens(site, site_sel);
        assert!(site_tokens.len() >= 7, "{site_sel}: {site_tokens:?}");
        assert_eq!(
            tokens(&embed, widget_sel),
            site_tokens,
            "style/embed.css `{widget_sel}` must repeat the site's dark tokens (`{site_sel}`)"
        );
    }
}
