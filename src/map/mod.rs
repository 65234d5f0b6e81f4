//! The map panel: Morocco's regions and the countries reached. The pure
//! model (`model`: rows, their texts, place marks) sits on `crate::geo`
//! (geometry) and `crate::scale` (colours); the views only turn them into SVG
//! (`svg`), a tooltip (`tip`), a legend (`legend`) and a table (`table`),
//! laid out by `view`.

mod legend;
mod mini;
pub mod model;
mod svg;
mod table;
mod tip;
mod view;

pub use mini::MiniMap;
pub use view::{MapEmbed, MapPanel};

use legend::Legend;
use svg::MapSvg;
use table::MapTable;
use tip::Tip;

use crate::geo::outline::{HEIGHT, WIDTH};
use crate::geo::{self, Layout, Shape, outline};
use crate::i18n::Msg;
use crate::i18n::format;
use crate::model::Dataset;
use crate::scale::{self, Classes};
use crate::state::{Dashboard, use_dashboard};
use crate::stats::{Filter, Selection};
use leptos::prelude::*;
use model::{MapView, Measure, RowTexts, Rows, area_label, area_name, format_value};
use std::sync::{Arc, LazyLock};
use wasm_bindgen::JsCast;

/// The id of the pattern that marks "no data" (see [`instance_id`]).
const HATCH_ID: &str = "map-hatch";
/// The id of the element that describes the region under the pointer or focus.
const TIP_ID: &str = "map-tip";
/// The id of the panel's heading.
const TITLE_ID: &str = "map-title";

/// An element id of one map instance: the dashboard's map (instance 0) keeps
/// the plain ids; every other instance (a widget) gets its own suffix, so
/// that two maps never share an id.
fn instance_id(base: &str, instance: usize) -> String {
    if instance == 0 {
        base.to_string()
    } else {
        format!("{base}-{instance}")
    }
}

/// A new instance number for a map other than the dashboard's (1, 2, …).
fn next_instance() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

// The outlines come projected and encoded ahead of time (`geo::outline`):
// drawing them is integer work, no JSON parse or projection at start-up.
static MOROCCO: LazyLock<Result<Layout, String>> = LazyLock::new(|| fit(outline::MOROCCO));
static AFRICA: LazyLock<Result<Layout, String>> = LazyLock::new(|| fit(outline::AFRICA));

fn fit(bytes: &[u8]) -> Result<Layout, String> {
    outline::layout(bytes).ok_or_else(|| outline::BAD_OUTLINE.to_string())
}

fn layout(view: MapView) -> &'static Result<Layout, String> {
    match view {
        MapView::Morocco => &MOROCCO,
        MapView::Africa => &AFRICA,
    }
}

fn bool_str(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// Sets (or clears) the dashboard's region filter.
fn select_region(d: Dashboard, code: Option<String>) {
    let current = d.filter.get_untracked();
    d.set_filter.run(Filter {
        region: code,
        ..current
    });
}

/// Selects `code`, or clears the selection when it is the selected one.
fn toggle_region(d: Dashboard, code: &str) {
    let next = d
        .filter
        .with_untracked(|f| f.toggled(&Selection::Region(code.to_string())));
    d.set_filter.run(next);
}

/// A "per 100,000 {population}" text, naming women or men under a gender
/// filter, and the census year where the message has a `{year}`.
fn per_100k_text(d: Dashboard, msg: Msg) -> String {
    let l = d.locale.get();
    let year = d
        .dataset
        .with(|ds| ds.as_ref().map(|ds| ds.population.year.to_string()))
        .unwrap_or_default();
    l.tf(
        msg,
        &[
            (
                "population",
                // The slow panels' filter: the legend's title and the
                // measure's button follow after the frame (issue 14).
                l.t(model::per_100k_population(d.shown_filter.get().gender)),
            ),
            ("year", &year),
        ],
    )
}
