//! The charts panel: pure models (`model`, one file per chart), drawn by
//! `crate::plot`, shown by thin views (`view`).

mod canvas;
pub mod model;
pub mod view;

pub use model::{ChartKind, ChartModel, chart, charts};
pub use view::ChartsPanel;
