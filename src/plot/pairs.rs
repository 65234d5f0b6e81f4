//! Paired bars: a share among beneficiaries beside the population's.

use super::*;

pub(super) fn draw_pairs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    chart: &PairChart,
) -> Drawn<DB> {
    let reached_fill = colour(crate::scale::CATEGORICAL[0]);
    let population_fill = colour(crate::scale::CATEGORICAL[1]);
    let legend_h = legend(
        area,
        f,
        theme,
        &[
            (&chart.legend_reached, reached_fill),
            (&chart.legend_population, population_fill),
        ],
    )?;
    let pad = f.px(PAD);
    let reserve = chart
        .rows
        .iter()
        .flat_map(|r| {
            [
                (r.reached, &r.reached_label),
                (r.population, &r.population_label),
            ]
        })
        .filter(|(share, _)| share.is_some())
        .map(|(_, s)| text_width(s, SMALL))
        .fold(0.0_f64, f64::max)
        .min(220.0)
        + 8.0;
    // The full track is 100 %.
    let track = (f.width - 2 * pad - f.px(reserve)).max(f.px(40.0));
    let mut y0 = pad + legend_h;
    for row in &chart.rows {
        let extra = row_label(area, f, &row.label, (pad, y0), (FONT, true, &theme.text))?;
        let mut by0 = y0 + f.px(LABEL_H) + extra;
        let bars = [
            (row.reached, &row.reached_label, reached_fill),
            (row.population, &row.population_label, population_fill),
        ];
        for (share, text, fill) in bars {
            let mut by1 = by0 + f.px(BAR_H);
            if share.is_some() {
                let (tx0, tx1) = f.span(pad, pad + track);
                area.draw(&Rectangle::new(
                    [(tx0, by0), (tx1, by1)],
                    theme.track.filled(),
                ))?;
            }
            let len = share
                .map(|s| (s.clamp(0.0, 1.0) * track as f64).round() as i32)
                .unwrap_or(0);
            if len > 0 {
                let (x0, x1) = f.span(pad, pad + len);
                area.draw(&Rectangle::new([(x0, by0), (x1, by1)], fill.filled()))?;
            }
            if share.is_some() {
                label(
                    area,
                    f,
                    text,
                    (pad + track + f.px(4.0), (by0 + by1) / 2),
                    true,
                    VPos::Center,
                    (SMALL, true, &theme.text),
                )?;
            } else {
                // No bar: the note says why, wrapped in the bar's place.
                let top = (by0 + by1) / 2 - f.px(LABEL_H / 2.0);
                by1 += row_label(
                    area,
                    f,
                    text,
                    (pad + f.px(4.0), top),
                    (SMALL, false, &theme.muted),
                )?;
            }
            by0 = by1 + f.px(4.0);
        }
        y0 = by0 - f.px(4.0) + f.px(ROW_GAP);
    }
    Ok(Geometry::default())
}
