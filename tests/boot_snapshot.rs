//! The repeat visit's snapshot (`boot/snapshot.js`): static checks of
//! what its sanitiser may keep and of what its key is made of, read from the
//! script itself, so that a change that lets a dangerous element or attribute
//! through, or drops a part of the key, fails natively. The behaviour (a
//! hostile snapshot neutralised, a different key showing nothing) is checked
//! in the browser by `tests/e2e/snapshot.spec.mjs`.

fn script() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/boot/snapshot.js")).unwrap()
}

/// The space-separated words of the string concatenation in `var NAME = set(...);`.
fn allow_list(src: &str, name: &str) -> Vec<String> {
    let start = src
        .find(&format!("var {name} = set("))
        .unwrap_or_else(|| panic!("{name} not found"));
    let rest = &src[start..];
    let end = rest.find(");").expect("allow list ends with );");
    let mut words = Vec::new();
    for part in rest[..end].split('\'').skip(1).step_by(2) {
        words.extend(part.split_whitespace().map(str::to_owned));
    }
    assert!(words.len() > 10, "{name}: {words:?}");
    words
}

#[test]
fn sanitiser_keeps_no_active_element() {
    let tags = allow_list(&script(), "SNAP_TAGS");
    for bad in "script style link meta base iframe frame object embed form input textarea \
         template foreignobject use image animate set noscript video audio source canvas \
         math"
        .split_whitespace()
    {
        assert!(
            !tags.iter().any(|t| t == bad),
            "element <{bad}> must not be allowed"
        );
    }
    // What the first screen is made of stays.
    for good in [
        "header", "main", "h1", "svg", "path", "img", "figure", "bdi",
    ] {
        assert!(
            tags.iter().any(|t| t == good),
            "<{good}> is needed to show the screen"
        );
    }
}

#[test]
fn sanitiser_keeps_no_active_or_identifying_attribute() {
    let attrs = allow_list(&script(), "SNAP_ATTRS");
    for a in &attrs {
        assert_eq!(
            a,
            &a.to_lowercase(),
            "attributes are compared in lower case: {a}"
        );
        assert!(!a.starts_with("on"), "event handler {a}");
    }
    for bad in "style id for tabindex role srcset xlink:href action formaction data-testid \
         data-region data-draws data-kpi aria-labelledby aria-describedby aria-controls \
         contenteditable autofocus http-equiv"
        .split_whitespace()
    {
        assert!(
            !attrs.iter().any(|t| t == bad),
            "attribute {bad} must not be allowed"
        );
    }
}

#[test]
fn links_and_images_are_restricted() {
    let src = script();
    // href only on an HTML <a> and only relative or http(s); src only on the
    // snapshot's own chart pictures, and only a base64 PNG.
    assert!(src.contains("(name !== 'href' || (html && tag === 'a' && safeHref(v)))"));
    assert!(src.contains("var SNAP_IMG = /^data:image\\/(png|webp);base64,[A-Za-z0-9+/=]+$/;"));
    assert!(
        src.contains("(name !== 'src' || (html && tag === 'img' && chart && SNAP_IMG.test(v)))")
    );
    assert!(src.contains("return !m || /^https?$/i.test(m[1]);"));
    // The allow-lists have no prototype: "constructor" is not in them.
    assert!(src.contains("var o = Object.create(null);"));
    assert!(src.contains("SNAP_ATTRS[name] === 1"));
    assert!(src.contains("SNAP_TAGS[tag] === 1"));
    // The stored tree never reaches an HTML parser.
    for parser in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "DOMParser",
        "createContextualFragment",
        "document.write",
    ] {
        assert!(!src.contains(parser), "{parser} in boot/snapshot.js");
    }
}

#[test]
fn key_has_every_part_that_decides_the_screen() {
    let src = script();
    let start = src.find("function snapshotKey()").unwrap();
    let body = &src[start..start + src[start..].find("\n  }\n").unwrap()];
    for part in [
        "link[rel=\"preload\"][href$=\".wasm\"]", // the build
        "location.pathname + location.search",    // the route and query
        "root.getAttribute('lang')",              // the language
        "window.innerWidth",                      // the layout
        "window.devicePixelRatio",                // the pictures' pixels
        "prefers-color-scheme: dark",             // the colours
        "navigator.onLine",                       // the offline notice
        "data,",                                  // the dataset copy
    ] {
        assert!(body.contains(part), "the key lacks {part}");
    }
    // No key without a build or a dataset copy.
    assert!(body.contains("if (!wasm || !data) return null;"));
    // The snapshot is shown only when the key matches exactly.
    assert!(src.contains("saved.k !== key"));
}
