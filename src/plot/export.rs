//! A chart as an image file: the drawing between its title and a footer
//! that carries its provenance (filters, status, source, data date, link),
//! so that a PNG says where its numbers come from wherever it goes.

use super::*;

/// The texts an exported image adds around the drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    pub title: String,
    /// Footer lines, in order; empty lines are left out.
    pub lines: Vec<String>,
}

const TITLE: f64 = 16.0;
const TITLE_LINE: f64 = 22.0;

/// The title's and the footer's lines, wrapped at `width` CSS pixels.
fn caption_lines(c: &Caption, width: f64) -> (Vec<String>, Vec<String>) {
    let w = width - 2.0 * PAD;
    let title = wrap(&c.title, TITLE, w);
    let lines = c
        .lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .flat_map(|l| wrap(l, SMALL, w))
        .collect();
    (title, lines)
}

/// Heights (CSS pixels) of the title block and of the footer.
fn caption_heights(c: &Caption, width: f64) -> (f64, f64) {
    let (title, lines) = caption_lines(c, width);
    (
        PAD + title.len() as f64 * TITLE_LINE + PAD / 2.0,
        PAD + lines.len() as f64 * LINE_H + PAD,
    )
}

/// The height (CSS pixels) of the exported image at `width` CSS pixels.
pub fn export_height(figure: &Figure, caption: &Caption, width: f64) -> u32 {
    let (top, foot) = caption_heights(caption, width);
    (top + f64::from(height(figure, width)) + foot).ceil() as u32
}

/// Draws the title, the figure and the footer on `area` (sized with
/// [`export_height`] times `theme.scale`).
pub fn draw_export<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure,
    caption: &Caption,
    theme: &Theme,
    rtl: bool,
) -> Drawn<DB> {
    area.fill(&theme.background)?;
    let (w, _) = area.dim_in_pixel();
    let css_width = f64::from(w) / theme.scale;
    let f = Frame {
        width: w as i32,
        rtl,
        scale: theme.scale,
    };
    let (title, lines) = caption_lines(caption, css_width);
    let (top_h, _) = caption_heights(caption, css_width);
    let (top, rest) = area.split_vertically(f.px(top_h));
    let (drawing, foot) = rest.split_vertically(f.px(f64::from(height(figure, css_width))));
    for (k, line) in title.iter().enumerate() {
        let y = f.px(PAD + k as f64 * TITLE_LINE);
        label(
            &top,
            &f,
            line,
            (f.px(PAD), y),
            true,
            VPos::Top,
            (TITLE, true, &theme.text),
        )?;
    }
    let geometry = draw(&drawing, figure, theme, rtl)?;
    foot.draw(&PathElement::new(
        vec![(f.px(PAD), 0), (w as i32 - f.px(PAD), 0)],
        theme.track.stroke_width(f.px(1.0).max(1) as u32),
    ))?;
    for (k, line) in lines.iter().enumerate() {
        let y = f.px(PAD + k as f64 * LINE_H);
        label(
            &foot,
            &f,
            line,
            (f.px(PAD), y),
            true,
            VPos::Top,
            (SMALL, false, &theme.text),
        )?;
    }
    Ok(geometry)
}
