//! Any bytes through the whole front end: decode, pre-scan, KDL parse,
//! check, lower, and render the diagnostics both ways. Nothing may panic,
//! and a rejected document must carry at least one error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_generate::{diag, ir, lower};

fuzz_target!(|data: &[u8]| {
    match ir::load_bytes(data) {
        Ok(doc) => {
            let _ = lower::lower(&doc);
        }
        Err(diags) => {
            assert!(diags.iter().any(|d| d.severity == diag::Severity::Error));
            let text = String::from_utf8_lossy(data);
            for format in [diag::Format::Human, diag::Format::Json] {
                let _ = diag::render(&diags, "fuzz.kdl", &text, format, false);
            }
        }
    }
});
