//! Validation of a parsed dataset (pure): every problem at once, each with
//! its JSON path and a translated message. The rules are listed in
//! `docs/data-format.md` ("Consistency rules").

use super::rows::RowTable;
use super::{
    Area, Dataset, Gender, Observation, Program, Qualifier, REACH_INDICATOR, REQUIRED_LANGUAGES,
    SUPPORTED_SCHEMA_VERSIONS, Status, Text, Unit,
};
use crate::i18n::{Locale, Msg};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::BuildHasher;

/// Whether a problem stops the document from being used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The document is refused.
    #[default]
    Error,
    /// Reported to the data editor; the document is still used.
    Warning,
}

/// One problem found in a document: where (a JSON path such as
/// `observations[12].region`), what (a catalogue message) and the values the
/// message names (`{value}` …).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub msg: Msg,
    pub args: Vec<(String, String)>,
    pub severity: Severity,
}

impl Problem {
    /// An error at `path`.
    pub fn error(path: impl Into<String>, msg: Msg) -> Problem {
        Problem {
            path: path.into(),
            msg,
            args: Vec::new(),
            severity: Severity::Error,
        }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, msg: Msg) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, msg)
        }
    }

    /// Adds a value for the message's `{name}` placeholder.
    pub fn arg(mut self, name: &str, value: impl ToString) -> Problem {
        self.args.push((name.to_string(), value.to_string()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message in `locale`, placeholders filled.
    pub fn message(&self, locale: Locale) -> String {
        let args: Vec<(&str, &str)> = self
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        locale.tf(self.msg, &args)
    }

    /// `path: message` (warnings: `path: warning: message`).
    pub fn describe(&self, locale: Locale) -> String {
        match self.severity {
            Severity::Error => format!("{}: {}", self.path, self.message(locale)),
            Severity::Warning => format!(
                "{}: {}: {}",
                self.path,
                locale.t(Msg::DataProblemWarning),
                self.message(locale)
            ),
        }
    }
}

/// True when one of the problems is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(Problem::is_error)
}

/// A number as a data editor wrote it: `4200`, `0.48`.
pub fn num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else if v.is_finite() && v.abs() >= 1e15 {
        format!("{v:e}")
    } else {
        // Shortest form that reads back the same, trimmed of float noise.
        let s = format!("{:.6}", v);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}

/// Parts of a total may exceed an `about` total by this much.
pub const ABOUT_TOLERANCE: f64 = 0.10;
/// No count may be larger (people or organisations: a hundred million is
/// more than twice Morocco's population).
pub const MAX_COUNT: f64 = 100_000_000.0;
/// No census row may be larger.
pub const MAX_POPULATION: u64 = 1_000_000_000;
/// Census years accepted.
pub const CENSUS_YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;
const EPSILON: f64 = 1e-9;

/// A share written with `d` decimals (at least 2: a percentage) stands for
/// any ratio within half a unit of its last decimal: `0.48` for 0.475–0.485.
pub fn share_rounding(share: f64) -> f64 {
    let decimals = (2..=6)
        .find(|&d| {
            let scaled = share * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(6);
    0.5 * 10f64.powi(-decimals) + EPSILON
}

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
    /// The lists and the programs.
    Lists,
    /// Each observation on its own, by rows (H34: 100,000 rows were one
    /// step), then plausibility.
    Rows,
    /// Repeated observations, by rows.
    Duplicates,
    /// The parts of each total, by rows.
    Parts,
    /// Each total against its parts, by rows.
    Totals,
    /// The remaining rules, each over the rows once: one rule a step (H34:
    /// the six were one step, over 100 ms for 100,000 rows at 4x CPU).
    Rest(u8),
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
    /// The first row of each (key, share), for the duplicates (H34: rows
    /// only, 8 bytes a slot).
    seen: RowTable,
    parts: Parts,
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
                known: Vec::new(),
            },
            stage: Stage::Counts,
            row: 0,
            seen: RowTable::with_rows(0),
            parts: Parts::new(ds.observations.len()),
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
                None => self.stage = Stage::Lists,
            },
            Stage::Lists => {
                self.v.schema_and_meta();
                self.v.reference_lists();
                self.v.programs();
                self.stage = Stage::Rows;
            }
            Stage::Rows => match self.rows() {
                Some(r) => self.v.observations(r),
                None => {
                    self.v.plausibility();
                    self.seen = RowTable::with_rows(self.v.ds.observations.len());
                    self.stage = Stage::Duplicates;
                }
            },
            Stage::Duplicates => match self.rows() {
                Some(r) => self.v.duplicates(&mut self.seen, r),
                None => {
                    self.seen = RowTable::with_rows(0);
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
                    self.parts = Parts::default();
                    self.stage = Stage::Rest(0);
                }
            },
            Stage::Rest(rule) => {
                match rule {
                    0 => self.v.gender_shares(),
                    1 => self.v.shares_against_counts(),
                    2 => self.v.against_reach(),
                    3 => self.v.programs_against_areas(),
                    4 => self.v.single_gender(),
                    _ => self.v.population(),
                }
                self.stage = if rule < 5 {
                    Stage::Rest(rule + 1)
                } else {
                    Stage::Done
                };
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
    /// By id number ([`Ids`]): which lists it was looked up in, and whether
    /// it is there ([`known`]).
    known: Vec<u16>,
}

/// The kinds of lookup that [`known`] remembers.
const INDICATOR: u16 = 0;
const AREA: u16 = 1;
const REGION: u16 = 2;
const COUNTRY: u16 = 3;
const GROUP: u16 = 4;
const PERIOD: u16 = 5;

/// Whether the id numbered `n` is found by `test` in the list of `kind`,
/// asked once per id and kind (H34: the rows looked their ids up by their
/// text, six hashes of a string a row).
fn known(memo: &mut Vec<u16>, n: u32, kind: u16, test: impl FnOnce() -> bool) -> bool {
    let n = n as usize;
    if memo.len() <= n {
        memo.resize(n + 1, 0);
    }
    let (asked, yes) = (1 << (2 * kind), 1 << (2 * kind + 1));
    if memo[n] & asked == 0 {
        memo[n] |= asked | if test() { yes } else { 0 };
    }
    memo[n] & yes != 0
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
    /// Every id and code the observations use, numbered (issue 14).
    ids: Ids<'a>,
    /// Each observation's indicator and dimensions as numbers, by row
    /// (filled by `add_counts`).
    keys: Vec<Key>,
    /// (indicator, dimensions) -> the first count with them: its row, in a
    /// table of rows (H34: the key is `keys[row]`, the value and qualifier
    /// the row's own; a map of keys to counts took 56 bytes a slot).
    counts: RowTable,
    obs: &'a [Observation],
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
        let counts = RowTable::with_rows(ds.observations.len());
        Index {
            obs: &ds.observations,
            ids: Ids::default(),
            keys: Vec::with_capacity(ds.observations.len()),
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

    /// Numbers the ids of `rows` (the rows after the ones numbered so far)
    /// and indexes their count observations.
    fn add_counts(&mut self, ds: &'a Dataset, rows: std::ops::Range<usize>) {
        debug_assert_eq!(self.keys.len(), rows.start);
        for (o, i) in ds.observations[rows.clone()].iter().zip(rows) {
            let ids = &mut self.ids;
            let key = Key {
                indicator: ids.add(&o.indicator),
                dims: Dims {
                    area: ids.opt(o.area.as_deref()),
                    program: ids.opt(o.program.as_deref()),
                    region: ids.opt(o.region.as_deref()),
                    country: ids.opt(o.country.as_deref()),
                    gender: gender_code(o.gender),
                    group: ids.opt(o.group.as_deref()),
                    period: ids.opt(o.period.as_deref()),
                },
            };
            self.keys.push(key);
            if let (Some(v), None) = (o.count, o.share)
                && v.is_finite()
                && v >= 0.0
            {
                let keys = &self.keys;
                self.counts.first_or_add(hash(&key), i, |r| keys[r] == key);
            }
        }
    }

    fn count(&self, key: Key) -> Option<Count> {
        let at = self.counts.get(hash(&key), |r| self.keys[r] == key)?;
        let o = &self.obs[at];
        Some(Count {
            at,
            value: o.count.unwrap_or_default(),
            qualifier: o.qualifier,
        })
    }

    /// The first count of `indicator` (by its id) with `dims`.
    fn count_of(&self, indicator: &str, dims: Dims) -> Option<Count> {
        self.count(Key {
            indicator: self.ids.get(indicator)?,
            dims,
        })
    }

    fn is_people(&self, indicator: &str) -> bool {
        self.indicators.get(indicator) == Some(&Unit::People)
    }

    /// Whether each numbered id ([`Ids`]) is an indicator of people.
    fn people(&self) -> Vec<bool> {
        let mut out = vec![false; self.ids.len()];
        for (&s, &n) in &self.ids.0 {
            out[n as usize] = self.is_people(s);
        }
        out
    }
}

/// Bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069): they reorder the text around them (labels in selects,
/// canvas, CSV) and are refused anywhere in the document.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// White space and invisible format characters (zero-width space and
/// joiners, marks, the BOM …): a string made only of these is blank. The
/// list is spelt out so that the JSON Schema's pattern says exactly the same.
pub fn is_blank_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{85}' | '\u{A0}' | '\u{AD}'
        | '\u{061C}' | '\u{1680}' | '\u{180E}' | '\u{2000}'..='\u{200F}'
        | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{3000}' | '\u{FEFF}')
}

/// Nothing but white space and invisible characters.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_blank_char)
}

/// A language tag as the data uses it: a primary subtag of 2–3 lower-case
/// letters, then optional subtags of 1–8 letters or digits (`ar`, `es`,
/// `ar-MA`, `zgh-Tfng`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// An `https:` or `http:` URL with a host and no space or control
/// character: the only links the dashboard makes (`javascript:`, `data:` …
/// are refused, and shown as plain text if they ever get through).
pub fn is_web_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_len > 0 && !url.chars().any(|c| c <= ' ' || c == '\u{7F}')
}

/// `MA-01` … `MA-12`.
pub fn is_region_code(code: &str) -> bool {
    code.strip_prefix("MA-")
        .filter(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u8>().ok())
        .is_some_and(|n| (1..=12).contains(&n))
}

/// Two capital ASCII letters (ISO 3166-1 alpha-2 form).
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// A real calendar date `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| {
        b[r.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| s[r].parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A year `2024` or a range `2019/2024` (start not after end).
pub fn is_period(s: &str) -> bool {
    let year = |p: &str| {
        (p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match s.split_once('/') {
        None => year(s).is_some(),
        Some((a, b)) => matches!((year(a), year(b)), (Some(a), Some(b)) if a <= b),
    }
}

/// True when [`Validator::value`] has something to say about `v`.
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

    fn observations(&mut self, rows: std::ops::Range<usize>) {
        let ds = self.ds;
        for (o, i) in ds.observations[rows.clone()].iter().zip(rows) {
            // Paths are written only for a problem: 100,000 rows, most of
            // them right (issue 14).
            let at = |field: &str| {
                if field.is_empty() {
                    format!("observations[{i}]")
                } else {
                    format!("observations[{i}].{field}")
                }
            };
            let key = self.ix.keys[i];
            let ix = &self.ix;
            let memo = &mut self.known;
            if !known(memo, key.indicator, INDICATOR, || {
                ix.indicators.contains_key(o.indicator.as_str())
            }) {
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
                && !known(&mut self.known, key.dims.area, AREA, || {
                    self.ix.areas.contains_key(a.as_str())
                })
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
                && !known(&mut self.known, key.dims.region, REGION, || {
                    self.ix.regions.contains(r.as_str())
                })
            {
                self.region_ref(at("region"), r);
            }
            if let Some(c) = &o.country
                && !known(&mut self.known, key.dims.country, COUNTRY, || {
                    self.ix.countries.contains(c.as_str())
                })
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
                && !known(&mut self.known, key.dims.group, GROUP, || {
                    self.ix.groups.contains(g.as_str())
                })
            {
                self.reference(at("group"), g, false, Msg::DataProblemUnknownGroup);
            }
            if let Some(p) = &o.period
                && !known(&mut self.known, key.dims.period, PERIOD, || is_period(p))
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
        if self.ix.count_of(REACH_INDICATOR, Dims::default()).is_none() {
            self.push(
                Problem::error("observations", Msg::ValidateProblemNoReachTotal)
                    .arg("indicator", REACH_INDICATOR),
            );
        }
    }

    /// Repeated observations among `rows` (`seen`: the rows before them).
    fn duplicates(&mut self, seen: &mut RowTable, rows: std::ops::Range<usize>) {
        let ds = self.ds;
        let keys = &self.ix.keys;
        for (o, i) in ds.observations[rows.clone()].iter().zip(rows) {
            let (key, share) = (keys[i], o.is_share());
            let same = |r: usize| keys[r] == key && ds.observations[r].is_share() == share;
            if let Some(first) = seen.first_or_add(hash(&(key, share)), i, same) {
                let p = Problem::error(
                    format!("observations[{i}]"),
                    Msg::DataProblemDuplicateObservation,
                )
                .arg("first", format!("observations[{first}]"));
                self.out.push(p);
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
    /// The parts of `rows`, each added to the total it splits (the first
    /// count of the same indicator with that dimension cleared): a sum per
    /// (total, dimension), and the overlapping parts above their total
    /// (issue 14: one hash of a few numbers per part and dimension, no list
    /// per total).
    fn breakdown_parts(&self, parts: &mut Parts, rows: std::ops::Range<usize>) {
        for (i, o, v) in self.counts(rows) {
            let key = self.ix.keys[i];
            for dim in Dim::ALL {
                let Some(dims) = key.dims.without(dim) else {
                    continue;
                };
                let Some(total) = self.ix.count(Key { dims, ..key }) else {
                    continue;
                };
                if dim.exclusive() {
                    let s = parts.sum_mut(total.at, dim);
                    if s.count == 0 {
                        s.first = u32::try_from(i).unwrap_or(u32::MAX);
                    }
                    s.sum += v;
                    s.count += 1;
                    s.by_editors &= Self::made_by_editors(o.status);
                } else if let Some(limit) = limit(total.value, total.qualifier)
                    && v > limit + EPSILON
                {
                    parts.add_over(total.at, dim, i, v);
                }
            }
        }
    }

    /// Each total of `rows` against its parts (all of them in `parts`).
    fn breakdown_totals(
        &self,
        parts: &Parts,
        rows: std::ops::Range<usize>,
        found: &mut Vec<Problem>,
    ) {
        for (t, o, total) in self.counts(rows) {
            // A repeated total is reported as a duplicate; comparing it again
            // would only repeat the work (and the problems).
            if self.ix.count(self.ix.keys[t]).is_some_and(|c| c.at != t) {
                continue;
            }
            let Some(limit) = limit(total, o.qualifier) else {
                // A split made by the editors (no part published as such)
                // must reach a "more than" total: a split summing below
                // "more than 4,200" contradicts it.
                for dim in Dim::ALL.into_iter().filter(|d| d.exclusive()) {
                    let Some(s) = parts.sum(t, dim) else {
                        continue;
                    };
                    if s.by_editors && s.sum + EPSILON < total {
                        found.push(
                            Problem::error(
                                format!("observations[{t}].count"),
                                Msg::ValidateProblemSplitBelowMoreThan,
                            )
                            .arg("count", s.count)
                            .arg("first", format!("observations[{}]", s.first))
                            .arg("sum", num(s.sum))
                            .arg("total", num(total)),
                        );
                    }
                }
                continue;
            };
            for dim in Dim::ALL {
                let total_path = || format!("observations[{t}]");
                if dim.exclusive() {
                    let Some(s) = parts.sum(t, dim) else {
                        continue;
                    };
                    if s.sum > limit + EPSILON {
                        let msg = match o.qualifier {
                            Qualifier::About => Msg::DataProblemPartsAboveAbout,
                            _ => Msg::DataProblemPartsAboveTotal,
                        };
                        found.push(
                            Problem::error(format!("{}.count", total_path()), msg)
                                .arg("count", s.count)
                                .arg("first", format!("observations[{}]", s.first))
                                .arg("sum", num(s.sum))
                                .arg("total", num(total)),
                        );
                    }
                } else {
                    for (p, v) in parts.over(t, dim) {
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

    /// Shares of one base by gender sum to 1 at most.
    fn gender_shares(&mut self) {
        let mut by_base: HashMap<Key, (f64, usize)> = HashMap::default();
        for (i, o) in self.ds.observations.iter().enumerate() {
            let (Some(v), None, Some(_)) = (o.share, o.count, o.gender) else {
                continue;
            };
            if !v.is_finite() {
                continue;
            }
            let key = self.ix.keys[i];
            let base = Key {
                dims: Dims {
                    gender: NONE,
                    ..key.dims
                },
                ..key
            };
            let entry = by_base.entry(base).or_insert((0.0, i));
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
            let key = self.ix.keys[i];
            let Some(part) = self.ix.count(key) else {
                continue;
            };
            let with = |dims: Dims| Key { dims, ..key };
            let base = self
                .ix
                .count(with(Dims {
                    gender: NONE,
                    group: NONE,
                    ..key.dims
                }))
                .filter(|c| c.qualifier != Qualifier::MoreThan)
                .map(|c| c.value)
                .or_else(|| {
                    // By gender only: women + men.
                    o.group.is_none().then_some(())?;
                    let f = self.ix.count(with(Dims {
                        gender: gender_code(Some(Gender::Female)),
                        ..key.dims
                    }))?;
                    let m = self.ix.count(with(Dims {
                        gender: gender_code(Some(Gender::Male)),
                        ..key.dims
                    }))?;
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
        let people = self.ix.people();
        let Some(reach_id) = self.ix.ids.get(REACH_INDICATOR) else {
            return;
        };
        for (i, _, v) in self.counts(0..self.ds.observations.len()) {
            let key = self.ix.keys[i];
            if key.indicator == reach_id || !people[key.indicator as usize] {
                continue;
            }
            let Some(reach) = self.ix.count(Key {
                indicator: reach_id,
                ..key
            }) else {
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
        let ids = &self.ix.ids;
        let people = self.ix.people();
        let reach_id = ids.get(REACH_INDICATOR);
        // Each program's places as numbers, once, by the program's position:
        // `None` when one of them is a code no observation uses (no figure
        // can match it then).
        let mut places: Vec<Option<Vec<(u32, u32)>>> = vec![None; self.ds.programs.len()];
        for (&id, &(k, _)) in &self.ix.programs {
            let code = |c: Option<&str>| c.map_or(Some(NONE), |c| ids.get(c));
            places[k] = self.ix.places.get(id).and_then(|list| {
                list.iter()
                    .map(|&(r, c)| Some((code(r)?, code(c)?)))
                    .collect()
            });
        }
        for (i, o, v) in self.counts(0..self.ds.observations.len()) {
            let Some(&(k, program)) = o.program.as_deref().and_then(|p| self.ix.programs.get(p))
            else {
                continue;
            };
            // An area no observation names has no figure.
            let Some(area) = ids.get(program.area.as_str()) else {
                continue;
            };
            let key = self.ix.keys[i];
            let area_dims = Dims {
                program: NONE,
                area,
                ..key.dims
            };
            let people = people[key.indicator as usize];
            // The area's reach, same dimensions (the same indicator is a
            // breakdown, checked there).
            if people
                && Some(key.indicator) != reach_id
                && let Some(reach_id) = reach_id
                && let Some(area) = self.ix.count(Key {
                    indicator: reach_id,
                    dims: area_dims,
                })
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
            if area_dims.region != NONE || area_dims.country != NONE {
                continue;
            }
            let Some(places) = &places[k] else {
                continue;
            };
            if places.is_empty() {
                continue;
            }
            let reach = reach_id.filter(|&r| people && key.indicator != r);
            for indicator in std::iter::once(key.indicator).chain(reach) {
                // The figures of every place, none of them "more than".
                let mut sum = std::iter::empty::<f64>().sum::<f64>();
                let mut first = None;
                let mut complete = true;
                for &(region, country) in places {
                    let figure = self.ix.count(Key {
                        indicator,
                        dims: Dims {
                            region,
                            country,
                            ..area_dims
                        },
                    });
                    match figure {
                        Some(c) if c.qualifier != Qualifier::MoreThan => {
                            sum += c.value;
                            first.get_or_insert(c.at);
                        }
                        _ => {
                            complete = false;
                            break;
                        }
                    }
                }
                let Some(first) = first.filter(|_| complete) else {
                    continue;
                };
                if v > sum + EPSILON {
                    found.push(
                        Problem::error(
                            format!("observations[{i}].count"),
                            Msg::ValidateProblemProgramAbovePlaces,
                        )
                        .arg("value", num(v))
                        .arg("total", num(sum))
                        .arg("first", format!("observations[{first}]")),
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

/// "No value" in a [`Dims`] field: all areas, all regions, both genders...
const NONE: u32 = 0;

/// The hash of a key for a [`RowTable`].
fn hash<K: std::hash::Hash>(key: &K) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// The ids and codes the observations use, numbered from 1 in the order
/// met (issue 14: the rules then hash a few numbers per observation, not
/// its strings).
#[derive(Default)]
struct Ids<'a>(HashMap<&'a str, u32>, Recent);

/// The numbers of the ids met last, by the address and length of their
/// text (H34): the observations share their ids' texts (`model::Id`), so
/// 100,000 rows of a few dozen ids mostly find theirs here, without hashing
/// the text. The texts live as long as the dataset, so an address and a
/// length are always the same text.
struct Recent([(usize, usize, u32); RECENT]);

const RECENT: usize = 64;

impl Default for Recent {
    fn default() -> Recent {
        Recent([(0, 0, NONE); RECENT])
    }
}

impl<'a> Ids<'a> {
    fn add(&mut self, s: &'a str) -> u32 {
        let (ptr, len) = (s.as_ptr() as usize, s.len());
        let slot = &mut self.1.0[(ptr >> 3) % RECENT];
        if slot.0 == ptr && slot.1 == len && slot.2 != NONE {
            return slot.2;
        }
        let next = u32::try_from(self.0.len() + 1).unwrap_or(u32::MAX);
        let n = *self.0.entry(s).or_insert(next);
        *slot = (ptr, len, n);
        n
    }

    fn opt(&mut self, s: Option<&'a str>) -> u32 {
        s.map_or(NONE, |s| self.add(s))
    }

    /// The number of `s`; `None` when no observation uses it.
    fn get(&self, s: &str) -> Option<u32> {
        self.0.get(s).copied()
    }

    /// One more than the largest number.
    fn len(&self) -> usize {
        self.0.len() + 1
    }
}

/// A gender as a [`Dims`] field.
fn gender_code(g: Option<Gender>) -> u32 {
    match g {
        None => NONE,
        Some(Gender::Female) => 1,
        Some(Gender::Male) => 2,
    }
}

/// The dimensions of an observation, as numbers ([`Ids`], [`gender_code`]);
/// [`NONE`] means "all". Region and country together are one dimension, the
/// place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
struct Dims {
    area: u32,
    program: u32,
    region: u32,
    country: u32,
    gender: u32,
    group: u32,
    period: u32,
}

impl Dims {
    /// These dimensions with `dim` cleared, if `dim` is set (else `None`).
    fn without(&self, dim: Dim) -> Option<Dims> {
        let mut d = *self;
        let clear = |x: &mut u32| std::mem::replace(x, NONE) != NONE;
        let was_set = match dim {
            Dim::Area => clear(&mut d.area),
            Dim::Program => clear(&mut d.program),
            Dim::Place => clear(&mut d.region) | clear(&mut d.country),
            Dim::Gender => clear(&mut d.gender),
            Dim::Group => clear(&mut d.group),
            Dim::Period => clear(&mut d.period),
        };
        was_set.then_some(d)
    }
}

/// An observation's indicator and dimensions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
struct Key {
    indicator: u32,
    dims: Dims,
}

/// The parts of the totals, gathered by [`Validator::breakdown_parts`].
#[derive(Default)]
struct Parts {
    /// By row: where the sums of that total's parts start in `sums` (one
    /// per exclusive dimension), or [`NO_SUMS`]: a dense array, no hash.
    first_sum: Vec<u32>,
    /// The sums, [`SUMS_PAGE`] to a page (H34: a list growing by doubling
    /// held up to three times the sums' bytes while it moved, and kept
    /// twice; the wasm memory never shrinks).
    sums: Vec<Vec<PartSum>>,
    /// How many sums the pages hold.
    sums_len: usize,
    /// Parts along an overlapping dimension above their total: (dimension,
    /// part's row, value, the next entry of the same total or
    /// [`NO_SUMS`]), in document order by total (no sort: each kind of
    /// sort is code in the wasm).
    over: Vec<(Dim, usize, f64, u32)>,
    /// Total's row -> the first and the last entry of its list in `over`
    /// (a few: only parts above their total; the index's kind of table).
    over_first: HashMap<u64, u32>,
    over_last: HashMap<u64, u32>,
}

/// A row with no parts (yet) in [`Parts::first_sum`].
const NO_SUMS: u32 = u32::MAX;

/// The exclusive dimensions, first in [`Dim`]: their sums by total.
const EXCLUSIVE: usize = 4;

/// Sums on a page of [`Parts::sums`]: a multiple of [`EXCLUSIVE`], so that
/// a total's sums are on one page.
const SUMS_PAGE: usize = 1024 * EXCLUSIVE;

impl Parts {
    fn new(rows: usize) -> Parts {
        Parts {
            first_sum: vec![NO_SUMS; rows],
            ..Parts::default()
        }
    }

    /// The sum of `total`'s parts along `dim` (exclusive), if it has any.
    fn sum(&self, total: usize, dim: Dim) -> Option<&PartSum> {
        let at = *self.first_sum.get(total)?;
        (at != NO_SUMS)
            .then(|| &self.sums[at as usize / SUMS_PAGE][at as usize % SUMS_PAGE + dim as usize])
            .filter(|s| s.count > 0)
    }

    fn add_over(&mut self, total: usize, dim: Dim, part: usize, value: f64) {
        let at = u32::try_from(self.over.len()).unwrap_or(NO_SUMS);
        self.over.push((dim, part, value, NO_SUMS));
        let key = total as u64;
        self.over_first.entry(key).or_insert(at);
        if let Some(last) = self.over_last.insert(key, at) {
            self.over[last as usize].3 = at;
        }
    }

    /// The parts of `total` along `dim` above it, in document order.
    fn over(&self, total: usize, dim: Dim) -> impl Iterator<Item = (usize, f64)> + '_ {
        let mut at = self
            .over_first
            .get(&(total as u64))
            .copied()
            .unwrap_or(NO_SUMS);
        std::iter::from_fn(move || {
            while at != NO_SUMS {
                let (d, p, v, next) = self.over[at as usize];
                at = next;
                if d == dim {
                    return Some((p, v));
                }
            }
            None
        })
    }

    fn sum_mut(&mut self, total: usize, dim: Dim) -> &mut PartSum {
        debug_assert!(dim.exclusive());
        if self.first_sum[total] == NO_SUMS {
            if self.sums_len.is_multiple_of(SUMS_PAGE) {
                self.sums.push(Vec::with_capacity(SUMS_PAGE));
            }
            self.first_sum[total] = u32::try_from(self.sums_len).unwrap_or(NO_SUMS - 1);
            self.sums_len += EXCLUSIVE;
            if let Some(page) = self.sums.last_mut() {
                page.extend((0..EXCLUSIVE).map(|_| PartSum {
                    sum: std::iter::empty::<f64>().sum(),
                    count: 0,
                    first: 0,
                    by_editors: true,
                }));
            }
        }
        let at = self.first_sum[total] as usize;
        &mut self.sums[at / SUMS_PAGE][at % SUMS_PAGE + dim as usize]
    }
}

/// The parts of one total along one exclusive dimension.
struct PartSum {
    /// Their sum, in document order.
    sum: f64,
    count: u32,
    /// The first part's row.
    first: u32,
    /// No part is published as such ([`Validator::made_by_editors`]).
    by_editors: bool,
}

/// How far the parts of a total may go: `None` for a "more than" total (it
/// has no upper bound).
fn limit(total: f64, qualifier: Qualifier) -> Option<f64> {
    match qualifier {
        Qualifier::Exact => Some(total),
        Qualifier::About => Some(total * (1.0 + ABOUT_TOLERANCE)),
        Qualifier::MoreThan => None,
    }
}

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
        (self as usize) < EXCLUSIVE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::{check, parse};
    use serde_json::{Value, json};

    const MINIMAL: &str = include_str!("../../tests/fixtures/good-minimal.json");

    fn base() -> Value {
        serde_json::from_str(MINIMAL).unwrap()
    }

    /// (path, message) of every problem of the document.
    fn found(doc: &Value) -> Vec<(String, Msg)> {
        let (_, problems) = check(&serde_json::to_vec(doc).unwrap());
        problems.into_iter().map(|p| (p.path, p.msg)).collect()
    }

    /// The document has exactly this one problem.
    #[track_caller]
    fn only(doc: &Value, path: &str, msg: Msg) {
        assert_eq!(found(doc), vec![(path.to_string(), msg)]);
    }

    fn problem(doc: &Value) -> Problem {
        let (_, mut problems) = check(&serde_json::to_vec(doc).unwrap());
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems.remove(0)
    }

    fn obs(doc: &mut Value, i: usize) -> &mut serde_json::Map<String, Value> {
        doc["observations"][i].as_object_mut().unwrap()
    }

    fn push_obs(doc: &mut Value, o: Value) {
        doc["observations"].as_array_mut().unwrap().push(o);
    }

    #[test]
    fn minimal_fixture_is_valid() {
        assert_eq!(found(&base()), vec![]);
        assert!(parse(MINIMAL.as_bytes()).is_ok());
    }

    #[test]
    fn lab_dataset_is_valid() {
        let bytes = include_bytes!("../../public/data/impact.json");
        let (ds, problems) = check(bytes);
        let text: Vec<String> = problems.iter().map(|p| p.describe(Locale::En)).collect();
        assert!(problems.is_empty(), "{text:#?}");
        let ds = ds.unwrap();
        // The ids the views rely on.
        for id in [
            "beneficiaries",
            "cooperatives",
            "cooperative_members",
            "women_entrepreneurs",
            "trainees",
            "companies",
            "incubators",
            "value_chain_actors",
            "strategic_sectors",
        ] {
            assert!(ds.indicator(id).is_some(), "indicator {id}");
        }
        assert_eq!(ds.regions.len(), 12);
        assert_eq!(ds.areas.len(), 6);
        assert!(ds.group("neet").is_some() && ds.group("rural").is_some());
    }

    #[test]
    fn unsupported_schema_version() {
        let mut doc = base();
        doc["schema_version"] = json!(3);
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("schema_version", Msg::DataProblemUnsupportedSchema)
        );
        assert_eq!(
            p.describe(Locale::En),
            "schema_version: schema version 3 is not supported (supported: 1, 2)"
        );
    }

    #[test]
    fn duplicate_ids_in_every_list() {
        for (list, key) in [
            ("sources", "id"),
            ("areas", "id"),
            ("programs", "id"),
            ("partners", "id"),
            ("indicators", "id"),
            ("groups", "id"),
            ("regions", "code"),
            ("countries", "code"),
        ] {
            let mut doc = base();
            let first = doc[list][0].clone();
            doc[list].as_array_mut().unwrap().push(first);
            let n = doc[list].as_array().unwrap().len() - 1;
            let p = problem(&doc);
            assert_eq!(p.path, format!("{list}[{n}].{key}"));
            assert_eq!(p.msg, Msg::DataProblemDuplicateId);
            assert_eq!(p.args[1], ("first".into(), format!("{list}[0]")));
        }
    }

    #[test]
    fn empty_id() {
        let mut doc = base();
        doc["partners"][0]["id"] = json!(" ");
        doc["programs"][0]["partners"] = json!([]);
        only(&doc, "partners[0].id", Msg::DataProblemEmptyId);
    }

    #[test]
    fn region_codes_follow_the_census_numbering() {
        for bad in ["MA-13", "MA-00", "MA-1", "ma-01", "MA-0A"] {
            let mut doc = base();
            doc["regions"][1]["code"] = json!(bad);
            // Observations and population rows still name MA-02.
            let problems = found(&doc);
            assert_eq!(
                problems[0],
                ("regions[1].code".to_string(), Msg::DataProblemBadRegionCode),
                "{bad}"
            );
        }
    }

    #[test]
    fn country_codes_are_two_capitals() {
        let mut doc = base();
        doc["countries"][0]["code"] = json!("sen");
        doc["programs"][0]["places"][1]["country"] = json!("sen");
        only(&doc, "countries[0].code", Msg::DataProblemBadCountryCode);
    }

    #[test]
    fn observation_references_resolve() {
        for (field, value, msg) in [
            ("indicator", "nobody", Msg::DataProblemUnknownIndicator),
            ("source", "rumour", Msg::DataProblemUnknownSource),
            ("area", "a9", Msg::DataProblemUnknownArea),
            ("program", "p9", Msg::DataProblemUnknownProgram),
            ("region", "MA-13", Msg::DataProblemUnknownRegion),
            ("country", "CI", Msg::DataProblemUnknownCountry),
            ("group", "g9", Msg::DataProblemUnknownGroup),
        ] {
            let mut doc = base();
            // observation 3 is a share: no breakdown rule involved.
            obs(&mut doc, 3).insert(field.into(), json!(value));
            let p = problem(&doc);
            assert_eq!(
                (p.path.as_str(), p.msg),
                (format!("observations[3].{field}").as_str(), msg)
            );
            assert_eq!(p.args, vec![("value".to_string(), value.to_string())]);
        }
    }

    #[test]
    fn unknown_region_message_names_it() {
        let mut doc = base();
        obs(&mut doc, 3).insert("region".into(), json!("MA-13"));
        assert_eq!(
            problem(&doc).describe(Locale::En),
            "observations[3].region: unknown region \"MA-13\""
        );
        assert_eq!(
            problem(&doc).describe(Locale::Fr),
            "observations[3].region: région inconnue «\u{202F}MA-13\u{202F}»"
        );
        assert!(
            problem(&doc)
                .describe(Locale::Ar)
                .contains("جهة غير معروفة")
        );
    }

    #[test]
    fn program_references_resolve() {
        let mut doc = base();
        doc["programs"][0]["area"] = json!("a9");
        doc["observations"][4]["area"] = json!("a1");
        let got = found(&doc);
        assert!(got.contains(&("programs[0].area".into(), Msg::DataProblemUnknownArea)));

        let mut doc = base();
        doc["programs"][0]["partners"] = json!(["x", "giz"]);
        only(
            &doc,
            "programs[0].partners[1]",
            Msg::DataProblemUnknownPartner,
        );

        let mut doc = base();
        doc["programs"][0]["places"][0]["region"] = json!("MA-12");
        only(
            &doc,
            "programs[0].places[0].region",
            Msg::DataProblemUnknownRegion,
        );

        let mut doc = base();
        doc["programs"][0]["places"][1]["country"] = json!("CI");
        only(
            &doc,
            "programs[0].places[1].country",
            Msg::DataProblemUnknownCountry,
        );
    }

    #[test]
    fn place_has_one_location() {
        let mut doc = base();
        doc["programs"][0]["places"][0]["country"] = json!("SN");
        only(
            &doc,
            "programs[0].places[0]",
            Msg::DataProblemRegionAndCountry,
        );

        let mut doc = base();
        doc["programs"][0]["places"][1] =
            json!({ "locality": { "ar": "آسفي", "fr": "Safi", "en": "Safi" } });
        only(
            &doc,
            "programs[0].places[1]",
            Msg::DataProblemPlaceWithoutLocation,
        );
    }

    #[test]
    fn lon_lat_in_range() {
        let mut doc = base();
        doc["programs"][0]["places"][0]["lon_lat"] = json!([35.7, -200.0]);
        only(
            &doc,
            "programs[0].places[0].lon_lat",
            Msg::DataProblemBadLonLat,
        );
    }

    #[test]
    fn population_references_resolve() {
        let mut doc = base();
        doc["population"]["source"] = json!("hcp");
        only(&doc, "population.source", Msg::DataProblemUnknownSource);

        let mut doc = base();
        doc["population"]["rows"][2]["region"] = json!("MA-03");
        only(
            &doc,
            "population.rows[2].region",
            Msg::DataProblemUnknownRegion,
        );
    }

    #[test]
    fn duplicate_population_row() {
        let mut doc = base();
        let row = doc["population"]["rows"][1].clone();
        doc["population"]["rows"].as_array_mut().unwrap().push(row);
        only(
            &doc,
            "population.rows[3]",
            Msg::DataProblemDuplicatePopulation,
        );
    }

    #[test]
    fn program_and_area_agree() {
        let mut doc = base();
        obs(&mut doc, 4).insert("area".into(), json!("a2"));
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[4].area", Msg::DataProblemProgramAreaMismatch)
        );
        assert_eq!(
            p.describe(Locale::En),
            "observations[4].area: programme area \"a2\" does not match the programme’s area \"a1\""
        );
    }

    #[test]
    fn region_and_country_not_both() {
        let mut doc = base();
        obs(&mut doc, 3).insert("region".into(), json!("MA-01"));
        obs(&mut doc, 3).insert("country".into(), json!("SN"));
        only(
            &doc,
            "observations[3].country",
            Msg::DataProblemRegionAndCountry,
        );
    }

    #[test]
    fn exactly_one_of_count_and_share() {
        let mut doc = base();
        obs(&mut doc, 3).insert("count".into(), json!(50));
        only(&doc, "observations[3]", Msg::DataProblemCountAndShare);

        let mut doc = base();
        obs(&mut doc, 3).remove("share");
        only(&doc, "observations[3]", Msg::DataProblemNoValue);
    }

    #[test]
    fn values_non_negative_and_shares_within_one() {
        let mut doc = base();
        obs(&mut doc, 4).insert("count".into(), json!(-3));
        only(&doc, "observations[4].count", Msg::DataProblemNegative);

        let mut doc = base();
        obs(&mut doc, 3).insert("share".into(), json!(48));
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[3].share", Msg::DataProblemShareOutOfRange)
        );
        assert_eq!(p.args, vec![("value".to_string(), "48".to_string())]);
    }

    #[test]
    fn values_finite() {
        // JSON cannot carry NaN; a dataset built in code can.
        let mut ds = parse(MINIMAL.as_bytes()).unwrap();
        ds.observations[4].count = Some(f64::INFINITY);
        ds.observations[3].share = Some(f64::NAN);
        let got: Vec<_> = validate(&ds).into_iter().map(|p| (p.path, p.msg)).collect();
        assert_eq!(
            got,
            vec![
                (
                    "observations[3].share".to_string(),
                    Msg::DataProblemNotFinite
                ),
                (
                    "observations[4].count".to_string(),
                    Msg::DataProblemNotFinite
                ),
            ]
        );
    }

    #[test]
    fn dates_are_calendar_dates() {
        let mut doc = base();
        doc["meta"]["as_of"] = json!("2024-02-30");
        doc["sources"][1]["date"] = json!("9 July 2024");
        assert_eq!(
            found(&doc),
            vec![
                ("meta.as_of".to_string(), Msg::DataProblemBadDate),
                ("sources[1].date".to_string(), Msg::DataProblemBadDate),
            ]
        );
        assert!(is_date("2024-02-29") && !is_date("2023-02-29") && !is_date("2024-13-01"));
        assert!(!is_date("2024-1-01") && !is_date("+024-01-01"));
    }

    #[test]
    fn periods_are_years_or_ranges() {
        let mut doc = base();
        obs(&mut doc, 3).insert("period".into(), json!("2024-2025"));
        only(&doc, "observations[3].period", Msg::DataProblemBadPeriod);
        assert!(is_period("2024") && is_period("2019/2024"));
        assert!(!is_period("2024/2019") && !is_period("24") && !is_period("2019/"));
    }

    #[test]
    fn empty_texts() {
        let mut doc = base();
        doc["areas"][1]["name"]["ar"] = json!("");
        doc["sources"][0]["title"]["fr"] = json!("  ");
        doc["programs"][0]["name"]["en"] = json!("");
        let got = found(&doc);
        assert_eq!(
            got,
            vec![
                ("sources[0].title.fr".to_string(), Msg::DataProblemEmptyText),
                ("areas[1].name.ar".to_string(), Msg::DataProblemEmptyText),
                ("programs[0].name.en".to_string(), Msg::DataProblemEmptyText),
            ]
        );
    }

    #[test]
    fn duplicate_observation() {
        let mut doc = base();
        let copy = doc["observations"][2].clone();
        push_obs(&mut doc, copy);
        let got = found(&doc);
        assert_eq!(
            got[0],
            (
                "observations[5]".to_string(),
                Msg::DataProblemDuplicateObservation
            )
        );
        // A count and a share of the same dimensions are not duplicates.
        let mut doc = base();
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "count": 50, "qualifier": "about", "status": "illustrative", "source": "ill", "gender": "female"}),
        );
        assert_eq!(found(&doc), vec![]);
    }

    #[test]
    fn parts_above_an_exact_total() {
        let mut doc = base();
        obs(&mut doc, 2).insert("count".into(), json!(41)); // 60 + 41 > 100
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[0].count", Msg::DataProblemPartsAboveTotal)
        );
        assert_eq!(
            p.describe(Locale::En),
            "observations[0].count: the 2 parts (observations[1], …) sum to 101, above the exact total 100"
        );
        // Parts below an exact total are fine (the rest is not broken down).
        let mut doc = base();
        obs(&mut doc, 2).insert("count".into(), json!(10));
        assert_eq!(found(&doc), vec![]);
    }

    #[test]
    fn parts_above_an_about_total() {
        let mut doc = base();
        obs(&mut doc, 0).insert("qualifier".into(), json!("about"));
        obs(&mut doc, 2).insert("count".into(), json!(50)); // 110: within 10 %
        assert_eq!(found(&doc), vec![]);
        obs(&mut doc, 2).insert("count".into(), json!(51)); // 111
        only(
            &doc,
            "observations[0].count",
            Msg::DataProblemPartsAboveAbout,
        );
    }

    #[test]
    fn more_than_total_accepts_any_sum() {
        let mut doc = base();
        obs(&mut doc, 0).insert("qualifier".into(), json!("more_than"));
        obs(&mut doc, 2).insert("count".into(), json!(400));
        assert_eq!(found(&doc), vec![]);
    }

    #[test]
    fn breakdown_by_every_exclusive_dimension() {
        // Gender: female + male above the total.
        let mut doc = base();
        for (g, n) in [("female", 50), ("male", 60)] {
            push_obs(
                &mut doc,
                json!({"indicator": "beneficiaries", "count": n, "qualifier": "about", "status": "illustrative", "source": "ill", "gender": g}),
            );
        }
        only(
            &doc,
            "observations[0].count",
            Msg::DataProblemPartsAboveTotal,
        );

        // Area and program: parts differ from the total in one dimension only.
        let mut doc = base();
        for (a, n) in [("a1", 70), ("a2", 40)] {
            push_obs(
                &mut doc,
                json!({"indicator": "beneficiaries", "count": n, "qualifier": "about", "status": "illustrative", "source": "ill", "area": a}),
            );
        }
        only(
            &doc,
            "observations[0].count",
            Msg::DataProblemPartsAboveTotal,
        );

        // Place: a region and a country are parts of the same total.
        let mut doc = base();
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "count": 5, "qualifier": "about", "status": "illustrative", "source": "ill", "country": "SN"}),
        );
        only(
            &doc,
            "observations[0].count",
            Msg::DataProblemPartsAboveTotal,
        );

        // Within an area, by program.
        let mut doc = base();
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "count": 20, "qualifier": "exact", "status": "reported", "source": "s", "area": "a1"}),
        );
        only(
            &doc,
            "observations[5].count",
            Msg::DataProblemPartsAboveTotal,
        );
    }

    #[test]
    fn parts_differing_in_two_dimensions_are_not_summed() {
        let mut doc = base();
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "count": 90, "qualifier": "about", "status": "illustrative", "source": "ill", "region": "MA-01", "gender": "female"}),
        );
        // 90 > 60 (its region total) is caught; the country total is not
        // compared with a region-and-gender part directly.
        only(
            &doc,
            "observations[1].count",
            Msg::DataProblemPartsAboveAbout,
        );
    }

    #[test]
    fn group_part_above_its_total() {
        let mut doc = base();
        // Groups overlap: 60 NEET + 60 rural of 100 is fine.
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "count": 60, "qualifier": "about", "status": "illustrative", "source": "ill", "group": "g1"}),
        );
        assert_eq!(found(&doc), vec![]);
        obs(&mut doc, 5).insert("count".into(), json!(120));
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[5].count", Msg::DataProblemPartAboveTotal)
        );
        assert_eq!(p.args[2], ("first".into(), "observations[0]".into()));
    }

    #[test]
    fn gender_shares_of_one_base_within_one() {
        let mut doc = base();
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "share": 0.6, "qualifier": "exact", "status": "reported", "source": "s", "gender": "male"}),
        );
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[5].share", Msg::DataProblemSharesAboveOne)
        );
        assert_eq!(p.args[0], ("sum".into(), "1.1".into()));
        // Shares of different bases (another region) do not add up.
        obs(&mut doc, 5).insert("region".into(), json!("MA-01"));
        assert_eq!(found(&doc), vec![]);
    }

    #[test]
    fn share_and_counts_disagree_beyond_rounding() {
        let mut doc = base();
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "count": 30, "qualifier": "about", "status": "illustrative", "source": "ill", "gender": "female"}),
        );
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg, p.severity),
            (
                "observations[3].share",
                Msg::ValidateProblemShareDisagrees,
                Severity::Error
            )
        );
        assert_eq!(
            p.describe(Locale::En),
            "observations[3].share: the share 0.5 does not agree with the counts, even rounded (30 of 100, i.e. 0.3)"
        );
        assert!(parse(&serde_json::to_vec(&doc).unwrap()).is_err());
        // Within the rounding of the share as written: 0.5 stands for
        // 0.495–0.505.
        obs(&mut doc, 5).insert("count".into(), json!(50.0));
        assert_eq!(found(&doc), vec![]);
        obs(&mut doc, 3).insert("share".into(), json!(0.496));
        only(
            &doc,
            "observations[3].share",
            Msg::ValidateProblemShareDisagrees,
        );
        assert!((share_rounding(0.48) - 0.005).abs() < 1e-6);
        assert!((share_rounding(0.485) - 0.0005).abs() < 1e-6);
    }

    #[test]
    fn share_against_the_gender_split_of_a_more_than_total() {
        // "More than 100" is no base for a ratio; women + men counted is.
        let mut doc = base();
        obs(&mut doc, 0).insert("qualifier".into(), json!("more_than"));
        for (g, n) in [("female", 30), ("male", 70)] {
            push_obs(
                &mut doc,
                json!({"indicator": "beneficiaries", "count": n, "qualifier": "about", "status": "illustrative", "source": "ill", "gender": g}),
            );
        }
        let p = problem(&doc);
        assert_eq!(p.msg, Msg::ValidateProblemShareDisagrees);
        assert_eq!(p.args[2], ("total".into(), "100".into()));
        obs(&mut doc, 5).insert("count".into(), json!(50));
        obs(&mut doc, 6).insert("count".into(), json!(50));
        assert_eq!(found(&doc), vec![]);
    }

    #[test]
    fn split_below_a_more_than_total() {
        let mut doc = base();
        obs(&mut doc, 0).insert("qualifier".into(), json!("more_than"));
        obs(&mut doc, 2).insert("count".into(), json!(30)); // 60 + 30 < 100
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            (
                "observations[0].count",
                Msg::ValidateProblemSplitBelowMoreThan
            )
        );
        assert_eq!(
            p.describe(Locale::En),
            "observations[0].count: the 2 parts of the split (observations[1], …) sum to 90, below the reported \"more than 100\""
        );
        // Reported parts below a total are a partial breakdown, not a split.
        obs(&mut doc, 1).insert("status".into(), json!("reported"));
        assert_eq!(found(&doc), vec![]);
    }

    #[test]
    fn people_indicator_above_the_reach() {
        let mut doc = base();
        doc["indicators"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "members", "unit": "people", "name": {"ar": "أعضاء", "fr": "Membres", "en": "Members"}}));
        push_obs(
            &mut doc,
            json!({"indicator": "members", "count": 61, "qualifier": "more_than", "status": "reported", "source": "s", "region": "MA-01"}),
        );
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[5].count", Msg::ValidateProblemAboveReach)
        );
        assert_eq!(p.args[3], ("first".into(), "observations[1]".into()));
        // Organisations are not people.
        doc["indicators"][1]["unit"] = json!("organisations");
        assert_eq!(found(&doc), vec![]);
    }

    #[test]
    fn program_above_its_area_in_its_places() {
        // p1 runs in MA-01 and SN: its 30 must fit in its area there.
        let mut doc = base();
        for place in [json!({"region": "MA-01"}), json!({"country": "SN"})] {
            let mut o = json!({"indicator": "beneficiaries", "count": 10, "qualifier": "about", "status": "illustrative", "source": "ill", "area": "a1"});
            o.as_object_mut()
                .unwrap()
                .extend(place.as_object().unwrap().clone());
            push_obs(&mut doc, o);
        }
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            (
                "observations[4].count",
                Msg::ValidateProblemProgramAbovePlaces
            )
        );
        assert_eq!(p.args[1], ("total".into(), "20".into()));
        obs(&mut doc, 6).insert("count".into(), json!(20));
        assert_eq!(found(&doc), vec![]);
        // One place missing: nothing to compare with.
        doc["observations"].as_array_mut().unwrap().pop();
        obs(&mut doc, 5).insert("count".into(), json!(1));
        assert_eq!(found(&doc), vec![]);
    }

    #[test]
    fn program_above_its_area_reach() {
        let mut doc = base();
        doc["indicators"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "trainees", "unit": "people", "name": {"ar": "متدربون", "fr": "Stagiaires", "en": "Trainees"}}));
        push_obs(
            &mut doc,
            json!({"indicator": "trainees", "count": 29, "qualifier": "exact", "status": "reported", "source": "s", "area": "a1", "program": "p1"}),
        );
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "count": 28, "qualifier": "about", "status": "illustrative", "source": "ill", "area": "a1"}),
        );
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            (
                "observations[5].count",
                Msg::ValidateProblemProgramAboveArea
            )
        );
        assert_eq!(
            p.describe(Locale::En),
            "observations[5].count: the programme’s figure 29 is above its area’s figure 28 (observations[6])"
        );
    }

    #[test]
    fn no_men_in_a_program_for_women() {
        let mut doc = base();
        doc["programs"][0]["gender"] = json!("female");
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "count": 3, "qualifier": "about", "status": "illustrative", "source": "ill", "area": "a1", "program": "p1", "gender": "male"}),
        );
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("observations[5].gender", Msg::ValidateProblemOnlyWomen)
        );
        assert_eq!(
            p.describe(Locale::En),
            "observations[5].gender: \"p1\" serves women only (programs[0]), but this row counts men"
        );
        // Zero men is what it says.
        obs(&mut doc, 5).insert("count".into(), json!(0));
        assert_eq!(found(&doc), vec![]);
        // The same for an area.
        let mut doc = base();
        doc["areas"][1]["gender"] = json!("male");
        push_obs(
            &mut doc,
            json!({"indicator": "beneficiaries", "count": 3, "qualifier": "about", "status": "illustrative", "source": "ill", "area": "a2", "gender": "female"}),
        );
        only(&doc, "observations[5].gender", Msg::ValidateProblemOnlyMen);
    }

    #[test]
    fn counts_are_whole_and_plausible() {
        let mut doc = base();
        obs(&mut doc, 4).insert("count".into(), json!(4.5));
        only(&doc, "observations[4].count", Msg::ValidateProblemNotWhole);
        let mut doc = base();
        obs(&mut doc, 0).insert("count".into(), json!(1e308));
        let got = found(&doc);
        assert_eq!(
            got[0],
            (
                "observations[0].count".to_string(),
                Msg::ValidateProblemTooBig
            )
        );
        let mut doc = base();
        doc["population"]["rows"][0]["population"] = json!(MAX_POPULATION + 1);
        only(
            &doc,
            "population.rows[0].population",
            Msg::ValidateProblemTooBig,
        );
        let mut doc = base();
        doc["population"]["year"] = json!(24);
        only(&doc, "population.year", Msg::ValidateProblemTooBig);
    }

    #[test]
    fn observations_and_the_whole_reach_are_required() {
        let mut doc = base();
        doc["observations"] = json!([]);
        only(&doc, "observations", Msg::ValidateProblemNoObservations);
        let mut doc = base();
        obs(&mut doc, 0).insert("region".into(), json!("MA-02"));
        let got = found(&doc);
        assert!(
            got.contains(&("observations".into(), Msg::ValidateProblemNoReachTotal)),
            "{got:?}"
        );
    }

    #[test]
    fn source_links_are_web_links() {
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "//evil.example/",
            "https://",
            "https://a b.ma/",
            "ftp://hcp.ma/",
        ] {
            let mut doc = base();
            doc["sources"][0]["url"] = json!(bad);
            let p = problem(&doc);
            assert_eq!(
                (p.path.as_str(), p.msg),
                ("sources[0].url", Msg::ValidateProblemBadUrl),
                "{bad}"
            );
        }
        for good in [
            "https://www.hcp.ma/",
            "http://hcp.ma",
            "https://x.ma/a?b=c#d",
        ] {
            assert!(is_web_url(good), "{good}");
        }
    }

    #[test]
    fn bidi_controls_are_refused_and_invisible_names_are_empty() {
        let mut doc = base();
        doc["areas"][0]["name"]["en"] = json!("Area \u{202E}1");
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("areas[0].name.en", Msg::ValidateProblemBidiControl)
        );
        assert_eq!(p.args[0], ("value".into(), "U+202E".into()));
        let mut doc = base();
        doc["partners"][0]["name"]["fr"] = json!("\u{2066}x\u{2069}");
        only(&doc, "partners[0].name.fr", Msg::ValidateProblemBidiControl);
        // Zero-width characters only: empty.
        let mut doc = base();
        doc["areas"][1]["name"]["ar"] = json!("\u{200B}\u{200D}\u{FEFF}");
        only(&doc, "areas[1].name.ar", Msg::DataProblemEmptyText);
        let mut doc = base();
        doc["partners"][0]["id"] = json!("\u{200B}");
        doc["programs"][0]["partners"] = json!([]);
        only(&doc, "partners[0].id", Msg::DataProblemEmptyId);
        // A right-to-left mark inside Arabic text is fine.
        let mut doc = base();
        doc["areas"][0]["name"]["ar"] = json!("مجال\u{200F} 1");
        assert_eq!(found(&doc), vec![]);
    }

    #[test]
    fn required_strings_not_blank() {
        let mut doc = base();
        doc["meta"]["dataset_version"] = json!(" ");
        doc["sources"][0]["publisher"] = json!("");
        assert_eq!(
            found(&doc),
            vec![
                (
                    "meta.dataset_version".to_string(),
                    Msg::ValidateProblemEmptyString
                ),
                (
                    "sources[0].publisher".to_string(),
                    Msg::ValidateProblemEmptyString
                ),
            ]
        );
    }

    #[test]
    fn texts_keyed_by_language_tag() {
        // Another language is another key.
        let mut doc = base();
        doc["areas"][0]["name"]["es"] = json!("Área 1");
        doc["areas"][0]["name"]["zgh-Tfng"] = json!("ⵜⴰⵏⵏⴰⵍⵜ");
        assert_eq!(found(&doc), vec![]);
        let ds = parse(&serde_json::to_vec(&doc).unwrap()).unwrap();
        assert_eq!(ds.areas[0].name.lang("es"), Some("Área 1"));
        assert_eq!(ds.areas[0].name.get(Locale::Fr), "Domaine 1");
        // The three of the interface are required; tags are well formed.
        let mut doc = base();
        doc["areas"][0]["name"]
            .as_object_mut()
            .unwrap()
            .remove("fr");
        doc["areas"][1]["name"]["Spanish"] = json!("x");
        assert_eq!(
            found(&doc),
            vec![
                (
                    "areas[0].name.fr".to_string(),
                    Msg::ValidateProblemMissingLanguage
                ),
                (
                    "areas[1].name.Spanish".to_string(),
                    Msg::ValidateProblemBadLanguageTag
                ),
            ]
        );
        assert!(is_language_tag("ar-MA") && !is_language_tag("a") && !is_language_tag("fr-"));
    }

    #[test]
    fn version_one_files_are_read() {
        let v1 = include_str!("../../tests/fixtures/good-v1.json");
        let ds = parse(v1.as_bytes()).unwrap();
        assert_eq!(ds.schema_version, 1);
        assert_eq!(ds.meta.licence.as_deref(), Some("CC-BY-4.0"));
    }

    #[test]
    fn validation_is_linear() {
        // 40,000 observations (by region, area, gender, group, period):
        // indexed once, this takes well under a second; the nested scans of
        // old took minutes. Not a timing test: it only must finish.
        let mut ds = parse(MINIMAL.as_bytes()).unwrap();
        let template = ds.observations[1].clone();
        for i in 0..40_000u32 {
            let mut o = template.clone();
            o.count = Some(0.0);
            o.group = Some("g1".into());
            o.period = Some(format!("{}", 1000 + i % 1000).into());
            o.area = Some(if i % 2 == 0 { "a1" } else { "a2" }.into());
            o.region = Some(if i % 3 == 0 { "MA-01" } else { "MA-02" }.into());
            o.gender = Some(if i % 5 == 0 {
                Gender::Female
            } else {
                Gender::Male
            });
            ds.observations.push(o);
        }
        let problems = validate(&ds);
        // Repeated dimensions are duplicates; nothing else is wrong.
        assert!(
            problems
                .iter()
                .all(|p| p.msg == Msg::DataProblemDuplicateObservation)
        );
        assert!(!problems.is_empty());

        // 20,000 copies of one total and 20,000 parts of it; a program with
        // 20,000 places and 20,000 figures of it: each compared once.
        let mut ds = parse(MINIMAL.as_bytes()).unwrap();
        let total = ds.observations[0].clone();
        let part = ds.observations[1].clone();
        let program = ds.observations[4].clone();
        let place = ds.programs[0].places[0].clone();
        for i in 0..20_000u32 {
            ds.observations.push(total.clone());
            let mut p = part.clone();
            p.period = Some(format!("{}", 1000 + i % 1000).into());
            ds.observations.push(p);
            let mut p = program.clone();
            p.period = Some(format!("{}", 1000 + i % 1000).into());
            ds.observations.push(p);
            ds.programs[0].places.push(place.clone());
        }
        assert!(!validate(&ds).is_empty());
    }

    #[test]
    fn every_problem_at_once() {
        let mut doc = base();
        doc["schema_version"] = json!(3);
        obs(&mut doc, 1).insert("region".into(), json!("MA-13"));
        obs(&mut doc, 3).insert("share".into(), json!(1.5));
        doc["programs"][0]["partners"] = json!(["nobody"]);
        let got = found(&doc);
        assert_eq!(got.len(), 4, "{got:?}");
        let err = parse(&serde_json::to_vec(&doc).unwrap()).unwrap_err();
        assert_eq!(err.len(), 4);
        assert!(has_errors(&err));
    }

    #[test]
    fn describe_in_three_languages() {
        let p = Problem::error("observations[12].region", Msg::DataProblemUnknownRegion)
            .arg("value", "MA-13");
        assert_eq!(
            p.describe(Locale::En),
            "observations[12].region: unknown region \"MA-13\""
        );
        assert_eq!(
            p.describe(Locale::Fr),
            "observations[12].region: région inconnue «\u{202F}MA-13\u{202F}»"
        );
        assert_eq!(
            p.describe(Locale::Ar),
            "observations[12].region: جهة غير معروفة «MA-13»"
        );
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(num(4200.0), "4200");
        assert_eq!(num(0.48), "0.48");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(-3.0), "-3");
        assert_eq!(num(1e308), "1e308");
    }
}

#[cfg(test)]
mod timing {
    //! Times of each rule on 100,000 grown observations (issue 14): prints,
    //! asserts nothing. `cargo test --release --lib rule_times -- --ignored --nocapture`.
    use super::*;
    use crate::model::compact::tests::{bytes, compact_of, grown};
    use crate::model::parse::decode_form;
    use std::time::Instant;

    #[test]
    #[ignore]
    fn rule_times() {
        let doc = bytes(&compact_of(&grown(100_000)));
        let t = Instant::now();
        let (ds, _) = decode_form(&doc).unwrap();
        let line = |name: &str, t: &mut Instant| {
            println!("{name:>24} {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
            *t = Instant::now();
        };
        let mut t = t;
        line("decode", &mut t);
        let n = ds.observations.len();
        let mut v = Validator {
            ds: &ds,
            ix: Index::new(&ds),
            out: Vec::new(),
            known: Vec::new(),
        };
        line("index", &mut t);
        v.ix.add_counts(&ds, 0..n);
        line("counts", &mut t);
        v.schema_and_meta();
        v.reference_lists();
        v.programs();
        line("lists", &mut t);
        v.observations(0..n);
        line("observations", &mut t);
        v.plausibility();
        let mut seen = RowTable::with_rows(n);
        v.duplicates(&mut seen, 0..n);
        line("duplicates", &mut t);
        let mut parts = Parts::new(n);
        v.breakdown_parts(&mut parts, 0..n);
        line("breakdown parts", &mut t);
        let mut found = Vec::new();
        v.breakdown_totals(&parts, 0..n, &mut found);
        line("breakdown totals", &mut t);
        drop(parts);
        line("(drop parts)", &mut t);
        v.gender_shares();
        line("gender_shares", &mut t);
        v.shares_against_counts();
        line("shares_against_counts", &mut t);
        v.against_reach();
        line("against_reach", &mut t);
        v.programs_against_areas();
        line("programs_against_areas", &mut t);
        v.single_gender();
        line("single_gender", &mut t);
        v.population();
        line("population", &mut t);
        println!("problems: {} + {}", v.out.len(), found.len());
        let mut t = Instant::now();
        crate::model::steps::now(ds.build_index_in_steps(|| async {}));
        line("lookup index", &mut t);
        let t0 = Instant::now();
        let p = validate(&ds);
        println!(
            "validate(): {:.1} ms, {} problems",
            t0.elapsed().as_secs_f64() * 1e3,
            p.len()
        );
    }
}

#[cfg(test)]
mod equal_to_before {
    //! Issue 14: the validation with numbered ids finds what the validation
    //! before it found, problem for problem (path, message, arguments,
    //! severity and order), on every fixture, the shipped dataset, grown
    //! datasets, and documents edited to break each consistency rule.
    //!
    //! What the code before it (main at 3842211) found is recorded in
    //! `tests/golden/validate-problems.txt`, one line per problem. A change
    //! that means to find something else rewrites the file with
    //! `IMPACT_ATLAS_WRITE_GOLDEN=1 cargo test --lib equal_to_before`, and the
    //! file's diff shows the reviewer what it changes.
    use super::*;
    use crate::model::compact::tests::{grown, readable};
    use serde_json::{Value, json};
    use std::fmt::Write as _;

    const FIXTURES: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/validate-fixtures.txt"
    );
    const BROKEN: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/validate-broken.txt"
    );

    /// Validates `ds` at once and in steps of a few rows (the cursors
    /// cross steps: all the same), and writes one line per problem.
    fn record(out: &mut String, name: &str, ds: &Dataset) -> usize {
        let now = validate(ds);
        for chunk in [1, 7, 100] {
            let mut steps = Steps::with_chunk(ds, chunk);
            while !steps.step() {}
            assert_eq!(steps.finish(), now, "{name}, {chunk} rows a step");
        }
        for p in &now {
            write!(out, "{:?}\t{}\t{:?}", p.severity, p.path, p.msg).unwrap();
            for (k, v) in &p.args {
                write!(out, "\t{k}={v}").unwrap();
            }
            out.push('\n');
        }
        now.len()
    }

    /// Compares with the recorded lines (or records them), naming the
    /// first line that differs.
    fn compare(file: &str, recorded: String) {
        if std::env::var_os("IMPACT_ATLAS_WRITE_GOLDEN").is_some() {
            std::fs::write(file, recorded).unwrap();
            return;
        }
        let golden = std::fs::read_to_string(file).unwrap();
        for (i, (now, then)) in recorded.lines().zip(golden.lines()).enumerate() {
            assert_eq!(now, then, "{file}:{}", i + 1);
        }
        assert_eq!(
            recorded.lines().count(),
            golden.lines().count(),
            "lines in {file}"
        );
    }

    fn dataset(doc: &Value) -> Option<Dataset> {
        serde_json::from_value(doc.clone()).ok()
    }

    #[test]
    fn fixtures_shipped_and_grown() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        let mut out = String::new();
        let mut n = 0;
        for path in paths {
            if let Ok(doc) = serde_json::from_slice::<Value>(&std::fs::read(&path).unwrap())
                && let Some(ds) = dataset(&doc)
            {
                let name = path.file_name().unwrap().to_string_lossy();
                writeln!(out, "# {name}").unwrap();
                record(&mut out, &name, &ds);
                n += 1;
            }
        }
        assert!(n >= 5, "{n} fixtures");
        writeln!(out, "# shipped").unwrap();
        record(&mut out, "shipped", &dataset(&readable()).unwrap());
        for size in [1_000, 10_000] {
            writeln!(out, "# grown {size}").unwrap();
            record(
                &mut out,
                &format!("grown {size}"),
                &dataset(&grown(size)).unwrap(),
            );
        }
        compare(FIXTURES, out);
    }
    /// The shipped dataset, edited so that each rule of sums, shares,
    /// reach, places and genders finds something, alone and together.
    #[test]
    fn broken_documents() {
        let base = grown(1_000);
        type Edit = Box<dyn Fn(&mut Value)>;
        let edits: Vec<(&str, Edit)> = vec![
            (
                "every count doubled",
                Box::new(|d| each(d, |o| scale(o, 2.0))),
            ),
            (
                "every count halved",
                Box::new(|d| each(d, |o| scale(o, 0.5))),
            ),
            (
                "every share + 0.3",
                Box::new(|d| {
                    each(d, |o| {
                        if let Some(s) = o.get("share").and_then(Value::as_f64) {
                            o["share"] = json!((s + 0.3).min(1.0));
                        }
                    })
                }),
            ),
            (
                "totals about",
                Box::new(|d| {
                    each(d, |o| {
                        if o.get("count").is_some() && o.get("area").is_none() {
                            o["qualifier"] = json!("about");
                        }
                    })
                }),
            ),
            (
                "totals exact",
                Box::new(|d| each(d, |o| o["qualifier"] = json!("exact"))),
            ),
            (
                "everything estimated",
                Box::new(|d| {
                    each(d, |o| {
                        o["qualifier"] = json!("more_than");
                        o["status"] = json!("estimated");
                    })
                }),
            ),
            (
                "genders swapped",
                Box::new(|d| {
                    each(d, |o| {
                        if o.get("gender") == Some(&json!("female")) {
                            o["gender"] = json!("male");
                        }
                    })
                }),
            ),
            (
                "repeated rows",
                Box::new(|d| {
                    let obs = d["observations"].as_array_mut().unwrap();
                    let copy: Vec<Value> = obs.iter().step_by(3).cloned().collect();
                    obs.extend(copy);
                }),
            ),
            (
                "program places cut",
                Box::new(|d| {
                    for p in d["programs"].as_array_mut().unwrap() {
                        p["places"].as_array_mut().unwrap().truncate(1);
                    }
                }),
            ),
            (
                "unknown region and area",
                Box::new(|d| {
                    d["observations"][3]["region"] = json!("MA-13");
                    d["observations"][5]["area"] = json!("nowhere");
                    d["programs"][0]["area"] = json!("elsewhere");
                }),
            ),
            (
                "no reach indicator",
                Box::new(|d| {
                    each(d, |o| {
                        if o["indicator"] == "beneficiaries" {
                            o["indicator"] = json!("cooperative_members");
                        }
                    })
                }),
            ),
        ];
        let mut out = String::new();
        let mut found = 0;
        for (name, edit) in &edits {
            let mut doc = base.clone();
            edit(&mut doc);
            if let Some(ds) = dataset(&doc) {
                writeln!(out, "# {name}").unwrap();
                found += record(&mut out, name, &ds);
            }
        }
        // The edits do break rules: the comparison is not of empty lists.
        assert!(found > 100, "{found} problems");
        compare(BROKEN, out);
    }

    fn each(doc: &mut Value, f: impl Fn(&mut Value)) {
        for o in doc["observations"].as_array_mut().unwrap() {
            f(o);
        }
    }

    fn scale(o: &mut Value, by: f64) {
        if let Some(c) = o.get("count").and_then(Value::as_f64)
            && o.get("gender").is_some() | o.get("area").is_some() | o.get("period").is_some()
        {
            o["count"] = json!((c * by).round());
        }
    }
}
