//! The PIAO's section 1 (anagrafica) and subsection 2.1 (valore pubblico), and the value
//! chain from the plan's objectives to the strategies: checks located by JSON path and the
//! chain printed in the documents.

use serde_json::{Value, json};

use crate::check::check_json;
use crate::common::*;

/// The small fixture plan made a PIAO semplificato: section 1 with a priority, an area and
/// a stakeholder; 2.1 with one OVP and one strategy, which objective 1.1 links to; the other
/// required subsections empty, 3.2 stating its five conditions.
pub fn piao_minimo() -> Value {
    let mut plan = read_json(&minimo());
    plan["albero"][0]["figli"][0]["strategia"] = json!("S1.1");
    plan["piao"] = json!({
        "dipendenti": "fino_a_50",
        "anagrafica": {
            "codice_fiscale": "00000000000",
            "rpct": { "nome": "Anna", "cognome": "Bianchi", "data_nomina": "2024-03-01" },
            "cronoprogramma": "Redazione tra ottobre e gennaio.",
            "missione": "Servire la comunità.",
            "priorita_politiche": [{ "id": "P1", "nome": "Città sostenibile" }],
            "aree_organizzative": [{ "id": "A1", "nome": "Area Tecnica" }],
            "stakeholder": [{ "id": "SH1", "nome": "Cittadini", "relazione": "utenti dei servizi" }]
        },
        "valore_pubblico": {
            "concetto": "Il benessere della comunità.",
            "obiettivi": [{
                "id": "OVP1", "denominazione": "Muoversi meglio in città",
                "priorita": ["P1"], "aree": ["A1"], "stakeholder": ["SH1"],
                "strategie": [{ "id": "S1.1", "denominazione": "Rete ciclabile continua" }]
            }]
        },
        "rischi": {},
        "struttura": {},
        "lavoro_agile": { "condizioni": {
            "servizi_agli_utenti": "Sportelli sempre aperti.",
            "rotazione_e_prevalenza": "Al più due giorni a settimana.",
            "riservatezza_dei_dati": "VPN e dispositivi dell'ente.",
            "smaltimento_arretrato": "Nessun arretrato.",
            "dotazione_tecnologica": "Portatile per ogni lavoratore agile."
        } },
        "fabbisogni": {},
        "pubblicazione": { "autorita": "Giunta Comunale", "url_trasparenza": "https://prova.example.it/trasparenza" }
    });
    plan
}

fn codici(diags: &[Value]) -> Vec<(String, String)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["path"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_complete_piao_section_passes_the_strict_check() {
    let (_dir, path) = plan_file(&piao_minimo());
    let out = piano(&["check", "--rigoroso", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An objective linked to a strategy that 2.1 does not have is refused, at the link's
/// line and column, with the nearest id suggested.
#[test]
fn an_unknown_strategy_is_refused_where_the_objective_names_it() {
    let mut plan = piao_minimo();
    plan["albero"][0]["figli"][0]["strategia"] = json!("S1.2");
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1, "{diags:?}");
    let d = diags
        .iter()
        .find(|d| d["code"] == "P131")
        .unwrap_or_else(|| panic!("no P131 in {diags:?}"));
    assert_eq!(d["severity"], "errore");
    assert_eq!(d["path"], "albero[0].figli[0].strategia");
    assert_eq!(
        d["message"],
        "l'obiettivo 1.1 è collegato alla strategia `S1.2`, che non esiste nella sottosezione 2.1 Valore pubblico"
    );
    assert_eq!(d["hint"], "forse intendevi `S1.1`?");
    // The plan file as written by `plan_file` (pretty JSON): the line of `"strategia"`.
    let testo = serde_json::to_string_pretty(&plan).unwrap();
    let riga = testo
        .lines()
        .position(|l| l.contains("\"strategia\": \"S1.2\""))
        .unwrap()
        + 1;
    assert_eq!(d["position"]["line"], riga as u64, "{d}");
}

/// Without a subsection 2.1 a link has nothing to point at.
#[test]
fn a_strategy_without_subsection_2_1_is_refused() {
    let mut plan = piao_minimo();
    plan["piao"]
        .as_object_mut()
        .unwrap()
        .remove("valore_pubblico");
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d["code"] == "P131").unwrap();
    assert_eq!(
        d["message"],
        "l'obiettivo 1.1 è collegato alla strategia `S1.1`, ma il piano non ha la sottosezione 2.1 Valore pubblico (`piao.valore_pubblico`)"
    );
}

/// Duplicate ids, an OVP naming what section 1 lacks, an OVP without strategies, a
/// resource for an unknown OVP, a missing required text and a bad date: each located.
#[test]
fn broken_links_and_ids_of_the_value_chain_are_each_located() {
    let mut plan = piao_minimo();
    let piao = &mut plan["piao"];
    piao["anagrafica"]["aree_organizzative"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "A1", "nome": "Doppione" }));
    piao["anagrafica"]["rpct"]["data_nomina"] = json!("2024-02-30");
    piao["anagrafica"]
        .as_object_mut()
        .unwrap()
        .remove("missione");
    let vp = &mut piao["valore_pubblico"];
    vp["obiettivi"][0]["aree"] = json!(["A1", "A9"]);
    vp["obiettivi"][0]["stakeholder"] = json!(["SH2"]);
    vp["obiettivi"].as_array_mut().unwrap().push(json!({
        "id": "OVP2", "denominazione": "Senza strategie", "priorita": ["P7"]
    }));
    vp["obiettivi"].as_array_mut().unwrap().push(json!({
        "id": "OVP3", "denominazione": "Strategia doppia",
        "strategie": [{ "id": "S1.1", "denominazione": "Copia" }]
    }));
    vp["risorse_finanziarie"] =
        json!([{ "obiettivo": "OVP9", "iniziativa": "Bando", "dotazione": 1000 }]);
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    let trovati = codici(&diags);
    let b = "piao.valore_pubblico";
    for (codice, percorso) in [
        (
            "P130",
            "piao.anagrafica.aree_organizzative[1].id".to_string(),
        ),
        ("P007", "piao.anagrafica.rpct.data_nomina".to_string()),
        ("P135", "piao.anagrafica".to_string()),
        ("P132", format!("{b}.obiettivi[0].aree[1]")),
        ("P132", format!("{b}.obiettivi[0].stakeholder[0]")),
        ("P132", format!("{b}.obiettivi[1].priorita[0]")),
        ("P133", format!("{b}.obiettivi[1]")),
        ("P130", format!("{b}.obiettivi[2].strategie[0].id")),
        ("P134", format!("{b}.risorse_finanziarie[0].obiettivo")),
    ] {
        assert!(
            trovati.contains(&(codice.to_string(), percorso.clone())),
            "{codice} at {percorso} not in {trovati:?}"
        );
    }
    let d = diags
        .iter()
        .find(|d| d["code"] == "P130" && d["path"] == format!("{b}.obiettivi[2].strategie[0].id"))
        .unwrap();
    assert_eq!(
        d["message"],
        "`id` ripetuto tra le strategie attuative: `S1.1` è già in `piao.valore_pubblico.obiettivi[0].strategie[0].id`"
    );
    let d = diags.iter().find(|d| d["code"] == "P132").unwrap();
    assert_eq!(
        d["message"],
        "l'obiettivo di valore pubblico OVP1 nomina l'area organizzativa `A9`, che non esiste in `piao.anagrafica.aree_organizzative`"
    );
    // OVP2 lacks strategies: a warning, as the portal only needs one OVP with one.
    let d = diags.iter().find(|d| d["code"] == "P133").unwrap();
    assert_eq!(d["severity"], "avviso");
}

/// The chain OVP → strategia → objective, printed both ways: the objective's scheda names
/// its OVP and strategy, and 2.1 lists under the strategy the objective, by code and title.
#[test]
fn the_value_chain_is_printed_in_the_pdf_and_the_html() {
    let (_dir, path) = plan_file(&piao_minimo());
    let outputs = build_outputs(&path);
    let names: Vec<&str> = outputs.iter().map(|o| o.name.as_str()).collect();
    let pdf_name = names
        .iter()
        .find(|n| n.starts_with("piao-") && n.ends_with("2026.pdf"));
    let pdf_name = pdf_name.unwrap_or_else(|| panic!("no PIAO PDF in {names:?}"));
    let pdf = squash(&pdf_text(output(&outputs, pdf_name)));
    let html = String::from_utf8_lossy(output(&outputs, &pdf_name.replace(".pdf", ".html")))
        .replace("&#x27;", "'");
    let html = squash(&senza_tag(&html));
    for testo in [
        // In the scheda of objective 1.1.
        "Valore pubblico",
        "OVP1 – Muoversi meglio in città → strategia S1.1 – Rete ciclabile continua",
        // In 2.1: the chain's row, strategy then the objective that contributes, by code.
        "S1.1 – Rete ciclabile continua Obiettivo strategico 1.1: Mobilità dolce",
        // The strategy's own table.
        "Obiettivi del piano che vi contribuiscono Obiettivo strategico 1.1: Mobilità dolce",
        // In section 1: the matrix crosses the priority and the area at OVP1.
        "OVP1 – Muoversi meglio in città",
    ] {
        let t = squash(testo);
        assert!(pdf.contains(&t), "PDF lacks «{testo}»");
        assert!(html.contains(&t), "HTML lacks «{testo}»");
    }
    // The section titles are in the PDF's outline, in the Piano tipo's order.
    let titoli = outline_titles(output(&outputs, pdf_name));
    let pos = |t: &str| titoli.iter().position(|x| x.contains(t));
    let (uno, due) = (pos("Scheda anagrafica"), pos("Valore pubblico"));
    assert!(uno.is_some() && due.is_some() && uno < due, "{titoli:?}");
}

/// The text of an HTML page without its tags.
fn senza_tag(html: &str) -> String {
    let mut out = String::new();
    let mut dentro = false;
    for c in html.chars() {
        match c {
            '<' => dentro = true,
            '>' => dentro = false,
            _ if !dentro => out.push(c),
            _ => {}
        }
    }
    out
}

/// `piano diff` names a changed OVP or strategy by its denominazione, and a changed link by
/// the objective's code.
#[test]
fn diff_names_what_changed_in_the_value_chain() {
    let vecchio = piao_minimo();
    let mut nuovo = vecchio.clone();
    nuovo["piao"]["valore_pubblico"]["obiettivi"][0]["strategie"][0]["responsabile"] =
        json!("Ufficio Mobilità");
    nuovo["piao"]["valore_pubblico"]["obiettivi"][0]["strategie"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "S1.2", "denominazione": "Zone 30" }));
    nuovo["albero"][0]["figli"][0]["strategia"] = json!("S1.2");
    let (_a, a) = plan_file(&vecchio);
    let (_b, b) = plan_file(&nuovo);
    let out = piano(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    let testo = String::from_utf8_lossy(&out.stdout);
    for riga in [
        "~ 1.1 › strategia",
        "S1.1 → S1.2",
        "~ piao › valore pubblico › «Muoversi meglio in città» › «Rete ciclabile continua» › responsabile",
        "— → Ufficio Mobilità",
        "~ piao › valore pubblico › «Muoversi meglio in città» › «Zone 30»",
    ] {
        assert!(testo.contains(riga), "«{riga}» not in:\n{testo}");
    }
}
