//! One code per objective, everywhere: a plan with its own numbers on some nodes, a level
//! without numbers, actions inside their objective's scheda and an azienda speciale prints
//! the same code for each node in the tree, the summary, the schede, the weighting and
//! actions tables, the assignments, the open data and `piano diff`.

use std::path::Path;

use crate::common::*;

/// Areas (no scheda) → strategic objectives → operational objectives (`numerato: false`)
/// → actions (no scheda). Codes, computed by hand:
///
/// | node                    | printed | position          |
/// |-------------------------|---------|-------------------|
/// | Area uno                | 1       | 1                 |
/// | Strategico uno          | 1.1     | 1.1               |
/// | Operativo senza numero  | (none)  | 1.1.1             |
/// | Azione alfa             | 1.1.1   | 1.1.1.1           |
/// | Azione beta             | 1.1.2   | 1.1.1.2           |
/// | Operativo con numero    | OP9     | 1.1.2             |
/// | Azione gamma            | OP9.1   | 1.1.2.1           |
/// | Azione delta            | X1      | 1.1.2.2           |
/// | Area sette              | 7       | 2                 |
/// | Strategico sette        | 7.1     | 2.1               |
/// | Aziendale primo         | 1       | Azienda Prova 1   |
/// | Aziendale secondo       | B       | Azienda Prova 2   |
fn plan() -> serde_json::Value {
    let ind = |d: &str, t: &str| serde_json::json!([{ "descrizione": d, "target": { "2024": t } }]);
    serde_json::json!({
        "ente": { "nome": "Comune di Codici", "tipo": "Comune" },
        "documento": { "titolo": "Piano della Performance", "anno_inizio": 2024, "anno_fine": 2024 },
        "atti": [ { "organo": "Giunta", "tipo": "adozione", "numero": "1", "data": "2024-01-30" } ],
        // The weighting tables, which name the children by code, need the plan's rule.
        "ponderazione": { "quota_indicatori": 50 },
        "livelli": [
            { "nome": "Area strategica", "plurale": "Aree strategiche", "scheda": false },
            { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici" },
            { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi", "numerato": false },
            { "nome": "Azione", "plurale": "Azioni", "scheda": false }
        ],
        "albero": [
            { "titolo": "Area uno", "figli": [
                { "titolo": "Strategico uno", "indicatori": ind("Misura strategica uno", "10"), "figli": [
                    { "titolo": "Operativo senza numero", "peso": 60,
                      "indicatori": ind("Misura operativa senza numero", "1"), "figli": [
                        { "titolo": "Azione alfa", "peso": 50, "indicatori": ind("Misura alfa", "2") },
                        { "titolo": "Azione beta", "peso": 50, "indicatori": ind("Misura beta", "3") }
                    ] },
                    { "id": "op9", "numero": "OP9", "titolo": "Operativo con numero", "peso": 40,
                      "indicatori": ind("Misura operativa con numero", "4"), "figli": [
                        { "titolo": "Azione gamma", "peso": 70, "indicatori": ind("Misura gamma", "5") },
                        { "numero": "X1", "titolo": "Azione delta", "peso": 30, "indicatori": ind("Misura delta", "6") }
                    ] }
                ] }
            ] },
            { "numero": "7", "titolo": "Area sette", "figli": [
                { "titolo": "Strategico sette", "indicatori": ind("Misura sette", "7") }
            ] }
        ],
        "aziende_speciali": [ {
            "nome": "Azienda Prova",
            "livello": { "nome": "Obiettivo aziendale", "plurale": "Obiettivi aziendali" },
            "obiettivi": [
                { "titolo": "Aziendale primo", "indicatori": ind("Misura aziendale uno", "8") },
                { "id": "az-b", "numero": "B", "titolo": "Aziendale secondo", "indicatori": ind("Misura aziendale due", "9") }
            ]
        } ],
        "assegnazioni": { "anno": 2024, "dirigenti": [ {
            "nome": "Anna Rossi", "ruolo": "Dirigente",
            "obiettivi": [
                { "obiettivo": "1.1", "peso": 50 },
                { "obiettivo": "op9", "peso": 30 },
                { "obiettivo": "az-b", "peso": 20 }
            ]
        } ] }
    })
}

/// Builds `plan` with `--emit-typst` and returns the output folder.
fn build(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("piano.json");
    std::fs::write(&path, serde_json::to_string_pretty(&plan()).unwrap()).unwrap();
    build_into(&path, "-o", dir.join("out"), &["--emit-typst"])
}

const STEM: &str = "piano-della-performance-2024";

fn read(out: &Path, suffix: &str) -> String {
    std::fs::read_to_string(out.join(format!("{STEM}{suffix}"))).unwrap()
}

/// Every heading and label the documents must print, from the table above.
const ETICHETTE: &[&str] = &[
    "Obiettivo strategico 1.1: Strategico uno",
    "Obiettivo operativo: Operativo senza numero",
    "Obiettivo operativo OP9: Operativo con numero",
    "Obiettivo strategico 7.1: Strategico sette",
    "Obiettivo aziendale 1: Aziendale primo",
    "Obiettivo aziendale B: Aziendale secondo",
];

/// The actions as their table labels them.
const AZIONI: &[&str] = &[
    "Azione 1.1.1: Azione alfa",
    "Azione 1.1.2: Azione beta",
    "Azione OP9.1: Azione gamma",
    "Azione X1: Azione delta",
];

/// Codes a position-numbering would print and the tree never shows.
const SBAGLIATI: &[&str] = &[
    "1.1.1.1",
    "1.1.1.2",
    "1.1.2.1",
    "1.1.2.2",
    "1.1.1 Operativo senza numero",
    "2: Aziendale secondo",
    "Azienda Prova 2",
];

#[test]
fn the_html_page_prints_the_trees_codes_in_every_table() {
    let dir = tempfile::tempdir().unwrap();
    let html = read(&build(dir.path()), ".html");
    // The tree.
    for span in [
        "Area strategica 1: Area uno",
        "Azione 1.1.1: Azione alfa",
        "Azione OP9.1: Azione gamma",
        "Azione X1: Azione delta",
        "Area strategica 7: Area sette",
    ]
    .iter()
    .chain(ETICHETTE)
    {
        assert!(
            html.contains(&format!("<span>{span}</span>")),
            "tree: {span}"
        );
    }
    // The summary tables and the schede.
    for e in &ETICHETTE[..4] {
        assert!(html.contains(&format!("\">{e}</caption>")), "summary: {e}");
    }
    for e in ETICHETTE {
        assert!(html.contains(&format!(">{e}</h")), "scheda: {e}");
    }
    // The weighting tables: Strategico uno's, then each operational objective's.
    for row in [
        "> Operativo senza numero</th>",
        ">OP9 Operativo con numero</th>",
        ">1.1.1 Azione alfa</th>",
        ">1.1.2 Azione beta</th>",
        ">OP9.1 Azione gamma</th>",
        ">X1 Azione delta</th>",
    ] {
        assert!(html.contains(row), "weighting: {row}");
    }
    // The actions tables.
    for a in AZIONI {
        assert!(html.contains(&format!("\">{a}")), "actions: {a}");
    }
    // The assignments.
    for c in ["1.1", "OP9", "Azienda Prova B"] {
        assert!(html.contains(&format!("<td>{c}</td>")), "assignment: {c}");
    }
    for s in SBAGLIATI
        .iter()
        .chain(&[">1 Azione alfa<", ">2 Azione beta<"])
    {
        assert!(!html.contains(s), "{s}");
    }
}

#[test]
fn the_typst_source_of_the_pdf_prints_the_same_codes() {
    let dir = tempfile::tempdir().unwrap();
    let typ = read(&build(dir.path()), ".typ");
    // Markup is escaped character by character: compare what it prints.
    let printed = typ.replace('\\', "");
    for s in ETICHETTE.iter().chain(AZIONI) {
        assert!(printed.contains(s), "{s}");
    }
    for row in [
        "[ Operativo senza numero]",
        "[OP9 Operativo con numero]",
        "[1.1.1 Azione alfa]",
        "[1.1.2 Azione beta]",
        "[OP9.1 Azione gamma]",
        "[X1 Azione delta]",
        "[1.1]",
        "[OP9]",
        "[Azienda Prova B]",
    ] {
        assert!(printed.contains(row), "{row}");
    }
    // The tree diagram takes its codes as data.
    for c in ["1.1.1", "1.1.2", "OP9", "OP9.1", "X1", "7", "7.1", "B"] {
        assert!(
            typ.contains(&format!("\"codice\": \"{c}\"")),
            "diagram: {c}"
        );
    }
    for s in SBAGLIATI
        .iter()
        .chain(&["[1 Azione alfa]", "[2 Azione beta]"])
    {
        assert!(!printed.contains(s), "{s}");
    }
}

#[test]
fn the_open_data_number_each_objective_as_the_documents_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = build(dir.path());
    let obiettivi = read(&out, "-obiettivi.csv");
    let rows: Vec<(String, String, String)> = obiettivi
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string(), f[5].to_string())
        })
        .collect();
    let expected = [
        ("1", "1", ""),
        ("1.1", "1.1", "1"),
        ("1.1.1", "", "1.1"),
        ("1.1.1.1", "1.1.1", "1.1.1"),
        ("1.1.1.2", "1.1.2", "1.1.1"),
        ("1.1.2", "OP9", "1.1"),
        ("1.1.2.1", "OP9.1", "1.1.2"),
        ("1.1.2.2", "X1", "1.1.2"),
        ("2", "7", ""),
        ("2.1", "7.1", "2"),
        ("Azienda Prova 1", "1", ""),
        ("Azienda Prova 2", "B", ""),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(rows, expected);
    let indicatori = read(&out, "-indicatori.csv");
    assert!(
        indicatori.contains("\r\n1.1.2.1,1,,Misura gamma,"),
        "{indicatori}"
    );
    assert!(indicatori.contains("\r\nAzienda Prova 2,1,,Misura aziendale due,"));
    let assegnazioni = read(&out, "-assegnazioni.csv");
    for c in [
        ",1.1,Strategico uno,",
        ",1.1.2,Operativo con numero,",
        ",Azienda Prova 2,Aziendale secondo,",
    ] {
        assert!(assegnazioni.contains(c), "{c}: {assegnazioni}");
    }
}

#[test]
fn piano_diff_names_objectives_by_their_printed_codes() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("vecchio.json");
    let new = dir.path().join("nuovo.json");
    let mut json = plan();
    std::fs::write(&old, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let operativi = &mut json["albero"][0]["figli"][0]["figli"];
    operativi[0]["indicatori"][0]["target"]["2024"] = "11".into();
    operativi[1]["figli"][0]["indicatori"][0]["target"]["2024"] = "55".into();
    json["aziende_speciali"][0]["obiettivi"][1]["indicatori"][0]["target"]["2024"] = "99".into();
    std::fs::write(&new, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let run = piano(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let text = String::from_utf8(run.stdout).unwrap();
    for c in ["«Operativo senza numero»", "OP9.1", "Azienda Prova B"] {
        assert!(text.contains(c), "{c}: {text}");
    }
    for s in SBAGLIATI {
        assert!(!text.contains(s), "{s}: {text}");
    }
}
