//! A widget's address (pure): which widget (`/embed/…`), its options from the
//! query string, and the addresses and snippets built from them. Anything
//! unknown or malformed is ignored: the default is used, never an error.

use crate::charts::ChartKind;
use crate::i18n::Locale;
use crate::map::model::{MapView, Measure};
use crate::query;
use crate::stats::Filter;
use crate::vocab::FilterField;

/// The path prefix of every widget.
pub const PREFIX: &str = "/embed";

/// The colour scheme a host asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the reader's system setting (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    pub const fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Which widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Widget {
    Map,
    Chart(ChartKind),
    /// One headline figure, by its id (`beneficiaries`, `women`, `group-neet`, …).
    Figure(String),
    Summary,
}

/// The figure shown when `/embed/figure/{id}` names none the data has.
pub const DEFAULT_FIGURE: &str = "beneficiaries";

impl Widget {
    /// The widget's path (`/embed/chart/by-area`).
    pub fn path(&self) -> String {
        match self {
            Widget::Map => format!("{PREFIX}/map"),
            Widget::Chart(k) => format!("{PREFIX}/chart/{}", k.as_str()),
            Widget::Figure(id) => format!("{PREFIX}/figure/{}", query::encode(id)),
            Widget::Summary => format!("{PREFIX}/summary"),
        }
    }

    /// The kind as named in `data-impact-atlas` (`map`, `chart`, `figure`, `summary`).
    pub const fn kind(&self) -> &'static str {
        match self {
            Widget::Map => "map",
            Widget::Chart(_) => "chart",
            Widget::Figure(_) => "figure",
            Widget::Summary => "summary",
        }
    }

    /// A height in CSS pixels that fits the widget before it reports its own
    /// (the plain `<iframe>` snippet's `height`).
    pub const fn default_height(&self) -> u32 {
        match self {
            Widget::Map => 760,
            Widget::Chart(_) => 560,
            Widget::Figure(_) => 260,
            Widget::Summary => 420,
        }
    }
}

/// The chart a `/embed/chart/{kind}` names; an unknown kind falls back to the first chart.
pub fn chart_kind(segment: Option<&str>) -> ChartKind {
    segment
        .and_then(|s| ChartKind::parse(s.trim()))
        .unwrap_or(ChartKind::ALL[0])
}

/// A figure id as it may appear in a path: 1–64 of `a-z 0-9 _ -`.
pub fn figure_id(segment: Option<&str>) -> String {
    segment
        .map(str::trim)
        .filter(|s| is_token(s))
        .unwrap_or(DEFAULT_FIGURE)
        .to_string()
}

/// 1–64 ASCII letters, digits, `_` or `-`.
pub fn is_token(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A widget's options (the filter is read by the dashboard context).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub lang: Option<Locale>,
    pub theme: Theme,
    /// Show the widget's title (`title=0` hides it).
    pub title: bool,
    pub view: MapView,
    /// Per 100k applies to the Morocco view only.
    pub measure: Measure,
    /// The host's name for this widget, echoed in every message.
    pub id: Option<String>,
    /// The host page's origin: messages are accepted from it only and sent to it only.
    pub host: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: None,
            theme: Theme::Auto,
            title: true,
            view: MapView::Morocco,
            measure: Measure::Count,
            id: None,
            host: None,
        }
    }
}

/// The map view's name in URLs.
pub const fn view_str(v: MapView) -> &'static str {
    match v {
        MapView::Morocco => "morocco",
        MapView::Africa => "africa",
    }
}

/// The measure's name in URLs.
pub const fn measure_str(m: Measure) -> &'static str {
    match m {
        Measure::Count => "count",
        Measure::Per100k => "per100k",
    }
}

/// `http(s)://host[:port]`, nothing else (no path, user or query).
pub fn is_origin(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && r.len() <= 253
            && r.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
    })
}

/// The map's view and measure from query parameters (`view=africa`,
/// `measure=per100k`), shared by the widgets and the dashboard's map; bad
/// values keep the defaults, and per 100k applies to Morocco's view only.
pub fn map_state(get: impl Fn(&str) -> Option<String>) -> (MapView, Measure) {
    let val = |k: &str| get(k).map(|v| v.trim().to_ascii_lowercase());
    let view = match val("view").as_deref() {
        Some("africa") => MapView::Africa,
        _ => MapView::Morocco,
    };
    let measure = match (view, val("measure").as_deref()) {
        (MapView::Morocco, Some("per100k")) => Measure::Per100k,
        _ => Measure::Count,
    };
    (view, measure)
}

/// The query parameters of a map state: only what differs from the defaults.
pub fn map_params(view: MapView, measure: Measure) -> [(&'static str, Option<String>); 2] {
    [
        (
            "view",
            (view != MapView::Morocco).then(|| view_str(view).to_string()),
        ),
        (
            "measure",
            (view == MapView::Morocco && measure != Measure::Count)
                .then(|| measure_str(measure).to_string()),
        ),
    ]
}

/// Reads the options from query parameters; bad values keep the defaults.
pub fn parse(get: impl Fn(&str) -> Option<String>) -> Options {
    let d = Options::default();
    let val = |k: &str| get(k).map(|v| v.trim().to_ascii_lowercase());
    let (view, measure) = map_state(&get);
    Options {
        lang: get("lang").and_then(|l| Locale::from_tag(&l)),
        theme: val("theme")
            .and_then(|t| Theme::parse(&t))
            .unwrap_or(d.theme),
        title: !matches!(val("title").as_deref(), Some("0" | "false" | "no" | "off")),
        view,
        measure,
        id: get("id").filter(|s| is_token(s)),
        host: get("host").filter(|s| is_origin(s)),
    }
}

/// The query string of a widget's address: only what differs from the
/// defaults, then the filter. `""` or `?a=b&…`.
pub fn widget_query(widget: &Widget, o: &Options, filter: &Filter) -> String {
    let mut up: Vec<(&str, Option<String>)> = vec![
        ("lang", o.lang.map(|l| l.tag().to_string())),
        (
            "theme",
            (o.theme != Theme::Auto).then(|| o.theme.as_str().to_string()),
        ),
        ("title", (!o.title).then(|| "0".to_string())),
    ];
    if *widget == Widget::Map {
        up.extend(map_params(o.view, o.measure));
    }
    for (field, value) in FilterField::ALL
        .into_iter()
        .zip(query::filter_params(filter))
    {
        up.push((field.as_str(), value));
    }
    query::with_params(&[], &up)
}

/// The dashboard's address for the same language, filter and (for the map
/// widget) map view and measure: the widget's "View on Impact Atlas" link,
/// under `base` (`""` or `/impact-atlas`).
pub fn dashboard_href(
    base: &str,
    lang: Locale,
    filter: &Filter,
    map: Option<(MapView, Measure)>,
) -> String {
    let mut up: Vec<(&str, Option<String>)> = vec![("lang", Some(lang.tag().to_string()))];
    for (field, value) in FilterField::ALL
        .into_iter()
        .zip(query::filter_params(filter))
    {
        up.push((field.as_str(), value));
    }
    if let Some((view, measure)) = map {
        up.extend(map_params(view, measure));
    }
    format!("{base}/{}", query::with_params(&[], &up))
}

/// Escapes text for an HTML attribute value or text.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The plain `<iframe>` snippet. `app` is the app's address without a
/// trailing slash (`https://atlas.example.org` or `…/impact-atlas`).
pub fn iframe_snippet(
    app: &str,
    widget: &Widget,
    o: &Options,
    filter: &Filter,
    title: &str,
) -> String {
    let src = format!("{app}{}{}", widget.path(), widget_query(widget, o, filter));
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" width=\"100%\" height=\"{}\" style=\"border:0;width:100%;max-width:100%\"></iframe>",
        escape_html(&src),
        escape_html(title),
        widget.default_height()
    )
}

/// The embed.js snippet: a placeholder and the script (once per page).
pub fn script_snippet(
    app: &str,
    widget: &Widget,
    o: &Options,
    filter: &Filter,
    title: &str,
) -> String {
    let mut attrs = vec![format!("data-impact-atlas=\"{}\"", widget.kind())];
    match widget {
        Widget::Chart(k) => attrs.push(format!("data-chart=\"{}\"", k.as_str())),
        Widget::Figure(id) => attrs.push(format!("data-figure=\"{}\"", escape_html(id))),
        _ => {}
    }
    let q = widget_query(widget, o, filter);
    for pair in q
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        if let Some((k, v)) = pair.split_once('=') {
            let v = percent_decode(v);
            attrs.push(format!("data-{k}=\"{}\"", escape_html(&v)));
        }
    }
    attrs.push(format!("data-label=\"{}\"", escape_html(title)));
    format!(
        "<div {}></div>\n<script src=\"{}/embed.js\" async></script>",
        attrs.join(" "),
        escape_html(app)
    )
}

/// Decodes `%XX` escapes (the inverse of [`query::encode`]); bad escapes stay as they are.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Gender;

    fn opts(pairs: &[(&str, &str)]) -> Options {
        parse(|k| {
            pairs
                .iter()
                .find(|(a, _)| *a == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults_when_nothing_is_given() {
        assert_eq!(opts(&[]), Options::default());
        let d = Options::default();
        assert!(d.title);
        assert_eq!(
            (d.theme, d.view, d.measure),
            (Theme::Auto, MapView::Morocco, Measure::Count)
        );
    }

    #[test]
    fn reads_every_option() {
        let o = opts(&[
            ("lang", "ar"),
            ("theme", "Dark"),
            ("title", "0"),
            ("view", "morocco"),
            ("measure", "per100k"),
            ("id", "map-1"),
            ("host", "https://www.um6p.ma"),
        ]);
        assert_eq!(o.lang, Some(Locale::Ar));
        assert_eq!(o.theme, Theme::Dark);
        assert!(!o.title);
        assert_eq!(o.measure, Measure::Per100k);
        assert_eq!(o.id.as_deref(), Some("map-1"));
        assert_eq!(o.host.as_deref(), Some("https://www.um6p.ma"));
        assert_eq!(opts(&[("view", "africa")]).view, MapView::Africa);
        assert_eq!(opts(&[("lang", "fr-MA")]).lang, Some(Locale::Fr));
    }

    #[test]
    fn bad_values_keep_the_defaults() {
        let o = opts(&[
            ("lang", "de"),
            ("theme", "sepia"),
            ("title", "maybe"),
            ("view", "<script>"),
            ("measure", "per1000"),
            ("id", "a b\"c"),
            ("host", "javascript:alert(1)"),
        ]);
        assert_eq!(o, Options::default());
        // Per 100k only exists for Morocco's regions.
        let o = opts(&[("view", "africa"), ("measure", "per100k")]);
        assert_eq!((o.view, o.measure), (MapView::Africa, Measure::Count));
        assert_eq!(opts(&[("id", &"x".repeat(65))]).id, None);
        for bad in [
            "https://a.b/path",
            "https://",
            "ftp://a.b",
            "https://a b",
            "null",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
        assert!(is_origin("http://127.0.0.1:4173"));
    }

    #[test]
    fn widget_paths_and_unknown_segments() {
        assert_eq!(Widget::Map.path(), "/embed/map");
        assert_eq!(
            Widget::Chart(ChartKind::OverTime).path(),
            "/embed/chart/over-time"
        );
        assert_eq!(Widget::Figure("women".into()).path(), "/embed/figure/women");
        assert_eq!(Widget::Summary.path(), "/embed/summary");
        assert_eq!(chart_kind(Some("gender")), ChartKind::Gender);
        assert_eq!(chart_kind(Some("pie")), ChartKind::ALL[0]);
        assert_eq!(chart_kind(None), ChartKind::ALL[0]);
        for k in ChartKind::ALL {
            assert_eq!(chart_kind(Some(k.as_str())), k);
        }
        assert_eq!(figure_id(Some("group-neet")), "group-neet");
        assert_eq!(figure_id(Some("../x")), DEFAULT_FIGURE);
        assert_eq!(figure_id(Some("")), DEFAULT_FIGURE);
    }

    #[test]
    fn addresses_carry_options_and_filter() {
        let f = Filter {
            region: Some("MA-07".into()),
            area: None,
            gender: Some(Gender::Female),
        };
        let o = Options {
            lang: Some(Locale::Ar),
            theme: Theme::Dark,
            title: false,
            measure: Measure::Per100k,
            ..Options::default()
        };
        assert_eq!(
            widget_query(&Widget::Map, &o, &f),
            "?lang=ar&theme=dark&title=0&measure=per100k&region=MA-07&gender=female"
        );
        // Map options belong to the map only.
        assert_eq!(
            widget_query(&Widget::Summary, &o, &Filter::default()),
            "?lang=ar&theme=dark&title=0"
        );
        assert_eq!(
            widget_query(&Widget::Summary, &Options::default(), &Filter::default()),
            ""
        );
        assert_eq!(
            dashboard_href("", Locale::En, &f, None),
            "/?lang=en&region=MA-07&gender=female"
        );
        assert_eq!(
            dashboard_href("/impact-atlas", Locale::Fr, &Filter::default(), None),
            "/impact-atlas/?lang=fr"
        );
        // The map widget's link keeps its view and measure (defaults left out).
        assert_eq!(
            dashboard_href(
                "",
                Locale::Ar,
                &Filter::default(),
                Some((MapView::Africa, Measure::Count))
            ),
            "/?lang=ar&view=africa"
        );
        assert_eq!(
            dashboard_href(
                "",
                Locale::En,
                &f,
                Some((MapView::Morocco, Measure::Per100k))
            ),
            "/?lang=en&region=MA-07&gender=female&measure=per100k"
        );
        assert_eq!(
            dashboard_href(
                "",
                Locale::En,
                &Filter::default(),
                Some((MapView::Morocco, Measure::Count))
            ),
            "/?lang=en"
        );
    }

    #[test]
    fn snippets_escape_and_name_the_widget() {
        let o = Options {
            lang: Some(Locale::Fr),
            ..Options::default()
        };
        let f = Filter::default();
        let ifr = iframe_snippet(
            "https://x.org",
            &Widget::Chart(ChartKind::Gender),
            &o,
            &f,
            "A \"B\" <C>",
        );
        assert!(ifr.starts_with("<iframe src=\"https://x.org/embed/chart/gender?lang=fr\""));
        assert!(ifr.contains("title=\"A &quot;B&quot; &lt;C&gt;\""));
        assert!(ifr.contains("loading=\"lazy\""));
        assert!(ifr.contains("height=\"560\""));
        let s = script_snippet(
            "https://x.org",
            &Widget::Chart(ChartKind::Gender),
            &o,
            &f,
            "T",
        );
        assert_eq!(
            s,
            "<div data-impact-atlas=\"chart\" data-chart=\"gender\" data-lang=\"fr\" data-label=\"T\"></div>\n<script src=\"https://x.org/embed.js\" async></script>"
        );
        let f = Filter {
            area: Some("a&b".into()),
            ..Filter::default()
        };
        let s = script_snippet("", &Widget::Summary, &Options::default(), &f, "");
        assert!(s.contains("data-area=\"a&amp;b\""), "{s}");
    }
}
