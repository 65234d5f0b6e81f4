//! The map outlines as compact constants (pure): the TopoJSON of
//! `tools/geo/build.mjs`, already projected into the map's box and rounded
//! to the tenths of a unit that the SVG paths keep, written by [`encode`] into
//! `*.outline.bin` (checked in; a test fails when they are stale) and drawn
//! by [`layout`] at start-up with integer work only: no JSON to parse, no
//! projection, no float formatting (issue 14: fewer bytes, less start-up).
//!
//! The format, every integer a LEB128 varint (`int`: zigzag-encoded):
//! the bounds (4 × f64, little endian: min lon, min lat, max lon, max lat);
//! the arc count, then per arc its point count and per point `int` dx, dy in
//! tenths (from the previous point, across arcs); the feature count, then per
//! feature its code (length, UTF-8 bytes), its label point (`int` x, y in
//! tenths), its ring count and per ring its arc count and `int` arc indices
//! (`!i`: arc `i` reversed), as in TopoJSON.

use super::project::{Bounds, Projection};
use super::topojson::{TopoError, topology};
use super::{Layout, Shape, decode};

/// The map's coordinate box (the CSS keeps the same aspect ratio) and the
/// padding the outlines are fitted with.
pub const WIDTH: f64 = 600.0;
pub const HEIGHT: f64 = 600.0;
pub const PADDING: f64 = 8.0;

/// Morocco's 12 regions (from `morocco.topo.json`, object `regions`).
pub const MOROCCO: &[u8] = include_bytes!("morocco.outline.bin");
/// African countries (from `africa.topo.json`, object `countries`).
pub const AFRICA: &[u8] = include_bytes!("africa.outline.bin");

/// Why outline data could not be read (a damaged constant: the tests keep
/// the shipped ones readable).
pub const BAD_OUTLINE: &str = "invalid outline data";

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn int(&mut self) -> Option<i64> {
        let u = self.uint()?;
        Some((u >> 1) as i64 ^ -((u & 1) as i64))
    }

    /// A count, bounded by the bytes left (each item takes one at least), so
    /// that damaged data cannot ask for a huge allocation.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    fn f64(&mut self) -> Option<f64> {
        let b = self.bytes.get(self.at..self.at + 8)?;
        self.at += 8;
        Some(f64::from_le_bytes(b.try_into().ok()?))
    }
}

/// Writes `tenths` / 10 as the paths write a coordinate: one decimal at most,
/// none when it is whole, no `-0`.
fn push_tenths(out: &mut String, tenths: i64) {
    if tenths < 0 {
        out.push('-');
    }
    let a = tenths.unsigned_abs();
    let whole = a / 10;
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut w = whole;
    loop {
        digits[n] = b'0' + (w % 10) as u8;
        n += 1;
        w /= 10;
        if w == 0 {
            break;
        }
    }
    for d in digits[..n].iter().rev() {
        out.push(char::from(*d));
    }
    if !a.is_multiple_of(10) {
        out.push('.');
        out.push(char::from(b'0' + (a % 10) as u8));
    }
}

/// Appends one ring's path data: the same as [`super::path_data`] on the
/// unrounded ring (points that round onto the previous one dropped, a last
/// point on the first one left to `Z`).
fn push_ring(out: &mut String, ring: &[(i64, i64)]) {
    let mut last: Option<(i64, i64)> = None;
    let mut first: Option<(i64, i64)> = None;
    let mut n = 0;
    for (i, &key) in ring.iter().enumerate() {
        if last == Some(key) || (i + 1 == ring.len() && first == Some(key)) {
            continue;
        }
        first.get_or_insert(key);
        out.push(if n == 0 { 'M' } else { 'L' });
        push_tenths(out, key.0);
        out.push(',');
        push_tenths(out, key.1);
        last = Some(key);
        n += 1;
    }
    if n > 0 {
        out.push('Z');
    }
}

/// The map layout of outline data (see the module's doc), in the
/// [`WIDTH`] × [`HEIGHT`] box; `None` when the data is damaged.
pub fn layout(bytes: &[u8]) -> Option<Layout> {
    let mut r = Reader { bytes, at: 0 };
    let bounds = Bounds {
        min: [r.f64()?, r.f64()?],
        max: [r.f64()?, r.f64()?],
    };
    let n_arcs = r.count()?;
    let mut arcs: Vec<Vec<(i64, i64)>> = Vec::with_capacity(n_arcs);
    let (mut x, mut y) = (0i64, 0i64);
    for _ in 0..n_arcs {
        let n = r.count()?;
        let mut arc = Vec::with_capacity(n);
        for _ in 0..n {
            x = x.checked_add(r.int()?)?;
            y = y.checked_add(r.int()?)?;
            arc.push((x, y));
        }
        arcs.push(arc);
    }
    let features = r.count()?;
    let mut shapes = Vec::with_capacity(features);
    let mut ring: Vec<(i64, i64)> = Vec::new();
    for _ in 0..features {
        let len = r.count()?;
        let code = bytes.get(r.at..r.at + len)?;
        r.at += len;
        let code = std::str::from_utf8(code).ok()?.to_string();
        let label = [r.int()? as f64 / 10.0, r.int()? as f64 / 10.0];
        let mut d = String::new();
        for _ in 0..r.count()? {
            ring.clear();
            for _ in 0..r.count()? {
                let i = r.int()?;
                let arc = arcs.get(usize::try_from(if i < 0 { !i } else { i }).ok()?)?;
                // Consecutive arcs share their end point, kept once.
                let skip = usize::from(!ring.is_empty());
                if i < 0 {
                    ring.extend(arc.iter().rev().skip(skip));
                } else {
                    ring.extend(arc.iter().skip(skip));
                }
            }
            push_ring(&mut d, &ring);
        }
        shapes.push(Shape { code, d, label });
    }
    (r.at == bytes.len()).then(|| Layout {
        width: WIDTH,
        height: HEIGHT,
        projection: Projection::fit(bounds, WIDTH, HEIGHT, PADDING),
        shapes,
    })
}

fn put_uint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_int(out: &mut Vec<u8>, v: i64) {
    put_uint(out, ((v << 1) ^ (v >> 63)) as u64);
}

fn tenths(v: f64) -> i64 {
    (v * 10.0).round() as i64
}

/// The outline data of the object `object` of a TopoJSON topology, fitted
/// in the map's box as [`Layout::fit`] fits it (native tests and the
/// regeneration of the `*.outline.bin` files; not called by the app).
pub fn encode(json: &str, object: &str) -> Result<Vec<u8>, TopoError> {
    let topo = topology(json, object)?;
    let features = decode(json, object)?;
    let fitted = Layout::fit(&features, WIDTH, HEIGHT, PADDING)
        .ok_or_else(|| TopoError::Json("no position".to_string()))?;
    let bounds = Bounds::of(&features).ok_or_else(|| TopoError::Json("no position".into()))?;
    let mut out = Vec::new();
    for v in [bounds.min[0], bounds.min[1], bounds.max[0], bounds.max[1]] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    put_uint(&mut out, topo.arcs.len() as u64);
    let (mut x, mut y) = (0i64, 0i64);
    for arc in &topo.arcs {
        put_uint(&mut out, arc.len() as u64);
        for p in arc {
            let q = fitted.projection.project(*p);
            let (nx, ny) = (tenths(q[0]), tenths(q[1]));
            put_int(&mut out, nx - x);
            put_int(&mut out, ny - y);
            (x, y) = (nx, ny);
        }
    }
    put_uint(&mut out, topo.features.len() as u64);
    for (f, shape) in topo.features.iter().zip(&fitted.shapes) {
        put_uint(&mut out, f.code.len() as u64);
        out.extend_from_slice(f.code.as_bytes());
        put_int(&mut out, tenths(shape.label[0]));
        put_int(&mut out, tenths(shape.label[1]));
        let rings: Vec<&Vec<i64>> = f.polygons.iter().flatten().collect();
        put_uint(&mut out, rings.len() as u64);
        for ring in rings {
            put_uint(&mut out, ring.len() as u64);
            for &i in ring {
                put_int(&mut out, i);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{AFRICA_TOPOJSON, MOROCCO_TOPOJSON};

    const MAPS: [(&str, &[u8], &str, &str); 2] = [
        ("morocco", MOROCCO, MOROCCO_TOPOJSON, "regions"),
        ("africa", AFRICA, AFRICA_TOPOJSON, "countries"),
    ];

    /// `IMPACT_ATLAS_WRITE_OUTLINES=1 cargo test --lib geo::outline` writes
    /// the files again after `tools/geo/build.sh` changed the TopoJSON.
    #[test]
    fn the_shipped_outlines_are_those_of_the_topojson() {
        for (name, bin, json, object) in MAPS {
            let want = encode(json, object).unwrap();
            if std::env::var_os("IMPACT_ATLAS_WRITE_OUTLINES").is_some() {
                let path = format!("{}/src/geo/{name}.outline.bin", env!("CARGO_MANIFEST_DIR"));
                std::fs::write(path, &want).unwrap();
                continue;
            }
            assert!(
                bin == want.as_slice(),
                "src/geo/{name}.outline.bin is stale: IMPACT_ATLAS_WRITE_OUTLINES=1 cargo test --lib geo::outline"
            );
        }
    }

    #[test]
    fn the_outlines_draw_what_the_topojson_draws() {
        for (name, bin, json, object) in MAPS {
            let got = layout(bin).expect(name);
            let want = Layout::fit(&decode(json, object).unwrap(), WIDTH, HEIGHT, PADDING).unwrap();
            assert_eq!((got.width, got.height), (want.width, want.height));
            assert_eq!(got.projection, want.projection, "{name}");
            assert_eq!(got.shapes.len(), want.shapes.len(), "{name}");
            for (g, w) in got.shapes.iter().zip(&want.shapes) {
                assert_eq!(g.code, w.code);
                assert!(g.d == w.d, "{name} {}: the paths differ", g.code);
                // The labels are written with one decimal (map::svg).
                for i in 0..2 {
                    assert_eq!(
                        format!("{:.1}", g.label[i]),
                        format!("{:.1}", w.label[i]),
                        "{name} {}",
                        g.code
                    );
                }
            }
        }
        // Not vacuous: every region and the countries are drawn.
        assert_eq!(layout(MOROCCO).unwrap().shapes.len(), 12);
        assert!(layout(AFRICA).unwrap().shapes.len() > 50);
    }

    #[test]
    fn tenths_are_written_like_the_paths_coordinates() {
        let mut got = String::new();
        let mut want = String::new();
        for k in [0, 1, -1, 9, 10, -10, 15, -15, 5995, 6000, 123_456, -7] {
            push_tenths(&mut got, k);
            got.push(' ');
            crate::geo::path::num(&mut want, k as f64 / 10.0);
            want.push(' ');
        }
        assert_eq!(got, want);
        assert_eq!(got, "0 0.1 -0.1 0.9 1 -1 1.5 -1.5 599.5 600 12345.6 -0.7 ");
    }

    #[test]
    fn damaged_data_is_refused_without_a_panic() {
        assert!(layout(&[]).is_none());
        // every cut of the real data
        for n in 0..MOROCCO.len() {
            assert!(layout(&MOROCCO[..n]).is_none(), "cut at {n}");
        }
        let mut longer = MOROCCO.to_vec();
        longer.push(0);
        assert!(layout(&longer).is_none(), "trailing bytes");
        // an arc index out of range, a huge count
        let mut bad = Vec::new();
        for _ in 0..4 {
            bad.extend_from_slice(&0f64.to_le_bytes());
        }
        let good_len = bad.len();
        for (arcs, index) in [(1, 0), (1, 1), (1, -2)] {
            bad.truncate(good_len);
            put_uint(&mut bad, arcs);
            put_uint(&mut bad, 2);
            for v in [0, 0, 10, 10] {
                put_int(&mut bad, v);
            }
            put_uint(&mut bad, 1); // one feature
            put_uint(&mut bad, 1);
            bad.push(b'A');
            put_int(&mut bad, 0);
            put_int(&mut bad, 0);
            put_uint(&mut bad, 1); // one ring
            put_uint(&mut bad, 1); // of one arc
            put_int(&mut bad, index);
            let l = layout(&bad);
            if index == 0 {
                assert_eq!(l.unwrap().shapes[0].d, "M0,0L1,1Z");
            } else {
                assert!(l.is_none(), "index {index}");
            }
        }
        bad.truncate(good_len);
        put_uint(&mut bad, u64::MAX);
        assert!(layout(&bad).is_none());
    }
}
