//! An index over the observations (pure), built once per dataset on first
//! use: "the observation of this indicator with exactly these dimensions"
//! is a hash lookup, so a redraw stays linear in the data's size however
//! many periods, indicators or areas a dataset has.

use super::{Dataset, Gender, Observation};
use std::collections::HashMap;
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
            area: o.area.clone(),
            program: o.program.clone(),
            region: o.region.clone(),
            country: o.country.clone(),
            gender: o.gender,
            group: o.group.clone(),
            period: o.period.clone(),
        }
    }
}

type Key = (String, bool, Dims);

/// Position of the first observation of each (indicator, count or share,
/// dimensions).
struct Index {
    first: HashMap<Key, usize>,
    /// How many observations it was built over (a dataset edited after the
    /// index was built, as tests do, falls back to a scan).
    len: usize,
}

impl Index {
    fn build(observations: &[Observation]) -> Index {
        let mut first = HashMap::with_capacity(observations.len());
        for (i, o) in observations.iter().enumerate() {
            first
                .entry((o.indicator.clone(), o.is_share(), Dims::of(o)))
                .or_insert(i);
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

fn matches(o: &Observation, indicator: &str, share: bool, dims: &Dims) -> bool {
    o.indicator == indicator && o.is_share() == share && Dims::of(o) == *dims
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
            let key = (indicator.to_string(), share, dims.clone());
            match index.first.get(&key).map(|&i| &self.observations[i]) {
                Some(o) if matches(o, indicator, share, dims) => return Some(o),
                None => return None,
                // Edited in place since the index was built: scan.
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
