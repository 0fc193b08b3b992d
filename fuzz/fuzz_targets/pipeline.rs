//! The whole pipeline on arbitrary bytes: decoding, cleaning, every rendering, the diff and the
//! reports, and dedup signing. Nothing may panic, and every non-blank line must be kept or
//! removed with a reason.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rinse::io::{DecodeOptions, decode};
use rinse::report::{DiffOptions, github, html::HtmlReport, unified_diff};
use rinse::{Config, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Config::default()).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data, &DecodeOptions::default()) else {
        return;
    };
    let cleaned = pipeline().clean_decoded("fuzz.txt", &decoded, None);
    let s = &cleaned.stats;
    assert_eq!(s.lines_in, s.lines_kept + s.lines_removed);
    assert!(cleaned.removed.iter().all(|r| !r.reason.is_empty()));
    let text = cleaned.article.to_text();
    let _ = cleaned.article.to_markdown();
    let _ = cleaned.to_json_line();
    let _ = unified_diff("fuzz.txt", &decoded.bytes, &cleaned, DiffOptions::default());
    let _ = github::annotations("fuzz.txt", &cleaned);
    let mut report = HtmlReport::new();
    report.add(&cleaned, &decoded.bytes);
    let _ = report.finish();
    let summary = rinse::report::FileSummary::of(&cleaned, &decoded.bytes);
    let _ = rinse::report::json::file_record(&summary, &cleaned);
    assert!(cleaned.close_calls().iter().all(|c| c.score >= c.threshold));
    // dedup signs the clean text and the raw text alike
    let signer = rinse::dedup::Signer::new(&rinse::dedup::DedupConfig::default());
    let _ = signer.sign(&text);
    let _ = signer.sign(&String::from_utf8_lossy(&decoded.bytes));
    // cleaning the output again changes nothing
    let again = pipeline().clean_bytes("fuzz.txt", text.as_bytes(), None);
    assert_eq!(again.article.to_text(), text);
});
