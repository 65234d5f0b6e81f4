//! CLDR plural categories for whole numbers (pure), the same answers as the
//! browser's `Intl.PluralRules(tag).select(n)` for the languages we have,
//! so that Arabic nouns agree with their numbers natively and in the
//! browser alike. Counts of people are whole, so only integers are handled.

use super::Locale;

/// A CLDR plural category. The order is the order of the forms in the
/// catalogue (build.rs's `PLURAL_FORMS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Plural {
    Zero = 0,
    One = 1,
    Two = 2,
    Few = 3,
    Many = 4,
    Other = 5,
}

impl Plural {
    /// The CLDR keyword (`"few"`), as `Intl.PluralRules` returns it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

/// The category of the whole number `n` in `locale` (CLDR 45 rules).
pub const fn category(locale: Locale, n: u64) -> Plural {
    match locale {
        // zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10;
        // many: n % 100 = 11..99; other: the rest (100, 101, 102, ...).
        Locale::Ar => match (n, n % 100) {
            (0, _) => Plural::Zero,
            (1, _) => Plural::One,
            (2, _) => Plural::Two,
            (_, 3..=10) => Plural::Few,
            (_, 11..=99) => Plural::Many,
            _ => Plural::Other,
        },
        // one: i = 0,1; many: a non-zero multiple of a million (e = 0);
        // other: the rest.
        Locale::Fr => match n {
            0 | 1 => Plural::One,
            _ if n.is_multiple_of(1_000_000) => Plural::Many,
            _ => Plural::Other,
        },
        // one: i = 1 and v = 0; other: the rest.
        Locale::En => match n {
            1 => Plural::One,
            _ => Plural::Other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats(locale: Locale, ns: &[u64]) -> Vec<&'static str> {
        ns.iter().map(|n| category(locale, *n).as_str()).collect()
    }

    const NS: [u64; 8] = [0, 1, 2, 3, 10, 11, 99, 100];

    /// Expected values are what `new Intl.PluralRules(tag).select(n)` gives.
    #[test]
    fn arabic_has_six_forms() {
        assert_eq!(
            cats(Locale::Ar, &NS),
            ["zero", "one", "two", "few", "few", "many", "many", "other"]
        );
        assert_eq!(
            cats(Locale::Ar, &[101, 102, 103, 110, 111, 199, 200, 1000, 4200]),
            [
                "other", "other", "few", "few", "many", "many", "other", "other", "other"
            ]
        );
        for n in 3..=10 {
            assert_eq!(category(Locale::Ar, n), Plural::Few, "{n}");
        }
        for n in 11..=99 {
            assert_eq!(category(Locale::Ar, n), Plural::Many, "{n}");
        }
    }

    #[test]
    fn french_counts_zero_and_one_as_singular() {
        assert_eq!(
            cats(Locale::Fr, &NS),
            [
                "one", "one", "other", "other", "other", "other", "other", "other"
            ]
        );
        assert_eq!(
            cats(Locale::Fr, &[101, 102, 1_000_000, 2_000_000, 1_000_001]),
            ["other", "other", "many", "many", "other"]
        );
    }

    #[test]
    fn english_has_one_and_other() {
        assert_eq!(
            cats(Locale::En, &NS),
            [
                "other", "one", "other", "other", "other", "other", "other", "other"
            ]
        );
        assert_eq!(cats(Locale::En, &[101, 102]), ["other", "other"]);
    }
}
