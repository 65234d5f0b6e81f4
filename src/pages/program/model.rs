//! A program's page (pure): what the lab reports about it (each figure with
//! source and status), where it works, its partners, whom it reaches where
//! the data says, and the related pages.

use crate::i18n::Locale;
use crate::model::Dataset;
use crate::pages::links::{FigureRow, Kind, Link, figure};
use crate::summary;

/// A place of the program: a region (with its page) or a country, and the
/// locality when the data names one.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceItem {
    pub name: String,
    pub link: Option<Link>,
    pub locality: Option<String>,
    /// Its code on the map: a region's (`MA-07`) or a country's (`SN`).
    pub code: String,
    /// A country rather than a region of Morocco.
    pub abroad: bool,
}

impl ProgramPage {
    /// What the page's small map shows: the continent when a place is a
    /// country other than Morocco (Morocco's regions then make Morocco
    /// stand out whole), else Morocco's regions; and the codes to mark.
    pub fn map_places(&self) -> (crate::map::model::MapView, Vec<String>) {
        use crate::map::model::{MOROCCO, MapView};
        let abroad = self.places.iter().any(|p| p.abroad && p.code != MOROCCO);
        if abroad {
            let mut codes: Vec<String> = Vec::new();
            for p in &self.places {
                let code = if p.abroad { p.code.as_str() } else { MOROCCO };
                if !codes.iter().any(|c| c == code) {
                    codes.push(code.to_string());
                }
            }
            (MapView::Africa, codes)
        } else {
            let codes = self
                .places
                .iter()
                .filter(|p| !p.abroad)
                .map(|p| p.code.clone());
            (MapView::Morocco, codes.collect())
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProgramPage {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// The program's area; `None` if the data names an unknown one.
    pub area: Option<Link>,
    /// Counts about the program (overall and by place).
    pub figures: Vec<FigureRow>,
    /// Figures about whom it reaches (a gender, a group).
    pub reach: Vec<FigureRow>,
    pub places: Vec<PlaceItem>,
    pub partners: Vec<String>,
    /// The other programs of the same area.
    pub same_area: Vec<Link>,
}

/// The page of program `id`, or `None` when the data has no such program.
pub fn program_page(ds: &Dataset, id: &str, locale: Locale) -> Option<ProgramPage> {
    let p = ds.program(id)?;
    let (reach, figures): (Vec<_>, Vec<_>) = ds
        .observations
        .iter()
        .filter(|o| o.program.as_deref() == Some(id))
        .partition(|o| o.gender.is_some() || o.group.is_some());
    let places = p
        .places
        .iter()
        .filter_map(|pl| {
            let locality = pl.locality.as_ref().map(|l| l.get(locale).to_string());
            if let Some(r) = pl.region.as_deref().and_then(|r| ds.region(r)) {
                let name = r.name.get(locale);
                return Some(PlaceItem {
                    name: name.to_string(),
                    link: Some(Link::new(Kind::Region, &r.code, name)),
                    locality,
                    code: r.code.clone(),
                    abroad: false,
                });
            }
            let c = pl.country.as_deref().and_then(|c| ds.country(c))?;
            Some(PlaceItem {
                name: c.name.get(locale).to_string(),
                link: None,
                locality,
                code: c.code.clone(),
                abroad: true,
            })
        })
        .collect();
    Some(ProgramPage {
        id: id.to_string(),
        name: p.name.get(locale).to_string(),
        summary: summary::program_summary(ds, p, locale),
        area: ds
            .area(&p.area)
            .map(|a| Link::new(Kind::Area, &a.id, a.name.get(locale))),
        figures: figures.into_iter().map(|o| figure(ds, o, locale)).collect(),
        reach: reach.into_iter().map(|o| figure(ds, o, locale)).collect(),
        places,
        partners: p
            .partners
            .iter()
            .map(|id| {
                ds.partners
                    .iter()
                    .find(|x| &x.id == id)
                    .map(|x| x.name.get(locale).to_string())
                    .unwrap_or_else(|| id.clone())
            })
            .collect(),
        same_area: ds
            .programs
            .iter()
            .filter(|q| q.area == p.area && q.id != p.id)
            .map(|q| Link::new(Kind::Program, &q.id, q.name.get(locale)))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::testing::small;

    #[test]
    fn a_program_page_lists_figures_places_partners_and_reach() {
        let ds = small();
        let p = program_page(&ds, "prog", Locale::En).unwrap();
        assert_eq!(p.name, "Prog");
        assert_eq!(p.area, Some(Link::new(Kind::Area, "beta", "Area beta")));
        assert_eq!(p.figures.len(), 1);
        let f = &p.figures[0];
        assert_eq!(
            (f.indicator.as_str(), f.value.as_str(), f.status),
            ("incubators", "12", Status::Reported)
        );
        assert_eq!(f.source, "P · Communiqué");
        assert_eq!(p.reach.len(), 1);
        assert_eq!(p.reach[0].who.as_deref(), Some("Rural residents"));
        assert_eq!(p.reach[0].value, "70%");
        let places: Vec<(&str, Option<&str>)> = p
            .places
            .iter()
            .map(|pl| (pl.name.as_str(), pl.link.as_ref().map(|l| l.path.as_str())))
            .collect();
        assert_eq!(
            places,
            vec![
                ("Region R1", Some("/regions/R1")),
                ("Region R2", Some("/regions/R2"))
            ]
        );
        assert_eq!(p.partners, vec!["Partner"]);
        assert!(p.same_area.is_empty());
        // Its small map: Morocco's regions, the two places marked.
        assert_eq!(
            p.map_places(),
            (
                crate::map::model::MapView::Morocco,
                vec!["R1".into(), "R2".into()]
            )
        );
        assert!(p.summary.contains("12"));
    }

    #[test]
    fn a_program_abroad_and_an_unknown_one() {
        let ds = small();
        let p = program_page(&ds, "abroad", Locale::Ar).unwrap();
        assert_eq!(p.places[0].name, "ع Senegal");
        assert_eq!(p.places[0].link, None);
        // Abroad: the continent, Senegal marked.
        assert_eq!(
            p.map_places(),
            (crate::map::model::MapView::Africa, vec!["SN".into()])
        );
        assert!(p.figures.is_empty());
        assert!(p.partners.is_empty());
        assert_eq!(program_page(&ds, "nope", Locale::Ar), None);
    }
}
