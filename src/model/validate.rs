//! Validation of a parsed dataset (pure): every problem at once, each with
//! its JSON path and a translated message. The rules are listed in
//! `docs/data-format.md` ("Consistency rules").

use super::{Dataset, Gender, Observation, Qualifier, SUPPORTED_SCHEMA_VERSIONS, Text};
use crate::i18n::{Locale, Msg};
use std::collections::HashMap;

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
pub(crate) fn num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        // Shortest form that reads back the same, trimmed of float noise.
        let s = format!("{:.6}", v);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}

/// Parts of a total may exceed an `about` total by this much.
pub const ABOUT_TOLERANCE: f64 = 0.10;
/// A share and the ratio of its counts may differ by this much (rounding).
pub const SHARE_COUNT_TOLERANCE: f64 = 0.015;
const EPSILON: f64 = 1e-9;

/// Checks every rule; all problems, errors and warnings, in document order
/// within each rule.
pub fn validate(ds: &Dataset) -> Vec<Problem> {
    let mut v = Validator {
        ds,
        out: Vec::new(),
    };
    v.schema_and_meta();
    v.reference_lists();
    v.programs();
    v.observations();
    v.duplicates();
    v.breakdowns();
    v.gender_shares();
    v.shares_against_counts();
    v.population();
    v.out
}

struct Validator<'a> {
    ds: &'a Dataset,
    out: Vec<Problem>,
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

impl<'a> Validator<'a> {
    fn push(&mut self, p: Problem) {
        self.out.push(p);
    }

    fn text(&mut self, path: &str, t: &Text) {
        for (lang, s) in [("ar", &t.ar), ("fr", &t.fr), ("en", &t.en)] {
            if s.trim().is_empty() {
                self.push(
                    Problem::error(format!("{path}.{lang}"), Msg::DataProblemEmptyText)
                        .arg("lang", lang),
                );
            }
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
        self.date("meta.as_of".into(), &ds.meta.as_of);
        self.text("meta.publisher", &ds.meta.publisher);
        if let Some(note) = &ds.meta.note {
            self.text("meta.note", note);
        }
        for (i, s) in ds.sources.iter().enumerate() {
            self.date(format!("sources[{i}].date"), &s.date);
            self.text(&format!("sources[{i}].title"), &s.title);
        }
    }

    /// Ids unique and non-empty in one list; `key` is `id` or `code`.
    fn unique<'s>(&mut self, list: &str, key: &str, ids: impl Iterator<Item = &'s str>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].{key}");
            if id.trim().is_empty() {
                self.push(Problem::error(path, Msg::DataProblemEmptyId));
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
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (list, name) in names {
            let i = index.entry(list).or_insert(0);
            self.text(&format!("{list}[{i}].name"), name);
            *i += 1;
        }
    }

    /// A region reference must name a region of the list (whose codes are
    /// checked there).
    fn region_ref(&mut self, path: String, code: &str) {
        if self.ds.region(code).is_none() {
            self.push(Problem::error(path, Msg::DataProblemUnknownRegion).arg("value", code));
        }
    }

    fn country_ref(&mut self, path: String, code: &str) {
        if self.ds.country(code).is_none() {
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
                ds.area(&p.area).is_some(),
                Msg::DataProblemUnknownArea,
            );
            for (j, partner) in p.partners.iter().enumerate() {
                let known = ds.partners.iter().any(|x| &x.id == partner);
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
            let at = format!("observations[{i}]");
            let known = ds.indicator(&o.indicator).is_some();
            self.reference(
                format!("{at}.indicator"),
                &o.indicator,
                known,
                Msg::DataProblemUnknownIndicator,
            );
            let known = ds.source(&o.source).is_some();
            self.reference(
                format!("{at}.source"),
                &o.source,
                known,
                Msg::DataProblemUnknownSource,
            );
            if let Some(a) = &o.area {
                let known = ds.area(a).is_some();
                self.reference(format!("{at}.area"), a, known, Msg::DataProblemUnknownArea);
            }
            if let Some(p) = &o.program {
                match ds.program(p) {
                    None => self.push(
                        Problem::error(format!("{at}.program"), Msg::DataProblemUnknownProgram)
                            .arg("value", p),
                    ),
                    Some(program) => {
                        if let Some(a) = o.area.as_ref().filter(|a| **a != program.area) {
                            self.push(
                                Problem::error(
                                    format!("{at}.area"),
                                    Msg::DataProblemProgramAreaMismatch,
                                )
                                .arg("value", a)
                                .arg("expected", &program.area),
                            );
                        }
                    }
                }
            }
            if let Some(r) = &o.region {
                self.region_ref(format!("{at}.region"), r);
            }
            if let Some(c) = &o.country {
                self.country_ref(format!("{at}.country"), c);
            }
            if o.region.is_some() && o.country.is_some() {
                self.push(Problem::error(
                    format!("{at}.country"),
                    Msg::DataProblemRegionAndCountry,
                ));
            }
            if let Some(g) = &o.group {
                let known = ds.group(g).is_some();
                self.reference(
                    format!("{at}.group"),
                    g,
                    known,
                    Msg::DataProblemUnknownGroup,
                );
            }
            if let Some(p) = &o.period
                && !is_period(p)
            {
                self.push(
                    Problem::error(format!("{at}.period"), Msg::DataProblemBadPeriod)
                        .arg("value", p),
                );
            }
            match (o.count, o.share) {
                (Some(_), Some(_)) => {
                    self.push(Problem::error(at.clone(), Msg::DataProblemCountAndShare))
                }
                (None, None) => self.push(Problem::error(at.clone(), Msg::DataProblemNoValue)),
                (Some(v), None) => self.value(format!("{at}.count"), v, false),
                (None, Some(v)) => self.value(format!("{at}.share"), v, true),
            }
        }
    }

    fn value(&mut self, path: String, v: f64, share: bool) {
        if !v.is_finite() {
            self.push(Problem::error(path, Msg::DataProblemNotFinite));
        } else if v < 0.0 {
            self.push(Problem::error(path, Msg::DataProblemNegative).arg("value", num(v)));
        } else if share && v > 1.0 {
            self.push(Problem::error(path, Msg::DataProblemShareOutOfRange).arg("value", num(v)));
        }
    }

    fn duplicates(&mut self) {
        let mut seen: HashMap<(&str, Dims<'_>, bool), usize> = HashMap::new();
        for (i, o) in self.ds.observations.iter().enumerate() {
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

    /// Count observations whose value can take part in sums.
    fn counts(&self) -> impl Iterator<Item = (usize, &'a Observation, f64)> + use<'a> {
        self.ds
            .observations
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match (o.count, o.share) {
                (Some(v), None) if v.is_finite() && v >= 0.0 => Some((i, o, v)),
                _ => None,
            })
    }

    /// Parts that split a total along one exclusive dimension (area, program,
    /// place, gender) must not sum above it; a part along a dimension whose
    /// values may overlap (group, period) must not be above it on its own.
    fn breakdowns(&mut self) {
        // (indicator, dimension, dims with that dimension cleared) -> parts
        let mut parts: HashMap<PartKey<'_>, Vec<(usize, f64)>> = HashMap::new();
        for (i, o, v) in self.counts() {
            let dims = Dims::of(o);
            for dim in Dim::ALL {
                if let Some(total_dims) = dims.without(dim) {
                    parts
                        .entry((o.indicator.as_str(), dim, total_dims))
                        .or_default()
                        .push((i, v));
                }
            }
        }
        let mut found = Vec::new();
        for (t, o, total) in self.counts() {
            let limit = match o.qualifier {
                Qualifier::Exact => total,
                Qualifier::About => total * (1.0 + ABOUT_TOLERANCE),
                Qualifier::MoreThan => continue,
            };
            let dims = Dims::of(o);
            for dim in Dim::ALL {
                let Some(list) = parts.get(&(o.indicator.as_str(), dim, dims.clone())) else {
                    continue;
                };
                let total_path = format!("observations[{t}]");
                if dim.exclusive() {
                    let sum: f64 = list.iter().map(|(_, v)| v).sum();
                    if sum > limit + EPSILON {
                        let msg = match o.qualifier {
                            Qualifier::About => Msg::DataProblemPartsAboveAbout,
                            _ => Msg::DataProblemPartsAboveTotal,
                        };
                        found.push(
                            Problem::error(format!("{total_path}.count"), msg)
                                .arg("count", list.len())
                                .arg("first", format!("observations[{}]", list[0].0))
                                .arg("sum", num(sum))
                                .arg("total", num(total)),
                        );
                    }
                } else {
                    for &(p, v) in list {
                        if v > limit + EPSILON {
                            found.push(
                                Problem::error(
                                    format!("observations[{p}].count"),
                                    Msg::DataProblemPartAboveTotal,
                                )
                                .arg("value", num(v))
                                .arg("total", num(total))
                                .arg("first", &total_path),
                            );
                        }
                    }
                }
            }
        }
        self.out.extend(found);
    }

    /// Shares of one base by gender sum to 1 at most.
    fn gender_shares(&mut self) {
        let mut by_base: HashMap<(&str, Dims<'_>), (f64, usize)> = HashMap::new();
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
    /// dimensions, and the total without gender and group) should agree.
    fn shares_against_counts(&mut self) {
        let counts: HashMap<(&str, Dims<'_>), (f64, Qualifier)> = self
            .counts()
            .map(|(_, o, v)| ((o.indicator.as_str(), Dims::of(o)), (v, o.qualifier)))
            .collect();
        for (i, o) in self.ds.observations.iter().enumerate() {
            let (Some(share), None) = (o.share, o.count) else {
                continue;
            };
            let dims = Dims::of(o);
            let base = Dims {
                gender: None,
                group: None,
                ..dims.clone()
            };
            let (Some(&(part, _)), Some(&(total, base_qualifier))) = (
                counts.get(&(o.indicator.as_str(), dims)),
                counts.get(&(o.indicator.as_str(), base)),
            ) else {
                continue;
            };
            // A "more than" base is a lower bound: the ratio says little.
            if total <= 0.0 || !share.is_finite() || base_qualifier == Qualifier::MoreThan {
                continue;
            }
            let computed = part / total;
            if (computed - share).abs() > SHARE_COUNT_TOLERANCE {
                self.push(
                    Problem::warning(
                        format!("observations[{i}].share"),
                        Msg::DataProblemShareCountMismatch,
                    )
                    .arg("value", num(share))
                    .arg("count", num(part))
                    .arg("total", num(total))
                    .arg("computed", num((computed * 1000.0).round() / 1000.0)),
                );
            }
        }
    }

    fn population(&mut self) {
        let ds = self.ds;
        let known = ds.source(&ds.population.source).is_some();
        self.reference(
            "population.source".into(),
            &ds.population.source,
            known,
            Msg::DataProblemUnknownSource,
        );
        let mut seen = HashMap::new();
        for (i, row) in ds.population.rows.iter().enumerate() {
            let at = format!("population.rows[{i}]");
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
        doc["schema_version"] = json!(2);
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg),
            ("schema_version", Msg::DataProblemUnsupportedSchema)
        );
        assert_eq!(
            p.describe(Locale::En),
            "schema_version: schema version 2 is not supported (supported: 1)"
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
            json!({"indicator": "people", "count": 50, "qualifier": "about", "status": "illustrative", "source": "ill", "gender": "female"}),
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
                json!({"indicator": "people", "count": n, "qualifier": "about", "status": "illustrative", "source": "ill", "gender": g}),
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
                json!({"indicator": "people", "count": n, "qualifier": "about", "status": "illustrative", "source": "ill", "area": a}),
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
            json!({"indicator": "people", "count": 5, "qualifier": "about", "status": "illustrative", "source": "ill", "country": "SN"}),
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
            json!({"indicator": "people", "count": 20, "qualifier": "exact", "status": "reported", "source": "s", "area": "a1"}),
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
            json!({"indicator": "people", "count": 90, "qualifier": "about", "status": "illustrative", "source": "ill", "region": "MA-01", "gender": "female"}),
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
            json!({"indicator": "people", "count": 60, "qualifier": "about", "status": "illustrative", "source": "ill", "group": "g1"}),
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
            json!({"indicator": "people", "share": 0.6, "qualifier": "exact", "status": "reported", "source": "s", "gender": "male"}),
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
    fn share_and_counts_disagree_is_a_warning() {
        let mut doc = base();
        push_obs(
            &mut doc,
            json!({"indicator": "people", "count": 30, "qualifier": "about", "status": "illustrative", "source": "ill", "gender": "female"}),
        );
        let p = problem(&doc);
        assert_eq!(
            (p.path.as_str(), p.msg, p.severity),
            (
                "observations[3].share",
                Msg::DataProblemShareCountMismatch,
                Severity::Warning
            )
        );
        assert!(
            p.describe(Locale::En)
                .starts_with("observations[3].share: warning: the share 0.5")
        );
        // A warning does not refuse the document.
        assert!(parse(&serde_json::to_vec(&doc).unwrap()).is_ok());
        // Against a "more than" base the ratio is not compared.
        obs(&mut doc, 0).insert("qualifier".into(), json!("more_than"));
        assert_eq!(found(&doc), vec![]);
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
    }
}
