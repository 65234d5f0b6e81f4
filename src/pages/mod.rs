//! Routed pages (browser): the dashboard, "Data & methods", the data check, not found.

pub mod about;
pub mod area;
pub mod check;
pub mod compare;
pub mod dashboard;
pub mod explore;
pub mod links;
pub mod not_found;
pub mod program;
pub mod region;

use crate::i18n::Msg;
use crate::state::use_dashboard;
use leptos::prelude::*;

/// Keeps the document title at "<page> · Impact Atlas" in the current language.
pub fn use_page_title(page: Msg) {
    let d = use_dashboard();
    Effect::new(move |_| {
        let l = d.locale.get();
        crate::web::set_title(&format!("{} · {}", l.t(page), l.t(Msg::AppTitle)));
    });
}
