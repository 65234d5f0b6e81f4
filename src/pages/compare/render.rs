//! The comparison as HTML (pure): the two sides' heads, the differences in
//! words and each measure's bars for both sides on one scale. Written as
//! one escaped string rather than as Leptos views: the markup is static
//! once the comparison is known, and a string costs the phone a few
//! hundred bytes of wasm where the nested view types cost kilobytes. Every
//! text and attribute from the data or the URL goes through [`escape`].

use super::model::{Bar, Comparison, Group, Notice, Side};
use crate::i18n::{Locale, Msg, isolate};
use crate::model::Status;
use std::fmt::Write as _;

/// Escapes text for an HTML text node or a quoted attribute value.
pub use crate::embed::params::escape_html as escape;

/// The notices about the URL's parameters (a warning each; the default
/// choice is only information).
pub fn notices(notices: &[Notice], locale: Locale) -> String {
    let mut h = String::new();
    for n in notices {
        let class = if *n == Notice::Default {
            "info"
        } else {
            "warning"
        };
        let _ = write!(
            h,
            r#"<div class="notice notice-{class}" role="status" data-testid="compare-notice"><p>{}</p></div>"#,
            escape(&n.text(locale))
        );
    }
    h
}

/// The comparison's markup in `locale`; `href` turns a path of the site
/// into a link (keeping the language).
pub fn comparison(cmp: &Comparison, locale: Locale, href: &dyn Fn(&str) -> String) -> String {
    let t = |m: Msg| escape(locale.t(m));
    let mut h = String::new();
    let kind = t(cmp.kind.msg());
    h.push_str(r#"<div class="compare-heads">"#);
    for (key, side) in [("a", &cmp.a), ("b", &cmp.b)] {
        let open = locale.tf(Msg::CompareOpenPage, &[("name", &isolate(&side.name))]);
        let _ = write!(
            h,
            r#"<div class="compare-head" data-testid="compare-side-{key}" data-id="{id}"><p class="page-kind">{kind}</p><h2><bdi>{name}</bdi></h2><a href="{href}" data-testid="compare-link-{key}">{open}</a></div>"#,
            id = escape(&side.id),
            name = escape(&side.name),
            href = escape(&href(&side.link.path)),
            open = escape(&open),
        );
    }
    h.push_str("</div>");
    if cmp.illustrative {
        let _ = write!(
            h,
            r#"<p class="notice notice-info" data-testid="illustrative-note">{}</p>"#,
            t(Msg::AppIllustrativeNote)
        );
    }
    let _ = write!(
        h,
        r#"<section class="compare-differences" aria-labelledby="compare-differences-title"><h2 id="compare-differences-title">{}</h2><ul data-testid="compare-sentences">"#,
        t(Msg::CompareDifferencesTitle)
    );
    for s in &cmp.sentences {
        let _ = write!(h, "<li>{}</li>", escape(s));
    }
    let _ = write!(
        h,
        r#"</ul></section><p class="compare-scale-note">{}</p>"#,
        t(Msg::CompareScaleNote)
    );
    for g in &cmp.groups {
        group(&mut h, g, &cmp.a, &cmp.b, locale, href);
    }
    h
}

fn group(
    h: &mut String,
    g: &Group,
    a: &Side,
    b: &Side,
    locale: Locale,
    href: &dyn Fn(&str) -> String,
) {
    let m = g.measure.as_str();
    let _ = write!(
        h,
        r#"<section class="compare-group" data-group="{m}" aria-labelledby="compare-group-{m}"><h2 id="compare-group-{m}">{}</h2><div class="compare-cols">"#,
        escape(&g.title)
    );
    for (key, side, bars) in [("a", a, &g.a), ("b", b, &g.b)] {
        side_bars(h, key, side, bars, locale, href);
    }
    h.push_str("</div></section>");
}

/// One side's bars: label, number in text, status, then the bar (hidden
/// from screen readers: the number says it); the sources under them.
fn side_bars(
    h: &mut String,
    key: &str,
    side: &Side,
    bars: &[Bar],
    locale: Locale,
    href: &dyn Fn(&str) -> String,
) {
    let _ = write!(h, r#"<div class="compare-col" data-side="{key}">"#);
    // A group of one bar a side labels the bar with the side's name.
    let single = bars.len() == 1;
    if !single {
        let _ = write!(
            h,
            r#"<h3 class="compare-col-name"><bdi>{}</bdi></h3>"#,
            escape(&side.name)
        );
    }
    h.push_str(r#"<ul class="compare-bars">"#);
    let mut sources: Vec<&str> = Vec::new();
    for bar in bars {
        let label = match (&bar.link, single) {
            (_, true) => format!("<bdi>{}</bdi>", escape(&side.name)),
            (Some(link), _) => format!(
                r#"<a href="{}"><bdi>{}</bdi></a>"#,
                escape(&href(&link.path)),
                escape(&link.text)
            ),
            (None, _) => format!("<bdi>{}</bdi>", escape(&bar.label)),
        };
        let (value, status, fill) = match &bar.fig {
            Some(f) => {
                if !sources.contains(&f.source.as_str()) {
                    sources.push(&f.source);
                }
                (
                    escape(&f.text),
                    if f.census {
                        format!(
                            r#"<span class="badge badge-census">{}</span>"#,
                            escape(locale.t(Msg::CompareStatusCensus))
                        )
                    } else {
                        format!(
                            r#"<span class="{}">{}</span>"#,
                            f.status.badge_class(),
                            escape(locale.t(f.status.msg()))
                        )
                    },
                    if f.status == Status::Illustrative {
                        "compare-fill compare-fill-illustrative"
                    } else {
                        "compare-fill"
                    },
                )
            }
            None => (
                escape(locale.t(Msg::PagesNotAvailable)),
                String::new(),
                "compare-fill",
            ),
        };
        let _ = write!(
            h,
            r#"<li class="compare-bar" data-status="{st}"><span class="compare-bar-label">{label}</span><span class="compare-bar-status">{status}</span><span class="compare-bar-value" data-testid="compare-value"><bdi>{value}</bdi></span><svg class="compare-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="{fill}" width="{w:.2}" height="10"></rect></svg></li>"#,
            st = bar.fig.as_ref().map_or("", |f| if f.census {
                "census"
            } else {
                f.status.as_str()
            }),
            w = bar.frac * 100.0,
        );
    }
    h.push_str("</ul>");
    if !sources.is_empty() {
        // Isolated in the page's direction (RLI or LRI): an FSI takes it
        // from the first letter, a Latin publisher, and laid an Arabic
        // title out left to right, its parts out of reading order.
        let open = if locale.is_rtl() {
            '\u{2067}'
        } else {
            '\u{2066}'
        };
        let line = locale.tf(
            Msg::AppSourceLine,
            &[("source", &format!("{open}{}\u{2069}", sources.join(" · ")))],
        );
        let _ = write!(h, r#"<p class="figure-source-line">{}</p>"#, escape(&line));
    }
    h.push_str("</div>");
}

#[cfg(test)]
mod tests {
    use super::super::model::{Choice, compare};
    use super::*;
    use crate::pages::links::Kind;
    use crate::testing::small;

    fn html(ds: &crate::model::Dataset, a: &str, b: &str, l: Locale) -> String {
        let choice = Choice {
            kind: if a.starts_with('R') {
                Kind::Region
            } else {
                Kind::Area
            },
            a: a.into(),
            b: b.into(),
        };
        comparison(&compare(ds, &choice, l).unwrap(), l, &|p| {
            format!("{p}?lang={}", l.tag())
        })
    }

    #[test]
    fn notices_are_escaped_and_say_their_kind() {
        let h = notices(
            &[Notice::Default, Notice::Unknown("<b>".into())],
            Locale::En,
        );
        assert!(
            h.starts_with(r#"<div class="notice notice-info" role="status""#),
            "{h}"
        );
        assert!(
            h.contains(
                "<div class=\"notice notice-warning\" role=\"status\" \
                 data-testid=\"compare-notice\"><p>“\u{2068}&lt;b&gt;\u{2069}” is neither"
            ),
            "{h}"
        );
        assert_eq!(notices(&[], Locale::Ar), "");
    }

    #[test]
    fn escapes_markup_from_the_data() {
        assert_eq!(
            escape(r#"<b a="x">&'"#),
            "&lt;b a=&quot;x&quot;&gt;&amp;&#39;"
        );
        let mut ds = small();
        ds.regions[1]
            .name
            .0
            .insert("en".into(), "<img src=x onerror=alert(1)>\"".into());
        let h = html(&ds, "R2", "R1", Locale::En);
        assert!(!h.contains("<img"), "{h}");
        assert!(
            h.contains("&lt;img src=x onerror=alert(1)&gt;&quot;"),
            "{h}"
        );
    }

    #[test]
    fn the_source_line_is_isolated_in_the_page_direction() {
        let ds = small();
        for (l, open) in [(Locale::Ar, '\u{2067}'), (Locale::En, '\u{2066}')] {
            let h = html(&ds, "R2", "R1", l);
            let line = h
                .split(r#"<p class="figure-source-line">"#)
                .nth(1)
                .expect("a source line");
            let line = &line[..line.find("</p>").unwrap()];
            assert!(line.contains(open), "{l:?}: {line}");
            assert!(!line.contains('\u{2068}'), "{l:?}: {line}");
        }
    }

    #[test]
    fn bars_carry_their_number_status_and_shared_scale() {
        let ds = small();
        let h = html(&ds, "R2", "R1", Locale::En);
        // Both sides' beneficiaries: 900 is the full bar, 100 a ninth of it.
        assert!(h.contains(r#"<bdi>about 900</bdi></span><svg class="compare-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="compare-fill compare-fill-illustrative" width="100.00""#), "{h}");
        assert!(h.contains(r#"width="11.11""#), "{h}");
        assert_eq!(h.matches(r#"data-group=""#).count(), 5);
        assert!(h.contains("<a href=\"/regions/R2?lang=en\" data-testid=\"compare-link-a\">Page of \u{2068}Region R2\u{2069}</a>"), "{h}");
        assert!(
            h.contains(r#"<a href="/areas/alpha?lang=en"><bdi>Area alpha</bdi></a>"#),
            "{h}"
        );
        // A missing figure says so in words, draws an empty bar, has no status.
        assert!(h.contains(r#"<li class="compare-bar" data-status=""><span class="compare-bar-label"><bdi>Women</bdi></span><span class="compare-bar-status"></span><span class="compare-bar-value" data-testid="compare-value"><bdi>Not available</bdi>"#), "{h}");
        assert!(
            h.contains(r#"<span class="badge badge-census">census</span>"#),
            "{h}"
        );
        assert!(h.contains("data-testid=\"illustrative-note\""), "{h}");
    }
}
