//! The message protocol between a widget and its host page (pure), version
//! [`VERSION`]; `docs/embedding.md` describes it for hosts.
//!
//! Every message is a JSON object `{"source": "impact-atlas", "v": 1,
//! "type": …, …}`. Widget → host: `height` and `select`. Host → widget:
//! `set`. A message whose shape is not exactly one of these (unknown type or
//! key, wrong type of value, unknown language or gender) is ignored whole.

use crate::i18n::Locale;
use crate::model::Gender;
use crate::stats::{Filter, Selection};
use serde_json::{Map, Value, json};

/// The `source` of every message.
pub const SOURCE: &str = "impact-atlas";
/// The protocol version (`v`).
pub const VERSION: u64 = 1;
/// Heights outside this range are clamped (a widget never asks for more).
pub const MIN_HEIGHT: u32 = 40;
pub const MAX_HEIGHT: u32 = 20_000;

/// A filter field in a `set` message: absent (keep), `null` (clear) or a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Change<T> {
    #[default]
    Keep,
    Clear,
    To(T),
}

impl<T: Clone> Change<T> {
    pub fn apply(&self, current: Option<T>) -> Option<T> {
        match self {
            Change::Keep => current,
            Change::Clear => None,
            Change::To(v) => Some(v.clone()),
        }
    }
}

/// A host's `set` message: a new language and/or filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Set {
    pub lang: Option<Locale>,
    pub region: Change<String>,
    pub area: Change<String>,
    pub gender: Change<Gender>,
}

impl Set {
    /// The filter after this message.
    pub fn filter(&self, current: &Filter) -> Filter {
        Filter {
            region: self.region.apply(current.region.clone()),
            area: self.area.apply(current.area.clone()),
            gender: self.gender.apply(current.gender),
        }
    }
}

/// The common envelope: the object if `source` and `v` are ours and `type` is `kind`.
fn envelope<'a>(v: &'a Value, kind: &str) -> Option<&'a Map<String, Value>> {
    let o = v.as_object()?;
    (o.get("source")?.as_str()? == SOURCE
        && o.get("v")?.as_u64()? == VERSION
        && o.get("type")?.as_str()? == kind)
        .then_some(o)
}

/// A filter value: `null` or a short token.
fn change(v: Option<&Value>) -> Option<Change<String>> {
    match v {
        None => Some(Change::Keep),
        Some(Value::Null) => Some(Change::Clear),
        Some(Value::String(s)) if super::params::is_token(s) => Some(Change::To(s.clone())),
        Some(_) => None,
    }
}

/// Validates a host → widget message; `None` for anything but a well-formed `set`.
pub fn parse_set(v: &Value) -> Option<Set> {
    let o = envelope(v, "set")?;
    const KEYS: [&str; 7] = ["source", "v", "type", "lang", "region", "area", "gender"];
    if o.keys().any(|k| !KEYS.contains(&k.as_str())) {
        return None;
    }
    let lang = match o.get("lang") {
        None => None,
        Some(Value::String(s)) => Some(Locale::from_tag(s)?),
        Some(_) => return None,
    };
    let gender = match change(o.get("gender"))? {
        Change::To(g) => Change::To(Gender::parse(&g)?),
        Change::Keep => Change::Keep,
        Change::Clear => Change::Clear,
    };
    let set = Set {
        lang,
        region: change(o.get("region"))?,
        area: change(o.get("area"))?,
        gender,
    };
    // A `set` that changes nothing is not a message of ours either.
    (set != Set::default()).then_some(set)
}

/// Parses the text of a message (as the browser hands it over, stringified).
pub fn parse_set_text(text: &str) -> Option<Set> {
    if text.len() > 4096 {
        return None;
    }
    parse_set(&serde_json::from_str(text).ok()?)
}

fn base(kind: &str, id: Option<&str>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("source".into(), SOURCE.into());
    m.insert("v".into(), VERSION.into());
    m.insert("type".into(), kind.into());
    if let Some(id) = id {
        m.insert("id".into(), id.into());
    }
    m
}

/// A height as a widget reports it: whole CSS pixels, clamped; `None` when not a number.
pub fn clamp_height(h: f64) -> Option<u32> {
    h.is_finite()
        .then(|| h.ceil().clamp(MIN_HEIGHT as f64, MAX_HEIGHT as f64) as u32)
}

/// Widget → host: the content's height.
pub fn height(id: Option<&str>, h: u32) -> Value {
    let mut m = base("height", id);
    m.insert("height".into(), h.into());
    Value::Object(m)
}

/// Widget → host: the reader clicked a region, bar or legend entry.
/// `selection` is what was clicked (`null` fields mean cleared), `filter` the
/// filter that results.
pub fn select(id: Option<&str>, clicked: Option<&Selection>, filter: &Filter) -> Value {
    let mut m = base("select", id);
    let sel = clicked.map(|s| {
        let (field, value) = s.field_and_value();
        json!({ "field": field, "value": value })
    });
    m.insert("selection".into(), sel.unwrap_or(Value::Null));
    m.insert(
        "filter".into(),
        json!({
            "region": filter.region,
            "area": filter.area,
            "gender": filter.gender.map(|g| g.as_str()),
        }),
    );
    Value::Object(m)
}

/// What a click changed: the one field that differs between two filters
/// (a click changes one field), `None` when nothing or several changed.
pub fn clicked(before: &Filter, after: &Filter) -> Option<Selection> {
    let mut changed = Vec::new();
    if before.region != after.region {
        changed.push(after.region.clone().map(Selection::Region));
    }
    if before.area != after.area {
        changed.push(after.area.clone().map(Selection::Area));
    }
    if before.gender != after.gender {
        changed.push(after.gender.map(Selection::Gender));
    }
    match changed.as_slice() {
        [one] => one.clone(),
        _ => None,
    }
}

/// The height a host accepts from a widget message (what `public/embed.js`
/// does, written once in Rust as its specification): our envelope, type
/// `height`, a finite number, clamped.
pub fn accepted_height(v: &Value) -> Option<u32> {
    let o = envelope(v, "height")?;
    clamp_height(o.get("height")?.as_f64()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: Value) -> Option<Set> {
        parse_set(&v)
    }

    #[test]
    fn accepts_well_formed_set_messages() {
        let s =
            set(json!({"source": "impact-atlas", "v": 1, "type": "set", "lang": "ar"})).unwrap();
        assert_eq!(s.lang, Some(Locale::Ar));
        assert_eq!(s.region, Change::Keep);
        let s = set(json!({
            "source": "impact-atlas", "v": 1, "type": "set",
            "region": "MA-07", "area": null, "gender": "female"
        }))
        .unwrap();
        let before = Filter {
            region: None,
            area: Some("x".into()),
            gender: None,
        };
        assert_eq!(
            s.filter(&before),
            Filter {
                region: Some("MA-07".into()),
                area: None,
                gender: Some(Gender::Female)
            }
        );
        assert!(
            parse_set_text(r#"{"source":"impact-atlas","v":1,"type":"set","lang":"en"}"#).is_some()
        );
    }

    #[test]
    fn ignores_anything_else() {
        let bad = [
            json!(null),
            json!("set"),
            json!([1]),
            json!({"v": 1, "type": "set", "lang": "ar"}),
            json!({"source": "other", "v": 1, "type": "set", "lang": "ar"}),
            json!({"source": "impact-atlas", "v": 2, "type": "set", "lang": "ar"}),
            json!({"source": "impact-atlas", "v": "1", "type": "set", "lang": "ar"}),
            json!({"source": "impact-atlas", "v": 1, "type": "height", "height": 5}),
            json!({"source": "impact-atlas", "v": 1, "type": "set"}),
            json!({"source": "impact-atlas", "v": 1, "type": "set", "lang": "de"}),
            json!({"source": "impact-atlas", "v": 1, "type": "set", "lang": 3}),
            json!({"source": "impact-atlas", "v": 1, "type": "set", "gender": "other"}),
            json!({"source": "impact-atlas", "v": 1, "type": "set", "region": 7}),
            json!({"source": "impact-atlas", "v": 1, "type": "set", "region": "a b"}),
            json!({"source": "impact-atlas", "v": 1, "type": "set", "lang": "ar", "extra": 1}),
        ];
        for b in bad {
            assert_eq!(set(b.clone()), None, "{b}");
        }
        assert_eq!(parse_set_text("not json"), None);
        assert_eq!(parse_set_text(&format!("\"{}\"", "x".repeat(5000))), None);
    }

    #[test]
    fn widget_messages_have_the_envelope() {
        let h = height(Some("w1"), 420);
        assert_eq!(
            h,
            json!({"source": "impact-atlas", "v": 1, "type": "height", "id": "w1", "height": 420})
        );
        assert_eq!(accepted_height(&h), Some(420));
        assert_eq!(
            accepted_height(
                &json!({"source": "impact-atlas", "v": 1, "type": "height", "height": 1e9})
            ),
            Some(MAX_HEIGHT)
        );
        assert_eq!(
            accepted_height(
                &json!({"source": "impact-atlas", "v": 1, "type": "height", "height": "9"})
            ),
            None
        );
        assert_eq!(
            accepted_height(&json!({"source": "x", "v": 1, "type": "height", "height": 9})),
            None
        );
        assert_eq!(clamp_height(f64::NAN), None);
        assert_eq!(clamp_height(-3.0), Some(MIN_HEIGHT));
        assert_eq!(clamp_height(300.2), Some(301));

        let f = Filter {
            region: Some("MA-07".into()),
            ..Filter::default()
        };
        let s = select(None, clicked(&Filter::default(), &f).as_ref(), &f);
        assert_eq!(
            s,
            json!({
                "source": "impact-atlas", "v": 1, "type": "select",
                "selection": {"field": "region", "value": "MA-07"},
                "filter": {"region": "MA-07", "area": null, "gender": null}
            })
        );
    }

    #[test]
    fn a_click_changes_one_field() {
        let a = Filter::default();
        let b = Filter {
            gender: Some(Gender::Male),
            ..a.clone()
        };
        assert_eq!(clicked(&a, &b), Some(Selection::Gender(Gender::Male)));
        assert_eq!(clicked(&b, &a), None); // cleared: no selection, the filter says it
        assert_eq!(clicked(&a, &a), None);
    }
}
