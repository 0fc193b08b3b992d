//! Tests of the real `rinse` binary.
mod common;
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn rinse() -> Command {
    Command::cargo_bin("rinse").unwrap()
}

fn dump() -> std::path::PathBuf {
    common::fixtures().join("dump")
}

/// A copy of the sample dump with one page in a subfolder.
fn nested_copy(root: &Path) {
    std::fs::create_dir_all(root.join("sub")).unwrap();
    for (name, bytes) in common::read_dir(&dump()) {
        let target = if name.starts_with("blog") {
            root.join("sub").join(&name)
        } else {
            root.join(&name)
        };
        std::fs::write(target, bytes).unwrap();
    }
    std::fs::write(root.join("notes.md"), "not a page").unwrap();
}

#[test]
fn one_file_prints_its_article_as_json() {
    let out = rinse()
        .args(["clean"])
        .arg(dump().join("000_ef0806989259f88b.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["sections"].as_array().unwrap().len(), 7);
    assert_eq!(v["removed"].as_array().unwrap().len(), 7);
    assert_eq!(v["removed"][0]["rule"], "boilerplate/navigation");
    assert_eq!(v["stats"]["lines_in"], 92);
}

#[test]
fn text_and_markdown_formats() {
    let page = dump().join("de-regional-news.txt");
    rinse()
        .args(["clean", "--format", "text"])
        .arg(&page)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Neue Radwege für die Innenstadt: Stadtrat stimmt knapp zu\n\nDer Stadtrat hat",
        ))
        .stdout(predicate::str::contains("Anzeige").not());
    rinse()
        .args(["clean", "-f", "markdown"])
        .arg(&page)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# Neue Radwege für die Innenstadt",
        ))
        .stdout(predicate::str::contains("\n## Wie geht es weiter?\n"));
}

#[test]
fn output_dir_mirrors_the_input_tree_in_each_format() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    nested_copy(&input);
    for (format, ext) in [("json", "json"), ("text", "txt"), ("markdown", "md")] {
        let out = tmp.path().join(format!("out-{format}"));
        rinse()
            .args(["clean", "-q", "--format", format, "-o"])
            .arg(&out)
            .arg(&input)
            .assert()
            .success()
            .stderr("");
        assert!(out.join(format!("000_ef0806989259f88b.{ext}")).is_file());
        assert!(out.join(format!("sub/blog-menu-footer.{ext}")).is_file());
        assert!(!out.join("notes.json").exists(), "only *.txt by default");
        let n = walkdir(&out);
        assert_eq!(n, 10, "{format}: one output per page");
    }
    let text =
        std::fs::read_to_string(tmp.path().join("out-text/sub/blog-menu-footer.txt")).unwrap();
    assert!(text.starts_with("How I Finally Got an Open Crumb in My Sourdough\n\nFor two years"));
    let json =
        std::fs::read_to_string(tmp.path().join("out-json/sub/blog-menu-footer.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        v["source"]
            .as_str()
            .unwrap()
            .ends_with("in/sub/blog-menu-footer.txt")
    );
}

fn walkdir(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += walkdir(&p);
        } else {
            n += 1;
        }
    }
    n
}

#[test]
fn several_inputs_print_json_lines_in_order() {
    let out = rinse()
        .arg("clean")
        .arg(dump().join("no-headings-letter.txt"))
        .arg(dump().join("blog-menu-footer.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let sources: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(sources, ["no-headings-letter.txt", "blog-menu-footer.txt"]);
}

#[test]
fn several_inputs_in_text_format_need_an_output_dir() {
    rinse()
        .args(["clean", "--format", "text"])
        .arg(dump().join("no-headings-letter.txt"))
        .arg(dump().join("blog-menu-footer.txt"))
        .assert()
        .code(2)
        .stderr("rinse: 2 inputs without -o print JSON Lines: use --format json, or -o DIR to write one .txt file per input\n");
    rinse()
        .args(["clean", "--format", "markdown", "-"])
        .args(["--input-format", "jsonl"])
        .write_stdin("{\"text\": \"A line\"}\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--format markdown needs text files",
        ));
}

#[test]
fn stdin_is_read_with_a_dash_and_o_dash_is_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    for o in [&[][..], &["-o", "-"]] {
        rinse()
            .current_dir(tmp.path())
            .args(["clean", "--format", "text", "-"])
            .args(o)
            .write_stdin(
                "Home\n\nA Title\n\nThe first paragraph says something, as a paragraph does.\n",
            )
            .assert()
            .success()
            .stdout("A Title\n\nThe first paragraph says something, as a paragraph does.\n");
    }
    assert!(!tmp.path().join("-").exists(), "no directory named -");
}

#[test]
fn a_missing_file_is_named_and_the_others_are_still_cleaned() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    rinse()
        .args(["clean", "-o"])
        .arg(&out)
        .arg(dump().join("no-headings-letter.txt"))
        .arg(tmp.path().join("missing.txt"))
        .arg(dump().join("blog-menu-footer.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"))
        .stderr(predicate::str::contains("1 failed"));
    assert!(out.join("no-headings-letter.json").is_file());
    assert!(out.join("blog-menu-footer.json").is_file());
}

/// A directory that holds files, but none of the kind asked for, is worth a word: most likely
/// the extension is wrong, and a check that reads nothing would pass.
#[test]
fn a_directory_without_inputs_of_the_kind_asked_for_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::copy(dump().join("blog-menu-footer.txt"), pages.join("a.html")).unwrap();
    rinse()
        .arg("check")
        .arg(&pages)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "pages: warning: no input in this directory: its one file is not named *.txt; it is *.html (--ext html picks it)",
        ));
    // Several files: the extensions found, the most common first (compression aside).
    let shards = tmp.path().join("shards");
    std::fs::create_dir(&shards).unwrap();
    for name in ["a.jsonl.gz", "b.jsonl.zst", "c.warc.wet.gz", "README"] {
        std::fs::write(shards.join(name), b"").unwrap();
    }
    rinse()
        .arg("check")
        .arg(&shards)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "shards: warning: no input in this directory: none of its 4 files is named *.txt; among them are *.jsonl (2), *.wet (1) (--ext jsonl,wet picks them)",
        ));
    // With the right extension it is read, and nothing is said of it.
    rinse()
        .args(["check", "--ext", "html"])
        .arg(&pages)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("warning").not());
}

/// `--phrases` adds a phrase list: one rinse ships for another language (by name), or a file.
#[test]
fn phrase_lists_of_other_languages_are_added_by_name_or_file() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("port.txt");
    std::fs::write(
        &page,
        "Le port rouvre après les réparations\n\n\
         Le port de la ville a rouvert lundi après trois semaines de travaux sur la digue, que la tempête avait brisée en deux endroits.\n\n\
         Lire aussi : Les pêcheurs inquiets pour la saison\n\n\
         Les bateaux de pêche ont été les premiers à revenir, et le ferry suivra à la fin de la semaine une fois son quai vérifié.\n",
    )
    .unwrap();
    // Run in the folder of the page (and of a file named like a shipped list, below).
    let text = |args: &[&str]| {
        common::stdout_of(
            rinse()
                .current_dir(tmp.path())
                .args(["clean", "--format", "text"])
                .args(args)
                .arg(&page)
                .assert(),
        )
    };
    assert!(text(&[]).contains("Lire aussi"));
    assert!(!text(&["--phrases", "fr"]).contains("Lire aussi"));
    let list = tmp.path().join("mine.txt");
    std::fs::write(&list, "[related]\n^lire aussi\n").unwrap();
    assert!(!text(&["--phrases", list.to_str().unwrap()]).contains("Lire aussi"));
    std::fs::write(&list, "[nope]\nlire aussi\n").unwrap();
    rinse()
        .args(["clean", "--phrases"])
        .arg(&list)
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "mine.txt, line 1: unknown category",
        ));
    rinse()
        .args(["check", "--phrases", "xx"])
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not a list rinse ships (fr, es, it, pt, nl)",
        ));
    // A shipped list's name is the list even beside a file of that name; `./fr` is the file.
    std::fs::write(tmp.path().join("fr"), "[nope]\nlire aussi\n").unwrap();
    assert!(!text(&["--phrases", "fr"]).contains("Lire aussi"));
    rinse()
        .current_dir(tmp.path())
        .args(["clean", "--phrases", "./fr"])
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fr, line 1: unknown category"));
}

/// `--model` replaces the shipped line model by a file of the same format (what
/// scripts/train/train.py writes); a model of other features is refused with its path.
#[test]
fn a_line_model_can_be_given_as_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model/lines.json"),
    )
    .unwrap();
    let mut model: serde_json::Value = serde_json::from_str(&shipped).unwrap();
    let page = dump().join("blog-menu-footer.txt");
    let removals = |model_args: &[&std::ffi::OsStr]| {
        let out = common::stdout_of(rinse().arg("clean").args(model_args).arg(&page).assert());
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        json["removed"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["rule"] == "boilerplate/classifier")
            .count()
    };
    let shipped_path = tmp.path().join("shipped.json");
    std::fs::write(&shipped_path, &shipped).unwrap();
    let by_default = removals(&[]);
    assert!(by_default > 0);
    assert_eq!(
        removals(&["--model".as_ref(), shipped_path.as_os_str()]),
        by_default
    );
    // A model that keeps every line: the classifier removes nothing.
    model["threshold"] = 0.0.into();
    let lenient = tmp.path().join("lenient.json");
    std::fs::write(&lenient, model.to_string()).unwrap();
    assert_eq!(removals(&["--model".as_ref(), lenient.as_os_str()]), 0);
    model["features"][0] = "renamed".into();
    let other = tmp.path().join("other.json");
    std::fs::write(&other, model.to_string()).unwrap();
    rinse()
        .args(["clean", "--model"])
        .arg(&other)
        .arg(&page)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("other.json").and(predicate::str::contains(
                "trained on other features than this build computes",
            )),
        );
    // A model is of no use where no classifier runs.
    rinse()
        .args(["clean", "--rules-only", "--model"])
        .arg(&shipped_path)
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn an_output_dir_inside_the_input_dir_is_not_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    nested_copy(tmp.path());
    let out = tmp.path().join("cleaned");
    for _ in 0..2 {
        rinse()
            .args(["clean", "-q", "--format", "text", "-o"])
            .arg(&out)
            .arg(tmp.path())
            .assert()
            .success();
    }
    assert!(!out.join("cleaned").exists());
    assert_eq!(walkdir(&out), 10);
}

#[test]
fn help_describes_the_commands() {
    rinse()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("clean"));
    for command in ["clean", "diff", "check", "report"] {
        rinse()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("--ext"));
    }
    rinse().arg("clean").assert().code(2);
}

#[test]
fn o_with_a_file_name_writes_the_one_article_there() {
    let tmp = tempfile::tempdir().unwrap();
    let page = dump().join("blog-menu-footer.txt");
    let printed = rinse()
        .args(["clean", "--format", "text"])
        .arg(&page)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = tmp.path().join("clean.txt");
    rinse()
        .args(["clean", "-q", "--format", "text", "-o"])
        .arg(&out)
        .arg(&page)
        .assert()
        .success()
        .stdout("");
    assert!(out.is_file(), "a file, not a directory named clean.txt");
    assert_eq!(std::fs::read(&out).unwrap(), printed);
    // ... compressed when it ends in .gz
    let gz = tmp.path().join("clean.txt.gz");
    rinse()
        .args(["clean", "-q", "--format", "text", "-o"])
        .arg(&gz)
        .arg(&page)
        .assert()
        .success();
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&gz).unwrap()),
        &mut unzipped,
    )
    .unwrap();
    assert_eq!(unzipped, printed);
    // JSON never lands in a .txt file, and several inputs need a directory.
    rinse()
        .args(["clean", "-o"])
        .arg(tmp.path().join("other.txt"))
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--format json writes .json; give --format text",
        ));
    rinse()
        .args(["clean", "--format", "text", "-o"])
        .arg(tmp.path().join("both.txt"))
        .arg(&page)
        .arg(dump().join("no-headings-letter.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "for several inputs name a directory",
        ));
    rinse()
        .args(["clean", "-o"])
        .arg(tmp.path().join("one.json"))
        .arg("--report")
        .arg(tmp.path().join("one.json"))
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is also the output (-o)"));
    assert!(!tmp.path().join("other.txt").exists());
    assert!(!tmp.path().join("both.txt").exists());
    assert!(!tmp.path().join("one.json").exists());
    // A directory of that name is still a directory.
    let dir = tmp.path().join("dir.txt");
    std::fs::create_dir(&dir).unwrap();
    rinse()
        .args(["clean", "-q", "--format", "text", "-o"])
        .arg(&dir)
        .arg(&page)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(dir.join("blog-menu-footer.txt")).unwrap(),
        printed
    );
}

#[test]
fn an_input_is_never_written_over() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("page.txt");
    let bytes = std::fs::read(dump().join("blog-menu-footer.txt")).unwrap();
    std::fs::write(&page, &bytes).unwrap();
    // The mirrored output of a file named directly, in its own directory, is the file.
    rinse()
        .args(["clean", "-q", "--format", "text", "-o"])
        .arg(tmp.path())
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is this input: not written over"));
    // So is an output file that is an input: the article, JSON Lines, a report, clusters.
    let jsonl = tmp.path().join("d.jsonl");
    let records = "{\"text\": \"A line of text\"}\n";
    std::fs::write(&jsonl, records).unwrap();
    for (command, input, output) in [
        (&["clean", "--format", "text"][..], &page, &page),
        (&["clean"], &jsonl, &jsonl),
        (&["clean", "--report"], &page, &tmp.path().join("x.json")),
        (&["report"], &jsonl, &jsonl),
        (&["dedup"], &jsonl, &jsonl),
    ] {
        let mut cmd = rinse();
        cmd.args(command);
        if command.last() == Some(&"--report") {
            // The report is the input; the article goes elsewhere.
            cmd.arg(input).arg("-o").arg(output).arg(input);
        } else {
            cmd.arg("-o").arg(output).arg(input);
        }
        cmd.assert().code(2).stderr(predicate::str::contains(
            "rinse does not write over its inputs",
        ));
    }
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap(), records);
    std::fs::remove_file(&jsonl).unwrap();
    // A directory cleaned into itself.
    rinse()
        .args(["clean", "-q", "--format", "text", "-o"])
        .arg(tmp.path())
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is also the output directory"));
    assert_eq!(std::fs::read(&page).unwrap(), bytes);
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing written beside the input");
}

#[test]
fn an_output_file_that_is_a_directory_is_named_once_before_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.jsonl");
    std::fs::create_dir(&out).unwrap();
    rinse()
        .args(["clean", "-q", "-o"])
        .arg(&out)
        .arg(dump())
        .assert()
        .code(2)
        .stderr(format!(
            "rinse: {}: is a directory, not a file\n",
            out.display()
        ));
}

#[test]
fn slim_json_lines_hold_the_text_and_a_short_record() {
    let tmp = tempfile::tempdir().unwrap();
    let page = dump().join("blog-menu-footer.txt");
    let text = common::stdout_of(
        rinse()
            .args(["clean", "--format", "text"])
            .arg(&page)
            .assert()
            .success(),
    );
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    // A text input: the short record with the text in it.
    let lines = common::stdout_of(
        rinse()
            .args(["clean", "--slim"])
            .arg(&page)
            .arg(dump().join("no-headings-letter.txt"))
            .assert()
            .success(),
    );
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    let short = [
        "encoding",
        "language",
        "metadata",
        "schema_version",
        "source",
        "stats",
        "text",
        "title",
    ];
    assert_eq!(keys(&first), short);
    assert_eq!(first["text"], text.as_str());
    // A JSON Lines record: its fields, the text beside the short record.
    let dump_file = tmp.path().join("d.jsonl");
    let record =
        serde_json::json!({"id": "a", "url": "u", "text": std::fs::read_to_string(&page).unwrap()});
    std::fs::write(&dump_file, format!("{record}\n")).unwrap();
    let out = tmp.path().join("out.jsonl");
    rinse()
        .args(["clean", "-q", "--slim", "-o"])
        .arg(&out)
        .arg(&dump_file)
        .assert()
        .success();
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&out).unwrap().trim_end()).unwrap();
    assert_eq!(keys(&line), ["id", "rinse", "text", "url"]);
    assert_eq!(line["text"], text.as_str());
    let without_text: Vec<&str> = short.iter().copied().filter(|&k| k != "text").collect();
    assert_eq!(keys(&line["rinse"]), without_text);
    // Other outputs have no short form.
    rinse()
        .args(["clean", "--slim"])
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--slim is for JSON Lines output"));
}

/// An HTML document is not what rinse cleans: it says so, names the file, cleans it as text and
/// counts it in the summary; text that holds markup is no HTML document.
#[test]
fn an_html_document_is_named_and_cleaned_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("page.txt"),
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Harbour budget</title></head>\n<body>\n\
         <p>The town council approved the harbour budget shortly before midnight on Thursday, \
         ending three weeks of debate over the repairs.</p>\n</body>\n</html>\n",
    )
    .unwrap();
    std::fs::copy(
        dump().join("markup-council-budget.txt"),
        dir.join("markup.txt"),
    )
    .unwrap();
    rinse()
        .args(["clean", "-o"])
        .arg(tmp.path().join("out"))
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "page.txt: warning: an HTML document, not text saved from one",
        ))
        .stderr(predicate::str::contains("markup.txt: warning").not())
        .stderr(predicate::str::contains("1 HTML document cleaned as text"));
}

/// A dump of HTML documents is told about five times, then counted.
#[test]
fn a_dump_of_html_documents_is_named_a_few_times_then_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = tmp.path().join("html.jsonl");
    let records: String = (0..8)
        .map(|k| {
            let text = format!(
                "<!DOCTYPE html>\n<html>\n<body>\n<p>Report {k}: the town council approved the \
                 harbour budget shortly before midnight on Thursday.</p>\n</body>\n</html>\n"
            );
            serde_json::json!({"id": format!("r{k}"), "text": text}).to_string() + "\n"
        })
        .collect();
    std::fs::write(&dump, records).unwrap();
    let out = rinse()
        .args(["clean", "-o"])
        .arg(tmp.path().join("out.jsonl"))
        .arg(&dump)
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.matches("warning: an HTML document").count(), 5, "{err}");
    assert_eq!(err.matches("more HTML documents").count(), 1, "{err}");
    assert!(err.contains("8 HTML documents cleaned as text"), "{err}");
}
