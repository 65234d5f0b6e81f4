//! Compare two regions or two programme areas (pure): which two the URL's
//! `?a=…&b=…` names (bad or missing parameters replaced, with a notice),
//! the figures the dataset has for each side (beneficiaries, by gender, by
//! area or by region, per 100,000 inhabitants and the census population,
//! each with its status and source), grouped so that both sides of a group
//! are drawn on one scale, and the differences in words, drawn only from
//! figures both sides have and saying when they are illustrative.

use crate::i18n::format::{self, Style};
use crate::i18n::{Locale, Msg, isolate};
use crate::model::{CensusArea, CensusSex, Dataset, Gender, Observation, Qualifier, Status};
use crate::pages::links::{Kind, Link, figure};
use crate::stats::{self, Dims, Filter};

/// The longest id from the URL that a notice repeats (the rest is cut).
const ID_SHOWN: usize = 40;

/// Why the two compared are not (exactly) the two the URL asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Neither was given: the two with the most beneficiaries are shown.
    Default,
    /// Only one was given.
    Missing,
    /// An id that is neither a region nor an area of the data (as given,
    /// shortened).
    Unknown(String),
    /// A region and an area.
    Mixed,
    /// The same one twice.
    Same,
    /// The data has fewer than two of either kind.
    TooFew,
}

impl Notice {
    pub fn text(&self, locale: Locale) -> String {
        match self {
            Notice::Default => locale.t(Msg::CompareNoticeDefault).to_string(),
            Notice::Missing => locale.t(Msg::CompareNoticeMissing).to_string(),
            Notice::Unknown(id) => locale.tf(Msg::CompareNoticeUnknown, &[("id", &isolate(id))]),
            Notice::Mixed => locale.t(Msg::CompareNoticeMixed).to_string(),
            Notice::Same => locale.t(Msg::CompareNoticeSame).to_string(),
            Notice::TooFew => locale.t(Msg::CompareNoticeTooFew).to_string(),
        }
    }
}

/// The two compared, after the URL's parameters were checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub kind: Kind,
    pub a: String,
    pub b: String,
}

/// The ids of `kind` (regions or areas), most beneficiaries first; those
/// without a figure last, each group in the data's order.
pub fn ranked(ds: &Dataset, kind: Kind) -> Vec<&str> {
    let rows = match kind {
        Kind::Area => stats::count_by_area(ds, "beneficiaries", &Filter::default()),
        _ => stats::count_by_region(ds, "beneficiaries", &Filter::default()),
    };
    let mut rows: Vec<(&str, f64)> = rows
        .into_iter()
        .map(|(id, o)| (id, o.map_or(-1.0, Observation::value)))
        .collect();
    // Stable (the data's order among equals) and O(n log n): the data may
    // name many areas.
    crate::sort::sort_by(&mut rows, |a, b| b.1.total_cmp(&a.1));
    rows.into_iter().map(|(id, _)| id).collect()
}

/// What `id` names in the data: a region (codes first) or an area.
fn kind_of(ds: &Dataset, id: &str) -> Option<Kind> {
    if ds.region(id).is_some() {
        Some(Kind::Region)
    } else if ds.area(id).is_some() {
        Some(Kind::Area)
    } else {
        None
    }
}

/// A parameter trimmed; empty is not given.
fn given(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// The largest of `kind` that is not `other`.
fn largest_but(ds: &Dataset, kind: Kind, other: Option<&str>) -> Option<String> {
    ranked(ds, kind)
        .into_iter()
        .find(|id| Some(*id) != other)
        .map(str::to_string)
}

/// Reads `?a=` and `?b=` (trimmed, empty = not given) and decides what to
/// compare: the two asked for when they are two different regions or two
/// different areas of the data; otherwise what can be kept, completed with
/// the largest of the same kind, and a notice for each problem. `None` (with
/// [`Notice::TooFew`]) when the data has not two of any kind.
pub fn choose(ds: &Dataset, a: Option<&str>, b: Option<&str>) -> (Option<Choice>, Vec<Notice>) {
    let (a, b) = (given(a), given(b));
    let mut notices = Vec::new();
    let mut known = |id: Option<&str>| {
        let id = id?;
        match kind_of(ds, id) {
            Some(k) => Some((k, id.to_string())),
            None => {
                notices.push(Notice::Unknown(id.chars().take(ID_SHOWN).collect()));
                None
            }
        }
    };
    let mut ka = known(a);
    let mut kb = known(b);
    match (a, b) {
        (None, None) => notices.push(Notice::Default),
        (None, _) | (_, None) => notices.push(Notice::Missing),
        _ => {}
    }
    if let (Some((x, ia)), Some((y, ib))) = (&ka, &kb) {
        if x != y {
            notices.push(Notice::Mixed);
            kb = None;
        } else if ia == ib {
            notices.push(Notice::Same);
            kb = None;
        }
    }
    let enough = |k: Kind| ranked(ds, k).len() >= 2;
    let fallback = if enough(Kind::Region) {
        Kind::Region
    } else {
        Kind::Area
    };
    let kind = match ka.as_ref().or(kb.as_ref()).map(|(k, _)| *k) {
        Some(k) if enough(k) => k,
        Some(_) => {
            // One region (or area) in all: nothing of its kind to set beside it.
            (ka, kb) = (None, None);
            fallback
        }
        None => fallback,
    };
    if !enough(kind) {
        notices.push(Notice::TooFew);
        return (None, notices);
    }
    let a = match ka {
        Some((_, id)) => id,
        None => largest_but(ds, kind, kb.as_ref().map(|(_, id)| id.as_str())).unwrap_or_default(),
    };
    let b = match kb {
        Some((_, id)) => id,
        None => largest_but(ds, kind, Some(&a)).unwrap_or_default(),
    };
    (Some(Choice { kind, a, b }), notices)
}

/// One figure of one side.
#[derive(Clone, Debug, PartialEq)]
pub struct Fig {
    pub value: f64,
    /// The value in words, with its qualifier ("about 520").
    pub text: String,
    pub qualifier: Qualifier,
    pub status: Status,
    /// Publisher · title of its source(s).
    pub source: String,
    /// A census count (the population), not a figure of the lab: its badge
    /// says "census", never the lab's "reported".
    pub census: bool,
}

/// One bar: a label (a link for an area or a region), the figure if the
/// data has one, and its length on the group's scale (0–1).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub link: Option<Link>,
    pub fig: Option<Fig>,
    pub frac: f64,
}

/// What a group measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Beneficiaries,
    Per100k,
    Gender,
    Parts,
    Population,
}

impl Measure {
    /// The stable name used by the page (`data-group`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Measure::Beneficiaries => "beneficiaries",
            Measure::Per100k => "per-100k",
            Measure::Gender => "gender",
            Measure::Parts => "parts",
            Measure::Population => "population",
        }
    }
}

/// One measure for both sides, on one scale: `max` is the largest value of
/// either side, so equal values draw equal bars on both sides.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub measure: Measure,
    pub title: String,
    pub max: f64,
    pub a: Vec<Bar>,
    pub b: Vec<Bar>,
}

/// One side's name and page.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    pub id: String,
    pub name: String,
    pub link: Link,
}

/// The comparison of two regions or two areas.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub kind: Kind,
    pub a: Side,
    pub b: Side,
    pub groups: Vec<Group>,
    /// The differences in words.
    pub sentences: Vec<String>,
    /// Whether any figure shown is illustrative.
    pub illustrative: bool,
}

/// The raw figures of one side, before scaling.
struct Raw {
    total: Option<Fig>,
    rate: Option<Fig>,
    women: Option<Fig>,
    men: Option<Fig>,
    parts: Vec<(Link, Option<Fig>)>,
    population: Option<Fig>,
}

fn fig(ds: &Dataset, o: &Observation, locale: Locale) -> Fig {
    let row = figure(ds, o, locale);
    Fig {
        value: o.value(),
        text: row.value,
        qualifier: o.qualifier,
        status: o.status,
        source: row.source,
        census: false,
    }
}

fn census_source(ds: &Dataset, locale: Locale) -> String {
    ds.source(&ds.population.source)
        .map(|s| format!("{} · {}", s.publisher, s.title.get(locale)))
        .unwrap_or_else(|| ds.population.source.clone())
}

fn raw(ds: &Dataset, kind: Kind, id: &str, locale: Locale) -> Raw {
    let filter = match kind {
        Kind::Area => Filter {
            area: Some(id.to_string()),
            ..Filter::default()
        },
        _ => Filter {
            region: Some(id.to_string()),
            ..Filter::default()
        },
    };
    let count = |dims: &Dims| stats::lookup(ds, "beneficiaries", dims, false);
    let total_obs = count(&filter.dims());
    let total = total_obs.map(|o| fig(ds, o, locale));
    let by = |g: Gender| {
        let dims = Filter {
            gender: Some(g),
            ..filter.clone()
        }
        .dims();
        count(&dims).map(|o| fig(ds, o, locale))
    };
    let (rate, population) = if kind == Kind::Region {
        // The same rate as the region's page: beneficiaries ÷ census × 100,000.
        let rate = total_obs.and_then(|o| {
            let v = stats::per_100k(ds, Some(id), None, o.value())?;
            Some(Fig {
                value: v,
                text: format::number(locale, v, Style::Decimal1),
                qualifier: o.qualifier,
                // Computed from the figure: as sure as it is, and never "reported".
                status: o.status.max(Status::Derived),
                source: [fig(ds, o, locale).source, census_source(ds, locale)]
                    .join(locale.t(Msg::PagesListSeparator)),
                census: false,
            })
        });
        let population = ds
            .population(Some(id), CensusArea::Total, CensusSex::All)
            .map(|p| Fig {
                value: p as f64,
                text: format::count(locale, p as f64),
                qualifier: Qualifier::Exact,
                status: Status::Reported,
                source: census_source(ds, locale),
                census: true,
            });
        (rate, population)
    } else {
        (None, None)
    };
    let parts = match kind {
        Kind::Area => stats::count_by_region(ds, "beneficiaries", &filter)
            .into_iter()
            .filter_map(|(code, o)| {
                let r = ds.region(code)?;
                Some((
                    Link::new(Kind::Region, code, r.name.get(locale)),
                    o.map(|o| fig(ds, o, locale)),
                ))
            })
            .collect(),
        _ => stats::count_by_area(ds, "beneficiaries", &filter)
            .into_iter()
            .filter_map(|(aid, o)| {
                let a = ds.area(aid)?;
                Some((
                    Link::new(Kind::Area, aid, a.name.get(locale)),
                    o.map(|o| fig(ds, o, locale)),
                ))
            })
            .collect(),
    };
    Raw {
        total,
        rate,
        women: by(Gender::Female),
        men: by(Gender::Male),
        parts,
        population,
    }
}

/// Bars of both sides on one scale.
fn group(measure: Measure, title: String, a: Vec<Bar>, b: Vec<Bar>) -> Group {
    let max = a
        .iter()
        .chain(&b)
        .filter_map(|bar| bar.fig.as_ref().map(|f| f.value))
        .fold(0.0_f64, f64::max);
    let scale = |bars: Vec<Bar>| {
        bars.into_iter()
            .map(|mut bar| {
                bar.frac = match (&bar.fig, max > 0.0) {
                    (Some(f), true) => (f.value / max).clamp(0.0, 1.0),
                    _ => 0.0,
                };
                bar
            })
            .collect()
    };
    Group {
        measure,
        title,
        max,
        a: scale(a),
        b: scale(b),
    }
}

fn bar(label: &str, fig: Option<Fig>) -> Bar {
    Bar {
        label: label.to_string(),
        link: None,
        fig,
        frac: 0.0,
    }
}

/// "Marrakech-Safi" (en), "la région Marrakech-Safi" (fr), "جهة مراكش-آسفي"
/// (ar): a side's name as a sentence names it, the data's name isolated.
fn named(kind: Kind, name: &str, locale: Locale) -> String {
    let msg = match kind {
        Kind::Area => Msg::CompareNameArea,
        _ => Msg::CompareNameRegion,
    };
    locale.tf(msg, &[("name", &isolate(name))])
}

/// The comparison of `choice`'s two sides in `locale`; `None` when one of
/// them is not in the data (use [`choose`] first).
pub fn compare(ds: &Dataset, choice: &Choice, locale: Locale) -> Option<Comparison> {
    let side = |id: &str| -> Option<Side> {
        let name = match choice.kind {
            Kind::Area => ds.area(id)?.name.get(locale),
            _ => ds.region(id)?.name.get(locale),
        };
        Some(Side {
            id: id.to_string(),
            name: name.to_string(),
            link: Link::new(choice.kind, id, name),
        })
    };
    let (sa, sb) = (side(&choice.a)?, side(&choice.b)?);
    let ra = raw(ds, choice.kind, &choice.a, locale);
    let rb = raw(ds, choice.kind, &choice.b, locale);
    let t = |m: Msg| locale.t(m).to_string();

    let mut groups = vec![group(
        Measure::Beneficiaries,
        t(Msg::CompareGroupBeneficiaries),
        vec![bar(&sa.name, ra.total.clone())],
        vec![bar(&sb.name, rb.total.clone())],
    )];
    if choice.kind == Kind::Region {
        groups.push(group(
            Measure::Per100k,
            t(Msg::CompareGroupPer100k),
            vec![bar(&sa.name, ra.rate.clone())],
            vec![bar(&sb.name, rb.rate.clone())],
        ));
    }
    let gender = |r: &Raw| {
        vec![
            bar(locale.t(Gender::Female.msg()), r.women.clone()),
            bar(locale.t(Gender::Male.msg()), r.men.clone()),
        ]
    };
    if [&ra.women, &ra.men, &rb.women, &rb.men]
        .iter()
        .any(|f| f.is_some())
    {
        groups.push(group(
            Measure::Gender,
            t(Msg::CompareGroupGender),
            gender(&ra),
            gender(&rb),
        ));
    }
    // A part (an area of a region, a region of an area) is a row when
    // either side has a figure for it, so both sides list the same rows.
    let keep: Vec<bool> = ra
        .parts
        .iter()
        .zip(&rb.parts)
        .map(|((_, x), (_, y))| x.is_some() || y.is_some())
        .collect();
    let parts = |r: &Raw| -> Vec<Bar> {
        r.parts
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|((link, f), _)| Bar {
                label: link.text.clone(),
                link: Some(link.clone()),
                fig: f.clone(),
                frac: 0.0,
            })
            .collect()
    };
    if keep.iter().any(|k| *k) {
        let title = match choice.kind {
            Kind::Area => Msg::CompareGroupByRegion,
            _ => Msg::CompareGroupByArea,
        };
        groups.push(group(Measure::Parts, t(title), parts(&ra), parts(&rb)));
    }
    if ra.population.is_some() || rb.population.is_some() {
        groups.push(group(
            Measure::Population,
            locale.tf(
                Msg::CompareGroupPopulation,
                &[("year", &ds.population.year.to_string())],
            ),
            vec![bar(&sa.name, ra.population.clone())],
            vec![bar(&sb.name, rb.population.clone())],
        ));
    }

    let na = named(choice.kind, &sa.name, locale);
    let nb = named(choice.kind, &sb.name, locale);
    let (sentences, least_sure) = differences(&ra, &rb, &na, &nb, choice.kind, locale);
    let mut sentences = sentences;
    match least_sure {
        Some(Status::Illustrative) => sentences.push(t(Msg::CompareIllustrative)),
        Some(Status::Estimated) => sentences.push(t(Msg::CompareEstimated)),
        _ => {}
    }
    let illustrative = groups.iter().any(|g| {
        g.a.iter().chain(&g.b).any(|b| {
            b.fig
                .as_ref()
                .is_some_and(|f| f.status == Status::Illustrative)
        })
    });
    Some(Comparison {
        kind: choice.kind,
        a: sa,
        b: sb,
        groups,
        sentences,
        illustrative,
    })
}

/// The differences in words, and the least sure status of the figures they
/// use (`None`: no figure compared).
fn differences(
    ra: &Raw,
    rb: &Raw,
    na: &str,
    nb: &str,
    kind: Kind,
    locale: Locale,
) -> (Vec<String>, Option<Status>) {
    let mut out = Vec::new();
    let mut used: Option<Status> = None;
    let mut use_fig = |f: &Fig| used = Some(used.map_or(f.status, |s| s.max(f.status)));
    let missing = |msg: Msg, x: &Option<Fig>, y: &Option<Fig>| -> Option<String> {
        let name = if x.is_none() { na } else { nb };
        (x.is_none() || y.is_none()).then(|| locale.tf(msg, &[("name", name)]))
    };

    // Beneficiaries: the difference, only between two figures that are
    // not lower bounds; "about" when either is approximate.
    match (&ra.total, &rb.total) {
        (Some(x), Some(y)) => {
            use_fig(x);
            use_fig(y);
            if x.qualifier == Qualifier::MoreThan || y.qualifier == Qualifier::MoreThan {
                out.push(locale.tf(Msg::CompareBound, &[("a", na), ("b", nb)]));
            } else {
                let q = if x.qualifier == Qualifier::About || y.qualifier == Qualifier::About {
                    Qualifier::About
                } else {
                    Qualifier::Exact
                };
                let diff = (x.value - y.value).round();
                let n = diff.abs() as u64;
                if n == 0 {
                    let v = q.words(locale, &format::count(locale, x.value));
                    out.push(locale.tf(
                        Msg::CompareSame,
                        &[("a", na), ("b", nb), ("count", &isolate(&v))],
                    ));
                } else {
                    let (more, less) = if diff > 0.0 { (na, nb) } else { (nb, na) };
                    let count = q.words(locale, &format::count(locale, n as f64));
                    out.push(locale.tn(
                        Msg::CompareMore,
                        n,
                        &[("a", more), ("b", less), ("count", &count)],
                    ));
                }
            }
        }
        (x, y) => out.extend(missing(Msg::CompareMissingTotal, x, y)),
    }

    // Per 100,000 inhabitants: how many times as many, the larger first.
    if kind == Kind::Region {
        match (&ra.rate, &rb.rate) {
            (Some(x), Some(y)) if x.value > 0.0 && y.value > 0.0 => {
                use_fig(x);
                use_fig(y);
                let (hi, lo, ratio) = if x.value >= y.value {
                    (na, nb, x.value / y.value)
                } else {
                    (nb, na, y.value / x.value)
                };
                if (ratio * 10.0).round() <= 10.0 {
                    out.push(locale.tf(Msg::CompareRatioSame, &[("a", na), ("b", nb)]));
                } else {
                    let r = format::number(locale, ratio, Style::Decimal1);
                    out.push(locale.tf(Msg::CompareRatio, &[("a", hi), ("b", lo), ("ratio", &r)]));
                }
            }
            (Some(_), Some(_)) => {}
            (x, y) => out.extend(missing(Msg::CompareMissingRate, x, y)),
        }
    }

    // Women's share of each side's beneficiaries (counted, not given).
    let share = |r: &Raw| -> Option<f64> {
        let (w, t) = (r.women.as_ref()?, r.total.as_ref()?);
        (t.value > 0.0 && t.qualifier != Qualifier::MoreThan).then(|| w.value / t.value)
    };
    match (share(ra), share(rb)) {
        (Some(x), Some(y)) => {
            for f in [&ra.women, &ra.total, &rb.women, &rb.total]
                .into_iter()
                .flatten()
            {
                use_fig(f);
            }
            out.push(locale.tf(
                Msg::CompareWomen,
                &[
                    ("a", na),
                    ("b", nb),
                    ("sa", &format::percent(locale, x)),
                    ("sb", &format::percent(locale, y)),
                ],
            ));
        }
        (x, y) => {
            // Name the side that lacks the split.
            let fx = x.and(ra.women.clone());
            let fy = y.and(rb.women.clone());
            out.extend(missing(Msg::CompareMissingGender, &fx, &fy));
        }
    }
    (out, used)
}

/// The query parameters of the comparison of `a` and `b`.
pub fn params(a: &str, b: &str) -> [(&'static str, Option<String>); 2] {
    [("a", Some(a.to_string())), ("b", Some(b.to_string()))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::small;

    /// The text without the isolate marks, for readable assertions.
    fn plain(s: &str) -> String {
        s.replace(['\u{2068}', '\u{2069}'], "")
    }

    fn pick(
        ds: &Dataset,
        a: Option<&str>,
        b: Option<&str>,
    ) -> (Option<(Kind, String, String)>, Vec<Notice>) {
        let (c, n) = choose(ds, a, b);
        (c.map(|c| (c.kind, c.a, c.b)), n)
    }

    fn region(a: &str, b: &str) -> Option<(Kind, String, String)> {
        Some((Kind::Region, a.into(), b.into()))
    }

    /// The region-wide beneficiaries row of `code` (no area, no gender).
    fn total_of<'a>(ds: &'a mut Dataset, code: &str) -> &'a mut Observation {
        ds.observations
            .iter_mut()
            .find(|o| {
                o.indicator == "beneficiaries"
                    && o.region.as_deref() == Some(code)
                    && o.area.is_none()
                    && o.gender.is_none()
            })
            .unwrap()
    }

    fn comparison(ds: &Dataset, a: &str, b: &str, l: Locale) -> Comparison {
        let (c, notices) = choose(ds, Some(a), Some(b));
        assert_eq!(notices, vec![], "{a} {b}");
        compare(ds, &c.unwrap(), l).unwrap()
    }

    #[test]
    fn good_parameters_are_kept_bad_ones_replaced_with_a_notice() {
        let ds = small();
        assert_eq!(ranked(&ds, Kind::Region), vec!["R2", "R1", "R3"]);
        assert_eq!(ranked(&ds, Kind::Area), vec!["alpha", "gamma", "beta"]);
        assert_eq!(
            pick(&ds, Some("R1"), Some("R3")),
            (region("R1", "R3"), vec![])
        );
        assert_eq!(
            pick(&ds, Some("beta"), Some("alpha")),
            (Some((Kind::Area, "beta".into(), "alpha".into())), vec![])
        );
        // Nothing asked: the two largest regions.
        assert_eq!(
            pick(&ds, None, None),
            (region("R2", "R1"), vec![Notice::Default])
        );
        assert_eq!(pick(&ds, Some(" "), Some("")).1, vec![Notice::Default]);
        // One asked: beside the largest other one of its kind.
        assert_eq!(
            pick(&ds, Some("R3"), None),
            (region("R3", "R2"), vec![Notice::Missing])
        );
        assert_eq!(
            pick(&ds, None, Some("R2")),
            (region("R1", "R2"), vec![Notice::Missing])
        );
        assert_eq!(
            pick(&ds, Some("gamma"), None),
            (
                Some((Kind::Area, "gamma".into(), "alpha".into())),
                vec![Notice::Missing]
            )
        );
        // Unknown, mixed, twice the same.
        assert_eq!(
            pick(&ds, Some("R9"), Some("R1")),
            (region("R2", "R1"), vec![Notice::Unknown("R9".into())])
        );
        assert_eq!(
            pick(&ds, Some("R1"), Some("alpha")),
            (region("R1", "R2"), vec![Notice::Mixed])
        );
        assert_eq!(
            pick(&ds, Some("alpha"), Some("alpha")),
            (
                Some((Kind::Area, "alpha".into(), "gamma".into())),
                vec![Notice::Same]
            )
        );
        assert_eq!(
            pick(&ds, Some("x"), Some("y")),
            (
                region("R2", "R1"),
                vec![Notice::Unknown("x".into()), Notice::Unknown("y".into())]
            )
        );
        // A hostile id is shortened and isolated in the notice.
        let long = format!("<script>{}", "a".repeat(500));
        let (_, n) = pick(&ds, Some(&long), Some("R1"));
        let Notice::Unknown(shown) = &n[0] else {
            panic!("{n:?}")
        };
        assert_eq!(shown.chars().count(), ID_SHOWN);
        let text = n[0].text(Locale::Ar);
        assert!(text.contains(&format!("\u{2068}{shown}\u{2069}")), "{text}");
        assert_eq!(
            plain(&Notice::Unknown("R9".into()).text(Locale::Fr)),
            "«\u{202F}R9\u{202F}» n’est ni une région ni un domaine de programmes des données\u{202F}; il a été remplacé."
        );
    }

    #[test]
    fn too_few_to_compare_is_a_notice_not_a_panic() {
        let mut ds = small();
        ds.regions.truncate(1);
        ds.areas.truncate(1);
        for (a, b) in [
            (None, None),
            (Some("R1"), None),
            (Some("alpha"), Some("R1")),
        ] {
            let (c, n) = choose(&ds, a, b);
            assert_eq!(c, None);
            assert_eq!(n.last(), Some(&Notice::TooFew), "{a:?} {b:?}");
        }
        // One region but two areas: the areas are compared.
        let mut ds = small();
        ds.regions.truncate(1);
        let (c, _) = choose(&ds, Some("R1"), None);
        assert_eq!(c.unwrap().kind, Kind::Area);
    }

    #[test]
    fn two_regions_their_figures_on_shared_scales() {
        let ds = small();
        let c = comparison(&ds, "R2", "R1", Locale::En);
        assert_eq!(
            (c.a.name.as_str(), c.b.name.as_str()),
            ("Region R2", "Region R1")
        );
        assert_eq!(c.a.link.path, "/regions/R2");
        let measures: Vec<Measure> = c.groups.iter().map(|g| g.measure).collect();
        assert_eq!(
            measures,
            vec![
                Measure::Beneficiaries,
                Measure::Per100k,
                Measure::Gender,
                Measure::Parts,
                Measure::Population
            ]
        );
        let g = |m: Measure| c.groups.iter().find(|g| g.measure == m).unwrap();
        let values = |bars: &[Bar]| -> Vec<Option<String>> {
            bars.iter()
                .map(|b| b.fig.as_ref().map(|f| f.text.clone()))
                .collect()
        };
        let fracs = |bars: &[Bar]| -> Vec<f64> {
            bars.iter()
                .map(|b| (b.frac * 1000.0).round() / 1000.0)
                .collect()
        };

        let total = g(Measure::Beneficiaries);
        assert_eq!(total.max, 900.0);
        assert_eq!(values(&total.a), vec![Some("about 900".into())]);
        assert_eq!(values(&total.b), vec![Some("about 100".into())]);
        assert_eq!((fracs(&total.a), fracs(&total.b)), (vec![1.0], vec![0.111]));
        assert_eq!(
            total.a[0].fig.as_ref().unwrap().status,
            Status::Illustrative
        );
        assert_eq!(
            total.a[0].fig.as_ref().unwrap().source,
            "P · Illustrative split"
        );

        // The region page's rate: 900 / 300,000 and 100 / 10,000 × 100,000.
        let rate = g(Measure::Per100k);
        assert_eq!(rate.max, 1000.0);
        assert_eq!(
            (values(&rate.a), values(&rate.b)),
            (vec![Some("300.0".into())], vec![Some("1,000.0".into())])
        );
        assert_eq!((fracs(&rate.a), fracs(&rate.b)), (vec![0.3], vec![1.0]));
        let r = rate.a[0].fig.as_ref().unwrap();
        assert_eq!(r.status, Status::Illustrative);
        assert_eq!(r.source, "P · Illustrative split, P · Census 2024");

        // R2 has women only; R1 no split at all: empty bars, not zeros.
        let gender = g(Measure::Gender);
        assert_eq!(gender.max, 450.0);
        assert_eq!(values(&gender.a), vec![Some("about 450".into()), None]);
        assert_eq!(values(&gender.b), vec![None, None]);
        assert_eq!(fracs(&gender.b), vec![0.0, 0.0]);

        // The same areas on both sides, one scale (the largest part, 540).
        let parts = g(Measure::Parts);
        let labels =
            |bars: &[Bar]| -> Vec<String> { bars.iter().map(|b| b.label.clone()).collect() };
        assert_eq!(
            labels(&parts.a),
            vec!["Area alpha", "Area beta", "Area gamma"]
        );
        assert_eq!(labels(&parts.a), labels(&parts.b));
        assert_eq!(parts.a[0].link.as_ref().unwrap().path, "/areas/alpha");
        assert_eq!(parts.max, 540.0);
        assert_eq!(fracs(&parts.b), vec![0.111, 0.019, 0.056]);

        let pop = g(Measure::Population);
        assert_eq!(pop.title, "Population (2024 census)");
        assert_eq!((pop.max, fracs(&pop.b)), (300_000.0, vec![0.033]));
        assert_eq!(pop.a[0].fig.as_ref().unwrap().source, "P · Census 2024");
        // The population is the census's count, never the lab's "reported".
        assert!(pop.a[0].fig.as_ref().unwrap().census);
        assert!(!total.a[0].fig.as_ref().unwrap().census);
        assert!(!r.census);
        let html = super::super::render::comparison(&c, Locale::En, &|p: &str| p.to_string());
        let pop_bar = html
            .split(r#"<li class="compare-bar""#)
            .find(|li| li.contains(">300,000<"))
            .expect("the population bar");
        assert!(pop_bar.contains(r#"data-status="census""#), "{pop_bar}");
        assert!(
            pop_bar.contains(r#"<span class="badge badge-census">census</span>"#),
            "{pop_bar}"
        );
        assert!(!pop_bar.contains("badge-reported"), "{pop_bar}");
        assert!(c.illustrative);
    }

    #[test]
    fn differences_in_words_in_three_languages() {
        let ds = small();
        let en: Vec<String> = comparison(&ds, "R2", "R1", Locale::En)
            .sentences
            .iter()
            .map(|s| plain(s))
            .collect();
        assert_eq!(
            en,
            vec![
                "Region R2 has about 800 more beneficiaries than Region R1.",
                "Per 100,000 inhabitants, Region R1 reaches 3.3 times as many people as Region R2.",
                "No comparison by gender: the data has no split by gender for Region R1.",
                "These figures are an illustrative split, not figures the lab published, and so are the differences between them.",
            ]
        );
        let fr: Vec<String> = comparison(&ds, "R2", "R1", Locale::Fr)
            .sentences
            .iter()
            .map(|s| plain(s))
            .collect();
        assert_eq!(
            fr[..2],
            [
                "Il y a environ 800 bénéficiaires de plus dans la région Region R2 (fr) que dans la région Region R1 (fr).",
                "Pour 100\u{202F}000 habitants, la région Region R1 (fr) touche 3,3 fois plus de personnes que la région Region R2 (fr)."
            ]
        );
        assert!(
            fr[2].starts_with("Pas de comparaison par sexe\u{202F}: "),
            "{}",
            fr[2]
        );
        let ar: Vec<String> = comparison(&ds, "R2", "R1", Locale::Ar)
            .sentences
            .iter()
            .map(|s| plain(s))
            .collect();
        // 800 ends in 00: the singular genitive.
        assert_eq!(
            ar[0],
            "عدد المستفيدين في جهة ع Region R2 أكبر منه في جهة ع Region R1 بفارق حوالي 800 مستفيد."
        );
        assert_eq!(
            ar[1],
            "لكل 100 ألف نسمة، يعادل عدد المستفيدين في جهة ع Region R1 3.3 مرة عددهم في جهة ع Region R2."
        );
        assert!(ar[3].contains("توضيحي"), "{}", ar[3]);
        // Data names are isolated inside the sentences.
        let raw = &comparison(&ds, "R2", "R1", Locale::Ar).sentences[0];
        assert!(raw.contains("جهة \u{2068}ع Region R2\u{2069}"), "{raw}");
    }

    #[test]
    fn arabic_nouns_agree_with_the_difference() {
        for (r1, want) in [
            (899.0, "بمستفيد واحد."),
            (898.0, "بمستفيدَين."),
            (895.0, "بفارق حوالي 5 مستفيدين."),
            (889.0, "بفارق حوالي 11 مستفيدًا."),
            (780.0, "بفارق حوالي 120 مستفيدًا."),
            (700.0, "بفارق حوالي 200 مستفيد."),
        ] {
            let mut ds = small();
            total_of(&mut ds, "R1").count = Some(r1);
            let s = plain(&comparison(&ds, "R2", "R1", Locale::Ar).sentences[0]);
            assert!(s.ends_with(want), "{r1}: {s}");
            let en = plain(&comparison(&ds, "R2", "R1", Locale::En).sentences[0]);
            let n = 900 - r1 as u64;
            let noun = if n == 1 {
                "beneficiary"
            } else {
                "beneficiaries"
            };
            assert!(
                en.ends_with(&format!("about {n} more {noun} than Region R1.")),
                "{en}"
            );
        }
        // Equal figures: no "0 more".
        let mut ds = small();
        total_of(&mut ds, "R1").count = Some(900.0);
        assert_eq!(
            plain(&comparison(&ds, "R1", "R2", Locale::En).sentences[0]),
            "Region R1 and Region R2 have the same number of beneficiaries (about 900)."
        );
    }

    #[test]
    fn no_difference_from_a_lower_bound_or_a_missing_figure() {
        let mut ds = small();
        total_of(&mut ds, "R1").qualifier = Qualifier::MoreThan;
        let s = comparison(&ds, "R2", "R1", Locale::En).sentences;
        assert!(
            plain(&s[0]).starts_with("No difference is given between Region R2 and Region R1"),
            "{s:?}"
        );
        assert!(!s.iter().any(|s| s.contains("more beneficiaries")), "{s:?}");

        let ds = small();
        let c = comparison(&ds, "R3", "R2", Locale::En);
        let s: Vec<String> = c.sentences.iter().map(|s| plain(s)).collect();
        assert_eq!(
            s[0],
            "No comparison of beneficiaries: the data has no figure for Region R3."
        );
        assert_eq!(
            s[1],
            "No comparison per 100,000 inhabitants: the data has no figure for Region R3."
        );
        assert!(
            !s.iter().any(|s| s.contains("times") || s.contains("more")),
            "{s:?}"
        );
        let total = &c.groups[0];
        assert_eq!((total.a[0].fig.clone(), total.a[0].frac), (None, 0.0));
        assert_eq!(total.max, 900.0);
    }

    #[test]
    fn statuses_decide_what_the_words_say() {
        // Reported region totals: the rate is derived, and the only
        // illustrative figure (R2's women) is shown but not compared.
        let mut ds = small();
        for code in ["R1", "R2"] {
            let o = total_of(&mut ds, code);
            o.status = Status::Reported;
            o.qualifier = Qualifier::Exact;
        }
        let c = comparison(&ds, "R2", "R1", Locale::En);
        assert_eq!(
            c.groups[0].a[0].fig.as_ref().unwrap().status,
            Status::Reported
        );
        assert_eq!(
            c.groups[1].a[0].fig.as_ref().unwrap().status,
            Status::Derived
        );
        assert_eq!(
            plain(&c.sentences[0]),
            "Region R2 has 800 more beneficiaries than Region R1."
        );
        assert!(
            !c.sentences.iter().any(|s| s.contains("illustrative")),
            "{:?}",
            c.sentences
        );
        assert!(c.illustrative, "the women's bar is illustrative");
        // Estimated totals say so.
        total_of(&mut ds, "R1").status = Status::Estimated;
        let c = comparison(&ds, "R2", "R1", Locale::Fr);
        assert_eq!(
            c.sentences.last().unwrap(),
            "Certains de ces chiffres sont estimés, non comptés."
        );
    }

    #[test]
    fn two_areas_by_gender_and_region() {
        let ds = small();
        let c = comparison(&ds, "alpha", "gamma", Locale::En);
        assert_eq!(c.kind, Kind::Area);
        assert_eq!(c.b.link.path, "/areas/gamma");
        let measures: Vec<Measure> = c.groups.iter().map(|g| g.measure).collect();
        // No census for an area: no rate, no population.
        assert_eq!(
            measures,
            vec![Measure::Beneficiaries, Measure::Gender, Measure::Parts]
        );
        let gender = &c.groups[1];
        assert_eq!(gender.max, 400.0);
        // R3 has no figure in either area: not a row.
        let parts = &c.groups[2];
        let labels: Vec<&str> = parts.a.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, vec!["Region R1", "Region R2"]);
        assert_eq!(parts.b[1].link.as_ref().unwrap().path, "/regions/R2");
        assert_eq!(parts.max, 540.0);
        let s: Vec<String> = c.sentences.iter().map(|s| plain(s)).collect();
        assert_eq!(
            s[..2],
            [
                "Area alpha has about 300 more beneficiaries than Area gamma.",
                "Women are 33% of the beneficiaries in Area alpha and 37% in Area gamma."
            ]
        );
        let ar = plain(&comparison(&ds, "alpha", "gamma", Locale::Ar).sentences[1]);
        assert_eq!(
            ar,
            "تمثل النساء 33% من المستفيدين في مجال ع Area alpha و37% في مجال ع Area gamma."
        );
        let fr = plain(&comparison(&ds, "beta", "gamma", Locale::Fr).sentences[0]);
        assert_eq!(
            fr,
            "Il y a environ 200 bénéficiaires de plus dans le domaine Area gamma (fr) que dans le domaine Area beta (fr)."
        );
    }
}
