//! The dashboard's shared state (browser): language, dataset and filter, in
//! one context that every view reads with [`use_dashboard`]. Views never
//! fetch on their own.

use crate::i18n::{Locale, Msg};
use crate::model::Dataset;
use crate::stats::Filter;
use leptos::prelude::*;
use std::sync::Arc;

/// What the data layer knows right now.
#[derive(Clone, Debug, PartialEq)]
pub enum DataStatus {
    /// Nothing to show yet.
    Loading,
    /// The dataset shown is the latest the server sent.
    Fresh,
    /// As `Fresh`, but storage refused to keep a copy (quota full): the
    /// dashboard says so (components::status, docs/faults.md).
    FreshNotSaved,
    /// Shown from the browser's cache while the network is asked.
    Revalidating,
    /// Shown from the cache; the network failed (the error says how).
    CachedNetworkFailed(crate::data::LoadError),
    /// Shown from the cache; the server sent data that did not validate.
    CachedInvalidUpdate(Vec<crate::model::validate::Problem>),
    /// Nothing to show: the error and, for invalid data, its problems.
    Failed(crate::data::LoadError),
}

/// The context: cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct Dashboard {
    /// The interface language.
    pub locale: Memo<Locale>,
    /// The dataset, once one is known to be valid.
    pub dataset: RwSignal<Option<Arc<Dataset>>>,
    pub status: RwSignal<DataStatus>,
    /// The filter, read from the URL (`?region=&area=&gender=`).
    pub filter: Memo<Filter>,
    /// Sets the filter (updates the URL, replacing the history entry).
    pub set_filter: Callback<Filter>,
    /// Fetch the data again (the error panel's retry button).
    pub reload: Callback<()>,
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
