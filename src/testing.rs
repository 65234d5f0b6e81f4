//! Test support (compiled for `cargo test` only): the one small dataset that
//! the native tests of every module share, `tests/fixtures/small.json`.
//! Its numbers mean nothing; its shape is the real dataset's (three program
//! areas, two regions, an illustrative split, published shares, census rows).

use crate::model::Dataset;

/// `tests/fixtures/small.json`, decoded.
pub fn small() -> Dataset {
    let text = include_str!("../tests/fixtures/small.json");
    serde_json::from_str(text).expect("tests/fixtures/small.json decodes")
}

/// The native tests' allocator: the system's, counting the bytes each
/// thread holds and the most it held (H34: memory is testable where time is
/// not; see [`peak_bytes`]).
pub mod memory {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    struct Counting;

    thread_local! {
        static NOW: Cell<isize> = const { Cell::new(0) };
        static PEAK: Cell<isize> = const { Cell::new(0) };
    }

    fn add(n: isize) {
        let _ = NOW.try_with(|now| {
            now.set(now.get() + n);
            let _ = PEAK.try_with(|p| p.set(p.get().max(now.get())));
        });
    }

    // SAFETY: every call goes to `System`; the counters only add up sizes.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            add(l.size() as isize);
            // SAFETY: the caller's layout, as given.
            unsafe { System.alloc(l) }
        }
        unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
            add(l.size() as isize);
            // SAFETY: the caller's layout, as given.
            unsafe { System.alloc_zeroed(l) }
        }
        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            add(-(l.size() as isize));
            // SAFETY: `p` was allocated by `System` with `l`.
            unsafe { System.dealloc(p, l) }
        }
        unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
            // Both blocks may be held at once while the bytes move.
            add(new as isize);
            add(-(l.size() as isize));
            // SAFETY: `p` was allocated by `System` with `l`.
            unsafe { System.realloc(p, l, new) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    /// The most bytes this thread held at once while `f` ran, above what it
    /// held before, and `f`'s result.
    pub fn peak_bytes<T>(f: impl FnOnce() -> T) -> (usize, T) {
        let base = NOW.with(Cell::get);
        PEAK.with(|p| p.set(base));
        let out = f();
        let peak = PEAK.with(Cell::get);
        (usize::try_from(peak - base).unwrap_or(0), out)
    }
}
