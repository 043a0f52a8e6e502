//! `mizan-generate diff` at the benchmark's largest size: comparing two
//! 10,000-function IRs finds exactly the changes made, in bounded time.

use super::synth;
use std::time::Instant;

#[test]
fn diff_of_ten_thousand_functions_finds_exactly_the_changes() {
    let old = synth::ir(10_000);
    let limit = "    param limit int optional=#true default=20 min=1 max=100\n";
    let new = old.replacen(limit, "    param limit int default=50 min=1 max=100\n", 1).replacen(
        "function item9_delete auth=staff {\n    param item_id int\n",
        "function item9_delete auth=staff {\n    param item_id int\n    param reason string\n",
        1,
    ) + "function ping\n";
    let start = Instant::now();
    let changes = mizan_generate::breaking::compare_texts(&old, &new).expect("valid");
    let took = start.elapsed();
    eprintln!("diff of two 10,000-function IRs (parse, check, lower, compare both): {took:?}");
    let found: Vec<(&str, &str)> = changes.iter().map(|c| (c.code, c.message.as_str())).collect();
    assert_eq!(
        found,
        [
            ("breaking::param-added-required", "function item9_delete: param \"reason\" added (required)"),
            ("dangerous::default-changed", "function item0_search: param \"limit\": default changed from 20 to 50"),
            ("safe::function-added", "a call function ping added"),
        ]
    );
    // Unoptimized, on a shared machine: generous; the release binary takes a
    // fraction of this.
    assert!(took.as_secs() < 30, "took {took:?}");
}
