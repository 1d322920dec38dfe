//! Issue 13, the indicator side of the scheda: column headings from the plan's levels and
//! columns empty in every row left out; the weighting table only by the plan's rule; a
//! node that is its own measure (`target`, `baseline`), printed once everywhere.

use crate::check::check_json;
use crate::common::*;
use serde_json::{Value, json};

/// A national three-year plan of the other kind: Obiettivo (no scheda) → Risultato atteso
/// (its own targets, or an indicator) → Linea di azione (no scheda, in its parent's
/// table), each level with its own column headings.
fn risultati_attesi() -> Value {
    json!({
        "ente": { "nome": "Agenzia per i Servizi Digitali" },
        "documento": { "titolo": "Piano triennale", "anno_inizio": 2024, "anno_fine": 2026 },
        "livelli": [
            { "nome": "Obiettivo", "plurale": "Obiettivi", "scheda": false },
            { "nome": "Risultato atteso", "plurale": "Risultati attesi",
              "colonne": { "indicatore": "Misura", "baseline": "Baseline", "target": "Target {scadenza}" } },
            { "nome": "Linea di azione", "plurale": "Linee di azione", "scheda": false,
              "colonne": { "target": "Entro {scadenza}", "uffici": "Responsabile" } }
        ],
        "albero": [
            { "titolo": "Servizi digitali per cittadini e imprese", "figli": [
                { "titolo": "Aumentare i servizi pubblici accessibili online",
                  "baseline": "12%",
                  "target": { "2024": "30%", "2025": "50%", "2026": "70%" },
                  "figli": [
                      { "titolo": "Piattaforma unica dei pagamenti", "uffici": ["Ufficio piattaforme"],
                        "target": { "2024": "avvio", "2025": "100 enti", "2026": "200 enti" } },
                      { "titolo": "Linee guida per i comuni", "uffici": ["Dipartimento"] }
                  ] },
                { "titolo": "Ridurre i tempi di risposta",
                  "indicatori": [
                      { "descrizione": "Giorni medi di risposta alle richieste",
                        "target": { "2024": "<= 30 gg.", "2025": "<= 25 gg.", "2026": "<= 20 gg." } }
                  ] }
            ] }
        ]
    })
}

/// Every output of a plan, built in-process.
fn outputs(json: &Value) -> Vec<piano::write::Output> {
    let (_dir, path) = plan_file(json);
    build_outputs(&path)
}

fn text(outputs: &[piano::write::Output], name: &str) -> String {
    String::from_utf8(output(outputs, name).to_vec()).unwrap()
}

/// The HTML of the scheda with this anchor, up to the end of its section.
fn scheda_html<'a>(html: &'a str, ancora: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"obiettivo-{ancora}\""))
        .unwrap_or_else(|| panic!("no scheda {ancora}"));
    let end = start + html[start..].find("</section>").unwrap();
    &html[start..end]
}

/// The text of a fragment of HTML, tags removed, whitespace squeezed.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => {
                tag = false;
                out.push(' ');
            }
            _ if !tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The headings come from the level whose nodes are the table's rows, and a column empty
/// in every row is left out: in the actions' table no action has an indicator (no
/// indicator column) or weight; in 1.2's indicators' table no baseline and no weight.
#[test]
fn headings_come_from_the_plan_and_empty_columns_are_left_out() {
    let outputs = outputs(&risultati_attesi());
    let html = text(&outputs, "piano-triennale-2024-2026.html");
    let pdf = norm(&pdf_text(output(&outputs, "piano-triennale-2024-2026.pdf")));

    let s11 = scheda_html(&html, "1-1");
    assert!(
        s11.contains(
            "<thead><tr><th scope=\"col\">Linea di azione</th><th scope=\"col\">Entro 2024</th>\
             <th scope=\"col\">Entro 2025</th><th scope=\"col\">Entro 2026</th>\
             <th scope=\"col\">Responsabile</th></tr></thead>"
        ),
        "{s11}"
    );
    let s12 = scheda_html(&html, "1-2");
    assert_eq!(
        plain(&s12[s12.find("<caption").unwrap()..]),
        "Indicatori N. Misura Target 2024 Target 2025 Target 2026 1 Giorni medi di risposta \
         alle richieste &lt;= 30 gg. &lt;= 25 gg. &lt;= 20 gg."
    );
    for absent in [
        "Risultato atteso al",
        "Target storico",
        "Servizi&#x2f;Uffici",
        ">Peso<",
    ] {
        assert!(!html.contains(absent), "`{absent}` in the page");
    }

    for expected in [
        "Linea di azione Entro 2024 Entro 2025 Entro 2026 Responsabile",
        "N. Misura Target 2024 Target 2025 Target 2026 1 Giorni medi di risposta alle \
         richieste <= 30 gg. <= 25 gg. <= 20 gg.",
    ] {
        assert!(
            pdf.contains(&norm(expected)),
            "`{expected}` not in the PDF: {pdf}"
        );
    }
    for absent in [
        "Risultato atteso al",
        "Target storico",
        "Servizi/Uffici",
        "Peso",
    ] {
        assert!(!pdf.contains(&norm(absent)), "`{absent}` in the PDF");
    }
}

/// A plan without `ponderazione` gets no weighting table, though an objective has both
/// indicators and children (no 50% is invented); with it, the table shows the children by
/// their printed codes: none on an unnumbered level, the node's own `numero`.
#[test]
fn the_weighting_table_needs_the_plans_rule() {
    let mut plan = json!({
        "ente": { "nome": "Comune di Prova" },
        "documento": { "titolo": "Piano della Performance", "anno_inizio": 2024, "anno_fine": 2024 },
        "livelli": [
            { "nome": "Area", "plurale": "Aree", "scheda": false },
            { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici" },
            { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi", "numerato": false }
        ],
        "albero": [{ "titolo": "Area uno", "figli": [{
            "titolo": "Semplificare",
            "indicatori": [{ "descrizione": "Pratiche chiuse", "target": { "2024": "100" }, "peso": 100 }],
            "figli": [
                { "titolo": "Sportello unico", "peso": 60 },
                { "titolo": "Moduli online", "numero": "B7", "peso": 40 }
            ]
        }] }]
    });
    let senza = outputs(&plan);
    let html = text(&senza, "piano-della-performance-2024.html");
    let pdf = pdf_text(output(&senza, "piano-della-performance-2024.pdf"));
    assert!(!html.contains("Quantificazione del peso"));
    assert!(!pdf.contains("QUANTIFICAZIONE"), "{pdf}");
    assert!(!pdf.contains("50,00%"), "{pdf}");

    plan["ponderazione"] = json!({ "quota_indicatori": 40 });
    let con = outputs(&plan);
    let html = text(&con, "piano-della-performance-2024.html");
    let pdf = norm(&pdf_text(output(&con, "piano-della-performance-2024.pdf")));
    // The children share 60%: 60% of it is 36%, 40% of it 24%.
    for expected in [
        "Indicatori dell'obiettivo Indicatore 1: Pratiche chiuse 40,00%",
        "Sportello unico 60,00% 36,00%",
        "B7 Moduli online 40,00% 24,00%",
    ] {
        assert!(
            pdf.contains(&norm(expected)),
            "`{expected}` not in the PDF: {pdf}"
        );
    }
    assert!(
        html.contains("<th scope=\"row\"> Sportello unico</th>"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"row\">B7 Moduli online</th>"),
        "{html}"
    );
}

/// A Risultato atteso with its own targets is its own measure, printed once: in its scheda
/// a target table (baseline and one column per deadline) and no indicator repeating its
/// title; an action's own targets in the actions' table with no indicator cell; a row
/// worded by the title in the summary; rows of the indicators' open data without a number.
#[test]
fn own_targets_are_printed_once_everywhere() {
    let outputs = outputs(&risultati_attesi());
    let html = text(&outputs, "piano-triennale-2024-2026.html");
    let titolo = "Aumentare i servizi pubblici accessibili online";

    let s11 = scheda_html(&html, "1-1");
    assert_eq!(s11.matches(titolo).count(), 1, "{s11}");
    assert!(!s11.contains("Indicatori</caption>"), "{s11}");
    let target = &s11[s11.find("<caption").unwrap()..];
    assert!(
        plain(target)
            .starts_with("Target Baseline Target 2024 Target 2025 Target 2026 12% 30% 50% 70%"),
        "{target}"
    );
    // Each line of action is one row: its title, then its targets and office.
    let azioni = plain(&target[target.find("Linea di azione, indicatori").unwrap()..]);
    assert!(
        azioni.contains(
            "Linea di azione 1.1.1: Piattaforma unica dei pagamenti avvio 100 enti 200 enti \
             Ufficio piattaforme Linea di azione 1.1.2: Linee guida per i comuni - - - Dipartimento"
        ),
        "{azioni}"
    );

    let sintesi =
        &html[html.find("quadro di sintesi</h4>").unwrap()..html.find("id=\"schede\"").unwrap()];
    assert!(
        plain(sintesi).contains(&format!(
            "Risultato atteso 1.1: {titolo} Indicatore 2024 2025 2026 {titolo} 30% 50% 70% \
             Linea di azione 1.1.1: Piattaforma unica dei pagamenti avvio 100 enti 200 enti \
             Risultato atteso 1.2"
        )),
        "{sintesi}"
    );

    let pdf = norm(&pdf_text(output(&outputs, "piano-triennale-2024-2026.pdf")));
    for expected in [
        "Baseline Target 2024 Target 2025 Target 2026 12% 30% 50% 70%",
        "Linea di azione 1.1.1: Piattaforma unica dei pagamenti avvio 100 enti 200 enti Ufficio piattaforme",
        &format!("{titolo} 30% 50% 70%"),
    ] {
        assert!(
            pdf.contains(&norm(expected)),
            "`{expected}` not in the PDF: {pdf}"
        );
    }
    // The tree, the summary's caption and row, the scheda's heading: the title is never an
    // indicator's description.
    assert_eq!(pdf.matches(&norm(titolo)).count(), 4, "{pdf}");

    let csv = text(&outputs, "piano-triennale-2024-2026-indicatori.csv");
    let righe: Vec<&str> = csv.lines().collect();
    assert_eq!(
        righe[1..4],
        [
            "1.1,,,Aumentare i servizi pubblici accessibili online,,,,12%,2024,30%,=,30.0,%,,",
            "1.1,,,Aumentare i servizi pubblici accessibili online,,,,12%,2025,50%,=,50.0,%,,",
            "1.1,,,Aumentare i servizi pubblici accessibili online,,,,12%,2026,70%,=,70.0,%,,",
        ]
    );
    assert_eq!(
        righe[4],
        "1.1.1,,,Piattaforma unica dei pagamenti,,,,,2024,avvio,,,,,"
    );
    assert_eq!(
        righe[7],
        "1.2,1,,Giorni medi di risposta alle richieste,,,,,2024,<= 30 gg.,<=,30.0,gg.,,"
    );
    assert_eq!(righe.len(), 10);
}

/// `piano check` applies the deadline rules of an indicator's targets to a node's own:
/// a key outside the level's deadlines is an error, a missing deadline a warning, both at
/// the node's JSON path.
#[test]
fn own_targets_are_checked_like_an_indicators() {
    let mut plan = risultati_attesi();
    let nodo = &mut plan["albero"][0]["figli"][0];
    nodo["target"] = json!({ "2024": "30%", "2025": "50%", "2027": "80%" });
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    let found: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("P012", "albero[0].figli[0].target"),
            ("P011", "albero[0].figli[0].target.2027"),
        ],
        "{diags:#?}"
    );
    let messages: Vec<&str> = diags
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "l'obiettivo 1.1 non ha target per `2026`",
            "scadenza `2027` non prevista per questo livello",
        ]
    );
}

/// `piano diff` compares a node's own targets and baseline like an indicator's values,
/// located at the node's `target.2025`; `--confronta` marks the changed target row.
#[test]
fn own_targets_are_compared_by_diff() {
    let old = risultati_attesi();
    let mut new = old.clone();
    new["albero"][0]["figli"][0]["target"]["2025"] = "55%".into();
    new["albero"][0]["figli"][0]["baseline"] = "15%".into();
    new["albero"][0]["figli"][0]["figli"][0]["target"]["2026"] = "250 enti".into();
    let piano_di =
        |v: &Value| -> piano::model::Piano { serde_json::from_value(v.clone()).unwrap() };
    let d = piano::diff::confronta(&piano_di(&old), &piano_di(&new));
    assert_eq!(
        d.percorsi(),
        [
            "albero[0].figli[0].baseline",
            "albero[0].figli[0].target.2025",
            "albero[0].figli[0].figli[0].target.2026"
        ]
    );
    assert!(d.valori.iter().all(|v| v.indicatore.is_none()));

    let (_a, old_path) = plan_file(&old);
    let (dir, new_path) = plan_file(&new);
    let prospetto = dir.path().join("prospetto.md");
    let run = piano(&[
        "diff",
        old_path.to_str().unwrap(),
        new_path.to_str().unwrap(),
        "--formato",
        "md",
        "-o",
        prospetto.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let md = std::fs::read_to_string(&prospetto).unwrap();
    assert!(
        md.contains(
            "| 1.1 | Aumentare i servizi pubblici accessibili online | target al 2025 | 50% | 55% |"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "| 1.1 | Aumentare i servizi pubblici accessibili online | baseline | 12% | 15% |"
        ),
        "{md}"
    );

    let out = build_into(
        &new_path,
        "-o",
        dir.path().join("out"),
        &["--confronta", old_path.to_str().unwrap()],
    );
    let html = std::fs::read_to_string(out.join("piano-triennale-2024-2026.html")).unwrap();
    let s11 = scheda_html(&html, "1-1");
    assert!(
        s11.contains("<tr class=\"modificato\"><td>15%</td><td>30%</td><td>55%</td><td>70% <span class=\"mod\">(modificato)</span></td></tr>"),
        "{s11}"
    );
    assert!(
        s11.contains(
            "baseline modificato; target al 2025 modificato; Linea di azione 1.1.1: Piattaforma \
             unica dei pagamenti: target al 2026 modificato"
        ),
        "{s11}"
    );
    // The action's row has no indicator cell: the mark follows its last target.
    assert!(
        s11.contains("<td>250 enti <span class=\"mod\">(modificato)</span></td>"),
        "{s11}"
    );
}
