//! Batch runs through the real binary: the same bytes for any thread count, JSON Lines in and
//! out, resuming with --skip-existing, and the ways inputs are chosen.
mod common;
use assert_cmd::Command;
use predicates::prelude::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn rinse() -> Command {
    Command::cargo_bin("rinse").unwrap()
}

fn dump() -> PathBuf {
    common::fixtures().join("dump")
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir(dir) {
        let rel = e.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        out.push((rel, std::fs::read(&e).unwrap()));
    }
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn any_thread_count_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    for jobs in ["1", "2", "3"] {
        rinse()
            .args(["clean", "-q", "-j", jobs, "-o"])
            .arg(tmp.path().join(format!("tree-{jobs}")))
            .arg(dump())
            .arg(common::fixtures().join("corpus"))
            .assert()
            .success();
        rinse()
            .args(["clean", "-q", "-j", jobs, "-o"])
            .arg(tmp.path().join(format!("all-{jobs}.jsonl")))
            .arg(dump())
            .arg(common::fixtures().join("corpus"))
            .assert()
            .success();
    }
    let one = tree(&tmp.path().join("tree-1"));
    assert_eq!(one.len(), 17);
    for jobs in ["2", "3"] {
        assert!(
            one == tree(&tmp.path().join(format!("tree-{jobs}"))),
            "-j {jobs}"
        );
        assert_eq!(
            std::fs::read(tmp.path().join("all-1.jsonl")).unwrap(),
            std::fs::read(tmp.path().join(format!("all-{jobs}.jsonl"))).unwrap()
        );
    }
    let lines = std::fs::read_to_string(tmp.path().join("all-1.jsonl")).unwrap();
    let sources: Vec<String> = lines
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(sources.len(), 17);
    assert!(
        sources[0].ends_with("dump/000_ef0806989259f88b.txt"),
        "input order"
    );
    assert!(sources[16].ends_with("corpus/multi-twincities-mayor.txt"));
}

/// `bytes` compressed as a file name's suffix says: `.gz`, `.zst`, or not at all.
fn compress(name: &str, bytes: &[u8]) -> Vec<u8> {
    if name.ends_with(".gz") {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    } else if name.ends_with(".zst") {
        zstd::encode_all(bytes, 3).unwrap()
    } else {
        bytes.to_vec()
    }
}

/// `bytes` decompressed as a file name's suffix says.
fn decompress(name: &str, mut bytes: &[u8]) -> String {
    let mut text = String::new();
    if name.ends_with(".gz") {
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut text)
    } else if name.ends_with(".zst") {
        zstd::Decoder::new(bytes).unwrap().read_to_string(&mut text)
    } else {
        bytes.read_to_string(&mut text)
    }
    .unwrap();
    text
}

/// `rinse clean -q -o OUT INPUT`.
fn clean_into(out: &Path, input: &Path) -> assert_cmd::assert::Assert {
    rinse()
        .args(["clean", "-q", "-o"])
        .arg(out)
        .arg(input)
        .assert()
}

/// A JSON Lines dump of the fixture pages, with fields of its own and three bad lines,
/// compressed as its name says.
fn jsonl_dump(path: &Path) {
    let mut text = String::new();
    for (k, (name, bytes)) in common::read_dir(&dump()).into_iter().enumerate() {
        let rec = serde_json::json!({
            "doc_id": format!("d{k}"),
            "url": format!("https://example.org/{name}"),
            "meta": {"lang_hint": "en", "n": k},
            "body": String::from_utf8(bytes).unwrap(),
        });
        text.push_str(&rec.to_string());
        text.push('\n');
        if k == 1 {
            text.push_str("{not json\n");
            text.push_str("{\"doc_id\": \"nobody\"}\n");
            text.push_str("{\"doc_id\": \"numeric\", \"body\": 42}\n");
        }
    }
    let name = path.to_str().unwrap();
    std::fs::write(path, compress(name, text.as_bytes())).unwrap();
}

/// Compressed input is known by its first bytes too (gzip or Zstandard on standard input, or in
/// a file not named so), and a compressed page in a tree gets the output name of its plain
/// form.
#[test]
fn compressed_inputs_are_known_by_their_first_bytes_and_mirrored_without_the_suffix() {
    let tmp = tempfile::tempdir().unwrap();
    let page = std::fs::read(dump().join("blog-menu-footer.txt")).unwrap();
    let clean = |args: &[&str], stdin: Vec<u8>| {
        let out = rinse()
            .args(["clean", "-q", "--format", "text"])
            .args(args)
            .write_stdin(stdin)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = clean(&["-"], page.clone());
    assert!(plain.contains("\n\n"), "an article of several blocks");
    for suffix in [".gz", ".zst"] {
        assert_eq!(
            clean(&["-"], compress(suffix, &page)),
            plain,
            "{suffix} on stdin"
        );
        let misnamed = tmp.path().join(format!("page{suffix}.txt"));
        std::fs::write(&misnamed, compress(suffix, &page)).unwrap();
        let path = misnamed.to_str().unwrap();
        assert_eq!(clean(&[path], Vec::new()), plain, "{suffix} named .txt");
    }
    let tree = tmp.path().join("tree");
    std::fs::create_dir(&tree).unwrap();
    std::fs::write(tree.join("a.txt.gz"), compress(".gz", &page)).unwrap();
    std::fs::write(tree.join("b.TXT.ZST"), compress(".zst", &page)).unwrap();
    let out = tmp.path().join("out");
    clean_into(&out, &tree).success();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["a.json", "b.json"]);
}

#[test]
fn jsonl_round_trip_keeps_unknown_fields_and_one_record_per_line() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, suffix) in [
        ("in.jsonl", ""),
        ("in.jsonl.gz", ".gz"),
        ("in.jsonl.zst", ".zst"),
    ] {
        let input = tmp.path().join(name);
        jsonl_dump(&input);
        // A compressed dump is written compressed when the output is named so.
        let out = tmp.path().join(format!("{name}.out.jsonl{suffix}"));
        rinse()
            .args([
                "clean",
                "-q",
                "--text-key",
                "body",
                "--id-key",
                "doc_id",
                "--format",
                "text",
                "-o",
            ])
            .arg(&out)
            .arg(&input)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{name}:3: not JSON")))
            // A record with an id is named by its place too.
            .stderr(predicate::str::contains(format!(
                "{name}:4 (id nobody): no \"body\" key"
            )))
            .stderr(predicate::str::contains(format!(
                "{name}:5 (id numeric): \"body\" is a number, not a string"
            )));
        let written = decompress(suffix, &std::fs::read(&out).unwrap());
        // Not the private mode of the temporary file it was written as.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
        let records: Vec<serde_json::Value> = written
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(records.len(), 13, "one output record per input record");
        // Top-level keys sorted; the rinse record's keys in schema order, as in --format json.
        let raw = written.lines().next().unwrap();
        assert!(raw.starts_with("{\"doc_id\":\"d0\",\"meta\":{"), "{raw}");
        assert!(
            raw.contains(",\"rinse\":{\"schema_version\":1,\"source\":\"d0\",\"encoding\":"),
            "{raw}"
        );
        let first = &records[0];
        assert_eq!(first["doc_id"], "d0");
        assert_eq!(first["url"], "https://example.org/000_ef0806989259f88b.txt");
        assert_eq!(
            first["meta"],
            serde_json::json!({"lang_hint": "en", "n": 0})
        );
        assert!(
            first["text"]
                .as_str()
                .unwrap()
                .starts_with("When Adversaries Seek Silence")
        );
        assert!(first.get("body").is_none(), "the text moved to `text`");
        assert_eq!(first["rinse"]["removed"].as_array().unwrap().len(), 7);
        assert_eq!(first["rinse"]["source"], "d0");
        let bad = &records[2];
        assert_eq!(bad["line"], 3);
        assert!(bad["error"].as_str().unwrap().starts_with("not JSON"));
        assert_eq!(records[4]["doc_id"], "numeric");
        assert_eq!(records[4]["body"], 42, "a bad record keeps its fields");
        assert_eq!(records[8]["doc_id"], "d5");
    }
}

#[test]
fn skip_existing_resumes_a_stopped_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = || {
        rinse()
            .args(["clean", "-q", "--skip-existing", "--format", "text", "-o"])
            .arg(&out)
            .arg(dump())
            .assert()
            .success();
    };
    run();
    let before = tree(&out);
    // a stopped run: one output missing, and one we can tell apart if it were rewritten
    std::fs::remove_file(out.join("blog-menu-footer.txt")).unwrap();
    std::fs::write(out.join("recipe-lists-and-cookies.txt"), "sentinel").unwrap();
    run();
    let after = tree(&out);
    assert_eq!(after.len(), before.len());
    let get = |t: &[(String, Vec<u8>)], n: &str| t.iter().find(|(k, _)| k == n).unwrap().1.clone();
    assert_eq!(
        get(&after, "blog-menu-footer.txt"),
        get(&before, "blog-menu-footer.txt")
    );
    assert_eq!(get(&after, "recipe-lists-and-cookies.txt"), b"sentinel");
    // an output that is a link counts as there too: it is neither cleaned again nor replaced
    #[cfg(unix)]
    {
        let link = out.join("blog-menu-footer.txt");
        let elsewhere = tmp.path().join("kept-elsewhere.txt");
        std::fs::write(&elsewhere, "linked").unwrap();
        std::fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        run();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "linked");
    }
    rinse()
        .args(["clean", "--skip-existing", "-o"])
        .arg(tmp.path().join("x.jsonl"))
        .arg(dump())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--skip-existing needs -o DIR"));
}

#[test]
fn globs_excludes_hidden_files_and_lists_of_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    std::fs::create_dir_all(root.join(".cache")).unwrap();
    let page = std::fs::read(dump().join("no-headings-letter.txt")).unwrap();
    for p in [
        "one.txt",
        "a/two.txt",
        "a/b/three.page",
        "a/skip.txt",
        ".cache/four.txt",
        ".hidden.txt",
    ] {
        std::fs::write(root.join(p), &page).unwrap();
    }
    let sources = |args: &[&str]| -> Vec<String> {
        let out = rinse()
            .arg("clean")
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let mut v: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let s = v["source"].as_str().unwrap();
                s[s.find("in/").unwrap() + 3..].to_string()
            })
            .collect();
        v.sort();
        v
    };
    let r = root.to_str().unwrap();
    assert_eq!(sources(&[r]), ["a/skip.txt", "a/two.txt", "one.txt"]);
    assert_eq!(
        sources(&[r, "--hidden"]),
        [
            ".cache/four.txt",
            ".hidden.txt",
            "a/skip.txt",
            "a/two.txt",
            "one.txt"
        ]
    );
    assert_eq!(
        sources(&[r, "--glob", "**/*.page", "--glob", "one.txt"]),
        ["a/b/three.page", "one.txt"]
    );
    assert_eq!(
        sources(&[r, "--exclude", "a/skip.txt"]),
        ["a/two.txt", "one.txt"]
    );
    let list = tmp.path().join("list.txt");
    std::fs::write(&list, format!("{r}/one.txt\n\n{r}/a/b/three.page\n")).unwrap();
    assert_eq!(
        sources(&["--files-from", list.to_str().unwrap()]),
        ["a/b/three.page", "one.txt"]
    );
    // Standard input cannot be both the list and an input.
    rinse()
        .args(["clean", "--files-from", "-", "-"])
        .write_stdin(format!("{r}/one.txt\n"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it cannot also be an input"));
}

/// `--skip-existing` skips only outputs that were there before the run: two inputs that write
/// the same output still collide (and say so), even when the first is written in an earlier
/// chunk, which the pool cleans while the next is being written (more than 512 documents).
#[test]
fn skip_existing_does_not_hide_a_collision_within_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let page = std::fs::read(dump().join("000_ef0806989259f88b.txt")).unwrap();
    std::fs::write(input.join("k.md"), &page).unwrap();
    let mut list = vec![input.join("k.md")];
    for n in 0..600 {
        let p = input.join(format!("k-{n:03}.txt"));
        std::fs::write(
            &p,
            format!(
                "Page {n}\n\nA sentence of running text for page {n}, long enough to be kept.\n"
            ),
        )
        .unwrap();
        list.push(p);
    }
    std::fs::write(input.join("k.txt"), &page).unwrap();
    list.push(input.join("k.txt"));
    let files = tmp.path().join("list");
    let names: Vec<String> = list.iter().map(|p| p.display().to_string()).collect();
    std::fs::write(&files, names.join("\n")).unwrap();
    for threads in ["1", "2"] {
        let out = tmp.path().join(format!("out{threads}"));
        let run = || {
            rinse()
                .args([
                    "clean",
                    "--skip-existing",
                    "--format",
                    "text",
                    "-j",
                    threads,
                ])
                .arg("--files-from")
                .arg(&files)
                .arg("-o")
                .arg(&out)
                .assert()
        };
        run()
            .code(2)
            .stderr(predicate::str::contains(
                "k.txt was already written by another input; skipped",
            ))
            .stderr(predicate::str::contains("602 documents"));
        // resuming: every output is there now, and the summary says why nothing was cleaned
        run()
            .success()
            .stderr(predicate::str::contains("0 documents, 0 B in"))
            .stderr(predicate::str::contains("602 skipped (output exists)"));
    }
}

/// Ctrl-C (SIGINT) stops a run before its next chunk: exit code 130, no output file, and no
/// temporary file left beside it.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_run_and_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.jsonl");
    // About 25 MB: long enough to still be running when the signal comes.
    let mut text = String::new();
    let pages = common::read_dir(&dump());
    for k in 0..2500 {
        let (_, bytes) = &pages[k % pages.len()];
        let body = format!("Copy {k}\n\n{}", String::from_utf8_lossy(bytes));
        text.push_str(&serde_json::json!({ "id": k, "text": body }).to_string());
        text.push('\n');
    }
    std::fs::write(&input, text).unwrap();
    let out_dir = tmp.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("rinse"))
        .args(["clean", "-j", "1", "-q", "-o"])
        .arg(out_dir.join("clean.jsonl"))
        .arg(&input)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the output's temporary file exists, then interrupt.
    let temporary = || {
        std::fs::read_dir(&out_dir)
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
    };
    let start = std::time::Instant::now();
    while !temporary() && start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(temporary(), "no temporary output appeared");
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("rinse: interrupted"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A WET file (Common Crawl's extracted text) of the fixture pages: its warcinfo record, one
/// conversion record per page, and, if asked, a `response` record (a WARC's raw HTML) after the
/// second page.
fn wet_dump(with_response: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let info = "isPartOf: CC-MAIN-2026-47\r\n";
    out.extend_from_slice(
        format!(
            "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: {}\r\n\r\n{info}\r\n\r\n",
            info.len()
        )
        .as_bytes(),
    );
    for (k, (name, bytes)) in common::read_dir(&dump()).into_iter().enumerate() {
        out.extend_from_slice(
            format!(
                "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://example.org/{name}\r\n\
                 WARC-Date: 2026-11-27T10:00:0{k}Z\r\nWARC-Record-ID: <urn:uuid:{k}>\r\n\
                 Content-Type: text/plain\r\nContent-Length: {}\r\n\r\n",
                bytes.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&bytes);
        out.extend_from_slice(b"\r\n\r\n");
        if with_response && k == 1 {
            out.extend_from_slice(
                b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/raw\r\n\
                  Content-Length: 12\r\n\r\n<p>html</p>\n\r\n\r\n",
            );
        }
    }
    out
}

/// A WET file is one document per conversion record: the same clean texts as the same pages
/// in JSON Lines, each record's URL, id, date and headers carried into its output record; its
/// warcinfo record is no document, and a record of another type is named and fails the run
/// while the others are cleaned.
#[test]
fn wet_files_are_read_record_by_record() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = common::read_dir(&dump());
    let jsonl = tmp.path().join("pages.jsonl");
    let lines: Vec<String> = pages
        .iter()
        .map(|(_, b)| serde_json::json!({"text": String::from_utf8_lossy(b)}).to_string())
        .collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let texts = |out: &Path| -> Vec<serde_json::Value> {
        std::fs::read_to_string(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let from_jsonl = tmp.path().join("j.jsonl");
    clean_into(&from_jsonl, &jsonl).success();
    // Known by its name, compressed too.
    let wet = tmp.path().join("CC-MAIN-test.warc.wet.gz");
    std::fs::write(&wet, compress(".gz", &wet_dump(false))).unwrap();
    let from_wet = tmp.path().join("w.jsonl");
    clean_into(&from_wet, &wet).success();
    let (j, w) = (texts(&from_jsonl), texts(&from_wet));
    assert_eq!(
        w.len(),
        pages.len(),
        "one record per page, none for the warcinfo"
    );
    for (k, (a, b)) in j.iter().zip(&w).enumerate() {
        assert_eq!(a["text"], b["text"]);
        let url = format!("https://example.org/{}", pages[k].0);
        assert_eq!(b["url"], url.as_str());
        assert_eq!(b["rinse"]["source"], url.as_str());
        assert_eq!(b["id"], format!("<urn:uuid:{k}>").as_str());
        assert_eq!(b["date"], format!("2026-11-27T10:00:0{k}Z").as_str());
        assert_eq!(b["warc_headers"]["WARC-Type"], "conversion");
    }
    // A response record: named by file and line, the run fails, the pages are still cleaned.
    let mixed = tmp.path().join("mixed.wet");
    let bytes = wet_dump(true);
    std::fs::write(&mixed, &bytes).unwrap();
    let at = String::from_utf8_lossy(&bytes)
        .lines()
        .position(|l| l == "WARC-Type: response")
        .unwrap();
    let out = tmp.path().join("m.jsonl");
    clean_into(&out, &mixed)
        .code(2)
        .stderr(predicate::str::contains(format!(
            "mixed.wet:{at} (id https://example.org/raw): a WARC-Type: \"response\" record holds no extracted text"
        )));
    let m = texts(&out);
    assert_eq!(m.len(), pages.len() + 1);
    assert_eq!(m[2]["line"], at);
    assert!(m[2]["error"].is_string());
    assert_eq!(m[3]["text"], j[2]["text"]);
    // A file that is not WET, read as WET, is an error that names it.
    rinse()
        .args(["clean", "-q", "--input-format", "wet"])
        .arg(&jsonl)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pages.jsonl: line 1: expected a WARC record",
        ));
}

/// `--input-format text` reads a file named `*.jsonl` as one document (it was read as JSON
/// Lines whatever the option said).
#[test]
fn input_format_text_overrides_the_name() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = tmp.path().join("notes.jsonl");
    std::fs::write(
        &notes,
        "Field notes\n\n{\"not\": \"a record\"} is how the logger writes, and this page says so in a sentence.\n",
    )
    .unwrap();
    rinse()
        .args(["clean", "--input-format", "text", "--format", "text"])
        .arg(&notes)
        .assert()
        .success()
        .stdout(predicate::str::contains("is how the logger writes"));
}

/// Under `-o DIR`, each JSON Lines or WET input's records go to a JSON Lines file of its own
/// (named `.jsonl`, compressed as the input was), beside the articles of text inputs; all of
/// them are one dump. `--dedup` takes copies out of those files, `--skip-existing` skips an
/// input whose file is there, and a file is never written over its input.
#[test]
fn record_inputs_under_an_output_directory_get_a_file_each() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    let page = std::fs::read(dump().join("blog-menu-footer.txt")).unwrap();
    std::fs::write(input.join("page.txt"), &page).unwrap();
    std::fs::write(
        input.join("sub/crawl.warc.wet.gz"),
        compress(".gz", &wet_dump(false)),
    )
    .unwrap();
    jsonl_dump(&input.join("sub/shard.jsonl.zst"));
    // An input with no records gets its (empty) file; one that cannot be read gets none.
    std::fs::write(input.join("sub/empty.jsonl"), "").unwrap();
    std::fs::write(input.join("sub/broken.jsonl.gz"), "not gzip").unwrap();
    let out = tmp.path().join("out");
    let clean = |out: &Path, more: &[&str]| {
        rinse()
            .args([
                "clean",
                "-q",
                "--ext",
                "txt,wet,jsonl",
                "--text-key",
                "body",
                "-o",
            ])
            .arg(out)
            .args(more)
            .arg(&input)
            .assert()
    };
    // The JSON Lines dump has three records that hold no document: they fail the run, and
    // keep their lines.
    clean(&out, &[]).code(2);
    let mut names: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "page.json",
            "sub/crawl.jsonl.gz",
            "sub/empty.jsonl",
            "sub/shard.jsonl.zst"
        ]
    );
    assert_eq!(std::fs::read(out.join("sub/empty.jsonl")).unwrap(), b"");
    let lines = |path: &Path| -> Vec<serde_json::Value> {
        let name = path.to_str().unwrap();
        decompress(name, &std::fs::read(path).unwrap())
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let pages = common::read_dir(&dump()).len();
    let crawl = lines(&out.join("sub/crawl.jsonl.gz"));
    assert_eq!(crawl.len(), pages);
    assert_eq!(crawl[0]["warc_headers"]["WARC-Type"], "conversion");
    let shard = lines(&out.join("sub/shard.jsonl.zst"));
    assert_eq!(shard.len(), pages + 3, "one line per input line");
    assert_eq!(
        shard[0]["url"], crawl[0]["url"],
        "the input's own fields are kept"
    );
    assert_eq!(shard[0]["text"], crawl[0]["text"]);
    // The same pages in the WET and the JSON Lines file, and the page once more as text: with
    // --dedup the first of each is kept (the text page comes first, then `sub/` in name order).
    let deduped = tmp.path().join("deduped");
    clean(&deduped, &["--dedup"]).code(2);
    let crawl = lines(&deduped.join("sub/crawl.jsonl.gz"));
    assert_eq!(crawl.len(), pages - 1, "the text page's copy is out");
    assert!(
        crawl
            .iter()
            .all(|r| !r["url"].as_str().unwrap().ends_with("blog-menu-footer.txt"))
    );
    let shard = lines(&deduped.join("sub/shard.jsonl.zst"));
    assert_eq!(
        shard.len(),
        3,
        "only the records that hold no document are left"
    );
    // A second run skips every input whose output is there (its bad records are still named:
    // the statistics read every input).
    let written = std::fs::metadata(out.join("sub/shard.jsonl.zst"))
        .unwrap()
        .modified()
        .unwrap();
    std::fs::remove_file(out.join("sub/crawl.jsonl.gz")).unwrap();
    clean(&out, &["--skip-existing"]).code(2);
    let again = std::fs::metadata(out.join("sub/shard.jsonl.zst"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(written, again, "not written again");
    assert_eq!(
        lines(&out.join("sub/crawl.jsonl.gz")).len(),
        pages,
        "written again"
    );
    // An output that would be its own input is not written.
    let alone = tmp.path().join("alone");
    std::fs::create_dir(&alone).unwrap();
    let own = alone.join("d.jsonl");
    std::fs::write(&own, "{\"text\": \"Some text of a page.\"}\n").unwrap();
    rinse()
        .args(["clean", "-q", "-o"])
        .arg(&alone)
        .arg(&own)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is this input: not written over"));
    assert_eq!(
        std::fs::read_to_string(&own).unwrap(),
        "{\"text\": \"Some text of a page.\"}\n"
    );
}
