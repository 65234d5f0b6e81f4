//! Mounts the app, and makes sure a failure never leaves a blank page: the
//! panic hook logs the panic (console_error_panic_hook) and reveals the
//! translated fallback of `index.html` (see `boot/fallback.js`).

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        impact_atlas::web::reveal_boot_fallback("panic");
    }));
    leptos::mount::mount_to_body(impact_atlas::App);
    impact_atlas::web::mark_mounted();
    // Test API (docs/faults.md): an end-to-end test sets this global before
    // the page loads to check that a panic shows the fallback. Pages never set it.
    if impact_atlas::web::test_flag("__impactAtlasForcePanic") {
        panic!("panic forced by the test flag __impactAtlasForcePanic");
    }
}
