//! The charts of the dashboard (browser views around `plot::` draw functions).

use leptos::prelude::*;

/// All charts of the dashboard.
#[component]
pub fn ChartsPanel() -> impl IntoView {
    view! { <section class="panel charts-panel" data-testid="charts-panel"></section> }
}
