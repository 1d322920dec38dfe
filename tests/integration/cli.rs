//! The command line: exit codes, stdout, Italian diagnostics located in the file.

use crate::common::*;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn build_prints_each_written_path_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = piano(&[
        "build",
        minimo().to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "--emit-typst",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].ends_with("piano-della-performance-2024-2026.pdf"),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("piano-della-performance-2024-2026.typ")),
        "{stdout}"
    );
    for l in &lines {
        assert!(std::path::Path::new(l).is_file(), "{l} was not written");
    }
}

#[test]
fn malformed_json_exits_1_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rotto.json");
    std::fs::write(
        &path,
        "{\n  \"ente\": { \"nome\": \"Comune\" }\n  \"documento\": {}\n}\n",
    )
    .unwrap();
    let out = piano(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out).replace(dir.path().to_str().unwrap(), "[DIR]");
    insta::assert_snapshot!(err);
}

#[test]
fn a_wrong_type_names_the_json_path_and_line() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["indicatori"][0]["peso"] = "cento".into();
    let (dir, path) = plan_file(&json);
    let out = piano(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out).replace(dir.path().to_str().unwrap(), "[DIR]");
    insta::assert_snapshot!(err);
}

#[test]
fn an_unknown_field_suggests_the_right_one() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["pesso"] = 100.into();
    let (_dir, path) = plan_file(&json);
    let out = piano(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("questo campo non è previsto: `pesso`"),
        "{err}"
    );
    assert!(
        err.contains("suggerimento: forse intendevi `peso`?"),
        "{err}"
    );
    assert!(
        err.contains("percorso: `albero[0].figli[0].pesso`"),
        "{err}"
    );
}

#[test]
fn weights_that_do_not_sum_to_100_are_an_error_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let ok = piano(&[
        "build",
        minimo().to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let pdf_path = out_dir.join("piano-della-performance-2024-2026.pdf");
    let before = std::fs::read(&pdf_path).unwrap();
    let mtime = std::fs::metadata(&pdf_path).unwrap().modified().unwrap();

    let mut json = read_json(&minimo());
    json["assegnazioni"]["dirigenti"][0]["obiettivi"][1]["peso"] = 30.into();
    json["albero"][0]["figli"][0]["titolo"] = "Un titolo diverso".into();
    let (_d, path) = plan_file(&json);
    let bad = piano(&[
        "build",
        path.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let err = stderr(&bad);
    assert!(err.contains("errore[P033]"), "{err}");
    assert!(err.contains("sommano a 90,00% invece di 100,00%"), "{err}");
    assert!(err.contains("nessun documento scritto"), "{err}");
    assert!(bad.stdout.is_empty());
    assert_eq!(std::fs::read(&pdf_path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&pdf_path).unwrap().modified().unwrap(),
        mtime
    );
    let written = String::from_utf8(ok.stdout).unwrap().lines().count();
    let leftovers: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        written,
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn a_typst_error_names_the_generated_line_and_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("modelli");
    std::fs::create_dir(&templates).unwrap();
    let scheda = std::fs::read_to_string(root().join("templates/scheda.typ.j2")).unwrap();
    std::fs::write(
        templates.join("scheda.typ.j2"),
        scheda.replace("#sottotitolo[Indicatori]", "#funzione-inesistente()"),
    )
    .unwrap();
    let out = piano(&[
        "build",
        minimo().to_str().unwrap(),
        "-o",
        dir.path().join("out").to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("errore[T002]"), "{err}");
    assert!(
        err.contains("--> piano-della-performance-2024-2026.typ:"),
        "{err}"
    );
    assert!(err.contains("#funzione-inesistente()"), "{err}");
    assert!(err.contains("modello `scheda.typ.j2`"), "{err}");
    assert!(
        err.contains(
            "errore[T002]: errore di composizione: variabile o funzione sconosciuta `funzione-inesistente`"
        ),
        "{err}"
    );
    assert!(
        err.contains("nota: messaggio di Typst: unknown variable: funzione-inesistente"),
        "{err}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_template_syntax_error_is_located_in_the_template() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("scheda.typ.j2"),
        "// modello: scheda.typ.j2\n{% if s.titolo %}\nniente fine\n",
    )
    .unwrap();
    let out = piano(&[
        "build",
        minimo().to_str().unwrap(),
        "-o",
        dir.path().join("out").to_str().unwrap(),
        "--templates",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("errore[T001]: errore nel modello `scheda.typ.j2`"),
        "{err}"
    );
    assert!(err.contains("scheda.typ.j2:"), "{err}");
}

#[test]
fn a_missing_file_is_a_tool_failure_with_exit_2() {
    let out = piano(&["check", "/nessuna/cartella/piano.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "errore: impossibile leggere il piano `/nessuna/cartella/piano.json`: il file o la cartella non esiste\n"
    );
}

/// Runs `piano` with `args` and gives exit code, stdout and stderr as one text to snapshot.
fn usage(args: &[&str]) -> String {
    let out = piano(args);
    format!(
        "$ piano {}\nuscita: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status.code().unwrap(),
        String::from_utf8(out.stdout.clone()).unwrap(),
        stderr(&out)
    )
}

#[test]
fn usage_errors_are_italian_with_exit_2() {
    for (name, args) in [
        ("comando_sconosciuto", &["buidl"][..]),
        ("opzione_sconosciuta", &["check", "--rigorso", "piano.json"]),
        ("argomento_mancante", &["check"]),
        ("argomento_in_piu", &["check", "a.json", "b.json"]),
        (
            "valore_non_ammesso",
            &["build", "a.json", "--documento", "polla"],
        ),
        ("valore_fuori_intervallo", &["build", "a.json", "-j", "0"]),
        (
            "numero_non_valido",
            &["nuovo", "a.json", "--anno", "duemila"],
        ),
        ("senza_comando", &[]),
    ] {
        let text = usage(args);
        assert!(text.contains("uscita: 2"), "{text}");
        for english in [
            "error:",
            "Usage",
            "[OPTIONS]",
            "tip:",
            "For more information",
        ] {
            assert!(!text.contains(english), "`{english}` in:\n{text}");
        }
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn help_is_italian_on_stdout() {
    for args in [&["--help"][..], &["check", "--help"]] {
        let text = usage(args);
        assert!(text.contains("uscita: 0"), "{text}");
        assert!(text.contains("Uso: piano"), "{text}");
        assert!(text.contains("Opzioni:"), "{text}");
        assert!(text.contains("Mostra questo aiuto"), "{text}");
        for english in ["Usage", "[OPTIONS]", "Options:", "Print help", "<COMMAND>"] {
            assert!(!text.contains(english), "`{english}` in:\n{text}");
        }
    }
}

#[test]
fn check_accepts_the_example_and_reports_its_known_gaps() {
    let out = piano(&["check", brescia().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("avviso[P031]: i pesi degli indicatori di Azienda Speciale Pro Brixia 1: nessun peso indicato"), "{err}");
    assert!(err.contains("0 errori, 2 avvisi"), "{err}");
    let strict = piano(&["check", "--rigoroso", brescia().to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn diagnostics_as_json() {
    let mut json = read_json(&minimo());
    json["atti"][1]["data"] = "2024-02-30".into();
    let (_dir, path) = plan_file(&json);
    let out = piano(&[
        "check",
        "--formato-diagnostica",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr(&out);
    let mut lines = stderr.lines();
    let d: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(lines.next(), None, "{stderr}");
    assert_eq!(d["code"], "P007");
    assert_eq!(d["severity"], "errore");
    assert_eq!(d["path"], "atti[1].data");
    assert!(d["position"]["line"].as_u64().unwrap() > 1);
}
