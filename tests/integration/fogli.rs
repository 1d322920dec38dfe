//! Spreadsheets in and out (issue 17): `piano esporta` and `piano importa`. A clerk's edits
//! are simulated by workbooks written here with rust_xlsxwriter from the exported CSVs (the
//! same headings and rows), with the edited cells changed.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};
use serde_json::json;

use crate::common::{pdf_text, piano, root};

/// A small plan: two strategic objectives (deadlines 2024, 2025), one operational objective
/// under the first (deadlines 30/6, 31/12), two managers.
///
/// Codes: `1` Mobilità dolce, `1.1` Progettazione, `2` Scuole. The Indicatori sheet has
/// the deadlines in the order of the tree, so its columns are
/// A Codice obiettivo, B N., C Id, D Descrizione, E Unità, F Formula, G Tipo, H Fonte,
/// I Baseline, J Target 2024, K Target 2025, L Target 30/6, M Target 31/12, N Peso
/// (every weight is a single number, so one Peso column); its rows are
/// 2 `1` n. 1, 3 `1.1` n. 1, 4 `1.1` n. 2, 5 `2` n. 1.
fn plan() -> serde_json::Value {
    json!({
      "ente": { "nome": "Comune di Prova" },
      "documento": { "titolo": "Piano della Performance", "anno_inizio": 2024, "anno_fine": 2025 },
      "livelli": [
        { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici" },
        { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi", "scadenze": ["30/6", "31/12"] }
      ],
      "albero": [
        {
          "id": "mobilita", "titolo": "Mobilità dolce", "peso": 60,
          "indicatori": [
            { "descrizione": "Chilometri di piste", "unita": "km", "tipo": "efficacia", "baseline": 12,
              "target": { "2024": ">= 15", "2025": 20 }, "peso": 100 }
          ],
          "figli": [
            {
              "titolo": "Progettazione", "peso": 100,
              "indicatori": [
                { "id": "progetto", "descrizione": "Progetto approvato", "target": { "30/6": "SI", "31/12": "SI" }, "peso": 40 },
                { "descrizione": "Spesa impegnata", "target": { "30/6": "50%", "31/12": "90%" }, "peso": 60 }
              ]
            }
          ]
        },
        {
          "titolo": "Scuole", "peso": 40,
          "indicatori": [ { "descrizione": "Aule rinnovate", "target": { "2024": 10, "2025": 12 } } ]
        }
      ],
      "assegnazioni": {
        "anno": 2024,
        "dirigenti": [
          { "nome": "Anna Rossi", "ruolo": "Dirigente Area Tecnica", "obiettivi": [ { "obiettivo": "mobilita", "peso": 100 } ] },
          { "nome": "Bruno Verdi", "ruolo": "Dirigente Area Servizi", "obiettivi": [ { "obiettivo": "2", "peso": 100 } ] }
        ]
      }
    })
}

/// The results of 2024: one so far. The Risultati sheet's columns are A Codice obiettivo,
/// B N., C Scadenza, D Indicatore, E Target, F Risultato, G Fonte, H Note; its rows are
/// 2 `1` n. 1 2024 (the one result), 3 `1.1` n. 1 30/6, 4 `1.1` n. 1 31/12, 5 `1.1` n. 2
/// 30/6, 6 `1.1` n. 2 31/12, 7 `2` n. 1 2024.
fn consuntivo() -> serde_json::Value {
    json!({
      "piano": "piano.json",
      "anno": 2024,
      "risultati": [
        { "obiettivo": "1", "indicatore": 1, "valore": 16, "fonte": "Ufficio Mobilità" }
      ]
    })
}

/// A folder with the plan and its results, written as people write JSON (2-space pretty).
fn cartella() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("piano.json");
    let c = dir.path().join("risultati.json");
    std::fs::write(&p, serde_json::to_string_pretty(&plan()).unwrap() + "\n").unwrap();
    std::fs::write(
        &c,
        serde_json::to_string_pretty(&consuntivo()).unwrap() + "\n",
    )
    .unwrap();
    (dir, p, c)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Exports the plan (and results) and returns the workbook's path and the CSVs' folder.
fn esporta(dir: &Path, plan: &Path, consuntivo: Option<&Path>) -> (PathBuf, PathBuf) {
    let xlsx = dir.join("foglio.xlsx");
    let csv = dir.join("csv");
    let mut args = vec!["esporta", s(plan), "-o", s(&xlsx), "--csv", s(&csv)];
    if let Some(c) = consuntivo {
        args.extend(["--consuntivo", s(c)]);
    }
    let out = piano(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (xlsx, csv)
}

/// A cell a clerk types.
#[derive(Clone)]
enum Cella {
    Numero(f64),
    Testo(&'static str),
    /// A number in a cell formatted as a percentage: 0.4 shown as 40%.
    Percento(f64),
}

/// A workbook with the sheets of the exported CSVs (a field that reads as a number is
/// written as a number, as a spreadsheet shows it), with `edits` (sheet, cell such as
/// `D2`, value; an empty text leaves the cell empty) in place of the exported cells.
fn compilato(csv: &Path, out: &Path, edits: &[(&str, &str, Cella)]) {
    let mut wb = Workbook::new();
    for nome in ["Obiettivi", "Indicatori", "Assegnazioni", "Risultati"] {
        let file = csv.join(format!("{}.csv", nome.to_lowercase()));
        if !file.exists() {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(nome).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(&file)
            .unwrap();
        for (r, record) in reader.records().enumerate() {
            for (c, field) in record.unwrap().iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if edits
                    .iter()
                    .any(|e| e.0 == nome && indirizzo(e.1) == (r, c))
                {
                    continue;
                }
                match field.parse::<f64>() {
                    Ok(n) if r > 0 => ws.write_number(r, c, n).unwrap(),
                    _ if field.is_empty() => ws,
                    _ => ws.write_string(r, c, field).unwrap(),
                };
            }
        }
        digita(ws, nome, edits);
    }
    wb.save(out).unwrap();
}

/// Types the `edits` of sheet `nome`.
fn digita(ws: &mut rust_xlsxwriter::Worksheet, nome: &str, edits: &[(&str, &str, Cella)]) {
    let percento = Format::new().set_num_format("0%");
    for (_, cella, valore) in edits.iter().filter(|e| e.0 == nome) {
        let (r, c) = indirizzo(cella);
        match valore {
            Cella::Numero(n) => ws.write_number(r, c, *n).unwrap(),
            Cella::Testo("") => ws,
            Cella::Testo(t) => ws.write_string(r, c, *t).unwrap(),
            Cella::Percento(n) => ws.write_number_with_format(r, c, *n, &percento).unwrap(),
        };
    }
}

/// `D2` as 0-based (row, column).
fn indirizzo(cella: &str) -> (u32, u16) {
    let lettere: String = cella
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let riga: u32 = cella[lettere.len()..].parse().unwrap();
    let colonna = lettere
        .bytes()
        .fold(0u16, |acc, b| acc * 26 + u16::from(b - b'A' + 1));
    (riga - 1, colonna - 1)
}

fn importa(
    foglio: &Path,
    plan: &Path,
    consuntivo: Option<&Path>,
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec!["importa", s(foglio), s(plan)];
    if let Some(c) = consuntivo {
        args.extend(["--consuntivo", s(c)]);
    }
    args.extend(extra);
    piano(&args)
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn a_workbook_exported_and_imported_unchanged_leaves_the_files_identical() {
    let (dir, p, c) = cartella();
    let before = (std::fs::read(&p).unwrap(), std::fs::read(&c).unwrap());
    let (xlsx, csv) = esporta(dir.path(), &p, Some(&c));
    // The workbook itself, and one rebuilt from its CSVs with every number as a number.
    let rifatto = dir.path().join("rifatto.xlsx");
    compilato(&csv, &rifatto, &[]);
    for foglio in [&xlsx, &rifatto] {
        let out = importa(foglio, &p, Some(&c), &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "", "no change to show");
        assert!(
            text(&out.stderr).contains("nessuna modifica"),
            "{}",
            text(&out.stderr)
        );
        assert_eq!(std::fs::read(&p).unwrap(), before.0);
        assert_eq!(std::fs::read(&c).unwrap(), before.1);
    }
}

/// The examples, each in a folder of its own (the results file names its plan by a path
/// relative to itself).
#[test]
fn the_examples_round_trip_byte_for_byte() {
    let data = root().join("data");
    for (plan, results) in [
        (
            "brescia-2021-2023.json",
            Some("brescia-2021-2023-consuntivo-2021.json"),
        ),
        ("castelnuovo-2025-2027.json", None),
        ("venezia-rovigo-2019.json", None),
        ("brescia-piao-2021-2023.json", None),
        ("castelnuovo-piao-2025-2027.json", None),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(plan);
        std::fs::copy(data.join(plan), &p).unwrap();
        let c = results.map(|r| {
            let c = dir.path().join(r);
            std::fs::copy(data.join(r), &c).unwrap();
            c
        });
        let (xlsx, _) = esporta(dir.path(), &p, c.as_deref());
        let out = importa(&xlsx, &p, c.as_deref(), &[]);
        assert!(out.status.success(), "{plan}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "", "{plan}");
        assert_eq!(
            std::fs::read(&p).unwrap(),
            std::fs::read(data.join(plan)).unwrap()
        );
        if let (Some(c), Some(r)) = (&c, results) {
            assert_eq!(
                std::fs::read(c).unwrap(),
                std::fs::read(data.join(r)).unwrap()
            );
        }
    }
}

#[test]
fn the_csv_sheets_hold_the_plan_s_rows() {
    let (dir, p, c) = cartella();
    let (_, csv) = esporta(dir.path(), &p, Some(&c));
    let indicatori = std::fs::read_to_string(csv.join("indicatori.csv")).unwrap();
    let righe: Vec<&str> = indicatori.lines().collect();
    assert_eq!(
        righe[0],
        "Codice obiettivo,N.,Id,Descrizione,Unità,Formula,Tipo,Fonte,Baseline,Target 2024,Target 2025,Target 30/6,Target 31/12,Peso"
    );
    // The first indicator of `1`: its targets under its own deadlines, none under 30/6, 31/12.
    assert_eq!(
        righe[1],
        "1,1,,Chilometri di piste,km,,efficacia,,12,>= 15,20,,,100"
    );
    assert_eq!(righe[3], "1.1,2,,Spesa impegnata,,,,,,,,50%,90%,60");
    let risultati = std::fs::read_to_string(csv.join("risultati.csv")).unwrap();
    let righe: Vec<&str> = risultati.lines().collect();
    // 1 + 2×2 + 1 = 6 rows under the heading: every deadline of 2024, the result beside one.
    assert_eq!(righe.len(), 7);
    assert_eq!(
        righe[1],
        "1,1,2024,Chilometri di piste,>= 15,16,Ufficio Mobilità,"
    );
    assert_eq!(righe[3], "1.1,1,31/12,Progetto approvato,SI,,,");
}

#[test]
fn an_edited_target_and_result_are_written_and_nothing_else() {
    let (dir, p, c) = cartella();
    let (_, csv) = esporta(dir.path(), &p, Some(&c));
    let foglio = dir.path().join("compilato.xlsx");
    compilato(
        &csv,
        &foglio,
        &[
            // `1` n. 1, Target 2024: ">= 15" becomes ">= 18".
            ("Indicatori", "J2", Cella::Testo(">= 18")),
            // `2` n. 1 at 2024: a new result, 11 aule.
            ("Risultati", "F7", Cella::Numero(11.0)),
            ("Risultati", "G7", Cella::Testo("Ufficio Scuole")),
        ],
    );
    let nuovo = dir.path().join("nuovo.json");
    let out = importa(&foglio, &p, Some(&c), &["-o", s(&nuovo)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "Indicatori!J2 · 1 n. 1 · Target 2024: «>= 15» → «>= 18»\n\
         Risultati!F7 · 2 n. 1 2024 · Risultato: (vuoto) → «11»\n\
         Risultati!G7 · 2 n. 1 2024 · Fonte: (vuoto) → «Ufficio Scuole»\n"
    );
    // The plan: only that string changed.
    let prima = std::fs::read_to_string(&p).unwrap();
    let dopo = std::fs::read_to_string(&nuovo).unwrap();
    assert_eq!(dopo, prima.replacen("\">= 15\"", "\">= 18\"", 1));
    // The results: one result appended, its keys in the order people write them, the
    // first result untouched.
    let r = std::fs::read_to_string(&c).unwrap();
    assert!(
        r.ends_with(
            "      \"valore\": 16\n    },\n    {\n      \"obiettivo\": \"2\",\n      \"indicatore\": 1,\n      \"scadenza\": \"2024\",\n      \"valore\": 11,\n      \"fonte\": \"Ufficio Scuole\"\n    }\n  ]\n}\n"
        ),
        "{r}"
    );
    // `piano diff` shows exactly the target.
    let diff = piano(&["diff", s(&p), s(&nuovo)]);
    let d = text(&diff.stdout);
    assert_eq!(diff.status.code(), Some(1), "{d}");
    assert!(d.contains(">= 15") && d.contains(">= 18"), "{d}");
    assert_eq!(d.matches("→").count() + d.matches("->").count(), 1, "{d}");
}

/// The diagnostics of a run with `--formato-diagnostica json`, as (code, `Foglio!Cella`).
fn diagnostiche(out: &std::process::Output) -> Vec<(String, String)> {
    text(&out.stderr)
        .lines()
        .map(|l| {
            let d: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|_| panic!("{l}"));
            let cella = &d["cell"];
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                format!(
                    "{}!{}",
                    cella["sheet"].as_str().unwrap_or_default(),
                    cella["cell"].as_str().unwrap_or_default()
                ),
            )
        })
        .collect()
}

#[test]
fn each_error_is_located_at_its_cell_and_nothing_is_written() {
    let (dir, p, c) = cartella();
    let before = (std::fs::read(&p).unwrap(), std::fs::read(&c).unwrap());
    let (_, csv) = esporta(dir.path(), &p, Some(&c));
    let foglio = dir.path().join("errori.xlsx");
    compilato(
        &csv,
        &foglio,
        &[
            // A number in the text column Descrizione.
            ("Indicatori", "D2", Cella::Numero(42.0)),
            // A weight over 100.
            ("Indicatori", "N2", Cella::Numero(150.0)),
            // A code the plan does not have: row 5 was `2` n. 1.
            ("Indicatori", "A5", Cella::Testo("9")),
            // A row added below the last, without a code.
            ("Indicatori", "D6", Cella::Testo("Nuovo indicatore")),
            // The deadline column Target 2025 renamed.
            ("Indicatori", "K1", Cella::Testo("Target 2026")),
            // A type outside the list (row 4, `1.1` n. 2).
            ("Indicatori", "G4", Cella::Testo("bellezza")),
            // A description emptied (row 3, `1.1` n. 1).
            ("Indicatori", "D3", Cella::Testo("")),
            // A reference cell changed: a warning, ignored.
            ("Indicatori", "C2", Cella::Testo("km-piste")),
            // A valid change in the same workbook: still nothing is written.
            ("Obiettivi", "E2", Cella::Numero(55.0)),
        ],
    );
    let out = importa(&foglio, &p, Some(&c), &["--formato-diagnostica", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let mut trovate = diagnostiche(&out);
    trovate.sort();
    let attese: Vec<(String, String)> = [
        ("P160", "Indicatori!D2"),
        ("P160", "Indicatori!D3"),
        ("P161", "Indicatori!N2"),
        ("P162", "Indicatori!A5"),
        ("P163", "Indicatori!A6"),
        ("P164", "Indicatori!K1"),
        ("P165", "Indicatori!G4"),
        ("P166", "Indicatori!C2"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect::<std::collections::BTreeSet<_>>()
    .into_iter()
    .collect();
    assert_eq!(trovate, attese);
    assert_eq!(text(&out.stdout), "");
    assert_eq!(std::fs::read(&p).unwrap(), before.0);
    assert_eq!(std::fs::read(&c).unwrap(), before.1);
    // In words, for a person: the cell and a suggestion.
    let out = importa(&foglio, &p, Some(&c), &[]);
    let e = text(&out.stderr);
    assert!(
        e.contains("la colonna `Target 2025` è stata rinominata in `Target 2026`"),
        "{e}"
    );
    assert!(
        e.contains("peso 150 nella colonna `Peso`: un peso va da 0 a 100"),
        "{e}"
    );
    assert!(
        e.contains("foglio «Indicatori», cella N2 (colonna «Peso»)"),
        "{e}"
    );
    assert!(
        e.contains("suggerimento: ripristina l'intestazione `Target 2025`"),
        "{e}"
    );
    assert!(e.contains("nessun file scritto"), "{e}");
}

#[test]
fn percentages_and_italian_decimals_are_read_as_typed() {
    let (dir, p, c) = cartella();
    let (_, csv) = esporta(dir.path(), &p, Some(&c));
    let foglio = dir.path().join("percentuali.xlsx");
    compilato(
        &csv,
        &foglio,
        &[
            // Anna Rossi's weight on `mobilita`, typed 40% in a percentage cell: 40.
            ("Assegnazioni", "D2", Cella::Percento(0.4)),
            // The weight of `2` typed as text in Italian: 37,5.
            ("Obiettivi", "E4", Cella::Testo("37,5")),
            // `1.1` n. 2 at 30/6 ("50%" in the plan) typed 55%: "55%", as the plan writes it.
            ("Indicatori", "L4", Cella::Percento(0.55)),
            // The same target typed again as 90% at 31/12: no change.
            ("Indicatori", "M4", Cella::Percento(0.9)),
            // `1.1` n. 1 at 30/6, a SI target, answered "si": SI.
            ("Risultati", "F3", Cella::Testo("si")),
        ],
    );
    let out = importa(&foglio, &p, Some(&c), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let piano: serde_json::Value = crate::common::read_json(&p);
    let mut atteso = plan();
    atteso["assegnazioni"]["dirigenti"][0]["obiettivi"][0]["peso"] = json!(40);
    atteso["albero"][1]["peso"] = json!(37.5);
    atteso["albero"][0]["figli"][0]["indicatori"][1]["target"]["30/6"] = json!("55%");
    assert_eq!(piano, atteso);
    let r = crate::common::read_json(&c);
    assert_eq!(
        r["risultati"][1],
        json!({ "obiettivo": "1.1", "indicatore": "progetto", "scadenza": "30/6", "valore": "SI" })
    );
}

/// Exports the workbook and one results workbook per manager, into `dir/dirigenti`.
fn per_dirigente(dir: &Path, p: &Path, c: &Path) -> PathBuf {
    let cartella = dir.join("dirigenti");
    let out = piano(&[
        "esporta",
        s(p),
        "--consuntivo",
        s(c),
        "-o",
        s(&dir.join("tutto.xlsx")),
        "--per-dirigente",
        s(&cartella),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    cartella
}

#[test]
fn each_manager_s_workbook_holds_only_their_objectives() {
    use calamine::Reader as _;
    let (dir, p, c) = cartella();
    let cartella = per_dirigente(dir.path(), &p, &c);
    let codici = |nome: &str| -> (Vec<String>, Vec<String>) {
        let mut wb = calamine::open_workbook_auto(cartella.join(nome)).unwrap();
        let fogli = wb.sheet_names();
        let range = wb.worksheet_range("Risultati").unwrap();
        let codici = range.rows().skip(1).map(|r| r[0].to_string()).collect();
        (fogli, codici)
    };
    // Anna Rossi has `mobilita` (1) and what is under it (1.1): 1 + 2 indicators × 2
    // deadlines of 2024 = 5 rows.
    let (fogli, anna) = codici("risultati-anna-rossi.xlsx");
    assert_eq!(fogli, ["Leggimi", "Risultati"]);
    assert_eq!(anna, ["1", "1.1", "1.1", "1.1", "1.1"]);
    // Bruno Verdi has `2` only.
    assert_eq!(codici("risultati-bruno-verdi.xlsx").1, ["2"]);
}

#[test]
fn an_imported_target_and_result_reach_the_pdf_and_the_relazione() {
    let (dir, p, c) = cartella();
    let (_, csv) = esporta(dir.path(), &p, Some(&c));
    let foglio = dir.path().join("compilato.xlsx");
    compilato(
        &csv,
        &foglio,
        &[
            // `2` n. 1, Target 2025: 12 becomes 13.
            ("Indicatori", "K5", Cella::Numero(13.0)),
            // `2` n. 1 at 2024: 11 aule against a target of 10.
            ("Risultati", "F7", Cella::Numero(11.0)),
            (
                "Risultati",
                "H7",
                Cella::Testo("Un'aula in più grazie al cofinanziamento"),
            ),
        ],
    );
    let out = importa(&foglio, &p, Some(&c), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let uscita = dir.path().join("out");
    let build = piano(&["build", s(&p), "-o", s(&uscita), "--documento", "piano"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let pdf = std::fs::read(uscita.join("piano-della-performance-2024-2025.pdf")).unwrap();
    let testo = crate::common::squash(&pdf_text(&pdf));
    // The row of `2` n. 1: its targets for 2024 and 2025.
    assert!(
        testo.contains(&crate::common::squash("Aule rinnovate 10 13")),
        "{testo}"
    );
    let build = piano(&["build", s(&c), "-o", s(&uscita)]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let pdf = std::fs::read(uscita.join("relazione-sulla-performance-2024.pdf")).unwrap();
    let testo = crate::common::squash(&pdf_text(&pdf));
    // Indicatore | Peso | Target | Risultato | % realizzazione | Note: 11 against a target
    // of 10 is 110%, capped at 100%.
    assert!(
        testo.contains(&crate::common::squash(
            "Aule rinnovate 10 11 100,00% Un'aula in più grazie al cofinanziamento"
        )),
        "{testo}"
    );
}

/// tests/fixtures/fogli: the workbook of `piano.json` and `risultati.json` saved by
/// LibreOffice Calc without edits, and filled in it by `compila.py` (see its README).
fn fixture(dir: &Path) -> (PathBuf, PathBuf) {
    let src = root().join("tests/fixtures/fogli");
    let p = dir.join("piano.json");
    let c = dir.join("risultati.json");
    std::fs::copy(src.join("piano.json"), &p).unwrap();
    std::fs::copy(src.join("risultati.json"), &c).unwrap();
    (p, c)
}

#[test]
fn a_workbook_saved_by_libreoffice_without_edits_changes_nothing() {
    for file in ["intatto.ods", "intatto.xlsx"] {
        let dir = tempfile::tempdir().unwrap();
        let (p, c) = fixture(dir.path());
        let foglio = root().join("tests/fixtures/fogli").join(file);
        let out = importa(&foglio, &p, Some(&c), &[]);
        assert!(out.status.success(), "{file}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "", "{file}");
        let src = root().join("tests/fixtures/fogli");
        assert_eq!(
            std::fs::read(&p).unwrap(),
            std::fs::read(src.join("piano.json")).unwrap()
        );
        assert_eq!(
            std::fs::read(&c).unwrap(),
            std::fs::read(src.join("risultati.json")).unwrap()
        );
    }
}

#[test]
fn a_workbook_filled_in_libreoffice_changes_exactly_what_was_typed() {
    for file in ["compilato.ods", "compilato.xlsx"] {
        let dir = tempfile::tempdir().unwrap();
        let (p, c) = fixture(dir.path());
        let prima = std::fs::read_to_string(&p).unwrap();
        let foglio = root().join("tests/fixtures/fogli").join(file);
        let out = importa(&foglio, &p, Some(&c), &[]);
        assert!(out.status.success(), "{file}: {}", text(&out.stderr));
        // What compila.py typed: ">= 18", "55%" in a cell LibreOffice made a percentage,
        // 100 where there was no weight, "37,5" the Italian way, SI and 11 as new results.
        assert_eq!(
            text(&out.stdout),
            "Obiettivi!E4 · 2 · Peso: «40» → «37,5»\n\
             Indicatori!J2 · 1 n. 1 · Target 2024: «>= 15» → «>= 18»\n\
             Indicatori!L4 · 1.1 n. 2 · Target 30/6: «50%» → «55%»\n\
             Indicatori!N5 · 2 n. 1 · Peso: (vuoto) → «100»\n\
             Risultati!F3 · 1.1 n. 1 30/6 · Risultato: (vuoto) → «SI»\n\
             Risultati!F7 · 2 n. 1 2024 · Risultato: (vuoto) → «11»\n\
             Risultati!H7 · 2 n. 1 2024 · Note: (vuoto) → «Cofinanziamento regionale»\n",
            "{file}"
        );
        // The plan: those values and nothing else, the one-line objects still on one line.
        let atteso = prima
            .replace("\"2024\": \">= 15\"", "\"2024\": \">= 18\"")
            .replace("\"30/6\": \"50%\"", "\"30/6\": \"55%\"")
            .replace("\"peso\": 40,", "\"peso\": 37.5,")
            .replace("\"2025\": 12 } } ]", "\"2025\": 12 }, \"peso\": 100 } ]");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), atteso, "{file}");
        // The results: the first one as it was, two appended on one line like it (the
        // indicator with an `id` is named by it).
        assert_eq!(
            std::fs::read_to_string(&c).unwrap(),
            r#"{
  "piano": "piano.json",
  "anno": 2024,
  "risultati": [
    { "obiettivo": "1", "indicatore": 1, "valore": 16, "fonte": "Ufficio Mobilità" },
    {"obiettivo": "1.1", "indicatore": "progetto", "scadenza": "30/6", "valore": "SI"},
    {"obiettivo": "2", "indicatore": 1, "scadenza": "2024", "valore": 11, "note": "Cofinanziamento regionale"}
  ]
}
"#,
            "{file}"
        );
    }
}

#[test]
fn a_results_file_of_another_plan_is_refused() {
    let (dir, p, c) = cartella();
    let altro = dir.path().join("altro.json");
    std::fs::copy(&p, &altro).unwrap();
    // risultati.json names piano.json: exporting it with altro.json is an error (exit 2).
    let out = piano(&[
        "esporta",
        s(&altro),
        "--consuntivo",
        s(&c),
        "-o",
        s(&dir.path().join("x.xlsx")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("si riferisce al piano"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("x.xlsx").exists());
}

#[test]
fn the_workbook_locks_its_reference_cells_and_lists_the_closed_sets() {
    use calamine::{Data, Reader as _};
    use std::io::Read as _;
    let (dir, p, c) = cartella();
    let (xlsx, _) = esporta(dir.path(), &p, Some(&c));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut foglio = |n: usize| {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    };
    // Sheets: 1 Leggimi, 2 Obiettivi, 3 Indicatori, 4 Assegnazioni, 5 Risultati.
    for n in 2..=5 {
        let xml = foglio(n);
        assert!(xml.contains("<sheetProtection"), "sheet {n}: {xml}");
        assert!(xml.contains("state=\"frozen\""), "sheet {n}");
    }
    let indicatori = foglio(3);
    assert!(
        indicatori.contains("\"efficacia,efficienza,qualita,volume,outcome,stato_risorse\""),
        "{indicatori}"
    );
    // The SI targets of `1.1` n. 1 (L3, M3) have the yes/no list.
    assert!(indicatori.contains("sqref=\"L3\"") && indicatori.contains("\"SI,NO\""));
    // Numbers are numbers, words are words.
    let mut wb = calamine::open_workbook_auto(&xlsx).unwrap();
    let range = wb.worksheet_range("Indicatori").unwrap();
    assert_eq!(range.get_value((1, 8)), Some(&Data::Float(12.0)));
    assert_eq!(range.get_value((1, 9)), Some(&Data::String(">= 15".into())));
    assert_eq!(range.get_value((1, 13)), Some(&Data::Float(100.0)));
}

/// A workbook read with calamine and written again with `edits` in place of its cells, as
/// a manager fills the results workbook they were sent.
fn riscritto(da: &Path, a: &Path, edits: &[(&str, &str, Cella)]) {
    use calamine::{Data, Reader as _};
    let mut letto = calamine::open_workbook_auto(da).unwrap();
    let mut wb = Workbook::new();
    for nome in letto.sheet_names() {
        let range = letto.worksheet_range(&nome).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(&nome).unwrap();
        for (r, riga) in range.rows().enumerate() {
            for (c, d) in riga.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match d {
                    Data::Float(n) => ws.write_number(r, c, *n).unwrap(),
                    Data::String(t) => ws.write_string(r, c, t).unwrap(),
                    _ => ws,
                };
            }
        }
        digita(ws, &nome, edits);
    }
    wb.save(a).unwrap();
}

#[test]
fn a_manager_s_results_workbook_is_imported_into_the_results_file() {
    let (dir, p, c) = cartella();
    let cartella = per_dirigente(dir.path(), &p, &c);
    // Anna Rossi's row 6 is `1.1` n. 2 at 31/12 (target "90%"): she types 85%.
    let compilato = dir.path().join("anna.xlsx");
    riscritto(
        &cartella.join("risultati-anna-rossi.xlsx"),
        &compilato,
        &[("Risultati", "F6", Cella::Percento(0.85))],
    );
    let out = importa(&compilato, &p, Some(&c), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "Risultati!F6 · 1.1 n. 2 31/12 · Risultato: (vuoto) → «85»\n"
    );
    let r = crate::common::read_json(&c);
    assert_eq!(
        r["risultati"][1],
        json!({ "obiettivo": "1.1", "indicatore": 2, "scadenza": "31/12", "valore": 85 })
    );
}
