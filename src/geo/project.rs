//! Projection (pure): spherical Mercator fitted into a box, bounds.

use super::topojson::{Feature, Pt};

/// A longitude/latitude box, in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: Pt,
    pub max: Pt,
}

impl Bounds {
    /// The box around every point of `features` (`None` when there is none).
    pub fn of<'a>(features: impl IntoIterator<Item = &'a Feature>) -> Option<Bounds> {
        let mut b: Option<Bounds> = None;
        for p in features.into_iter().flat_map(|f| f.rings().flatten()) {
            b = Some(match b {
                None => Bounds { min: *p, max: *p },
                Some(b) => Bounds {
                    min: [b.min[0].min(p[0]), b.min[1].min(p[1])],
                    max: [b.max[0].max(p[0]), b.max[1].max(p[1])],
                },
            });
        }
        b
    }
}

/// Spherical Mercator, unscaled: longitude and latitude (degrees) to `[x, y]`
/// with y growing northwards.
pub fn mercator(p: Pt) -> Pt {
    let lat = p[1].clamp(-85.0, 85.0).to_radians();
    [
        p[0].to_radians(),
        ln_tan(std::f64::consts::FRAC_PI_4 + lat / 2.0),
    ]
}

/// `ln(tan(v))`. In the browser through the engine's `Math` (issue 14: Rust's
/// own `tan` and `ln`, with their argument reduction, were 6.5 KB of wasm for
/// the few points projected at run time: the bounds and the place marks; the
/// outlines come projected, `geo::outline`). Both are fdlibm's algorithms.
#[cfg(target_arch = "wasm32")]
fn ln_tan(v: f64) -> f64 {
    js_sys::Math::log(js_sys::Math::tan(v))
}

#[cfg(not(target_arch = "wasm32"))]
fn ln_tan(v: f64) -> f64 {
    v.tan().ln()
}

/// Mercator scaled and translated into screen coordinates (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    k: f64,
    x0: f64,
    y0: f64,
}

impl Projection {
    /// The projection that fits `bounds` in a `width` × `height` box with
    /// `padding` on every side, centred, keeping the aspect ratio.
    pub fn fit(bounds: Bounds, width: f64, height: f64, padding: f64) -> Projection {
        let a = mercator(bounds.min);
        let b = mercator(bounds.max);
        let (w, h) = ((b[0] - a[0]).max(1e-9), (b[1] - a[1]).max(1e-9));
        let k = ((width - 2.0 * padding) / w).min((height - 2.0 * padding) / h);
        // screen x = k (x - a.x) + x0 ; screen y = k (b.y - y) + y0
        let x0 = (width - k * w) / 2.0;
        let y0 = (height - k * h) / 2.0;
        Projection {
            k,
            x0: x0 - k * a[0],
            y0: y0 + k * b[1],
        }
    }

    /// Projects a `[lon, lat]` point to screen `[x, y]`.
    pub fn project(&self, p: Pt) -> Pt {
        let m = mercator(p);
        [self.k * m[0] + self.x0, self.y0 - self.k * m[1]]
    }

    /// The projected size of `bounds` (`[width, height]`).
    pub fn size(&self, bounds: Bounds) -> Pt {
        let a = self.project(bounds.min);
        let b = self.project(bounds.max);
        [(b[0] - a[0]).abs(), (b[1] - a[1]).abs()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() < eps
    }

    #[test]
    fn mercator_known_values() {
        let o = mercator([0.0, 0.0]);
        assert!(close(o[0], 0.0, 1e-12) && close(o[1], 0.0, 1e-12));
        let m = mercator([180.0, 45.0]);
        assert!(close(m[0], std::f64::consts::PI, 1e-12));
        assert!(close(m[1], 0.881_373_587, 1e-6));
    }

    #[test]
    fn fit_centres_and_keeps_aspect_ratio() {
        let b = Bounds {
            min: [-10.0, -10.0],
            max: [10.0, 10.0],
        };
        let p = Projection::fit(b, 400.0, 200.0, 10.0);
        let tl = p.project([-10.0, 10.0]);
        let br = p.project([10.0, -10.0]);
        // height limits: 180 px tall, the box is square-ish in Mercator near the equator
        assert!(close(tl[1], 10.0, 1e-9) && close(br[1], 190.0, 1e-9));
        let w = br[0] - tl[0];
        assert!(close((tl[0] + br[0]) / 2.0, 200.0, 1e-9), "centred");
        let ratio = w / (br[1] - tl[1]);
        let m = mercator([10.0, 10.0]);
        assert!(
            close(ratio, m[0] / m[1], 1e-9),
            "aspect ratio kept: {ratio}"
        );
        // north is up
        assert!(p.project([0.0, 5.0])[1] < p.project([0.0, -5.0])[1]);
    }
}
