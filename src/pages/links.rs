//! What the explore pages share (pure): their paths, a link, and one
//! reported figure as a row of text (value with its qualifier, where, who,
//! status, source), built once for the program, area and region pages.

use crate::i18n::format;
use crate::i18n::{Locale, Msg};
use crate::model::{Dataset, Observation, Status};

/// The kind of an explore page, for its path and breadcrumb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Region,
    Program,
    Area,
}

impl Kind {
    /// The first path segment (`regions`, `programs`, `areas`).
    pub const fn segment(self) -> &'static str {
        match self {
            Kind::Region => "regions",
            Kind::Program => "programs",
            Kind::Area => "areas",
        }
    }
    /// "Region", "Program", "Program area".
    pub const fn msg(self) -> Msg {
        match self {
            Kind::Region => Msg::PagesRegionKind,
            Kind::Program => Msg::PagesProgramKind,
            Kind::Area => Msg::PagesAreaKind,
        }
    }
    /// The heading of the list of every page of this kind.
    pub const fn list_msg(self) -> Msg {
        match self {
            Kind::Region => Msg::PagesListRegions,
            Kind::Program => Msg::PagesListPrograms,
            Kind::Area => Msg::PagesListAreas,
        }
    }
}

/// The path of the list of every explore page.
pub const EXPLORE_PATH: &str = "/explore";

/// Percent-encodes an id for a path segment (ids come from the data).
pub fn encode_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The inverse of [`encode_segment`]; `None` for a malformed escape or bytes
/// that are not UTF-8.
pub fn decode_segment(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `/regions/MA-07` (without the language).
pub fn path(kind: Kind, id: &str) -> String {
    format!("/{}/{}", kind.segment(), encode_segment(id))
}

/// A link to an explore page: its path (without the language) and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub path: String,
    pub text: String,
}

impl Link {
    pub fn new(kind: Kind, id: &str, text: &str) -> Link {
        Link {
            path: path(kind, id),
            text: text.to_string(),
        }
    }
}

/// Every page of a kind, in the data's order.
pub fn all(ds: &Dataset, kind: Kind, locale: Locale) -> Vec<Link> {
    match kind {
        Kind::Region => ds
            .regions
            .iter()
            .map(|r| Link::new(kind, &r.code, r.name.get(locale)))
            .collect(),
        Kind::Program => ds
            .programs
            .iter()
            .map(|p| Link::new(kind, &p.id, p.name.get(locale)))
            .collect(),
        Kind::Area => ds
            .areas
            .iter()
            .map(|a| Link::new(kind, &a.id, a.name.get(locale)))
            .collect(),
    }
}

/// One figure as text.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRow {
    /// The indicator's name.
    pub indicator: String,
    /// The value with its qualifier in words ("more than 4,200", "48%").
    pub value: String,
    /// Where ("Overall", a region, a country), with a link for a region.
    pub place: String,
    pub place_link: Option<Link>,
    /// Whom: a gender or a group, when the figure is about one.
    pub who: Option<String>,
    pub status: Status,
    /// The source's publisher and title.
    pub source: String,
}

/// The figure of one observation in `locale`.
pub fn figure(ds: &Dataset, o: &Observation, locale: Locale) -> FigureRow {
    let number = if o.is_share() {
        format::percent(locale, o.value())
    } else {
        format::count(locale, o.value())
    };
    let region = o.region.as_deref().and_then(|r| ds.region(r));
    let place = match (region, o.country.as_deref().and_then(|c| ds.country(c))) {
        (Some(r), _) => r.name.get(locale).to_string(),
        (None, Some(c)) => c.name.get(locale).to_string(),
        (None, None) => locale.t(Msg::PagesWhereOverall).to_string(),
    };
    let who = match (o.gender, o.group.as_deref()) {
        (Some(g), _) => Some(locale.t(g.msg()).to_string()),
        (None, Some(g)) => Some(
            ds.group(g)
                .map(|g| g.name.get(locale).to_string())
                .unwrap_or_else(|| g.to_string()),
        ),
        (None, None) => None,
    };
    FigureRow {
        indicator: ds
            .indicator(&o.indicator)
            .map(|i| i.name.get(locale).to_string())
            .unwrap_or_else(|| o.indicator.to_string()),
        value: o.qualifier.words(locale, &number),
        place,
        place_link: region.map(|r| Link::new(Kind::Region, &r.code, r.name.get(locale))),
        who,
        status: o.status,
        source: ds
            .source(&o.source)
            .map(|s| format!("{} · {}", s.publisher, s.title.get(locale)))
            .unwrap_or_else(|| o.source.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_paths() {
        assert_eq!(path(Kind::Region, "MA-07"), "/regions/MA-07");
        assert_eq!(path(Kind::Program, "a b/c"), "/programs/a%20b%2Fc");
        assert_eq!(decode_segment("a%20b%2Fc").as_deref(), Some("a b/c"));
        assert_eq!(decode_segment("%E2%80%8F").as_deref(), Some("\u{200F}"));
        assert_eq!(decode_segment("bad%2"), None);
        assert_eq!(decode_segment("%FF"), None);
    }

    #[test]
    fn a_figure_keeps_qualifier_status_and_source() {
        let ds = crate::testing::small();
        let o = &ds.observations[0];
        let f = figure(&ds, o, Locale::En);
        assert_eq!(f.value, "more than 1,000");
        assert_eq!(f.place, "Overall");
        assert_eq!(f.status, Status::Reported);
        assert_eq!(f.source, "P · Communiqué");
        let share = figure(&ds, &ds.observations[1], Locale::Fr);
        assert_eq!(share.value, "40\u{202F}%");
        assert_eq!(share.who.as_deref(), Some("Femmes"));
        let r2 = ds
            .observations
            .iter()
            .find(|o| o.region.as_deref() == Some("R2") && o.area.is_none() && o.gender.is_none())
            .unwrap();
        let f = figure(&ds, r2, Locale::Ar);
        assert_eq!(f.value, "حوالي 900");
        assert_eq!(f.place_link.unwrap().path, "/regions/R2");
    }
}
