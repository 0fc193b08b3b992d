//! The HTML report in a real headless browser: it loads, and the summary is there.
//!
//! Needs Chromium (`chromium` on the PATH, or `RINSE_CHROMIUM=/path`). Without one the test
//! says so and passes, unless `RINSE_REQUIRE_BROWSER=1`, which `.ci/run` sets after installing
//! Debian's `chromium`.
mod common;
use assert_cmd::Command;
use std::path::PathBuf;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RINSE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser", "google-chrome"].map(|name| dir.join(name))
        })
        .find(|p| p.is_file())
}

fn headless(browser: &PathBuf, profile: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

#[test]
fn html_report_loads_in_chromium_and_shows_the_summary() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("RINSE_REQUIRE_BROWSER").is_none(),
            "RINSE_REQUIRE_BROWSER is set but no Chromium was found"
        );
        eprintln!("no Chromium found: the browser check of the HTML report is skipped");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("report.html");
    Command::cargo_bin("rinse")
        .unwrap()
        .args(["report", "-o"])
        .arg(&report)
        .arg(common::fixtures().join("dump"))
        .assert()
        .success();
    let url = format!("file://{}", report.display());

    let dom = headless(&browser, &tmp.path().join("profile"))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("<h1>rinse report</h1>"), "{dom}");
    assert!(dom.contains(r#"<td class="num" id="files-total">10</td>"#));
    assert!(dom.contains(r#"<td class="num" id="lines-in">340</td>"#));
    assert!(dom.contains("<code>headings/related-cards</code></td><td class=\"num\">4</td>"));

    let shot = tmp.path().join("report.png");
    let out = headless(&browser, &tmp.path().join("profile"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
}
