//! Deduplication through the real binary: copies cluster, different articles of one site never
//! do, the clusters are the same for any thread count, the keep policy is deterministic, and
//! `clean --dedup` / `--dedup-paragraphs` leave copies out with a reason.
mod common;
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn rinse() -> Command {
    Command::cargo_bin("rinse").unwrap()
}

fn page(name: &str) -> String {
    String::from_utf8(std::fs::read(common::fixtures().join("dump").join(name)).unwrap()).unwrap()
}

/// The body of a fixture page (its lines from `from` on, up to `to`), wrapped in one site's menu
/// and footer.
fn wrapped(site: &str, body: &str) -> String {
    format!(
        "{site} - News you can trust\n\nHome\n\nWorld\n\nPolitics\n\nSport\n\nSubscribe\n\n{body}\n\nShare this article\n\nMore from {site}\n\n© 2024 {site}. All rights reserved.\n"
    )
}

fn body(name: &str, from: usize, to: usize) -> String {
    page(name)
        .lines()
        .skip(from)
        .take(to - from)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A dump of copies and near copies, and of different articles of one site.
fn make_dump(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let seed = body("000_ef0806989259f88b.txt", 6, 80);
    let blog = body("blog-menu-footer.txt", 18, 40);
    let letter = body("no-headings-letter.txt", 2, 10);
    let files: Vec<(&str, String)> = vec![
        ("01-original.txt", wrapped("Gazette", &seed)),
        ("02-exact.txt", wrapped("Gazette", &seed)),
        (
            "03-noise.txt",
            wrapped("Gazette", &seed)
                .replace('\n', "\r\n")
                .replace(". ", ".\u{a0} ")
                .replace('’', "'"),
        ),
        ("04-other-site.txt", wrapped("Courier", &seed)),
        (
            "05-truncated.txt",
            wrapped("Gazette", &seed[..seed.len() * 3 / 5]),
        ),
        ("06-same-site-other-article.txt", wrapped("Gazette", &blog)),
        (
            "07-same-site-third-article.txt",
            wrapped("Gazette", &letter),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// [`make_dump`] in a new temporary directory (kept while the first value lives).
fn made_dump() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dump");
    make_dump(&dir);
    (tmp, dir)
}

fn clusters(dir: &Path, jobs: &str, keep: &str) -> Vec<serde_json::Value> {
    clusters_with(dir, &["-j", jobs, "--keep", keep])
}

fn clusters_with(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = rinse()
        .args(["dedup", "-q"])
        .args(args)
        .arg(dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn short(v: &serde_json::Value, key: &str) -> String {
    let s = v[key].as_str().unwrap();
    s.rsplit('/').next().unwrap()[..2].to_string()
}

#[test]
fn copies_cluster_and_other_articles_of_the_site_do_not() {
    let (_tmp, dir) = made_dump();
    let recs = clusters(&dir, "2", "first");
    let rows: Vec<(String, String, String)> = recs
        .iter()
        .map(|r| {
            (
                short(r, "id"),
                short(r, "cluster"),
                r["method"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("01".into(), "01".into(), "representative".into()),
            ("02".into(), "01".into(), "exact".into()),
            ("03".into(), "01".into(), "exact".into()),
            ("04".into(), "01".into(), "near".into()),
            ("05".into(), "01".into(), "near".into()),
        ],
        "06 and 07 share the site's menus with 01 and are not copies"
    );
    // Similarities are given to three decimals (not as the f32 they are computed in, widened).
    for r in &recs {
        let s = r["similarity"].as_f64().unwrap();
        assert_eq!((s * 1000.0).round() / 1000.0, s, "{r}");
    }
    for jobs in ["1", "3"] {
        assert_eq!(clusters(&dir, jobs, "first"), recs, "-j {jobs}");
    }
    // keep the longest: one cluster still, kept by a whole copy, never the truncated one (ties
    // between copies of one length go to the first path: the unit tests of `Keep::Longest`).
    let longest = clusters(&dir, "2", "longest");
    let kept = short(&longest[0], "cluster");
    assert!(longest.iter().all(|r| short(r, "cluster") == kept));
    assert_ne!(kept, "05", "{longest:?}");
    assert_eq!(longest.len(), 5);
}

/// An article saved several times is one dump's repeated lines, but not boilerplate: its copy
/// cleaned in a dump that also holds its copies (exact, and with other line endings and
/// spaces) keeps what it keeps in a dump where it is alone among the site's pages. (Near copies,
/// in another site's menus or cut short, are other pages to the line counts: see the README.)
#[test]
fn copies_in_one_dump_keep_their_paragraphs() {
    let (tmp, dir) = made_dump();
    let dump = |name: &str, files: &[&str]| {
        let to = tmp.path().join(name);
        std::fs::create_dir(&to).unwrap();
        for file in files {
            std::fs::copy(dir.join(file), to.join(file)).unwrap();
        }
        to
    };
    let others = [
        "01-original.txt",
        "06-same-site-other-article.txt",
        "07-same-site-third-article.txt",
    ];
    let single = dump("single", &others);
    let copies = dump(
        "copies",
        &[&others[..], &["02-exact.txt", "03-noise.txt"]].concat(),
    );
    let clean = |input: &Path| {
        let out = tmp.path().join("out").join(input.file_name().unwrap());
        rinse()
            .args(["clean", "-q", "--format", "text", "-o"])
            .arg(&out)
            .arg(input)
            .assert()
            .success();
        std::fs::read_to_string(out.join("01-original.txt")).unwrap()
    };
    let (copies, alone) = (clean(&copies), clean(&single));
    assert!(alone.matches("\n\n").count() > 30, "{alone}");
    assert_eq!(copies, alone);
}

#[test]
fn light_dedup_strips_the_site_template_and_finds_the_same_clusters() {
    let (tmp, dir) = made_dump();
    let full = clusters(&dir, "2", "first");
    let light = clusters_with(&dir, &["--light", "-j", "2"]);
    let ids = |recs: &[serde_json::Value]| -> Vec<(String, String)> {
        recs.iter()
            .map(|r| (short(r, "id"), short(r, "cluster")))
            .collect()
    };
    // Without its template lines, a page of the site shares nothing with another article.
    assert_eq!(ids(&light), ids(&full));
    for jobs in ["1", "3"] {
        assert_eq!(
            clusters_with(&dir, &["--light", "-j", jobs]),
            light,
            "-j {jobs}"
        );
    }
    // Three different short articles under a long template (lines shorter than a paragraph):
    // with the template they would be near copies of each other (Jaccard about 0.65).
    let site = tmp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    let template = [
        "Sign up for our newsletter and never miss a story",
        "Follow us on social media for the latest updates",
        "Our journalism is funded by readers like you today",
        "Support independent reporting with a monthly donation now",
        "Most read stories this week in your local area",
        "Copyright The Gazette Media Group all rights reserved",
    ]
    .join("\n");
    let stories = [
        "The council approved the budget for the new library after a long and heated debate.",
        "Heavy rain flooded the main road near the station on Tuesday evening, police said.",
        "A local bakery won the regional prize for its rye bread for the third year running.",
    ];
    for (k, story) in stories.iter().enumerate() {
        std::fs::write(
            site.join(format!("{k}.txt")),
            format!("{story}\n{template}\n"),
        )
        .unwrap();
    }
    assert!(clusters_with(&site, &["--light"]).is_empty());
}

#[test]
fn malformed_records_are_named_and_fail_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = common::malformed_dump(tmp.path(), &body("000_ef0806989259f88b.txt", 6, 40), true);
    for light in [false, true] {
        let mut cmd = rinse();
        cmd.args(["dedup", "-q"]);
        if light {
            cmd.arg("--light");
        }
        let out = common::names_malformed_records(cmd.arg(&dump).assert())
            .get_output()
            .stdout
            .clone();
        // The good records are still deduplicated.
        assert_eq!(
            String::from_utf8(out).unwrap().lines().count(),
            2,
            "light: {light}"
        );
    }
}

#[test]
fn clean_dedup_leaves_copies_out_and_lists_them() {
    let (tmp, dir) = made_dump();
    let out = tmp.path().join("out");
    let report = tmp.path().join("report.json");
    rinse()
        .args(["clean", "--dedup", "--format", "text", "-o"])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains("02-exact.txt: duplicate of"))
        .stderr(predicate::str::contains(
            "7 documents, 3 clusters, 4 duplicates (exact 2, near 2)",
        ));
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy()[..2].to_string())
        .collect();
    written.sort();
    assert_eq!(written, ["01", "06", "07"]);
    let records = std::fs::read_to_string(&report).unwrap();
    assert_eq!(records.matches("\"type\":\"duplicate\"").count(), 4);
    // into one JSON Lines file: the copies' lines are not written
    let jsonl = tmp.path().join("out.jsonl");
    rinse()
        .args(["clean", "-q", "--dedup", "-o"])
        .arg(&jsonl)
        .arg(&dir)
        .assert()
        .success();
    let kept: Vec<String> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| short(&serde_json::from_str(l).unwrap(), "source"))
        .collect();
    assert_eq!(kept, ["01", "06", "07"]);
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".rinse-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    rinse()
        .args(["clean", "--dedup"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--dedup needs -o"));
}

/// A copy whose output was not written (it would land where another input's went) takes
/// nothing back: the output there is its representative's.
#[test]
fn a_copy_that_was_not_written_takes_back_no_other_output() {
    let (tmp, dir) = made_dump();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let page = std::fs::read(dir.join("01-original.txt")).unwrap();
    std::fs::write(a.join("page.txt"), &page).unwrap();
    std::fs::write(b.join("page.txt"), &page).unwrap();
    let out = tmp.path().join("out");
    rinse()
        .args(["clean", "--dedup", "-o"])
        .arg(&out)
        .arg(&a)
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "was already written by another input",
        ))
        .stderr(predicate::str::contains("page.txt: duplicate of"));
    assert!(
        out.join("page.json").is_file(),
        "the original's output stays"
    );
}

#[test]
fn repeated_paragraphs_go_after_their_first_appearance() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dump");
    std::fs::create_dir_all(&dir).unwrap();
    let seed = body("000_ef0806989259f88b.txt", 6, 40);
    let quote = "The minister said the agreement would be reviewed every year, and that both sides had promised to keep the channel open.";
    std::fs::write(
        dir.join("a.txt"),
        wrapped("Gazette", &format!("{seed}\n\n{quote}")),
    )
    .unwrap();
    let blog = body("blog-menu-footer.txt", 18, 40);
    std::fs::write(
        dir.join("b.txt"),
        wrapped("Courier", &format!("{blog}\n\n{quote}")),
    )
    .unwrap();
    let run = |jobs: &str| {
        common::stdout_of(
            rinse()
                .args(["clean", "-q", "--dedup-paragraphs", "-j", jobs])
                .arg(&dir)
                .assert(),
        )
    };
    let out = run("2");
    assert_eq!(out, run("1"));
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let dedup = |r: &serde_json::Value| -> Vec<String> {
        r["removed"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["rule"] == "dedup/paragraph")
            .map(|x| x["reason"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(dedup(&recs[0]).is_empty(), "the first appearance stays");
    let reasons = dedup(&recs[1]);
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0].starts_with("repeats a paragraph first seen in")
            && reasons[0].ends_with("a.txt")
    );
}

/// Chinese paragraphs are paragraphs too (their words count by letters): a page that shares
/// three of the Chinese fixture's four paragraphs loses those three, the fourth (edited) stays.
#[test]
fn repeated_chinese_paragraphs_go_too() {
    let tmp = tempfile::tempdir().unwrap();
    let page =
        std::fs::read_to_string(common::fixtures().join("pages/zh-library-hours.txt")).unwrap();
    std::fs::write(tmp.path().join("a.txt"), &page).unwrap();
    let copy = page
        .replace("城市图书馆周末延长开放时间", "城市博物馆周末延长开放时间")
        .replace("新的安排将试行六个月", "新的安排将试行三个月");
    std::fs::write(tmp.path().join("b.txt"), copy).unwrap();
    let out = common::stdout_of(
        rinse()
            .args(["clean", "-q", "--dedup-paragraphs"])
            .arg(tmp.path())
            .assert(),
    );
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let repeated = |r: &serde_json::Value| {
        r["removed"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["rule"] == "dedup/paragraph")
            .count()
    };
    assert_eq!((repeated(&recs[0]), repeated(&recs[1])), (0, 3));
}

/// The same URL in two crawls (or an id given twice) names two documents: the later one is
/// named with where it is, so no two documents, and no two clusters, share a name.
#[test]
fn records_of_the_same_name_are_told_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = wrapped("Gazette", &body("000_ef0806989259f88b.txt", 6, 80));
    let other = wrapped("Gazette", &body("blog-menu-footer.txt", 18, 40));
    let letter = wrapped("Courier", &body("no-headings-letter.txt", 2, 10));
    let record = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string();
    let (a, b) = (tmp.path().join("a.jsonl"), tmp.path().join("b.jsonl"));
    // "u" is one article in both files; "v" is two different ones, each copied once more.
    std::fs::write(
        &a,
        [record("u", &seed), record("v", &other), record("w", &other)].join("\n"),
    )
    .unwrap();
    std::fs::write(
        &b,
        [
            record("u", &seed),
            record("v", &letter),
            record("x", &letter),
        ]
        .join("\n"),
    )
    .unwrap();
    let out = rinse()
        .args(["dedup", "-q"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let got: Vec<(String, String)> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let name = |k: &str| {
                let s = v[k].as_str().unwrap().to_string();
                s.replace(&b.display().to_string(), "b.jsonl")
            };
            (name("id"), name("cluster"))
        })
        .collect();
    let pair = |id: &str, cluster: &str| (id.to_string(), cluster.to_string());
    assert_eq!(
        got,
        [
            pair("u", "u"),
            pair("v", "v"),
            pair("w", "v"),
            pair("u (b.jsonl:1)", "u"),
            pair("v (b.jsonl:2)", "v (b.jsonl:2)"),
            pair("x", "v (b.jsonl:2)"),
        ]
    );
    // clean --dedup names the copy as the clusters do.
    rinse()
        .args(["clean", "--dedup", "-o"])
        .arg(tmp.path().join("out.jsonl"))
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "rinse: u ({}:1): duplicate of u (exact",
            b.display()
        )));
}
