//! What the map shows (pure): one row per region (or country) with its
//! count, share of the total, rate per 100,000 inhabitants, status and
//! source, under the dashboard's filter; the program places to mark; and each
//! row's fields as text, formatted once for the tooltip and the table.

use crate::i18n::format::{self, Style};
use crate::i18n::{Locale, Msg};
use crate::model::{Dataset, Gender, Status};
use crate::scale::Classes;
use crate::stats::{self, Filter};

/// The indicator the map colours.
pub const INDICATOR: &str = "beneficiaries";
/// The code of Morocco as a whole in the continental view.
pub const MOROCCO: &str = "MA";

/// Absolute count or rate per 100,000 inhabitants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Measure {
    #[default]
    Count,
    Per100k,
}

/// Morocco's regions or the continent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapView {
    #[default]
    Morocco,
    Africa,
}

/// One area of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// `MA-07`, or an ISO alpha-2 country code.
    pub code: String,
    pub count: Option<f64>,
    /// Count per 100,000 inhabitants (2024 census), where the data has the population.
    pub per_100k: Option<f64>,
    /// Part of the total of all rows (0–1).
    pub share: Option<f64>,
    pub status: Option<Status>,
    /// Source id.
    pub source: Option<String>,
}

impl Row {
    pub fn value(&self, m: Measure) -> Option<f64> {
        match m {
            Measure::Count => self.count,
            Measure::Per100k => self.per_100k,
        }
    }
    pub fn is_illustrative(&self) -> bool {
        self.status == Some(Status::Illustrative)
    }
}

/// All rows of a view.
#[derive(Clone, Debug, PartialEq)]
pub struct Rows {
    pub rows: Vec<Row>,
    /// Sum of the counts present (`None` when none is).
    pub total: Option<f64>,
}

impl Rows {
    /// The status of the total: the least certain of the rows it adds up.
    pub fn total_status(&self) -> Option<Status> {
        self.rows
            .iter()
            .filter(|r| r.count.is_some())
            .filter_map(|r| r.status)
            .max()
    }
    pub fn get(&self, code: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.code == code)
    }
    /// Whether any value shown is illustrative.
    pub fn any_illustrative(&self) -> bool {
        self.rows.iter().any(Row::is_illustrative)
    }
    /// The colour classes over the values of `m` (`None`: no value at all).
    pub fn classes(&self, m: Measure) -> Option<Classes> {
        Classes::new(self.rows.iter().filter_map(|r| r.value(m)))
    }
    fn with_shares(mut rows: Vec<Row>) -> Rows {
        let counts: Vec<f64> = rows.iter().filter_map(|r| r.count).collect();
        let total = (!counts.is_empty()).then(|| counts.iter().sum::<f64>());
        for r in &mut rows {
            r.share = match (r.count, total) {
                (Some(c), Some(t)) if t > 0.0 => Some(c / t),
                _ => None,
            };
        }
        Rows { rows, total }
    }
}

/// The regions of Morocco under `filter` (its region ignored: the map shows
/// every region, the selected one outlined).
pub fn region_rows(ds: &Dataset, filter: &Filter) -> Rows {
    let rows = stats::count_by_region(ds, INDICATOR, filter)
        .into_iter()
        .map(|(code, obs)| {
            let count = obs.and_then(|o| o.count).filter(|c| c.is_finite());
            Row {
                code: code.to_string(),
                count,
                per_100k: count.and_then(|c| stats::per_100k(ds, Some(code), filter.gender, c)),
                share: None,
                status: obs.map(|o| o.status),
                source: obs.map(|o| o.source.to_string()),
            }
        })
        .collect();
    Rows::with_shares(rows)
}

/// Morocco (the sum of its regions) and every country of the data, under
/// `filter`'s program area and gender.
pub fn country_rows(ds: &Dataset, filter: &Filter) -> Rows {
    let regions = region_rows(ds, filter);
    let present: Vec<&Row> = regions.rows.iter().filter(|r| r.count.is_some()).collect();
    let first_source = present.first().and_then(|r| r.source.clone());
    let morocco = Row {
        code: MOROCCO.to_string(),
        count: regions.total,
        per_100k: regions
            .total
            .and_then(|t| stats::per_100k(ds, None, filter.gender, t)),
        share: None,
        // the least certain status of its parts
        status: present.iter().filter_map(|r| r.status).max(),
        source: first_source.filter(|s| present.iter().all(|r| r.source.as_ref() == Some(s))),
    };
    let mut rows = vec![morocco];
    rows.extend(
        stats::count_by_country(ds, INDICATOR, filter)
            .into_iter()
            .filter(|(code, _)| *code != MOROCCO)
            .map(|(code, obs)| Row {
                code: code.to_string(),
                count: obs.and_then(|o| o.count).filter(|c| c.is_finite()),
                per_100k: None,
                share: None,
                status: obs.map(|o| o.status),
                source: obs.map(|o| o.source.to_string()),
            }),
    );
    Rows::with_shares(rows)
}

/// A program place with a position: program id, index of the place, `[lon, lat]`.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMark {
    pub program: String,
    pub place: usize,
    pub lon_lat: [f64; 2],
}

/// The places of Morocco's programs that have a position (markers).
pub fn place_marks(ds: &Dataset) -> Vec<PlaceMark> {
    ds.programs
        .iter()
        .flat_map(|p| {
            p.places.iter().enumerate().filter_map(|(i, pl)| {
                let ll = pl.lon_lat?;
                (pl.country.as_deref().is_none_or(|c| c == MOROCCO)
                    && ll.iter().all(|v| v.is_finite()))
                .then(|| PlaceMark {
                    program: p.id.clone(),
                    place: i,
                    lon_lat: ll,
                })
            })
        })
        .collect()
}

/// A locality without its parenthesised detail, for a map label:
/// "Safi province (douars Bouizat and Ouled Salmane)" -> "Safi province".
pub fn short_place(locality: &str) -> &str {
    locality
        .split_once(" (")
        .map_or(locality, |(head, _)| head)
        .trim()
}

/// The name of a region or country in the UI language.
pub fn area_name(ds: &Dataset, locale: Locale, code: &str) -> String {
    if code == MOROCCO {
        return locale.t(Msg::MapMorocco).to_string();
    }
    ds.region(code)
        .map(|r| r.name.get(locale).to_string())
        .or_else(|| ds.country(code).map(|c| c.name.get(locale).to_string()))
        .unwrap_or_else(|| code.to_string())
}

/// A value of the legend: a count, or a rate with one decimal.
pub fn format_value(locale: Locale, m: Measure, v: f64) -> String {
    match m {
        Measure::Count => format::count(locale, v),
        Measure::Per100k => format::number(locale, v, Style::Decimal1),
    }
}

/// The words for "per 100,000 …" under a gender filter (women, men, inhabitants).
pub fn per_100k_population(gender: Option<Gender>) -> Msg {
    match gender {
        None => Msg::MapPopulationAll,
        Some(Gender::Female) => Msg::MapPopulationWomen,
        Some(Gender::Male) => Msg::MapPopulationMen,
    }
}

/// What a screen reader hears on a region or country: name, value, status.
pub fn area_label(locale: Locale, name: &str, row: Option<&Row>) -> String {
    match row.and_then(|r| r.count.map(|c| (r, c))) {
        Some((r, c)) => {
            let value = format::count(locale, c);
            let msg = if r.is_illustrative() {
                Msg::MapRegionLabelIllustrative
            } else {
                Msg::MapRegionLabel
            };
            locale.tf(msg, &[("name", name), ("value", &value)])
        }
        None => locale.tf(Msg::MapRegionLabelNoData, &[("name", name)]),
    }
}

/// A row's fields as text, the same in the tooltip and the table; a field
/// the data does not have reads "no data" (the rate is `None`: the tooltip
/// leaves it out).
#[derive(Clone, Debug, PartialEq)]
pub struct RowTexts {
    pub name: String,
    pub count: String,
    pub share: String,
    pub per_100k: Option<String>,
    pub status: String,
    pub source: String,
    pub illustrative: bool,
}

impl RowTexts {
    pub fn new(ds: &Dataset, locale: Locale, code: &str, row: Option<&Row>) -> RowTexts {
        let none = || locale.t(Msg::MapLegendNoData).to_string();
        RowTexts {
            name: area_name(ds, locale, code),
            count: row
                .and_then(|r| r.count)
                .map(|c| format::count(locale, c))
                .unwrap_or_else(none),
            share: row
                .and_then(|r| r.share)
                .map(|s| format::number(locale, s, Style::Percent1))
                .unwrap_or_else(none),
            per_100k: row
                .and_then(|r| r.per_100k)
                .map(|v| format::number(locale, v, Style::Decimal1)),
            status: row
                .and_then(|r| r.status)
                .map(|s| locale.t(s.msg()).to_string())
                .unwrap_or_else(none),
            source: row
                .and_then(|r| r.source.as_deref())
                .and_then(|s| ds.source(s))
                .map(|s| s.title.get(locale).to_string())
                .unwrap_or_else(none),
            illustrative: row.is_some_and(Row::is_illustrative),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::small as fixture;

    #[test]
    fn regions_with_shares_rates_and_no_data() {
        let ds = fixture();
        let r = region_rows(&ds, &Filter::default());
        assert_eq!(r.rows.len(), 3);
        assert_eq!(r.total, Some(1000.0));
        let r2 = r.get("R2").unwrap();
        assert_eq!(r2.count, Some(900.0));
        assert_eq!(r2.share, Some(0.9));
        assert_eq!(r2.per_100k, Some(300.0));
        assert!(r2.is_illustrative());
        assert_eq!(r2.source.as_deref(), Some("ill"));
        let r3 = r.get("R3").unwrap();
        assert_eq!(
            (r3.count, r3.share, r3.status),
            (None, None, None),
            "no data"
        );
        assert!(r.any_illustrative());
        // the per-capita ranking differs from the count ranking
        let c = r.classes(Measure::Count).unwrap();
        let p = r.classes(Measure::Per100k).unwrap();
        assert!(c.class_of(900.0) > c.class_of(100.0));
        assert!(p.class_of(300.0) < p.class_of(1000.0));
    }

    #[test]
    fn filter_narrows_and_region_is_ignored() {
        let ds = fixture();
        let f = Filter {
            gender: Some(crate::model::Gender::Female),
            region: Some("R1".into()),
            ..Filter::default()
        };
        let r = region_rows(&ds, &f);
        assert_eq!(r.get("R2").unwrap().count, Some(450.0));
        assert_eq!(r.get("R1").unwrap().count, None);
        assert_eq!(r.total, Some(450.0));
        assert_eq!(r.get("R2").unwrap().share, Some(1.0));
        // nothing at all: no classes, no panic
        let none = region_rows(
            &ds,
            &Filter {
                area: Some("gamma".into()),
                gender: Some(crate::model::Gender::Female),
                ..Filter::default()
            },
        );
        assert_eq!(none.total, None);
        assert_eq!(none.classes(Measure::Count), None);
    }

    #[test]
    fn countries_with_morocco_as_its_regions() {
        let ds = fixture();
        let r = country_rows(&ds, &Filter::default());
        let codes: Vec<&str> = r.rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["MA", "CI", "SN"]);
        let ma = r.get("MA").unwrap();
        assert_eq!(ma.count, Some(1000.0));
        assert_eq!(ma.per_100k, Some(100_000.0));
        assert_eq!(ma.status, Some(Status::Illustrative));
        assert_eq!(r.get("CI").unwrap().count, Some(50.0));
        assert_eq!(r.get("SN").unwrap().count, None);
        assert_eq!(r.total, Some(1050.0));
        // Morocco's figure is illustrative, Côte d'Ivoire's reported: the
        // total is as sure as its least sure part.
        assert_eq!(r.total_status(), Some(Status::Illustrative));
    }

    #[test]
    fn row_texts_are_formatted_once_with_no_data_words() {
        let ds = fixture();
        let r = region_rows(&ds, &Filter::default());
        let t = RowTexts::new(&ds, Locale::En, "R1", r.get("R1"));
        assert_eq!(t.name, "Region R1");
        assert_eq!(t.count, "100");
        assert_eq!(t.share, "10.0%");
        assert_eq!(t.per_100k.as_deref(), Some("1,000.0"));
        assert_eq!(t.status, Locale::En.t(Status::Illustrative.msg()));
        assert_eq!(t.source, "Illustrative split");
        assert!(t.illustrative);
        let none = Locale::En.t(Msg::MapLegendNoData);
        let t8 = RowTexts::new(&ds, Locale::En, "R3", r.get("R3"));
        assert_eq!((t8.count.as_str(), t8.status.as_str()), (none, none));
        assert_eq!(t8.per_100k, None);
        assert!(!t8.illustrative);
        assert_eq!(
            area_name(&ds, Locale::En, MOROCCO),
            Locale::En.t(Msg::MapMorocco)
        );
        assert!(area_label(Locale::En, "Region R1", r.get("R1")).contains("100"));
    }

    #[test]
    fn short_place_names() {
        assert_eq!(
            short_place("Safi province (douars Bouizat and Ouled Salmane)"),
            "Safi province"
        );
        assert_eq!(short_place("Khouribga"), "Khouribga");
        assert_eq!(short_place("إقليم آسفي (دوارا البويزات)"), "إقليم آسفي");
    }

    #[test]
    fn only_moroccan_places_with_a_position_are_marked() {
        let m = place_marks(&fixture());
        assert_eq!(
            m,
            vec![PlaceMark {
                program: "prog".into(),
                place: 0,
                lon_lat: [-9.24, 32.3]
            }]
        );
    }
}
