//! The plain-language summary (pure): one or two sentences that say what the
//! dashboard shows under a filter ("In Marrakech-Safi, the lab's programs
//! reach about 520 people, 49% of them women. This split is illustrative…"),
//! with each number's qualifier and status, Arabic nouns agreeing with their
//! number. It is the screen reader's overview of every page.
//!
//! The numbers are the headline panel's (`crate::headline::cards`), so the
//! sentence and the cards never disagree. Texts: `locales/pages.json`.

use crate::headline::{self, Card, Label, Value};
use crate::i18n::format;
use crate::i18n::{Locale, Msg};
use crate::model::{Dataset, Gender, Program, Qualifier, Status};
use crate::stats::{Dims, Filter, lookup};

pub use crate::i18n::isolate;

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// The CLDR plural category of the whole number `n` in `locale`. A private
/// stand-in: when `crate::i18n` has plural rules of its own, this function is
/// the one to replace by them.
fn summary_plural_category(locale: Locale, n: u64) -> PluralCategory {
    match locale {
        // CLDR ar: zero n=0; one n=1; two n=2; few n%100=3..10;
        // many n%100=11..99; other everything else (100, 101, 102, 1000…).
        Locale::Ar => match (n, n % 100) {
            (0, _) => PluralCategory::Zero,
            (1, _) => PluralCategory::One,
            (2, _) => PluralCategory::Two,
            (_, 3..=10) => PluralCategory::Few,
            (_, 11..=99) => PluralCategory::Many,
            _ => PluralCategory::Other,
        },
        // CLDR fr: one for 0 and 1 (the catalogue's "zero" form says "0 personne").
        Locale::Fr => match n {
            0 => PluralCategory::Zero,
            1 => PluralCategory::One,
            _ => PluralCategory::Other,
        },
        Locale::En => match n {
            1 => PluralCategory::One,
            _ => PluralCategory::Other,
        },
    }
}

/// "520 people", "شخصين", "11 شخصًا" (the number formatted in `locale`),
/// with its qualifier in words ("about 520 people").
pub fn people(locale: Locale, n: f64, qualifier: Qualifier) -> String {
    let whole = if n.is_finite() && n > 0.0 {
        n.round() as u64
    } else {
        0
    };
    let msg = match summary_plural_category(locale, whole) {
        PluralCategory::Zero => Msg::PagesSummaryPeopleZero,
        PluralCategory::One => Msg::PagesSummaryPeopleOne,
        PluralCategory::Two => Msg::PagesSummaryPeopleTwo,
        PluralCategory::Few => Msg::PagesSummaryPeopleFew,
        PluralCategory::Many => Msg::PagesSummaryPeopleMany,
        PluralCategory::Other => Msg::PagesSummaryPeopleOther,
    };
    let phrase = locale.tf(msg, &[("n", &format::count(locale, whole as f64))]);
    qualifier.words(locale, &phrase)
}

fn source_name(ds: &Dataset, id: Option<&str>) -> String {
    id.and_then(|id| ds.source(id))
        .map(|s| isolate(&s.publisher))
        .unwrap_or_default()
}

/// The summary of what the dashboard shows under `filter`, in `locale`.
pub fn summary(ds: &Dataset, filter: &Filter, locale: Locale) -> String {
    let cards = headline::cards(ds, filter);
    let total = cards
        .iter()
        .find(|c| matches!(&c.label, Label::Indicator(i) if i == "beneficiaries"));
    let Some(Card {
        value: Value::Count(n),
        qualifier,
        status,
        source,
        ..
    }) = total
    else {
        return locale.t(Msg::PagesSummaryNoFigure).to_string();
    };
    let region = filter
        .region
        .as_deref()
        .and_then(|r| ds.region(r))
        .map(|r| isolate(r.name.get(locale)));
    let area = filter
        .area
        .as_deref()
        .and_then(|a| ds.area(a))
        .map(|a| isolate(a.name.get(locale)));
    let who = people(locale, *n, *qualifier);
    let mut text = match (&region, &area) {
        (None, None) => locale.tf(Msg::PagesSummaryReach, &[("people", &who)]),
        (Some(r), None) => locale.tf(
            Msg::PagesSummaryReachRegion,
            &[("region", r), ("people", &who)],
        ),
        (None, Some(a)) => locale.tf(Msg::PagesSummaryReachArea, &[("area", a), ("people", &who)]),
        (Some(r), Some(a)) => locale.tf(
            Msg::PagesSummaryReachRegionArea,
            &[("region", r), ("area", a), ("people", &who)],
        ),
    };
    let mut least_sure = *status;
    match filter.gender {
        Some(Gender::Female) => text.push_str(locale.t(Msg::PagesSummaryOnlyFemale)),
        Some(Gender::Male) => text.push_str(locale.t(Msg::PagesSummaryOnlyMale)),
        None => {
            if let Some(Card {
                value: Value::Share(s),
                status: share_status,
                ..
            }) = cards.iter().find(|c| c.label == Label::Women)
            {
                let share = format::percent(locale, *s);
                text.push_str(&locale.tf(Msg::PagesSummaryWomenShare, &[("share", &share)]));
                least_sure = least_sure.max(*share_status);
            }
        }
    }
    let first = locale.tf(Msg::PagesSummarySentence, &[("text", &text)]);
    let second = if least_sure == Status::Illustrative {
        // Say what the lab itself reports, so the split is read as a split.
        match lookup(ds, "beneficiaries", &Dims::default(), false) {
            Some(o) if o.status != Status::Illustrative => {
                let all = people(locale, o.value(), o.qualifier);
                locale.tf(Msg::PagesSummaryIllustrative, &[("total", &all)])
            }
            _ => locale.tf(
                Msg::PagesSummaryStatus,
                &[
                    ("status", locale.t(least_sure.msg())),
                    ("source", &source_name(ds, source.as_deref())),
                ],
            ),
        }
    } else {
        locale.tf(
            Msg::PagesSummaryStatus,
            &[
                ("status", locale.t(least_sure.msg())),
                ("source", &source_name(ds, source.as_deref())),
            ],
        )
    };
    format!("{first} {second}")
}

/// The summary of a program page: its area, its places and the first figure
/// the lab reports about it (with qualifier and status).
pub fn program_summary(ds: &Dataset, p: &Program, locale: Locale) -> String {
    let name = isolate(p.name.get(locale));
    let area = ds
        .area(&p.area)
        .map(|a| isolate(a.name.get(locale)))
        .unwrap_or_else(|| isolate(&p.area));
    let places: Vec<String> = p
        .places
        .iter()
        .filter_map(|pl| {
            let base = pl
                .region
                .as_deref()
                .and_then(|r| ds.region(r))
                .map(|r| r.name.get(locale))
                .or_else(|| {
                    pl.country
                        .as_deref()
                        .and_then(|c| ds.country(c))
                        .map(|c| c.name.get(locale))
                })?;
            Some(isolate(base))
        })
        .collect();
    let mut out = if places.is_empty() {
        locale.tf(
            Msg::PagesSummaryProgramNowhere,
            &[("program", &name), ("area", &area)],
        )
    } else {
        locale.tf(
            Msg::PagesSummaryProgram,
            &[
                ("program", &name),
                ("area", &area),
                ("places", &places.join(locale.t(Msg::PagesListSeparator))),
            ],
        )
    };
    let first = ds.observations.iter().find(|o| {
        o.program.as_deref() == Some(p.id.as_str())
            && o.country.is_none()
            && o.region.is_none()
            && !o.is_share()
    });
    if let Some(o) = first {
        let ind = ds
            .indicator(&o.indicator)
            .map(|i| i.name.get(locale).to_string())
            .unwrap_or_else(|| o.indicator.to_string());
        let value = o.qualifier.words(locale, &format::count(locale, o.value()));
        // The indicator's name leads and the number follows ("Women
        // entrepreneurs, according to the lab: 60"): the data writes names as
        // labels (capitalised in English and French), and in Arabic a
        // definite plural cannot follow a number, so the sentence names the
        // count instead, as the glossary asks (texts: locales/print.json).
        out.push(' ');
        out.push_str(&locale.tf(
            Msg::PrintSummaryProgramCount,
            &[
                ("value", &isolate(&value)),
                ("indicator", &isolate(&ind)),
                ("status", locale.t(o.status.msg())),
            ],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::small;

    /// The text without the isolate marks, for readable assertions.
    fn plain(s: &str) -> String {
        s.replace(['\u{2068}', '\u{2069}'], "")
    }

    #[test]
    fn arabic_plural_categories() {
        use PluralCategory::*;
        let cat = |n| summary_plural_category(Locale::Ar, n);
        assert_eq!(cat(0), Zero);
        assert_eq!(cat(1), One);
        assert_eq!(cat(2), Two);
        for n in [3, 7, 10, 103, 110, 1003] {
            assert_eq!(cat(n), Few, "{n}");
        }
        for n in [11, 26, 99, 111, 1011, 4299] {
            assert_eq!(cat(n), Many, "{n}");
        }
        for n in [100, 101, 102, 200, 1000, 4200] {
            assert_eq!(cat(n), Other, "{n}");
        }
        assert_eq!(summary_plural_category(Locale::Fr, 1), One);
        assert_eq!(summary_plural_category(Locale::Fr, 2), Other);
        assert_eq!(summary_plural_category(Locale::En, 0), Other);
        assert_eq!(summary_plural_category(Locale::En, 1), One);
    }

    #[test]
    fn arabic_nouns_agree_with_their_number() {
        let ar = |n: f64| people(Locale::Ar, n, Qualifier::Exact);
        assert_eq!(ar(1.0), "شخص واحد");
        assert_eq!(ar(2.0), "شخصين");
        assert_eq!(ar(3.0), "3 أشخاص");
        assert_eq!(ar(10.0), "10 أشخاص");
        assert_eq!(ar(11.0), "11 شخصًا");
        assert_eq!(ar(99.0), "99 شخصًا");
        assert_eq!(ar(100.0), "100 شخص");
        assert_eq!(ar(4200.0), "4,200 شخص");
        // The last two digits decide: 520 ends in 20 (many), 500 in 00 (other).
        assert_eq!(ar(520.0), "520 شخصًا");
        assert_eq!(ar(500.0), "500 شخص");
        assert_eq!(ar(105.0), "105 أشخاص");
        assert_eq!(
            people(Locale::Ar, 4200.0, Qualifier::MoreThan),
            "أكثر من 4,200 شخص"
        );
        assert_eq!(people(Locale::En, 1.0, Qualifier::Exact), "one person");
        assert_eq!(people(Locale::En, 2.0, Qualifier::About), "about 2 people");
        assert_eq!(
            people(Locale::Fr, 4200.0, Qualifier::MoreThan),
            "plus de 4\u{202F}200 personnes"
        );
        assert_eq!(people(Locale::Fr, 0.0, Qualifier::Exact), "0 personne");
        // People are whole: a stray decimal is rounded, not shown.
        assert_eq!(
            people(Locale::En, 11.6, Qualifier::About),
            "about 12 people"
        );
    }

    #[test]
    fn overall_summary_in_three_languages() {
        let ds = small();
        let f = Filter::default();
        assert_eq!(
            plain(&summary(&ds, &f, Locale::En)),
            "The lab’s programmes reach more than 1,000 people, 40% of them women. \
             Status: reported; source: P."
        );
        assert_eq!(
            plain(&summary(&ds, &f, Locale::Fr)),
            "Les programmes du laboratoire touchent plus de 1\u{202F}000 personnes, \
             dont 40\u{202F}% de femmes. Statut\u{202F}: publié\u{202F}; source\u{202F}: P."
        );
        assert_eq!(
            plain(&summary(&ds, &f, Locale::Ar)),
            "تصل برامج المختبر إلى أكثر من 1,000 شخص، منهم 40% من النساء. الحالة: مُعلَن؛ المصدر: P."
        );
    }

    #[test]
    fn a_region_says_its_split_is_illustrative() {
        let ds = small();
        let f = Filter {
            region: Some("R2".into()),
            ..Filter::default()
        };
        let en = plain(&summary(&ds, &f, Locale::En));
        assert_eq!(
            en,
            "In Region R2, the lab’s programmes reach about 900 people, 50% of them women. \
             This split is illustrative, not a figure the lab published; \
             the lab reports more than 1,000 people in all."
        );
        let ar = plain(&summary(&ds, &f, Locale::Ar));
        assert!(
            ar.starts_with(
                "في جهة ع Region R2، تصل برامج المختبر إلى حوالي 900 شخص، منهم 50% من النساء."
            ),
            "{ar}"
        );
        assert!(ar.contains("توضيحي"), "{ar}");
        let fr = plain(&summary(&ds, &f, Locale::Fr));
        assert!(
            fr.contains("environ 900 personnes, dont 50\u{202F}% de femmes."),
            "{fr}"
        );
        assert!(fr.contains("illustrative"), "{fr}");
    }

    #[test]
    fn area_gender_and_missing_figures() {
        let ds = small();
        let f = Filter {
            area: Some("beta".into()),
            gender: Some(Gender::Female),
            ..Filter::default()
        };
        assert_eq!(
            plain(&summary(&ds, &f, Locale::En))
                .split(". ")
                .next()
                .unwrap(),
            "Programmes in Area beta reach about 90 people (women only)"
        );
        let ar = plain(&summary(&ds, &f, Locale::Ar));
        // 90: n % 100 in 11..=99, the accusative singular.
        assert!(ar.contains("حوالي 90 شخصًا (النساء فقط)"), "{ar}");
        let none = Filter {
            region: Some("R3".into()),
            ..Filter::default()
        };
        assert_eq!(
            summary(&ds, &none, Locale::En),
            "The data gives no number of beneficiaries for this selection."
        );
    }

    #[test]
    fn data_names_are_isolated() {
        let ds = small();
        let f = Filter {
            region: Some("R1".into()),
            ..Filter::default()
        };
        assert!(summary(&ds, &f, Locale::Ar).contains("\u{2068}ع Region R1\u{2069}"));
    }

    #[test]
    fn program_summary_names_area_places_and_a_figure() {
        let ds = small();
        let p = ds.program("prog").unwrap();
        assert_eq!(
            plain(&program_summary(&ds, p, Locale::En)),
            "Prog is a programme of the Area beta area. Places: Region R1, Region R2. \
             incubators, according to the lab: 12 (reported)."
        );
        let ar = plain(&program_summary(&ds, p, Locale::Ar));
        assert!(ar.starts_with("ع Prog برنامج من مجال ع Area beta"), "{ar}");
        // The count is named, not put before a definite noun ("12 الحاضنات").
        assert!(
            ar.ends_with("عدد ع incubators حسب ما يُعلنه المختبر: 12 (مُعلَن)."),
            "{ar}"
        );
        assert!(!ar.contains("12 ع incubators"), "{ar}");
        let abroad = ds.program("abroad").unwrap();
        assert!(plain(&program_summary(&ds, abroad, Locale::Fr)).contains("Senegal (fr)"));
    }
}
