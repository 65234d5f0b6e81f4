//! One stable sort for every type (issue 14, size). The standard library's
//! stable sort is instantiated anew for every element type and comparison
//! (about 3.9 KB of wasm code each, seven in the app); here the positions
//! are sorted once, by one non-generic function, and the elements then put
//! in that order. Same result as `slice::sort_by` (stable: equal elements
//! keep their order). Pure.

use std::cmp::Ordering;

/// Sorts `v` with `cmp`, stably, as `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` by a key, stably, as `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..n` in the order `cmp` gives (stable).
#[inline(never)]
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Puts `v` in `order` (`v[i]` becomes the old `v[order[i]]`), in place,
/// following each cycle of the permutation once.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut at = start;
        while order[at] != DONE {
            let next = order[at];
            order[at] = DONE;
            if next == start {
                break;
            }
            v.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic list with many equal keys, to see stability.
    fn list(n: usize, seed: u64) -> Vec<(u8, usize)> {
        let mut x = seed | 1;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ((x % 7) as u8, i)
            })
            .collect()
    }

    #[test]
    fn sorts_as_the_standard_stable_sort() {
        for n in [0, 1, 2, 3, 5, 17, 20, 33, 100, 1000] {
            for seed in 1..6 {
                let mut ours = list(n, seed);
                let mut std = ours.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                std.sort_by_key(|a| a.0);
                assert_eq!(ours, std, "n {n}, seed {seed}");
                // Descending, and by key.
                sort_by(&mut ours, |a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
                std.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
                assert_eq!(ours, std);
                sort_by_key(&mut ours, |a| a.0);
                std.sort_by_key(|a| a.0);
                assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn moves_owned_values() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "fig"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["apple", "fig", "fig", "pear"]);
        sort_by(&mut v, |a, b| b.len().cmp(&a.len()));
        assert_eq!(v, ["apple", "pear", "fig", "fig"]);
    }
}
