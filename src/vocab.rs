//! The dashboard's vocabulary (pure): each domain word (gender, status,
//! qualifier, filter field) has one spelling in URLs, test ids and CSV
//! (`as_str` / `parse`) and one translated word (`msg`). Every view and model
//! goes through these instead of spelling the words again.

use crate::i18n::{Locale, Msg};
use crate::model::{Gender, Qualifier, Status};

impl Gender {
    /// Both genders, women first (the order of every legend and table).
    pub const ALL: [Gender; 2] = [Gender::Female, Gender::Male];

    /// The word in URLs, test ids and the data format (`female`, `male`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
        }
    }

    /// The inverse of [`Gender::as_str`]; anything else is `None`.
    pub fn parse(s: &str) -> Option<Gender> {
        Gender::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// The translated word ("Women", "Femmes", "النساء").
    pub const fn msg(self) -> Msg {
        match self {
            Gender::Female => Msg::AppGenderFemale,
            Gender::Male => Msg::AppGenderMale,
        }
    }
}

impl Status {
    /// Every status, from the most to the least certain.
    pub const ALL: [Status; 4] = [
        Status::Reported,
        Status::Derived,
        Status::Estimated,
        Status::Illustrative,
    ];

    /// The word in the data format and in CSS classes (`reported`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Derived => "derived",
            Status::Estimated => "estimated",
            Status::Illustrative => "illustrative",
        }
    }

    /// The inverse of [`Status::as_str`].
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The translated word ("reported", "publié", "مُعلَن"): the one term
    /// used in badges, tooltips, tables and CSV files.
    pub const fn msg(self) -> Msg {
        match self {
            Status::Reported => Msg::DataStatusReported,
            Status::Derived => Msg::DataStatusDerived,
            Status::Estimated => Msg::DataStatusEstimated,
            Status::Illustrative => Msg::DataStatusIllustrative,
        }
    }

    /// A sentence saying what the status means (for "Data & methods").
    pub const fn help(self) -> Msg {
        match self {
            Status::Reported => Msg::DataStatusReportedHelp,
            Status::Derived => Msg::DataStatusDerivedHelp,
            Status::Estimated => Msg::DataStatusEstimatedHelp,
            Status::Illustrative => Msg::DataStatusIllustrativeHelp,
        }
    }

    /// The CSS classes of its badge.
    pub const fn badge_class(self) -> &'static str {
        match self {
            Status::Reported => "badge badge-reported",
            Status::Derived => "badge badge-derived",
            Status::Estimated => "badge badge-estimated",
            Status::Illustrative => "badge badge-illustrative",
        }
    }
}

impl Qualifier {
    /// The catalogue template, with a `{value}` placeholder ("more than {value}").
    pub const fn msg(self) -> Msg {
        match self {
            Qualifier::Exact => Msg::DataQualifierExact,
            Qualifier::MoreThan => Msg::DataQualifierMoreThan,
            Qualifier::About => Msg::DataQualifierAbout,
        }
    }

    /// An already formatted value with its qualifier in words: "plus de 4 200".
    pub fn words(self, locale: Locale, formatted: &str) -> String {
        locale.tf(self.msg(), &[("value", formatted)])
    }

    /// The compact form for charts and cards: `4,200+`, `≈2,016`, `700`.
    pub fn compact(self, formatted: &str) -> String {
        match self {
            Qualifier::Exact => formatted.to_string(),
            Qualifier::MoreThan => format!("{formatted}+"),
            Qualifier::About => format!("≈{formatted}"),
        }
    }
}

/// A field of the dashboard's filter, as named in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilterField {
    Region,
    Area,
    Gender,
}

impl FilterField {
    pub const ALL: [FilterField; 3] = [FilterField::Region, FilterField::Area, FilterField::Gender];

    /// The query parameter (`region`, `area`, `gender`).
    pub const fn as_str(self) -> &'static str {
        match self {
            FilterField::Region => "region",
            FilterField::Area => "area",
            FilterField::Gender => "gender",
        }
    }

    pub fn parse(s: &str) -> Option<FilterField> {
        FilterField::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The field's label ("Region", "Program area", "Gender").
    pub const fn msg(self) -> Msg {
        match self {
            FilterField::Region => Msg::AppFilterRegion,
            FilterField::Area => Msg::AppFilterArea,
            FilterField::Gender => Msg::AppFilterGender,
        }
    }

    /// "All regions", "All program areas", "Both genders".
    pub const fn all_msg(self) -> Msg {
        match self {
            FilterField::Region => Msg::AppFilterAllRegions,
            FilterField::Area => Msg::AppFilterAllAreas,
            FilterField::Gender => Msg::AppFilterAllGenders,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for g in Gender::ALL {
            assert_eq!(Gender::parse(g.as_str()), Some(g));
            // The same word as serde's, so URLs and the data format agree.
            assert_eq!(
                serde_json::to_string(&g).unwrap(),
                format!("\"{}\"", g.as_str())
            );
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for f in FilterField::ALL {
            assert_eq!(FilterField::parse(f.as_str()), Some(f));
        }
        assert_eq!(Gender::parse("Female"), None);
        assert_eq!(Status::parse(""), None);
    }

    #[test]
    fn qualifiers_compact_and_in_words() {
        assert_eq!(Qualifier::MoreThan.compact("4,200"), "4,200+");
        assert_eq!(Qualifier::About.compact("60"), "≈60");
        assert_eq!(Qualifier::Exact.compact("7"), "7");
        assert_eq!(
            Qualifier::MoreThan.words(Locale::En, "4,200"),
            "more than 4,200"
        );
        assert_eq!(Qualifier::Exact.words(Locale::Fr, "7"), "7");
    }
}
