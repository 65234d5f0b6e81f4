//! Browser tests (wasm-bindgen-test in headless Chromium): the app shell mounts,
//! and the language switcher sets `lang` and `dir` on `<html>`.
//!
//! Run with `make test-layers LAYERS=wasm`, i.e.
//! `cargo test --target wasm32-unknown-unknown --test web` with chromedriver
//! (see `.cargo/config.toml` and `tools/webdriver.json`).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use gloo_timers::future::sleep;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn query(selector: &str) -> Option<Element> {
    document().query_selector(selector).ok().flatten()
}

fn html_attr(name: &str) -> Option<String> {
    document().document_element()?.get_attribute(name)
}

/// Waits (up to 5 s, polling every 20 ms) until `cond` holds; returns whether it did.
async fn wait_until(mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..250 {
        if cond() {
            return true;
        }
        sleep(Duration::from_millis(20)).await;
    }
    cond()
}

/// Mounts the app once for the whole page (every test shares it).
fn mount_app() {
    if query("[data-testid=\"site-header\"]").is_none() {
        leptos::mount::mount_to_body(impact_atlas::App);
    }
}

fn click(selector: &str) {
    query(selector)
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

#[wasm_bindgen_test]
async fn shell_mounts_with_header_main_and_language_switcher() {
    mount_app();
    assert!(
        wait_until(|| query("header[data-testid=\"site-header\"]").is_some()).await,
        "the site header is rendered"
    );
    assert!(
        query("main#main").is_some(),
        "<main id=\"main\"> is rendered"
    );
    for (tag, name) in [("ar", "العربية"), ("fr", "Français"), ("en", "English")] {
        let link = query(&format!("a[data-testid=\"lang-{tag}\"]"))
            .unwrap_or_else(|| panic!("a language link for {tag}"));
        assert_eq!(
            link.text_content().unwrap_or_default().trim(),
            name,
            "the {tag} link is named in its own language"
        );
    }
    let lang = html_attr("lang").unwrap_or_default();
    assert!(
        ["ar", "fr", "en"].contains(&lang.as_str()),
        "<html lang> is one of the three languages, got {lang:?}"
    );
}

#[wasm_bindgen_test]
async fn switching_language_sets_lang_and_dir_on_html() {
    mount_app();
    assert!(
        wait_until(|| query("a[data-testid=\"lang-ar\"]").is_some()).await,
        "the language switcher is rendered"
    );

    click("a[data-testid=\"lang-ar\"]");
    assert!(
        wait_until(|| html_attr("lang").as_deref() == Some("ar")).await,
        "<html lang> becomes ar, got {:?}",
        html_attr("lang")
    );
    assert_eq!(
        html_attr("dir").as_deref(),
        Some("rtl"),
        "Arabic is right to left"
    );
    let header = query("[data-testid=\"site-header\"]").expect("the header");
    assert!(
        wait_until(|| header
            .text_content()
            .unwrap_or_default()
            .contains("مختبر الابتكار الاجتماعي"))
        .await,
        "the header shows the lab's Arabic name"
    );

    click("a[data-testid=\"lang-en\"]");
    assert!(
        wait_until(|| html_attr("lang").as_deref() == Some("en")).await,
        "<html lang> becomes en, got {:?}",
        html_attr("lang")
    );
    assert_eq!(
        html_attr("dir").as_deref(),
        Some("ltr"),
        "English is left to right"
    );
}

/// The browser's Mercator goes through the engine's `Math.tan` and `Math.log`
/// (`geo::project`, issue 14: 6.5 KB of wasm less): the same numbers as
/// Rust's own `tan` and `ln` (the native tests' and the outlines' projection)
/// to a few units in the last place, and the shipped outlines draw.
#[wasm_bindgen_test]
fn mercator_in_the_browser_matches_rusts() {
    use impact_atlas::geo::{outline, project::mercator};
    let mut worst = 0.0f64;
    for lat in (-850..=850).step_by(7) {
        let lat = f64::from(lat) / 10.0;
        let got = mercator([0.0, lat])[1];
        let rust = (std::f64::consts::FRAC_PI_4 + lat.to_radians() / 2.0)
            .tan()
            .ln();
        worst = worst.max((got - rust).abs() / rust.abs().max(1.0));
    }
    assert!(worst < 1e-12, "difference {worst}");
    assert!((mercator([180.0, 45.0])[1] - 0.881_373_587).abs() < 1e-6);
    let l = outline::layout(outline::MOROCCO).expect("the outlines draw");
    assert_eq!(l.shapes.len(), 12);
}
