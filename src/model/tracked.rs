//! A typed read of a JSON tree that says where it failed (issue 14, size).
//!
//! `serde_path_to_error` wraps every visitor of the model in its own type, so
//! each struct's decoding was compiled twice over (its visitor and the
//! wrapper's, through `serde_json::Value`'s deserializer): about 6 KB of the
//! wasm, brotli. This deserializer *is* the tree's deserializer, with the
//! path kept as it goes: one instantiation per visitor, as without paths.
//!
//! It reads a [`Value`] as `serde_json::Value`'s own deserializer does (the
//! same calls to the visitors, so the same values and the same messages) and
//! records the path of the innermost value or key whose read failed, as
//! `serde_path_to_error` does; a test compares the two on every leaf and key
//! of the fixtures, changed in many ways.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use serde_json::{Error, Value};
use std::cell::Cell;

/// Where a value sits in the tree.
#[derive(Clone, Copy)]
enum Chain<'c> {
    Root,
    Key(&'c Chain<'c>, &'c str),
    Index(&'c Chain<'c>, usize),
}

impl Chain<'_> {
    /// `a.b[2].c`; the root is "".
    fn path(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// The parent's path, then this segment (the depth is the document's).
    fn write(&self, out: &mut String) {
        match self {
            Chain::Root => {}
            Chain::Key(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Chain::Index(parent, i) => {
                parent.write(out);
                out.push_str(&format!("[{i}]"));
            }
        }
    }
}

/// The path of the first failure: set once, by the innermost read that failed.
type Slot = Cell<Option<String>>;

#[inline(never)]
fn trigger(slot: &Slot, chain: &Chain) {
    let set = slot.take().unwrap_or_else(|| chain.path());
    slot.set(Some(set));
}

/// Reads a `T` from `value`; on failure, the error and the path where it
/// happened ("" for the root).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, (String, Error)> {
    let slot = Slot::new(None);
    T::deserialize(Tracked {
        v: value,
        chain: &Chain::Root,
        slot: &slot,
    })
    .map_err(|e| (slot.take().unwrap_or_default(), e))
}

struct Tracked<'c> {
    v: Value,
    chain: &'c Chain<'c>,
    slot: &'c Slot,
}

impl Tracked<'_> {
    fn track<T>(&self, r: Result<T, Error>) -> Result<T, Error> {
        if r.is_err() {
            trigger(self.slot, self.chain);
        }
        r
    }

    fn seq<'de, V: Visitor<'de>>(self, items: Vec<Value>, visitor: V) -> Result<V::Value, Error> {
        let len = items.len();
        let mut access = Seq {
            iter: items.into_iter(),
            index: 0,
            chain: self.chain,
            slot: self.slot,
        };
        let r = visitor.visit_seq(&mut access).and_then(|v| {
            if access.iter.len() == 0 {
                Ok(v)
            } else {
                Err(de::Error::invalid_length(len, &"fewer elements in array"))
            }
        });
        self.track(r)
    }

    fn map<'de, V: Visitor<'de>>(
        self,
        members: serde_json::Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let len = members.len();
        let mut access = Map {
            iter: members.into_iter(),
            value: None,
            key: String::new(),
            chain: self.chain,
            slot: self.slot,
        };
        let r = visitor.visit_map(&mut access).and_then(|v| {
            if access.iter.len() == 0 {
                Ok(v)
            } else {
                Err(de::Error::invalid_length(len, &"fewer elements in map"))
            }
        });
        self.track(r)
    }
}

/// The methods that read no nested value: `Value`'s own, the failure tracked.
macro_rules! leaf {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let chain = self.chain;
            let slot = self.slot;
            let r = self.v.$method(visitor);
            if r.is_err() {
                trigger(slot, chain);
            }
            r
        }
    )*};
}

/// How serde names `v` in an "invalid type" message (as `Value` does).
fn unexpected(v: &Value) -> de::Unexpected<'_> {
    use de::Unexpected as U;
    match v {
        Value::Null => U::Unit,
        Value::Bool(b) => U::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => U::Unsigned(u),
            (None, Some(i)) => U::Signed(i),
            _ => U::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => U::Str(s),
        Value::Array(_) => U::Seq,
        Value::Object(_) => U::Map,
    }
}

impl<'de> Deserializer<'de> for Tracked<'_> {
    type Error = Error;

    /// A list or an object read here, with its path; any other value as
    /// `Value` reads it. (Not through `Value`'s own `deserialize_any` or
    /// `deserialize_struct`: those would compile each visitor's reading of
    /// lists and objects a second time.)
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Tracked { v, chain, slot } = self;
        let this = Tracked {
            v: Value::Null,
            chain,
            slot,
        };
        let r = match v {
            Value::Array(items) => return this.seq(items, visitor),
            Value::Object(members) => return this.map(members, visitor),
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_string(s),
        };
        this.track(r)
    }

    leaf!(
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_unit,
        deserialize_identifier
    );

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.v.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let fits = self.v.is_array();
        self.read_if(fits, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let fits = self.v.is_object();
        self.read_if(fits, visitor)
    }

    /// As `Value` does: a struct from an object, or from a list of its
    /// fields (which `parse::readable_shape` refuses before).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let fits = self.v.is_array() || self.v.is_object();
        self.read_if(fits, visitor)
    }

    /// `Value`'s: the model's enums are names (unit variants).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (chain, slot) = (self.chain, self.slot);
        let r = self.v.deserialize_enum(name, variants, visitor);
        if r.is_err() {
            trigger(slot, chain);
        }
        r
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

impl Tracked<'_> {
    /// The value read as `deserialize_any` reads it if it `fits` what the
    /// visitor asked for, else "invalid type: …, expected …", here.
    fn read_if<'de, V: Visitor<'de>>(self, fits: bool, visitor: V) -> Result<V::Value, Error> {
        if fits {
            self.deserialize_any(visitor)
        } else {
            self.refuse(&visitor)
        }
    }

    /// (Not generic: one copy, whatever the visitor.)
    fn refuse<T>(self, expected: &dyn de::Expected) -> Result<T, Error> {
        let e = de::Error::invalid_type(unexpected(&self.v), expected);
        self.track(Err(e))
    }
}

struct Seq<'c> {
    iter: std::vec::IntoIter<Value>,
    index: usize,
    chain: &'c Chain<'c>,
    slot: &'c Slot,
}

impl<'de> de::SeqAccess<'de> for Seq<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(v) = self.iter.next() else {
            return Ok(None);
        };
        let chain = Chain::Index(self.chain, self.index);
        self.index += 1;
        seed.deserialize(Tracked {
            v,
            chain: &chain,
            slot: self.slot,
        })
        .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct Map<'c> {
    iter: serde_json::map::IntoIter,
    value: Option<Value>,
    key: String,
    chain: &'c Chain<'c>,
    slot: &'c Slot,
}

impl<'de> de::MapAccess<'de> for Map<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        self.key = key;
        let r = seed.deserialize(de::value::StrDeserializer::<Error>::new(&self.key));
        if r.is_err() {
            // An unknown key: its path (`serde_path_to_error` says the same).
            trigger(self.slot, &Chain::Key(self.chain, &self.key));
        }
        r.map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        let v = self
            .value
            .take()
            .ok_or_else(|| <Error as de::Error>::custom("value is missing"))?;
        let chain = Chain::Key(self.chain, &self.key);
        seed.deserialize(Tracked {
            v,
            chain: &chain,
            slot: self.slot,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;
    use serde_json::json;

    /// `serde_path_to_error`'s answer, in the same shape ("" for the root).
    fn reference(doc: &Value) -> Result<Dataset, (String, String)> {
        serde_path_to_error::deserialize(doc.clone()).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            (path, e.inner().to_string())
        })
    }

    fn ours(doc: &Value) -> Result<Dataset, (String, String)> {
        from_value(doc.clone()).map_err(|(path, e)| (path, e.to_string()))
    }

    /// Every object and list of `v`, and every leaf, by JSON pointer.
    fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        match v {
            Value::Object(m) => m
                .iter()
                .for_each(|(k, v)| pointers(v, format!("{at}/{k}"), out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
            _ => {}
        }
    }

    fn same(doc: &Value, what: &str) -> usize {
        let (a, b) = (ours(doc), reference(doc));
        match (&a, &b) {
            (Ok(x), Ok(y)) => assert_eq!(x, y, "{what}"),
            _ => assert_eq!(a.clone().err(), b.clone().err(), "{what}"),
        }
        a.is_err() as usize
    }

    /// The same dataset, the same error and the same path as
    /// `serde_path_to_error` over `Value`, for every value of the fixtures
    /// replaced by odd ones, every key removed and an unknown key added to
    /// every object.
    #[test]
    fn as_serde_path_to_error_everywhere() {
        let odd = [
            json!(null),
            json!(true),
            json!(0),
            json!(-1),
            json!(1.5),
            json!(18446744073709551615u64),
            json!(""),
            json!("reported"),
            json!("MA-07"),
            json!([]),
            json!([1, 2, 3]),
            json!(["a"]),
            json!({}),
            json!({"reported": null}),
            json!({"x": 1}),
        ];
        let mut errors = 0;
        let mut cases = 0;
        for text in [
            include_str!("../../tests/fixtures/good-minimal.json"),
            include_str!("../../public/data/impact.json"),
        ] {
            let base: Value = serde_json::from_str(text).unwrap();
            assert!(ours(&base).is_ok());
            same(&base, "the fixture");
            let mut all = Vec::new();
            pointers(&base, String::new(), &mut all);
            // The shipped dataset is large: one place in 25 of it.
            let step = if all.len() > 400 { 25 } else { 1 };
            for p in all.iter().step_by(step) {
                for o in &odd {
                    let mut doc = base.clone();
                    *doc.pointer_mut(p).unwrap() = o.clone();
                    errors += same(&doc, &format!("{p} = {o}"));
                    cases += 1;
                }
                match base.pointer(p).unwrap() {
                    Value::Object(m) => {
                        for k in m.keys() {
                            let mut doc = base.clone();
                            doc.pointer_mut(p)
                                .unwrap()
                                .as_object_mut()
                                .unwrap()
                                .remove(k);
                            errors += same(&doc, &format!("{p}/{k} removed"));
                            cases += 1;
                        }
                        let mut doc = base.clone();
                        doc.pointer_mut(p)
                            .unwrap()
                            .as_object_mut()
                            .unwrap()
                            .insert("colour".into(), json!("red"));
                        errors += same(&doc, &format!("{p}/colour added"));
                        cases += 1;
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let mut doc = base.clone();
                        doc.pointer_mut(p)
                            .unwrap()
                            .as_array_mut()
                            .unwrap()
                            .push(json!(7));
                        errors += same(&doc, &format!("{p} + 7"));
                        cases += 1;
                    }
                    _ => {}
                }
            }
        }
        // The test compared failures, not only successes.
        assert!(errors > cases / 2, "{errors} errors in {cases} cases");
        assert!(cases > 2000, "{cases} cases");
    }

    #[test]
    fn paths_read_as_serde_path_to_error_writes_them() {
        let base: Value =
            serde_json::from_str(include_str!("../../tests/fixtures/good-minimal.json")).unwrap();
        let mut doc = base.clone();
        doc["observations"][1]["count"] = json!("60");
        assert_eq!(ours(&doc).unwrap_err().0, "observations[1].count");
        let mut doc = base.clone();
        doc["observations"][2]["colour"] = json!(1);
        assert_eq!(ours(&doc).unwrap_err().0, "observations[2].colour");
        let mut doc = base;
        doc["colour"] = json!(1);
        assert_eq!(ours(&doc).unwrap_err().0, "colour");
        assert_eq!(ours(&json!(5)).unwrap_err().0, "");
    }
}
