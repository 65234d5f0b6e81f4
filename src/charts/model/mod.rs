//! The charts' models (pure): dataset + filter + language -> everything a
//! chart shows (figure, title, subtitle, status, filter note, source, text
//! summary, table and CSV, keyboard actions). One file per chart; the views
//! only draw (`crate::plot`) and wire events (`super::view`).
//!
//! To add a chart: a variant of [`ChartKind`], a file here with its
//! `fn model(c: &Ctx) -> ChartModel`, and its arm in [`chart`].

mod by_area;
mod counts;
mod gender;
mod over_time;
mod who;

use crate::i18n::format;
use crate::i18n::{Locale, Msg, isolate};
use crate::model::{Dataset, Gender, Observation, Status};
use crate::plot::{Caption, Figure};
use crate::stats::{Filter, Selection};
use crate::table::{Cell, Table};

/// The people indicator the charts count.
pub const BENEFICIARIES: &str = "beneficiaries";
/// The most bars, stacked rows, pairs or panels a chart draws; the rest stay
/// in its table (a large dataset must not make a chart unreadable or slow).
pub const MAX_MARKS: usize = 24;
/// The most figures one small multiple lists.
pub const MAX_PANEL_ITEMS: usize = 12;

/// The dashboard's charts, in page order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    ByArea,
    Gender,
    Who,
    Counts,
    OverTime,
}

impl ChartKind {
    /// Every chart, in page order.
    pub const ALL: [ChartKind; 5] = [
        ChartKind::ByArea,
        ChartKind::Gender,
        ChartKind::Who,
        ChartKind::Counts,
        ChartKind::OverTime,
    ];

    /// Its name in URLs, file names and `data-testid`s (`by-area`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            ChartKind::ByArea => "by-area",
            ChartKind::Gender => "gender",
            ChartKind::Who => "who",
            ChartKind::Counts => "counts",
            ChartKind::OverTime => "over-time",
        }
    }

    pub fn parse(s: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The chart's title.
    pub const fn title(self) -> Msg {
        match self {
            ChartKind::ByArea => Msg::ChartsByAreaTitle,
            ChartKind::Gender => Msg::ChartsGenderTitle,
            ChartKind::Who => Msg::ChartsWhoTitle,
            ChartKind::Counts => Msg::ChartsCountsTitle,
            ChartKind::OverTime => Msg::ChartsOverTimeTitle,
        }
    }
}

/// A keyboard-reachable equivalent of a clickable mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub label: String,
    pub target: Selection,
    pub pressed: bool,
}

/// Everything one chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartModel {
    pub kind: ChartKind,
    pub title: String,
    pub subtitle: String,
    /// Reported / estimated / illustrative.
    pub status_note: String,
    pub illustrative: bool,
    pub filter_note: String,
    pub source_note: String,
    /// One-sentence summary (the canvas' `aria-label`).
    pub summary: String,
    /// `None`: the chart is not drawn; `hidden_note` says why.
    pub figure: Option<Figure>,
    /// Said when the chart draws fewer marks than its table has.
    pub capped_note: Option<String>,
    pub hidden_note: Option<String>,
    pub table: Table,
    pub actions_label: String,
    pub actions: Vec<Action>,
}

/// What went into a chart: the observations shown and which parts of the
/// filter it honours.
struct Used<'a> {
    obs: Vec<&'a Observation>,
    region: bool,
    area: bool,
    gender: bool,
}

impl<'a> Used<'a> {
    fn new(region: bool, area: bool, gender: bool) -> Self {
        Used {
            obs: Vec::new(),
            region,
            area,
            gender,
        }
    }
    fn add(&mut self, o: Option<&'a Observation>) -> Option<&'a Observation> {
        if let Some(o) = o {
            self.obs.push(o);
        }
        o
    }
}

/// What every chart model reads: the dataset, the filter, the language, and
/// the formatting shared by all charts.
pub struct Ctx<'a> {
    ds: &'a Dataset,
    filter: &'a Filter,
    locale: Locale,
}

impl<'a> Ctx<'a> {
    fn t(&self, m: Msg) -> &'static str {
        self.locale.t(m)
    }
    fn tf(&self, m: Msg, args: &[(&str, &str)]) -> String {
        self.locale.tf(m, args)
    }
    /// One "filter by this program area" button per area, pressed when it is the filter.
    fn area_actions<'i>(&self, ids: impl Iterator<Item = &'i str>) -> Vec<Action> {
        ids.map(|id| Action {
            label: self.area_name(id),
            target: Selection::Area(id.to_string()),
            pressed: self.filter.area.as_deref() == Some(id),
        })
        .collect()
    }

    fn area_name(&self, id: &str) -> String {
        self.ds
            .area(id)
            .map(|a| a.name.get(self.locale).to_string())
            .unwrap_or_else(|| id.to_string())
    }
    fn gender_name(&self, g: Gender) -> &'static str {
        self.t(g.msg())
    }
    fn count(&self, v: f64) -> String {
        format::count(self.locale, v)
    }
    fn pct(&self, share: f64) -> String {
        format::percent(self.locale, share)
    }
    /// A count with its qualifier: `4,200+`, `≈2,016`.
    fn qualified(&self, o: &Observation) -> String {
        let v = if o.is_share() {
            self.pct(o.value())
        } else {
            self.count(o.value())
        };
        o.qualifier.compact(&v)
    }
    /// A count cell: qualified on screen, the bare number in the CSV.
    fn count_cell(&self, o: &Observation) -> Cell {
        Cell {
            text: self.qualified(o),
            raw: count_raw(o.value()),
        }
    }
    /// A share for the table: shown with the precision of the CSV value.
    fn pct_cell(&self, share: f64) -> Cell {
        let raw = pct_raw(share);
        let style = if raw.contains('.') {
            format::Style::Percent1
        } else {
            format::Style::Percent
        };
        Cell {
            text: format::number(self.locale, share, style),
            raw,
        }
    }
    /// A chart's table: `columns` and each row's cells, both followed by the
    /// status and source of the figures the row shows.
    fn table<'o>(
        &self,
        columns: Vec<String>,
        rows: impl IntoIterator<Item = (Vec<Cell>, Vec<&'o Observation>)>,
    ) -> Table {
        Table {
            columns: columns
                .into_iter()
                .chain(self.provenance_columns())
                .collect(),
            rows: rows
                .into_iter()
                .map(|(cells, obs)| cells.into_iter().chain(self.provenance(&obs)).collect())
                .collect(),
        }
    }
    /// The columns every chart table ends with: status and source.
    fn provenance_columns(&self) -> [String; 2] {
        [
            self.t(Msg::ChartsColStatus).into(),
            self.t(Msg::ChartsColSource).into(),
        ]
    }
    /// A row's status (the least certain of its figures) and sources.
    fn provenance(&self, obs: &[&Observation]) -> [Cell; 2] {
        let Some(status) = obs.iter().map(|o| o.status).max() else {
            let none = self.t(Msg::ChartsNoDataShort);
            return [Cell::text(none), Cell::text(none)];
        };
        let mut ids: Vec<&str> = Vec::new();
        for o in obs {
            if !ids.contains(&o.source.as_str()) {
                ids.push(&o.source);
            }
        }
        let titles: Vec<String> = ids.iter().map(|id| self.source_title(id)).collect();
        [
            Cell::text(self.t(status.msg())),
            Cell::text(titles.join(self.t(Msg::AppSourceSeparator))),
        ]
    }
    fn source_title(&self, id: &str) -> String {
        self.ds
            .source(id)
            .map(|s| s.title.get(self.locale).to_string())
            .unwrap_or_else(|| id.to_string())
    }

    fn finish(
        &self,
        kind: ChartKind,
        subtitle: String,
        used: &Used,
        summary: String,
    ) -> ChartModel {
        // The least certain status shown decides the note.
        let worst = used.obs.iter().map(|o| o.status).max();
        let illustrative = worst == Some(Status::Illustrative);
        let status_note = match worst {
            Some(Status::Illustrative) => self.t(Msg::ChartsStatusIllustrative),
            Some(Status::Estimated) => self.t(Msg::ChartsStatusEstimated),
            Some(Status::Derived) => self.t(Msg::ValidateStatusDerivedNote),
            Some(Status::Reported) => self.t(Msg::ChartsStatusReported),
            None => self.t(Msg::ChartsNoData),
        }
        .to_string();
        let mut sources: Vec<&str> = Vec::new();
        for o in &used.obs {
            if !sources.contains(&o.source.as_str()) {
                sources.push(&o.source);
            }
        }
        let titles: Vec<String> = sources.iter().map(|id| self.source_title(id)).collect();
        let source_note = self.tf(
            Msg::ChartsSource,
            &[("source", &titles.join(self.t(Msg::AppSourceSeparator)))],
        );
        ChartModel {
            kind,
            title: self.t(kind.title()).to_string(),
            subtitle,
            status_note,
            illustrative,
            filter_note: self.filter_note(used),
            source_note,
            summary,
            figure: None,
            capped_note: None,
            hidden_note: None,
            table: Table::default(),
            actions_label: String::new(),
            actions: Vec::new(),
        }
    }

    /// "Filter: Region: X · Women only. Not applied to this chart: program area."
    fn filter_note(&self, used: &Used) -> String {
        let f = self.filter;
        if f.is_empty() {
            return self.t(Msg::ChartsFilterNone).to_string();
        }
        let mut on = Vec::new();
        let mut off = Vec::new();
        let mut part = |applied: bool, text: String| {
            if applied {
                on.push(text)
            } else {
                off.push(text)
            }
        };
        if let Some(r) = &f.region {
            let name = self
                .ds
                .region(r)
                .map(|x| x.name.get(self.locale).to_string())
                .unwrap_or_else(|| r.clone());
            part(
                used.region,
                self.tf(Msg::ChartsFilterRegion, &[("name", &isolate(&name))]),
            );
        }
        if let Some(a) = &f.area {
            part(
                used.area,
                self.tf(
                    Msg::ChartsFilterArea,
                    &[("name", &isolate(&self.area_name(a)))],
                ),
            );
        }
        if let Some(g) = f.gender {
            part(
                used.gender,
                self.tf(Msg::ChartsFilterGender, &[("name", self.gender_name(g))]),
            );
        }
        let mut out = if on.is_empty() {
            self.t(Msg::ChartsFilterNone).to_string()
        } else {
            self.tf(Msg::ChartsFilterApplied, &[("filter", &on.join(" · "))])
        };
        if !off.is_empty() {
            out.push(' ');
            out.push_str(&self.tf(Msg::ChartsFilterNotApplied, &[("filter", &off.join(" · "))]));
        }
        out
    }
}

/// A share as a CSV number in percent (`48`, `48.2`).
fn pct_raw(share: f64) -> String {
    let p = (share * 1000.0).round() / 10.0;
    if p.fract() == 0.0 {
        format!("{p:.0}")
    } else {
        format!("{p:.1}")
    }
}

fn count_raw(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// One chart's model for `filter` in `locale`.
pub fn chart(kind: ChartKind, ds: &Dataset, filter: &Filter, locale: Locale) -> ChartModel {
    let c = Ctx { ds, filter, locale };
    let mut m = match kind {
        ChartKind::ByArea => by_area::model(&c),
        ChartKind::Gender => gender::model(&c),
        ChartKind::Who => who::model(&c),
        ChartKind::Counts => counts::model(&c),
        ChartKind::OverTime => over_time::model(&c),
    };
    cap(&mut m, locale);
    m
}

/// Keeps at most [`MAX_MARKS`] marks in the drawing (the largest, which the
/// models put first; the latest periods over time) and says so.
fn cap(m: &mut ChartModel, locale: Locale) {
    fn keep<T>(v: &mut Vec<T>, latest: bool) -> Option<(usize, usize)> {
        let total = v.len();
        if total <= MAX_MARKS {
            return None;
        }
        if latest {
            v.drain(..total - MAX_MARKS);
        } else {
            v.truncate(MAX_MARKS);
        }
        Some((MAX_MARKS, total))
    }
    let latest = m.kind == ChartKind::OverTime;
    let capped = match &mut m.figure {
        Some(Figure::Bars(rows)) => keep(rows, latest),
        Some(Figure::Stack(s)) => keep(&mut s.rows, latest),
        Some(Figure::Pairs(p)) => keep(&mut p.rows, latest),
        Some(Figure::Panels(panels)) => {
            let mut items_capped = false;
            for p in panels.iter_mut() {
                if p.items.len() > MAX_PANEL_ITEMS {
                    p.items.truncate(MAX_PANEL_ITEMS);
                    items_capped = true;
                }
            }
            let total = panels.len();
            keep(panels, false).or(items_capped.then_some((total.min(MAX_MARKS), total)))
        }
        None => None,
    };
    if let Some((shown, total)) = capped {
        m.actions.truncate(MAX_MARKS);
        m.capped_note = Some(locale.tf(
            Msg::LimitsChartCapped,
            &[("shown", &shown.to_string()), ("total", &total.to_string())],
        ));
    }
}

/// The title and footer of a chart's image: what it shows (subtitle,
/// filters), how sure it is (status, the illustrative note), where it comes
/// from (sources, the data's date and publisher) and the link to the view.
pub fn export_caption(m: &ChartModel, ds: &Dataset, locale: Locale, link: &str) -> Caption {
    let date = locale.tf(
        Msg::AppDataAsOf,
        &[
            ("date", &format::date(locale, &ds.meta.as_of)),
            ("source", ds.meta.publisher.get(locale)),
        ],
    );
    Caption {
        title: m.title.clone(),
        lines: [
            Some(m.subtitle.clone()),
            Some(m.filter_note.clone()),
            Some(m.status_note.clone()),
            m.capped_note.clone(),
            Some(m.source_note.clone()),
            Some(date),
            Some(link.to_string()),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}

/// Every chart's model, in page order.
pub fn charts(ds: &Dataset, filter: &Filter, locale: Locale) -> Vec<ChartModel> {
    ChartKind::ALL
        .into_iter()
        .map(|k| chart(k, ds, filter, locale))
        .collect()
}

#[cfg(test)]
mod tests;
