//! Impact Atlas: the public impact dashboard of UM6P's Social Innovation Lab.
//!
//! Data flows from one JSON document through pure modules (`model`, `stats`,
//! `geo`, `scale`, `plot`) into thin Leptos views.

pub mod charts;
pub mod data;
pub mod i18n;
pub mod map;
pub mod model;
pub mod state;
pub mod query;
pub mod stats;
pub mod geo;
pub mod headline;
pub mod plot;
pub mod scale;
pub mod app;
pub mod components;
pub mod pages;
pub mod web;

pub use app::App;
