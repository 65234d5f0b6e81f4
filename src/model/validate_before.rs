//! The validation as it was before issue 14's dense keys (test only): the
//! reference that `validate::validate` must agree with, problem for problem
//! and in the same order, on every fixture and on grown datasets
//! (`validate::equal_to_before`). Not compiled into the app.
#![allow(dead_code, unused_imports, clippy::all)]

use super::validate::{
    ABOUT_TOLERANCE, CENSUS_YEARS, MAX_COUNT, MAX_POPULATION, Problem, is_bidi_control, is_blank,
    is_country_code, is_date, is_language_tag, is_period, is_region_code, is_web_url, num,
    share_rounding,
};
use super::{
    Area, Dataset, Gender, Observation, Program, Qualifier, REACH_INDICATOR, REQUIRED_LANGUAGES,
    SUPPORTED_SCHEMA_VERSIONS, Status, Text, Unit,
};
use crate::i18n::Msg;
const EPSILON: f64 = 1e-9;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Checks every rule; all problems, errors and warnings, in document order
/// within each rule. The work is linear in the size of the document: the
/// lists and the observations are indexed once, every rule then looks up.
pub fn validate(ds: &Dataset) -> Vec<Problem> {
    let mut steps = Steps::new(ds);
    while !steps.step() {}
    steps.finish()
}

/// How many observations one step of [`Steps`] goes through at most (issue
/// 14: at 4x CPU on a phone, well under 200 ms a step for 100,000 rows).
pub const ROWS_PER_STEP: usize = 8_192;

/// Where [`Steps`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// The count observations into the index, by rows.
    Counts,
    /// The lists, the programs, each observation on its own, plausibility.
    Rows,
    /// Repeated observations, by rows.
    Duplicates,
    /// The parts of each total, by rows.
    Parts,
    /// Each total against its parts, by rows.
    Totals,
    /// The remaining rules (each over the rows once, a few ms for 100,000).
    Rest,
    Done,
}

/// [`validate`] in steps of at most [`ROWS_PER_STEP`] rows or one group of
/// cheap rules (issue 14: the app yields to the browser between steps, so
/// no task is long however many observations). Step to the end, then
/// [`Steps::finish`]: the same problems, in the same order, as in one go.
pub struct Steps<'a> {
    v: Validator<'a>,
    stage: Stage,
    /// The next row of the current stage.
    row: usize,
    seen: HashMap<(&'a str, Dims<'a>, bool), usize>,
    parts: HashMap<PartKey<'a>, Vec<(usize, f64, Status)>>,
    found: Vec<Problem>,
    /// Rows per step.
    chunk: usize,
}

impl<'a> Steps<'a> {
    pub fn new(ds: &'a Dataset) -> Steps<'a> {
        Steps::with_chunk(ds, ROWS_PER_STEP)
    }

    /// Steps of `chunk` rows (at least 1).
    pub fn with_chunk(ds: &'a Dataset, chunk: usize) -> Steps<'a> {
        Steps {
            chunk: chunk.max(1),
            v: Validator {
                ds,
                ix: Index::new(ds),
                out: Vec::new(),
            },
            stage: Stage::Counts,
            row: 0,
            seen: HashMap::default(),
            parts: HashMap::default(),
            found: Vec::new(),
        }
    }

    /// The next rows of the current stage: `None` (and the stage's cursor
    /// back to 0) once it went through them all.
    fn rows(&mut self) -> Option<std::ops::Range<usize>> {
        let n = self.v.ds.observations.len();
        if self.row >= n {
            self.row = 0;
            return None;
        }
        let range = self.row..self.row.saturating_add(self.chunk).min(n);
        self.row = range.end;
        Some(range)
    }

    /// Does one step; `true` once every rule has run.
    pub fn step(&mut self) -> bool {
        match self.stage {
            Stage::Counts => match self.rows() {
                Some(r) => self.v.ix.add_counts(self.v.ds, r),
                None => self.stage = Stage::Rows,
            },
            Stage::Rows => {
                self.v.schema_and_meta();
                self.v.reference_lists();
                self.v.programs();
                self.v.observations();
                self.v.plausibility();
                self.seen = HashMap::with_capacity_and_hasher(
                    self.v.ds.observations.len(),
                    Default::default(),
                );
                self.stage = Stage::Duplicates;
            }
            Stage::Duplicates => match self.rows() {
                Some(r) => self.v.duplicates(&mut self.seen, r),
                None => {
                    self.seen = HashMap::default();
                    self.stage = Stage::Parts;
                }
            },
            Stage::Parts => match self.rows() {
                Some(r) => self.v.breakdown_parts(&mut self.parts, r),
                None => self.stage = Stage::Totals,
            },
            Stage::Totals => match self.rows() {
                Some(r) => self.v.breakdown_totals(&self.parts, r, &mut self.found),
                None => {
                    self.v.out.append(&mut self.found);
                    self.parts = HashMap::default();
                    self.stage = Stage::Rest;
                }
            },
            Stage::Rest => {
                self.v.gender_shares();
                self.v.shares_against_counts();
                self.v.against_reach();
                self.v.programs_against_areas();
                self.v.single_gender();
                self.v.population();
                self.stage = Stage::Done;
            }
            Stage::Done => {}
        }
        self.stage == Stage::Done
    }

    /// Every problem found (call once [`Steps::step`] returned `true`).
    pub fn finish(self) -> Vec<Problem> {
        debug_assert_eq!(self.stage, Stage::Done);
        self.v.out
    }
}

struct Validator<'a> {
    ds: &'a Dataset,
    ix: Index<'a>,
    out: Vec<Problem>,
}

/// A count observation that can take part in comparisons.
#[derive(Clone, Copy)]
struct Count {
    at: usize,
    value: f64,
    qualifier: Qualifier,
}

/// Every list and the count observations, indexed once (the first entry
/// wins when an id is repeated; the repetition is reported).
struct Index<'a> {
    sources: HashSet<&'a str>,
    areas: HashMap<&'a str, (usize, &'a Area)>,
    programs: HashMap<&'a str, (usize, &'a Program)>,
    partners: HashSet<&'a str>,
    indicators: HashMap<&'a str, Unit>,
    regions: HashSet<&'a str>,
    countries: HashSet<&'a str>,
    groups: HashSet<&'a str>,
    /// (indicator, dimensions) -> the first count with them.
    counts: HashMap<(&'a str, Dims<'a>), Count>,
    /// Program id -> its distinct places (region or country), valid codes
    /// only: at most 12 regions and 676 countries, whatever the document.
    places: HashMap<&'a str, Vec<Place<'a>>>,
}

/// A place: (region, country), exactly one set.
type Place<'a> = (Option<&'a str>, Option<&'a str>);

impl<'a> Index<'a> {
    fn new(ds: &'a Dataset) -> Index<'a> {
        fn first<'a, T>(items: impl Iterator<Item = (&'a str, T)>) -> HashMap<&'a str, T> {
            let mut map = HashMap::default();
            for (k, v) in items {
                map.entry(k).or_insert(v);
            }
            map
        }
        // Sized once: growing by doubling leaves every smaller table behind
        // in the wasm memory, which never shrinks (issue 14). Filled by
        // `add_counts`.
        let counts = HashMap::with_capacity_and_hasher(ds.observations.len(), Default::default());
        Index {
            sources: ds.sources.iter().map(|x| x.id.as_str()).collect(),
            areas: first(
                ds.areas
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id.as_str(), (i, a))),
            ),
            programs: first(
                ds.programs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.id.as_str(), (i, p))),
            ),
            partners: ds.partners.iter().map(|x| x.id.as_str()).collect(),
            indicators: first(ds.indicators.iter().map(|x| (x.id.as_str(), x.unit))),
            regions: ds.regions.iter().map(|x| x.code.as_str()).collect(),
            countries: ds.countries.iter().map(|x| x.code.as_str()).collect(),
            groups: ds.groups.iter().map(|x| x.id.as_str()).collect(),
            counts,
            places: first(ds.programs.iter().map(|p| {
                let mut seen = HashSet::default();
                let places: Vec<Place<'a>> = p
                    .places
                    .iter()
                    .filter_map(|x| match (x.region.as_deref(), x.country.as_deref()) {
                        (Some(r), None) if is_region_code(r) => Some((Some(r), None)),
                        (None, Some(c)) if is_country_code(c) => Some((None, Some(c))),
                        _ => None,
                    })
                    .filter(|x| seen.insert(*x))
                    .collect();
                (p.id.as_str(), places)
            })),
        }
    }

    /// Indexes the count observations of `rows`.
    fn add_counts(&mut self, ds: &'a Dataset, rows: std::ops::Range<usize>) {
        for (o, i) in ds.observations[rows.clone()].iter().zip(rows) {
            if let (Some(v), None) = (o.count, o.share)
                && v.is_finite()
                && v >= 0.0
            {
                self.counts
                    .entry((o.indicator.as_str(), Dims::of(o)))
                    .or_insert(Count {
                        at: i,
                        value: v,
                        qualifier: o.qualifier,
                    });
            }
        }
    }

    fn count(&self, indicator: &'a str, dims: &Dims<'a>) -> Option<Count> {
        self.counts.get(&(indicator, dims.clone())).copied()
    }

    fn is_people(&self, indicator: &str) -> bool {
        self.indicators.get(indicator) == Some(&Unit::People)
    }
}

fn value_problem(v: f64, share: bool) -> bool {
    !v.is_finite()
        || v < 0.0
        || (share && v > 1.0)
        || (!share && (v.fract() != 0.0 || v > MAX_COUNT))
}

impl<'a> Validator<'a> {
    fn push(&mut self, p: Problem) {
        self.out.push(p);
    }

    /// A translated text: the three languages present and not blank, every
    /// tag well formed, no bidi control.
    fn text(&mut self, path: &str, t: &Text) {
        for lang in REQUIRED_LANGUAGES {
            match t.lang(lang) {
                None => self.push(
                    Problem::error(
                        format!("{path}.{lang}"),
                        Msg::ValidateProblemMissingLanguage,
                    )
                    .arg("lang", lang),
                ),
                Some(s) if is_blank(s) => self.push(
                    Problem::error(format!("{path}.{lang}"), Msg::DataProblemEmptyText)
                        .arg("lang", lang),
                ),
                Some(_) => {}
            }
        }
        for (tag, s) in &t.0 {
            let at = format!("{path}.{tag}");
            if !is_language_tag(tag) {
                self.push(Problem::error(at, Msg::ValidateProblemBadLanguageTag).arg("value", tag));
                continue;
            }
            if !REQUIRED_LANGUAGES.contains(&tag.as_str()) && is_blank(s) {
                self.push(Problem::error(at.clone(), Msg::DataProblemEmptyText).arg("lang", tag));
            }
            self.plain(at, s);
        }
    }

    /// Any string of the document: no bidi control.
    fn plain(&mut self, path: String, s: &str) {
        if let Some(c) = s.chars().find(|&c| is_bidi_control(c)) {
            self.push(
                Problem::error(path, Msg::ValidateProblemBidiControl)
                    .arg("value", format!("U+{:04X}", c as u32)),
            );
        }
    }

    /// A required string: not blank, no bidi control.
    fn required(&mut self, path: String, s: &str) {
        if is_blank(s) {
            self.push(Problem::error(path, Msg::ValidateProblemEmptyString));
        } else {
            self.plain(path, s);
        }
    }

    fn date(&mut self, path: String, s: &str) {
        if !is_date(s) {
            self.push(Problem::error(path, Msg::DataProblemBadDate).arg("value", s));
        }
    }

    fn schema_and_meta(&mut self) {
        let ds = self.ds;
        if !SUPPORTED_SCHEMA_VERSIONS.contains(&ds.schema_version) {
            let expected: Vec<String> = SUPPORTED_SCHEMA_VERSIONS
                .iter()
                .map(u32::to_string)
                .collect();
            self.push(
                Problem::error("schema_version", Msg::DataProblemUnsupportedSchema)
                    .arg("value", ds.schema_version)
                    .arg("expected", expected.join(", ")),
            );
        }
        self.required("meta.dataset_version".into(), &ds.meta.dataset_version);
        self.date("meta.as_of".into(), &ds.meta.as_of);
        self.text("meta.publisher", &ds.meta.publisher);
        if let Some(licence) = &ds.meta.licence {
            self.required("meta.licence".into(), licence);
        }
        if let Some(note) = &ds.meta.note {
            self.text("meta.note", note);
        }
        for (i, s) in ds.sources.iter().enumerate() {
            self.required(format!("sources[{i}].publisher"), &s.publisher);
            self.date(format!("sources[{i}].date"), &s.date);
            self.text(&format!("sources[{i}].title"), &s.title);
            if let Some(url) = &s.url
                && !is_web_url(url)
            {
                self.push(
                    Problem::error(format!("sources[{i}].url"), Msg::ValidateProblemBadUrl)
                        .arg("value", url),
                );
            }
            for (field, value) in [("licence", &s.licence), ("credit", &s.credit)] {
                if let Some(value) = value {
                    self.required(format!("sources[{i}].{field}"), value);
                }
            }
        }
    }

    /// Ids unique and non-empty in one list; `key` is `id` or `code`.
    fn unique<'s>(&mut self, list: &str, key: &str, ids: impl Iterator<Item = &'s str>) {
        let mut seen: HashMap<&str, usize> = HashMap::default();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].{key}");
            if is_blank(id) {
                self.push(Problem::error(path, Msg::DataProblemEmptyId));
            } else if id.chars().any(is_bidi_control) {
                self.plain(path, id);
            } else if let Some(first) = seen.get(id) {
                self.push(
                    Problem::error(path, Msg::DataProblemDuplicateId)
                        .arg("value", id)
                        .arg("first", format!("{list}[{first}]")),
                );
            } else {
                seen.insert(id, i);
            }
        }
    }

    fn reference_lists(&mut self) {
        let ds = self.ds;
        self.unique("sources", "id", ds.sources.iter().map(|x| x.id.as_str()));
        self.unique("areas", "id", ds.areas.iter().map(|x| x.id.as_str()));
        self.unique("programs", "id", ds.programs.iter().map(|x| x.id.as_str()));
        self.unique("partners", "id", ds.partners.iter().map(|x| x.id.as_str()));
        self.unique(
            "indicators",
            "id",
            ds.indicators.iter().map(|x| x.id.as_str()),
        );
        self.unique("groups", "id", ds.groups.iter().map(|x| x.id.as_str()));
        self.unique(
            "regions",
            "code",
            ds.regions.iter().map(|x| x.code.as_str()),
        );
        self.unique(
            "countries",
            "code",
            ds.countries.iter().map(|x| x.code.as_str()),
        );
        for (i, r) in ds.regions.iter().enumerate() {
            if !is_region_code(&r.code) {
                self.push(
                    Problem::error(format!("regions[{i}].code"), Msg::DataProblemBadRegionCode)
                        .arg("value", &r.code),
                );
            }
        }
        for (i, c) in ds.countries.iter().enumerate() {
            if !is_country_code(&c.code) {
                self.push(
                    Problem::error(
                        format!("countries[{i}].code"),
                        Msg::DataProblemBadCountryCode,
                    )
                    .arg("value", &c.code),
                );
            }
        }
        let names = ds
            .areas
            .iter()
            .map(|x| ("areas", &x.name))
            .chain(ds.partners.iter().map(|x| ("partners", &x.name)))
            .chain(ds.indicators.iter().map(|x| ("indicators", &x.name)))
            .chain(ds.regions.iter().map(|x| ("regions", &x.name)))
            .chain(ds.countries.iter().map(|x| ("countries", &x.name)))
            .chain(ds.groups.iter().map(|x| ("groups", &x.name)));
        let mut index: HashMap<&str, usize> = HashMap::default();
        for (list, name) in names {
            let i = index.entry(list).or_insert(0);
            self.text(&format!("{list}[{i}].name"), name);
            *i += 1;
        }
    }

    /// A region reference must name a region of the list (whose codes are
    /// checked there).
    fn region_ref(&mut self, path: String, code: &str) {
        if !self.ix.regions.contains(code) {
            self.push(Problem::error(path, Msg::DataProblemUnknownRegion).arg("value", code));
        }
    }

    fn country_ref(&mut self, path: String, code: &str) {
        if !self.ix.countries.contains(code) {
            self.push(Problem::error(path, Msg::DataProblemUnknownCountry).arg("value", code));
        }
    }

    fn reference(&mut self, path: String, value: &str, known: bool, msg: Msg) {
        if !known {
            self.push(Problem::error(path, msg).arg("value", value));
        }
    }

    fn programs(&mut self) {
        let ds = self.ds;
        for (i, p) in ds.programs.iter().enumerate() {
            let at = format!("programs[{i}]");
            self.text(&format!("{at}.name"), &p.name);
            self.reference(
                format!("{at}.area"),
                &p.area,
                self.ix.areas.contains_key(p.area.as_str()),
                Msg::DataProblemUnknownArea,
            );
            for (j, partner) in p.partners.iter().enumerate() {
                let known = self.ix.partners.contains(partner.as_str());
                self.reference(
                    format!("{at}.partners[{j}]"),
                    partner,
                    known,
                    Msg::DataProblemUnknownPartner,
                );
            }
            for (j, place) in p.places.iter().enumerate() {
                let at = format!("{at}.places[{j}]");
                match (&place.region, &place.country) {
                    (Some(_), Some(_)) => {
                        self.push(Problem::error(at.clone(), Msg::DataProblemRegionAndCountry))
                    }
                    (None, None) => self.push(Problem::error(
                        at.clone(),
                        Msg::DataProblemPlaceWithoutLocation,
                    )),
                    _ => {}
                }
                if let Some(r) = &place.region {
                    self.region_ref(format!("{at}.region"), r);
                }
                if let Some(c) = &place.country {
                    self.country_ref(format!("{at}.country"), c);
                }
                if let Some(l) = &place.locality {
                    self.text(&format!("{at}.locality"), l);
                }
                if let Some([lon, lat]) = place.lon_lat {
                    let ok = lon.is_finite()
                        && lat.is_finite()
                        && (-180.0..=180.0).contains(&lon)
                        && (-90.0..=90.0).contains(&lat);
                    if !ok {
                        self.push(
                            Problem::error(format!("{at}.lon_lat"), Msg::DataProblemBadLonLat)
                                .arg("value", format!("{}, {}", num(lon), num(lat))),
                        );
                    }
                }
            }
        }
    }

    fn observations(&mut self) {
        let ds = self.ds;
        for (i, o) in ds.observations.iter().enumerate() {
            // Paths are written only for a problem: 100,000 rows, most of
            // them right (issue 14).
            let at = |field: &str| {
                if field.is_empty() {
                    format!("observations[{i}]")
                } else {
                    format!("observations[{i}].{field}")
                }
            };
            if !self.ix.indicators.contains_key(o.indicator.as_str()) {
                self.reference(
                    at("indicator"),
                    &o.indicator,
                    false,
                    Msg::DataProblemUnknownIndicator,
                );
            }
            if !self.ix.sources.contains(o.source.as_str()) {
                self.reference(
                    at("source"),
                    &o.source,
                    false,
                    Msg::DataProblemUnknownSource,
                );
            }
            if let Some(a) = &o.area
                && !self.ix.areas.contains_key(a.as_str())
            {
                self.reference(at("area"), a, false, Msg::DataProblemUnknownArea);
            }
            if let Some(p) = &o.program {
                match self.ix.programs.get(p.as_str()).map(|&(_, p)| p) {
                    None => self.push(
                        Problem::error(at("program"), Msg::DataProblemUnknownProgram)
                            .arg("value", p),
                    ),
                    Some(program) => {
                        if let Some(a) = o.area.as_ref().filter(|a| **a != program.area) {
                            self.push(
                                Problem::error(at("area"), Msg::DataProblemProgramAreaMismatch)
                                    .arg("value", a)
                                    .arg("expected", &program.area),
                            );
                        }
                    }
                }
            }
            if let Some(r) = &o.region
                && !self.ix.regions.contains(r.as_str())
            {
                self.region_ref(at("region"), r);
            }
            if let Some(c) = &o.country
                && !self.ix.countries.contains(c.as_str())
            {
                self.country_ref(at("country"), c);
            }
            if o.region.is_some() && o.country.is_some() {
                self.push(Problem::error(
                    at("country"),
                    Msg::DataProblemRegionAndCountry,
                ));
            }
            if let Some(g) = &o.group
                && !self.ix.groups.contains(g.as_str())
            {
                self.reference(at("group"), g, false, Msg::DataProblemUnknownGroup);
            }
            if let Some(p) = &o.period
                && !is_period(p)
            {
                self.push(Problem::error(at("period"), Msg::DataProblemBadPeriod).arg("value", p));
            }
            match (o.count, o.share) {
                (Some(_), Some(_)) => {
                    self.push(Problem::error(at(""), Msg::DataProblemCountAndShare))
                }
                (None, None) => self.push(Problem::error(at(""), Msg::DataProblemNoValue)),
                (Some(v), None) => {
                    if value_problem(v, false) {
                        self.value(at("count"), v, false);
                    }
                }
                (None, Some(v)) => {
                    if value_problem(v, true) {
                        self.value(at("share"), v, true);
                    }
                }
            }
        }
    }

    fn value(&mut self, path: String, v: f64, share: bool) {
        debug_assert!(value_problem(v, share));
        if !v.is_finite() {
            self.push(Problem::error(path, Msg::DataProblemNotFinite));
        } else if v < 0.0 {
            self.push(Problem::error(path, Msg::DataProblemNegative).arg("value", num(v)));
        } else if share && v > 1.0 {
            self.push(Problem::error(path, Msg::DataProblemShareOutOfRange).arg("value", num(v)));
        } else if !share && v.fract() != 0.0 {
            // Every unit counts whole things: people, organisations, sectors,
            // regions, areas.
            self.push(Problem::error(path, Msg::ValidateProblemNotWhole).arg("value", num(v)));
        } else if !share && v > MAX_COUNT {
            self.push(
                Problem::error(path, Msg::ValidateProblemTooBig)
                    .arg("value", num(v))
                    .arg("limit", num(MAX_COUNT)),
            );
        }
    }

    /// The document says something: observations, and among them the whole
    /// reach (a count of the reach indicator with no dimension).
    fn plausibility(&mut self) {
        if self.ds.observations.is_empty() {
            self.push(Problem::error(
                "observations",
                Msg::ValidateProblemNoObservations,
            ));
            return;
        }
        if self.ix.count(REACH_INDICATOR, &Dims::default()).is_none() {
            self.push(
                Problem::error("observations", Msg::ValidateProblemNoReachTotal)
                    .arg("indicator", REACH_INDICATOR),
            );
        }
    }

    /// Repeated observations among `rows` (`seen`: the rows before them).
    fn duplicates(
        &mut self,
        seen: &mut HashMap<(&'a str, Dims<'a>, bool), usize>,
        rows: std::ops::Range<usize>,
    ) {
        let ds = self.ds;
        for (o, i) in ds.observations[rows.clone()].iter().zip(rows) {
            let key = (o.indicator.as_str(), Dims::of(o), o.is_share());
            if let Some(first) = seen.get(&key) {
                let p = Problem::error(
                    format!("observations[{i}]"),
                    Msg::DataProblemDuplicateObservation,
                )
                .arg("first", format!("observations[{first}]"));
                self.out.push(p);
            } else {
                seen.insert(key, i);
            }
        }
    }

    /// Count observations of `rows` whose value can take part in sums.
    fn counts(
        &self,
        rows: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, &'a Observation, f64)> + use<'a> {
        self.ds.observations[rows.clone()]
            .iter()
            .zip(rows)
            .filter_map(|(o, i)| match (o.count, o.share) {
                (Some(v), None) if v.is_finite() && v >= 0.0 => Some((i, o, v)),
                _ => None,
            })
    }

    /// The name of a status of the parts of a split: anything the lab did
    /// not publish as such.
    fn made_by_editors(status: Status) -> bool {
        status != Status::Reported
    }

    /// Parts that split a total along one exclusive dimension (area, program,
    /// place, gender) must not sum above it; a part along a dimension whose
    /// values may overlap (group, period) must not be above it on its own.
    /// The parts of `rows`, each under the totals it splits: (indicator,
    /// dimension, dims with that dimension cleared) -> parts.
    fn breakdown_parts(
        &self,
        parts: &mut HashMap<PartKey<'a>, Vec<(usize, f64, Status)>>,
        rows: std::ops::Range<usize>,
    ) {
        for (i, o, v) in self.counts(rows) {
            let dims = Dims::of(o);
            for dim in Dim::ALL {
                if let Some(total_dims) = dims.without(dim) {
                    parts
                        .entry((o.indicator.as_str(), dim, total_dims))
                        .or_default()
                        .push((i, v, o.status));
                }
            }
        }
    }

    /// Each total of `rows` against its parts (all of them in `parts`).
    fn breakdown_totals(
        &self,
        parts: &HashMap<PartKey<'a>, Vec<(usize, f64, Status)>>,
        rows: std::ops::Range<usize>,
        found: &mut Vec<Problem>,
    ) {
        for (t, o, total) in self.counts(rows) {
            let dims = Dims::of(o);
            // A repeated total is reported as a duplicate; comparing it again
            // would only repeat the work (and the problems).
            if self
                .ix
                .count(&o.indicator, &dims)
                .is_some_and(|c| c.at != t)
            {
                continue;
            }
            let limit = match o.qualifier {
                Qualifier::Exact => total,
                Qualifier::About => total * (1.0 + ABOUT_TOLERANCE),
                Qualifier::MoreThan => {
                    // A split made by the editors (no part published as
                    // such) must reach a "more than" total: a split summing
                    // below "more than 4,200" contradicts it.
                    for dim in Dim::ALL.into_iter().filter(|d| d.exclusive()) {
                        let Some(list) = parts.get(&(o.indicator.as_str(), dim, dims.clone()))
                        else {
                            continue;
                        };
                        let sum: f64 = list.iter().map(|(_, v, _)| v).sum();
                        if list.iter().all(|(_, _, s)| Self::made_by_editors(*s))
                            && sum + EPSILON < total
                        {
                            found.push(
                                Problem::error(
                                    format!("observations[{t}].count"),
                                    Msg::ValidateProblemSplitBelowMoreThan,
                                )
                                .arg("count", list.len())
                                .arg("first", format!("observations[{}]", list[0].0))
                                .arg("sum", num(sum))
                                .arg("total", num(total)),
                            );
                        }
                    }
                    continue;
                }
            };
            for dim in Dim::ALL {
                let Some(list) = parts.get(&(o.indicator.as_str(), dim, dims.clone())) else {
                    continue;
                };
                let total_path = || format!("observations[{t}]");
                if dim.exclusive() {
                    let sum: f64 = list.iter().map(|(_, v, _)| v).sum();
                    if sum > limit + EPSILON {
                        let msg = match o.qualifier {
                            Qualifier::About => Msg::DataProblemPartsAboveAbout,
                            _ => Msg::DataProblemPartsAboveTotal,
                        };
                        found.push(
                            Problem::error(format!("{}.count", total_path()), msg)
                                .arg("count", list.len())
                                .arg("first", format!("observations[{}]", list[0].0))
                                .arg("sum", num(sum))
                                .arg("total", num(total)),
                        );
                    }
                } else {
                    for &(p, v, _) in list {
                        if v > limit + EPSILON {
                            found.push(
                                Problem::error(
                                    format!("observations[{p}].count"),
                                    Msg::DataProblemPartAboveTotal,
                                )
                                .arg("value", num(v))
                                .arg("total", num(total))
                                .arg("first", total_path()),
                            );
                        }
                    }
                }
            }
        }
    }

    /// Shares of one base by gender sum to 1 at most.
    fn gender_shares(&mut self) {
        let mut by_base: HashMap<(&str, Dims<'_>), (f64, usize)> = HashMap::default();
        for (i, o) in self.ds.observations.iter().enumerate() {
            let (Some(v), None, Some(_)) = (o.share, o.count, o.gender) else {
                continue;
            };
            if !v.is_finite() {
                continue;
            }
            let base = Dims {
                gender: None,
                ..Dims::of(o)
            };
            let entry = by_base
                .entry((o.indicator.as_str(), base))
                .or_insert((0.0, i));
            entry.0 += v;
            if entry.0 > 1.0 + EPSILON && entry.1 != i {
                let first = entry.1;
                let sum = entry.0;
                self.push(
                    Problem::error(
                        format!("observations[{i}].share"),
                        Msg::DataProblemSharesAboveOne,
                    )
                    .arg("sum", num(sum))
                    .arg("first", format!("observations[{first}]")),
                );
            }
        }
    }

    /// A share by gender or group and the counts it relates (the same
    /// dimensions, and the total without gender and group) agree within the
    /// rounding of the share as written (`0.48`: 0.475–0.485). When the
    /// total is only a lower bound ("more than 4,200") or missing, a share by
    /// gender is compared with the women and men counted (their sum).
    fn shares_against_counts(&mut self) {
        let mut found = Vec::new();
        for (i, o) in self.ds.observations.iter().enumerate() {
            let (Some(share), None) = (o.share, o.count) else {
                continue;
            };
            if !share.is_finite() || !(0.0..=1.0).contains(&share) {
                continue;
            }
            let dims = Dims::of(o);
            let Some(part) = self.ix.count(&o.indicator, &dims) else {
                continue;
            };
            let base_dims = Dims {
                gender: None,
                group: None,
                ..dims.clone()
            };
            let base = self
                .ix
                .count(&o.indicator, &base_dims)
                .filter(|c| c.qualifier != Qualifier::MoreThan)
                .map(|c| c.value)
                .or_else(|| {
                    // By gender only: women + men.
                    o.group.is_none().then_some(())?;
                    let f = self.ix.count(
                        &o.indicator,
                        &Dims {
                            gender: Some(Gender::Female),
                            ..dims.clone()
                        },
                    )?;
                    let m = self.ix.count(
                        &o.indicator,
                        &Dims {
                            gender: Some(Gender::Male),
                            ..dims.clone()
                        },
                    )?;
                    Some(f.value + m.value)
                });
            let Some(total) = base.filter(|t| *t > 0.0) else {
                continue;
            };
            let computed = part.value / total;
            if (computed - share).abs() > share_rounding(share) {
                found.push(
                    Problem::error(
                        format!("observations[{i}].share"),
                        Msg::ValidateProblemShareDisagrees,
                    )
                    .arg("value", num(share))
                    .arg("count", num(part.value))
                    .arg("total", num(total))
                    .arg("computed", num((computed * 1000.0).round() / 1000.0)),
                );
            }
        }
        self.out.extend(found);
    }

    /// No people indicator counts more people than the reach indicator for
    /// the same dimensions (3,500 cooperative members in social
    /// entrepreneurship are that many beneficiaries of it at least).
    fn against_reach(&mut self) {
        let mut found = Vec::new();
        for (i, o, v) in self.counts(0..self.ds.observations.len()) {
            if o.indicator == REACH_INDICATOR || !self.ix.is_people(&o.indicator) {
                continue;
            }
            let Some(reach) = self.ix.count(REACH_INDICATOR, &Dims::of(o)) else {
                continue;
            };
            if reach.qualifier != Qualifier::MoreThan && v > reach.value + EPSILON {
                found.push(
                    Problem::error(
                        format!("observations[{i}].count"),
                        Msg::ValidateProblemAboveReach,
                    )
                    .arg("value", num(v))
                    .arg("indicator", REACH_INDICATOR)
                    .arg("total", num(reach.value))
                    .arg("first", format!("observations[{}]", reach.at)),
                );
            }
        }
        self.out.extend(found);
    }

    /// A program's figure is never above its area’s figure: the area's reach
    /// for the same dimensions, and, for a figure of the whole program, the
    /// sum of the area's figures (same indicator, or reach) in the program's
    /// places. Each observation looks up a bounded number of entries (the
    /// distinct places of its program: at most the regions and countries).
    fn programs_against_areas(&mut self) {
        let mut found = Vec::new();
        for (i, o, v) in self.counts(0..self.ds.observations.len()) {
            let Some(&(_, program)) = o.program.as_deref().and_then(|p| self.ix.programs.get(p))
            else {
                continue;
            };
            let area_dims = Dims {
                program: None,
                area: Some(program.area.as_str()),
                ..Dims::of(o)
            };
            let people = self.ix.is_people(&o.indicator);
            // The area's reach, same dimensions (the same indicator is a
            // breakdown, checked there).
            if people
                && o.indicator != REACH_INDICATOR
                && let Some(area) = self.ix.count(REACH_INDICATOR, &area_dims)
                && area.qualifier != Qualifier::MoreThan
                && v > area.value + EPSILON
            {
                found.push(
                    Problem::error(
                        format!("observations[{i}].count"),
                        Msg::ValidateProblemProgramAboveArea,
                    )
                    .arg("value", num(v))
                    .arg("total", num(area.value))
                    .arg("first", format!("observations[{}]", area.at)),
                );
            }
            if area_dims.region.is_some() || area_dims.country.is_some() {
                continue;
            }
            let places: Vec<Dims<'_>> = self
                .ix
                .places
                .get(program.id.as_str())
                .into_iter()
                .flatten()
                .map(|&(region, country)| Dims {
                    region,
                    country,
                    ..area_dims.clone()
                })
                .collect();
            if places.is_empty() {
                continue;
            }
            let mut indicators = vec![o.indicator.as_str()];
            if people && o.indicator != REACH_INDICATOR {
                indicators.push(REACH_INDICATOR);
            }
            for indicator in indicators {
                let figures: Option<Vec<Count>> =
                    places.iter().map(|d| self.ix.count(indicator, d)).collect();
                let Some(figures) = figures else { continue };
                if figures.iter().any(|c| c.qualifier == Qualifier::MoreThan) {
                    continue;
                }
                let sum: f64 = figures.iter().map(|c| c.value).sum();
                if v > sum + EPSILON {
                    found.push(
                        Problem::error(
                            format!("observations[{i}].count"),
                            Msg::ValidateProblemProgramAbovePlaces,
                        )
                        .arg("value", num(v))
                        .arg("total", num(sum))
                        .arg("first", format!("observations[{}]", figures[0].at)),
                    );
                }
            }
        }
        self.out.extend(found);
    }

    /// A program (or an area) that the source describes as serving one
    /// gender has no figure for the other.
    fn single_gender(&mut self) {
        let mut found = Vec::new();
        for (i, o) in self.ds.observations.iter().enumerate() {
            let Some(gender) = o.gender else { continue };
            if o.value().is_nan() || o.value() <= 0.0 {
                continue;
            }
            let program = o.program.as_deref().and_then(|p| self.ix.programs.get(p));
            let area_id = o
                .area
                .as_deref()
                .or_else(|| program.map(|&(_, p)| p.area.as_str()));
            let area = area_id.and_then(|a| self.ix.areas.get(a));
            let only = program
                .and_then(|&(k, p)| Some((p.gender?, p.id.as_str(), format!("programs[{k}]"))))
                .or_else(|| {
                    area.and_then(|&(k, a)| Some((a.gender?, a.id.as_str(), format!("areas[{k}]"))))
                });
            let Some((only, id, at)) = only else { continue };
            if only != gender {
                let msg = match only {
                    Gender::Female => Msg::ValidateProblemOnlyWomen,
                    Gender::Male => Msg::ValidateProblemOnlyMen,
                };
                found.push(
                    Problem::error(format!("observations[{i}].gender"), msg)
                        .arg("value", id)
                        .arg("first", at),
                );
            }
        }
        self.out.extend(found);
    }

    fn population(&mut self) {
        let ds = self.ds;
        let known = self.ix.sources.contains(ds.population.source.as_str());
        self.reference(
            "population.source".into(),
            &ds.population.source,
            known,
            Msg::DataProblemUnknownSource,
        );
        if !CENSUS_YEARS.contains(&ds.population.year) {
            self.push(
                Problem::error("population.year", Msg::ValidateProblemTooBig)
                    .arg("value", ds.population.year)
                    .arg("limit", CENSUS_YEARS.end()),
            );
        }
        let mut seen = HashMap::default();
        for (i, row) in ds.population.rows.iter().enumerate() {
            let at = format!("population.rows[{i}]");
            if row.population > MAX_POPULATION {
                self.push(
                    Problem::error(format!("{at}.population"), Msg::ValidateProblemTooBig)
                        .arg("value", row.population)
                        .arg("limit", MAX_POPULATION),
                );
            }
            if let Some(r) = &row.region {
                self.region_ref(format!("{at}.region"), r);
            }
            let key = (row.region.as_deref(), row.area, row.sex);
            if let Some(first) = seen.get(&key) {
                self.push(
                    Problem::error(at, Msg::DataProblemDuplicatePopulation)
                        .arg("first", format!("population.rows[{first}]")),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }
}

/// The dimensions of an observation, borrowed; `None` means "all". Region and
/// country together are one dimension, the place.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Dims<'a> {
    area: Option<&'a str>,
    program: Option<&'a str>,
    region: Option<&'a str>,
    country: Option<&'a str>,
    gender: Option<Gender>,
    group: Option<&'a str>,
    period: Option<&'a str>,
}

impl<'a> Dims<'a> {
    fn of(o: &'a Observation) -> Dims<'a> {
        Dims {
            area: o.area.as_deref(),
            program: o.program.as_deref(),
            region: o.region.as_deref(),
            country: o.country.as_deref(),
            gender: o.gender,
            group: o.group.as_deref(),
            period: o.period.as_deref(),
        }
    }

    /// These dimensions with `dim` cleared, if `dim` is set (else `None`).
    fn without(&self, dim: Dim) -> Option<Dims<'a>> {
        let mut d = self.clone();
        let was_set = match dim {
            Dim::Area => d.area.take().is_some(),
            Dim::Program => d.program.take().is_some(),
            Dim::Place => d.region.take().is_some() | d.country.take().is_some(),
            Dim::Gender => d.gender.take().is_some(),
            Dim::Group => d.group.take().is_some(),
            Dim::Period => d.period.take().is_some(),
        };
        was_set.then_some(d)
    }
}

/// (indicator, the dimension a part adds, the dimensions of its total).
type PartKey<'a> = (&'a str, Dim, Dims<'a>);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Dim {
    Area,
    Program,
    Place,
    Gender,
    Group,
    Period,
}

impl Dim {
    const ALL: [Dim; 6] = [
        Dim::Area,
        Dim::Program,
        Dim::Place,
        Dim::Gender,
        Dim::Group,
        Dim::Period,
    ];

    /// The values of an exclusive dimension do not overlap, so the parts add
    /// up; groups (NEET, rural) and periods (`2024`, `2019/2024`) may.
    fn exclusive(self) -> bool {
        !matches!(self, Dim::Group | Dim::Period)
    }
}
