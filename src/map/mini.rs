//! A small, still map of where something is (browser): Morocco's regions, or
//! the continent; the places stand out by a dark fill and a thick outline (not
//! by hue), and the page names them in a list beside it. No pointer or
//! keyboard behaviour: it illustrates the list, which carries the links.

use super::*;

/// The map of `codes` in `view`, named `label` for screen readers.
#[component]
pub fn MiniMap(view: MapView, codes: Vec<String>, label: String) -> impl IntoView {
    let Ok(l) = layout(view) else {
        return ().into_any();
    };
    let shapes = l
        .shapes
        .iter()
        .map(|s| {
            let on = codes.contains(&s.code);
            view! {
                <path
                    d=s.d.clone()
                    class=if on { "mini-map-place" } else { "mini-map-other" }
                    data-code=s.code.clone()
                />
            }
        })
        .collect_view();
    view! {
        <svg
            class="mini-map"
            class:mini-map-africa=view == MapView::Africa
            data-testid="mini-map"
            viewBox=format!("0 0 {} {}", l.width, l.height)
            role="img"
            aria-label=label
        >
            {shapes}
        </svg>
    }
    .into_any()
}
