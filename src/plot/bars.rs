//! Horizontal bars.

use super::*;

pub(super) fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    rows: &[BarRow],
) -> Drawn<DB> {
    let pad = f.px(PAD);
    let max = rows.iter().filter_map(|r| r.value).fold(0.0_f64, f64::max);
    let reserve = rows
        .iter()
        .map(|r| text_width(&r.value_label, FONT))
        .fold(0.0_f64, f64::max)
        + 8.0;
    let track = (f.width - 2 * pad - f.px(reserve)).max(f.px(20.0));
    let fill = colour(crate::scale::CATEGORICAL[0]);
    let mut geometry = Geometry::default();
    let mut y0 = pad;
    for row in rows {
        let extra = row_label(
            area,
            f,
            &row.label,
            (pad, y0),
            (FONT, row.selected, &theme.text),
        )?;
        let by0 = y0 + f.px(LABEL_H) + extra;
        let by1 = by0 + f.px(BAR_H);
        let len = match row.value {
            Some(v) if max > 0.0 && v > 0.0 => ((v / max) * track as f64).round().max(1.0) as i32,
            _ => 0,
        };
        let (x0, x1) = f.span(pad, pad + len);
        if len > 0 {
            area.draw(&Rectangle::new([(x0, by0), (x1, by1)], fill.filled()))?;
            if row.selected {
                outline(area, f, theme, (x0, by0, x1, by1))?;
            }
        }
        label(
            area,
            f,
            &row.value_label,
            (pad + len + f.px(4.0), (by0 + by1) / 2),
            true,
            VPos::Center,
            (
                FONT,
                true,
                if row.value.is_some() {
                    &theme.text
                } else {
                    &theme.muted
                },
            ),
        )?;
        if let Some(t) = &row.target {
            // The whole row is the target (label, bar and value), easier to hit.
            let (hx0, hx1) = f.span(pad, f.width - pad);
            geometry.hits.push(Hit {
                target: t.clone(),
                x0: hx0,
                y0,
                x1: hx1,
                y1: by1,
            });
        }
        y0 = by1 + f.px(ROW_GAP);
    }
    Ok(geometry)
}
