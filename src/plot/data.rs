//! Chart models (pure): dataset + filter + language -> everything a chart
//! shows (figure, title, subtitle, status, filter note, source, text summary,
//! table and CSV, keyboard actions). The views only draw and wire events.

use super::{BarRow, Figure, PairChart, PairRow, Panel, StackChart, StackRow, Target};
use crate::i18n::format;
use crate::i18n::{Locale, Msg};
use crate::model::{CensusArea, CensusSex, Dataset, Gender, Observation, Qualifier, Status};
use crate::stats::{Dims, Filter, lookup};

/// The people indicator the charts count.
pub const BENEFICIARIES: &str = "beneficiaries";

/// The five charts, in page order (also their `data-testid` suffix).
pub const NAMES: [&str; 5] = ["by-area", "gender", "who", "counts", "over-time"];

/// One table cell: as shown, and as written to the CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub raw: String,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        Cell {
            raw: s.clone(),
            text: s,
        }
    }
}

/// The numbers of a chart, as a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// RFC 4180 CSV of the raw values, with a header row.
    pub fn to_csv(&self) -> String {
        fn field(s: &str) -> String {
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        }
        let mut out = String::new();
        let header: Vec<String> = self.columns.iter().map(|c| field(c)).collect();
        out.push_str(&header.join(","));
        out.push_str("\r\n");
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| field(&c.raw)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// A keyboard-reachable equivalent of a clickable mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub label: String,
    pub target: Target,
    pub pressed: bool,
}

/// Everything one chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartModel {
    pub name: &'static str,
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
    pub hidden_note: Option<String>,
    pub table: Table,
    pub actions_label: String,
    pub actions: Vec<Action>,
}

/// The filter after a click on `target`: selecting it, or clearing it when
/// it is already selected.
pub fn apply(filter: &Filter, target: &Target) -> Filter {
    let mut next = filter.clone();
    match target {
        Target::Area(id) => {
            next.area = if filter.area.as_deref() == Some(id.as_str()) {
                None
            } else {
                Some(id.clone())
            }
        }
        Target::Gender(g) => {
            next.gender = if filter.gender == Some(*g) {
                None
            } else {
                Some(*g)
            }
        }
    }
    next
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

struct Ctx<'a> {
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
            target: Target::Area(id.to_string()),
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
        match g {
            Gender::Female => self.t(Msg::ChartsWomen),
            Gender::Male => self.t(Msg::ChartsMen),
        }
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
        qualify(o.qualifier, v)
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
    fn status_word(&self, s: Status) -> &'static str {
        match s {
            Status::Reported => self.t(Msg::ChartsStatusWordReported),
            Status::Estimated => self.t(Msg::ChartsStatusWordEstimated),
            Status::Derived => self.t(Msg::ValidateStatusDerived),
            Status::Illustrative => self.t(Msg::ChartsStatusWordIllustrative),
        }
    }

    fn finish(
        &self,
        name: &'static str,
        title: Msg,
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
        let titles: Vec<String> = sources
            .iter()
            .map(|id| {
                self.ds
                    .source(id)
                    .map(|s| s.title.get(self.locale).to_string())
                    .unwrap_or_else(|| id.to_string())
            })
            .collect();
        let source_note = self.tf(Msg::ChartsSource, &[("source", &titles.join(" ; "))]);
        ChartModel {
            name,
            title: self.t(title).to_string(),
            subtitle,
            status_note,
            illustrative,
            filter_note: self.filter_note(used),
            source_note,
            summary,
            figure: None,
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
        if let Some(r) = &f.region {
            let name = self
                .ds
                .region(r)
                .map(|x| x.name.get(self.locale).to_string())
                .unwrap_or_else(|| r.clone());
            let part = self.tf(Msg::ChartsFilterRegion, &[("name", &name)]);
            if used.region {
                on.push(part)
            } else {
                off.push(part)
            }
        }
        if let Some(a) = &f.area {
            let part = self.tf(Msg::ChartsFilterArea, &[("name", &self.area_name(a))]);
            if used.area {
                on.push(part)
            } else {
                off.push(part)
            }
        }
        if let Some(g) = f.gender {
            let part = self.tf(Msg::ChartsFilterGender, &[("name", self.gender_name(g))]);
            if used.gender {
                on.push(part)
            } else {
                off.push(part)
            }
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

fn qualify(q: Qualifier, v: String) -> String {
    match q {
        Qualifier::Exact => v,
        Qualifier::MoreThan => format!("{v}+"),
        Qualifier::About => format!("≈{v}"),
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

/// The five chart models for `filter` in `locale`.
pub fn charts(ds: &Dataset, filter: &Filter, locale: Locale) -> Vec<ChartModel> {
    let c = Ctx { ds, filter, locale };
    vec![by_area(&c), gender(&c), who(&c), counts(&c), over_time(&c)]
}

/// Chart 1: beneficiaries by program area, largest first.
fn by_area(c: &Ctx) -> ChartModel {
    let mut used = Used::new(true, false, true);
    let rows = crate::stats::count_by_area(c.ds, BENEFICIARIES, c.filter);
    let mut rows: Vec<(&str, &Observation)> = rows
        .into_iter()
        .filter_map(|(id, o)| used.add(o).map(|o| (id, o)))
        .collect();
    rows.sort_by(|a, b| b.1.value().total_cmp(&a.1.value()).then(a.0.cmp(b.0)));
    let bars: Vec<BarRow> = rows
        .iter()
        .map(|(id, o)| BarRow {
            target: Some(Target::Area(id.to_string())),
            label: c.area_name(id),
            value: Some(o.value()),
            value_label: c.qualified(o),
            selected: c.filter.area.as_deref() == Some(*id),
        })
        .collect();
    let summary = match rows.first() {
        Some((id, o)) => c.tf(
            Msg::ChartsByAreaSummary,
            &[
                ("n", &rows.len().to_string()),
                ("name", &c.area_name(id)),
                ("value", &c.qualified(o)),
            ],
        ),
        None => c.t(Msg::ChartsNoData).to_string(),
    };
    let mut m = c.finish(
        "by-area",
        Msg::ChartsByAreaTitle,
        c.t(Msg::ChartsByAreaSubtitle).to_string(),
        &used,
        summary,
    );
    m.table = Table {
        columns: vec![
            c.t(Msg::ChartsColArea).into(),
            c.t(Msg::ChartsColBeneficiaries).into(),
            c.t(Msg::ChartsColStatus).into(),
        ],
        rows: rows
            .iter()
            .map(|(id, o)| {
                vec![
                    Cell::text(c.area_name(id)),
                    Cell {
                        text: c.qualified(o),
                        raw: count_raw(o.value()),
                    },
                    Cell::text(c.status_word(o.status)),
                ]
            })
            .collect(),
    };
    m.actions_label = c.t(Msg::ChartsActionsArea).into();
    m.actions = c.area_actions(rows.iter().map(|(id, _)| *id));
    if bars.is_empty() {
        m.hidden_note = Some(c.t(Msg::ChartsNoData).into());
    } else {
        m.figure = Some(Figure::Bars(bars));
    }
    m
}

/// Women and men under `dims` (gender left out): counts, or the women's
/// share (men = the rest) when it is more certain than the counts (a
/// reported share beats an illustrative split). Returns (women, men,
/// observations).
fn women_men<'a>(ds: &'a Dataset, dims: &Dims) -> Option<(f64, f64, Vec<&'a Observation>)> {
    let with = |g| Dims {
        gender: Some(g),
        ..dims.clone()
    };
    let f = lookup(ds, BENEFICIARIES, &with(Gender::Female), false);
    let m = lookup(ds, BENEFICIARIES, &with(Gender::Male), false);
    let share = lookup(ds, BENEFICIARIES, &with(Gender::Female), true);
    match (f, m, share) {
        (Some(f), Some(m), s) if s.is_none_or(|s| s.status >= f.status.max(m.status)) => {
            Some((f.value(), m.value(), vec![f, m]))
        }
        (_, _, Some(s)) => {
            let v = s.value().clamp(0.0, 1.0);
            Some((v, 1.0 - v, vec![s]))
        }
        _ => None,
    }
}

/// Chart 2: 100 % stacked bars of women and men, overall and per area.
fn gender(c: &Ctx) -> ChartModel {
    let mut used = Used::new(true, true, false);
    let base = Dims {
        region: c.filter.region.clone(),
        area: c.filter.area.clone(),
        ..Dims::default()
    };
    let mut rows: Vec<(String, f64, f64)> = Vec::new();
    let mut row_obs: Vec<Vec<&Observation>> = Vec::new();
    if let Some((w, m, obs)) = women_men(c.ds, &base) {
        let label = match &c.filter.area {
            Some(a) => c.area_name(a),
            None => c.t(Msg::ChartsAllAreas).to_string(),
        };
        rows.push((label, w, m));
        used.obs.extend(obs.iter().copied());
        row_obs.push(obs);
    }
    if c.filter.area.is_none() {
        for a in &c.ds.areas {
            let dims = Dims {
                area: Some(a.id.clone()),
                ..base.clone()
            };
            if let Some((w, m, obs)) = women_men(c.ds, &dims) {
                rows.push((c.area_name(&a.id), w, m));
                used.obs.extend(obs.iter().copied());
                row_obs.push(obs);
            }
        }
    }
    let share = |w: f64, m: f64| if w + m > 0.0 { w / (w + m) } else { 0.0 };
    let stack_rows: Vec<StackRow> = rows
        .iter()
        .map(|(label, w, m)| {
            let s = share(*w, *m);
            StackRow {
                label: label.clone(),
                women: *w,
                men: *m,
                women_label: c.pct(s),
                men_label: c.pct(1.0 - s),
            }
        })
        .collect();
    let summary = match rows.first() {
        Some((label, w, m)) => c.tf(
            Msg::ChartsGenderSummary,
            &[
                ("scope", label),
                ("women", &c.pct(share(*w, *m))),
                ("men", &c.pct(1.0 - share(*w, *m))),
            ],
        ),
        None => c.t(Msg::ChartsNoData).to_string(),
    };
    let mut m = c.finish(
        "gender",
        Msg::ChartsGenderTitle,
        c.t(Msg::ChartsGenderSubtitle).to_string(),
        &used,
        summary,
    );
    m.table = Table {
        columns: vec![
            c.t(Msg::ChartsColArea).into(),
            c.t(Msg::ChartsWomen).into(),
            c.t(Msg::ChartsMen).into(),
            c.t(Msg::ChartsColWomenShare).into(),
        ],
        rows: rows
            .iter()
            .zip(&row_obs)
            .map(|((label, w, mm), obs)| {
                // Counts where the data has them; a published share leaves
                // the count columns empty.
                let count = |v: f64, o: Option<&&Observation>| match o {
                    Some(o) if obs.len() == 2 => Cell {
                        text: qualify(o.qualifier, c.count(v)),
                        raw: count_raw(v),
                    },
                    _ => Cell::text(""),
                };
                vec![
                    Cell::text(label.clone()),
                    count(*w, obs.first()),
                    count(*mm, obs.get(1)),
                    c.pct_cell(share(*w, *mm)),
                ]
            })
            .collect(),
    };
    m.actions_label = c.t(Msg::ChartsActionsGender).into();
    m.actions = [Gender::Female, Gender::Male]
        .into_iter()
        .map(|g| Action {
            label: c.gender_name(g).into(),
            target: Target::Gender(g),
            pressed: c.filter.gender == Some(g),
        })
        .collect();
    if stack_rows.is_empty() {
        m.hidden_note = Some(c.t(Msg::ChartsNoData).into());
    } else {
        m.figure = Some(Figure::Stack(StackChart {
            rows: stack_rows,
            legend_women: c.t(Msg::ChartsWomen).into(),
            legend_men: c.t(Msg::ChartsMen).into(),
            selected: c.filter.gender,
        }));
    }
    m
}

/// A share among beneficiaries under `dims`: the published share, else
/// count / total.
fn share_of<'a>(
    ds: &'a Dataset,
    dims: &Dims,
    total_dims: &Dims,
) -> Option<(f64, Vec<&'a Observation>)> {
    if let Some(s) = lookup(ds, BENEFICIARIES, dims, true) {
        return Some((s.value(), vec![s]));
    }
    let part = lookup(ds, BENEFICIARIES, dims, false)?;
    let total = lookup(ds, BENEFICIARIES, total_dims, false)?;
    (total.value() > 0.0).then(|| (part.value() / total.value(), vec![part, total]))
}

/// Chart 3: women, NEET youth, rural residents among beneficiaries beside
/// the population.
fn who<'a>(c: &Ctx<'a>) -> ChartModel {
    // Shares are published for the whole lab; use the filter where the data
    // has the same shares for it.
    let scoped = Dims {
        region: c.filter.region.clone(),
        area: c.filter.area.clone(),
        ..Dims::default()
    };
    let has_scoped = |d: &Dims| {
        c.ds.observations.iter().any(|o| {
            o.indicator == BENEFICIARIES
                && (o.gender.is_some() || o.group.is_some())
                && o.region == d.region
                && o.area == d.area
                && o.program.is_none()
                && o.country.is_none()
                && o.period.is_none()
        })
    };
    let base = if has_scoped(&scoped) {
        scoped
    } else {
        Dims::default()
    };
    let mut used = Used::new(base.region.is_some(), base.area.is_some(), false);
    let region = base.region.as_deref();
    let pop_share = |area: CensusArea, sex: CensusSex| -> Option<f64> {
        let part = c.ds.population(region, area, sex)? as f64;
        let all = c.ds.population(region, CensusArea::Total, CensusSex::All)? as f64;
        (all > 0.0).then(|| part / all)
    };
    let year = c.ds.population.year.to_string();
    let mut rows: Vec<PairRow> = Vec::new();
    let mut census_used = false;
    let mut push = |label: String,
                    reached: Option<(f64, Vec<&'a Observation>)>,
                    pop: Option<f64>,
                    none_note: String,
                    used_obs: &mut Vec<_>| {
        let reached = reached.map(|(v, obs)| {
            used_obs.extend(obs);
            v
        });
        rows.push(PairRow {
            label,
            reached,
            reached_label: reached
                .map(|v| c.pct(v))
                .unwrap_or_else(|| c.t(Msg::ChartsNoDataShort).into()),
            population: pop,
            population_label: pop.map(|v| c.pct(v)).unwrap_or(none_note),
        });
    };
    let women = Dims {
        gender: Some(Gender::Female),
        ..base.clone()
    };
    let women_pop = pop_share(CensusArea::Total, CensusSex::Female);
    census_used |= women_pop.is_some();
    push(
        c.t(Msg::ChartsWomen).into(),
        share_of(c.ds, &women, &base),
        women_pop,
        c.t(Msg::ChartsNoCensus).into(),
        &mut used.obs,
    );
    for g in &c.ds.groups {
        let dims = Dims {
            group: Some(g.id.clone()),
            ..base.clone()
        };
        let pop = g.census_area.and_then(|a| pop_share(a, CensusSex::All));
        census_used |= pop.is_some();
        push(
            g.name.get(c.locale).into(),
            share_of(c.ds, &dims, &base),
            pop,
            c.t(Msg::ChartsNoCensus).into(),
            &mut used.obs,
        );
    }
    // A group without a share under this filter stays, saying "no data".
    let rows: Vec<PairRow> = if rows.iter().any(|r| r.reached.is_some()) {
        rows
    } else {
        Vec::new()
    };
    let parts: Vec<String> = rows
        .iter()
        .filter(|r| r.reached.is_some())
        .map(|r| {
            let mut s = format!("{} {}", r.label, r.reached_label);
            if r.population.is_some() {
                s.push_str(&c.tf(
                    Msg::ChartsWhoPopulationParen,
                    &[("value", &r.population_label)],
                ));
            }
            s
        })
        .collect();
    let summary = if rows.is_empty() {
        c.t(Msg::ChartsNoData).to_string()
    } else {
        c.tf(Msg::ChartsWhoSummary, &[("list", &parts.join(" ; "))])
    };
    let mut m = c.finish(
        "who",
        Msg::ChartsWhoTitle,
        c.tf(Msg::ChartsWhoSubtitle, &[("year", &year)]),
        &used,
        summary,
    );
    if census_used && let Some(s) = c.ds.source(&c.ds.population.source) {
        m.source_note.push_str(" ; ");
        m.source_note.push_str(s.title.get(c.locale));
    }
    let pop_col = c.tf(Msg::ChartsColPopulationShare, &[("year", &year)]);
    m.table = Table {
        columns: vec![
            c.t(Msg::ChartsColGroup).into(),
            c.t(Msg::ChartsColReachedShare).into(),
            pop_col,
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(r.label.clone()),
                    r.reached
                        .map(|v| c.pct_cell(v))
                        .unwrap_or_else(|| Cell::text(r.reached_label.clone())),
                    r.population
                        .map(|v| c.pct_cell(v))
                        .unwrap_or_else(|| Cell::text(r.population_label.clone())),
                ]
            })
            .collect(),
    };
    if rows.is_empty() {
        m.hidden_note = Some(c.t(Msg::ChartsNoData).into());
    } else {
        m.figure = Some(Figure::Pairs(PairChart {
            rows,
            legend_reached: c.t(Msg::ChartsLegendReached).into(),
            legend_population: c.tf(Msg::ChartsLegendPopulation, &[("year", &year)]),
        }));
    }
    m
}

/// Chart 4: per program area, the figures other than beneficiaries.
fn counts(c: &Ctx) -> ChartModel {
    let items_for = |region: Option<&String>| {
        let mut out: Vec<(&str, Vec<(&Observation, String)>)> = Vec::new();
        for a in &c.ds.areas {
            if c.filter.area.as_ref().is_some_and(|f| *f != a.id) {
                continue;
            }
            let mut items = Vec::new();
            for ind in c.ds.indicators.iter().filter(|i| i.id != BENEFICIARIES) {
                let name = ind.name.get(c.locale).to_string();
                let area_level = Dims {
                    area: Some(a.id.clone()),
                    region: region.cloned(),
                    ..Dims::default()
                };
                if let Some(o) = lookup(c.ds, &ind.id, &area_level, false) {
                    items.push((o, name));
                    continue;
                }
                // Only per program: each program's figure, named.
                for p in c.ds.programs.iter().filter(|p| p.area == a.id) {
                    let dims = Dims {
                        program: Some(p.id.clone()),
                        ..area_level.clone()
                    };
                    if let Some(o) = lookup(c.ds, &ind.id, &dims, false) {
                        let label = c.tf(
                            Msg::ChartsCountsInProgram,
                            &[("indicator", &name), ("program", p.name.get(c.locale))],
                        );
                        items.push((o, label));
                    }
                }
            }
            out.push((a.id.as_str(), items));
        }
        out
    };
    let mut region_applied = c.filter.region.is_some();
    let mut panels = items_for(c.filter.region.as_ref());
    if region_applied && panels.iter().all(|(_, items)| items.is_empty()) {
        // Not published by region: show the lab-wide figures and say so.
        panels = items_for(None);
        region_applied = false;
    }
    let mut used = Used::new(region_applied, true, false);
    for (_, items) in &panels {
        for (o, _) in items {
            used.obs.push(o);
        }
    }
    let with_items = panels.iter().filter(|(_, i)| !i.is_empty()).count();
    let summary = c.tf(
        Msg::ChartsCountsSummary,
        &[
            ("n", &with_items.to_string()),
            ("total", &panels.len().to_string()),
        ],
    );
    let mut m = c.finish(
        "counts",
        Msg::ChartsCountsTitle,
        c.t(Msg::ChartsCountsSubtitle).to_string(),
        &used,
        summary,
    );
    m.table = Table {
        columns: vec![
            c.t(Msg::ChartsColArea).into(),
            c.t(Msg::ChartsColIndicator).into(),
            c.t(Msg::ChartsColCount).into(),
            c.t(Msg::ChartsColStatus).into(),
        ],
        rows: panels
            .iter()
            .flat_map(|(id, items)| {
                items.iter().map(move |(o, name)| {
                    vec![
                        Cell::text(c.area_name(id)),
                        Cell::text(name.clone()),
                        Cell {
                            text: c.qualified(o),
                            raw: count_raw(o.value()),
                        },
                        Cell::text(c.status_word(o.status)),
                    ]
                })
            })
            .collect(),
    };
    m.actions_label = c.t(Msg::ChartsActionsArea).into();
    m.actions = c.area_actions(panels.iter().map(|(id, _)| *id));
    let figure: Vec<Panel> = panels
        .iter()
        .map(|(id, items)| Panel {
            target: Some(Target::Area(id.to_string())),
            title: c.area_name(id),
            items: items
                .iter()
                .map(|(o, name)| (c.qualified(o), name.clone()))
                .collect(),
            empty_note: c.t(Msg::ChartsCountsNone).into(),
            selected: c.filter.area.as_deref() == Some(*id),
        })
        .collect();
    if figure.is_empty() {
        m.hidden_note = Some(c.t(Msg::ChartsNoData).into());
    } else {
        m.figure = Some(Figure::Panels(figure));
    }
    m
}

/// Chart 5: beneficiaries per period, drawn only with two periods or more.
fn over_time(c: &Ctx) -> ChartModel {
    let mut periods: Vec<&str> =
        c.ds.observations
            .iter()
            .filter(|o| o.indicator == BENEFICIARIES)
            .filter_map(|o| o.period.as_deref())
            .collect();
    periods.sort();
    periods.dedup();
    let mut used = Used::new(true, true, true);
    let mut rows = Vec::new();
    for p in &periods {
        let dims = Dims {
            period: Some(p.to_string()),
            ..c.filter.dims()
        };
        if let Some(o) = used.add(lookup(c.ds, BENEFICIARIES, &dims, false)) {
            rows.push((*p, o));
        }
    }
    let summary = match (rows.first(), rows.last()) {
        (Some(first), Some(last)) if rows.len() > 1 => c.tf(
            Msg::ChartsOverTimeSummary,
            &[
                ("first", first.0),
                ("last", last.0),
                ("from", &c.qualified(first.1)),
                ("to", &c.qualified(last.1)),
            ],
        ),
        _ => String::new(),
    };
    let mut m = c.finish(
        "over-time",
        Msg::ChartsOverTimeTitle,
        c.t(Msg::ChartsOverTimeSubtitle).to_string(),
        &used,
        summary,
    );
    if rows.len() < 2 {
        m.hidden_note = Some(match periods.as_slice() {
            [] => c.t(Msg::ChartsOverTimeNoPeriod).to_string(),
            [one] => c.tf(Msg::ChartsOverTimeOnePeriod, &[("period", one)]),
            _ => c.t(Msg::ChartsNoData).to_string(),
        });
        m.summary = m.hidden_note.clone().unwrap_or_default();
        // Nothing is shown: no status, no source to state.
        m.status_note.clear();
        m.source_note.clear();
        return m;
    }
    m.table = Table {
        columns: vec![
            c.t(Msg::ChartsColPeriod).into(),
            c.t(Msg::ChartsColBeneficiaries).into(),
            c.t(Msg::ChartsColStatus).into(),
        ],
        rows: rows
            .iter()
            .map(|(p, o)| {
                vec![
                    Cell::text(*p),
                    Cell {
                        text: c.qualified(o),
                        raw: count_raw(o.value()),
                    },
                    Cell::text(c.status_word(o.status)),
                ]
            })
            .collect(),
    };
    m.figure = Some(Figure::Bars(
        rows.iter()
            .map(|(p, o)| BarRow {
                target: None,
                label: p.to_string(),
                value: Some(o.value()),
                value_label: c.qualified(o),
                selected: false,
            })
            .collect(),
    ));
    m
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small dataset shaped like the real one (three areas, two regions,
    /// illustrative splits, published shares, census rows), built from JSON
    /// so that optional fields added to the model don't break it.
    pub(crate) fn fixture() -> Dataset {
        use serde_json::{Value, json};
        let text = |s: &str| json!({ "ar": format!("ع {s}"), "fr": format!("{s} (fr)"), "en": s });
        let obs = |indicator: &str, extra: Value| {
            let mut o = json!({
                "indicator": indicator, "qualifier": "exact", "status": "reported", "source": "src"
            });
            for (k, v) in extra.as_object().unwrap() {
                o[k] = v.clone();
            }
            o
        };
        let mut o = vec![
            obs(
                BENEFICIARIES,
                json!({ "count": 1000, "qualifier": "more_than" }),
            ),
            obs(BENEFICIARIES, json!({ "share": 0.4, "gender": "female" })),
            obs(BENEFICIARIES, json!({ "share": 0.6, "group": "rural" })),
            obs(BENEFICIARIES, json!({ "share": 0.5, "group": "neet" })),
            obs(
                "cooperatives",
                json!({ "count": 700, "qualifier": "more_than", "area": "alpha" }),
            ),
            obs(
                "incubators",
                json!({ "count": 12, "area": "beta", "program": "prog" }),
            ),
        ];
        let ill = json!({ "status": "illustrative", "source": "ill", "qualifier": "about" });
        let with = |base: &Value, extra: Value| {
            let mut v = base.clone();
            for (k, x) in extra.as_object().unwrap() {
                v[k] = x.clone();
            }
            v
        };
        for (a, v, w) in [
            ("alpha", 600.0, 200.0),
            ("beta", 100.0, 90.0),
            ("gamma", 300.0, 110.0),
        ] {
            let x = obs(BENEFICIARIES, with(&ill, json!({ "area": a, "count": v })));
            o.push(with(&x, json!({ "gender": "female", "count": w })));
            o.push(with(&x, json!({ "gender": "male", "count": v - w })));
            // Region R1 has a tenth, R2 the rest.
            o.push(with(
                &x,
                json!({ "region": "R1", "count": (v * 0.1_f64).round() }),
            ));
            o.push(with(
                &x,
                json!({ "region": "R2", "count": (v * 0.9_f64).round() }),
            ));
            o.push(x);
        }
        let source = |id: &str, t: &str| json!({ "id": id, "publisher": "P", "title": text(t), "date": "2024-07-09" });
        let areas: Vec<Value> = ["alpha", "beta", "gamma"]
            .iter()
            .map(|a| json!({ "id": a, "name": text(&format!("Area {a}")) }))
            .collect();
        let regions: Vec<Value> = ["R1", "R2"]
            .iter()
            .map(|r| json!({ "code": r, "name": text(&format!("Region {r}")) }))
            .collect();
        let doc = json!({
            "schema_version": 1,
            "meta": { "dataset_version": "t", "as_of": "2024-07-09", "publisher": text("Lab"), "licence": "CC-BY-4.0" },
            "sources": [source("src", "Communiqué"), source("ill", "Illustrative split"), source("census", "Census 2024")],
            "areas": areas,
            "programs": [{ "id": "prog", "area": "beta", "name": text("Prog") }],
            "partners": [],
            "indicators": [
                { "id": BENEFICIARIES, "unit": "people", "name": text("Beneficiaries") },
                { "id": "cooperatives", "unit": "organisations", "name": text("cooperatives") },
                { "id": "incubators", "unit": "organisations", "name": text("incubators") }
            ],
            "regions": regions,
            "countries": [],
            "groups": [
                { "id": "neet", "name": text("NEET youth") },
                { "id": "rural", "name": text("Rural residents"), "census_area": "rural" }
            ],
            "observations": o,
            "population": { "source": "census", "year": 2024, "rows": [
                { "area": "total", "sex": "all", "population": 1000 },
                { "area": "total", "sex": "female", "population": 500 },
                { "area": "rural", "sex": "all", "population": 400 }
            ] }
        });
        serde_json::from_value(doc).expect("fixture decodes")
    }

    fn period(ds: &mut Dataset, p: &str, v: f64) {
        let mut o = ds.observations[0].clone();
        o.count = Some(v);
        o.qualifier = Qualifier::Exact;
        o.period = Some(p.into());
        ds.observations.push(o);
    }

    fn chart(ds: &Dataset, f: &Filter, name: &str) -> ChartModel {
        charts(ds, f, Locale::En)
            .into_iter()
            .find(|m| m.name == name)
            .unwrap()
    }

    #[test]
    fn five_charts_in_order() {
        let names: Vec<_> = charts(&fixture(), &Filter::default(), Locale::En)
            .iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(names, NAMES);
    }

    #[test]
    fn by_area_sorted_descending_and_illustrative() {
        let m = chart(&fixture(), &Filter::default(), "by-area");
        let Some(Figure::Bars(rows)) = &m.figure else {
            panic!("no bars")
        };
        let labels: Vec<_> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Area alpha", "Area gamma", "Area beta"]);
        assert_eq!(rows[0].value_label, "≈600");
        assert!(m.illustrative);
        assert_eq!(m.status_note, Locale::En.t(Msg::ChartsStatusIllustrative));
        assert!(m.source_note.contains("Illustrative split"));
        assert_eq!(m.table.rows.len(), 3);
        assert_eq!(m.table.rows[0][1].raw, "600");
        assert!(m.table.to_csv().contains("Area alpha,600,"));
        assert!(m.summary.contains("Area alpha"));
    }

    #[test]
    fn by_area_follows_region_filter() {
        let f = Filter {
            region: Some("R1".into()),
            ..Filter::default()
        };
        let m = chart(&fixture(), &f, "by-area");
        assert_eq!(m.table.rows[0][1].raw, "60");
        assert!(m.filter_note.contains("Region R1"), "{}", m.filter_note);
        let all = chart(&fixture(), &Filter::default(), "by-area");
        assert_ne!(all.filter_note, m.filter_note);
    }

    #[test]
    fn gender_counts_overall_and_per_area() {
        let m = chart(&fixture(), &Filter::default(), "gender");
        let Some(Figure::Stack(s)) = &m.figure else {
            panic!("no stack")
        };
        // Overall from the published share, then the three areas' counts.
        assert_eq!(s.rows.len(), 4);
        assert_eq!(s.rows[0].women_label, "40%");
        assert_eq!(s.rows[1].label, "Area alpha");
        assert_eq!(s.rows[1].women_label, "33%");
        assert!(m.illustrative);
        // Table: the published share leaves the counts empty; counts keep
        // their qualifier; shares keep the CSV's precision.
        assert_eq!(m.table.rows[0][1].raw, "");
        assert_eq!(m.table.rows[0][3].text, "40%");
        assert_eq!(m.table.rows[1][1].text, "≈200");
        assert_eq!(m.table.rows[1][3].raw, "33.3");
        assert_eq!(m.table.rows[1][3].text, "33.3%");
    }

    #[test]
    fn a_reported_share_beats_illustrative_counts() {
        let mut ds = fixture();
        let mut women = ds.observations[0].clone();
        women.count = Some(900.0);
        women.gender = Some(Gender::Female);
        women.status = Status::Illustrative;
        let mut men = women.clone();
        men.gender = Some(Gender::Male);
        men.count = Some(100.0);
        ds.observations.extend([women, men]);
        let m = chart(&ds, &Filter::default(), "gender");
        let Some(Figure::Stack(s)) = &m.figure else {
            panic!("no stack")
        };
        assert_eq!(s.rows[0].women_label, "40%");
        // Without the share, the counts.
        ds.observations
            .retain(|o| !(o.is_share() && o.gender.is_some()));
        let m = chart(&ds, &Filter::default(), "gender");
        let Some(Figure::Stack(s)) = &m.figure else {
            panic!("no stack")
        };
        assert_eq!(s.rows[0].women_label, "90%");
    }

    #[test]
    fn who_compares_with_census_and_says_when_it_cannot() {
        let m = chart(&fixture(), &Filter::default(), "who");
        let Some(Figure::Pairs(p)) = &m.figure else {
            panic!("no pairs")
        };
        assert_eq!(p.rows.len(), 3);
        assert_eq!(p.rows[0].reached_label, "40%");
        assert_eq!(p.rows[0].population, Some(0.5));
        let neet = &p.rows[1];
        assert_eq!(neet.population, None);
        assert_eq!(neet.population_label, Locale::En.t(Msg::ChartsNoCensus));
        assert_eq!(p.rows[2].population, Some(0.4));
        assert!(!m.illustrative);
        assert!(m.source_note.contains("Census 2024"));
        // The region filter has no published shares: not applied, and said.
        let f = Filter {
            region: Some("R1".into()),
            ..Filter::default()
        };
        let r = chart(&fixture(), &f, "who");
        assert!(
            r.filter_note.starts_with("Filter: none"),
            "{}",
            r.filter_note
        );
        assert!(
            r.filter_note
                .contains("Not applied to this chart: region: Region R1")
        );
        assert_eq!(r.table, m.table);
        // An area filter: the women's share from the area's counts, the
        // groups without a share under it say so.
        let f = Filter {
            area: Some("alpha".into()),
            ..Filter::default()
        };
        let a = chart(&fixture(), &f, "who");
        let Some(Figure::Pairs(p)) = &a.figure else {
            panic!("no pairs")
        };
        assert_eq!(p.rows[0].reached_label, "33%");
        assert_eq!(p.rows[1].reached, None);
        assert_eq!(p.rows[1].reached_label, "no data");
        assert!(a.illustrative);
        assert!(a.filter_note.contains("program area: Area alpha"));
    }

    #[test]
    fn counts_small_multiples_include_program_figures() {
        let m = chart(&fixture(), &Filter::default(), "counts");
        let Some(Figure::Panels(p)) = &m.figure else {
            panic!("no panels")
        };
        assert_eq!(p.len(), 3);
        assert_eq!(
            p[0].items,
            vec![("700+".to_string(), "cooperatives".to_string())]
        );
        assert!(p[1].items[0].1.contains("Prog"));
        assert!(p[2].items.is_empty());
        assert_eq!(m.table.rows.len(), 2);
    }

    #[test]
    fn over_time_hidden_with_one_period_shown_with_two() {
        let ds = fixture();
        let m = chart(&ds, &Filter::default(), "over-time");
        assert!(m.figure.is_none());
        assert!(m.status_note.is_empty() && m.source_note.is_empty());
        assert_eq!(
            m.hidden_note.as_deref(),
            Some(Locale::En.t(Msg::ChartsOverTimeNoPeriod))
        );
        let mut ds2 = ds.clone();
        period(&mut ds2, "2023", 800.0);
        period(&mut ds2, "2024", 1000.0);
        let m = chart(&ds2, &Filter::default(), "over-time");
        let Some(Figure::Bars(rows)) = &m.figure else {
            panic!("no bars")
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].label, "2023");
        let mut ds1 = ds.clone();
        period(&mut ds1, "2024", 1.0);
        let m = chart(&ds1, &Filter::default(), "over-time");
        assert!(m.figure.is_none());
        assert!(m.hidden_note.unwrap().contains("2024"));
    }

    #[test]
    fn clicking_toggles_the_filter() {
        let f = Filter::default();
        let a = apply(&f, &Target::Area("alpha".into()));
        assert_eq!(a.area.as_deref(), Some("alpha"));
        assert_eq!(apply(&a, &Target::Area("alpha".into())).area, None);
        let g = apply(&a, &Target::Gender(Gender::Male));
        assert_eq!(g.gender, Some(Gender::Male));
        assert_eq!(g.area.as_deref(), Some("alpha"));
    }

    #[test]
    fn csv_quotes_fields() {
        let t = Table {
            columns: vec!["a,b".into(), "c".into()],
            rows: vec![vec![Cell::text("x \"y\""), Cell::text("1")]],
        };
        assert_eq!(t.to_csv(), "\"a,b\",c\r\n\"x \"\"y\"\"\",1\r\n");
    }

    #[test]
    fn every_chart_draws_in_every_language() {
        use crate::plot::tests::render;
        let ds = fixture();
        for locale in Locale::ALL {
            for m in charts(&ds, &Filter::default(), locale) {
                if let Some(fig) = &m.figure {
                    for width in [320, 1200] {
                        let (svg, _) = render(fig, locale.is_rtl(), width);
                        assert!(svg.contains("<text"), "{} drew no text", m.name);
                    }
                }
            }
        }
    }

    #[test]
    fn arabic_by_area_is_mirrored_with_labels() {
        use crate::plot::tests::{bar_rects, render};
        let m = charts(&fixture(), &Filter::default(), Locale::Ar).remove(0);
        let fig = m.figure.unwrap();
        let (svg, g) = render(&fig, true, 400);
        assert!(svg.contains("ع Area alpha"));
        let rects = bar_rects(&svg);
        assert_eq!(rects.len(), 3);
        assert!(rects.iter().all(|r| r.0 + r.2 == 400 - 8));
        // The longest bar first, 6x the shortest.
        assert!(rects[0].2 > rects[1].2 && rects[1].2 > rects[2].2);
        assert!((rects[0].2 as f64 / rects[2].2 as f64 - 6.0).abs() < 0.1);
        assert_eq!(g.hits[0].target, Target::Area("alpha".into()));
    }

    /// The published dataset, when present: every chart has a model in
    /// every language, the area bars are sorted and say they are
    /// illustrative, the census comparison is there. Set `CHARTS_SVG_DIR` to
    /// keep the drawings for a look.
    #[test]
    fn published_dataset_draws() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/impact.json");
        let Ok(bytes) = std::fs::read(path) else {
            return;
        };
        let ds = crate::model::parse::decode(&bytes).expect("impact.json decodes");
        let dir = std::env::var("CHARTS_SVG_DIR").ok();
        for locale in Locale::ALL {
            let models = charts(&ds, &Filter::default(), locale);
            assert_eq!(models.len(), 5);
            let Some(Figure::Bars(bars)) = &models[0].figure else {
                panic!("no area bars")
            };
            assert!(!bars.is_empty());
            assert!(bars.windows(2).all(|w| w[0].value >= w[1].value));
            let any_illustrative = ds.observations.iter().any(|o| {
                o.indicator == BENEFICIARIES && o.area.is_some() && o.status == Status::Illustrative
            });
            assert_eq!(models[0].illustrative, any_illustrative);
            let Some(Figure::Pairs(who)) = &models[2].figure else {
                panic!("no who chart")
            };
            assert!(who.rows.iter().any(|r| r.population.is_some()));
            for m in &models {
                assert!(!m.title.is_empty(), "{}", m.name);
                assert_eq!(m.figure.is_some(), !m.source_note.is_empty(), "{}", m.name);
                if let Some(fig) = &m.figure {
                    let (svg, _) = crate::plot::tests::render(fig, locale.is_rtl(), 720);
                    if let Some(dir) = &dir {
                        let file = format!("{dir}/{}-{}.svg", m.name, locale.tag());
                        std::fs::write(file, &svg).unwrap();
                    }
                } else {
                    assert!(m.hidden_note.is_some(), "{}", m.name);
                }
            }
        }
    }
}
