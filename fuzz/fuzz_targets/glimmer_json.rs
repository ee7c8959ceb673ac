//! Glimmer's own export (docs/glimmer-json.md).
#![no_main]

use glimmer::import::{self, Document, Format, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    glimmer_fuzz::import(data, Format::Glimmer);
    // Export and import meet in `Document`: what it reads, written out again,
    // reads as the same document and the same preview.
    let Ok(doc) = serde_json::from_slice::<Document>(data) else {
        return;
    };
    let written = serde_json::to_vec_pretty(&doc).expect("a document serialises");
    let again: Document = serde_json::from_slice(&written).expect("a written document reads");
    assert_eq!(doc, again);
    let opts = Options {
        from: Some(Format::Glimmer),
        tz: Some("UTC".into()),
        ..Options::default()
    };
    if let Ok(first) = import::parse(data, &opts) {
        let second = import::parse(&written, &opts).expect("the document written out reads");
        assert_eq!(first.preview, second.preview);
    }
});
