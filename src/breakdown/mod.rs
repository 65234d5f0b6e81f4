//! The table of figures at `/explore`: rows (and columns) chosen by the
//! visitor, a measure, totals, the status and source of every cell, the
//! dashboard's filter applied, a CSV download and a link that reopens it.
//! `params` (the URL) and `model` are pure and tested natively; `view` is
//! the thin Leptos view.

pub mod model;
pub mod params;
pub mod view;

pub use view::BreakdownTable;

#[cfg(test)]
mod tests;
