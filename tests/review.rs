//! The review and CI surface, through the real binary: `rinse diff` (and that `git apply` of it
//! gives exactly the text outputs), `rinse check` and its exit codes, the report formats.
mod common;
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn rinse() -> Command {
    Command::cargo_bin("rinse").unwrap()
}

/// A copy of the sample dump in a fresh directory, returned with the directory's guard.
fn dump_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dump");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in common::read_dir(&common::fixtures().join("dump")) {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    (tmp, dir)
}

fn text_outputs(dir: &Path, cwd: &Path) -> PathBuf {
    let out = cwd.join("expected");
    rinse()
        .current_dir(cwd)
        .args(["clean", "-q", "--format", "text", "-o"])
        .arg(&out)
        .arg(dir.file_name().unwrap())
        .assert()
        .success();
    out
}

#[test]
fn git_apply_of_the_diff_gives_the_text_outputs_byte_for_byte() {
    let (tmp, dir) = dump_copy();
    let cwd = tmp.path();
    let expected = text_outputs(&dir, cwd);
    let patch = rinse()
        .current_dir(cwd)
        .args(["diff", "--color", "always", "dump"])
        .env("NO_COLOR", "1")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // --color always wins over NO_COLOR; the plain diff is what git applies
    assert!(patch.windows(5).any(|w| w == b"\x1b[31m"));
    let patch = rinse()
        .current_dir(cwd)
        .args(["diff", "dump"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!patch.contains(&0x1b), "no colour when piped");
    let text = String::from_utf8_lossy(&patch);
    assert!(
        text.contains("--- a/dump/000_ef0806989259f88b.txt\n+++ b/dump/000_ef0806989259f88b.txt\n")
    );
    assert!(text.contains("@@ -1,9 +1,5 @@ boilerplate/navigation: site navigation: the line is \"categories\"; headings/duplicate-title: page title printed twice; kept on line 3\n"));
    // every hunk says why
    for header in text.lines().filter(|l| l.starts_with("@@")) {
        let reasons = header.splitn(3, "@@").nth(2).unwrap().trim();
        assert!(!reasons.is_empty(), "{header}");
    }
    std::fs::write(cwd.join("fix.patch"), &patch).unwrap();
    let git = std::process::Command::new("git")
        .current_dir(cwd)
        .args(["apply", "--whitespace=nowarn", "fix.patch"])
        .output()
        .expect("git runs");
    assert!(
        git.status.success(),
        "{}",
        String::from_utf8_lossy(&git.stderr)
    );
    for (name, _) in common::read_dir(&dir) {
        let got = std::fs::read(dir.join(&name)).unwrap();
        let want = std::fs::read(expected.join(&name)).unwrap();
        assert!(got == want, "{name} differs after git apply");
    }
}

/// `--rules-only` is an option of every command: `check` and `diff` judge as `clean
/// --rules-only` does (no classifier: the same totals whatever model ships), and it cannot
/// go with `--model`.
#[test]
fn review_commands_take_rules_only() {
    let (_tmp, dir) = dump_copy();
    rinse()
        .args(["check", "--rules-only"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(
            "10 files would change, 0 unchanged; 155 lines removed: boilerplate 132, \
             headings 14, article 5, normalize 4\n",
        );
    let diff = common::stdout_of(rinse().args(["diff", "--rules-only"]).arg(&dir).assert());
    assert!(diff.contains("boilerplate/footer") && !diff.contains("boilerplate/classifier"));
    rinse()
        .args(["diff", "--rules-only", "--model", "m.json"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn check_exit_codes() {
    let (tmp, dir) = dump_copy();
    // 1: something would change; one line per file on stdout, the total on stderr
    rinse()
        .arg("check")
        .arg(&dir)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "000_ef0806989259f88b.txt: 7 lines removed (headings 5, boilerplate 2)\n",
        ))
        .stderr(predicate::str::starts_with(
            "9 files would change, 1 unchanged; ",
        ));
    // --exit-zero reports without failing; --diff adds the diffs
    rinse()
        .args(["check", "--exit-zero", "--diff"])
        .arg(&dir)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("@@ -1,9 +1,5 @@"));
    // 0: the clean outputs are clean
    let clean = text_outputs(&dir, tmp.path());
    rinse()
        .arg("check")
        .arg(&clean)
        .assert()
        .code(0)
        .stdout("")
        .stderr("0 files would change, 10 unchanged; 0 lines removed\n");
    // 2: usage
    rinse().args(["check", "--nope"]).assert().code(2);
}

#[test]
fn an_unreadable_file_in_a_directory_is_named_and_the_others_are_checked() {
    let (_tmp, dir) = dump_copy();
    // A link to nowhere cannot be read, whoever runs the test (root reads any file).
    #[cfg(unix)]
    std::os::unix::fs::symlink("/nonexistent/rinse-test", dir.join("broken.txt")).unwrap();
    #[cfg(not(unix))]
    std::fs::create_dir(dir.join("broken.txt")).unwrap();
    rinse()
        .arg("check")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.txt"))
        .stderr(predicate::str::contains(
            "9 files would change, 1 unchanged, 1 failed",
        ))
        .stdout(predicate::str::contains("recipe-lists-and-cookies.txt: "));
}

/// A JSON Lines record that holds no document is named (file, line, id) and fails the run in
/// every command that reviews, as in `clean`; the good records are still reviewed.
#[test]
fn malformed_records_are_named_and_fail_review_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(common::fixtures().join("dump/000_ef0806989259f88b.txt")).unwrap();
    let dump = common::malformed_dump(tmp.path(), &text, false);
    let report = tmp.path().join("report.json");
    for args in [
        vec!["check"],
        vec!["diff"],
        vec!["report", "-o", report.to_str().unwrap()],
    ] {
        common::names_malformed_records(rinse().args(&args).arg(&dump).assert());
    }
    rinse()
        .arg("check")
        .arg(&dump)
        .assert()
        .stdout(predicate::str::starts_with("a: "))
        // The records of JSON Lines are documents, not files.
        .stderr(predicate::str::contains(
            "1 document would change, 0 unchanged, 2 failed",
        ));
}

#[test]
fn github_annotations() {
    let (_tmp, dir) = dump_copy();
    let out = rinse()
        .args(["check", "--format", "github"])
        .arg(&dir)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("/000_ef0806989259f88b.txt,line=1,title=rinse boilerplate/navigation::boilerplate/navigation: site navigation: the line is \"categories\"\n"), "{out}");
    assert!(out.contains(",line=177,endLine=183,title=rinse headings/related-cards::"));
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("::notice title=rinse::9 files would change")
    );
    for line in out.lines() {
        assert!(
            line.starts_with("::warning file=") || line.starts_with("::notice"),
            "{line}"
        );
    }
}

#[test]
fn jsonl_records_and_summary() {
    let (tmp, dir) = dump_copy();
    for (args, file) in [
        (vec!["diff", "--format", "jsonl"], None),
        (vec!["report", "-o"], Some(tmp.path().join("report.json"))),
        // A JSON report may be written compressed.
        (
            vec!["report", "-o"],
            Some(tmp.path().join("report.json.zst")),
        ),
    ] {
        let mut cmd = rinse();
        cmd.args(&args);
        if let Some(f) = &file {
            cmd.arg(f);
        }
        let stdout = cmd.arg(&dir).assert().success().get_output().stdout.clone();
        let text = match &file {
            Some(f) if f.extension().is_some_and(|x| x == "zst") => {
                String::from_utf8(zstd::decode_all(std::fs::File::open(f).unwrap()).unwrap())
                    .unwrap()
            }
            Some(f) => std::fs::read_to_string(f).unwrap(),
            None => String::from_utf8(stdout).unwrap(),
        };
        let records: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(records.len(), 11, "ten files and a summary");
        let seed = records
            .iter()
            .find(|r| {
                r["source"]
                    .as_str()
                    .is_some_and(|s| s.ends_with("000_ef0806989259f88b.txt"))
            })
            .unwrap();
        assert_eq!(seed["type"], "file");
        assert_eq!(seed["changed"], true);
        assert_eq!(seed["removed"].as_array().unwrap().len(), 7);
        assert_eq!(seed["removed"][0]["rule"], "boilerplate/navigation");
        let summary = records.last().unwrap();
        assert_eq!(summary["type"], "summary");
        assert_eq!(summary["files"], 10);
        assert_eq!(summary["removed_by_rule"]["headings/related-cards"], 4);
    }
}

/// A page whose text is hostile HTML.
const HOSTILE: &str = "<script>alert('x')</script> & Friends | Site\n\nHome\n\n<script>alert('x')</script> & Friends\n\nThe article explains why <img src=x onerror=alert(1)> should never run in a report, as a paragraph does.\n\n<b>Subscribe</b>\n";

#[test]
fn html_report_is_self_contained_and_escapes_everything() {
    let (tmp, dir) = dump_copy();
    std::fs::write(dir.join("hostile.txt"), HOSTILE).unwrap();
    let report = tmp.path().join("report.html");
    rinse()
        .args(["clean", "-q", "-o"])
        .arg(tmp.path().join("out"))
        .arg("--report")
        .arg(&report)
        .arg(&dir)
        .assert()
        .success();
    let html = std::fs::read_to_string(&report).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    // nothing runs, nothing is fetched
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("img")).count(), 0);
    assert_eq!(doc.select(&sel("link, iframe, object, embed")).count(), 0);
    // Links only within the report: the pages' own links are text in it.
    for el in doc.select(&sel("[href], [src], [action]")) {
        for attr in ["href", "src", "action"] {
            if let Some(to) = el.value().attr(attr) {
                assert!(to.starts_with('#'), "{attr}={to}");
            }
        }
    }
    assert!(!html.contains("url(") && !html.contains("@import"));
    // The lines of a hard-wrapped paragraph point to its first, which shows the joined text.
    let rows: Vec<String> = doc
        .select(&sel("tr.rewritten"))
        .map(|r| r.text().collect::<String>())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("18in granite rather than in concrete")
                && r.ends_with("part of line 17's paragraph")),
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("17The town council voted")
                && r.contains("normalize/unwrap: joined with the 3 lines after it"))
    );
    // the hostile text is there, as text
    let text: String = doc.root_element().text().collect();
    assert!(text.contains("<script>alert('x')</script> & Friends"));
    assert!(text.contains("<img src=x onerror=alert(1)>"));
    // the summary comes first and counts every file
    let cell = |id: &str| {
        doc.select(&sel(&format!("#{id}")))
            .next()
            .unwrap()
            .text()
            .collect::<String>()
    };
    assert_eq!(cell("files-total"), "11");
    assert_eq!(cell("files-changed"), "10");
    let first_section = doc.select(&sel("section")).next().unwrap();
    assert_eq!(first_section.value().attr("id"), Some("summary"));
    // one collapsed block per changed file, each reachable from the index
    let details: Vec<_> = doc.select(&sel("details.file")).collect();
    assert_eq!(details.len(), 10);
    assert!(details.iter().all(|d| d.value().attr("open").is_none()));
    for a in doc.select(&sel("table.index a")) {
        let target = a.value().attr("href").unwrap().trim_start_matches('#');
        assert_eq!(doc.select(&sel(&format!("details#{target}"))).count(), 1);
    }
    // removed lines are struck, with their reason beside them
    let struck: Vec<String> = doc
        .select(&sel("tr.removed del"))
        .map(|d| d.text().collect())
        .collect();
    assert!(struck.contains(&"Categories".to_string()));
    assert!(html.contains("boilerplate/inline-teaser"));
}
