//! The table's model on the shared small dataset (`tests/fixtures/small.json`):
//! three regions (R3 without figures), three areas, an illustrative split by
//! area × region and area × gender, a reported total "more than 1,000",
//! reported shares by gender and group, a census by region (and sex in R1).

use super::model::{Breakdown, Derivation, Value, breakdown};
use super::params::{Dim, Dir, Measure, Params};
use crate::i18n::Locale;
use crate::model::{Dataset, Qualifier, Status};
use crate::stats::Filter;
use crate::testing::small;

fn table(ds: &Dataset, filter: &Filter, p: Params) -> Breakdown {
    breakdown(ds, filter, &p, Vec::new(), Locale::En)
}

fn rows(rows: Dim, cols: Option<Dim>, measure: Measure) -> Params {
    Params {
        rows,
        cols,
        measure,
        ..Params::default()
    }
}

fn num(v: &Value) -> Option<f64> {
    v.number()
}

fn keys(b: &Breakdown) -> Vec<&str> {
    b.rows.iter().map(|r| r.key.as_str()).collect()
}

fn close(v: &Value, want: f64) -> bool {
    v.number().is_some_and(|x| (x - want).abs() < 1e-6)
}

#[test]
fn one_row_per_region_with_no_figure_where_the_data_has_none() {
    let ds = small();
    let b = table(&ds, &Filter::default(), Params::default());
    assert_eq!(keys(&b), ["R1", "R2", "R3"]);
    assert_eq!(b.columns.len(), 1);
    let values: Vec<Option<f64>> = b.rows.iter().map(|r| num(&r.cells[0])).collect();
    assert_eq!(values, [Some(100.0), Some(900.0), None]);
    // No observation is "no figure", never 0.
    assert_eq!(b.rows[2].cells[0], Value::NoFigure);
    assert_eq!(
        b.rows[2].cells[0].text(Locale::En, Measure::Count),
        "no figure"
    );
    // The total adds up the figures there are, says so, and stays illustrative.
    assert_eq!(
        b.total.cells[0],
        Value::Figure {
            value: 1000.0,
            qualifier: Qualifier::About,
            status: Status::Illustrative,
            derived: Some(Derivation::Sum {
                parts: 2,
                missing: 1
            }),
        }
    );
    assert_eq!(
        b.total.cells[0].status_text(Locale::En),
        "illustrative · about · sum of 2 figures (1 without a figure)"
    );
    assert_eq!(
        b.rows[0].cells[0].status_text(Locale::En),
        "illustrative · about"
    );
}

#[test]
fn crossed_tables_total_rows_and_columns_and_agree_with_the_data() {
    let ds = small();
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Area, Some(Dim::Region), Measure::Count),
    );
    assert_eq!(keys(&b), ["alpha", "beta", "gamma"]);
    let cols: Vec<&str> = b.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(cols, ["R1", "R2", "R3", "total"]);
    let alpha = &b.rows[0].cells;
    assert!(close(&alpha[0], 60.0) && close(&alpha[1], 540.0));
    assert_eq!(alpha[2], Value::NoFigure);
    // Row total: the area across regions = the area's own figure (600).
    assert!(close(&alpha[3], 600.0));
    // Column totals: each region across areas = the region's own figure.
    let region_obs = |code: &str| {
        let dims = crate::stats::Dims {
            region: Some(code.into()),
            ..Default::default()
        };
        ds.find("beneficiaries", false, &dims).unwrap().value()
    };
    assert!(close(&b.total.cells[0], region_obs("R1")));
    assert!(close(&b.total.cells[1], region_obs("R2")));
    assert_eq!(b.total.cells[2], Value::NoFigure);
    assert!(close(&b.total.cells[3], 1000.0));
    // Rows × columns and the sources of each row.
    assert!(b.rows.iter().all(|r| r.cells.len() == 4));
    assert_eq!(b.rows[0].sources, "Illustrative split");
    assert_eq!(b.title, "Beneficiaries — Programme area × Region");
}

#[test]
fn sorting_is_stable_puts_missing_last_and_breaks_ties_by_name() {
    let mut ds = small();
    let sorted = |ds: &Dataset, p: Params| keys(&table(ds, &Filter::default(), p)).join(",");
    let by = |rows: Dim, key: &str, dir: Dir| Params {
        rows,
        sort: Some(key.into()),
        dir,
        ..Params::default()
    };
    assert_eq!(
        sorted(&ds, by(Dim::Area, "value", Dir::Desc)),
        "alpha,gamma,beta"
    );
    assert_eq!(
        sorted(&ds, by(Dim::Area, "value", Dir::Asc)),
        "beta,gamma,alpha"
    );
    assert_eq!(sorted(&ds, by(Dim::Region, "value", Dir::Asc)), "R1,R2,R3");
    assert_eq!(sorted(&ds, by(Dim::Region, "value", Dir::Desc)), "R2,R1,R3");
    assert_eq!(sorted(&ds, by(Dim::Region, "name", Dir::Desc)), "R3,R2,R1");
    // A tie (beta = gamma = 300) is broken by name, whichever the direction.
    let beta = ds
        .observations
        .iter_mut()
        .find(|o| {
            o.indicator == "beneficiaries"
                && o.area.as_deref() == Some("beta")
                && o.program.is_none()
                && o.region.is_none()
                && o.gender.is_none()
                && o.count.is_some()
        })
        .unwrap();
    beta.count = Some(300.0);
    assert_eq!(
        sorted(&ds, by(Dim::Area, "value", Dir::Desc)),
        "alpha,beta,gamma"
    );
    assert_eq!(
        sorted(&ds, by(Dim::Area, "value", Dir::Asc)),
        "beta,gamma,alpha"
    );
    // The total stays last, out of the sort.
    let b = table(&ds, &Filter::default(), by(Dim::Area, "value", Dir::Asc));
    assert_eq!(b.total.key, "total");
    // A crossed table sorts on any column, the total too.
    let p = Params {
        sort: Some("total".into()),
        dir: Dir::Desc,
        ..rows(Dim::Region, Some(Dim::Area), Measure::Count)
    };
    assert_eq!(sorted(&ds, p), "R2,R1,R3");
    // An unknown column is ignored, named, and the data's order kept.
    let b = breakdown(
        &ds,
        &Filter::default(),
        &by(Dim::Region, "MA-99", Dir::Desc),
        Vec::new(),
        Locale::En,
    );
    assert_eq!(keys(&b), ["R1", "R2", "R3"]);
    assert_eq!(b.params.sort, None);
    assert_eq!(b.ignored[0].param, "sort");
    assert_eq!(b.ignored[0].value, "MA-99");
}

#[test]
fn statuses_propagate_to_totals_and_ratios() {
    let mut ds = small();
    // Countries: CI is reported (50, exact), SN has no figure.
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Country, None, Measure::Count),
    );
    assert_eq!(b.rows[0].cells[0].status(), Some(Status::Reported));
    assert_eq!(b.rows[0].cells[0].status_text(Locale::En), "reported");
    // A sum of reported figures is derived, and says it is.
    assert_eq!(b.total.cells[0].status(), Some(Status::Derived));
    // A share of it is derived; of illustrative figures stays illustrative.
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Country, None, Measure::Share),
    );
    assert_eq!(b.rows[0].cells[0].status(), Some(Status::Derived));
    assert!(close(&b.rows[0].cells[0], 1.0));
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Area, None, Measure::Share),
    );
    assert_eq!(b.rows[0].cells[0].status(), Some(Status::Illustrative));
    assert_eq!(
        b.rows[0].cells[0].status_text(Locale::En),
        "illustrative · about · derived"
    );
    assert!(close(&b.rows[0].cells[0], 0.6));
    // One reported part among illustrative ones: the total stays illustrative.
    for o in ds.observations.iter_mut() {
        if o.region.as_deref() == Some("R1") && o.area.is_none() && o.gender.is_none() {
            o.status = Status::Reported;
            o.qualifier = Qualifier::Exact;
        }
    }
    let b = table(&ds, &Filter::default(), Params::default());
    assert_eq!(b.rows[0].cells[0].status(), Some(Status::Reported));
    assert_eq!(b.total.cells[0].status(), Some(Status::Illustrative));
    // The illustrative note shows whenever an illustrative figure does.
    assert!(b.notes.iter().any(|n| n.contains("illustrative split")));
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Country, None, Measure::Count),
    );
    assert!(!b.notes.iter().any(|n| n.contains("illustrative split")));
}

#[test]
fn per_100k_only_where_the_census_gives_a_population() {
    let mut ds = small();
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Region, None, Measure::Per100k),
    );
    assert!(close(&b.rows[0].cells[0], 1000.0)); // 100 / 10,000
    assert!(close(&b.rows[1].cells[0], 300.0)); // 900 / 300,000
    assert_eq!(b.rows[2].cells[0], Value::NoFigure);
    // The total: the regions' beneficiaries over their population.
    assert!(close(&b.total.cells[0], 1000.0 / 310_000.0 * 100_000.0));
    assert!(b.rows[0].sources.contains("Census 2024"));
    // Areas nationwide, countries and groups have no census population.
    for dim in [Dim::Area, Dim::Country, Dim::Group] {
        let b = table(&ds, &Filter::default(), rows(dim, None, Measure::Per100k));
        assert!(
            b.rows
                .iter()
                .chain([&b.total])
                .all(|r| matches!(r.cells[0], Value::NotAvailable | Value::NoFigure)),
            "{dim:?}"
        );
        assert!(
            b.rows
                .iter()
                .chain([&b.total])
                .any(|r| r.cells[0] == Value::NotAvailable),
            "{dim:?}"
        );
    }
    assert_eq!(
        Value::NotAvailable.text(Locale::En, Measure::Per100k),
        "not available"
    );
    // Areas within a region do: the region's population, once, for their total.
    let r1 = Filter {
        region: Some("R1".into()),
        ..Filter::default()
    };
    let b = table(&ds, &r1, rows(Dim::Area, None, Measure::Per100k));
    assert!(close(&b.rows[0].cells[0], 600.0)); // 60 / 10,000
    assert!(close(&b.total.cells[0], 1000.0)); // (60+10+30) / 10,000, not / 30,000
    // Gender × region: by the region's women; none for R2's women until the census has them.
    let women = Filter {
        gender: Some(crate::model::Gender::Female),
        ..Filter::default()
    };
    let b = table(&ds, &women, rows(Dim::Region, None, Measure::Per100k));
    assert_eq!(b.rows[1].cells[0], Value::NotAvailable);
    ds.population.rows.push(crate::model::PopulationRow {
        region: Some("R2".into()),
        area: crate::model::CensusArea::Total,
        sex: crate::model::CensusSex::Female,
        population: 150_000,
    });
    let b = table(&ds, &women, rows(Dim::Region, None, Measure::Per100k));
    assert!(close(&b.rows[1].cells[0], 300.0)); // 450 / 150,000
}

#[test]
fn the_filter_applies_and_is_said_in_words() {
    let ds = small();
    let alpha = Filter {
        area: Some("alpha".into()),
        ..Filter::default()
    };
    let b = table(&ds, &alpha, Params::default());
    assert!(close(&b.rows[0].cells[0], 60.0) && close(&b.rows[1].cells[0], 540.0));
    assert!(b.filter_note.contains("Area alpha"), "{}", b.filter_note);
    // A region filter keeps that region's row only…
    let r2 = Filter {
        region: Some("R2".into()),
        ..Filter::default()
    };
    let b = table(&ds, &r2, Params::default());
    assert_eq!(keys(&b), ["R2"]);
    // …and cannot apply to countries: it says so, and countries still show.
    let b = table(&ds, &r2, rows(Dim::Country, None, Measure::Count));
    assert!(close(&b.rows[0].cells[0], 50.0));
    assert!(
        b.filter_note.contains("Not applied to countries"),
        "{}",
        b.filter_note
    );
    let b = table(&ds, &Filter::default(), Params::default());
    assert!(b.filter_note.starts_with("Filter: none"));
    // The dataset's own total for the filter is named beside the table.
    assert!(
        b.notes
            .iter()
            .any(|n| n.contains("more than 1,000 (reported)")),
        "{:?}",
        b.notes
    );
}

#[test]
fn groups_overlap_are_not_added_up_and_keep_the_labs_shares() {
    let ds = small();
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Group, None, Measure::Count),
    );
    assert!(b.rows.iter().all(|r| r.cells[0] == Value::NoFigure));
    // "All beneficiaries": the figure without a group, as reported.
    assert_eq!(b.total.name, "All beneficiaries");
    assert_eq!(
        b.total.cells[0],
        Value::Figure {
            value: 1000.0,
            qualifier: Qualifier::MoreThan,
            status: Status::Reported,
            derived: None,
        }
    );
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Group, None, Measure::Share),
    );
    // The lab's own shares, reported as such.
    assert!(close(&b.rows[0].cells[0], 0.5)); // neet
    assert!(close(&b.rows[1].cells[0], 0.6)); // rural
    assert_eq!(b.rows[1].cells[0].status(), Some(Status::Reported));
    assert_eq!(b.rows[1].cells[0].raw(Locale::En, Measure::Share), "60.0");
    assert!(b.notes.iter().any(|n| n.contains("Groups overlap")));
    // Women's share: the lab's 40 %; men's: no figure (none reported, no count).
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Gender, None, Measure::Share),
    );
    assert!(close(&b.rows[0].cells[0], 0.4));
    assert_eq!(b.rows[1].cells[0], Value::NoFigure);
}

#[test]
fn the_csv_is_exactly_the_table_with_a_caption_row() {
    let mut ds = small();
    // A hostile name: a spreadsheet would run it.
    ds.countries[0]
        .name
        .0
        .insert("en".into(), "=HYPERLINK(\"x\")".into());
    let b = table(
        &ds,
        &Filter::default(),
        rows(Dim::Country, None, Measure::Count),
    );
    let csv = b.csv(&ds, Locale::En, "https://example.org/explore?rows=country");
    assert!(
        csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]),
        "a byte order mark"
    );
    let expected = "\u{FEFF}\"Beneficiaries — Country Filter: none (all regions, programme areas and genders). \
Totals, shares and rates are calculated by this table (derived) and carry the least certain status of the figures they come from. \
Beneficiaries in the dataset for this filter: more than 1,000 (reported). \
Data as of 9 July 2024 · Lab https://example.org/explore?rows=country\"\r\n\
Country,Beneficiaries,Beneficiaries — status,Source\r\n\
\"'=HYPERLINK(\"\"x\"\")\",50,reported,Communiqué\r\n\
Senegal,no figure,,\r\n\
Total,50,derived · sum of 1 figure (1 without a figure),Communiqué\r\n";
    assert_eq!(csv, expected);
    // The header follows the page's language.
    let ar = breakdown(
        &ds,
        &Filter::default(),
        &rows(Dim::Region, Some(Dim::Gender), Measure::Count),
        Vec::new(),
        Locale::Ar,
    );
    let csv = ar.csv(&ds, Locale::Ar, "https://example.org/");
    let header = csv.split("\r\n").nth(1).unwrap();
    assert_eq!(
        header,
        "الجهة,النساء,النساء — الحالة,الرجال,الرجال — الحالة,المجموع,المجموع — الحالة,المصدر"
    );
    // Every row of the table is a line of the CSV, with the same cells.
    let t = ar.table(Locale::Ar);
    assert_eq!(
        csv.split("\r\n").filter(|l| !l.is_empty()).count(),
        2 + t.rows.len()
    );
    assert_eq!(t.rows.len(), ar.rows.len() + 1);
}
