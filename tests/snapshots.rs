//! Snapshot tests: the JSON record and the text output of every page of the sample dump.
//! Review changes with `cargo insta review`; never accept them blindly.
mod common;

#[test]
fn sample_dump_snapshots() {
    let cleaned = common::clean_dir(&common::fixtures().join("dump"));
    assert!(cleaned.len() >= 6);
    for c in cleaned {
        let name = c.source.trim_end_matches(".txt").to_string();
        insta::assert_snapshot!(format!("{name}.json"), c.to_json_pretty());
        insta::assert_snapshot!(format!("{name}.txt"), c.article.to_text());
    }
}
