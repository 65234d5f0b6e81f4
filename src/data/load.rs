//! Loading the dataset into the context (browser): stale-while-revalidate.
//! A repeat visit shows the cached copy at once, then asks the server; new
//! data replaces it only once it validates. A failure never touches the
//! cached copy; its cause is kept in the status for the notice.

use super::DataStatus;
use super::{DEFAULT_DATA_URL, Outcome, cache, fetch, next_status, pace};
use crate::model::Dataset;
use crate::web::StoreError;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// True while an editor previews a local file (`/check`): the dataset is
/// then the file's, and a load neither replaces it nor writes the cache.
static PREVIEW: AtomicBool = AtomicBool::new(false);

/// Starts (`true`) or ends a preview; see `pages::check`.
pub fn set_preview(on: bool) {
    PREVIEW.store(on, Ordering::Relaxed);
}

pub fn preview_active() -> bool {
    PREVIEW.load(Ordering::Relaxed)
}

/// When the copy on screen was received from the server (ms since the epoch,
/// as bits; 0 for unknown): read by the notice's "last updated … ago".
static SAVED_AT: AtomicU64 = AtomicU64::new(0);

/// When the copy on screen was received from the server, if known.
pub fn saved_at() -> Option<f64> {
    Some(f64::from_bits(SAVED_AT.load(Ordering::Relaxed))).filter(|t| *t > 0.0)
}

fn set_saved_at(t: Option<f64>) {
    SAVED_AT.store(t.unwrap_or(0.0).to_bits(), Ordering::Relaxed);
}

/// The data URL: `<meta name="impact-data">`, else the bundled file.
pub fn data_url() -> String {
    crate::web::meta_content("impact-data").unwrap_or_else(|| DEFAULT_DATA_URL.to_string())
}

/// Starts a load in the background; the signals follow.
pub fn start(dataset: RwSignal<Option<Arc<Dataset>>>, status: RwSignal<DataStatus>) {
    leptos::task::spawn_local(run(dataset, status));
}

/// The load's clock: [`pace::Pacer`] on `Date.now()`.
type Clock = pace::Pacer<fn() -> f64>;

fn clock() -> Rc<Clock> {
    Rc::new(pace::Pacer::new(crate::web::now_ms as fn() -> f64))
}

/// Begins a new task when the current one has run for [`TASK_BUDGET_MS`]
/// (H30: not after every piece; small pieces share a task).
async fn pause(clock: &Clock) {
    if clock.due(TASK_BUDGET_MS) {
        crate::web::next_task().await;
        clock.restart();
    }
}

/// `parse::load` in tasks (issue 14): decoding, then validation, each in
/// steps (`model::steps`); a new task begins once the current one has run
/// for [`TASK_BUDGET_MS`], so a 100,000-row document has no long task and
/// the shipped one does not wait for timers between small steps (H30: nor
/// between decoding, validating and indexing).
async fn load_in_tasks(
    bytes: &[u8],
    clock: &Rc<Clock>,
) -> Result<Dataset, Vec<crate::model::validate::Problem>> {
    use crate::model::parse::{decode_in_steps, validated_in_steps};
    let step = || {
        let clock = clock.clone();
        async move { pause(&clock).await }
    };
    let (ds, _) = decode_in_steps(bytes, step).await?;
    pause(clock).await;
    let ds = validated_in_steps(ds, step).await?;
    // The lookup index (one pass over the rows), in steps: the first
    // drawing would build it otherwise, in one task (issue 14).
    pause(clock).await;
    ds.build_index_in_steps(step).await;
    Ok(ds)
}

/// Before the dataset is drawn (its headline figures and map, ~110 ms at 4x
/// CPU on a cold phone load): a new task unless the current one has run
/// for less than this, in ms, so that the two together stay under 200 ms.
const DRAW_AFTER_MS: f64 = 25.0;

async fn pause_before_drawing(clock: &Clock) {
    if clock.due(DRAW_AFTER_MS) {
        crate::web::next_task().await;
        clock.restart();
    }
}

/// How long one task of [`load_in_tasks`] may run before it yields, in ms
/// (a step is a few ms natively; at 4x CPU on a phone the longest are
/// ~120 ms, so a task stays under 200 ms).
const TASK_BUDGET_MS: f64 = 40.0;

/// Resolves in a task after the next frame ([`crate::web::after_next_frame`]).
async fn after_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        crate::web::after_next_frame(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// How long the saving of a new copy waits for the first screen's drawing
/// at most, in ms (a page without charts is never "drawn").
const SAVE_WAIT_MS: i32 = 3_000;

/// A copy larger than this (bytes) is saved once the first screen is drawn
/// (the shipped dataset is 70 KB; 100,000 compact rows are 4 MB), with its
/// body kept apart in the Cache API (`cache::save`).
const SAVE_LATER_BYTES: usize = cache::APART_BYTES;

async fn run(dataset: RwSignal<Option<Arc<Dataset>>>, status: RwSignal<DataStatus>) {
    if preview_active() {
        return;
    }
    let url = data_url();
    if dataset.get_untracked().is_none() {
        // Issue 14: reading, parsing and validating the saved copy, and drawing
        // it, each in a task of its own after the mount's (the page's frame
        // painted before the wasm ran: index.html).
        crate::web::next_task().await;
    }
    let clock = clock();
    // Older cache versions and per-URL entries are removed when a new copy
    // is saved (cache::save), not before: nothing is lost on a failed load.
    // Reading the saved copy (4 MB for 100,000 rows), decoding its entry
    // and scanning it: a new task between them once the budget is spent
    // (H30: the shipped 70 KB copy is read, checked and drawn in one or two
    // tasks, not seven).
    let entry = match cache::read_text() {
        Some(text) => {
            pause(&clock).await;
            let entry = cache::entry_of(&text);
            drop(text);
            pause(&clock).await;
            entry
        }
        None => None,
    };
    let mut validators = (None, None);
    // The saved copy, when it is what this load put on screen (H30: an
    // answer with the same bytes then changes nothing).
    let mut shown = None;
    if dataset.get_untracked().is_none() {
        status.set(DataStatus::Loading);
        // A large copy's body, read from the Cache API (issue 14).
        let entry = match entry {
            Some(e) if e.apart.is_some() => {
                let e = cache::with_body(e).await;
                clock.restart();
                e
            }
            e => e,
        };
        if let Some(entry) = entry {
            match load_in_tasks(entry.body.as_bytes(), &clock).await {
                Ok(ds) => {
                    // Parsing and drawing in separate tasks unless the
                    // parsing was short.
                    pause_before_drawing(&clock).await;
                    set_saved_at(entry.saved_at);
                    dataset.set(Some(Arc::new(ds)));
                    status.set(DataStatus::Revalidating);
                    validators = entry.validators_for(&url);
                    shown = Some(entry);
                }
                // A cached copy that no longer validates (older build) is dropped.
                Err(_) => cache::remove(),
            }
        }
    } else {
        status.set(DataStatus::Revalidating);
        if let Some(entry) = entry {
            validators = entry.validators_for(&url);
        }
    }
    let fetched = fetch::fetch(&url, validators.0.as_deref(), validators.1.as_deref()).await;
    // The answer comes in a task of its own.
    clock.restart();
    if preview_active() {
        // A preview began meanwhile: this answer is dropped, nothing cached.
        return;
    }
    let outcome = match fetched {
        Err(e) => Outcome::Failed(e),
        Ok(f) => match f.body {
            None => Outcome::NotModified,
            Some(bytes)
                if shown.as_ref().is_some_and(|e| {
                    e.same_answer(&url, &bytes, f.etag.as_deref(), f.last_modified.as_deref())
                }) =>
            {
                Outcome::NotModified
            }
            Some(bytes) => match load_in_tasks(&bytes, &clock).await {
                Ok(ds) => {
                    let now = crate::web::now_ms();
                    // Parsing (unless it was short), drawing and saving in
                    // separate tasks (issue 14).
                    pause_before_drawing(&clock).await;
                    if preview_active() {
                        return;
                    }
                    set_saved_at(Some(now));
                    dataset.set(Some(Arc::new(ds)));
                    // A large copy (100,000 rows, 4 MB) is saved after the
                    // first screen is drawn, not before its charts (issue 14):
                    // its fingerprint and its copy to the Cache API take tens
                    // of ms at 4x CPU. A small copy is saved at once.
                    if bytes.len() > SAVE_LATER_BYTES {
                        crate::web::drawn(SAVE_WAIT_MS).await;
                        // H34: and after the frame that shows the charts.
                        after_frame().await;
                    } else {
                        crate::web::next_task().await;
                    }
                    if preview_active() {
                        return;
                    }
                    let saved =
                        cache::save(url.clone(), bytes, f.etag, f.last_modified, Some(now)).await;
                    // (A preview begun meanwhile keeps its own status.)
                    if preview_active() {
                        return;
                    }
                    match saved {
                        // Storage that refused this copy (full): say so. No
                        // storage at all (sandbox, private mode) is not news.
                        // A refused write leaves the older copy as it was.
                        Err(StoreError::Refused) => Outcome::ValidNotSaved,
                        Ok(()) | Err(StoreError::Unavailable) => Outcome::Valid,
                    }
                }
                Err(problems) => Outcome::Invalid(problems),
            },
        },
    };
    let have_data = dataset.with_untracked(Option::is_some);
    status.set(next_status(have_data, outcome));
}
