//! The whole plan and its POLA: every sentence, table cell and figure of the data is in
//! the PDFs, in order, and the POLA also stands on its own.

use crate::common::*;

fn build_all(plan: &std::path::Path) -> Vec<piano::write::Output> {
    let source = piano::load::read(plan).unwrap();
    let built = piano::pipeline::build(
        source,
        &piano::render::Templates::builtin(),
        &Default::default(),
    )
    .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    built.outputs
}

/// Markdown reduced to the words a reader sees (emphasis marks and escapes dropped; the
/// PDF side drops literal asterisks too).
fn plain(md: &str) -> String {
    squash(&md.replace(['*', '\\'], ""))
}

fn cell_text(c: &serde_json::Value) -> Option<String> {
    match c {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// Every text block and every text cell of the sections, with their paths.
fn expected_texts(sections: &[serde_json::Value], path: &str, out: &mut Vec<(String, String)>) {
    for (i, s) in sections.iter().enumerate() {
        let p = format!("{path}[{i}]");
        out.push((
            format!("{p}.titolo"),
            s["titolo"].as_str().unwrap().to_string(),
        ));
        for (b, block) in s["contenuto"].as_array().into_iter().flatten().enumerate() {
            let bp = format!("{p}.contenuto[{b}]");
            if let Some(t) = block.get("testo").and_then(|t| t.as_str()) {
                for para in t.split("\n\n") {
                    out.push((bp.clone(), para.to_string()));
                }
            }
            if let Some(t) = block.get("tabella") {
                for row in t["righe"].as_array().unwrap() {
                    for c in row.as_array().unwrap() {
                        if let Some(s) = cell_text(c) {
                            out.push((format!("{bp}.righe"), s));
                        }
                    }
                }
            }
            if let Some(c) = block.get("conteggi") {
                for r in c["righe"].as_array().unwrap() {
                    out.push((
                        format!("{bp}.voce"),
                        r["voce"].as_str().unwrap().to_string(),
                    ));
                }
            }
        }
        expected_texts(
            s["sezioni"].as_array().map_or(&[], |v| v.as_slice()),
            &format!("{p}.sezioni"),
            out,
        );
    }
}

#[test]
fn the_plan_pdf_holds_every_sentence_and_cell_of_the_narrative_chapters_and_the_pola() {
    let outputs = build_all(&brescia());
    let pdf = &outputs
        .iter()
        .find(|o| o.name == "piano-della-performance-2021-2023.pdf")
        .unwrap()
        .bytes;
    let text = squash(
        &body_text(
            pdf,
            &[
                "Camera di Commercio di Brescia",
                "Piano della Performance 2021 - 2023",
            ],
        )
        .replace('*', ""),
    );
    let json = read_json(&brescia());
    let mut expected = Vec::new();
    expected_texts(
        json["sezioni"].as_array().unwrap(),
        "sezioni",
        &mut expected,
    );
    expected_texts(
        json["pola"]["sezioni"].as_array().unwrap(),
        "pola.sezioni",
        &mut expected,
    );
    assert!(expected.len() > 200, "{}", expected.len());
    let missing: Vec<_> = expected
        .iter()
        .filter(|(_, t)| !text.contains(&plain(t)))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} not in the PDF: {missing:#?}",
        missing.len(),
        expected.len()
    );

    let outline = outline_titles(pdf);
    for title in [
        "Premessa",
        "1 Presentazione della Camera di Commercio",
        "1.2.1 Gli Organi",
        "1.3.2 Le partecipazioni camerali",
        "2 Scenario socio-economico",
        "3 Indirizzi strategici e programmi operativi",
        "4 Pianificazione",
        "4.1 Albero della performance",
        "Allegato: Piano Organizzativo del Lavoro Agile 2021",
        "Parte 1 Livello attuale",
        "Parte 3 Piano di sviluppo",
    ] {
        assert!(
            outline.iter().any(|t| t.trim() == title),
            "bookmark `{title}` missing: {outline:#?}"
        );
    }
}

#[test]
fn the_pola_stands_on_its_own_with_its_figures_in_order() {
    let outputs = build_all(&brescia());
    let pola = &outputs
        .iter()
        .find(|o| o.name == "piano-organizzativo-del-lavoro-agile-2021.pdf")
        .unwrap()
        .bytes;
    assert_eq!(
        info(pola, "Title").as_deref(),
        Some("Piano Organizzativo del Lavoro Agile 2021")
    );
    let raw = pdf_text(pola);
    let text = squash(&raw);
    assert!(
        text.contains(&squash(
            "Adottato con deliberazione di Giunta n. 45 del 26 aprile 2021"
        )),
        "{raw}"
    );
    assert!(!raw.contains("____"));
    // The monthly figures, row by row, in the order of the months.
    for row in [
        "134 134 132 132 131 130 128 127 131 131 131 130",
        "17 17 114 117 120 120 118 118 123 123 123 122",
        "37 49 1.448 1.955 2.047 1.515 1.010 704 1.004 1.118 1.628 1.244",
    ] {
        assert!(text.contains(&squash(row)), "row `{row}` not in order");
    }
    // Derived figures: share of agile workers (17/134 = 12,7%) and the year's total days.
    assert!(text.contains("12,7%"));
    assert!(text.contains(&squash("totale 13.759")));
    assert!(raw.contains("Quota di lavoratori agili sui dipendenti, per mese (2020)"));
    let outline = outline_titles(pola);
    assert!(
        outline
            .iter()
            .any(|t| t.trim() == "Parte 2 Modalità attuative"),
        "{outline:#?}"
    );
}

#[test]
fn only_the_chosen_document_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let out = piano(&[
        "build",
        brescia().to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
        "--documento",
        "pola",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout
            .trim()
            .ends_with("piano-organizzativo-del-lavoro-agile-2021.pdf")
    );
    let none = piano(&[
        "build",
        minimo().to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
        "--documento",
        "pola",
    ]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        String::from_utf8(none.stderr)
            .unwrap()
            .contains("errore[P060]: il piano non contiene il POLA")
    );
}
