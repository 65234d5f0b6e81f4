//! A shared id or code of the data (pure): the ids that observations repeat
//! (indicator, source, area, program, region, country, group, period) are
//! held once and shared, so that 100,000 observations of twelve regions hold
//! twelve region strings, not 100,000 (issue 14, "growth stays linear").
//! An [`Id`] reads like a `&str` (`Deref`, comparisons with `str`), and is
//! written and read as a JSON string.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An id or code, shared between every observation that names it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Id(Arc<str>);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// True when both are the same allocation (shared, not merely equal).
    pub fn shares(&self, other: &Id) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(Arc::from(s))
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id(Arc::from(s))
    }
}

impl From<&String> for Id {
    fn from(s: &String) -> Id {
        Id(Arc::from(s.as_str()))
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0.to_string()
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        **self == *other.0
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(intern(&s))
    }
}

thread_local! {
    /// The ids met while one document is decoded ([`Interning`]).
    static TABLE: RefCell<Option<HashSet<Arc<str>>>> = const { RefCell::new(None) };
}

/// The id for `s`: the one already met while decoding, if any.
pub fn intern(s: &str) -> Id {
    TABLE.with(|t| match t.borrow_mut().as_mut() {
        None => Id::from(s),
        Some(table) => {
            if let Some(found) = table.get(s) {
                Id(found.clone())
            } else {
                let id: Arc<str> = Arc::from(s);
                table.insert(id.clone());
                Id(id)
            }
        }
    })
}

/// While alive, equal ids decoded on this thread share one allocation; the
/// table is dropped with the guard (the ids stay, shared by their holders).
pub struct Interning(());

impl Interning {
    pub fn start() -> Interning {
        TABLE.with(|t| *t.borrow_mut() = Some(HashSet::new()));
        Interning(())
    }
}

impl Drop for Interning {
    fn drop(&mut self) {
        TABLE.with(|t| *t.borrow_mut() = None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_ids_share_while_interning_and_not_after() {
        let a: Id;
        let b: Id;
        {
            let _on = Interning::start();
            a = serde_json::from_str("\"MA-07\"").unwrap();
            b = serde_json::from_str("\"MA-07\"").unwrap();
        }
        assert!(a.shares(&b));
        assert_eq!(a, "MA-07");
        let c: Id = serde_json::from_str("\"MA-07\"").unwrap();
        assert!(!a.shares(&c));
        assert_eq!(a, c);
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"MA-07\"");
    }
}
