//! Choosing the interface language (pure): `?lang=` beats the stored choice,
//! which beats the browser's languages; French when nothing matches.

use super::Locale;

/// `query`: the `lang` query parameter; `stored`: the saved preference;
/// `browser`: `navigator.languages`, most preferred first.
pub fn negotiate(query: Option<&str>, stored: Option<&str>, browser: &[String]) -> Locale {
    query
        .and_then(Locale::from_tag)
        .or_else(|| stored.and_then(Locale::from_tag))
        .or_else(|| browser.iter().find_map(|t| Locale::from_tag(t)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn query_beats_stored_beats_browser() {
        assert_eq!(
            negotiate(Some("ar"), Some("en"), &langs(&["fr"])),
            Locale::Ar
        );
        assert_eq!(negotiate(None, Some("en"), &langs(&["ar"])), Locale::En);
        assert_eq!(
            negotiate(None, None, &langs(&["de-DE", "ar-MA", "en"])),
            Locale::Ar
        );
    }

    #[test]
    fn unknown_values_are_ignored() {
        assert_eq!(negotiate(Some("xx"), Some("en"), &[]), Locale::En);
        assert_eq!(
            negotiate(Some(""), Some("zz"), &langs(&["en-US"])),
            Locale::En
        );
        assert_eq!(
            negotiate(Some("klingon"), None, &langs(&["de"])),
            Locale::Fr
        );
    }

    #[test]
    fn french_by_default() {
        assert_eq!(negotiate(None, None, &[]), Locale::Fr);
    }
}
