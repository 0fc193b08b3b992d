//! Whatever a scraper saved: encodings, binary and empty files, huge lines, hostile file
//! systems. Each case gets a clear message naming the file, the right exit code, and loses
//! nothing. Inputs are made here (the big ones are generated, not stored).
mod common;
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn rinse() -> Command {
    Command::cargo_bin("rinse").unwrap()
}

const PAGE: &str = "Café owners rally against the new parking rules | Daily Bugle\n\nHome\n\nCafé owners rally against the new parking rules\n\nThe owners of eleven cafés on the main square said on Tuesday that the new parking rules would cost them a third of their customers.\n\nThe council said it would listen to their concerns before the rules take effect in the spring.\n";

fn json_of(args: &[&str], path: &Path) -> serde_json::Value {
    let out = rinse()
        .args(["clean", "-q"])
        .args(args)
        .arg(path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn legacy_and_utf16_encodings_are_decoded_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let latin1 = tmp.path().join("latin1.txt");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(PAGE);
    std::fs::write(&latin1, &bytes).unwrap();
    let v = json_of(&[], &latin1);
    assert_eq!(v["encoding"], "windows-1252");
    assert_eq!(
        v["title"],
        "Café owners rally against the new parking rules"
    );
    assert!(
        v["notes"]
            .to_string()
            .contains("decoded from windows-1252 (detected)")
    );

    let utf16 = tmp.path().join("utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(PAGE.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, &bytes).unwrap();
    let v = json_of(&["--format", "json"], &utf16);
    assert_eq!(v["encoding"], "UTF-16LE");
    assert!(
        v["sections"][0]["paragraphs"][0]
            .as_str()
            .unwrap()
            .starts_with("The owners of eleven cafés")
    );

    // --encoding forces one (here a wrong one, to show it is obeyed)
    let v = json_of(&["--encoding", "koi8-r"], &latin1);
    assert_eq!(v["encoding"], "KOI8-R");
    rinse()
        .args(["clean", "--encoding", "klingon"])
        .arg(&latin1)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding \"klingon\""));
    // A transcoded file's diff turns its bytes into the UTF-8 output, and says why each line
    // that was not ASCII changed.
    let diff = rinse()
        .arg("diff")
        .arg(&latin1)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let has = |needle: &[u8]| diff.windows(needle.len()).any(|w| w == needle);
    assert!(
        has(b"normalize/encoding"),
        "{}",
        String::from_utf8_lossy(&diff)
    );
    assert!(has(b"re-encoded from windows-1252 as UTF-8"));
    assert!(
        has(b"\n-Caf\xe9 owners rally"),
        "the old line as the file has it"
    );
    assert!(
        has("\n+Café owners rally".as_bytes()),
        "the new line in UTF-8"
    );
    // UTF-16's line breaks are two bytes: no diff, and standard error says why.
    rinse()
        .arg("diff")
        .arg(&utf16)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("encoded as UTF-16LE: no diff"));
}

#[test]
fn binary_empty_oversized_and_all_boilerplate_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a-good.txt"), PAGE).unwrap();
    std::fs::write(
        dir.join("b-image.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    std::fs::write(dir.join("c-empty.txt"), b"").unwrap();
    std::fs::write(dir.join("d-menu.txt"), "Home\n\nNews\n\nSport\n\nContact\n").unwrap();
    std::fs::write(dir.join("e-big.txt"), PAGE.repeat(50)).unwrap();
    // Compressed to less than the limit: its size is the text's, counted as it is read.
    let big = PAGE.repeat(60);
    std::fs::write(
        dir.join("f-big.txt.zst"),
        zstd::encode_all(big.as_bytes(), 3).unwrap(),
    )
    .unwrap();
    let out = tmp.path().join("out");
    rinse()
        .args(["clean", "--max-bytes", "4000", "--format", "text", "-o"])
        .arg(&out)
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "b-image.txt: skipped: binary file",
        ))
        .stderr(predicate::str::contains(format!(
            "e-big.txt: skipped: too large ({} bytes; --max-bytes is 4000)",
            PAGE.len() * 50
        )))
        .stderr(predicate::str::contains(format!(
            "f-big.txt.zst: skipped: too large ({} bytes; --max-bytes is 4000)",
            PAGE.len() * 60
        )))
        .stderr(predicate::str::contains(
            "d-menu.txt: warning: no article text left",
        ))
        .stderr(
            predicate::str::is_match(r"rinse: 3 documents, [0-9.]+ (B|KB|MB) in [0-9.]+ m?s \(")
                .unwrap(),
        )
        .stderr(predicate::str::contains(
            "1 skipped (binary), 2 skipped (too large), 1 with no text left",
        ));
    assert!(out.join("a-good.txt").is_file());
    assert_eq!(
        std::fs::read(out.join("c-empty.txt")).unwrap(),
        b"",
        "an empty article"
    );
    assert!(
        out.join("d-menu.txt").is_file(),
        "an article with no body, not a crash"
    );
    assert!(!out.join("b-image.txt").exists() && !out.join("e-big.txt").exists());
}

/// A JSON Lines record over `--max-bytes` is set aside; one whose line is much longer than
/// the limit (over twice it, and 1 MiB) is set aside without being held; the others are cleaned.
#[test]
fn oversized_json_lines_records_are_set_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = tmp.path().join("d.jsonl");
    let record = |text: &str| serde_json::json!({ "text": text }).to_string();
    let huge = "word ".repeat(300_000);
    let lines = [
        record(PAGE),
        record(&PAGE.repeat(20)),
        record(&huge),
        record(PAGE),
    ];
    std::fs::write(&dump, lines.join("\n") + "\n").unwrap();
    let out = tmp.path().join("out.jsonl");
    rinse()
        .args(["clean", "--max-bytes", "4000", "-o"])
        .arg(&out)
        .arg(&dump)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "d.jsonl:2: skipped: too large ({} bytes; --max-bytes is 4000)",
            PAGE.len() * 20
        )))
        .stderr(predicate::str::contains(format!(
            "d.jsonl:3: skipped: too large ({} bytes; --max-bytes is 4000)",
            lines[2].len() + 1
        )))
        .stderr(predicate::str::contains("2 documents"));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 2);
}

#[test]
fn a_ten_megabyte_line_and_deep_directories() {
    let tmp = tempfile::tempdir().unwrap();
    let mut deep = tmp.path().join("in");
    for k in 0..60 {
        deep = deep.join(format!("d{k}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    let sentence =
        "The council met again on Tuesday and talked about the parking rules for a long time. ";
    let line = sentence.repeat(10 * 1024 * 1024 / sentence.len());
    std::fs::write(deep.join("long.txt"), format!("A long page\n\n{line}\n")).unwrap();
    let out = tmp.path().join("out");
    rinse()
        .args(["clean", "-q", "--format", "text", "-o"])
        .arg(&out)
        .arg(tmp.path().join("in"))
        .assert()
        .success();
    let rel: std::path::PathBuf = deep
        .strip_prefix(tmp.path().join("in"))
        .unwrap()
        .join("long.txt");
    let text = std::fs::read_to_string(out.join(rel)).unwrap();
    assert!(text.starts_with("A long page\n\nThe council met again") && text.len() > 10_000_000);
}

/// An input that fails while it is read (a corrupt gzip) is named once and counted once,
/// though both passes read the inputs; the others are cleaned.
#[test]
fn an_input_that_fails_to_read_is_counted_once() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("page.txt");
    std::fs::write(&page, PAGE).unwrap();
    let broken = tmp.path().join("broken.jsonl.gz");
    std::fs::write(&broken, b"not gzip at all").unwrap();
    let out = rinse()
        .args(["clean", "-q", "-o"])
        .arg(tmp.path().join("out.jsonl"))
        .arg(&page)
        .arg(&broken)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr
            .matches("broken.jsonl.gz: invalid gzip header")
            .count(),
        1
    );
    rinse()
        .args(["clean", "-o"])
        .arg(tmp.path().join("out2.jsonl"))
        .arg(&page)
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rinse: 1 document, "))
        .stderr(predicate::str::contains(", 1 failed"));
    let written = std::fs::read_to_string(tmp.path().join("out2.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 1, "the page is still cleaned");
}

#[cfg(unix)]
#[test]
fn links_to_nowhere_and_link_loops() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("page.txt"), PAGE).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/back-up")).unwrap();
    rinse()
        .args(["clean", "-o"])
        .arg(tmp.path().join("out"))
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "back-up: skipped: a symbolic link loop, not followed",
        ))
        .stderr(predicate::str::contains("1 skipped (link loop)"));
    std::os::unix::fs::symlink("/nonexistent/x", dir.join("gone.txt")).unwrap();
    rinse()
        .args(["clean", "-o"])
        .arg(tmp.path().join("out2"))
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "gone.txt: No such file or directory",
        ))
        .stderr(predicate::str::contains("1 failed"));
    assert!(
        tmp.path().join("out2/page.json").is_file(),
        "the others are still cleaned"
    );
}

#[test]
fn output_name_collisions_and_write_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), PAGE).unwrap();
    std::fs::write(dir.join("a.json"), PAGE).unwrap();
    // a.txt and a.json would both be written as a.json
    rinse()
        .args(["clean", "--ext", "txt,json", "-o"])
        .arg(tmp.path().join("out"))
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "was already written by another input; skipped",
        ));
    // a write that fails: the output "directory" is a file
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, "not a directory").unwrap();
    rinse()
        .args(["clean", "-o"])
        .arg(&blocker)
        .arg(dir.join("a.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.txt"))
        .stderr(predicate::str::contains("blocker"));
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "not a directory"
    );
    // a JSON Lines output that cannot be created
    rinse()
        .args(["clean", "-o"])
        .arg(blocker.join("x.jsonl"))
        .arg(dir.join("a.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("blocker"));
}

/// Standard output that fills up in the middle of a run (`/dev/full`), with JSON Lines input of
/// several chunks on two threads: the run stops with the error and exit code 2, and does not
/// hang (the thread reading ahead is told to stop).
#[cfg(target_os = "linux")]
#[test]
fn a_full_output_stops_the_run_with_its_error() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("dump.jsonl");
    let record =
        |k: usize| serde_json::json!({ "id": format!("doc{k}"), "text": PAGE }).to_string();
    let lines: Vec<String> = (0..1600).map(record).collect();
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("rinse"))
        .args(["clean", "-q", "-j", "2"])
        .arg(&input)
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("rinse did not stop after its output failed");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

/// A file met twice (named twice, inside a directory given and by itself, or through a link)
/// is read once: otherwise it is a copy of itself, and its output is written twice.
#[cfg(unix)]
#[test]
fn a_file_named_twice_is_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), PAGE).unwrap();
    let other = "Lake levels fall to a record low | Daily Bugle\n\nLake levels fall to a record low\n\nThe water board said on Monday that the lake had dropped below its lowest mark since records began, after the driest summer in forty years.\n";
    std::fs::write(dir.join("b.txt"), other).unwrap();
    std::os::unix::fs::symlink(dir.join("a.txt"), dir.join("c.txt")).unwrap();
    let out = tmp.path().join("out");
    rinse()
        .args(["clean", "--dedup", "-o"])
        .arg(&out)
        .arg(&dir)
        .arg(dir.join("b.txt"))
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "c.txt: skipped: the same file as {}, which is read once",
            dir.join("a.txt").display()
        )))
        .stderr(predicate::str::contains(format!(
            "b.txt: skipped: the same file as {}",
            dir.join("b.txt").display()
        )))
        .stderr(
            predicate::str::contains("2 documents")
                .and(predicate::str::contains("2 skipped (read already)")),
        )
        .stderr(predicate::str::contains("duplicate of").not());
    // A directory named twice: its files are read once, and it is not a directory of no input.
    rinse()
        .args(["check", "--exit-zero"])
        .arg(&dir)
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains("b.txt: skipped: the same file as"))
        .stderr(predicate::str::contains("no input in this directory").not());
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["a.json", "b.json"]);
}
