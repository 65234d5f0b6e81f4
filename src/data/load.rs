//! Loading the dataset into the context (browser): stale-while-revalidate.
//! A repeat visit shows the cached copy at once, then asks the server; new
//! data replaces it only once it validates.

use super::DataStatus;
use super::{DEFAULT_DATA_URL, Outcome, cache, fetch, next_status};
use crate::model::Dataset;
use leptos::prelude::*;
use std::sync::Arc;

/// The data URL: `<meta name="impact-data">`, else the bundled file.
pub fn data_url() -> String {
    crate::web::meta_content("impact-data").unwrap_or_else(|| DEFAULT_DATA_URL.to_string())
}

/// Starts a load in the background; the signals follow.
pub fn start(dataset: RwSignal<Option<Arc<Dataset>>>, status: RwSignal<DataStatus>) {
    leptos::task::spawn_local(run(dataset, status));
}

async fn run(dataset: RwSignal<Option<Arc<Dataset>>>, status: RwSignal<DataStatus>) {
    let url = data_url();
    let mut validators = (None, None);
    if dataset.get_untracked().is_none() {
        status.set(DataStatus::Loading);
        if let Some(entry) = cache::read(&url) {
            match crate::model::parse::load(entry.body.as_bytes()) {
                Ok(ds) => {
                    dataset.set(Some(Arc::new(ds)));
                    status.set(DataStatus::Revalidating);
                    validators = (entry.etag, entry.last_modified);
                }
                // A cached copy that no longer validates (older build) is dropped.
                Err(_) => cache::remove(&url),
            }
        }
    } else {
        status.set(DataStatus::Revalidating);
        if let Some(entry) = cache::read(&url) {
            validators = (entry.etag, entry.last_modified);
        }
    }
    let outcome = match fetch::fetch(&url, validators.0.as_deref(), validators.1.as_deref()).await {
        Err(e) => Outcome::Failed(e),
        Ok(f) => match f.body {
            None => Outcome::NotModified,
            Some(body) => match crate::model::parse::load(body.as_bytes()) {
                Ok(ds) => {
                    let entry = cache::Entry {
                        body,
                        etag: f.etag,
                        last_modified: f.last_modified,
                    };
                    cache::write(&url, &entry);
                    dataset.set(Some(Arc::new(ds)));
                    Outcome::Valid
                }
                Err(problems) => Outcome::Invalid(problems),
            },
        },
    };
    let have_data = dataset.with_untracked(Option::is_some);
    status.set(next_status(have_data, outcome));
}
