//! The drawing frame: pixel scale, right-to-left mirroring, fonts, labels and outlines.

use super::*;

/// Mirrors x positions and anchors for right-to-left languages.
pub(super) struct Frame {
    pub(super) width: i32,
    pub(super) rtl: bool,
    pub(super) scale: f64,
}

impl Frame {
    pub(super) fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }
    /// An x measured from the start side.
    pub(super) fn x(&self, from_start: i32) -> i32 {
        if self.rtl {
            self.width - from_start
        } else {
            from_start
        }
    }
    /// A span measured from the start side, as left/right pixels.
    pub(super) fn span(&self, start: i32, end: i32) -> (i32, i32) {
        let (a, b) = (self.x(start), self.x(end));
        (a.min(b), a.max(b))
    }
    /// Text anchored at its start (or end) side.
    pub(super) fn anchor(&self, at_start: bool, v: VPos) -> Pos {
        let left = at_start != self.rtl;
        Pos::new(if left { HPos::Left } else { HPos::Right }, v)
    }
    /// Texts in a right-to-left language are isolated as such, so that the
    /// canvas (always `dir="ltr"`, absolute anchors) orders mixed runs right.
    pub(super) fn text(&self, s: &str) -> String {
        if self.rtl {
            format!("\u{2067}{s}\u{2069}")
        } else {
            s.to_string()
        }
    }
}

pub(super) type Drawn<DB> =
    Result<Geometry, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

pub(super) fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::SansSerif, size, style)
}

/// Black or white, whichever reads best on a fill (WCAG contrast).
pub(super) fn ink_on(fill: &RGBColor) -> RGBColor {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(fill.0) + 0.7152 * lin(fill.1) + 0.0722 * lin(fill.2);
    if (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) {
        RGBColor(0, 0, 0)
    } else {
        RGBColor(255, 255, 255)
    }
}

pub(super) fn label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    text: &str,
    (x_from_start, y): (i32, i32),
    at_start: bool,
    v: VPos,
    style: (f64, bool, &RGBColor),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (size, bold, colour) = style;
    let ts = font(size * f.scale, bold)
        .color(colour)
        .pos(f.anchor(at_start, v));
    area.draw(&Text::new(f.text(text), (f.x(x_from_start), y), ts))
}

/// A row's label, wrapped at the figure's width from `at`; returns the
/// extra height (pixels) its second and later lines take.
pub(super) fn row_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    text: &str,
    (x, y0): (i32, i32),
    style: (f64, bool, &RGBColor),
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let width = f.width as f64 / f.scale - 2.0 * PAD - (x - f.px(PAD)) as f64 / f.scale;
    let lines = wrap(text, style.0, width);
    for (k, line) in lines.iter().enumerate() {
        let y = y0 + f.px(LABEL_H / 2.0 + k as f64 * LINE_H);
        label(area, f, line, (x, y), true, VPos::Center, style)?;
    }
    Ok(f.px((lines.len() as f64 - 1.0) * LINE_H))
}

pub(super) fn outline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let width = f.px(2.0).max(1) as u32;
    area.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        ShapeStyle::from(&theme.text).stroke_width(width),
    ))
}
