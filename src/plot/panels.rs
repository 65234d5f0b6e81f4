//! Small multiples: one panel per program area.

use super::*;

pub(super) fn draw_panels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    panels: &[Panel],
) -> Drawn<DB> {
    let layout = panel_layout(panels, f.width as f64 / f.scale);
    let (columns, heights) = (layout.columns, &layout.heights);
    let pad = f.px(PAD);
    let gap = f.px(PANEL_GAP);
    let panel_w = (f.width - 2 * pad - gap * (columns as i32 - 1)) / columns as i32;
    let mut geometry = Geometry::default();
    let mut y = pad;
    for (r, row) in panels.chunks(columns).enumerate() {
        let h = f.px(heights[r]);
        for (c, panel) in row.iter().enumerate() {
            let (value_w, lines) = &layout.items[r * columns + c];
            let start = pad + c as i32 * (panel_w + gap);
            let (x0, x1) = f.span(start, start + panel_w);
            let stroke = if panel.selected {
                &theme.text
            } else {
                &theme.track
            };
            let sw = f.px(if panel.selected { 2.0 } else { 1.0 }).max(1) as u32;
            area.draw(&Rectangle::new(
                [(x0, y), (x1, y + h)],
                ShapeStyle::from(stroke).stroke_width(sw),
            ))?;
            let inner = start + f.px(8.0);
            label(
                area,
                f,
                &panel.title,
                (inner, y + f.px(PANEL_TITLE_H / 2.0 + 2.0)),
                true,
                VPos::Center,
                (FONT, true, &theme.text),
            )?;
            if panel.items.is_empty() {
                label(
                    area,
                    f,
                    &panel.empty_note,
                    (inner, y + f.px(PANEL_TITLE_H + PANEL_ITEM_H / 2.0)),
                    true,
                    VPos::Center,
                    (SMALL, false, &theme.muted),
                )?;
            }
            let mut iy = y + f.px(PANEL_TITLE_H + PANEL_ITEM_H / 2.0);
            for ((value, _), name_lines) in panel.items.iter().zip(lines) {
                label(
                    area,
                    f,
                    value,
                    (inner, iy),
                    true,
                    VPos::Center,
                    (FONT + 2.0, true, &theme.text),
                )?;
                for (l, line) in name_lines.iter().enumerate() {
                    label(
                        area,
                        f,
                        line,
                        (inner + f.px(value_w + 8.0), iy + f.px(l as f64 * LINE_H)),
                        true,
                        VPos::Center,
                        (SMALL, false, &theme.text),
                    )?;
                }
                iy += f.px(PANEL_ITEM_H + (name_lines.len() as f64 - 1.0) * LINE_H);
            }
            if let Some(t) = &panel.target {
                geometry.hits.push(Hit {
                    target: t.clone(),
                    x0,
                    y0: y,
                    x1,
                    y1: y + h,
                });
            }
        }
        y += h + gap;
    }
    Ok(geometry)
}
