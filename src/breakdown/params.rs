//! The breakdown table's parameters (pure): what the rows (and columns) are,
//! the measure and the sort, read from and written to the URL
//! (`?rows=region&cols=gender&measure=share&sort=female&dir=desc`), so that a
//! link reproduces exactly one table. Values it cannot read are kept, to be
//! named in a notice, and replaced by the defaults.

use crate::i18n::Msg;

/// What a row or a column of the table stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dim {
    Region,
    Area,
    Gender,
    Group,
    Country,
}

impl Dim {
    /// Every kind of row, in the order of the picker.
    pub const ALL: [Dim; 5] = [
        Dim::Region,
        Dim::Area,
        Dim::Gender,
        Dim::Group,
        Dim::Country,
    ];

    /// The word in the URL (`region`, `area`, `gender`, `group`, `country`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Dim::Region => "region",
            Dim::Area => "area",
            Dim::Gender => "gender",
            Dim::Group => "group",
            Dim::Country => "country",
        }
    }

    pub fn parse(s: &str) -> Option<Dim> {
        Dim::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// Its name as a column header ("Region", "Programme area", …).
    pub const fn msg(self) -> Msg {
        match self {
            Dim::Region => Msg::AppFilterRegion,
            Dim::Area => Msg::AppFilterArea,
            Dim::Gender => Msg::AppFilterGender,
            Dim::Group => Msg::ChartsColGroup,
            Dim::Country => Msg::TableDimCountry,
        }
    }

    /// Whether its values are disjoint, so that they add up. Groups (NEET
    /// youth, rural residents) overlap: their total is the figure without
    /// the group, never their sum.
    pub const fn additive(self) -> bool {
        !matches!(self, Dim::Group)
    }

    /// Whether a table can cross `self` (rows) with `other` (columns): not
    /// with itself, and never a region with a country (a figure has one
    /// place).
    pub fn crosses(self, other: Dim) -> bool {
        self != other
            && !matches!(
                (self, other),
                (Dim::Region, Dim::Country) | (Dim::Country, Dim::Region)
            )
    }
}

/// What each cell shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Measure {
    /// The number of beneficiaries.
    #[default]
    Count,
    /// The part of the table's total, in percent.
    Share,
    /// Beneficiaries per 100,000 inhabitants (2024 census), where the census
    /// gives the population.
    Per100k,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Count, Measure::Share, Measure::Per100k];

    pub const fn as_str(self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::Share => "share",
            Measure::Per100k => "per100k",
        }
    }

    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub const fn msg(self) -> Msg {
        match self {
            Measure::Count => Msg::TableMeasureCount,
            Measure::Share => Msg::TableMeasureShare,
            Measure::Per100k => Msg::TableMeasurePer100k,
        }
    }
}

/// The direction of the sort.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Dir {
    #[default]
    Asc,
    Desc,
}

impl Dir {
    pub const fn as_str(self) -> &'static str {
        match self {
            Dir::Asc => "asc",
            Dir::Desc => "desc",
        }
    }

    pub fn parse(s: &str) -> Option<Dir> {
        [Dir::Asc, Dir::Desc].into_iter().find(|d| d.as_str() == s)
    }

    /// The value of `aria-sort`.
    pub const fn aria(self) -> &'static str {
        match self {
            Dir::Asc => "ascending",
            Dir::Desc => "descending",
        }
    }
}

/// The column the rows are sorted by: the rows' names, or a value column by
/// its key (`value` for a one-way table, a column's id or `total` when
/// crossed). Checked against the table's columns by the model.
pub const SORT_NAME: &str = "name";

/// The table's parameters. Without a sort the rows keep the dataset's order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Params {
    pub rows: Dim,
    pub cols: Option<Dim>,
    pub measure: Measure,
    pub sort: Option<String>,
    pub dir: Dir,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            rows: Dim::Region,
            cols: None,
            measure: Measure::Count,
            sort: None,
            dir: Dir::Asc,
        }
    }
}

/// A parameter that could not be read: its name and value as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ignored {
    pub param: &'static str,
    pub value: String,
}

/// The URL keys of the table's parameters.
pub const KEYS: [&str; 5] = ["rows", "cols", "measure", "sort", "dir"];

/// Reads the parameters from the query (`get("rows")` …). Unknown values are
/// returned as [`Ignored`] and replaced by the default; a crossing that
/// cannot be (rows with themselves, region with country) drops the columns.
pub fn read(get: impl Fn(&str) -> Option<String>) -> (Params, Vec<Ignored>) {
    let mut ignored = Vec::new();
    let take = |key: &'static str| -> Option<String> {
        get(key)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let rows_raw = take("rows");
    let cols_raw = take("cols");
    let measure_raw = take("measure");
    let sort = take("sort");
    let dir_raw = take("dir");
    let mut note = |param: &'static str, value: &str| {
        ignored.push(Ignored {
            param,
            value: value.to_string(),
        })
    };
    let rows = match rows_raw.as_deref() {
        None => Dim::Region,
        Some(v) => Dim::parse(v).unwrap_or_else(|| {
            note("rows", v);
            Dim::Region
        }),
    };
    let cols = match cols_raw.as_deref() {
        None => None,
        Some(v) => match Dim::parse(v) {
            Some(c) if rows.crosses(c) => Some(c),
            _ => {
                note("cols", v);
                None
            }
        },
    };
    let measure = match measure_raw.as_deref() {
        None => Measure::Count,
        Some(v) => Measure::parse(v).unwrap_or_else(|| {
            note("measure", v);
            Measure::Count
        }),
    };
    let dir = match dir_raw.as_deref() {
        None => Dir::Asc,
        Some(v) => Dir::parse(v).unwrap_or_else(|| {
            note("dir", v);
            Dir::Asc
        }),
    };
    (
        Params {
            rows,
            cols,
            measure,
            sort,
            dir,
        },
        ignored,
    )
}

/// The query updates that write `p` (for `query::with_params`): every key of
/// [`KEYS`], `None` for a default left out, so a link is short but exact.
pub fn updates(p: &Params) -> [(&'static str, Option<String>); 5] {
    [
        ("rows", Some(p.rows.as_str().to_string())),
        ("cols", p.cols.map(|c| c.as_str().to_string())),
        (
            "measure",
            (p.measure != Measure::Count).then(|| p.measure.as_str().to_string()),
        ),
        ("sort", p.sort.clone()),
        (
            "dir",
            (p.sort.is_some() && p.dir != Dir::Asc).then(|| p.dir.as_str().to_string()),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query;

    fn from(q: &str) -> (Params, Vec<Ignored>) {
        let pairs: Vec<(String, String)> = q
            .trim_start_matches('?')
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        read(|k| pairs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn the_url_round_trips() {
        let p = Params {
            rows: Dim::Area,
            cols: Some(Dim::Gender),
            measure: Measure::Share,
            sort: Some("female".into()),
            dir: Dir::Desc,
        };
        let cur = vec![
            ("lang".to_string(), "ar".to_string()),
            ("region".to_string(), "MA-07".to_string()),
        ];
        let q = query::with_params(&cur, &updates(&p));
        assert_eq!(
            q,
            "?lang=ar&region=MA-07&rows=area&cols=gender&measure=share&sort=female&dir=desc"
        );
        assert_eq!(from(&q), (p, vec![]));
        // Defaults are left out, and still read back the same.
        let d = Params::default();
        let q = query::with_params(&[], &updates(&d));
        assert_eq!(q, "?rows=region");
        assert_eq!(from(&q), (d, vec![]));
        for rows in Dim::ALL {
            for m in Measure::ALL {
                let p = Params {
                    rows,
                    measure: m,
                    ..Params::default()
                };
                assert_eq!(from(&query::with_params(&[], &updates(&p))).0, p);
            }
        }
    }

    #[test]
    fn unknown_values_are_named_and_replaced_by_defaults() {
        let (p, ign) = from("?rows=planet&measure=volume&dir=up&cols=gender");
        assert_eq!(p.rows, Dim::Region);
        assert_eq!(p.measure, Measure::Count);
        assert_eq!(p.dir, Dir::Asc);
        // The columns were fine and stay.
        assert_eq!(p.cols, Some(Dim::Gender));
        let named: Vec<(&str, &str)> = ign.iter().map(|i| (i.param, i.value.as_str())).collect();
        assert_eq!(
            named,
            [("rows", "planet"), ("measure", "volume"), ("dir", "up")]
        );
    }

    #[test]
    fn impossible_crossings_drop_the_columns() {
        let (p, ign) = from("?rows=region&cols=country");
        assert_eq!(p.cols, None);
        assert_eq!(ign[0].param, "cols");
        let (p, ign) = from("?rows=gender&cols=gender");
        assert_eq!((p.rows, p.cols), (Dim::Gender, None));
        assert_eq!(ign.len(), 1);
        let (p, ign) = from("?rows=country&cols=area");
        assert_eq!((p.rows, p.cols), (Dim::Country, Some(Dim::Area)));
        assert!(ign.is_empty());
    }
}
