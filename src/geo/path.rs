//! SVG path data, areas, centroids and hit tests on projected rings (pure).

use super::project::Projection;
use super::topojson::{Feature, Pt, Ring};
use std::fmt::Write as _;

/// Writes a coordinate rounded to one decimal, without a trailing `.0`.
pub(super) fn num(out: &mut String, v: f64) {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r }; // no "-0"
    if r.fract() == 0.0 {
        let _ = write!(out, "{}", r as i64);
    } else {
        let _ = write!(out, "{r:.1}");
    }
}

/// SVG path data (`M x,y L x,y … Z` per ring) of projected rings, coordinates
/// rounded to one decimal; points that round onto the previous one are dropped.
pub fn path_data<'a>(rings: impl IntoIterator<Item = &'a Ring>, proj: &Projection) -> String {
    let mut out = String::new();
    for ring in rings {
        let mut last: Option<(i64, i64)> = None;
        let mut first: Option<(i64, i64)> = None;
        let mut n = 0;
        for (i, p) in ring.iter().enumerate() {
            let q = proj.project(*p);
            let key = ((q[0] * 10.0).round() as i64, (q[1] * 10.0).round() as i64);
            // `Z` closes the ring: a last point on the first one is not written.
            if last == Some(key) || (i + 1 == ring.len() && first == Some(key)) {
                continue;
            }
            first.get_or_insert(key);
            out.push(if n == 0 { 'M' } else { 'L' });
            num(&mut out, q[0]);
            out.push(',');
            num(&mut out, q[1]);
            last = Some(key);
            n += 1;
        }
        if n > 0 {
            out.push('Z');
        }
    }
    out
}

/// The SVG path data of a feature.
pub fn feature_path(f: &Feature, proj: &Projection) -> String {
    path_data(f.rings(), proj)
}

/// Projects every ring of a feature.
pub fn project_rings(f: &Feature, proj: &Projection) -> Vec<Ring> {
    f.rings()
        .map(|r| r.iter().map(|p| proj.project(*p)).collect())
        .collect()
}

/// Signed area (shoelace) of a ring, in its own units.
pub fn signed_area(ring: &[Pt]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum::<f64>()
        / 2.0
}

/// Area-weighted centroid of a ring (its first point when degenerate).
pub fn ring_centroid(ring: &[Pt]) -> Option<Pt> {
    let a = signed_area(ring);
    let first = *ring.first()?;
    if a.abs() < 1e-12 {
        return Some(first);
    }
    let n = ring.len();
    let (mut cx, mut cy) = (0.0, 0.0);
    for i in 0..n {
        let (p, q) = (ring[i], ring[(i + 1) % n]);
        let c = p[0] * q[1] - q[0] * p[1];
        cx += (p[0] + q[0]) * c;
        cy += (p[1] + q[1]) * c;
    }
    Some([cx / (6.0 * a), cy / (6.0 * a)])
}

/// Even-odd point-in-polygon test over a set of rings.
pub fn contains(rings: &[Ring], p: Pt) -> bool {
    let mut inside = false;
    for ring in rings {
        let n = ring.len();
        if n < 3 {
            continue;
        }
        let mut j = n - 1;
        for i in 0..n {
            let (a, b) = (ring[i], ring[j]);
            if (a[1] > p[1]) != (b[1] > p[1])
                && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
            {
                inside = !inside;
            }
            j = i;
        }
    }
    inside
}

/// A point for a label inside the rings: the centroid of the largest ring
/// when it falls inside, otherwise the middle of the widest inside span of
/// the horizontal line through that centroid.
pub fn label_point(rings: &[Ring]) -> Option<Pt> {
    let largest = rings
        .iter()
        .max_by(|a, b| signed_area(a).abs().total_cmp(&signed_area(b).abs()))?;
    let c = ring_centroid(largest)?;
    if contains(rings, c) {
        return Some(c);
    }
    let y = c[1];
    let mut xs: Vec<f64> = Vec::new();
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            if (a[1] > y) != (b[1] > y) {
                xs.push(a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]));
            }
        }
    }
    crate::sort::sort_by(&mut xs, f64::total_cmp);
    xs.chunks_exact(2)
        .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))
        .map(|s| [(s[0] + s[1]) / 2.0, y])
        .or(Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::project::Bounds;

    fn square(x: f64, y: f64, s: f64) -> Ring {
        vec![[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]
    }

    #[test]
    fn path_format() {
        let b = Bounds {
            min: [0.0, 0.0],
            max: [1.0, 1.0],
        };
        let p = Projection::fit(b, 100.0, 100.0, 0.0);
        let d = path_data([&square(0.0, 0.0, 1.0)], &p);
        assert!(d.starts_with('M') && d.ends_with('Z'), "{d}");
        assert_eq!(d.matches('M').count(), 1);
        assert_eq!(d.matches('L').count(), 3, "closing point dropped: {d}");
        // corners of the box (Mercator near the equator is almost square)
        assert!(d.starts_with("M0,100L"), "{d}");
        // one decimal at most
        for n in d.split(['M', 'L', 'Z', ',']).filter(|s| !s.is_empty()) {
            let dec = n.split('.').nth(1).map_or(0, str::len);
            assert!(dec <= 1 && n.parse::<f64>().is_ok(), "{n} in {d}");
        }
        // two rings: two subpaths
        let d2 = path_data([&square(0.0, 0.0, 0.5), &square(0.5, 0.5, 0.5)], &p);
        assert_eq!(d2.matches('M').count(), 2);
        assert_eq!(d2.matches('Z').count(), 2);
        assert_eq!(path_data([&Vec::new()], &p), "");
    }

    #[test]
    fn area_centroid_and_containment() {
        let s = square(2.0, 2.0, 2.0);
        assert_eq!(signed_area(&s).abs(), 4.0);
        assert_eq!(ring_centroid(&s), Some([3.0, 3.0]));
        assert!(contains(std::slice::from_ref(&s), [3.0, 3.0]));
        assert!(!contains(std::slice::from_ref(&s), [5.0, 3.0]));
        // a hole: even-odd
        let rings = vec![square(0.0, 0.0, 10.0), square(4.0, 4.0, 2.0)];
        assert!(!contains(&rings, [5.0, 5.0]));
        assert!(contains(&rings, [1.0, 1.0]));
    }

    #[test]
    fn label_point_is_inside_a_u_shape() {
        // a U: the centroid falls in the gap
        let u = vec![vec![
            [0.0, 0.0],
            [10.0, 0.0],
            [10.0, 10.0],
            [8.0, 10.0],
            [8.0, 2.0],
            [2.0, 2.0],
            [2.0, 10.0],
            [0.0, 10.0],
            [0.0, 0.0],
        ]];
        let c = ring_centroid(&u[0]).unwrap();
        assert!(!contains(&u, c));
        let l = label_point(&u).unwrap();
        assert!(contains(&u, l), "{l:?}");
        assert_eq!(label_point(&[]), None);
    }
}
