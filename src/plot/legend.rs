//! Legends.

use super::*;

/// Legend entries placed at a width (CSS pixels): (x from start, line).
pub(super) fn legend_layout(texts: &[&str], width: f64) -> Vec<(f64, usize)> {
    let mut out = Vec::new();
    let (mut x, mut line) = (PAD, 0);
    for t in texts {
        let w = 12.0 + 6.0 + text_width(t, SMALL);
        if x > PAD && x + w > width - PAD {
            x = PAD;
            line += 1;
        }
        out.push((x, line));
        x += w + 18.0;
    }
    out
}

/// Height of a legend (CSS pixels).
pub(super) fn legend_height(texts: &[&str], width: f64) -> f64 {
    let lines = legend_layout(texts, width)
        .last()
        .map(|(_, l)| l + 1)
        .unwrap_or(0);
    lines as f64 * LEGEND_H
}

/// Draws the legend; returns its height in pixels.
pub(super) fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    entries: &[(&str, RGBColor)],
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let texts: Vec<&str> = entries.iter().map(|(t, _)| *t).collect();
    let css_width = f.width as f64 / f.scale;
    let sw = f.px(12.0);
    for ((text, fill), (x, line)) in entries.iter().zip(legend_layout(&texts, css_width)) {
        let x = f.px(x);
        let y = f.px(PAD + LEGEND_H * (line as f64 + 0.5));
        let (x0, x1) = f.span(x, x + sw);
        area.draw(&Rectangle::new(
            [(x0, y - sw / 2), (x1, y + sw / 2)],
            fill.filled(),
        ))?;
        label(
            area,
            f,
            text,
            (x + sw + f.px(6.0), y),
            true,
            VPos::Center,
            (SMALL, false, &theme.text),
        )?;
    }
    Ok(f.px(legend_height(&texts, css_width)))
}
