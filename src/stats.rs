//! Queries on the dataset (pure): the dashboard's filter, looking up the
//! observation for a combination of dimensions, breakdowns by region, program
//! area and gender, per-capita rates.

use crate::model::{CensusArea, CensusSex, Dataset, Gender, Observation};
use crate::vocab::FilterField;
use serde::{Deserialize, Serialize};

/// The dashboard's filter: what the visitor narrowed the view to. Shared by
/// the map, the headline figures and the charts; mirrored in the URL
/// (`?region=MA-07&area=…&gender=female`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Filter {
    pub region: Option<String>,
    pub area: Option<String>,
    pub gender: Option<Gender>,
}

/// One value of one filter field: what a click on a region, a bar or a
/// legend entry selects.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    Region(String),
    Area(String),
    Gender(Gender),
}

impl Selection {
    /// The field and its value as written in the URL (`("area", "alpha")`).
    pub fn field_and_value(&self) -> (&'static str, String) {
        match self {
            Selection::Region(r) => (FilterField::Region.as_str(), r.clone()),
            Selection::Area(a) => (FilterField::Area.as_str(), a.clone()),
            Selection::Gender(g) => (FilterField::Gender.as_str(), g.as_str().to_string()),
        }
    }
}

impl Filter {
    /// The filter after a click on `sel`: selecting it, or clearing that
    /// field when it is already selected. The other fields stay.
    pub fn toggled(&self, sel: &Selection) -> Filter {
        fn flip<T: PartialEq + Clone>(cur: &Option<T>, v: &T) -> Option<T> {
            (cur.as_ref() != Some(v)).then(|| v.clone())
        }
        let mut next = self.clone();
        match sel {
            Selection::Region(r) => next.region = flip(&self.region, r),
            Selection::Area(a) => next.area = flip(&self.area, a),
            Selection::Gender(g) => next.gender = flip(&self.gender, g),
        }
        next
    }

    pub fn is_empty(&self) -> bool {
        self.region.is_none() && self.area.is_none() && self.gender.is_none()
    }

    /// The dimensions an observation must have to answer "the total under
    /// this filter".
    pub fn dims(&self) -> Dims {
        Dims {
            area: self.area.clone(),
            region: self.region.clone(),
            gender: self.gender,
            ..Dims::default()
        }
    }
}

pub use crate::model::index::Dims;

/// The observation of `indicator` with exactly these dimensions (a count,
/// or a share when `share`): through the dataset's index, so a chart row
/// costs a hash lookup, not a scan of every observation.
pub fn lookup<'a>(
    ds: &'a Dataset,
    indicator: &str,
    dims: &Dims,
    share: bool,
) -> Option<&'a Observation> {
    ds.find(indicator, share, dims)
}

/// Count of `indicator` by region under `filter` (its region ignored): one
/// entry per region of the dataset, `None` where the data has no row.
pub fn count_by_region<'a>(
    ds: &'a Dataset,
    indicator: &str,
    filter: &Filter,
) -> Vec<(&'a str, Option<&'a Observation>)> {
    ds.regions
        .iter()
        .map(|r| {
            let dims = Dims {
                region: Some(r.code.clone()),
                ..Filter {
                    region: None,
                    ..filter.clone()
                }
                .dims()
            };
            (r.code.as_str(), lookup(ds, indicator, &dims, false))
        })
        .collect()
}

/// Count of `indicator` by program area under `filter` (its area ignored).
pub fn count_by_area<'a>(
    ds: &'a Dataset,
    indicator: &str,
    filter: &Filter,
) -> Vec<(&'a str, Option<&'a Observation>)> {
    ds.areas
        .iter()
        .map(|a| {
            let dims = Dims {
                area: Some(a.id.clone()),
                ..Filter {
                    area: None,
                    ..filter.clone()
                }
                .dims()
            };
            (a.id.as_str(), lookup(ds, indicator, &dims, false))
        })
        .collect()
}

/// Count of `indicator` by country (outside Morocco) under `filter`'s area and gender.
pub fn count_by_country<'a>(
    ds: &'a Dataset,
    indicator: &str,
    filter: &Filter,
) -> Vec<(&'a str, Option<&'a Observation>)> {
    ds.countries
        .iter()
        .map(|c| {
            let dims = Dims {
                country: Some(c.code.clone()),
                area: filter.area.clone(),
                gender: filter.gender,
                ..Dims::default()
            };
            (c.code.as_str(), lookup(ds, indicator, &dims, false))
        })
        .collect()
}

/// The census sex that matches a gender filter.
pub fn census_sex(gender: Option<Gender>) -> CensusSex {
    match gender {
        None => CensusSex::All,
        Some(Gender::Female) => CensusSex::Female,
        Some(Gender::Male) => CensusSex::Male,
    }
}

/// Reach per 100,000 inhabitants of a region (`None`: Morocco) in the 2024
/// census; per 100,000 women (men) when the count is of women (men).
pub fn per_100k(
    ds: &Dataset,
    region: Option<&str>,
    gender: Option<Gender>,
    count: f64,
) -> Option<f64> {
    let pop = ds.population(region, CensusArea::Total, census_sex(gender))?;
    (pop > 0).then(|| count / pop as f64 * 100_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PopulationRow;

    #[test]
    fn per_100k_divides_by_the_matching_population() {
        let mut ds = crate::testing::small();
        for (sex, population) in [(CensusSex::All, 200_000), (CensusSex::Female, 50_000)] {
            ds.population.rows.push(PopulationRow {
                region: Some("MA-07".into()),
                area: CensusArea::Total,
                sex,
                population,
            });
        }
        let close = |v: Option<f64>, want: f64| v.is_some_and(|v| (v - want).abs() < 1e-9);
        assert!(close(per_100k(&ds, Some("MA-07"), None, 60.0), 30.0));
        assert!(close(
            per_100k(&ds, Some("MA-07"), Some(Gender::Female), 30.0),
            60.0
        ));
        // No census row for men, none for the region: no rate rather than a wrong one.
        assert_eq!(per_100k(&ds, Some("MA-07"), Some(Gender::Male), 30.0), None);
        assert_eq!(per_100k(&ds, Some("R9"), None, 30.0), None);
        // The country's row when no region is named.
        assert!(close(per_100k(&ds, None, None, 30.0), 3000.0));
    }

    #[test]
    fn clicking_toggles_the_filter() {
        let f = Filter::default();
        let a = f.toggled(&Selection::Area("alpha".into()));
        assert_eq!(a.area.as_deref(), Some("alpha"));
        assert_eq!(a.toggled(&Selection::Area("alpha".into())).area, None);
        let g = a.toggled(&Selection::Gender(Gender::Male));
        assert_eq!(g.gender, Some(Gender::Male));
        assert_eq!(g.area.as_deref(), Some("alpha"));
        let r = g.toggled(&Selection::Region("R1".into()));
        assert_eq!(r.region.as_deref(), Some("R1"));
        assert_eq!(
            r.toggled(&Selection::Region("R2".into())).region.as_deref(),
            Some("R2")
        );
        assert_eq!(r.toggled(&Selection::Region("R1".into())).region, None);
        assert_eq!(
            Selection::Gender(Gender::Female).field_and_value(),
            ("gender", "female".to_string())
        );
    }
}
