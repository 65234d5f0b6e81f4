//! The choropleth map of Morocco's regions and the countries reached (browser view).

use leptos::prelude::*;

/// The map panel of the dashboard.
#[component]
pub fn MapPanel() -> impl IntoView {
    view! { <section class="panel map-panel" data-testid="map-panel"></section> }
}
