//! `piano watch`: an edit to the plan rebuilds the PDF; a plan with errors is reported and
//! watching goes on. Every wait is bounded, generously, for a loaded machine.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// How long any one step may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(180);

/// A running `piano watch`, killed when dropped (also when the test fails).
struct Watching {
    child: Child,
    stderr: PathBuf,
}

impl Watching {
    fn start(plan: &Path, out: &Path, logs: &Path) -> Watching {
        let stderr = logs.join("stderr.txt");
        let child = Command::new(env!("CARGO_BIN_EXE_piano"))
            .args(["watch", plan.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(logs.join("stdout.txt")).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        Watching { child, stderr }
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Waits until stderr holds `n` lines starting with `prefix`.
    fn wait_for_lines(&mut self, prefix: &str, n: usize) {
        let start = Instant::now();
        loop {
            let text = self.stderr();
            if text.lines().filter(|l| l.starts_with(prefix)).count() >= n {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("piano watch exited ({status}):\n{text}");
            }
            assert!(
                start.elapsed() < PATIENCE,
                "no {n}× `{prefix}` after {PATIENCE:?}:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn an_edit_rebuilds_the_pdf_and_an_error_does_not_stop_watching() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("piano.json");
    let out = dir.path().join("out");
    let mut json = read_json(&minimo());
    std::fs::write(&plan, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let pdf = out.join("piano-della-performance-2024-2026.pdf");

    let mut watch = Watching::start(&plan, &out, dir.path());
    watch.wait_for_lines("generato in ", 1);
    let first = std::fs::read(&pdf).unwrap();
    assert!(squash(&pdf_text(&first)).contains(">=15"));

    // A broken plan: the errors are printed, the PDF is left as it was.
    std::fs::write(&plan, "{ \"ente\": ").unwrap();
    watch.wait_for_lines("non generato (", 1);
    assert!(
        watch.stderr().contains("errore[P001]"),
        "{}",
        watch.stderr()
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), first);

    // One target changed: the PDF is rewritten with it.
    json["albero"][0]["figli"][0]["indicatori"][0]["target"]["2024"] = ">= 17".into();
    std::fs::write(&plan, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    watch.wait_for_lines("generato in ", 2);
    let second = std::fs::read(&pdf).unwrap();
    let text = squash(&pdf_text(&second));
    assert!(text.contains(">=17") && !text.contains(">=15"), "{text}");
}

#[test]
fn the_plan_folder_deleted_and_created_again_is_watched_again() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("piano");
    std::fs::create_dir(&folder).unwrap();
    let plan = folder.join("piano.json");
    let out = dir.path().join("out");
    let mut json = read_json(&minimo());
    std::fs::write(&plan, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let pdf = out.join("piano-della-performance-2024-2026.pdf");

    let mut watch = Watching::start(&plan, &out, dir.path());
    watch.wait_for_lines("generato in ", 1);

    // The folder goes (a checkout of another branch, a restore from a backup): the plan
    // cannot be read, and the build says so.
    std::fs::remove_dir_all(&folder).unwrap();
    watch.wait_for_lines("non generato (", 1);

    // It comes back with a changed plan: the PDF is rebuilt from it.
    std::fs::create_dir(&folder).unwrap();
    json["albero"][0]["figli"][0]["indicatori"][0]["target"]["2024"] = ">= 19".into();
    std::fs::write(&plan, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    watch.wait_for_lines("generato in ", 2);
    let text = squash(&pdf_text(&std::fs::read(&pdf).unwrap()));
    assert!(text.contains(">=19"), "{text}");
}

/// Watching a results file also watches the plan it names: a target changed in the plan
/// is rewritten in the Relazione.
#[test]
fn watching_a_results_file_rebuilds_the_relazione_when_its_plan_changes() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("piano.json");
    let consuntivo = dir.path().join("consuntivo.json");
    let out = dir.path().join("out");
    let mut json = read_json(&minimo());
    std::fs::write(&plan, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let risultati = serde_json::json!({
        "piano": "piano.json", "anno": 2024,
        "risultati": [{"obiettivo": "mobilita", "indicatore": 1, "valore": 16}]
    });
    std::fs::write(&consuntivo, risultati.to_string()).unwrap();
    let pdf = out.join("relazione-sulla-performance-2024.pdf");

    let mut watch = Watching::start(&consuntivo, &out, dir.path());
    watch.wait_for_lines("generato in ", 1);
    assert!(squash(&pdf_text(&std::fs::read(&pdf).unwrap())).contains(">=15"));

    json["albero"][0]["figli"][0]["indicatori"][0]["target"]["2024"] = ">= 17".into();
    std::fs::write(&plan, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    watch.wait_for_lines("generato in ", 2);
    let text = squash(&pdf_text(&std::fs::read(&pdf).unwrap()));
    assert!(text.contains(">=17") && !text.contains(">=15"), "{text}");
}
