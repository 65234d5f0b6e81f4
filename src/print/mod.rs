//! The donor brief (pure): what a printed page says about itself — the
//! page's link in full, in the language it was printed in, the date it was
//! printed and the date of its data — and the resolution charts are drawn at
//! for paper. The print stylesheet (`style/main.css`, "Print") does the rest;
//! the views are in `view`.

pub mod view;

use crate::i18n::{Locale, Msg, format};

/// How many device pixels a chart's canvas gets per CSS pixel when it is
/// drawn for paper: 3 × 96 = 288 dots per inch, sharp at a printer's usual
/// 300 dpi (the screen's `devicePixelRatio` is kept if it is higher).
pub const PRINT_SCALE: f64 = 3.0;

/// The width, in CSS pixels, of a chart on paper: 160 mm, the width the
/// print stylesheet gives `.chart-canvas` (`style/main.css`, "Print"), so
/// that a chart can be drawn for paper before the page is laid out for it
/// (the A4 text block is 184 mm; the panels' padding fits beside).
pub const PRINT_CHART_WIDTH_PX: f64 = 160.0 / 25.4 * 96.0;

/// The page's link as printed: `origin` and `path` with the page's query,
/// `lang` set to the language of the brief (so that a reader who types the
/// link sees the brief's language), without a fragment.
pub fn brief_link(origin: &str, path: &str, query: &[(String, String)], locale: Locale) -> String {
    let path = crate::components::shell::local_path(path);
    let q = crate::query::with_params(query, &[("lang", Some(locale.tag().to_string()))]);
    format!("{}{path}{q}", origin.trim_end_matches('/'))
}

/// A calendar day as ISO 8601 (`2026-11-29`), as `format::date` reads it.
pub fn iso_date(year: u32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// The lines of the brief's note: the link, the data's date, the print date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BriefNote {
    /// The text before and after the link ("Page link: " and "").
    pub link_label: (String, String),
    pub link: String,
    pub data_as_of: Option<String>,
    pub printed_on: String,
}

/// The note of a brief printed on `today` (ISO) from `link`, whose data is
/// of `as_of` (ISO; `None` while no data is shown).
pub fn note(locale: Locale, link: &str, as_of: Option<&str>, today: &str) -> BriefNote {
    let template = locale.t(Msg::PrintLink);
    let (before, after) = template.split_once("{url}").unwrap_or((template, ""));
    BriefNote {
        link_label: (before.to_string(), after.to_string()),
        link: link.to_string(),
        data_as_of: as_of
            .map(|d| locale.tf(Msg::PrintDataAsOf, &[("date", &format::date(locale, d))])),
        printed_on: printed_on(locale, today),
    }
}

/// "Printed on …" for `today` (ISO).
pub fn printed_on(locale: Locale, today: &str) -> String {
    locale.tf(
        Msg::PrintPrintedOn,
        &[("date", &format::date(locale, today))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_link_keeps_the_query_and_names_the_brief_language() {
        assert_eq!(
            brief_link(
                "https://sil.example",
                "/regions/MA-07",
                &pairs(&[("lang", "fr"), ("region", "MA-07")]),
                Locale::Ar
            ),
            "https://sil.example/regions/MA-07?region=MA-07&lang=ar"
        );
        assert_eq!(
            brief_link("http://127.0.0.1:8080/", "/", &[], Locale::En),
            "http://127.0.0.1:8080/?lang=en"
        );
        // Values are encoded again, as the address bar shows them.
        assert_eq!(
            brief_link(
                "https://a.example",
                "/areas/x",
                &pairs(&[("area", "a b&c")]),
                Locale::Fr
            ),
            "https://a.example/areas/x?area=a%20b%26c&lang=fr"
        );
    }

    #[test]
    fn the_link_cannot_name_another_site() {
        let link = brief_link("https://sil.example", "//evil.example/x", &[], Locale::En);
        assert_eq!(link, "https://sil.example/evil.example/x?lang=en");
    }

    #[test]
    fn the_note_dates_the_data_and_the_print_in_each_language() {
        let n = note(
            Locale::En,
            "https://sil.example/?lang=en",
            Some("2024-07-09"),
            "2026-11-29",
        );
        assert_eq!(n.link_label, ("Page link: ".to_string(), String::new()));
        assert_eq!(n.link, "https://sil.example/?lang=en");
        assert_eq!(n.data_as_of.as_deref(), Some("Data as of 9 July 2024"));
        assert_eq!(n.printed_on, "Printed on 29 November 2026");
        let ar = note(Locale::Ar, "u", Some("2024-07-09"), &iso_date(2026, 8, 1));
        assert_eq!(ar.link_label.0, "رابط الصفحة: ");
        assert_eq!(
            ar.data_as_of.as_deref(),
            Some("البيانات بتاريخ 9 يوليوز 2024")
        );
        assert_eq!(ar.printed_on, "طُبع في 1 غشت 2026");
        let fr = note(Locale::Fr, "u", None, &iso_date(2026, 8, 1));
        assert_eq!(fr.data_as_of, None);
        assert_eq!(fr.printed_on, "Imprimé le 1er août 2026");
        assert_eq!(fr.link_label.0, "Lien de la page\u{202F}: ");
    }
}
