//! The "women and men" chart's model (pure).

use super::*;
use crate::plot::{StackChart, StackRow};
use crate::stats::{Dims, lookup};

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
pub(super) fn model(c: &Ctx) -> ChartModel {
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
                ("scope", &isolate(label)),
                ("women", &c.pct(share(*w, *m))),
                ("men", &c.pct(1.0 - share(*w, *m))),
            ],
        ),
        None => c.t(Msg::ChartsNoData).to_string(),
    };
    let mut m = c.finish(
        ChartKind::Gender,
        c.t(Msg::ChartsGenderSubtitle).to_string(),
        &used,
        summary,
    );
    m.table = c.table(
        vec![
            c.t(Msg::ChartsColArea).into(),
            c.gender_name(Gender::Female).into(),
            c.gender_name(Gender::Male).into(),
            c.t(Msg::ChartsColWomenShare).into(),
        ],
        rows.iter().zip(&row_obs).map(|((label, w, mm), obs)| {
            // Counts where the data has them; a published share leaves
            // the count columns empty.
            let count = |v: f64, o: Option<&&Observation>| match o {
                Some(o) if obs.len() == 2 => Cell {
                    text: o.qualifier.compact(&c.count(v)),
                    raw: count_raw(v),
                },
                _ => Cell::text(""),
            };
            let cells = vec![
                Cell::text(label.clone()),
                count(*w, obs.first()),
                count(*mm, obs.get(1)),
                c.pct_cell(share(*w, *mm)),
            ];
            (cells, obs.clone())
        }),
    );
    m.actions_label = c.t(Msg::ChartsActionsGender).into();
    m.actions = Gender::ALL
        .into_iter()
        .map(|g| Action {
            label: c.gender_name(g).into(),
            target: Selection::Gender(g),
            pressed: c.filter.gender == Some(g),
        })
        .collect();
    if stack_rows.is_empty() {
        m.hidden_note = Some(c.t(Msg::ChartsNoData).into());
    } else {
        m.figure = Some(Figure::Stack(StackChart {
            rows: stack_rows,
            legend_women: c.gender_name(Gender::Female).into(),
            legend_men: c.gender_name(Gender::Male).into(),
            selected: c.filter.gender,
        }));
    }
    m
}
