//! Inline formatting of titles and targets, lettered lists, and the layout of tables and
//! of the tree on plans of other bodies (long targets, long office names, wide trees).

use crate::common::*;

/// A plan whose titles, indicators and targets carry the plan's inline Markdown, and whose
/// description has a lettered list.
fn piano_formattato() -> serde_json::Value {
    serde_json::json!({
        "ente": { "nome": "Comune di Prova" },
        "documento": {
            "titolo": "Piano *integrato*",
            "anno_inizio": 2024,
            "anno_fine": 2024
        },
        "livelli": [
            { "nome": "Area", "plurale": "Aree", "scheda": false },
            { "nome": "Obiettivo", "plurale": "Obiettivi" }
        ],
        "albero": [{ "titolo": "Area", "figli": [{
            "titolo": "Servizi *e-service* per le imprese",
            "sottotitolo": "Sottotitolo **forte**",
            "descrizione": "Le fasi:\na. analisi;\nb. avvio;\nc. verifica.",
            "indicatori": [{
                "descrizione": "Scostamento dalla *baseline*",
                "baseline": "5*",
                "target": { "2024": "**>= 10**" }
            }]
        }]}]
    })
}

/// Emphasis and strong reach the PDF (as Typst calls) and the page (as `em`, `strong`);
/// an unpaired `*` prints; the PDF's title, the tree's boxes and their text alternatives,
/// and the open data take the text without markers.
#[test]
fn titles_and_targets_keep_their_emphasis() {
    let (dir, path) = plan_file(&piano_formattato());
    let out = build_into(&path, "-o", dir.path().join("out"), &["--emit-typst"]);
    let typ = std::fs::read_to_string(out.join("piano-integrato-2024.typ")).unwrap();
    for expected in [
        "[Obiettivo 1\\.1\\: Servizi #emph[e\\-service] per le imprese]",
        "#text(style: \"italic\")[Sottotitolo #strong[forte]]",
        "[Scostamento dalla #emph[baseline]], [5\\*],",
        "[#strong[\\>\\= 10]]",
        "#enum(numbering: \"a.\", [analisi;], [avvio;], [verifica\\.])",
        // The diagram's data: plain text.
        "\"titolo\": \"Servizi e-service per le imprese\"",
    ] {
        assert!(
            typ.contains(expected),
            "`{expected}` not in the Typst source"
        );
    }
    let html = std::fs::read_to_string(out.join("piano-integrato-2024.html")).unwrap();
    for expected in [
        "<h5>Obiettivo 1.1: Servizi <em>e-service</em> per le imprese</h5>",
        "<p><em>Sottotitolo <strong>forte</strong></em></p>",
        "<th scope=\"row\">Scostamento dalla <em>baseline</em></th><td>5*</td>",
        "<td><strong>&gt;= 10</strong></td>",
        "<ol type=\"a\">\n<li>analisi;</li>\n<li>avvio;</li>\n<li>verifica.</li>\n</ol>",
        "<title>Piano integrato 2024 – Comune di Prova</title>",
        "<h1>Piano <em>integrato</em> 2024</h1>",
    ] {
        assert!(html.contains(expected), "`{expected}` not in the page");
    }
    let pdf = std::fs::read(out.join("piano-integrato-2024.pdf")).unwrap();
    assert_eq!(info(&pdf, "Title").as_deref(), Some("Piano integrato 2024"));
    let text = squash(&pdf_text(&pdf));
    for expected in [
        "Obiettivo 1.1: Servizi e-service per le imprese",
        "Le fasi: a. analisi; b. avvio; c. verifica.",
        "Scostamento dalla baseline 5* >= 10",
    ] {
        assert!(
            text.contains(&squash(expected)),
            "`{expected}` not in {text}"
        );
    }
    assert!(!text.contains("*e") && !text.contains("**"), "{text}");
    for alt in alt_texts(&pdf) {
        assert!(!alt.contains("*e-service*"), "{alt}");
    }
    let obiettivi =
        std::fs::read_to_string(out.join("piano-integrato-2024-obiettivi.csv")).unwrap();
    assert!(
        obiettivi.contains(",Servizi e-service per le imprese,"),
        "{obiettivi}"
    );
    let indicatori =
        std::fs::read_to_string(out.join("piano-integrato-2024-indicatori.csv")).unwrap();
    assert!(
        indicatori.contains(",Scostamento dalla baseline,") && indicatori.contains(",5*,"),
        "{indicatori}"
    );
    assert!(indicatori.contains(",>= 10,"), "{indicatori}");
}

/// `piano diff` names objectives and indicators without the markers.
#[test]
fn the_diff_prints_titles_without_markers() {
    let old = piano_formattato();
    let mut new = old.clone();
    new["albero"][0]["figli"][0]["titolo"] = "Servizi *e-service* per i cittadini".into();
    let (dir, old_path) = plan_file(&old);
    let new_path = dir.path().join("nuovo.json");
    std::fs::write(&new_path, serde_json::to_string(&new).unwrap()).unwrap();
    let run = piano(&[
        "diff",
        old_path.to_str().unwrap(),
        new_path.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("e-service"), "{stdout}");
    assert!(!stdout.contains('*'), "{stdout}");
}
