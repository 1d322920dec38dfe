//! The Relazione sulla Performance: a results file (consuntivo) checked against its plan,
//! measured by the plan's rules, and written as PDF, HTML and open data whose figures agree.

use std::path::PathBuf;
use std::sync::LazyLock;

use crate::common::*;

fn esempio() -> PathBuf {
    root().join("data/brescia-2021-2023-consuntivo-2021.json")
}

/// The Brescia example's Relazione, built once.
fn brescia() -> &'static [piano::write::Output] {
    static OUTPUTS: LazyLock<Vec<piano::write::Output>> =
        LazyLock::new(|| build_outputs(&esempio()));
    &OUTPUTS
}

fn csv_rows(bytes: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(bytes);
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// `97.8369...` as the documents print it: `97,84%`.
fn it_pct(v: &str) -> String {
    let x: f64 = v.parse().unwrap();
    let s = format!("{x:.2}").replace('.', ",");
    format!("{s}%")
}

#[test]
fn the_example_passes_the_strict_check_and_builds_every_output() {
    let run = piano(&["check", "--rigoroso", esempio().to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let names: Vec<&str> = brescia().iter().map(|o| o.name.as_str()).collect();
    for n in [
        "relazione-sulla-performance-2021.pdf",
        "relazione-sulla-performance-2021.html",
        "relazione-sulla-performance-2021-risultati.csv",
        "relazione-sulla-performance-2021-obiettivi.csv",
        "relazione-sulla-performance-2021-dirigenti.csv",
        "datapackage.json",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
}

#[test]
fn an_objective_is_computed_by_hand_as_the_plan_says() {
    // 1.1.2, indicators at 31/12 with weights 30, 25, 15, 30:
    // 1: 1.520 against 1489 → 102,08%, capped at 100;  2: 1.102 / 1171 = 94,1076...%;
    // 3: stated 100;  4: stated 97,7.
    // 0,30 × 100 + 0,25 × 94,1076 + 0,15 × 100 + 0,30 × 97,7 = 97,8369 → 97,84%.
    let rows = csv_rows(output(
        brescia(),
        "relazione-sulla-performance-2021-obiettivi.csv",
    ));
    let row = rows.iter().find(|r| r["codice"] == "1.1.2").unwrap();
    let grado: f64 = row["grado"].parse().unwrap();
    assert!((grado - 97.836_900_085).abs() < 1e-6, "{grado}");
    // 1.1, SI on all three indicators (100), with 50% to its own indicators and 50% to
    // 1.1.1 (96%: 100 × 50% + 92 × 50%) and 1.1.2 (97,8369) by their weights 20 and 80:
    // 0,5 × 100 + 0,5 × (0,2 × 96 + 0,8 × 97,8369) = 50 + 0,5 × 97,46952 = 98,73476.
    let row = rows.iter().find(|r| r["codice"] == "1.1").unwrap();
    let grado: f64 = row["grado"].parse().unwrap();
    assert!((grado - 98.734_760_034).abs() < 1e-6, "{grado}");
}

#[test]
fn every_figure_is_the_same_in_the_pdf_the_page_the_open_data_and_the_annex() {
    let pdf = squash(&pdf_text(output(
        brescia(),
        "relazione-sulla-performance-2021.pdf",
    )));
    let html = String::from_utf8_lossy(output(brescia(), "relazione-sulla-performance-2021.html"))
        .replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&");
    let annex = &pdf[pdf.find("prospetto di calcolo Tabella").unwrap_or(0)..];
    for r in csv_rows(output(
        brescia(),
        "relazione-sulla-performance-2021-obiettivi.csv",
    )) {
        if r["grado"].is_empty() {
            continue;
        }
        let g = it_pct(&r["grado"]);
        assert!(html.contains(&g), "{} {g} in the page", r["codice"]);
        assert!(pdf.contains(&g), "{} {g} in the PDF", r["codice"]);
        assert!(annex.contains(&g), "{} {g} in the annex", r["codice"]);
    }
    let righe = csv_rows(output(
        brescia(),
        "relazione-sulla-performance-2021-risultati.csv",
    ));
    // The result at 30/6 is a row of its own, not counted.
    let intermedio = righe
        .iter()
        .find(|r| r["codice_obiettivo"] == "1.1.2" && r["scadenza"] == "30/6")
        .unwrap();
    assert_eq!(
        (
            intermedio["risultato"].as_str(),
            intermedio["grado"].as_str()
        ),
        ("790", "")
    );
    for r in righe.iter().filter(|r| r["scadenza"] != "30/6") {
        // The annex shows the rule with its values, word for word as the open data.
        assert!(html.contains(&r["calcolo"]), "{}", r["calcolo"]);
        if !r["grado"].is_empty() {
            assert!(pdf.contains(&squash(&r["calcolo"])), "{}", r["calcolo"]);
        }
    }
}

/// A small plan with every kind of target, its rules and its results.
fn piano_prova(target_1: &str, regole: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "ente": {"nome": "Comune di Prova"},
        "documento": {"titolo": "Piano della Performance", "anno_inizio": 2024, "anno_fine": 2024},
        "livelli": [{"nome": "Obiettivo", "plurale": "Obiettivi"}],
        "misurazione": regole,
        "albero": [
            {"id": "a", "titolo": "Servizi online", "peso": 60, "indicatori": [
                {"descrizione": "Servizi attivati", "target": {"2024": target_1}, "peso": 50},
                {"descrizione": "Regolamento approvato", "target": {"2024": "entro il 30/6/2024"}, "peso": 50}
            ]},
            {"id": "b", "titolo": "Tempi", "peso": 40, "indicatori": [
                {"descrizione": "Giorni medi", "target": {"2024": "<= 30 gg."}}
            ]}
        ]
    })
}

fn scrivi(
    dir: &std::path::Path,
    piano: &serde_json::Value,
    risultati: serde_json::Value,
) -> PathBuf {
    std::fs::write(
        dir.join("piano.json"),
        serde_json::to_string_pretty(piano).unwrap(),
    )
    .unwrap();
    let c = serde_json::json!({"piano": "piano.json", "anno": 2024, "risultati": risultati});
    let path = dir.join("consuntivo.json");
    std::fs::write(&path, serde_json::to_string_pretty(&c).unwrap()).unwrap();
    path
}

fn gradi(outputs: &[piano::write::Output]) -> Vec<(String, String)> {
    let name = outputs
        .iter()
        .find(|o| o.name.ends_with("-obiettivi.csv"))
        .unwrap();
    csv_rows(&name.bytes)
        .into_iter()
        .map(|r| (r["codice"].clone(), r["grado"].clone()))
        .collect()
}

#[test]
fn deadlines_bands_and_thresholds_by_the_plans_rules() {
    let dir = tempfile::tempdir().unwrap();
    let risultati = serde_json::json!([
        {"obiettivo": "a", "indicatore": 1, "valore": 8},
        {"obiettivo": "a", "indicatore": 2, "valore": "10/7/2024"},
        {"obiettivo": "b", "indicatore": 1, "valore": 40, "unita": "gg."}
    ]);
    // Defaults: 8/10 = 80%; 10 days late = 0%; a: 0,5 × 80 + 0,5 × 0 = 40.
    // b: 30/40 = 75. The body: 40 × 60% + 75 × 40% = 24 + 30 = 54.
    let path = scrivi(
        dir.path(),
        &piano_prova(">= 10", serde_json::json!({})),
        risultati.clone(),
    );
    let outputs = build_outputs(&path);
    assert_eq!(
        gradi(&outputs),
        vec![("1".into(), "40.0".into()), ("2".into(), "75.0".into())]
    );
    let pdf = squash(&pdf_text(output(
        &outputs,
        "relazione-sulla-performance-2024.pdf",
    )));
    assert!(pdf.contains("54,00%"), "{pdf}");
    // Two points per day late: 100 − 2 × 10 = 80; threshold 78: 75 counts 0.
    // a: 0,5 × 80 + 0,5 × 80 = 80; b: 0; the body: 80 × 60% = 48.
    let regole = serde_json::json!({"punti_ritardo": 2, "soglia": 78});
    let path = scrivi(dir.path(), &piano_prova(">= 10", regole), risultati.clone());
    let outputs = build_outputs(&path);
    assert_eq!(
        gradi(&outputs),
        vec![("1".into(), "80.0".into()), ("2".into(), "0.0".into())]
    );
    // Bands 0/70/90/100: 80% counts 70, 75% counts 70: a = 0,5 × 70 + 0,5 × 0 = 35.
    let regole = serde_json::json!({"fasce": [
        {"da": 0, "punteggio": 0}, {"da": 70, "punteggio": 70},
        {"da": 90, "punteggio": 90}, {"da": 100, "punteggio": 100}
    ]});
    let path = scrivi(dir.path(), &piano_prova(">= 10", regole), risultati.clone());
    let outputs = build_outputs(&path);
    assert_eq!(
        gradi(&outputs),
        vec![("1".into(), "35.0".into()), ("2".into(), "70.0".into())]
    );
    // Pro rata in bands 0/0, 70/50, 100/100: 80% gives 50 + 10/30 × 50 = 66,67; the late
    // deadline 0; a = 0,5 × 66,67 = 33,33. 75% gives 50 + 5/30 × 50 = 58,33.
    let regole = serde_json::json!({"pro_rata": true, "fasce": [
        {"da": 0, "punteggio": 0}, {"da": 70, "punteggio": 50}, {"da": 100, "punteggio": 100}
    ]});
    let path = scrivi(dir.path(), &piano_prova(">= 10", regole), risultati);
    let outputs = build_outputs(&path);
    let g: Vec<f64> = gradi(&outputs)
        .iter()
        .map(|(_, v)| v.parse().unwrap())
        .collect();
    assert!(
        (g[0] - 100.0 / 3.0).abs() < 1e-9 && (g[1] - 175.0 / 3.0).abs() < 1e-9,
        "{g:?}"
    );
}

#[test]
fn a_target_changed_in_the_plan_changes_in_the_relazione() {
    let dir = tempfile::tempdir().unwrap();
    let risultati = serde_json::json!([
        {"obiettivo": "a", "indicatore": 1, "valore": 8},
        {"obiettivo": "a", "indicatore": 2, "valore": "2024-06-30"},
        {"obiettivo": "b", "indicatore": 1, "valore": 30}
    ]);
    let path = scrivi(
        dir.path(),
        &piano_prova(">= 10", serde_json::json!({})),
        risultati.clone(),
    );
    let before = build_outputs(&path);
    // 8 against >= 10: 80%; against >= 16: 50%. a = 0,5 × 80 + 50 = 90, then 0,5 × 50 + 50 = 75.
    assert_eq!(gradi(&before)[0], ("1".into(), "90.0".into()));
    let path = scrivi(
        dir.path(),
        &piano_prova(">= 16", serde_json::json!({})),
        risultati,
    );
    let after = build_outputs(&path);
    assert_eq!(gradi(&after)[0], ("1".into(), "75.0".into()));
    let html = String::from_utf8_lossy(output(&after, "relazione-sulla-performance-2024.html"));
    assert!(html.contains("&gt;= 16") && !html.contains("&gt;= 10"));
}

#[test]
fn a_bad_result_is_located_in_the_results_file_in_italian() {
    let dir = tempfile::tempdir().unwrap();
    let path = scrivi(
        dir.path(),
        &piano_prova(">= 10", serde_json::json!({})),
        serde_json::json!([
            {"obiettivo": "a", "indicatore": 1, "valore": "2024-05-30"},
            {"obiettivo": "z", "indicatore": 1, "valore": 3}
        ]),
    );
    let run = piano(&["check", path.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "errore[P105]: il target «>= 10» chiede un numero",
        "consuntivo.json:8:",
        "percorso: `risultati[0].valore`",
        "errore[P101]: nel piano non c'è l'obiettivo `z`",
        "percorso: `risultati[1].obiettivo`",
        "avviso[P104]: manca il risultato dell'indicatore 2 di 1 alla scadenza 2024",
        "piano.json:",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    // Nothing is built from a file with errors.
    let out = dir.path().join("out");
    let run = piano(&["build", path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn the_committed_results_schema_is_the_one_piano_prints() {
    let run = piano(&["schema", "--consuntivo"]);
    assert!(run.status.success());
    let committed = std::fs::read_to_string(root().join("schema/consuntivo.schema.json")).unwrap();
    assert_eq!(String::from_utf8_lossy(&run.stdout), committed);
}

#[test]
fn options_of_a_plan_are_refused_for_a_results_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = scrivi(
        dir.path(),
        &piano_prova(">= 10", serde_json::json!({})),
        serde_json::json!([
            {"obiettivo": "a", "indicatore": 1, "valore": 8},
            {"obiettivo": "a", "indicatore": 2, "valore": "2024-06-30"},
            {"obiettivo": "b", "indicatore": 1, "valore": 30}
        ]),
    );
    let out = dir.path().join("out");
    let run = piano(&[
        "build",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--documento",
        "pola",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("errore[P108]: `--documento` non si applica a un consuntivo"),
        "{err}"
    );
    assert!(!out.exists());
}
