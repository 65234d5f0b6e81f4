//! The "who is reached" chart's model (pure).

use super::*;
use crate::model::{CensusArea, CensusSex};
use crate::plot::{PairChart, PairRow};
use crate::stats::{Dims, lookup};

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
pub(super) fn model<'a>(c: &Ctx<'a>) -> ChartModel {
    // Shares are published for the whole lab; use the filter where the data
    // has the same shares for it.
    let scoped = Dims {
        region: c.filter.region.clone(),
        area: c.filter.area.clone(),
        ..Dims::default()
    };
    // BENEFICIARIES is the reach indicator that `has_split` looks at.
    let has_scoped = |d: &Dims| c.ds.has_split(d.region.as_deref(), d.area.as_deref());
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
    // Per row: the figures it shows, for its status and source.
    let mut row_obs: Vec<Vec<&'a Observation>> = Vec::new();
    let mut census_used = false;
    let mut push = |label: String,
                    reached: Option<(f64, Vec<&'a Observation>)>,
                    pop: Option<f64>,
                    none_note: String,
                    used_obs: &mut Vec<_>| {
        let reached = reached.map(|(v, obs)| {
            used_obs.extend(obs.iter().copied());
            row_obs.push(obs);
            v
        });
        if reached.is_none() {
            row_obs.push(Vec::new());
        }
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
        c.gender_name(Gender::Female).into(),
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
        c.tf(
            Msg::ChartsWhoSummary,
            &[("list", &parts.join(c.t(Msg::AppSourceSeparator)))],
        )
    };
    let mut m = c.finish(
        ChartKind::Who,
        c.tf(Msg::ChartsWhoSubtitle, &[("year", &year)]),
        &used,
        summary,
    );
    if census_used && let Some(s) = c.ds.source(&c.ds.population.source) {
        m.source_note.push_str(c.t(Msg::AppSourceSeparator));
        m.source_note.push_str(s.title.get(c.locale));
    }
    let pop_col = c.tf(Msg::ChartsColPopulationShare, &[("year", &year)]);
    let census_title = c.source_title(&c.ds.population.source);
    m.table = Table {
        columns: [
            c.t(Msg::ChartsColGroup).into(),
            c.t(Msg::ChartsColReachedShare).into(),
            pop_col,
        ]
        .into_iter()
        .chain(c.provenance_columns())
        .collect(),
        rows: rows
            .iter()
            .zip(&row_obs)
            .map(|(r, obs)| {
                let [status, mut source] = c.provenance(obs);
                // The population share comes from the census.
                if r.population.is_some() {
                    source.text = format!(
                        "{}{}{census_title}",
                        source.text,
                        c.t(Msg::AppSourceSeparator)
                    );
                    source.raw = source.text.clone();
                }
                [
                    Cell::text(r.label.clone()),
                    r.reached
                        .map(|v| c.pct_cell(v))
                        .unwrap_or_else(|| Cell::text(r.reached_label.clone())),
                    r.population
                        .map(|v| c.pct_cell(v))
                        .unwrap_or_else(|| Cell::text(r.population_label.clone())),
                    status,
                    source,
                ]
                .into_iter()
                .collect()
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
