//! The third example (a Comune, illustrative data) and the illustrative notice: a document
//! built from data that is not from a real act says so on its cover and on its page.

use crate::common::*;

/// The notice, as the cover and the page print it.
const AVVERTENZA: &str =
    "Documento illustrativo: i dati non sono tratti da un atto adottato dall'ente";

/// A small plan, with its POLA, flagged as illustrative or not.
fn plan(illustrativo: Option<bool>) -> serde_json::Value {
    let mut documento = serde_json::json!({
        "titolo": "Piano della Performance", "anno_inizio": 2025, "anno_fine": 2025
    });
    if let Some(flag) = illustrativo {
        documento["illustrativo"] = flag.into();
    }
    serde_json::json!({
        "ente": {"nome": "Comune di Prova"},
        "documento": documento,
        "livelli": [{"nome": "Obiettivo", "plurale": "Obiettivi"}],
        "albero": [{"titolo": "Servizi online", "indicatori": [
            {"descrizione": "Servizi attivati", "target": {"2025": ">= 10"}}
        ]}],
        "pola": {"titolo": "Piano organizzativo del lavoro agile", "anno_inizio": 2025,
                 "anno_fine": 2025,
                 "sezioni": [{"titolo": "Livello di attuazione", "contenuto": [{"testo": "Testo."}]}]}
    })
}

#[test]
fn an_illustrative_plan_says_so_on_its_covers_and_its_page() {
    let (_dir, path) = plan_file(&plan(Some(true)));
    let outputs = build_outputs(&path);
    for pdf in [
        "piano-della-performance-2025.pdf",
        "piano-organizzativo-del-lavoro-agile-2025.pdf",
    ] {
        let text = squash(&pdf_text(output(&outputs, pdf)));
        let cover = text.split("Indice").next().unwrap();
        assert!(cover.contains(&squash(AVVERTENZA)), "{pdf}: {cover}");
    }
    let html = String::from_utf8_lossy(output(&outputs, "piano-della-performance-2025.html"));
    let header = html.split("</header>").next().unwrap();
    assert!(
        header.contains(
            "Documento illustrativo: i dati non sono tratti da un atto adottato dall&#x27;ente"
        ) || header.contains(
            "Documento illustrativo: i dati non sono tratti da un atto adottato dall'ente"
        ),
        "{header}"
    );
}

#[test]
fn a_real_plan_has_no_notice() {
    for flag in [None, Some(false)] {
        let (_dir, path) = plan_file(&plan(flag));
        let outputs = build_outputs(&path);
        let text = pdf_text(output(&outputs, "piano-della-performance-2025.pdf"));
        assert!(!text.contains("illustrativo"), "{flag:?}");
        let html = String::from_utf8_lossy(output(&outputs, "piano-della-performance-2025.html"));
        assert!(!html.contains("illustrativo"), "{flag:?}");
    }
}

/// The Comune example: strict check passes, and it is marked illustrative on its cover
/// and in the README line that lists it.
#[test]
fn the_comune_example_is_valid_and_marked_illustrative() {
    let plan = root().join("data/castelnuovo-2025-2027.json");
    let run = piano(&["check", "--rigoroso", plan.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(read_json(&plan)["documento"]["illustrativo"], true);
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.contains("castelnuovo-2025-2027.json"))
        .expect("the README lists the example");
    assert!(line.contains("illustrativ"), "{line}");
}
