//! The PIAO's section 4 Monitoraggio (sub-phases, milestones, Gantt chart) and
//! subsection 3.3.2 Formazione del personale: their checks, located, and what the
//! documents print.

use crate::check::check_json;
use crate::common::*;

/// The small fixture plan made a PIAO with only `formazione` and `monitoraggio`.
fn piao(formazione: serde_json::Value, monitoraggio: serde_json::Value) -> serde_json::Value {
    let mut json = read_json(&minimo());
    // A PIAO semplificato: its required subsections present (empty), 3.3.2 and 4 optional.
    json["piao"] = serde_json::json!({
        "dipendenti": "fino_a_50",
        "anagrafica": {}, "rischi": {}, "struttura": {}, "fabbisogni": {},
        "lavoro_agile": { "condizioni": {
            "servizi_agli_utenti": "s", "rotazione_e_prevalenza": "r", "riservatezza_dei_dati": "d",
            "smaltimento_arretrato": "a", "dotazione_tecnologica": "t"
        } },
        "formazione": formazione,
        "monitoraggio": monitoraggio
    });
    json
}

fn sottofase(id: &str, inizio: &str, fine: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "sottofase": format!("Sottofase {id}"),
        "data_inizio": inizio,
        "data_fine": fine
    })
}

/// The diagnostics of `section` (others, such as a missing required subsection, are not
/// these tests' concern).
fn of<'a>(diags: &'a [serde_json::Value], section: &str) -> Vec<&'a serde_json::Value> {
    diags
        .iter()
        .filter(|d| d["path"].as_str().is_some_and(|p| p.starts_with(section)))
        .collect()
}

fn diag<'a>(diags: &'a [serde_json::Value], code: &str, path: &str) -> &'a serde_json::Value {
    diags
        .iter()
        .find(|d| d["code"] == code && d["path"] == path)
        .unwrap_or_else(|| panic!("no {code} at {path}: {diags:#?}"))
}

#[test]
fn an_end_before_the_start_is_refused_with_a_located_message() {
    let json = piao(
        serde_json::json!({}),
        serde_json::json!({ "sottofasi": [
            sottofase("SF1", "2024-02-01", "2024-04-30"),
            sottofase("SF2", "2024-06-01", "2024-05-31")
        ] }),
    );
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1, "{diags:#?}");
    let d = diag(&diags, "P140", "piao.monitoraggio.sottofasi[1].data_fine");
    assert_eq!(d["severity"], "errore");
    assert_eq!(
        d["message"],
        "sottofase `SF2`: la data di fine (31/05/2024) viene prima della data di inizio (01/06/2024)"
    );
    assert!(d["file"].as_str().unwrap().ends_with("piano.json"));
    // The line of `"data_fine": "2024-05-31"` in the pretty-printed file.
    let text = serde_json::to_string_pretty(&json).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"2024-05-31\""))
        .unwrap()
        + 1;
    assert_eq!(d["position"]["line"], line);
    assert!(d["hint"].as_str().unwrap().contains("uguale o successiva"));
}

#[test]
fn milestones_categories_ids_and_dates_are_checked() {
    let mut sf1 = sottofase("SF1", "2024-02-01", "2024-04-30");
    sf1["milestone"] = serde_json::json!([
        { "descrizione": "Report", "data": "2024-03-15" },
        { "descrizione": "Troppo tardi", "data": "2024-05-02" },
        { "descrizione": "Data sbagliata", "data": "2024-02-30" }
    ]);
    let json = piao(
        serde_json::json!({}),
        serde_json::json!({
            "sottofasi": [sf1, sottofase("SF1", "2024-13-01", "2024-12-31")],
            "categorie": [
                { "sottofase": "SF9", "categoria": "valore_pubblico",
                  "data_inizio": "2024-02-01", "data_fine": "2024-02-28" },
                { "sottofase": "SF1", "categoria": "trasversali",
                  "data_inizio": "2024-01-15", "data_fine": "2024-03-31" }
            ]
        }),
    );
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1, "{diags:#?}");
    // A milestone after its sub-phase's end is a warning.
    let m = diag(
        &diags,
        "P141",
        "piao.monitoraggio.sottofasi[0].milestone[1].data",
    );
    assert_eq!(m["severity"], "avviso");
    assert_eq!(
        m["message"],
        "la milestone «Troppo tardi» (02/05/2024) è fuori dalle date della sottofase `SF1` (01/02/2024 – 30/04/2024)"
    );
    // 30 February does not exist; month 13 neither.
    diag(
        &diags,
        "P007",
        "piao.monitoraggio.sottofasi[0].milestone[2].data",
    );
    diag(&diags, "P007", "piao.monitoraggio.sottofasi[1].data_inizio");
    // The same id twice.
    diag(&diags, "P143", "piao.monitoraggio.sottofasi[1].id");
    // A category pointing at a sub-phase that does not exist, with the ones that do.
    let c = diag(&diags, "P142", "piao.monitoraggio.categorie[0].sottofase");
    assert_eq!(c["message"], "la sottofase `SF9` non esiste");
    assert_eq!(c["hint"], "le sottofasi sono: `SF1`, `SF1`");
    // A category starting before its sub-phase.
    diag(&diags, "P141", "piao.monitoraggio.categorie[1].data_inizio");
    // Nothing else: the valid milestone is not reported.
    assert_eq!(of(&diags, "piao.monitoraggio").len(), 6, "{diags:#?}");
}

#[test]
fn training_activities_are_checked() {
    let attivita = |codice: &str| {
        serde_json::json!({
            "codice": codice, "tipologia": "Aula", "titolo": "Corso",
            "obbligatoria": false, "destinatari": "non_dirigenti",
            "verifica_apprendimento": false
        })
    };
    let mut a1 = attivita("F1");
    a1["target_dirigenti"] = 2.into();
    a1["data_inizio"] = "2020-05-10".into();
    a1["data_fine"] = "2020-05-09".into();
    let mut a2 = attivita("F1");
    a2["costo"] = (-10.0).into();
    let mut o1 = attivita("O1");
    o1["formati_non_dirigenti"] = 3.into();
    let json = piao(
        serde_json::json!({ "fotografia": [a1, a2], "obiettivi": [o1] }),
        serde_json::json!({}),
    );
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1, "{diags:#?}");
    let d = diag(&diags, "P140", "piao.formazione.fotografia[0].data_fine");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("attività formativa `F1`: la data di fine (09/05/2020)")
    );
    let t = diag(
        &diags,
        "P144",
        "piao.formazione.fotografia[0].target_dirigenti",
    );
    assert_eq!(
        t["message"],
        "l'attività `F1` è per i soli «non dirigenti», ma `target_dirigenti` non è zero"
    );
    diag(&diags, "P143", "piao.formazione.fotografia[1].codice");
    diag(&diags, "P002", "piao.formazione.fotografia[1].costo");
    diag(
        &diags,
        "P144",
        "piao.formazione.obiettivi[0].formati_non_dirigenti",
    );
    assert_eq!(of(&diags, "piao.formazione").len(), 5, "{diags:#?}");
}

/// The PIAO semplificato of the examples (2025-2027) with a Gantt chart of two sub-phases
/// over 2024 (SF2 spans the year, so the axis runs from January to December) and a
/// training table of two activities (both sections optional for it).
pub fn piao_da_stampare(inizio_sf1: &str) -> serde_json::Value {
    let mut sf1 = sottofase("SF1", inizio_sf1, "2024-04-30");
    sf1["milestone"] =
        serde_json::json!([{ "descrizione": "Report intermedio", "data": "2024-03-15" }]);
    let attivita = |codice: &str, ore: f64, costo: f64| {
        serde_json::json!({
            "codice": codice, "tipologia": "Webinar", "titolo": format!("Corso {codice}"),
            "obbligatoria": true, "destinatari": "entrambi",
            "target_dirigenti": 2, "target_non_dirigenti": 30,
            "formati_dirigenti": 1, "formati_non_dirigenti": 27,
            "ore": ore, "verifica_apprendimento": false, "costo": costo
        })
    };
    let mut json = read_json(&root().join("data/castelnuovo-piao-2025-2027.json"));
    json["piao"]["formazione"] = serde_json::json!({
        "fotografia": [attivita("F1", 6.0, 1250.5), attivita("F2", 10.5, 749.5)]
    });
    json["piao"]["monitoraggio"] = serde_json::json!({
        "sottofasi": [sf1, sottofase("SF2", "2024-01-01", "2024-12-31")]
    });
    json
}

/// Builds a plan in-process (with the generated Typst), returning the PIAO's PDF, page
/// and Typst source.
fn build_piao(json: &serde_json::Value) -> (Vec<u8>, String, String) {
    let (_dir, path) = plan_file(json);
    let source = piano::load::read(&path).unwrap();
    let built = piano::pipeline::build(
        source,
        &piano::render::Templates::builtin(),
        &piano::pipeline::BuildOptions {
            emit_typst: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|f| panic!("build failed: {:#?}", f.diagnostics));
    let file = |name: &str| {
        built
            .outputs
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .bytes
            .clone()
    };
    (
        file("piao-2025-2027.pdf"),
        String::from_utf8(file("piao-2025-2027.html")).unwrap(),
        String::from_utf8(file("piao-2025-2027.typ")).unwrap(),
    )
}

#[test]
fn the_gantt_chart_is_a_figure_of_the_pdf_and_an_svg_of_the_page_drawn_from_the_dates() {
    let (pdf, html, typ) = build_piao(&piao_da_stampare("2024-02-01"));
    let text = squash(&pdf_text(&pdf));
    // In the list of figures, with its caption.
    assert!(text.contains(&squash("Elenco delle figure")), "{text}");
    assert_eq!(
        text.matches(&squash(
            "Cronoprogramma del monitoraggio: sottofasi e milestone"
        ))
        .count(),
        2,
        "{text}"
    );
    assert!(
        outline_titles(&pdf)
            .iter()
            .any(|t| t.ends_with("Sottofasi e milestone"))
    );
    // Its alternative text says every bar and milestone in words.
    let alt = alt_texts(&pdf);
    assert!(
        alt.iter().any(|a| a.contains(
            "SF1 – Sottofase SF1: dal 1 febbraio 2024 al 30 aprile 2024; milestone M1 Report intermedio, 15 marzo 2024."
        )),
        "{alt:#?}"
    );
    // The PDF draws the bar from the view's positions: SF1 starts after January (1/12)
    // and spans February to April (3/12).
    assert!(
        typ.contains(
            r#""ampiezza": 0.25, "etichetta": "SF1 – Sottofase SF1", "inizio": 0.08333333333333333,"#
        ),
        "{typ}"
    );
    // The page has the same chart as SVG, with a title and a description: the bar at
    // 190 + 440 × 1/12 = 226.7, 440 × 3/12 = 110 wide.
    assert!(html.contains("<figure class=\"gantt\">"));
    assert!(html.contains("<desc id=\""));
    assert!(
        html.contains("<rect x=\"226.7\" y=\"48.0\" width=\"110.0\""),
        "{html}"
    );

    // A month later, the bar moves: from 2/12 (190 + 73.3), two months wide.
    let (pdf, html, typ) = build_piao(&piao_da_stampare("2024-03-01"));
    assert!(typ.contains(
        r#""ampiezza": 0.16666666666666666, "etichetta": "SF1 – Sottofase SF1", "inizio": 0.16666666666666666,"#
    ));
    assert!(
        html.contains("<rect x=\"263.3\" y=\"48.0\" width=\"73.3\""),
        "{html}"
    );
    assert!(
        alt_texts(&pdf)
            .iter()
            .any(|a| a.contains("dal 1 marzo 2024 al 30 aprile 2024"))
    );
}

#[test]
fn training_totals_are_computed_in_the_documents() {
    let (pdf, html, _) = build_piao(&piao_da_stampare("2024-02-01"));
    let text = squash(&pdf_text(&pdf));
    // Targets 2 + 2 and 30 + 30, trained 1 + 1 and 27 + 27, hours 6 + 10,5, cost
    // 1.250,50 + 749,50.
    assert!(
        text.contains(&squash("Totale (2 attività) 4 60 2 54 16,50 2.000,00")),
        "{text}"
    );
    assert!(text.contains(&squash("Fotografia della formazione al 31.12.2024")));
    assert!(
        html.contains("<th scope=\"row\"></th><td>Totale (2 attività)</td>"),
        "{html}"
    );
}
