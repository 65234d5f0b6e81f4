//! The breakdown table's model (pure): dataset + filter + parameters +
//! language -> the rows, columns, totals and notes of `/explore`'s table,
//! each cell with its status, and the CSV that holds exactly what it shows.
//!
//! A cell is one observation of `beneficiaries`, looked up through the
//! dataset's index (`Dataset::find`): the work is linear in the cells. A
//! total adds up disjoint parts (regions, areas, genders, countries) and is
//! `derived`, with the least certain status of its parts; groups overlap,
//! so their "total" is the figure without the group, never their sum.
//! Shares are of the table's total (or the lab's own share where it gives
//! one); rates per 100,000 inhabitants exist only where the 2024 census in
//! the dataset gives the population (a region, and a gender in it).

use super::params::{Dim, Dir, Ignored, Measure, Params, SORT_NAME};
use crate::i18n::format::{self, Style};
use crate::i18n::{Locale, Msg, isolate};
use crate::model::{CensusArea, Dataset, Gender, Qualifier, REACH_INDICATOR, Status};
use crate::stats::{Dims, Filter, census_sex};
use crate::table::{Cell, Table, csv_field};

/// The key of the only value column of a one-way table.
pub const VALUE_KEY: &str = "value";
/// The key of the total column of a crossed table.
pub const TOTAL_KEY: &str = "total";

/// A count before it becomes a measure, with what it rests on.
#[derive(Clone, Debug, PartialEq)]
struct Fig {
    count: f64,
    qualifier: Qualifier,
    status: Status,
    /// `Some` when the table added it up.
    sum: Option<(usize, usize)>,
    /// Source ids, each once.
    sources: Vec<String>,
    /// The census population it compares with, if the census gives one.
    pop: Option<f64>,
}

/// How the table computed a value that is not an observation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derivation {
    /// Added up: how many figures, and how many parts had none.
    Sum { parts: usize, missing: usize },
    /// A share of a total or a rate per 100,000 inhabitants.
    Ratio,
}

/// One cell, as the table shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Figure {
        value: f64,
        qualifier: Qualifier,
        status: Status,
        derived: Option<Derivation>,
    },
    /// The dataset has no observation for it ("no figure", never 0).
    NoFigure,
    /// The measure does not exist for it (no census population).
    NotAvailable,
}

impl Value {
    /// The number sorted on; `None` sorts last in both directions.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Figure { value, .. } => Some(*value),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<Status> {
        match self {
            Value::Figure { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// As shown on screen: `4,240`, `8.4%`, `12.3`, "no figure".
    pub fn text(&self, locale: Locale, measure: Measure) -> String {
        match self {
            Value::Figure { value, .. } => match measure {
                Measure::Count => format::count(locale, *value),
                Measure::Share => format::number(locale, *value, Style::Percent1),
                Measure::Per100k => format::number(locale, *value, Style::Decimal1),
            },
            Value::NoFigure => locale.t(Msg::TableNoFigure).to_string(),
            Value::NotAvailable => locale.t(Msg::TableNotAvailable).to_string(),
        }
    }

    /// As written to the CSV: the bare number (a share in percent), or the
    /// same words as on screen.
    pub fn raw(&self, locale: Locale, measure: Measure) -> String {
        match self {
            Value::Figure { value, .. } => match measure {
                Measure::Count if value.fract() == 0.0 => format!("{value:.0}"),
                Measure::Count => format!("{value}"),
                Measure::Share => format!("{:.1}", value * 100.0),
                Measure::Per100k => format!("{value:.1}"),
            },
            _ => self.text(locale, measure),
        }
    }

    /// The status line under the value (and in the CSV's status column):
    /// "illustrative · about · sum of 12 figures"; empty without a figure.
    pub fn status_text(&self, locale: Locale) -> String {
        let Value::Figure {
            qualifier,
            status,
            derived,
            ..
        } = self
        else {
            return String::new();
        };
        let mut parts = vec![locale.t(status.msg()).to_string()];
        match qualifier {
            Qualifier::Exact => {}
            Qualifier::MoreThan => parts.push(locale.t(Msg::TableQualifierMoreThan).into()),
            Qualifier::About => parts.push(locale.t(Msg::TableQualifierAbout).into()),
        }
        match derived {
            Some(Derivation::Sum { parts: n, missing }) => {
                let count = n.to_string();
                parts.push(if *missing == 0 {
                    locale.tn(Msg::TableSum, *n as u64, &[("count", &count)])
                } else {
                    locale.tn(
                        Msg::TableSumPartial,
                        *n as u64,
                        &[("count", &count), ("missing", &missing.to_string())],
                    )
                });
            }
            // "derived" is already said by the status word.
            Some(Derivation::Ratio) if *status != Status::Derived => {
                parts.push(locale.t(Status::Derived.msg()).into())
            }
            _ => {}
        }
        parts.join(" · ")
    }
}

/// A value column: its key (for the sort and the URL) and header.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub key: String,
    pub head: String,
}

/// A row: its key (an id from the data), name, one value per column, and
/// the titles of the sources of its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub key: String,
    pub name: String,
    pub cells: Vec<Value>,
    pub sources: String,
}

/// Everything the table shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakdown {
    /// The parameters as applied (an unknown sort removed).
    pub params: Params,
    /// What the URL asked for and the table ignored.
    pub ignored: Vec<Ignored>,
    pub title: String,
    /// The header of the first column (the rows' kind).
    pub row_head: String,
    pub columns: Vec<Column>,
    /// In the order shown.
    pub rows: Vec<Row>,
    /// The total ("All beneficiaries" for overlapping groups); always last.
    pub total: Row,
    /// The filter in words.
    pub filter_note: String,
    /// What the reader must know: illustrative figures, derived values,
    /// overlapping groups, the census, the dataset's own total.
    pub notes: Vec<String>,
    pub measure: Measure,
}

struct Builder<'a> {
    ds: &'a Dataset,
    filter: &'a Filter,
    locale: Locale,
    /// The filter's dimensions, less the region when countries are shown.
    base: Dims,
}

fn set(dims: &Dims, dim: Dim, key: &str) -> Dims {
    let mut d = dims.clone();
    match dim {
        Dim::Region => d.region = Some(key.to_string()),
        Dim::Area => d.area = Some(key.to_string()),
        Dim::Gender => d.gender = Gender::parse(key),
        Dim::Group => d.group = Some(key.to_string()),
        Dim::Country => d.country = Some(key.to_string()),
    }
    d
}

fn push_unique(into: &mut Vec<String>, from: &[String]) {
    for s in from {
        if !into.contains(s) {
            into.push(s.clone());
        }
    }
}

impl Builder<'_> {
    /// The values of a dimension (key, name), in the dataset's order, less
    /// those the filter leaves out.
    fn values(&self, dim: Dim) -> Vec<(String, String)> {
        let l = self.locale;
        let f = self.filter;
        let keep = |want: &Option<String>, key: &str| want.as_deref().is_none_or(|w| w == key);
        match dim {
            Dim::Region => self
                .ds
                .regions
                .iter()
                .filter(|r| keep(&f.region, &r.code))
                .map(|r| (r.code.clone(), r.name.get(l).to_string()))
                .collect(),
            Dim::Area => self
                .ds
                .areas
                .iter()
                .filter(|a| keep(&f.area, &a.id))
                .map(|a| (a.id.clone(), a.name.get(l).to_string()))
                .collect(),
            Dim::Gender => Gender::ALL
                .into_iter()
                .filter(|g| f.gender.is_none_or(|w| w == *g))
                .map(|g| (g.as_str().to_string(), l.t(g.msg()).to_string()))
                .collect(),
            Dim::Group => self
                .ds
                .groups
                .iter()
                .map(|g| (g.id.clone(), g.name.get(l).to_string()))
                .collect(),
            Dim::Country => self
                .ds
                .countries
                .iter()
                .map(|c| (c.code.clone(), c.name.get(l).to_string()))
                .collect(),
        }
    }

    /// The census population a figure with these dimensions compares with:
    /// a region's (women's, men's), never a country's, a group's or the
    /// whole reach's (which includes countries outside Morocco).
    fn pop(&self, dims: &Dims) -> Option<f64> {
        if dims.country.is_some() || dims.group.is_some() {
            return None;
        }
        let region = dims.region.as_deref()?;
        self.ds
            .population(Some(region), CensusArea::Total, census_sex(dims.gender))
            .filter(|p| *p > 0)
            .map(|p| p as f64)
    }

    /// The observation for exactly these dimensions.
    fn part(&self, dims: &Dims) -> Option<Fig> {
        let o = self.ds.find(REACH_INDICATOR, false, dims)?;
        Some(Fig {
            count: o.value(),
            qualifier: o.qualifier,
            status: o.status,
            sum: None,
            sources: vec![o.source.to_string()],
            pop: self.pop(dims),
        })
    }

    /// The figure at `dims` over every value of `rest`: added up over
    /// disjoint dimensions, the figure without the dimension for groups.
    fn total(&self, dims: &Dims, rest: &[Dim]) -> Option<Fig> {
        let Some((&dim, tail)) = rest.split_first() else {
            return self.part(dims);
        };
        if !dim.additive() {
            return self.total(dims, tail);
        }
        let parts: Vec<Option<Fig>> = self
            .values(dim)
            .iter()
            .map(|(k, _)| self.total(&set(dims, dim, k), tail))
            .collect();
        // The population of a sum over regions or genders is theirs added
        // up; over areas or countries it stays the one of `dims`.
        let pop = match dim {
            Dim::Region | Dim::Gender => None,
            _ => Some(self.pop(dims)),
        };
        sum(parts, pop)
    }

    /// [`Builder::total`] with areas and countries added up first (inside),
    /// so that a population is only ever added up over regions and genders.
    fn margin(&self, dims: &Dims, over: &[Dim]) -> Option<Fig> {
        let mut order = over.to_vec();
        crate::sort::sort_by_key(&mut order, |d| matches!(d, Dim::Area | Dim::Country));
        self.total(dims, &order)
    }
}

/// Adds up the parts that have a figure. One part alone, with none
/// missing, is itself. `pop`: `Some(p)` to use `p` as the sum's
/// population, `None` to add up the parts' (when every part has one).
fn sum(parts: Vec<Option<Fig>>, pop: Option<Option<f64>>) -> Option<Fig> {
    let missing_here = parts.iter().filter(|p| p.is_none()).count();
    let present: Vec<Fig> = parts.into_iter().flatten().collect();
    if present.is_empty() {
        return None;
    }
    if present.len() == 1 && missing_here == 0 {
        return present.into_iter().next();
    }
    let mut out = Fig {
        count: 0.0,
        qualifier: Qualifier::Exact,
        status: Status::Derived,
        sum: Some((0, missing_here)),
        sources: Vec::new(),
        pop: Some(0.0),
    };
    for f in &present {
        out.count += f.count;
        out.status = out.status.max(f.status);
        out.qualifier = match (out.qualifier, f.qualifier) {
            (Qualifier::About, _) | (_, Qualifier::About) => Qualifier::About,
            (Qualifier::MoreThan, _) | (_, Qualifier::MoreThan) => Qualifier::MoreThan,
            _ => Qualifier::Exact,
        };
        let (n, m) = f.sum.unwrap_or((1, 0));
        if let Some((parts, missing)) = out.sum.as_mut() {
            *parts += n;
            *missing += m;
        }
        push_unique(&mut out.sources, &f.sources);
        out.pop = match (out.pop, f.pop) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
    }
    if let Some(p) = pop {
        out.pop = p;
    }
    Some(out)
}

/// The table for `params` under `filter` in `locale`. `ignored` are the
/// URL's values already refused by `params::read`; an unknown sort key is
/// added to them.
pub fn breakdown(
    ds: &Dataset,
    filter: &Filter,
    params: &Params,
    mut ignored: Vec<Ignored>,
    locale: Locale,
) -> Breakdown {
    let l = locale;
    let (rows_dim, cols_dim, measure) = (params.rows, params.cols, params.measure);
    let shows_country = rows_dim == Dim::Country || cols_dim == Some(Dim::Country);
    let mut base = filter.dims();
    if shows_country {
        // A figure has one place: the region filter cannot apply to countries.
        base.region = None;
    }
    let b = Builder {
        ds,
        filter,
        locale,
        base,
    };
    let row_values = b.values(rows_dim);
    let col_values = cols_dim.map(|c| b.values(c)).unwrap_or_default();
    let dims_all: Vec<Dim> = std::iter::once(rows_dim).chain(cols_dim).collect();
    let grand = b.margin(&b.base, &dims_all);
    // The lab's own shares (by gender, by group) are shares of this table's
    // total when nothing else splits it.
    let own_shares = dims_all
        .iter()
        .all(|d| matches!(d, Dim::Gender | Dim::Group));

    let census = ds.population.source.clone();
    // Turns a figure into the measure; `dims` is `Some` for a cell (not a
    // total), to look up the lab's own share.
    let measure_of = |fig: Option<&Fig>, dims: Option<&Dims>, srcs: &mut Vec<String>| -> Value {
        if measure == Measure::Share
            && own_shares
            && let Some(d) = dims
            && let Some(o) = ds.find(REACH_INDICATOR, true, d)
        {
            push_unique(srcs, &[o.source.to_string()]);
            return Value::Figure {
                value: o.value(),
                qualifier: o.qualifier,
                status: o.status,
                derived: None,
            };
        }
        let Some(f) = fig else {
            return Value::NoFigure;
        };
        let derived = f
            .sum
            .map(|(parts, missing)| Derivation::Sum { parts, missing });
        match measure {
            Measure::Count => {
                push_unique(srcs, &f.sources);
                Value::Figure {
                    value: f.count,
                    qualifier: f.qualifier,
                    status: f.status,
                    derived,
                }
            }
            Measure::Share => match &grand {
                Some(g) if g.count > 0.0 => {
                    push_unique(srcs, &f.sources);
                    push_unique(srcs, &g.sources);
                    let exact = f.qualifier == Qualifier::Exact && g.qualifier == Qualifier::Exact;
                    Value::Figure {
                        value: f.count / g.count,
                        qualifier: if exact {
                            Qualifier::Exact
                        } else {
                            Qualifier::About
                        },
                        status: f.status.max(g.status).max(Status::Derived),
                        derived: Some(Derivation::Ratio),
                    }
                }
                _ => Value::NoFigure,
            },
            Measure::Per100k => match f.pop {
                Some(p) if p > 0.0 => {
                    push_unique(srcs, &f.sources);
                    push_unique(srcs, std::slice::from_ref(&census));
                    Value::Figure {
                        value: f.count / p * 100_000.0,
                        qualifier: f.qualifier,
                        status: f.status.max(Status::Derived),
                        derived: Some(Derivation::Ratio),
                    }
                }
                _ => Value::NotAvailable,
            },
        }
    };
    let titles = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| {
                ds.source(id)
                    .map(|s| s.title.get(l).to_string())
                    .unwrap_or_else(|| id.clone())
            })
            .collect::<Vec<_>>()
            .join(l.t(Msg::AppSourceSeparator))
    };

    // Columns.
    let columns: Vec<Column> = match cols_dim {
        None => vec![Column {
            key: VALUE_KEY.into(),
            head: l.t(measure.msg()).into(),
        }],
        Some(c) => col_values
            .iter()
            .map(|(k, n)| Column {
                key: k.clone(),
                head: n.clone(),
            })
            .chain(std::iter::once(Column {
                key: TOTAL_KEY.into(),
                head: l.t(total_msg(c)).into(),
            }))
            .collect(),
    };

    // Rows.
    let mut rows: Vec<Row> = row_values
        .iter()
        .map(|(key, name)| {
            let at = set(&b.base, rows_dim, key);
            let mut srcs = Vec::new();
            let cells = match cols_dim {
                None => vec![measure_of(b.part(&at).as_ref(), Some(&at), &mut srcs)],
                Some(c) => {
                    let mut cells: Vec<Value> = col_values
                        .iter()
                        .map(|(ck, _)| {
                            let d = set(&at, c, ck);
                            measure_of(b.part(&d).as_ref(), Some(&d), &mut srcs)
                        })
                        .collect();
                    cells.push(measure_of(b.margin(&at, &[c]).as_ref(), None, &mut srcs));
                    cells
                }
            };
            Row {
                key: key.clone(),
                name: name.clone(),
                cells,
                sources: titles(&srcs),
            }
        })
        .collect();

    // The total row.
    let mut srcs = Vec::new();
    let total_cells = match cols_dim {
        // A one-way table of groups: the lab's figure for everyone is its
        // "total" (shares of it: 100 %).
        None => vec![measure_of(grand.as_ref(), None, &mut srcs)],
        Some(c) => {
            let mut cells: Vec<Value> = col_values
                .iter()
                .map(|(ck, _)| {
                    let d = set(&b.base, c, ck);
                    measure_of(b.margin(&d, &[rows_dim]).as_ref(), None, &mut srcs)
                })
                .collect();
            cells.push(measure_of(grand.as_ref(), None, &mut srcs));
            cells
        }
    };
    let total = Row {
        key: TOTAL_KEY.into(),
        name: l.t(total_msg(rows_dim)).into(),
        cells: total_cells,
        sources: titles(&srcs),
    };

    // The sort: by name, or by a value column (missing values last, ties by name).
    let mut applied = params.clone();
    if let Some(key) = params.sort.as_deref() {
        let col = columns.iter().position(|c| c.key == key);
        if key != SORT_NAME && col.is_none() {
            ignored.push(Ignored {
                param: "sort",
                value: key.to_string(),
            });
            applied.sort = None;
            applied.dir = Dir::Asc;
        } else {
            sort_rows(&mut rows, col, params.dir);
        }
    }

    // Notes.
    let every: Vec<&Value> = rows
        .iter()
        .chain(std::iter::once(&total))
        .flat_map(|r| r.cells.iter())
        .collect();
    let mut notes = Vec::new();
    if every
        .iter()
        .any(|v| v.status() == Some(Status::Illustrative))
    {
        notes.push(l.t(Msg::AppIllustrativeNote).to_string());
    }
    if every.iter().any(|v| {
        matches!(
            v,
            Value::Figure {
                derived: Some(_),
                ..
            }
        )
    }) {
        notes.push(l.t(Msg::TableNoteDerived).to_string());
    }
    if dims_all.contains(&Dim::Group) {
        notes.push(l.t(Msg::TableNoteGroups).to_string());
    }
    if measure == Measure::Per100k {
        notes.push(l.t(Msg::TableNotePer100k).to_string());
    }
    if measure == Measure::Share && own_shares {
        notes.push(l.t(Msg::TableNoteOwnShares).to_string());
    }
    if let Some(o) = ds.find(REACH_INDICATOR, false, &b.base) {
        let value = o.qualifier.words(l, &format::count(l, o.value()));
        notes.push(l.tf(
            Msg::TableNoteReference,
            &[("value", &value), ("status", l.t(o.status.msg()))],
        ));
    }

    let dims_text = match cols_dim {
        None => l.t(rows_dim.msg()).to_string(),
        Some(c) => format!("{} × {}", l.t(rows_dim.msg()), l.t(c.msg())),
    };
    Breakdown {
        params: applied,
        ignored,
        title: l.tf(
            Msg::TableTitle,
            &[("measure", l.t(measure.msg())), ("dims", &dims_text)],
        ),
        row_head: l.t(rows_dim.msg()).to_string(),
        columns,
        rows,
        total,
        filter_note: filter_note(ds, filter, shows_country, l),
        notes,
        measure,
    }
}

/// The name of a total over `dim`: "Total", or "All beneficiaries" for
/// groups (which overlap).
fn total_msg(dim: Dim) -> Msg {
    if dim.additive() {
        Msg::TableTotal
    } else {
        Msg::TableAllBeneficiaries
    }
}

/// Sorts by name (`col` `None`) or by the values of column `col`: rows
/// without a value last in both directions, ties by name; stable.
fn sort_rows(rows: &mut [Row], col: Option<usize>, dir: Dir) {
    use std::cmp::Ordering;
    let by_name = |a: &Row, b: &Row| a.name.cmp(&b.name);
    crate::sort::sort_by(rows, |a, b| {
        let Some(c) = col else {
            let o = by_name(a, b);
            return if dir == Dir::Desc { o.reverse() } else { o };
        };
        let (x, y) = (a.cells[c].number(), b.cells[c].number());
        match (x, y) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                let o = if dir == Dir::Desc { o.reverse() } else { o };
                o.then_with(|| by_name(a, b))
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => by_name(a, b),
        }
    });
}

/// "Filter: region: X · programme area: Y." and, when countries are shown
/// with a region filter, that it does not apply to them.
fn filter_note(ds: &Dataset, f: &Filter, shows_country: bool, l: Locale) -> String {
    let mut on = Vec::new();
    let mut off = Vec::new();
    if let Some(r) = &f.region {
        let name = ds
            .region(r)
            .map(|x| x.name.get(l).to_string())
            .unwrap_or_else(|| r.clone());
        let text = l.tf(Msg::ChartsFilterRegion, &[("name", &isolate(&name))]);
        if shows_country { &mut off } else { &mut on }.push(text);
    }
    if let Some(a) = &f.area {
        let name = ds
            .area(a)
            .map(|x| x.name.get(l).to_string())
            .unwrap_or_else(|| a.clone());
        on.push(l.tf(Msg::ChartsFilterArea, &[("name", &isolate(&name))]));
    }
    if let Some(g) = f.gender {
        on.push(l.tf(Msg::ChartsFilterGender, &[("name", l.t(g.msg()))]));
    }
    let mut out = if on.is_empty() {
        l.t(Msg::TableFilterNone).to_string()
    } else {
        l.tf(Msg::ChartsFilterApplied, &[("filter", &on.join(" · "))])
    };
    if !off.is_empty() {
        out.push(' ');
        out.push_str(&l.tf(Msg::TableFilterNotApplied, &[("filter", &off.join(" · "))]));
    }
    out
}

impl Breakdown {
    /// The table as cells: the rows' kind, then each value column followed
    /// by its status, then the sources; the total row last.
    pub fn table(&self, locale: Locale) -> Table {
        let l = locale;
        let mut columns = vec![self.row_head.clone()];
        for c in &self.columns {
            columns.push(c.head.clone());
            columns.push(l.tf(Msg::TableColStatusOf, &[("column", &c.head)]));
        }
        columns.push(l.t(Msg::ChartsColSource).to_string());
        let row = |r: &Row| -> Vec<Cell> {
            let mut cells = vec![Cell::text(r.name.clone())];
            for v in &r.cells {
                cells.push(Cell {
                    text: v.text(l, self.measure),
                    raw: v.raw(l, self.measure),
                });
                cells.push(Cell::text(v.status_text(l)));
            }
            cells.push(Cell::text(r.sources.clone()));
            cells
        };
        Table {
            columns,
            rows: self
                .rows
                .iter()
                .chain(std::iter::once(&self.total))
                .map(row)
                .collect(),
        }
    }

    /// The caption row of the CSV: title, filter, notes, the data's date and
    /// publisher, and the link to this table, in one field.
    pub fn caption(&self, ds: &Dataset, locale: Locale, link: &str) -> String {
        let date = locale.tf(
            Msg::AppDataAsOf,
            &[
                ("date", &format::date(locale, &ds.meta.as_of)),
                ("source", ds.meta.publisher.get(locale)),
            ],
        );
        let mut parts = vec![self.title.clone(), self.filter_note.clone()];
        parts.extend(self.notes.iter().cloned());
        parts.push(date);
        parts.push(link.to_string());
        parts.join(" ")
    }

    /// The CSV file as downloaded: a byte order mark (so that spreadsheet
    /// software reads UTF-8, and Arabic, correctly), the caption row, then
    /// the header and rows of [`Breakdown::table`]. Every field goes through
    /// `table::csv_field` (quoted, formulas neutralised).
    pub fn csv(&self, ds: &Dataset, locale: Locale, link: &str) -> String {
        let mut out = String::from('\u{FEFF}');
        out.push_str(&csv_field(&self.caption(ds, locale, link)));
        out.push_str("\r\n");
        out.push_str(&self.table(locale).to_csv());
        out
    }
}
