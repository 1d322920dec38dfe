//! `piano build` on several plans or a folder: one subfolder per plan, a failing plan does
//! not stop the others, and the exit code says that one failed.

use std::path::Path;

use crate::common::*;

/// The PDFs written below `dir`, as paths relative to it.
fn pdfs_below(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_failing_plan_among_good_ones_is_reported_and_the_others_are_built() {
    let dir = tempfile::tempdir().unwrap();
    let enti = dir.path().join("enti");
    std::fs::create_dir_all(enti.join("lombardia")).unwrap();
    std::fs::copy(minimo(), enti.join("comune-a.json")).unwrap();
    std::fs::copy(minimo(), enti.join("lombardia/comune-b.json")).unwrap();
    let mut broken = read_json(&minimo());
    broken["albero"][0]["figli"][0]["peso"] = serde_json::json!(60);
    std::fs::write(
        enti.join("rotto.json"),
        serde_json::to_string_pretty(&broken).unwrap(),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = piano(&[
        "build",
        enti.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-j",
        "2",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert_eq!(
        pdfs_below(&out),
        [
            "comune-a/piano-della-performance-2024-2026.pdf",
            "lombardia/comune-b/piano-della-performance-2024-2026.pdf",
        ]
    );
    // The failing plan's errors, named after its file, and a summary that names it.
    assert!(stderr.contains("rotto.json"), "{stderr}");
    assert!(stderr.contains("errore[P030]"), "{stderr}");
    let summary = stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("generati 2 piani su 3 in ")
            && summary.contains("(2 in parallelo)")
            && summary.ends_with(&format!(
                "non generati: `{}`",
                enti.join("rotto.json").display()
            )),
        "{summary}"
    );
    // stdout lists only files written, all of them inside the good plans' folders.
    assert!(!stdout.is_empty());
    for line in stdout.lines() {
        let p = Path::new(line);
        assert!(p.is_file(), "{line}");
        assert!(
            p.starts_with(out.join("comune-a")) || p.starts_with(out.join("lombardia/comune-b")),
            "{line}"
        );
    }
}

#[test]
fn several_files_build_into_one_folder_each_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("alfa.json");
    let b = dir.path().join("beta.json");
    std::fs::copy(minimo(), &a).unwrap();
    std::fs::copy(minimo(), &b).unwrap();
    let out = dir.path().join("out");
    let run = piano(&[
        "build",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-j",
        "1",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert_eq!(
        pdfs_below(&out),
        [
            "alfa/piano-della-performance-2024-2026.pdf",
            "beta/piano-della-performance-2024-2026.pdf",
        ]
    );
    assert!(
        stderr.trim_end().ends_with("(1 in parallelo)") && stderr.contains("generati 2 piani su 2"),
        "{stderr}"
    );
}

#[test]
fn two_plans_that_would_share_a_folder_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::copy(minimo(), dir.path().join(sub).join("piano.json")).unwrap();
    }
    let out = dir.path().join("out");
    let run = piano(&[
        "build",
        dir.path().join("a/piano.json").to_str().unwrap(),
        dir.path().join("b/piano.json").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("stessa cartella"));
    assert!(!out.exists());
}

/// A folder holding a plan and its results file builds both: the plan's documents and the
/// Relazione, each in its subfolder.
#[test]
fn a_results_file_in_a_folder_builds_its_relazione() {
    let dir = tempfile::tempdir().unwrap();
    let enti = dir.path().join("enti");
    std::fs::create_dir_all(&enti).unwrap();
    std::fs::copy(minimo(), enti.join("piano.json")).unwrap();
    let risultati = serde_json::json!({
        "piano": "piano.json", "anno": 2024,
        "risultati": [{"obiettivo": "mobilita", "indicatore": 1, "valore": 16}]
    });
    std::fs::write(enti.join("risultati.json"), risultati.to_string()).unwrap();
    let out = dir.path().join("out");
    let run = piano(&["build", enti.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        pdfs_below(&out),
        [
            "piano/piano-della-performance-2024-2026.pdf",
            "risultati/relazione-sulla-performance-2024.pdf",
        ]
    );
}
