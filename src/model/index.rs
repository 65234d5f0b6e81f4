//! An index over the observations (pure), built once per dataset on first
//! use: "the observation of this indicator with exactly these dimensions"
//! is a hash lookup, so a redraw stays linear in the data's size however
//! many periods, indicators or areas a dataset has.

use super::{Dataset, Gender, Observation, REACH_INDICATOR, id::Id};
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
/// Each text goes in by its own hash (`text`), so that the index's build
/// can remember the hash of a shared id ([`TextHashes`]) instead of hashing
/// its text again on every row (H34).
#[allow(clippy::too_many_arguments)]
fn key(
    text: &mut impl FnMut(&str) -> u64,
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
    let indicator = text(indicator);
    let mut t = |s: Option<&str>| s.map(&mut *text);
    let mut h = FxHasher::default();
    (indicator, share, t(area), t(program), t(region), t(country)).hash(&mut h);
    (gender, t(group), t(period)).hash(&mut h);
    h.finish()
}

/// The hash of one text in a [`key`].
fn text_hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// The hashes of the texts met last, by their address and length: the
/// observations share their ids' texts ([`Id`]), so 100,000 rows of a few
/// dozen ids hash a few dozen texts. Only while the rows are borrowed (an
/// address and a length are then always the same text).
struct TextHashes([(usize, usize, u64); 64]);

impl TextHashes {
    fn new() -> TextHashes {
        TextHashes([(0, 0, 0); 64])
    }

    fn of(&mut self, s: &str) -> u64 {
        let (ptr, len) = (s.as_ptr() as usize, s.len());
        let slot = &mut self.0[(ptr >> 3) % 64];
        if slot.0 != ptr || slot.1 != len {
            *slot = (ptr, len, text_hash(s));
        }
        slot.2
    }
}

fn key_of(o: &Observation, texts: &mut TextHashes) -> u64 {
    key(
        &mut |s| texts.of(s),
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
        &mut text_hash,
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
    facets: Facets,
    /// How many observations it was built over (a dataset edited after the
    /// index was built, as tests do, falls back to a scan).
    len: usize,
}

impl Index {
    fn build(observations: &[Observation]) -> Index {
        let mut index = Index::empty(observations.len());
        index.add(observations, 0..observations.len());
        index
    }

    fn empty(len: usize) -> Index {
        Index {
            first: FxHashMap::with_capacity_and_hasher(len, Default::default()),
            facets: Facets::default(),
            len,
        }
    }

    /// Indexes `rows` (after the rows indexed so far).
    fn add(&mut self, observations: &[Observation], rows: std::ops::Range<usize>) {
        let mut texts = TextHashes::new();
        for (o, i) in observations[rows.clone()].iter().zip(rows) {
            self.first.entry(key_of(o, &mut texts)).or_insert(i as u32);
            self.facets.add(i, o);
        }
    }
}

/// What the dashboard asks of all the rows at each filter change, found in
/// the index's one pass (issue 14: a filter change looks these up instead
/// of scanning 100,000 rows). Each has a scan that says the same
/// ([`Dataset::plain_counts`] and the others), used when the dataset was
/// edited after the index was built, and by the tests as the reference.
/// Short lists and a sorted one rather than more hash tables: each kind of
/// table is code in the wasm, and these lists are small.
#[derive(Default)]
struct Facets {
    /// The groups some observation names (a few).
    groups: Vec<Id>,
    /// The periods of the reach indicator's observations, in document order
    /// without repeats in a row (sorted when asked: a few hundred at most
    /// where every period is a year).
    reach_periods: Vec<Id>,
    /// (region, area) of the reach indicator's splits by gender or group
    /// with no program, country or period (at most regions × areas).
    splits: Vec<(Option<Id>, Option<Id>)>,
    /// (row, next entry of the same hash or [`NO_NEXT`]) of the
    /// [`is_plain`] counts, linked in document order by the hash of
    /// (indicator, region, gender); `plain_first` and `plain_last` hold each
    /// hash's ends (no sort, and the index's kind of table: each is code in
    /// the wasm).
    plain: Vec<(u32, u32)>,
    plain_first: FxHashMap<u64, u32>,
    plain_last: FxHashMap<u64, u32>,
}

/// The end of a list in [`Facets::plain`].
const NO_NEXT: u32 = u32::MAX;

/// The hash under which a plain count is kept in [`Facets::plain`].
fn plain_key(indicator: &str, region: Option<&str>, gender: Option<Gender>) -> u64 {
    let mut h = FxHasher::default();
    (indicator, region, gender).hash(&mut h);
    h.finish()
}

impl Facets {
    fn add(&mut self, i: usize, o: &Observation) {
        if let Some(g) = &o.group
            && !self.groups.contains(g)
        {
            self.groups.push(g.clone());
        }
        if o.indicator == REACH_INDICATOR {
            if let Some(p) = &o.period
                && self.reach_periods.last() != Some(p)
            {
                self.reach_periods.push(p.clone());
            }
            if is_split(o) {
                let split = (o.region.clone(), o.area.clone());
                if !self.splits.contains(&split) {
                    self.splits.push(split);
                }
            }
        }
        if is_plain(o) {
            let key = plain_key(&o.indicator, o.region.as_deref(), o.gender);
            let at = self.plain.len() as u32;
            self.plain.push((i as u32, NO_NEXT));
            self.plain_first.entry(key).or_insert(at);
            if let Some(last) = self.plain_last.insert(key, at) {
                self.plain[last as usize].1 = at;
            }
        }
    }
}

/// A count with no group, program, country or period (any area, region
/// and gender): what a headline card of a non-people indicator shows.
fn is_plain(o: &Observation) -> bool {
    !o.is_share()
        && o.group.is_none()
        && o.program.is_none()
        && o.country.is_none()
        && o.period.is_none()
}

/// A split of the reach by gender or group, with no program, country or
/// period (the indicator is checked by the caller).
fn is_split(o: &Observation) -> bool {
    (o.gender.is_some() || o.group.is_some())
        && o.program.is_none()
        && o.country.is_none()
        && o.period.is_none()
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
    /// The index, when it is of the observations as they are.
    fn current_index(&self) -> Option<&Index> {
        let index = self
            .index
            .0
            .get_or_init(|| Index::build(&self.observations));
        (index.len == self.observations.len()).then_some(index)
    }

    /// Builds the index now, [`ROWS_PER_STEP`] rows a step with `pause`
    /// between steps (the load does, in tasks of their own, so that the
    /// first drawing does not: issue 14). The same index as on first use.
    ///
    /// [`ROWS_PER_STEP`]: super::validate::ROWS_PER_STEP
    pub async fn build_index_in_steps<F: std::future::Future<Output = ()>>(
        &self,
        mut pause: impl FnMut() -> F,
    ) {
        if self.index.0.get().is_some() {
            return;
        }
        let n = self.observations.len();
        let mut index = Index::empty(n);
        let mut start = 0;
        while start < n {
            let end = n.min(start + super::validate::ROWS_PER_STEP);
            index.add(&self.observations, start..end);
            start = end;
            pause().await;
        }
        let _ = self.index.0.set(index);
    }

    /// Whether some observation names the group `id`.
    pub fn names_group(&self, id: &str) -> bool {
        match self.current_index() {
            Some(ix) => ix.facets.groups.iter().any(|g| g == id),
            None => self.names_group_scan(id),
        }
    }

    pub(crate) fn names_group_scan(&self, id: &str) -> bool {
        self.observations
            .iter()
            .any(|o| o.group.as_deref() == Some(id))
    }

    /// The periods of the reach indicator's observations, sorted, once each.
    pub fn reach_periods(&self) -> Vec<&str> {
        match self.current_index() {
            Some(ix) => {
                let mut periods: Vec<&str> =
                    ix.facets.reach_periods.iter().map(|p| p.as_str()).collect();
                crate::sort::sort_by(&mut periods, |a, b| a.cmp(b));
                periods.dedup();
                periods
            }
            None => self.reach_periods_scan(),
        }
    }

    pub(crate) fn reach_periods_scan(&self) -> Vec<&str> {
        let mut periods: Vec<&str> = self
            .observations
            .iter()
            .filter(|o| o.indicator == REACH_INDICATOR)
            .filter_map(|o| o.period.as_deref())
            .collect();
        crate::sort::sort_by(&mut periods, |a, b| a.cmp(b));
        periods.dedup();
        periods
    }

    /// Whether the reach is split by gender or group (with no program,
    /// country or period) for exactly this region and area.
    pub fn has_split(&self, region: Option<&str>, area: Option<&str>) -> bool {
        match self.current_index() {
            Some(ix) => ix
                .facets
                .splits
                .iter()
                .any(|(r, a)| r.as_deref() == region && a.as_deref() == area),
            None => self.has_split_scan(region, area),
        }
    }

    pub(crate) fn has_split_scan(&self, region: Option<&str>, area: Option<&str>) -> bool {
        self.observations.iter().any(|o| {
            // As `charts::model::who` scanned before issue 14 (not through
            // `is_split`: this is the reference the index is tested against).
            o.indicator == REACH_INDICATOR
                && (o.gender.is_some() || o.group.is_some())
                && o.region.as_deref() == region
                && o.area.as_deref() == area
                && o.program.is_none()
                && o.country.is_none()
                && o.period.is_none()
        })
    }

    /// The counts of `indicator` with this region and gender and no group,
    /// program, country or period, any area, in document order.
    pub fn plain_counts(
        &self,
        indicator: &str,
        region: Option<&str>,
        gender: Option<Gender>,
    ) -> Vec<&Observation> {
        match self.current_index() {
            Some(ix) => {
                // The rows of this hash, checked (two keys of one hash are
                // rare, and told apart here).
                let plain = &ix.facets.plain;
                let key = plain_key(indicator, region, gender);
                let mut at = ix.facets.plain_first.get(&key).copied().unwrap_or(NO_NEXT);
                std::iter::from_fn(|| {
                    let &(row, next) = plain.get(at as usize)?;
                    at = next;
                    Some(&self.observations[row as usize])
                })
                .filter(|o| {
                    o.indicator == indicator && o.region.as_deref() == region && o.gender == gender
                })
                .collect()
            }
            None => self.plain_counts_scan(indicator, region, gender),
        }
    }

    pub(crate) fn plain_counts_scan(
        &self,
        indicator: &str,
        region: Option<&str>,
        gender: Option<Gender>,
    ) -> Vec<&Observation> {
        self.observations
            .iter()
            .filter(|o| {
                // As `headline` scanned before issue 14 (not through
                // `is_plain`: the reference the index is tested against).
                o.indicator == indicator
                    && !o.is_share()
                    && o.region.as_deref() == region
                    && o.gender == gender
                    && o.group.is_none()
                    && o.program.is_none()
                    && o.country.is_none()
                    && o.period.is_none()
            })
            .collect()
    }

    /// The first observation of `indicator` (a count, or a share when
    /// `share`) with exactly these dimensions.
    pub fn find(&self, indicator: &str, share: bool, dims: &Dims) -> Option<&Observation> {
        if let Some(index) = self.current_index() {
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

    /// H34: a row's key through the remembered hashes of its texts is the
    /// key of its dimensions asked as a query.
    #[test]
    fn remembered_text_hashes_give_the_query_keys() {
        let doc =
            crate::model::compact::tests::compact_of(&crate::model::compact::tests::grown(2_000));
        let ds = crate::model::parse::parse(&crate::model::compact::tests::bytes(&doc)).unwrap();
        let mut texts = TextHashes::new();
        let mut distinct = std::collections::HashSet::new();
        for o in &ds.observations {
            let k = key_of(o, &mut texts);
            assert_eq!(k, key_for(&o.indicator, o.is_share(), &Dims::of(o)));
            distinct.insert(k);
        }
        assert!(distinct.len() > 1_000, "{}", distinct.len());
    }

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

    /// Issue 14: every indexed answer equals its scan, for every value a
    /// filter can take, on every fixture, the shipped dataset and grown
    /// ones (and the scan is what the dashboard used to do).
    #[test]
    fn indexed_facets_equal_the_scans() {
        use crate::model::compact::tests::{grown, readable};
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut docs = vec![readable(), grown(1_000), grown(10_000)];
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json")
                && let Ok(doc) = serde_json::from_slice(&std::fs::read(&path).unwrap())
            {
                docs.push(doc);
            }
        }
        let mut datasets: Vec<Dataset> = docs
            .into_iter()
            .filter_map(|d| serde_json::from_value(d).ok())
            .collect();
        datasets.push(crate::testing::small());
        assert!(datasets.len() >= 8, "{}", datasets.len());
        let (mut found, mut asked) = (0, 0);
        for ds in &datasets {
            assert_eq!(ds.reach_periods(), ds.reach_periods_scan());
            let mut regions: Vec<Option<&str>> = vec![None, Some("XX-99")];
            regions.extend(ds.regions.iter().map(|r| Some(r.code.as_str())));
            let mut areas: Vec<Option<&str>> = vec![None, Some("nowhere")];
            areas.extend(ds.areas.iter().map(|a| Some(a.id.as_str())));
            for g in ds.groups.iter().map(|g| g.id.as_str()).chain(["none"]) {
                assert_eq!(ds.names_group(g), ds.names_group_scan(g), "{g}");
            }
            for &r in &regions {
                for &a in &areas {
                    asked += 1;
                    found += usize::from(ds.has_split(r, a));
                    assert_eq!(ds.has_split(r, a), ds.has_split_scan(r, a), "{r:?} {a:?}");
                }
                for ind in ds.indicators.iter().map(|i| i.id.as_str()).chain(["none"]) {
                    for g in [None, Some(Gender::Female), Some(Gender::Male)] {
                        let got = ds.plain_counts(ind, r, g);
                        found += got.len();
                        let want = ds.plain_counts_scan(ind, r, g);
                        // The same observations (the same places in memory).
                        assert_eq!(got.len(), want.len());
                        assert!(got.iter().zip(&want).all(|(a, b)| std::ptr::eq(*a, *b)));
                    }
                }
            }
        }
        // Not a comparison of empty answers.
        assert!(found > 50 && asked > 100, "{found} of {asked}");
    }

    #[test]
    fn the_charts_reach_indicator_is_the_indexed_one() {
        assert_eq!(crate::charts::model::BENEFICIARIES, REACH_INDICATOR);
    }

    /// The index built in steps answers as the one built at once.
    #[test]
    fn index_in_steps_equals_index_at_once() {
        use crate::model::compact::tests::grown;
        let ds: Dataset = serde_json::from_value(grown(20_000)).unwrap();
        let mut pauses = 0;
        crate::model::steps::now(ds.build_index_in_steps(|| {
            pauses += 1;
            async {}
        }));
        assert!(pauses >= 2, "{pauses}");
        let stepped = ds.index.0.get().unwrap();
        let once = Index::build(&ds.observations);
        assert_eq!(stepped.first, once.first);
        assert_eq!(stepped.facets.reach_periods, once.facets.reach_periods);
        assert_eq!(stepped.facets.groups, once.facets.groups);
        assert_eq!(stepped.facets.splits, once.facets.splits);
        assert_eq!(stepped.facets.plain, once.facets.plain);
        assert_eq!(stepped.facets.plain_first, once.facets.plain_first);
        assert_eq!(stepped.facets.plain_last, once.facets.plain_last);
        assert_eq!(stepped.len, ds.observations.len());
    }
}
