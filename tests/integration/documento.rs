//! The whole plan and its POLA: every sentence, table cell and figure of the data is in
//! the PDFs, in order, and the POLA also stands on its own.

use crate::common::*;

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
    let pdf = brescia_pdf();
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
    let outputs = brescia_outputs();
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
    let names: Vec<&str> = stdout
        .lines()
        .map(|l| l.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "piano-organizzativo-del-lavoro-agile-2021.pdf",
            "piano-organizzativo-del-lavoro-agile-2021.html"
        ]
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

#[test]
fn a_new_skeleton_passes_check_and_builds_with_every_dfp_dimension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nuovo.json");
    let out = piano(&[
        "nuovo",
        path.to_str().unwrap(),
        "--ente",
        "Comune di Esempio",
        "--anno",
        "2027",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = piano(&["nuovo", path.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing file is never overwritten"
    );
    let check = piano(&["check", path.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // The office fills one DFP row; the table shows it, with every dimension in order.
    let mut json = read_json(&path);
    let dfp = &mut json["pola"]["sezioni"][3]["contenuto"][1]["indicatori_dfp"]["indicatori"];
    dfp[3]["indicatore"] = "Dipendenti con firma digitale".into();
    dfp[3]["baseline"] = "110".into();
    dfp[3]["target"]["avvio"] = ">= 120".into();
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let outputs = build_outputs(&path);
    let pola = &outputs
        .iter()
        .find(|o| o.name.starts_with("piano-organizzativo"))
        .unwrap()
        .bytes;
    let text = squash(&pdf_text(pola));
    let mut last = 0;
    for label in [
        "Condizioni abilitanti – Salute organizzativa",
        "Condizioni abilitanti – Salute professionale",
        "Condizioni abilitanti – Salute economico-finanziaria",
        "Condizioni abilitanti – Salute digitale",
        "Stato di implementazione",
        "Performance organizzativa – Economicità",
        "Performance organizzativa – Efficienza",
        "Performance organizzativa – Efficacia",
        "Impatti esterni – Sociale",
        "Impatti esterni – Ambientale",
        "Impatti esterni – Economico",
        "Impatti interni",
    ] {
        let at = text[last..]
            .find(&squash(label))
            .unwrap_or_else(|| panic!("`{label}` missing or out of order"));
        last += at;
    }
    assert!(text.contains(&squash("Dipendenti con firma digitale 110 >= 120")));
}

#[test]
fn a_missing_act_number_is_a_warning_and_the_cover_says_what_is_known() {
    let mut json = read_json(&minimo());
    json["atti"][1].as_object_mut().unwrap().remove("numero");
    let (_dir, path) = plan_file(&json);
    let check = piano(&["check", path.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0));
    assert!(
        String::from_utf8(check.stderr)
            .unwrap()
            .contains("avviso[P043]: manca il numero della deliberazione di Giunta del 2024-01-30")
    );
    let text = pdf_text(&build_pdf(&path));
    assert!(
        text.contains("Adottato con deliberazione di Giunta del 30 gennaio 2024"),
        "{text}"
    );
    assert!(!text.contains("n.____") && !text.contains("n. del"));
}

#[test]
fn the_logo_named_by_the_plan_is_on_the_cover_and_a_missing_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("stemma.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#06c"/></svg>"##,
    )
    .unwrap();
    let mut json = read_json(&minimo());
    json["ente"]["logo"] = "stemma.svg".into();
    let path = dir.path().join("piano.json");
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let with_logo = build_pdf(&path);
    let without = build_pdf(&minimo());
    assert!(with_logo.len() > without.len());
    json["ente"]["logo"] = "manca.png".into();
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let out = piano(&[
        "build",
        path.to_str().unwrap(),
        "-o",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("errore[P070]: impossibile leggere il logo `manca.png`"),
        "{err}"
    );
    assert!(err.contains("percorso: `ente.logo`"), "{err}");
}

#[test]
fn the_amended_plan_marks_what_the_amendment_changed() {
    let dir = tempfile::tempdir().unwrap();
    let amended = root().join("data/brescia-2021-2023-agg1.json");
    let out = piano(&[
        "build",
        amended.to_str().unwrap(),
        "--confronta",
        brescia().to_str().unwrap(),
        "--documento",
        "piano",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("piano-della-performance-2021-2023.pdf")).unwrap();
    let text = pdf_text(&pdf);
    let note = "Modificato con deliberazione di Giunta n. 78 del 19 luglio 2021: indicatore 5 aggiunto; peso modificato";
    assert!(squash(&text).contains(&squash(note)), "note missing");
    assert_eq!(
        text.matches("Modificato con deliberazione").count(),
        1,
        "only scheda 1.1.2 is marked"
    );
    assert_eq!(
        text.matches("mod.").count(),
        4,
        "rows 1, 2, 4 and 5 of 1.1.2 are marked"
    );
    // The cover shows the amendment too.
    assert!(squash(&text).contains(&squash(
        "Aggiornato con deliberazione di Giunta n. 78 del 19 luglio 2021"
    )));
    let html =
        std::fs::read_to_string(dir.path().join("piano-della-performance-2021-2023.html")).unwrap();
    assert_eq!(html.matches("<tr class=\"modificato\">").count(), 4);
    assert!(html.contains("<span class=\"mod\">(modificato)</span>"));
    // Without --confronta nothing is marked.
    let plain = pdf_text(&build_pdf(&amended));
    assert!(!plain.contains("Modificato con deliberazione"));
}

/// The whole reference plan against our PDF, sentence by sentence and cell by cell. What is
/// not found verbatim is known and accepted: labels our layout words once
/// ("Documentazione e report ... dell'obiettivo", "Quantificazione del peso ..."), the
/// original's shortened or variant titles in its summary tables (the plan writes each
/// title once), manager headings with their title, and the corrections listed in
/// `data/brescia-2021-2023.correzioni.md`. This guards the share found against regressions.
#[test]
fn the_plan_pdf_holds_the_reference_plan_sentence_by_sentence() {
    let pdf = brescia_pdf();
    let text = norm(&body_text(
        pdf,
        &[
            "Camera di Commercio di Brescia",
            "Piano della Performance 2021 - 2023",
        ],
    ));
    let reference = std::fs::read_to_string(
        root().join("tests/fixtures/riferimento/brescia-piano-performance-2021-2023.txt"),
    )
    .unwrap();
    let all = fragments(&reference);
    let found = all.iter().filter(|f| text.contains(&norm(f))).count();
    let share = found as f64 / all.len() as f64;
    eprintln!(
        "frammenti del riferimento trovati nel PDF: {found} su {} ({:.1}%)",
        all.len(),
        share * 100.0
    );
    assert!(all.len() > 3000, "{}", all.len());
    assert!(
        share >= 0.88,
        "only {found} of {} fragments found",
        all.len()
    );
}

/// Another body's plan with another shape: a regional agency, two levels (Missione →
/// Obiettivo), one year, no weights anywhere, targets with comparators, deadlines and two
/// targets in one cell, offices per indicator. It passes the strict check and builds, and
/// each value is where a reader expects it.
#[test]
fn a_two_level_one_year_plan_without_weights_builds_cleanly() {
    let plan = serde_json::json!({
        "ente": { "nome": "Agenzia Regionale per il Lavoro", "tipo": "Agenzia regionale" },
        "documento": { "titolo": "Piano della Performance", "anno_inizio": 2025, "anno_fine": 2025 },
        "atti": [
            { "organo": "Direttore", "tipo": "adozione", "numero": "12", "data": "2025-01-28" }
        ],
        "livelli": [
            { "nome": "Missione", "plurale": "Missioni", "scheda": false },
            { "nome": "Obiettivo", "plurale": "Obiettivi" }
        ],
        "albero": [
            { "titolo": "Politiche attive", "figli": [
                { "titolo": "Presa in carico dei disoccupati", "indicatori": [
                    { "descrizione": "Tempo medio di presa in carico", "target": { "2025": "<= 30 gg." },
                      "uffici": ["Centri per l'impiego"] },
                    { "descrizione": "Patti di servizio sottoscritti", "target": { "2025": ">= 1200 entro il 30/6; >= 2500 entro il 31/12" },
                      "uffici": ["Servizio Politiche attive", "Osservatorio"] }
                ]},
                { "titolo": "Incontro domanda-offerta", "indicatori": [
                    { "descrizione": "Aziende servite", "target": { "2025": 300 } }
                ]}
            ]}
        ]
    });
    let (_dir, path) = plan_file(&plan);
    let check = piano(&["check", "--rigoroso", path.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let text = norm(&pdf_text(&build_pdf(&path)));
    for expected in [
        "Missione 1: Politiche attive",
        "Obiettivo 1.1: Presa in carico dei disoccupati",
        "Obiettivo 1.2: Incontro domanda-offerta",
        "<= 30 gg.",
        ">= 1200 entro il 30/6; >= 2500 entro il 31/12",
        "Adottato con deliberazione di Direttore n. 12 del 28 gennaio 2025",
    ] {
        assert!(
            text.contains(&norm(expected)),
            "`{expected}` not in the PDF"
        );
    }
}

/// A line chart is drawn from its data: in the PDF (it compiles, its values are printed at
/// the points) and in the HTML as an SVG whose line breaks where a value is missing, with
/// the alternative text naming every value.
#[test]
fn a_line_chart_is_drawn_from_data_and_breaks_at_missing_values() {
    let mut json = read_json(&minimo());
    json["sezioni"] = serde_json::json!([{
        "titolo": "Contesto",
        "contenuto": [{ "grafico": {
            "tipo": "linee",
            "titolo": "Imprese attive",
            "categorie": ["2016", "2017", "2018", "2019", "2020"],
            "serie": [
                { "nome": "Brescia", "valori": [118.2, 117.9, null, 116.4, 116.1] },
                { "nome": "Bergamo", "valori": [85.0, 84.6, 84.1, 83.9, 83.5] }
            ],
            "unita": "migliaia",
            "fonte": "Infocamere"
        }}]
    }]);
    let (_dir, path) = plan_file(&json);
    // The PDF embeds the chart's one drawing (the SVG checked below) as a figure whose
    // alternative text names every value.
    let alts = alt_texts(&build_pdf(&path));
    assert!(
        alts.iter().any(|a| a.starts_with("Grafico a linee: Imprese attive. Brescia: 2016 118,20 migliaia; 2017 117,90 migliaia; 2018 n.d.;")
            && a.contains("Bergamo: 2016 85 migliaia") && a.contains("2020 83,50 migliaia")),
        "{alts:?}"
    );
    let html = built_html(&path, "piano-della-performance-2024-2026.html");
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    // Brescia: two runs around the missing 2018; Bergamo: one run.
    assert_eq!(svg.matches("<polyline").count(), 3, "{svg}");
    assert_eq!(svg.matches("<circle").count(), 9, "{svg}");
    assert!(svg.contains("Grafico a linee: Imprese attive. Brescia: 2016 118,20 migliaia; 2017 117,90 migliaia; 2018 n.d.;"), "{svg}");
}

/// The pie of the Brescia plan is a pie, in the PDF's source and in the HTML (one slice per
/// sector), not bars: the chart's shape must not be confused with the kind of block.
#[test]
fn the_brescia_pie_is_drawn_as_a_pie() {
    let outputs = brescia_outputs();
    let html = outputs
        .iter()
        .find(|o| o.name == "piano-della-performance-2021-2023.html")
        .map(|o| String::from_utf8(o.bytes.clone()).unwrap())
        .unwrap();
    let start = html
        .find("Grafico a torta: Quota del valore aggiunto")
        .unwrap();
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    assert_eq!(svg.matches("<path d=\"M").count(), 3, "{svg}");
    assert!(!svg.contains("<rect x=\"158\""), "drawn as bars: {svg}");
}

/// After the index, the plan lists its captioned tables and its figures, with pages.
#[test]
fn the_index_is_followed_by_the_lists_of_tables_and_figures() {
    let text = pdf_text(brescia_pdf());
    let tables = text.find("Elenco delle tabelle").expect("list of tables");
    let figures = text.find("Elenco delle figure").expect("list of figures");
    let premessa = text[figures..].find("Premessa").unwrap() + figures;
    assert!(text.find("Indice").unwrap() < tables && tables < figures);
    let lists = squash(&text[tables..premessa]);
    for entry in [
        "Tabella1AttualecomposizionedelConsiglioCamerale",
        "Tabella5Impreseregistrateper",
        "Figura3Alberodellaperformance",
    ] {
        assert!(lists.contains(entry), "`{entry}` not in the lists: {lists}");
    }
}
