//! How old the saved copy is, in words (pure): "Last updated from the server
//! 3 days ago", shown with the notice when the saved copy stands in for the
//! network (offline, or the server failed; docs/faults.md).

use crate::i18n::{Locale, Msg, format};

const MINUTE: f64 = 60_000.0;
const HOUR: f64 = 60.0 * MINUTE;
const DAY: f64 = 24.0 * HOUR;

/// The unit an age is told in, and how many of it (rounded down).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    /// Under a minute, or a clock that went backwards.
    JustNow,
    Minutes(u64),
    Hours(u64),
    Days(u64),
}

/// The age of a copy saved at `saved_ms`, at `now_ms` (both ms since the
/// epoch): minutes under an hour, hours under a day, then days.
pub fn age(now_ms: f64, saved_ms: f64) -> Age {
    let d = now_ms - saved_ms;
    if !d.is_finite() || d < MINUTE {
        Age::JustNow
    } else if d < HOUR {
        Age::Minutes((d / MINUTE) as u64)
    } else if d < DAY {
        Age::Hours((d / HOUR) as u64)
    } else {
        Age::Days((d / DAY) as u64)
    }
}

/// The sentence for `age`, its number agreeing with its noun.
pub fn age_text(locale: Locale, age: Age) -> String {
    let (msg, n) = match age {
        Age::JustNow => return locale.t(Msg::OfflineUpdatedJustNow).to_string(),
        Age::Minutes(n) => (Msg::OfflineUpdatedMinutes, n),
        Age::Hours(n) => (Msg::OfflineUpdatedHours, n),
        Age::Days(n) => (Msg::OfflineUpdatedDays, n),
    };
    locale.tn(msg, n, &[("count", &format::count(locale, n as f64))])
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_764_410_000_000.0;

    #[test]
    fn ages_pick_the_largest_whole_unit() {
        assert_eq!(age(NOW, NOW), Age::JustNow);
        assert_eq!(age(NOW, NOW - 59_999.0), Age::JustNow);
        assert_eq!(age(NOW, NOW + 5.0 * HOUR), Age::JustNow, "clock skew");
        assert_eq!(age(NOW, f64::NAN), Age::JustNow);
        assert_eq!(age(NOW, NOW - MINUTE), Age::Minutes(1));
        assert_eq!(age(NOW, NOW - 59.9 * MINUTE), Age::Minutes(59));
        assert_eq!(age(NOW, NOW - HOUR), Age::Hours(1));
        assert_eq!(age(NOW, NOW - 23.99 * HOUR), Age::Hours(23));
        assert_eq!(age(NOW, NOW - DAY), Age::Days(1));
        assert_eq!(age(NOW, NOW - 400.5 * DAY), Age::Days(400));
    }

    #[test]
    fn the_sentence_agrees_with_its_number() {
        assert_eq!(
            age_text(Locale::En, Age::Days(3)),
            "Last updated from the server 3 days ago."
        );
        assert_eq!(
            age_text(Locale::En, Age::Minutes(1)),
            "Last updated from the server 1 minute ago."
        );
        assert_eq!(
            age_text(Locale::Fr, Age::Hours(1)),
            "Dernière mise à jour depuis le serveur il y a 1 heure."
        );
        assert_eq!(
            age_text(Locale::Fr, Age::Hours(5)),
            "Dernière mise à jour depuis le serveur il y a 5 heures."
        );
        assert_eq!(
            age_text(Locale::Ar, Age::Days(2)),
            "آخر تحديث من الخادم منذ يومين."
        );
        assert!(age_text(Locale::Ar, Age::Days(3)).contains("أيام"));
        assert!(age_text(Locale::Ar, Age::Days(11)).contains("يومًا"));
        assert!(age_text(Locale::Ar, Age::Minutes(1)).contains("دقيقة واحدة"));
        assert_eq!(
            age_text(Locale::En, Age::JustNow),
            "Last updated from the server less than a minute ago."
        );
    }
}
