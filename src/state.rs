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
    /// The filter, read from the URL (`?region=&area=&gender=`): what the
    /// controls and the map show at once, in the frame after the input.
    pub filter: Memo<Filter>,
    /// The same filter as the slower panels show it (headline figures,
    /// summary, charts): after a change it keeps the value shown until the
    /// frame that shows the change has been painted (see [`FilterLag`]).
    pub shown_filter: Memo<Filter>,
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

/// Issue 14: a filter change shows in the next frame only where the visitor
/// looks (the control moved, the map's selection and colours); the panels
/// whose update is slower (headline figures, summary, the charts' models and
/// canvases) follow in a task of their own after that frame has been painted
/// (`crate::web::after_next_frame`), so that the frame after the input is
/// not held back by them. The `charts-redraw` measure runs from the input to
/// the frame after they drew, so the delay stays visible in the benchmark.
#[derive(Clone, Copy)]
pub struct FilterLag {
    /// The value the slow panels keep showing while a change is under way.
    held: RwSignal<Option<Filter>>,
    /// What the slow panels show: `filter`, or the held value.
    pub shown: Memo<Filter>,
}

impl FilterLag {
    pub fn new(filter: Memo<Filter>) -> Self {
        let held = RwSignal::new(None::<Filter>);
        // While held, `filter` is not read, hence not tracked: its changes
        // wake nothing downstream of `shown`.
        let shown = Memo::new(move |_| held.get().unwrap_or_else(|| filter.get()));
        Self { held, shown }
    }

    /// Called before the filter changes: the slow panels keep what they
    /// show. `true` when this starts a hold (the caller then schedules one
    /// [`release`](Self::release)); several changes in a frame share it.
    pub fn hold(&self) -> bool {
        if self.held.with_untracked(Option::is_some) {
            return false;
        }
        self.held.set(Some(self.shown.get_untracked()));
        true
    }

    /// The slow panels catch up with the filter.
    pub fn release(&self) {
        if self.held.with_untracked(Option::is_some) {
            self.held.set(None);
        }
    }

    pub fn is_held(&self) -> bool {
        self.held.with_untracked(Option::is_some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn region(code: &str) -> Filter {
        Filter {
            region: Some(code.to_string()),
            ..Filter::default()
        }
    }

    #[test]
    fn the_shown_filter_waits_for_the_release_and_its_readers_do_not_run_before() {
        let owner = Owner::new();
        owner.set();
        let source = RwSignal::new(Filter::default());
        let filter = Memo::new(move |_| source.get());
        let lag = FilterLag::new(filter);
        // A slow panel: counts how often it is computed.
        let runs = Arc::new(AtomicUsize::new(0));
        let r = runs.clone();
        let panel = Memo::new(move |_| {
            r.fetch_add(1, Ordering::Relaxed);
            lag.shown.get().region
        });
        assert_eq!(panel.get_untracked(), None);
        assert_eq!(runs.load(Ordering::Relaxed), 1);

        assert!(lag.hold());
        source.set(region("MA-01"));
        // A second change in the same frame shares the hold.
        assert!(!lag.hold());
        source.set(region("MA-02"));
        assert_eq!(filter.get_untracked(), region("MA-02"));
        assert_eq!(lag.shown.get_untracked(), Filter::default());
        assert_eq!(panel.get_untracked(), None);
        assert_eq!(runs.load(Ordering::Relaxed), 1, "the panel ran while held");

        lag.release();
        assert!(!lag.is_held());
        assert_eq!(lag.shown.get_untracked(), region("MA-02"));
        assert_eq!(panel.get_untracked().as_deref(), Some("MA-02"));
        assert_eq!(runs.load(Ordering::Relaxed), 2);

        // Without a hold (back button, a new dataset) it follows at once.
        source.set(region("MA-03"));
        assert_eq!(panel.get_untracked().as_deref(), Some("MA-03"));
    }

    #[test]
    fn a_change_that_comes_back_before_the_release_wakes_no_slow_panel() {
        let owner = Owner::new();
        owner.set();
        let source = RwSignal::new(region("MA-01"));
        let filter = Memo::new(move |_| source.get());
        let lag = FilterLag::new(filter);
        let runs = Arc::new(AtomicUsize::new(0));
        let r = runs.clone();
        let panel = Memo::new(move |_| {
            r.fetch_add(1, Ordering::Relaxed);
            lag.shown.get()
        });
        let _ = panel.get_untracked();
        assert!(lag.hold());
        source.set(region("MA-02"));
        source.set(region("MA-01"));
        lag.release();
        let _ = panel.get_untracked();
        assert_eq!(lag.shown.get_untracked(), region("MA-01"));
        assert_eq!(runs.load(Ordering::Relaxed), 1);
    }
}
