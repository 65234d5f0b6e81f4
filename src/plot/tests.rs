//! Tests of the drawings, through SVG.

use super::testing::{bar_rects, render};
use super::*;

fn bars() -> Vec<BarRow> {
    [
        ("a", "Alpha", 400.0),
        ("b", "Beta", 200.0),
        ("c", "Gamma", 100.0),
    ]
    .into_iter()
    .map(|(id, l, v)| BarRow {
        target: Some(Selection::Area(id.into())),
        label: l.into(),
        value: Some(v),
        value_label: format!("{v}"),
        selected: id == "b",
    })
    .collect()
}

#[test]
fn bar_lengths_are_proportional_and_ltr_anchored_at_start() {
    let (svg, g) = render(&Figure::Bars(bars()), false, 600);
    for l in ["Alpha", "Beta", "Gamma", "400", "200", "100"] {
        assert!(svg.contains(l), "{l} missing");
    }
    assert_eq!(g.hits.len(), 3);
    // The bars themselves: filled rects in the palette colour.
    let rects = bar_rects(&svg);
    assert_eq!(rects.len(), 3, "{svg}");
    let pad = PAD as i32;
    assert!(rects.iter().all(|r| r.0 == pad));
    let (a, b, c) = (rects[0].2, rects[1].2, rects[2].2);
    assert!((a as f64 / b as f64 - 2.0).abs() < 0.05, "{a} {b}");
    assert!((a as f64 / c as f64 - 4.0).abs() < 0.1, "{a} {c}");
}

#[test]
fn bars_mirror_in_rtl() {
    let width = 600;
    let (svg, g) = render(&Figure::Bars(bars()), true, width);
    let rects = bar_rects(&svg);
    let right = width as i32 - PAD as i32;
    assert!(rects.iter().all(|r| r.0 + r.2 == right), "{rects:?}");
    // Labels anchored at the right edge, value labels left of the bars.
    assert!(svg.contains("text-anchor=\"end\""));
    let (_, ltr_g) = render(&Figure::Bars(bars()), false, width);
    assert_eq!(g.hits.len(), ltr_g.hits.len());
    assert!(svg.contains("\u{2067}Alpha\u{2069}"));
}

#[test]
fn stacked_segments_fill_the_width() {
    let fig = Figure::Stack(StackChart {
        rows: vec![StackRow {
            label: "All".into(),
            women: 48.0,
            men: 52.0,
            women_label: "48%".into(),
            men_label: "52%".into(),
        }],
        legend_women: "Women".into(),
        legend_men: "Men".into(),
        selected: None,
    });
    for rtl in [false, true] {
        let (svg, g) = render(&fig, rtl, 500);
        assert!(svg.contains("48%") && svg.contains("Women"));
        assert_eq!(g.hits.len(), 2);
        let total: i32 = g.hits.iter().map(Hit::width).sum();
        assert_eq!(total, 500 - 2 * PAD as i32);
        let women = &g.hits[0];
        assert_eq!(women.target, Selection::Gender(Gender::Female));
        assert!((women.width() as f64 / total as f64 - 0.48).abs() < 0.01);
        if rtl {
            assert_eq!(women.x1, 500 - PAD as i32, "women start on the right");
        } else {
            assert_eq!(women.x0, PAD as i32);
        }
    }
}

#[test]
fn narrow_legend_wraps_and_no_census_note_keeps_the_track_wide() {
    let fig = Figure::Pairs(PairChart {
        rows: vec![PairRow {
            label: "NEET".into(),
            reached: Some(0.53),
            reached_label: "53%".into(),
            population: None,
            population_label: "no comparison: the census does not count this group".into(),
        }],
        legend_reached: "Among beneficiaries".into(),
        legend_population: "In the population (2024 census)".into(),
    });
    assert!(height(&fig, 320.0) > height(&fig, 1200.0));
    let (svg, _) = render(&fig, false, 320);
    assert!(svg.contains("no comparison"));
    // The 53% bar is drawn over at least half of the width.
    // (The legend's swatch has the same colour; bars are BAR_H high.)
    let bar: Vec<_> = bar_rects(&svg)
        .into_iter()
        .filter(|r| r.3 == BAR_H as i32)
        .collect();
    assert_eq!(bar.len(), 1);
    assert!(bar[0].2 as f64 > 0.53 * 0.5 * 320.0, "{bar:?}");
}

#[test]
fn long_labels_wrap_instead_of_overflowing() {
    let long = "Youth not in education, employment or training (NEET)";
    let mut rows = bars();
    rows[0].label = long.into();
    let fig = Figure::Bars(rows);
    assert!(height(&fig, 320.0) > height(&Figure::Bars(bars()), 320.0));
    let (svg, _) = render(&fig, false, 320);
    assert!(!svg.contains(long), "drawn on one line");
    assert!(svg.contains("Youth not in"));
    assert!(svg.contains("(NEET)"));
    // Still one bar per row, lengths in proportion.
    let rects = bar_rects(&svg);
    assert_eq!(rects.len(), 3);
    assert!((rects[0].2 as f64 / rects[1].2 as f64 - 2.0).abs() < 0.05);
    assert_eq!(wrap("a b", 12.0, 1.0), vec!["a", "b"]);
    assert_eq!(wrap("", 12.0, 100.0), vec![""]);
}

#[test]
fn small_multiples_balance_their_rows() {
    assert_eq!(panel_columns(1200.0, 6), 3);
    assert_eq!(panel_columns(1200.0, 5), 5);
    assert_eq!(panel_columns(320.0, 6), 1);
    assert_eq!(panel_columns(700.0, 6), 3);
    assert_eq!(panel_columns(1200.0, 0), 1);
}

#[test]
fn an_export_carries_its_title_and_footer_below_the_drawing() {
    let fig = Figure::Bars(bars());
    let caption = Caption {
        title: "Beneficiaries by programme area".into(),
        lines: vec![
            "Filter: none.".into(),
            String::new(),
            "Illustrative split: the lab has not reported these figures.".into(),
            "Source: Communiqué".into(),
            "https://example.org/?lang=en".into(),
        ],
    };
    let width = 480;
    let h = export_height(&fig, &caption, f64::from(width));
    // Taller than the drawing alone by a title line and four footer lines.
    assert!(h >= height(&fig, f64::from(width)) + 22 + 4 * 16, "{h}");
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, h)).into_drawing_area();
        draw_export(&area, &fig, &caption, &Theme::light(), false).unwrap();
        area.present().unwrap();
    }
    for text in [
        "Beneficiaries by programme area",
        "Illustrative split",
        "Source: Communiqué",
        "https://example.org/?lang=en",
    ] {
        assert!(svg.contains(text), "{text} not drawn");
    }
    // The footer is below the bars.
    let y_of = |needle: &str| -> i32 {
        let at = svg.find(needle).unwrap();
        let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
        let s = tag.split(" y=\"").nth(1).unwrap();
        s[..s.find('"').unwrap()].parse::<f64>().unwrap() as i32
    };
    let lowest_bar = bar_rects(&svg).iter().map(|r| r.1 + r.3).max().unwrap();
    assert!(y_of("Source: Communiqué") > lowest_bar);
    assert!(y_of("Beneficiaries by programme area") < bar_rects(&svg)[0].1);
}
