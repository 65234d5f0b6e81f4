//! Colour scale (pure): value -> class, the palettes shared by the map and
//! the charts, legend entries.

/// Sequential palette, light to dark, colour-blind safe (ColorBrewer
/// "YlGnBu", 5 classes): luminance rises monotonically, so the order reads in
/// greyscale and for every common colour-vision deficiency.
pub const SEQUENTIAL: [&str; 5] = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];

/// Categorical palette (Okabe–Ito), for series that are not ordered.
pub const CATEGORICAL: [&str; 6] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00",
];

/// Women / men in gender charts (Okabe–Ito orange and blue: distinct for
/// protanopia, deuteranopia and tritanopia).
pub const WOMEN: &str = "#d55e00";
pub const MEN: &str = "#0072b2";

/// Marks with no data (with a hatch pattern on the map).
pub const NO_DATA: &str = "#d9d9d9";

/// Parses `#rrggbb` into RGB components.
pub fn rgb(hex: &str) -> Option<(u8, u8, u8)> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((p(0)?, p(2)?, p(4)?))
}

/// Colour of the text or mark drawn on `fill`: black or white, whichever
/// contrasts more (WCAG relative luminance).
pub fn text_on(fill: &str) -> &'static str {
    let Some(l) = rgb(fill).map(luminance) else {
        return TEXT_DARK;
    };
    // contrast with white (1.0) vs with near-black
    let dark = rgb(TEXT_DARK).map(luminance).unwrap_or(0.0);
    if (1.05) / (l + 0.05) > (l + 0.05) / (dark + 0.05) {
        TEXT_LIGHT
    } else {
        TEXT_DARK
    }
}

/// Text colours used by [`text_on`].
pub const TEXT_DARK: &str = "#000000";
pub const TEXT_LIGHT: &str = "#ffffff";

/// WCAG relative luminance of an sRGB colour.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let c = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.040_45 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b)
}

/// WCAG contrast ratio of two colours (`None` if one does not parse).
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(rgb(a)?), luminance(rgb(b)?));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// Rounds `v` to two significant digits ("nice" break values: 1,234 -> 1,200).
pub fn nice(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    let mag = 10f64.powf(v.abs().log10().floor() - 1.0);
    (v / mag).round() * mag
}

/// One class of a [`Classes`] scale: values in `lower ..= upper`
/// (`upper` excluded except for the last class).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LegendEntry {
    pub lower: f64,
    pub upper: f64,
    pub fill: &'static str,
    pub text: &'static str,
}

/// A classed sequential scale: up to five classes with quantile breaks
/// rounded to two significant digits, over the values present.
#[derive(Clone, Debug, PartialEq)]
pub struct Classes {
    /// Smallest and largest value present.
    min: f64,
    max: f64,
    /// Lower bounds of classes 1.. (class 0 starts at `min`), strictly increasing.
    breaks: Vec<f64>,
}

/// The most classes a scale has (the size of [`SEQUENTIAL`]).
pub const MAX_CLASSES: usize = SEQUENTIAL.len();

impl Classes {
    /// The scale over `values`; values that are not finite or are negative
    /// are "no data" and ignored. `None` when no value is left.
    pub fn new(values: impl IntoIterator<Item = f64>) -> Option<Classes> {
        let mut v: Vec<f64> = values
            .into_iter()
            .filter(|x| x.is_finite() && *x >= 0.0)
            .collect();
        if v.is_empty() {
            return None;
        }
        crate::sort::sort_by(&mut v, f64::total_cmp);
        let (min, max) = (v[0], v[v.len() - 1]);
        let mut breaks: Vec<f64> = Vec::new();
        for i in 1..MAX_CLASSES {
            // the value at quantile i/5 (nearest rank), rounded
            let q = v[(i * v.len()).div_ceil(MAX_CLASSES).min(v.len() - 1)];
            let b = nice(q);
            if b > min && b <= max && breaks.last().is_none_or(|l| b > *l) {
                breaks.push(b);
            }
        }
        Some(Classes { min, max, breaks })
    }

    /// Number of classes (1 to 5).
    pub fn len(&self) -> usize {
        self.breaks.len() + 1
    }

    /// Never empty (at least one class); for clippy's `len_without_is_empty`.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The class of `value`; `None` for no data (not finite or negative).
    pub fn class_of(&self, value: f64) -> Option<usize> {
        if !value.is_finite() || value < 0.0 {
            return None;
        }
        Some(self.breaks.iter().take_while(|b| value >= **b).count())
    }

    /// The palette colour of class `i`, spread over [`SEQUENTIAL`] so that
    /// few classes still span light to dark.
    pub fn fill(&self, class: usize) -> &'static str {
        let n = self.len();
        let idx = if n == 1 {
            2
        } else {
            (class.min(n - 1) * (MAX_CLASSES - 1) + (n - 1) / 2) / (n - 1)
        };
        SEQUENTIAL[idx]
    }

    /// The fill of `value` (`None`: no data).
    pub fn fill_of(&self, value: f64) -> Option<&'static str> {
        self.class_of(value).map(|c| self.fill(c))
    }

    /// The legend, one entry per class, lowest first.
    pub fn legend(&self) -> Vec<LegendEntry> {
        (0..self.len())
            .map(|i| {
                let lower = if i == 0 { self.min } else { self.breaks[i - 1] };
                let upper = self.breaks.get(i).copied().unwrap_or(self.max);
                let fill = self.fill(i);
                LegendEntry {
                    lower,
                    upper,
                    fill,
                    text: text_on(fill),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_classes_with_nice_breaks() {
        let v = [
            120.0, 260.0, 310.0, 455.0, 520.0, 610.0, 900.0, 1234.0, 80.0, 47.0,
        ];
        let c = Classes::new(v).unwrap();
        assert_eq!(c.len(), 5);
        let l = c.legend();
        assert_eq!(l[0].lower, 47.0);
        assert_eq!(l[4].upper, 1234.0);
        for w in l.windows(2) {
            assert!(w[0].upper == w[1].lower && w[0].lower < w[1].lower, "{l:?}");
        }
        for e in &l[1..] {
            assert_eq!(nice(e.lower), e.lower, "breaks are rounded: {}", e.lower);
        }
        // every value falls in a class whose bounds contain it
        for x in v {
            let i = c.class_of(x).unwrap();
            assert!(
                l[i].lower <= x && (x < l[i].upper || i == 4),
                "{x} in {:?}",
                l[i]
            );
        }
        // the five palette colours, light to dark
        let fills: Vec<_> = l.iter().map(|e| e.fill).collect();
        assert_eq!(fills, SEQUENTIAL.to_vec());
    }

    #[test]
    fn classes_are_monotonic() {
        let c = Classes::new((0..50).map(|i| f64::from(i * i))).unwrap();
        let mut last = 0;
        for i in 0..2500 {
            let k = c.class_of(f64::from(i)).unwrap();
            assert!(k >= last && k < c.len());
            last = k;
        }
        assert_eq!(last, c.len() - 1);
        // out of range still classed (clamped), never panics
        assert_eq!(c.class_of(1e12), Some(c.len() - 1));
    }

    #[test]
    fn no_data() {
        assert_eq!(Classes::new([]), None);
        assert_eq!(Classes::new([f64::NAN, -1.0, f64::INFINITY]), None);
        let c = Classes::new([1.0, 2.0, f64::NAN]).unwrap();
        assert_eq!(c.class_of(f64::NAN), None);
        assert_eq!(c.class_of(-5.0), None);
        assert_eq!(c.fill_of(f64::NAN), None);
        assert!(c.fill_of(2.0).is_some());
    }

    #[test]
    fn single_value_and_all_zeros() {
        let c = Classes::new([350.0, 350.0, 350.0]).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c.class_of(350.0), Some(0));
        let l = c.legend();
        assert_eq!((l[0].lower, l[0].upper), (350.0, 350.0));
        assert_eq!(l[0].fill, SEQUENTIAL[2], "one class: a middle colour");
        let z = Classes::new([0.0; 12]).unwrap();
        assert_eq!(z.len(), 1);
        assert_eq!(z.class_of(0.0), Some(0));
        // two distinct values: two classes, lightest and darkest
        let two = Classes::new([0.0, 0.0, 0.0, 10.0, 10.0]).unwrap();
        assert_eq!(two.len(), 2);
        assert_eq!(two.fill(0), SEQUENTIAL[0]);
        assert_eq!(two.fill(1), SEQUENTIAL[4]);
    }

    #[test]
    fn text_contrasts_with_every_fill() {
        for fill in SEQUENTIAL.iter().chain([NO_DATA, WOMEN, MEN].iter()) {
            let t = text_on(fill);
            assert!(contrast(fill, t).unwrap() >= 4.5, "{fill} / {t}");
        }
        assert_eq!(text_on("#ffffcc"), TEXT_DARK);
        assert_eq!(text_on("#253494"), TEXT_LIGHT);
    }

    #[test]
    fn nice_rounding() {
        assert_eq!(nice(1234.0), 1200.0);
        assert_eq!(nice(87.0), 87.0);
        assert_eq!(nice(0.0), 0.0);
        assert!((nice(0.01234) - 0.012).abs() < 1e-12);
        assert_eq!(rgb("#a1dab4"), Some((0xa1, 0xda, 0xb4)));
        assert_eq!(rgb("nope"), None);
    }
}
