//! The "other figures" chart's model (pure): per program area, the figures other than beneficiaries.

use super::*;
use crate::plot::Panel;
use crate::stats::{Dims, lookup};

/// Chart 4: per program area, the figures other than beneficiaries.
pub(super) fn model(c: &Ctx) -> ChartModel {
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
                            &[
                                ("indicator", &isolate(&name)),
                                ("program", &isolate(p.name.get(c.locale))),
                            ],
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
        ChartKind::Counts,
        c.t(Msg::ChartsCountsSubtitle).to_string(),
        &used,
        summary,
    );
    m.table = c.table(
        vec![
            c.t(Msg::ChartsColArea).into(),
            c.t(Msg::ChartsColIndicator).into(),
            c.t(Msg::ChartsColCount).into(),
        ],
        panels.iter().flat_map(|(id, items)| {
            items.iter().map(move |(o, name)| {
                let cells = vec![
                    Cell::text(c.area_name(id)),
                    Cell::text(name.clone()),
                    c.count_cell(o),
                ];
                (cells, vec![*o])
            })
        }),
    );
    m.actions_label = c.t(Msg::ChartsActionsArea).into();
    m.actions = c.area_actions(panels.iter().map(|(id, _)| *id));
    let figure: Vec<Panel> = panels
        .iter()
        .map(|(id, items)| Panel {
            target: Some(Selection::Area(id.to_string())),
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
