//! The published HTML passes the Nu Html Checker (vnu) and axe-core (WCAG 2.1 A/AA) in
//! headless Chromium. The tools come from `tools/` (`npm ci` there) and Debian's
//! `chromium`; `.ci/run` installs them. Under CI (`CI=true`) a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

fn tool_missing(what: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("strumento mancante in CI: {what} (lo installa .ci/run)");
    }
    eprintln!("controllo saltato fuori dalla CI: manca {what}");
}

/// The third example, the Relazione, a small PIAO (its Gantt chart and training tables)
/// and the PIAO semplificato example, published once for these checks.
fn other_publications() -> &'static (tempfile::TempDir, PathBuf, PathBuf, PathBuf, PathBuf) {
    static DIR: std::sync::LazyLock<(tempfile::TempDir, PathBuf, PathBuf, PathBuf, PathBuf)> =
        std::sync::LazyLock::new(|| {
            let dir = tempfile::tempdir().unwrap();
            let piano_piao = dir.path().join("piao.json");
            std::fs::write(
                &piano_piao,
                serde_json::to_string(&crate::piao_monitoraggio::piao_da_stampare("2024-02-01"))
                    .unwrap(),
            )
            .unwrap();
            let monitoraggio = publish_into(&piano_piao, dir.path(), "monitoraggio");
            let comune = publish_into(
                &root().join("data/castelnuovo-2025-2027.json"),
                dir.path(),
                "comune",
            );
            let relazione = publish_into(
                &root().join("data/brescia-2021-2023-consuntivo-2021.json"),
                dir.path(),
                "relazione",
            );
            let semplificato = publish_into(
                &root().join("data/castelnuovo-piao-2025-2027.json"),
                dir.path(),
                "semplificato",
            );
            (dir, comune, relazione, monitoraggio, semplificato)
        });
    &DIR
}

fn published_pages() -> Vec<PathBuf> {
    let (out, venezia) = published_examples();
    let (_, comune, relazione, monitoraggio, semplificato) = other_publications();
    vec![
        out.join("index.html"),
        out.join("piano-organizzativo-del-lavoro-agile-2021.html"),
        venezia.join("index.html"),
        comune.join("index.html"),
        relazione.join("index.html"),
        monitoraggio.join("index.html"),
        semplificato.join("index.html"),
        semplificato.join("piao-2025-2027-anticorruzione.html"),
    ]
}

fn available(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn html_passes_the_nu_html_checker() {
    let jar = root().join("tools/node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() || !available("java", "-version") {
        return tool_missing("vnu (java e tools/node_modules/vnu-jar)");
    }
    let pages = published_pages();
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .args(&pages)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "vnu:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn html_has_no_axe_violations_at_phone_and_desktop_widths() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let script = root().join("tools/axe.mjs");
    if !Path::new(&chromium).is_file()
        || !root().join("tools/node_modules/axe-core").is_dir()
        || !root().join("tools/node_modules/playwright-core").is_dir()
        || !available("node", "--version")
    {
        return tool_missing("axe-core (node, chromium e tools/node_modules)");
    }
    let pages = published_pages();
    let out = Command::new("node")
        .arg(&script)
        .args(&pages)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "axe:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("axe: 0 violazioni"), "{stdout}");
}
