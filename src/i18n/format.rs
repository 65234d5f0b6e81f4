//! Number and date formatting per language. Numbers: in the browser the
//! platform's `Intl.NumberFormat` (Latin digits in all three languages);
//! natively (tests, the `check-data` tool) a small equivalent with the same
//! grouping rules. Dates: one pure formatter everywhere, in each language's
//! local form (ar-MA, fr-MA, en-GB), so that screen, exports and tests agree.
//! The separators and month names come from build.rs's `LANGUAGES`.

use super::Locale;

/// How a number is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Style {
    /// A whole count: `4,200`.
    Count,
    /// A rate with one decimal: `85.9`.
    Decimal1,
    /// A share 0–1 shown as a percentage: `48%`.
    Percent,
    /// A share 0–1 shown as a percentage with one decimal: `48.2%`.
    Percent1,
}

/// Formats `value` in `locale`'s conventions.
pub fn number(locale: Locale, value: f64, style: Style) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(s) = intl::format(locale, value, style) {
            return s;
        }
    }
    fallback(locale, value, style)
}

/// Builds `locale`'s number formatters ahead of their first use. Issue 14:
/// the page's first `Intl.NumberFormat` costs ~100 ms at 4x CPU on a cold
/// start (the browser loads its locale data); the app calls this in a task of
/// its own while the data is on its way, so that the first render with data
/// does not pay for it. Natively, nothing to build.
pub fn warm(locale: Locale) {
    for style in [
        Style::Count,
        Style::Decimal1,
        Style::Percent,
        Style::Percent1,
    ] {
        let _ = number(locale, 0.0, style);
    }
}

/// Shorthand for a count.
pub fn count(locale: Locale, value: f64) -> String {
    number(locale, value, Style::Count)
}

/// Shorthand for a whole percentage of a 0–1 share.
pub fn percent(locale: Locale, share: f64) -> String {
    number(locale, share, Style::Percent)
}

/// Formats an ISO date (`2024-07-09`) as a long date in `locale`'s local
/// form, Latin digits: "9 يوليوز 2024" (ar-MA), "9 juillet 2024" (fr-MA, and
/// "1er juillet" for the first), "9 July 2024" (en-GB). A text that is not
/// such a date is returned as it is.
pub fn date(locale: Locale, iso: &str) -> String {
    let mut parts = iso.trim().splitn(3, '-');
    let parsed = (|| {
        let y: u32 = parts.next()?.parse().ok()?;
        let m: usize = parts.next()?.parse().ok()?;
        let d: u32 = parts.next()?.parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
    })();
    let Some((y, m, d)) = parsed else {
        return iso.to_string();
    };
    let month = locale.months()[m - 1];
    let day = match d {
        1 => locale.first_day().to_string(),
        _ => d.to_string(),
    };
    format!("{day} {month} {y}")
}

/// The pure formatter (also the browser's fallback if `Intl` fails).
pub fn fallback(locale: Locale, value: f64, style: Style) -> String {
    let (v, decimals, pct) = match style {
        Style::Count => (value, 0, false),
        Style::Decimal1 => (value, 1, false),
        Style::Percent => (value * 100.0, 0, true),
        Style::Percent1 => (value * 100.0, 1, true),
    };
    let (group, decimal) = (locale.group_separator(), locale.decimal_mark());
    let text = format!("{:.*}", decimals, v.abs());
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::new();
    let digits: Vec<char> = int_part.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(group);
        }
        grouped.push(*c);
    }
    let mut out = String::new();
    if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(decimal);
        out.push_str(&f);
    }
    if pct {
        out.push_str(locale.percent_suffix());
    }
    out
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use super::{Locale, Style};
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::JsValue;

    thread_local! {
        static CACHE: RefCell<HashMap<(Locale, u8), js_sys::Intl::NumberFormat>> = RefCell::new(HashMap::new());
    }

    fn style_id(style: Style) -> u8 {
        match style {
            Style::Count => 0,
            Style::Decimal1 => 1,
            Style::Percent => 2,
            Style::Percent1 => 3,
        }
    }

    pub fn format(locale: Locale, value: f64, style: Style) -> Option<String> {
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            let fmt = cache.entry((locale, style_id(style))).or_insert_with(|| {
                let opts = js_sys::Object::new();
                let set = |k: &str, v: JsValue| {
                    let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(k), &v);
                };
                set("numberingSystem", "latn".into());
                let (digits, pct) = match style {
                    Style::Count => (0, false),
                    Style::Decimal1 => (1, false),
                    Style::Percent => (0, true),
                    Style::Percent1 => (1, true),
                };
                if pct {
                    set("style", "percent".into());
                }
                set("minimumFractionDigits", digits.into());
                set("maximumFractionDigits", digits.into());
                let locales =
                    js_sys::Array::of1(&JsValue::from_str(&format!("{}-u-nu-latn", locale.tag())));
                js_sys::Intl::NumberFormat::new(&locales, &opts)
            });
            let f = fmt.format();
            f.call1(&JsValue::NULL, &JsValue::from_f64(value))
                .ok()?
                .as_string()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_per_language() {
        assert_eq!(fallback(Locale::En, 4200.0, Style::Count), "4,200");
        assert_eq!(fallback(Locale::Fr, 4200.0, Style::Count), "4\u{202F}200");
        assert_eq!(fallback(Locale::Ar, 1234567.0, Style::Count), "1,234,567");
        assert_eq!(fallback(Locale::En, 700.0, Style::Count), "700");
    }

    #[test]
    fn percentages_and_decimals() {
        assert_eq!(fallback(Locale::En, 0.48, Style::Percent), "48%");
        assert_eq!(fallback(Locale::Fr, 0.53, Style::Percent), "53\u{202F}%");
        assert_eq!(fallback(Locale::En, 0.4823, Style::Percent1), "48.2%");
        assert_eq!(fallback(Locale::Fr, 85.94, Style::Decimal1), "85,9");
        assert_eq!(fallback(Locale::En, -1234.0, Style::Count), "-1,234");
    }

    #[test]
    fn dates_in_each_language_local_form() {
        assert_eq!(date(Locale::Ar, "2024-07-09"), "9 يوليوز 2024");
        assert_eq!(date(Locale::Fr, "2024-07-09"), "9 juillet 2024");
        assert_eq!(date(Locale::En, "2024-07-09"), "9 July 2024");
        assert_eq!(date(Locale::Fr, "2024-08-01"), "1er août 2024");
        assert_eq!(date(Locale::Ar, "2024-08-01"), "1 غشت 2024");
        assert_eq!(date(Locale::En, "2024-12-25"), "25 December 2024");
    }

    #[test]
    fn a_text_that_is_not_a_date_is_kept() {
        for bad in ["2024", "2024-13-01", "2024-07-xx", "", "9 July 2024"] {
            for l in Locale::ALL {
                assert_eq!(date(l, bad), bad);
            }
        }
    }
}
