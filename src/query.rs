//! The URL's query string (pure): reading the filter and language from it and
//! writing updated links, so that every view can be shared as a link.

use crate::model::{Dataset, Gender};
use crate::stats::Filter;
use crate::vocab::FilterField;

/// Reads the filter from query parameters (`region`, `area`, `gender`).
pub fn filter_from(get: impl Fn(&str) -> Option<String>) -> Filter {
    let clean = |k: &str| {
        get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Filter {
        region: clean(FilterField::Region.as_str()),
        area: clean(FilterField::Area.as_str()),
        gender: clean(FilterField::Gender.as_str()).and_then(|g| Gender::parse(&g)),
    }
}

/// Drops filter values that the dataset does not know (a stale or mistyped link).
pub fn sanitize(filter: Filter, ds: &Dataset) -> Filter {
    Filter {
        region: filter.region.filter(|r| ds.region(r).is_some()),
        area: filter.area.filter(|a| ds.area(a).is_some()),
        gender: filter.gender,
    }
}

/// The filter values of the address that are ignored: a region or an area
/// the data does not have, a gender that is not one (a stale or mistyped
/// link). Each with the field and the value as given (trimmed, at most 40
/// characters), in the order of [`FilterField::ALL`].
pub fn ignored_params(
    get: impl Fn(&str) -> Option<String>,
    ds: &Dataset,
) -> Vec<(FilterField, String)> {
    let raw = filter_from(&get);
    let kept = sanitize(raw.clone(), ds);
    FilterField::ALL
        .into_iter()
        .filter_map(|field| {
            let given = get(field.as_str())?.trim().to_string();
            let dropped = match field {
                FilterField::Region => raw.region.is_some() && kept.region.is_none(),
                FilterField::Area => raw.area.is_some() && kept.area.is_none(),
                FilterField::Gender => !given.is_empty() && raw.gender.is_none(),
            };
            dropped.then(|| (field, given.chars().take(40).collect()))
        })
        .collect()
}

/// The values of a filter's fields, in the order of [`FilterField::ALL`].
pub fn filter_params(filter: &Filter) -> [Option<String>; 3] {
    FilterField::ALL.map(|field| match field {
        FilterField::Region => filter.region.clone(),
        FilterField::Area => filter.area.clone(),
        FilterField::Gender => filter.gender.map(|g| g.as_str().to_string()),
    })
}

/// `current` (the pairs of the present query) with `updates` applied: a
/// `Some` value sets the key, `None` removes it. Returns `""` or `?a=b&…`.
pub fn with_params(current: &[(String, String)], updates: &[(&str, Option<String>)]) -> String {
    let mut pairs: Vec<(String, String)> = current
        .iter()
        .filter(|(k, _)| !updates.iter().any(|(u, _)| u == k))
        .cloned()
        .collect();
    for (k, v) in updates {
        if let Some(v) = v {
            pairs.push((k.to_string(), v.clone()));
        }
    }
    if pairs.is_empty() {
        return String::new();
    }
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    format!("?{}", body.join("&"))
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn reads_the_filter() {
        let f = filter_from(|k| match k {
            "region" => Some("MA-07".into()),
            "gender" => Some("female".into()),
            "area" => Some("  ".into()),
            _ => None,
        });
        assert_eq!(f.region.as_deref(), Some("MA-07"));
        assert_eq!(f.gender, Some(Gender::Female));
        assert_eq!(f.area, None);
        assert_eq!(
            filter_from(|k| (k == "gender").then(|| "x".into())).gender,
            None
        );
    }

    #[test]
    fn updates_keep_other_parameters() {
        let cur = q(&[("lang", "ar"), ("region", "MA-01")]);
        assert_eq!(
            with_params(&cur, &[("region", Some("MA-07".into()))]),
            "?lang=ar&region=MA-07"
        );
        assert_eq!(with_params(&cur, &[("region", None)]), "?lang=ar");
        assert_eq!(
            with_params(&q(&[("region", "MA-01")]), &[("region", None)]),
            ""
        );
        assert_eq!(with_params(&[], &[("lang", Some("fr".into()))]), "?lang=fr");
    }

    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(encode("MA-07"), "MA-07");
    }

    #[test]
    fn ignored_params_name_what_the_data_does_not_have() {
        let ds = crate::testing::small();
        let ignored = |pairs: Vec<(&str, String)>| {
            ignored_params(
                |k| {
                    pairs
                        .iter()
                        .find(|(key, _)| *key == k)
                        .map(|(_, v)| v.clone())
                },
                &ds,
            )
        };
        assert!(ignored(vec![("region", "R1".into()), ("gender", "female".into())]).is_empty());
        assert!(ignored(vec![("region", " ".into())]).is_empty());
        assert_eq!(
            ignored(vec![
                ("region", "MA-99".into()),
                ("area", "alpha".into()),
                ("gender", "x".into())
            ]),
            vec![
                (FilterField::Region, "MA-99".to_string()),
                (FilterField::Gender, "x".to_string())
            ]
        );
        assert_eq!(ignored(vec![("area", "a".repeat(100))])[0].1.len(), 40);
    }
}
