//! TopoJSON decoding (pure): quantized, delta-encoded arcs stitched into rings
//! of `[lon, lat]` per feature.

use serde_json::Value;

/// A position, `[longitude, latitude]` in degrees (or projected `[x, y]`).
pub type Pt = [f64; 2];
/// A closed ring (first point repeated last).
pub type Ring = Vec<Pt>;
/// A polygon: its outer ring, then its holes.
pub type Polygon = Vec<Ring>;

/// One decoded feature: its `code` property and its polygons.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    pub code: String,
    pub polygons: Vec<Polygon>,
}

impl Feature {
    /// Every ring of every polygon.
    pub fn rings(&self) -> impl Iterator<Item = &Ring> {
        self.polygons.iter().flatten()
    }
}

/// Why a topology could not be decoded.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TopoError {
    #[error("invalid TopoJSON: {0}")]
    Json(String),
    #[error("no object named {0:?}")]
    NoObject(String),
    #[error("arc index {0} out of range")]
    BadArc(i64),
}

/// The quantization transform of a topology.
#[derive(Clone, Copy)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

// Read through `serde_json::Value` by hand rather than with derived
// `Deserialize` types: the derive (an internally tagged enum goes through
// serde's buffering `Content`) cost about 17 KB of wasm for two embedded
// files (issue 14; docs/size.md).

fn bad(what: &str) -> TopoError {
    TopoError::Json(format!("{what} expected"))
}

fn pair(v: &Value) -> Option<[f64; 2]> {
    match v.as_array()?.as_slice() {
        [x, y] => Some([x.as_f64()?, y.as_f64()?]),
        _ => None,
    }
}

fn list<'a>(v: Option<&'a Value>, what: &str) -> Result<&'a [Value], TopoError> {
    v.and_then(Value::as_array)
        .map(Vec::as_slice)
        .ok_or_else(|| bad(what))
}

/// A ring's arc indices.
fn indices(v: &Value) -> Result<Vec<i64>, TopoError> {
    list(Some(v), "arc indices")?
        .iter()
        .map(|i| i.as_i64().ok_or_else(|| bad("an arc index")))
        .collect()
}

/// A polygon's rings of arc indices.
fn polygon(v: &Value) -> Result<Vec<Vec<i64>>, TopoError> {
    list(Some(v), "rings")?.iter().map(indices).collect()
}

/// A topology read from TopoJSON: its arcs in absolute positions (the
/// quantization and delta encoding undone) and, per polygon feature of one
/// object, its code and its polygons as rings of arc indices (a negative
/// index `!i` is arc `i` reversed).
#[derive(Clone, Debug, PartialEq)]
pub struct Topology {
    pub arcs: Vec<Vec<Pt>>,
    pub features: Vec<TopoFeature>,
}

/// One polygon feature of a [`Topology`].
#[derive(Clone, Debug, PartialEq)]
pub struct TopoFeature {
    pub code: String,
    /// Polygons, each a list of rings, each a list of arc indices.
    pub polygons: Vec<Vec<Vec<i64>>>,
}

/// Decodes the features of the object `object` of a TopoJSON topology.
/// Geometries other than polygons are skipped.
pub fn decode(json: &str, object: &str) -> Result<Vec<Feature>, TopoError> {
    let topo = topology(json, object)?;
    topo.features
        .iter()
        .map(|f| {
            let polygons = f
                .polygons
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|r| ring(&topo.arcs, r))
                        .collect::<Result<Vec<_>, _>>()
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Feature {
                code: f.code.clone(),
                polygons,
            })
        })
        .collect()
}

/// Reads the arcs and the polygon features of the object `object` of a
/// TopoJSON topology, without stitching the rings (see [`decode`]).
pub fn topology(json: &str, object: &str) -> Result<Topology, TopoError> {
    let topo: Value = serde_json::from_str(json).map_err(|e| TopoError::Json(e.to_string()))?;
    let transform = match topo.get("transform") {
        None | Some(Value::Null) => None,
        Some(t) => Some(Transform {
            scale: t.get("scale").and_then(pair).ok_or_else(|| bad("scale"))?,
            translate: t
                .get("translate")
                .and_then(pair)
                .ok_or_else(|| bad("translate"))?,
        }),
    };
    let arcs = list(topo.get("arcs"), "arcs")?
        .iter()
        .map(|arc| {
            list(Some(arc), "an arc")?
                .iter()
                .map(|p| pair(p).ok_or_else(|| bad("a position")))
                .collect::<Result<Vec<Pt>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let arcs = absolute_arcs(&arcs, transform);
    let objects = topo
        .get("objects")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("objects"))?;
    let obj = objects
        .get(object)
        .ok_or_else(|| TopoError::NoObject(object.to_string()))?;
    let geometries = match obj.get("geometries") {
        None => &[][..],
        g => list(g, "geometries")?,
    };
    let mut features = Vec::with_capacity(geometries.len());
    for g in geometries {
        let a = g.get("arcs").unwrap_or(&Value::Null);
        let polygons = match g.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![polygon(a)?],
            Some("MultiPolygon") => list(Some(a), "polygons")?
                .iter()
                .map(polygon)
                .collect::<Result<Vec<_>, _>>()?,
            _ => continue,
        };
        let code = g
            .get("properties")
            .and_then(|p| p.get("code"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        features.push(TopoFeature {
            code: code.to_string(),
            polygons,
        });
    }
    Ok(Topology { arcs, features })
}

/// Undoes the delta encoding and the quantization transform.
fn absolute_arcs(arcs: &[Vec<Pt>], t: Option<Transform>) -> Vec<Vec<Pt>> {
    arcs.iter()
        .map(|arc| match t {
            Some(t) => {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|d| {
                        x += d[0];
                        y += d[1];
                        [
                            x * t.scale[0] + t.translate[0],
                            y * t.scale[1] + t.translate[1],
                        ]
                    })
                    .collect()
            }
            None => arc.clone(),
        })
        .collect()
}

/// Stitches the arcs of a ring (a negative index `!i` is arc `i` reversed);
/// consecutive arcs share their end point, kept once.
fn ring(arcs: &[Vec<Pt>], indices: &[i64]) -> Result<Ring, TopoError> {
    let mut out: Ring = Vec::new();
    for &i in indices {
        let (idx, rev) = if i < 0 { (!i, true) } else { (i, false) };
        let arc = usize::try_from(idx)
            .ok()
            .and_then(|u| arcs.get(u))
            .ok_or(TopoError::BadArc(i))?;
        let mut pts: Vec<Pt> = arc.clone();
        if rev {
            pts.reverse();
        }
        let skip = usize::from(!out.is_empty());
        out.extend(pts.into_iter().skip(skip));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The TopoJSON specification's example: a quantized topology with two arcs.
    const SPEC: &str = r#"{
      "type": "Topology",
      "transform": {"scale": [0.5, 0.25], "translate": [100, 10]},
      "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]], "properties": {"code": "A"}},
        {"type": "MultiPolygon", "arcs": [[[~1]], [[0]]], "properties": {"code": "B"}},
        {"type": "Point", "coordinates": [1, 2]}
      ]}},
      "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]]
    }"#;

    fn spec() -> String {
        // `~1` is not JSON: TopoJSON writes it as -2.
        SPEC.replace("~1", "-2")
    }

    #[test]
    fn decodes_quantized_delta_arcs() {
        let f = decode(&spec(), "shapes").unwrap();
        assert_eq!(f.len(), 2, "the point is skipped");
        assert_eq!(f[0].code, "A");
        // arc 0: (0,0) (2,0) (2,4) -> (100,10) (101,10) (101,11)
        // arc 1: (2,4) (0,4) (0,0) -> (101,11) (100,11) (100,10); shared point kept once.
        assert_eq!(
            f[0].polygons[0][0],
            vec![
                [100.0, 10.0],
                [101.0, 10.0],
                [101.0, 11.0],
                [100.0, 11.0],
                [100.0, 10.0]
            ]
        );
        // reversed arc
        assert_eq!(f[1].polygons.len(), 2);
        assert_eq!(
            f[1].polygons[0][0],
            vec![[100.0, 10.0], [100.0, 11.0], [101.0, 11.0]]
        );
    }

    #[test]
    fn errors_are_reported() {
        assert!(matches!(decode("{", "x"), Err(TopoError::Json(_))));
        assert_eq!(
            decode(&spec(), "nope"),
            Err(TopoError::NoObject("nope".into()))
        );
        let bad = spec().replace("[[0, 1]]", "[[0, 7]]");
        assert_eq!(decode(&bad, "shapes"), Err(TopoError::BadArc(7)));
        // Wrong shapes are errors, never a panic.
        for (from, to) in [
            ("[[0, 1]]", "[[0, \"a\"]]"),
            ("[[0, 1]]", "[0, 1]"),
            ("\"scale\": [0.5, 0.25]", "\"scale\": [0.5]"),
            ("[[[0, 0], [2, 0], [0, 4]]", "[[[0, 0], [2], [0, 4]]"),
            ("\"arcs\": [[[0, 0]", "\"arcz\": [[[0, 0]"),
        ] {
            let text = spec().replacen(from, to, 1);
            assert_ne!(text, spec(), "{from}");
            assert!(
                matches!(decode(&text, "shapes"), Err(TopoError::Json(_))),
                "{to}"
            );
        }
        // A topology without a transform has absolute positions.
        let plain = spec().replace(
            "\"transform\": {\"scale\": [0.5, 0.25], \"translate\": [100, 10]},",
            "",
        );
        assert_eq!(
            decode(&plain, "shapes").unwrap()[0].polygons[0][0][1],
            [2.0, 0.0]
        );
    }
}
