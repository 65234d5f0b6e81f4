//! The dashboard's shared state (browser): language, dataset and filter, in
//! one context that every view reads with [`use_dashboard`]. Views never
//! fetch on their own, and read the dataset without being able to change it:
//! only the data layer (`crate::data::load`) writes it.

pub use crate::data::DataStatus;
use crate::i18n::{Locale, Msg};
use crate::model::Dataset;
use crate::stats::Filter;
use leptos::prelude::*;
use std::sync::Arc;

/// The context: cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct Dashboard {
    /// The interface language.
    pub locale: Memo<Locale>,
    /// The dataset, once one is known to be valid (read-only for views).
    pub dataset: ReadSignal<Option<Arc<Dataset>>>,
    /// What the data layer knows right now (read-only for views).
    pub status: ReadSignal<DataStatus>,
    /// The filter, read from the URL (`?region=&area=&gender=`).
    pub filter: Memo<Filter>,
    /// Sets the filter (updates the URL, replacing the history entry).
    pub set_filter: Callback<Filter>,
    /// Fetch the data again (the error panel's retry button).
    pub reload: Callback<()>,
    /// Show a checked local file instead of the published data (`/check`),
    /// or, with `None`, leave the preview and load the published data again.
    /// The data layer then neither replaces the preview nor caches anything.
    pub preview: Callback<Option<Arc<Dataset>>>,
}

/// The dashboard context; panics outside `<App/>` (a programming error).
pub fn use_dashboard() -> Dashboard {
    expect_context::<Dashboard>()
}

impl Dashboard {
    /// The message in the current language (reactive when called in a view).
    pub fn t(&self, msg: Msg) -> &'static str {
        self.locale.get().t(msg)
    }
    /// The message with placeholders filled (reactive when called in a view).
    pub fn tf(&self, msg: Msg, args: &[(&str, &str)]) -> String {
        self.locale.get().tf(msg, args)
    }
}
