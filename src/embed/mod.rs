//! Embeddable widgets: one panel of the dashboard on someone else's page, in
//! an iframe at `/embed/…`, without the site's header and footer. The
//! address and its options (`params`) and the message protocol with the host
//! page (`message`) are pure; the views (`view`) reuse the panels' own
//! models and views; `dialog` is the dashboard's "Embed" dialog.
//! `docs/embedding.md` is the guide for hosts.

mod dialog;
pub mod message;
pub mod params;
mod view;

pub use dialog::EmbedDialog;
pub use view::{EmbedChart, EmbedFigure, EmbedLayout, EmbedMap, EmbedSummary};

/// Whether `path` (without the base) is a widget's.
pub fn is_embed_path(path: &str) -> bool {
    path == params::PREFIX || path.starts_with(&format!("{}/", params::PREFIX))
}
