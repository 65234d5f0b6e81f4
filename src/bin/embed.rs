//! The widget binary (issue 14, docs/size.md "A widget-only binary"): mounts
//! only the widgets (`/embed/…`, [`impact_atlas::app::EmbedApp`]), so that a
//! page embedding one does not download the dashboard's other pages. Served
//! from `embed.html` for every `/embed/*` address (tests/e2e/serve.mjs,
//! docs/deploy.md); built by the Trunk hook of the dashboard's build
//! (tools/trunk-csp.mjs). Same panic handling as `src/main.rs`.

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        impact_atlas::web::reveal_boot_fallback("panic");
    }));
    // Once the texts of the widget's language are there, as in src/main.rs.
    impact_atlas::web::after_texts(|| {
        leptos::mount::mount_to_body(impact_atlas::app::EmbedApp);
        impact_atlas::web::mark_mounted();
        // Test API (docs/faults.md), as in src/main.rs.
        if impact_atlas::web::test_flag("__impactAtlasForcePanic") {
            panic!("panic forced by the test flag __impactAtlasForcePanic");
        }
    });
}
