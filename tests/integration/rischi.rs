//! PIAO subsection 2.3, Rischi corruttivi e trasparenza: links by id, the body's scale and
//! thresholds, and the P×I×C value computed and printed.

use serde_json::{Value, json};

use crate::check::check_json;
use crate::common::*;

/// A small PIAO whose 2.3 has one activity with one event, E1: P 2 × I 3 × C 3 = 18, medio
/// on the thresholds «fino a 8 basso, fino a 27 medio», one measure against it, monitored.
fn piao() -> Value {
    json!({
        "ente": { "nome": "Comune di Prova" },
        "documento": { "titolo": "PIAO 2025-2027", "anno_inizio": 2025, "anno_fine": 2027 },
        "livelli": [{ "nome": "Obiettivo", "plurale": "Obiettivi" }],
        "atti": [{ "organo": "Giunta Comunale", "tipo": "adozione", "numero": "5", "data": "2025-01-20" }],
        "albero": [{ "id": "ob-trasp", "titolo": "Trasparenza degli atti" }],
        "piao": {
            "dipendenti": "fino_a_50",
            "pubblicazione": { "autorita": "Giunta Comunale", "url_trasparenza": "https://www.comune.example.it/at/piao" },
            // The other subsections a PIAO semplificato requires (P150, P151).
            "anagrafica": {}, "struttura": {}, "fabbisogni": {},
            "lavoro_agile": { "condizioni": {
                "servizi_agli_utenti": "Sportelli aperti.", "rotazione_e_prevalenza": "Turni.",
                "riservatezza_dei_dati": "VPN.", "smaltimento_arretrato": "Nessuno.",
                "dotazione_tecnologica": "Portatile."
            } },
            "rischi": {
                "obiettivi_generali": [{ "id": "OG1", "denominazione": "Più trasparenza" }],
                "misure_generali": [{
                    "id": "MG1", "obiettivo_generale": "OG1", "denominazione": "Formazione",
                    "responsabile": "RPCT"
                }],
                "obiettivi_prevenzione": [{
                    "id": "OP1", "denominazione": "Contributi imparziali",
                    "obiettivo_organizzativo": "ob-trasp"
                }],
                "scala": {
                    "massimo_probabilita": 5, "massimo_impatto": 5, "massimo_controlli": 5,
                    "soglie": { "basso": 8, "medio": 27 }
                },
                "attivita_sensibili": [{
                    "id": "A1", "attivita": "Contributi alle associazioni",
                    "eventi": [{
                        "id": "E1", "evento": "Favoritismi nell'istruttoria",
                        "probabilita": 2, "impatto": 3, "controlli": 3, "livello": "medio",
                        "motivazione": "importi elevati"
                    }]
                }],
                "misure_specifiche": [{
                    "id": "MS1", "evento": "E1", "obiettivo_prevenzione": "OP1",
                    "misura": "Controllo a campione", "responsabile": "Segretario comunale"
                }],
                "monitoraggi": [{ "misura": "MS1", "tempistiche": "semestrale" }]
            }
        }
    })
}

/// The diagnostics of the 2.3 checks (codes P110–P119), as (code, path, message).
fn di_rischi(diags: &[Value]) -> Vec<(String, String, String)> {
    diags
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("P11")))
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["path"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_small_piao_has_no_problem_in_its_2_3() {
    let (_, diags) = check_json(&piao());
    assert_eq!(di_rischi(&diags), [], "{diags:#?}");
}

#[test]
fn a_measure_against_an_unknown_event_is_refused_where_it_is_written() {
    // Written by hand so that line and column are known: the value "E9" of `evento` is
    // on line 10, at column 55.
    let text = r#"{
  "ente": { "nome": "Comune di Prova" },
  "documento": { "titolo": "PIAO", "anno_inizio": 2025, "anno_fine": 2027 },
  "livelli": [{ "nome": "Obiettivo", "plurale": "Obiettivi" }],
  "albero": [{ "titolo": "Trasparenza degli atti" }],
  "piao": { "dipendenti": "fino_a_50", "rischi": {
    "attivita_sensibili": [{ "id": "A1", "attivita": "Contributi", "eventi": [
      { "id": "E1", "evento": "Favoritismi", "probabilita": 2, "impatto": 3, "controlli": 3, "livello": "medio", "motivazione": "importi" } ] }],
    "misure_specifiche": [
      { "id": "MS1", "misura": "Controllo", "evento": "E9", "responsabile": "Segretario" } ],
    "monitoraggi": [{ "misura": "MS1" }]
  } }
}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("piano.json");
    std::fs::write(&path, text).unwrap();
    let check = piano(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "errore[P111]: la misura specifica `MS1` contrasta l'evento rischioso `E9`, che non esiste"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("piano.json:10:55"), "{stderr}");
    assert!(
        stderr.contains("percorso: `piao.rischi.misure_specifiche[0].evento`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("suggerimento: gli id degli eventi rischiosi sono: E1"),
        "{stderr}"
    );
    let build = piano(&[
        "build",
        path.to_str().unwrap(),
        "-o",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(1));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn every_broken_link_and_rating_is_located() {
    let mut j = piao();
    let r = &mut j["piao"]["rischi"];
    r["misure_generali"][0]["obiettivo_generale"] = "OG7".into();
    r["misure_specifiche"][0]["obiettivo_prevenzione"] = "OP7".into();
    r["obiettivi_prevenzione"][0]["obiettivo_organizzativo"] = "9.9".into();
    r["monitoraggi"][0]["misura"] = "MS7".into();
    // A second event: the id of the first, P 6 on a scale to 5, no reason; 6 × 3 × 2 = 36
    // is alto, not medio.
    r["attivita_sensibili"][0]["eventi"]
        .as_array_mut()
        .unwrap()
        .push(json!({
            "id": "E1", "evento": "Ritardi", "probabilita": 6, "impatto": 3, "controlli": 2,
            "livello": "medio"
        }));
    let (code, diags) = check_json(&j);
    assert_eq!(code, 1);
    let p = "piao.rischi";
    let e2 = format!("{p}.attivita_sensibili[0].eventi[1]");
    let attesi = [
        (
            "P110",
            format!("{e2}.id"),
            format!("l'id `E1` è già usato dall'evento rischioso in `{p}.attivita_sensibili[0].eventi[0]`"),
        ),
        (
            "P112",
            format!("{p}.misure_generali[0].obiettivo_generale"),
            "la misura generale `MG1` è collegata all'obiettivo generale `OG7`, che non esiste".into(),
        ),
        (
            "P112",
            format!("{p}.misure_specifiche[0].obiettivo_prevenzione"),
            "la misura specifica `MS1` è collegata all'obiettivo di prevenzione `OP7`, che non esiste".into(),
        ),
        (
            "P113",
            format!("{p}.monitoraggi[0].misura"),
            "il monitoraggio riguarda la misura `MS7`, che non esiste".into(),
        ),
        (
            "P114",
            format!("{p}.obiettivi_prevenzione[0].obiettivo_organizzativo"),
            "l'obiettivo di prevenzione `OP1` è collegato all'obiettivo organizzativo `9.9`, che non è nell'albero del piano".into(),
        ),
        (
            "P115",
            format!("{e2}.probabilita"),
            "la probabilità 6 è fuori dalla scala dell'ente (da 1 a 5)".into(),
        ),
        (
            "P116",
            format!("{e2}.livello"),
            "l'evento rischioso `E1` ha livello medio, ma P×I×C = 6 × 3 × 2 = 36 e le soglie dell'ente danno alto".into(),
        ),
        (
            "P118",
            e2.clone(),
            "l'evento rischioso `E1` non motiva il livello scelto".into(),
        ),
        (
            "P119",
            format!("{p}.misure_specifiche[0]"),
            "la misura specifica `MS1` non ha un monitoraggio".into(),
        ),
    ];
    let trovati = di_rischi(&diags);
    for (c, path, msg) in &attesi {
        assert!(
            trovati
                .iter()
                .any(|(tc, tp, tm)| tc == c && tp == path && tm == msg),
            "missing {c} at {path}: {msg}\n{trovati:#?}"
        );
    }
    assert_eq!(trovati.len(), attesi.len(), "{trovati:#?}");
    // Every one is located in the file.
    for d in diags
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("P11"))
    {
        assert!(d["position"]["line"].as_u64().is_some(), "{d:#}");
    }
}

#[test]
fn thresholds_that_do_not_rise_are_refused_and_not_applied() {
    let mut j = piao();
    j["piao"]["rischi"]["scala"]["soglie"] = json!({ "basso": 27, "medio": 8 });
    let (_, diags) = check_json(&j);
    assert_eq!(
        di_rischi(&diags),
        [(
            "P117".to_string(),
            "piao.rischi.scala.soglie".to_string(),
            "la soglia del rischio basso (27) non è minore di quella del rischio medio (8)"
                .to_string()
        )]
    );
}

#[test]
fn without_thresholds_any_level_is_accepted() {
    // 2 × 3 × 3 = 18 rated alto: no thresholds, nothing to contradict.
    let mut j = piao();
    j["piao"]["rischi"]["scala"] = json!({});
    j["piao"]["rischi"]["attivita_sensibili"][0]["eventi"][0]["livello"] = "alto".into();
    let (_, diags) = check_json(&j);
    assert_eq!(di_rischi(&diags), []);
}

#[test]
fn a_probability_raised_without_the_level_is_refused_with_the_new_value() {
    // P 2 → 4: 4 × 3 × 3 = 36, above 27: alto, while the plan still says medio.
    let mut j = piao();
    j["piao"]["rischi"]["attivita_sensibili"][0]["eventi"][0]["probabilita"] = 4.into();
    let (code, diags) = check_json(&j);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d["code"] == "P116").unwrap();
    assert_eq!(
        d["message"],
        "l'evento rischioso `E1` ha livello medio, ma P×I×C = 4 × 3 × 3 = 36 e le soglie dell'ente danno alto"
    );
    assert_eq!(
        d["hint"],
        "scrivi \"livello\": \"alto\", o correggi probabilità, impatto o controlli; soglie: fino a 8 basso, fino a 27 medio, oltre alto"
    );
}

#[test]
fn the_examples_2_3_passes_check_rigoroso() {
    for esempio in [
        "data/brescia-piao-2021-2023.json",
        "data/castelnuovo-piao-2025-2027.json",
    ] {
        let json = read_json(&root().join(esempio));
        assert!(
            json["piao"]["rischi"]["attivita_sensibili"]
                .as_array()
                .is_some_and(|a| !a.is_empty()),
            "{esempio} has its 2.3"
        );
        let (_, diags) = check_json(&json);
        let in_2_3: Vec<&Value> = diags
            .iter()
            .filter(|d| {
                d["path"]
                    .as_str()
                    .is_some_and(|p| p.starts_with("piao.rischi"))
            })
            .collect();
        // `--rigoroso` makes every warning an error: none at all may be left.
        assert_eq!(in_2_3, Vec::<&Value>::new(), "{esempio}");
    }
}

/// The PDF text (squashed) and the HTML page of the PIAO and of its 2.3 on its own.
fn documenti(json: &Value) -> [(String, String); 2] {
    let (_dir, path) = plan_file(json);
    let outputs = build_outputs(&path);
    let doc = |base: &str| {
        let pdf = output(&outputs, &format!("{base}.pdf"));
        let html = output(&outputs, &format!("{base}.html"));
        (
            squash(&pdf_text(pdf)),
            String::from_utf8(html.to_vec()).unwrap(),
        )
    };
    [doc("piao-2025-2027"), doc("piao-2025-2027-anticorruzione")]
}

#[test]
fn a_changed_probability_changes_value_and_level_in_the_pdf_and_the_html() {
    // Before: P 2 × I 3 × C 3 = 18, medio (9 to 27). After: P 4 × 3 × 3 = 36, alto (above
    // 27), the level updated as the thresholds require.
    let prima = piao();
    let mut dopo = piao();
    let e1 = &mut dopo["piao"]["rischi"]["attivita_sensibili"][0]["eventi"][0];
    e1["probabilita"] = 4.into();
    e1["livello"] = "alto".into();
    let riga_pdf =
        |p: u16, v: u16, l: &str| format!("E1Favoritisminell'istruttoria{p}33{v}{l}importielevati");
    let riga_html = |p: u16, v: u16, l: &str| {
        format!(
            "<td class=\"num\">{p}</td><td class=\"num\">3</td><td class=\"num\">3</td><td class=\"num\">{v}</td><td>{l}</td>"
        )
    };
    for (pdf, html) in documenti(&prima) {
        assert!(pdf.contains(&riga_pdf(2, 18, "Medio")), "{pdf}");
        assert!(html.contains(&riga_html(2, 18, "Medio")), "{html}");
        // The measure names the event it counters with its rating.
        assert!(
            pdf.contains("E1:Favoritisminell'istruttoriaMedio(18)"),
            "{pdf}"
        );
        assert!(html.contains("<td>Medio (18)</td>"));
        // Events per level: 0 basso, 1 medio, 0 alto, 1 in all.
        assert!(pdf.contains("Basso0Medio1Alto0Totale1"), "{pdf}");
    }
    for (pdf, html) in documenti(&dopo) {
        assert!(pdf.contains(&riga_pdf(4, 36, "Alto")), "{pdf}");
        assert!(!pdf.contains(&riga_pdf(2, 18, "Medio")));
        assert!(html.contains(&riga_html(4, 36, "Alto")), "{html}");
        assert!(!html.contains(&riga_html(2, 18, "Medio")));
        assert!(
            pdf.contains("E1:Favoritisminell'istruttoriaAlto(36)"),
            "{pdf}"
        );
        assert!(html.contains("<td>Alto (36)</td>"));
        assert!(pdf.contains("Basso0Medio0Alto1Totale1"), "{pdf}");
    }
}

#[test]
fn a_prevention_objective_links_an_ovp_and_a_strategy_of_2_1() {
    // With 2.1 (OVP1, strategy S1), OP1 naming OVP9 and S9: two P114 at their keys; with
    // OVP1 and S1, none.
    let mut plan = piao();
    plan["piao"]["valore_pubblico"] = json!({
        "concetto": "c",
        "obiettivi": [{ "id": "OVP1", "denominazione": "Valore", "strategie": [{ "id": "S1", "denominazione": "Strategia" }] }]
    });
    let op = &mut plan["piao"]["rischi"]["obiettivi_prevenzione"][0];
    op["obiettivo_valore_pubblico"] = json!("OVP9");
    op["strategia"] = json!("S9");
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    let p114: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "P114")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        p114,
        [
            "piao.rischi.obiettivi_prevenzione[0].obiettivo_valore_pubblico",
            "piao.rischi.obiettivi_prevenzione[0].strategia"
        ]
    );
    let op = &mut plan["piao"]["rischi"]["obiettivi_prevenzione"][0];
    op["obiettivo_valore_pubblico"] = json!("OVP1");
    op["strategia"] = json!("S1");
    let (_, diags) = check_json(&plan);
    assert!(!diags.iter().any(|d| d["code"] == "P114"), "{diags:#?}");
}
