//! The charts' canvas backend (browser): plotters-canvas's `CanvasBackend`,
//! with the context's text and fill state set only when it changes.
//!
//! Issue 14: plotters-canvas sets the font, alignment, baseline and fill
//! colour of the 2D context before every label and bar (the font as a CSS
//! string the browser parses again each time: about 7 ms per filter change
//! at 4x CPU, the largest single cost of the charts). A chart draws a few
//! dozen labels in one or two fonts, so most of those settings are repeats.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform, text_anchor::HPos, text_anchor::VPos,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas backend that remembers the 2D context's text and fill state.
/// Made for one drawing: a new one starts from an unknown state. Labels
/// are written when the drawing is presented (or the backend dropped).
pub struct CachedCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    font: String,
    align: &'static str,
    baseline: &'static str,
    fill: Option<((u8, u8, u8), f64)>,
    /// Labels not yet written, in drawing order (see [`Self::flush_text`]).
    texts: Vec<Label>,
}

/// A label to write: its font, anchor, colour, position and text.
struct Label {
    font: String,
    align: &'static str,
    baseline: &'static str,
    color: BackendColor,
    pos: BackendCoord,
    text: String,
}

/// A drawing error of the canvas (what the browser threw, as text).
#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

/// plotters-canvas's errors (of a type it does not export) as ours.
fn lift<E: std::error::Error + Send + Sync>(
    r: Result<(), DrawingErrorKind<E>>,
) -> Result<(), DrawingErrorKind<CanvasError>> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(CanvasError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

impl CachedCanvas {
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(Self {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            context,
            font: String::new(),
            align: "",
            baseline: "",
            fill: None,
            texts: Vec::new(),
        })
    }

    /// Writes the queued labels, grouped by font (in the order each font
    /// first appeared, and in drawing order within a font), so that the
    /// context's font is set once per font: a chart alternates a regular
    /// row label and a bold value, and each font set is parsed again by the
    /// browser. Labels are drawn last, above the bars, which they never
    /// overlap (their places are laid out apart by `crate::plot`).
    fn flush_text(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        let texts = std::mem::take(&mut self.texts);
        let mut fonts: Vec<&str> = Vec::new();
        for t in &texts {
            if !fonts.contains(&t.font.as_str()) {
                fonts.push(&t.font);
            }
        }
        for font in fonts {
            if self.font != font {
                self.context.set_font(font);
                self.font = font.to_string();
            }
            for t in texts.iter().filter(|t| t.font == font) {
                if self.baseline != t.baseline {
                    self.context.set_text_baseline(t.baseline);
                    self.baseline = t.baseline;
                }
                if self.align != t.align {
                    self.context.set_text_align(t.align);
                    self.align = t.align;
                }
                self.set_fill(t.color);
                self.context
                    .fill_text(&t.text, f64::from(t.pos.0), f64::from(t.pos.1))
                    .map_err(error_cast)?;
            }
        }
        Ok(())
    }

    fn set_fill(&mut self, color: BackendColor) {
        let key = (color.rgb, color.alpha);
        if self.fill != Some(key) {
            let (r, g, b) = color.rgb;
            self.context
                .set_fill_style_str(&format!("rgba({r},{g},{b},{})", color.alpha));
            self.fill = Some(key);
        }
    }
}

fn error_cast(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(format!("{e:?}")))
}

impl DrawingBackend for CachedCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        lift(self.inner.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.flush_text()?;
        lift(self.inner.present())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.fill = None;
        lift(self.inner.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        lift(self.inner.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if !fill {
            return lift(self.inner.draw_rect(upper_left, bottom_right, style, fill));
        }
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.set_fill(style.color());
        self.context.fill_rect(
            f64::from(upper_left.0),
            f64::from(upper_left.1),
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        lift(self.inner.draw_path(path, style))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.fill = None;
        lift(self.inner.fill_polygon(vert, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.fill = None;
        lift(self.inner.draw_circle(center, radius, style, fill))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        if !matches!(style.transform(), FontTransform::None) {
            // Turned text (the charts draw none): plotters-canvas's own
            // drawing, after the labels queued before it.
            self.flush_text()?;
            self.fill = None;
            self.font.clear();
            self.align = "";
            self.baseline = "";
            return lift(self.inner.draw_text(text, style, pos));
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        self.texts.push(Label {
            font,
            align,
            baseline,
            color,
            pos,
            text: text.to_string(),
        });
        Ok(())
    }
}

impl Drop for CachedCanvas {
    /// Labels queued by a drawing that was not presented (an error midway)
    /// are still written.
    fn drop(&mut self) {
        let _ = self.flush_text();
    }
}
