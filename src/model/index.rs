//! An index over the observations (pure), built once per dataset on first
//! use: "the observation of this indicator with exactly these dimensions"
//! is a hash lookup, so a redraw stays linear in the data's size however
//! many periods, indicators or areas a dataset has.

use super::{Dataset, Gender, Observation};
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

/// The dimensions of an observation; `None` means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Dims {
    pub area: Option<String>,
    pub program: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub gender: Option<Gender>,
    pub group: Option<String>,
    pub period: Option<String>,
}

impl Dims {
    pub fn of(o: &Observation) -> Dims {
        Dims {
            area: o.area.as_deref().map(str::to_string),
            program: o.program.as_deref().map(str::to_string),
            region: o.region.as_deref().map(str::to_string),
            country: o.country.as_deref().map(str::to_string),
            gender: o.gender,
            group: o.group.as_deref().map(str::to_string),
            period: o.period.as_deref().map(str::to_string),
        }
    }

    /// True when `o` has exactly these dimensions.
    pub fn matches(&self, o: &Observation) -> bool {
        o.area.as_deref() == self.area.as_deref()
            && o.program.as_deref() == self.program.as_deref()
            && o.region.as_deref() == self.region.as_deref()
            && o.country.as_deref() == self.country.as_deref()
            && o.gender == self.gender
            && o.group.as_deref() == self.group.as_deref()
            && o.period.as_deref() == self.period.as_deref()
    }
}

/// The hash of (indicator, count or share, dimensions), the same whether it
/// is computed from an observation or from a query's [`Dims`].
#[allow(clippy::too_many_arguments)]
fn key(
    indicator: &str,
    share: bool,
    area: Option<&str>,
    program: Option<&str>,
    region: Option<&str>,
    country: Option<&str>,
    gender: Option<Gender>,
    group: Option<&str>,
    period: Option<&str>,
) -> u64 {
    let mut h = FxHasher::default();
    (indicator, share, area, program, region, country).hash(&mut h);
    (gender, group, period).hash(&mut h);
    h.finish()
}

fn key_of(o: &Observation) -> u64 {
    key(
        &o.indicator,
        o.is_share(),
        o.area.as_deref(),
        o.program.as_deref(),
        o.region.as_deref(),
        o.country.as_deref(),
        o.gender,
        o.group.as_deref(),
        o.period.as_deref(),
    )
}

fn key_for(indicator: &str, share: bool, d: &Dims) -> u64 {
    key(
        indicator,
        share,
        d.area.as_deref(),
        d.program.as_deref(),
        d.region.as_deref(),
        d.country.as_deref(),
        d.gender,
        d.group.as_deref(),
        d.period.as_deref(),
    )
}

/// Position of the first observation of each (indicator, count or share,
/// dimensions), by the hash of that key: 12 bytes an observation and no
/// copy of its ids (issue 14). A lookup checks the observation it finds; two
/// keys of one hash (rare) fall back to a scan, so answers stay exact.
struct Index {
    first: FxHashMap<u64, u32>,
    /// How many observations it was built over (a dataset edited after the
    /// index was built, as tests do, falls back to a scan).
    len: usize,
}

impl Index {
    fn build(observations: &[Observation]) -> Index {
        let mut first = FxHashMap::with_capacity_and_hasher(observations.len(), Default::default());
        for (i, o) in observations.iter().enumerate() {
            first.entry(key_of(o)).or_insert(i as u32);
        }
        Index {
            first,
            len: observations.len(),
        }
    }
}

/// The lazily built index a [`Dataset`] carries (not part of the JSON).
#[derive(Default)]
pub struct IndexCell(OnceLock<Index>);

impl Clone for IndexCell {
    /// A clone builds its own index when first asked.
    fn clone(&self) -> Self {
        IndexCell::default()
    }
}

impl PartialEq for IndexCell {
    /// Derived data: two datasets are equal whatever their indexes.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for IndexCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IndexCell")
    }
}

thread_local! {
    /// Observations compared by [`Dataset::find`] on this thread: one per
    /// lookup when the index answers, the whole list when it falls back to a
    /// scan. Tests read it to check that a lookup does not grow with the
    /// number of observations.
    static COMPARED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Observations compared by [`Dataset::find`] on this thread so far.
pub fn compared() -> u64 {
    COMPARED.with(std::cell::Cell::get)
}

fn matches(o: &Observation, indicator: &str, share: bool, dims: &Dims) -> bool {
    COMPARED.with(|c| c.set(c.get() + 1));
    *o.indicator == *indicator && o.is_share() == share && dims.matches(o)
}

impl Dataset {
    /// The first observation of `indicator` (a count, or a share when
    /// `share`) with exactly these dimensions.
    pub fn find(&self, indicator: &str, share: bool, dims: &Dims) -> Option<&Observation> {
        let index = self
            .index
            .0
            .get_or_init(|| Index::build(&self.observations));
        if index.len == self.observations.len() {
            match index
                .first
                .get(&key_for(indicator, share, dims))
                .map(|&i| &self.observations[i as usize])
            {
                Some(o) if matches(o, indicator, share, dims) => return Some(o),
                None => return None,
                // Edited in place since the index was built, or two keys
                // of one hash: scan.
                Some(_) => {}
            }
        }
        self.observations
            .iter()
            .find(|o| matches(o, indicator, share, dims))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_match_and_survives_edits() {
        let mut ds = crate::testing::small();
        let all = Dims::default();
        let total = ds.find("beneficiaries", false, &all).unwrap();
        assert_eq!(total.count, Some(1000.0));
        assert!(ds.find("beneficiaries", true, &all).is_none());
        let women = Dims {
            gender: Some(Gender::Female),
            ..Dims::default()
        };
        assert_eq!(
            ds.find("beneficiaries", true, &women).unwrap().share,
            Some(0.4)
        );
        // Edited after the index was built: still right.
        ds.observations.retain(|o| o.share.is_none());
        assert!(ds.find("beneficiaries", true, &women).is_none());
        ds.observations[0].count = Some(5.0);
        assert_eq!(
            ds.find("beneficiaries", false, &all).unwrap().count,
            Some(5.0)
        );
        // A clone answers the same.
        assert_eq!(
            ds.clone().find("beneficiaries", false, &all).unwrap().count,
            Some(5.0)
        );
    }
}
