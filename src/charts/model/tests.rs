//! Tests of the chart models, on one small dataset shaped like the real one.

use super::*;
use crate::model::Qualifier;

use crate::testing::small as fixture;

fn period(ds: &mut Dataset, p: &str, v: f64) {
    let mut o = ds.observations[0].clone();
    o.count = Some(v);
    o.qualifier = Qualifier::Exact;
    o.period = Some(p.into());
    ds.observations.push(o);
}

fn model_of(ds: &Dataset, f: &Filter, name: &str) -> ChartModel {
    charts(ds, f, Locale::En)
        .into_iter()
        .find(|m| m.kind.as_str() == name)
        .unwrap()
}

#[test]
fn five_charts_in_order() {
    let names: Vec<_> = charts(&fixture(), &Filter::default(), Locale::En)
        .iter()
        .map(|m| m.kind.as_str())
        .collect();
    assert_eq!(names, ["by-area", "gender", "who", "counts", "over-time"]);
}

#[test]
fn by_area_sorted_descending_and_illustrative() {
    let m = model_of(&fixture(), &Filter::default(), "by-area");
    let Some(Figure::Bars(rows)) = &m.figure else {
        panic!("no bars")
    };
    let labels: Vec<_> = rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Area alpha", "Area gamma", "Area beta"]);
    assert_eq!(rows[0].value_label, "≈600");
    assert!(m.illustrative);
    assert_eq!(m.status_note, Locale::En.t(Msg::ChartsStatusIllustrative));
    assert!(m.source_note.contains("Illustrative split"));
    assert_eq!(m.table.rows.len(), 3);
    assert_eq!(m.table.rows[0][1].raw, "600");
    assert!(m.table.to_csv().contains("Area alpha,600,"));
    assert!(m.summary.contains("Area alpha"));
}

#[test]
fn by_area_follows_region_filter() {
    let f = Filter {
        region: Some("R1".into()),
        ..Filter::default()
    };
    let m = model_of(&fixture(), &f, "by-area");
    assert_eq!(m.table.rows[0][1].raw, "60");
    assert!(m.filter_note.contains("Region R1"), "{}", m.filter_note);
    let all = model_of(&fixture(), &Filter::default(), "by-area");
    assert_ne!(all.filter_note, m.filter_note);
}

#[test]
fn gender_counts_overall_and_per_area() {
    let m = model_of(&fixture(), &Filter::default(), "gender");
    let Some(Figure::Stack(s)) = &m.figure else {
        panic!("no stack")
    };
    // Overall from the published share, then the three areas' counts.
    assert_eq!(s.rows.len(), 4);
    assert_eq!(s.rows[0].women_label, "40%");
    assert_eq!(s.rows[1].label, "Area alpha");
    assert_eq!(s.rows[1].women_label, "33%");
    assert!(m.illustrative);
    // Table: the published share leaves the counts empty; counts keep
    // their qualifier; shares keep the CSV's precision.
    assert_eq!(m.table.rows[0][1].raw, "");
    assert_eq!(m.table.rows[0][3].text, "40%");
    assert_eq!(m.table.rows[1][1].text, "≈200");
    assert_eq!(m.table.rows[1][3].raw, "33.3");
    assert_eq!(m.table.rows[1][3].text, "33.3%");
}

#[test]
fn a_reported_share_beats_illustrative_counts() {
    let mut ds = fixture();
    let mut women = ds.observations[0].clone();
    women.count = Some(900.0);
    women.gender = Some(Gender::Female);
    women.status = Status::Illustrative;
    let mut men = women.clone();
    men.gender = Some(Gender::Male);
    men.count = Some(100.0);
    ds.observations.extend([women, men]);
    let m = model_of(&ds, &Filter::default(), "gender");
    let Some(Figure::Stack(s)) = &m.figure else {
        panic!("no stack")
    };
    assert_eq!(s.rows[0].women_label, "40%");
    // Without the share, the counts.
    ds.observations
        .retain(|o| !(o.is_share() && o.gender.is_some()));
    let m = model_of(&ds, &Filter::default(), "gender");
    let Some(Figure::Stack(s)) = &m.figure else {
        panic!("no stack")
    };
    assert_eq!(s.rows[0].women_label, "90%");
}

#[test]
fn who_compares_with_census_and_says_when_it_cannot() {
    let m = model_of(&fixture(), &Filter::default(), "who");
    let Some(Figure::Pairs(p)) = &m.figure else {
        panic!("no pairs")
    };
    assert_eq!(p.rows.len(), 3);
    assert_eq!(p.rows[0].reached_label, "40%");
    assert_eq!(p.rows[0].population, Some(0.5));
    let neet = &p.rows[1];
    assert_eq!(neet.population, None);
    assert_eq!(neet.population_label, Locale::En.t(Msg::ChartsNoCensus));
    assert_eq!(p.rows[2].population, Some(0.4));
    assert!(!m.illustrative);
    assert!(m.source_note.contains("Census 2024"));
    // The region filter has no published shares: not applied, and said.
    let f = Filter {
        region: Some("R1".into()),
        ..Filter::default()
    };
    let r = model_of(&fixture(), &f, "who");
    assert!(
        r.filter_note.starts_with("Filter: none"),
        "{}",
        r.filter_note
    );
    assert!(
        r.filter_note
            .contains("Not applied to this chart: region: \u{2068}Region R1\u{2069}")
    );
    assert_eq!(r.table, m.table);
    // An area filter: the women's share from the area's counts, the
    // groups without a share under it say so.
    let f = Filter {
        area: Some("alpha".into()),
        ..Filter::default()
    };
    let a = model_of(&fixture(), &f, "who");
    let Some(Figure::Pairs(p)) = &a.figure else {
        panic!("no pairs")
    };
    assert_eq!(p.rows[0].reached_label, "33%");
    assert_eq!(p.rows[1].reached, None);
    assert_eq!(p.rows[1].reached_label, "no data");
    assert!(a.illustrative);
    assert!(
        a.filter_note
            .contains("programme area: \u{2068}Area alpha\u{2069}")
    );
}

#[test]
fn counts_small_multiples_include_program_figures() {
    let m = model_of(&fixture(), &Filter::default(), "counts");
    let Some(Figure::Panels(p)) = &m.figure else {
        panic!("no panels")
    };
    assert_eq!(p.len(), 3);
    assert_eq!(
        p[0].items,
        vec![("700+".to_string(), "cooperatives".to_string())]
    );
    assert!(p[1].items[0].1.contains("Prog"));
    assert!(p[2].items.is_empty());
    assert_eq!(m.table.rows.len(), 2);
}

#[test]
fn over_time_hidden_with_one_period_shown_with_two() {
    let ds = fixture();
    let m = model_of(&ds, &Filter::default(), "over-time");
    assert!(m.figure.is_none());
    assert!(m.status_note.is_empty() && m.source_note.is_empty());
    assert_eq!(
        m.hidden_note.as_deref(),
        Some(Locale::En.t(Msg::ChartsOverTimeNoPeriod))
    );
    let mut ds2 = ds.clone();
    period(&mut ds2, "2023", 800.0);
    period(&mut ds2, "2024", 1000.0);
    let m = model_of(&ds2, &Filter::default(), "over-time");
    let Some(Figure::Bars(rows)) = &m.figure else {
        panic!("no bars")
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].label, "2023");
    let mut ds1 = ds.clone();
    period(&mut ds1, "2024", 1.0);
    let m = model_of(&ds1, &Filter::default(), "over-time");
    assert!(m.figure.is_none());
    assert!(m.hidden_note.unwrap().contains("2024"));
}

#[test]
fn every_chart_draws_in_every_language() {
    use crate::plot::testing::render;
    let ds = fixture();
    for locale in Locale::ALL {
        for m in charts(&ds, &Filter::default(), locale) {
            if let Some(fig) = &m.figure {
                for width in [320, 1200] {
                    let (svg, _) = render(fig, locale.is_rtl(), width);
                    assert!(svg.contains("<text"), "{} drew no text", m.kind.as_str());
                }
            }
        }
    }
}

#[test]
fn arabic_by_area_is_mirrored_with_labels() {
    use crate::plot::testing::{bar_rects, render};
    let m = charts(&fixture(), &Filter::default(), Locale::Ar).remove(0);
    let fig = m.figure.unwrap();
    let (svg, g) = render(&fig, true, 400);
    assert!(svg.contains("ع Area alpha"));
    let rects = bar_rects(&svg);
    assert_eq!(rects.len(), 3);
    assert!(rects.iter().all(|r| r.0 + r.2 == 400 - 8));
    // The longest bar first, 6x the shortest.
    assert!(rects[0].2 > rects[1].2 && rects[1].2 > rects[2].2);
    assert!((rects[0].2 as f64 / rects[2].2 as f64 - 6.0).abs() < 0.1);
    assert_eq!(g.hits[0].target, Selection::Area("alpha".into()));
}

/// The published dataset, when present: every chart has a model in
/// every language, the area bars are sorted and say they are
/// illustrative, the census comparison is there. Set `CHARTS_SVG_DIR` to
/// keep the drawings for a look.
#[test]
fn published_dataset_draws() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/impact.json");
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    let ds = crate::model::parse::decode(&bytes).expect("impact.json decodes");
    let dir = std::env::var("CHARTS_SVG_DIR").ok();
    for locale in Locale::ALL {
        let models = charts(&ds, &Filter::default(), locale);
        assert_eq!(models.len(), 5);
        let Some(Figure::Bars(bars)) = &models[0].figure else {
            panic!("no area bars")
        };
        assert!(!bars.is_empty());
        assert!(bars.windows(2).all(|w| w[0].value >= w[1].value));
        let any_illustrative = ds.observations.iter().any(|o| {
            o.indicator == BENEFICIARIES && o.area.is_some() && o.status == Status::Illustrative
        });
        assert_eq!(models[0].illustrative, any_illustrative);
        let Some(Figure::Pairs(who)) = &models[2].figure else {
            panic!("no who chart")
        };
        assert!(who.rows.iter().any(|r| r.population.is_some()));
        for m in &models {
            assert!(!m.title.is_empty(), "{}", m.kind.as_str());
            assert_eq!(
                m.figure.is_some(),
                !m.source_note.is_empty(),
                "{}",
                m.kind.as_str()
            );
            if let Some(fig) = &m.figure {
                let (svg, _) = crate::plot::testing::render(fig, locale.is_rtl(), 720);
                if let Some(dir) = &dir {
                    let file = format!("{dir}/{}-{}.svg", m.kind.as_str(), locale.tag());
                    std::fs::write(file, &svg).unwrap();
                }
            } else {
                assert!(m.hidden_note.is_some(), "{}", m.kind.as_str());
            }
        }
    }
}

#[test]
fn a_large_dataset_draws_at_most_max_marks_and_says_so() {
    let mut ds = fixture();
    let base = ds.observations[0].clone();
    for i in 0..100 {
        let id = format!("area{i:03}");
        let mut area = ds.areas[0].clone();
        area.id = id.clone();
        ds.areas.push(area);
        let mut o = base.clone();
        o.area = Some(id.into());
        o.count = Some(f64::from(i));
        ds.observations.push(o);
        let mut p = base.clone();
        p.period = Some(format!("{}", 1900 + i).into());
        ds.observations.push(p);
    }
    let m = model_of(&ds, &Filter::default(), "by-area");
    let Some(Figure::Bars(rows)) = &m.figure else {
        panic!("no bars")
    };
    assert_eq!(rows.len(), MAX_MARKS);
    assert_eq!(rows[0].label, "Area alpha");
    assert_eq!(m.table.rows.len(), 103);
    assert!(m.capped_note.as_deref().unwrap().contains("24 of 103"));
    assert!(m.actions.len() <= MAX_MARKS);
    // Over time keeps the latest periods.
    let t = model_of(&ds, &Filter::default(), "over-time");
    let Some(Figure::Bars(rows)) = &t.figure else {
        panic!("no bars")
    };
    assert_eq!(rows.len(), MAX_MARKS);
    assert_eq!(rows.last().unwrap().label, "1999");
    // The shipped-size fixture draws everything, with no note.
    assert!(
        model_of(&fixture(), &Filter::default(), "by-area")
            .capped_note
            .is_none()
    );
}

#[test]
fn the_image_caption_carries_filters_status_source_date_and_link() {
    let ds = fixture();
    let f = Filter {
        region: Some("R1".into()),
        ..Filter::default()
    };
    let m = model_of(&ds, &f, "by-area");
    let c = export_caption(&m, &ds, Locale::En, "https://example.org/?region=R1");
    assert_eq!(c.title, m.title);
    assert!(c.lines.contains(&m.filter_note) && m.filter_note.contains("Region R1"));
    assert!(c.lines.contains(&m.status_note));
    assert_eq!(m.status_note, Locale::En.t(Msg::ChartsStatusIllustrative));
    assert!(c.lines.iter().any(|l| l.contains("Illustrative split")));
    assert!(
        c.lines
            .iter()
            .any(|l| l.contains("9 July 2024") && l.contains("Lab"))
    );
    assert_eq!(c.lines.last().unwrap(), "https://example.org/?region=R1");
}

#[test]
fn every_table_and_csv_ends_with_status_and_source_on_every_row() {
    let ds = fixture();
    for m in charts(&ds, &Filter::default(), Locale::En) {
        if m.table.rows.is_empty() {
            continue;
        }
        let n = m.table.columns.len();
        assert_eq!(
            &m.table.columns[n - 2..],
            ["Status", "Source"],
            "{}",
            m.kind.as_str()
        );
        for row in &m.table.rows {
            assert_eq!(row.len(), n, "{}", m.kind.as_str());
            assert!(!row[n - 2].text.is_empty() && !row[n - 1].text.is_empty());
        }
        let csv = m.table.to_csv();
        assert!(csv.lines().next().unwrap().ends_with("Status,Source"));
    }
    let by_area = model_of(&ds, &Filter::default(), "by-area");
    assert_eq!(by_area.table.rows[0][2].text, "illustrative");
    assert_eq!(by_area.table.rows[0][3].text, "Illustrative split");
    let who = model_of(&ds, &Filter::default(), "who");
    // The women's share is reported; beside the census, both sources.
    assert_eq!(who.table.rows[0][3].text, "reported");
    assert_eq!(who.table.rows[0][4].text, "Communiqué; Census 2024");
    assert_eq!(who.source_note, "Source: Communiqué; Census 2024");
    // Each language's own list separator (the catalogue's), not a French one
    // in every language: Arabic's semicolon, French's narrow no-break space.
    for (l, sep) in [(Locale::Ar, "؛ "), (Locale::Fr, "\u{202F}; ")] {
        let who = charts(&ds, &Filter::default(), l)
            .into_iter()
            .find(|m| m.kind.as_str() == "who")
            .unwrap();
        assert!(
            who.table.rows[0][4].text.contains(sep),
            "{l:?}: {}",
            who.table.rows[0][4].text
        );
        assert!(who.source_note.contains(sep), "{l:?}: {}", who.source_note);
    }
}
