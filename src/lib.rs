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
pub mod stats;
pub mod geo;
pub mod plot;
pub mod scale;
