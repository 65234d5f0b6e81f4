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
    /// The language asked for while its texts are being fetched, else
    /// `locale` (issue 14: the page stays in `locale` until they are there).
    pub switching: Memo<Locale>,
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
    /// The message in the current language as a reactive text for a view
    /// (`{d.text(Msg::X)}`, `aria-label=d.text(Msg::X)`): the same as
    /// `move || d.t(Msg::X)`, but every text made here is one closure type,
    /// so the view code of a reactive text is compiled once instead of once
    /// per text (issue 14, size).
    pub fn text(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let locale = self.locale;
        move || locale.get().t(msg)
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

/// Issue 14 (H18): a value of the filter as a slow panel shows it (the
/// `shown` filter of [`FilterLag`]), beside `current`, the same value for
/// the filter the map shows at once. While the two filters agree (no change
/// under way, or just released) it reuses `current`'s value: no second
/// computation. Only what `deps` reads (the dataset, a view toggle) and the
/// shown filter wake it, never the filter itself, so a change's input task
/// does not run it; `compute` (untracked) runs only when something changes
/// while a change is held.
pub fn shown_memo<T>(
    filter: Memo<Filter>,
    shown: Memo<Filter>,
    current: Memo<T>,
    deps: impl Fn() + Send + Sync + 'static,
    compute: impl Fn(&Filter) -> T + Send + Sync + 'static,
) -> Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| {
        let s = shown.get();
        deps();
        if filter.with_untracked(|f| *f == s) {
            current.get_untracked()
        } else {
            untrack(|| compute(&s))
        }
    })
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

    /// A slow panel's value through [`shown_memo`]: the region and a view
    /// number, computed by `current` (at once) or `compute` (while held).
    #[test]
    fn a_shown_value_reuses_the_current_one_and_computes_only_while_held() {
        let owner = Owner::new();
        owner.set();
        let source = RwSignal::new(region("MA-01"));
        let filter = Memo::new(move |_| source.get());
        let lag = FilterLag::new(filter);
        let view = RwSignal::new(1u8);
        let (currents, computes) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let c = currents.clone();
        let current = Memo::new(move |_| {
            c.fetch_add(1, Ordering::Relaxed);
            (filter.get().region, view.get())
        });
        let k = computes.clone();
        let shown = shown_memo(
            filter,
            lag.shown,
            current,
            move || view.track(),
            move |f| {
                k.fetch_add(1, Ordering::Relaxed);
                (f.region.clone(), view.get())
            },
        );
        let value = |s: Memo<(Option<String>, u8)>| s.get_untracked();
        assert_eq!(value(shown), (Some("MA-01".into()), 1));
        assert_eq!(
            computes.load(Ordering::Relaxed),
            0,
            "the current value is reused"
        );

        // A change: the current value follows, the shown one does not run.
        assert!(lag.hold());
        source.set(region("MA-02"));
        assert_eq!(value(current), (Some("MA-02".into()), 1));
        assert_eq!(value(shown), (Some("MA-01".into()), 1));
        assert_eq!(computes.load(Ordering::Relaxed), 0);

        // Released: the current value again, computed once only.
        let runs = currents.load(Ordering::Relaxed);
        lag.release();
        assert_eq!(value(shown), (Some("MA-02".into()), 1));
        assert_eq!(
            currents.load(Ordering::Relaxed),
            runs,
            "current computed again"
        );
        assert_eq!(computes.load(Ordering::Relaxed), 0);

        // A view toggled while a change is held: the shown filter, the new view.
        assert!(lag.hold());
        source.set(region("MA-03"));
        view.set(2);
        assert_eq!(value(shown), (Some("MA-02".into()), 2));
        assert_eq!(computes.load(Ordering::Relaxed), 1);
        // The change comes back before the release: the shown filter stays,
        // and so does the value (of the new view).
        source.set(region("MA-02"));
        lag.release();
        assert_eq!(value(shown), (Some("MA-02".into()), 2));
        assert_eq!(value(shown), value(current));

        // Without a hold (back button) it follows at once.
        source.set(region("MA-04"));
        assert_eq!(value(shown), (Some("MA-04".into()), 2));
        assert_eq!(computes.load(Ordering::Relaxed), 1);
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
