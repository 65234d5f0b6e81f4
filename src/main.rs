//! Mounts the app, and makes sure a failure never leaves a blank page: the
//! panic hook logs the panic (console_error_panic_hook) and reveals the
//! translated fallback of `index.html` (see `boot/fallback.js`).

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        impact_atlas::web::reveal_boot_fallback("panic");
    }));
    // Issue 14: the page is built in a task of its own, after the one that
    // instantiated the wasm (together they made a load's longest task, over
    // 400 ms at 4x CPU on a phone); the static frame of index.html shows meanwhile.
    // The texts of the page's language first (fetched: issue 14).
    impact_atlas::web::after_texts(|| {
        leptos::mount::mount_to_body(impact_atlas::App);
        impact_atlas::web::mark_mounted();
        // Test API (docs/faults.md): an end-to-end test sets this global before
        // the page loads to check that a panic shows the fallback. Pages never set it.
        if impact_atlas::web::test_flag("__impactAtlasForcePanic") {
            panic!("panic forced by the test flag __impactAtlasForcePanic");
        }
    });
}
