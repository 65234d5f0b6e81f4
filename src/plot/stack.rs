//! 100 % stacked bars (women and men).

use super::*;

pub(super) fn draw_stack<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    chart: &StackChart,
) -> Drawn<DB> {
    let women_fill = colour(crate::scale::WOMEN);
    let men_fill = colour(crate::scale::MEN);
    let legend_h = legend(
        area,
        f,
        theme,
        &[
            (&chart.legend_women, women_fill),
            (&chart.legend_men, men_fill),
        ],
    )?;
    let pad = f.px(PAD);
    let track = f.width - 2 * pad;
    let mut y0 = pad + legend_h;
    let mut geometry = Geometry::default();
    for row in &chart.rows {
        let extra = row_label(area, f, &row.label, (pad, y0), (FONT, false, &theme.text))?;
        let by0 = y0 + f.px(LABEL_H) + extra;
        let by1 = by0 + f.px(BAR_H);
        y0 = by1 + f.px(ROW_GAP);
        let total = row.women + row.men;
        if total <= 0.0 {
            continue;
        }
        let split = pad + (row.women / total * track as f64).round() as i32;
        for (gender, start, end, fill, text) in [
            (Gender::Female, pad, split, women_fill, &row.women_label),
            (Gender::Male, split, pad + track, men_fill, &row.men_label),
        ] {
            if end <= start {
                continue;
            }
            let (x0, x1) = f.span(start, end);
            area.draw(&Rectangle::new([(x0, by0), (x1, by1)], fill.filled()))?;
            if chart.selected == Some(gender) {
                outline(area, f, theme, (x0, by0, x1, by1))?;
            }
            if text_width(text, SMALL) * f.scale + f.px(8.0) as f64 <= (end - start) as f64 {
                label(
                    area,
                    f,
                    text,
                    (start + f.px(4.0), (by0 + by1) / 2),
                    true,
                    VPos::Center,
                    (SMALL, true, &ink_on(&fill)),
                )?;
            }
            geometry.hits.push(Hit {
                target: Selection::Gender(gender),
                x0,
                y0: by0,
                x1,
                y1: by1,
            });
        }
    }
    Ok(geometry)
}
