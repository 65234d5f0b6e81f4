//! Impact Atlas: the public impact dashboard of UM6P's Social Innovation Lab.
//!
//! Data flows from one JSON document through pure modules (`model`, `stats`,
//! `geo`, `scale`, `plot`, each panel's `model`) into thin Leptos views.
//! `docs/architecture.md` says where things go.

pub mod app;
pub mod breakdown;
pub mod charts;
pub mod components;
pub mod data;
pub mod embed;
pub mod geo;
pub mod headline;
pub mod i18n;
pub mod map;
pub mod model;
pub mod pages;
pub mod plot;
pub mod print;
pub mod query;
pub mod scale;
pub mod sort;
pub mod state;
pub mod stats;
pub mod summary;
pub mod table;
#[cfg(test)]
mod testing;
pub mod vocab;
pub mod web;

pub use app::App;
