//! The impact data format, version 2 (pure): serde types of the JSON document
//! that the lab publishes, parsing with JSON paths, and validation. Version 1
//! files are read too (see `docs/data-format.md`, "Versions").
//! `docs/data-format.md` documents it; `public/data/impact.schema.json` is its
//! JSON Schema.

pub mod compact;
pub mod id;
pub mod index;
pub mod parse;
pub mod rows;
pub mod steps;
mod syntax_path;
mod tracked;
pub mod validate;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use id::Id;

/// The schema versions this build reads.
pub const SUPPORTED_SCHEMA_VERSIONS: &[u32] = &[1, 2];
/// The version this build writes and documents.
pub const SCHEMA_VERSION: u32 = 2;
/// The indicator that counts everyone the lab reaches: every dataset has its
/// whole-reach total, and no other people indicator exceeds it.
pub const REACH_INDICATOR: &str = "beneficiaries";
/// The language tags every text must have.
pub const REQUIRED_LANGUAGES: [&str; 3] = ["ar", "fr", "en"];
/// Documents larger than this are refused before parsing (bytes): the
/// compact form of 100,000 observations is about 3.8 MiB (issue 14; the
/// measurements are in `docs/data-format.md`, "The compact form").
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;
/// A document whose observations are in the readable form (a list of
/// objects) is refused above this, before parsing: its JSON tree takes about
/// ten times its size in memory.
pub const MAX_READABLE_BYTES: usize = 2 * 1024 * 1024;

/// A translated text: language tag (`ar`, `fr`, `en`, `es`, `ar-MA` …) to
/// string. `ar`, `fr` and `en` are required (the validator says so); other
/// well-formed tags are allowed, so that adding a language to the data is
/// adding a key, not changing the format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// A text in the three languages of the interface.
    pub fn new(ar: &str, fr: &str, en: &str) -> Text {
        Text(BTreeMap::from([
            ("ar".to_string(), ar.to_string()),
            ("fr".to_string(), fr.to_string()),
            ("en".to_string(), en.to_string()),
        ]))
    }

    /// The text in `locale`; English when that language is missing (a
    /// validated dataset has all three), else empty.
    pub fn get(&self, locale: crate::i18n::Locale) -> &str {
        self.lang(locale.tag())
            .or_else(|| self.lang("en"))
            .unwrap_or_default()
    }

    /// The text for a language tag, if given.
    pub fn lang(&self, tag: &str) -> Option<&str> {
        self.0.get(tag).map(String::as_str)
    }
}

/// The whole document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema_version: u32,
    pub meta: Meta,
    pub sources: Vec<Source>,
    pub areas: Vec<Area>,
    pub programs: Vec<Program>,
    pub partners: Vec<Partner>,
    pub indicators: Vec<Indicator>,
    pub regions: Vec<Region>,
    pub countries: Vec<Country>,
    pub groups: Vec<Group>,
    pub observations: Vec<Observation>,
    pub population: Population,
    /// Lookup index over `observations`, built on first use (not in the JSON).
    #[serde(skip)]
    pub index: index::IndexCell,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The dataset's own version, chosen by the lab (e.g. `2024.07-1`).
    pub dataset_version: String,
    /// ISO date `YYYY-MM-DD` of the figures.
    pub as_of: String,
    pub publisher: Text,
    /// SPDX-like licence name of the dataset, e.g. `CC-BY-4.0`, when one is
    /// granted (required in version 1; optional since version 2: claim none
    /// that no source grants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Free note shown on "Data & methods".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: Text,
    /// ISO date `YYYY-MM-DD`.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Licence of the source's figures where it has one (`CC-BY-4.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// The attribution line the licence asks for
    /// ("Haut-Commissariat au Plan, RGPH 2024").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// A program area (the lab has six).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub name: Text,
    /// Set when every program of the area serves one gender only, as the
    /// source describes it (women's entrepreneurship: `female`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub id: String,
    pub area: String,
    pub name: Text,
    #[serde(default)]
    pub places: Vec<Place>,
    /// Partner ids.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Set when the program serves one gender only, as the source describes
    /// it (Al Mountija: `female`): then no row of it counts the other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

/// Where a program runs: a region of Morocco or a country, with an optional
/// locality ("Safi province") and its position for a map marker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<Text>,
    /// `[longitude, latitude]` in WGS84 degrees, for a marker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon_lat: Option<[f64; 2]>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: String,
    pub name: Text,
}

/// What an indicator counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    People,
    Organisations,
    Sectors,
    /// Regions of Morocco (e.g. "active in 12 regions").
    Regions,
    /// Program areas (e.g. "six program areas").
    Areas,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub unit: Unit,
    pub name: Text,
}

/// A region of Morocco, by ISO 3166-2:MA code (`MA-01` … `MA-12`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub code: String,
    pub name: Text,
}

/// A country, by ISO 3166-1 alpha-2 code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub code: String,
    pub name: Text,
}

/// A group of people (NEET youth, rural residents, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: Text,
    /// The census area that this group compares with (`rural`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub census_area: Option<CensusArea>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
}

/// How exact the value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    MoreThan,
    About,
}

/// Where the value comes from, from the most to the least certain (the
/// order is used to pick the least certain status of a view).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Published by the lab.
    Reported,
    /// Computed from reported figures by plain arithmetic, not published as
    /// such (men = 100 % − 48 % women; six program areas, counted from the
    /// list).
    Derived,
    /// Estimated by the lab or the editors (a judgement or a model), not
    /// counted.
    Estimated,
    /// A made-up split for demonstration; never a reported number.
    Illustrative,
}

/// One value of one indicator for one combination of dimensions. A dimension
/// left out means "all". Exactly one of `count` and `share` is given; a share
/// (0–1) is the part of the same indicator, with the set dimensions, in the
/// total where `gender` and `group` are left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    pub indicator: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    pub qualifier: Qualifier,
    pub status: Status,
    pub source: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Id>,
    /// A year (`2024`) or a range (`2019/2024`); left out: the whole period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Id>,
}

/// Census area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CensusArea {
    Total,
    Urban,
    Rural,
}

/// Census sex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CensusSex {
    All,
    Male,
    Female,
}

/// The population reference (2024 census, municipal population).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// Source id of the census.
    pub source: String,
    /// Census year.
    pub year: u32,
    pub rows: Vec<PopulationRow>,
}

/// One census figure; `region` left out means the whole country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationRow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub area: CensusArea,
    pub sex: CensusSex,
    pub population: u64,
}

impl Observation {
    /// The numeric value, count or share.
    pub fn value(&self) -> f64 {
        self.count.or(self.share).unwrap_or(f64::NAN)
    }
    pub fn is_share(&self) -> bool {
        self.share.is_some()
    }
}

impl Dataset {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }
    pub fn program(&self, id: &str) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
    /// Census population of a region (or the country when `None`).
    pub fn population(
        &self,
        region: Option<&str>,
        area: CensusArea,
        sex: CensusSex,
    ) -> Option<u64> {
        self.population
            .rows
            .iter()
            .find(|r| r.region.as_deref() == region && r.area == area && r.sex == sex)
            .map(|r| r.population)
    }
}
