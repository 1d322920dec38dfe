//! PIAO 3.1 Struttura organizzativa and 3.3.1 Piano dei fabbisogni di personale: the
//! checks (P120–P127, located) and the computed figures as a reader sees them.

use serde_json::{Value, json};

use crate::check::check_json;
use crate::common::*;

/// The small plan (triennium 2024–2026) as a PIAO semplificato with the two sections
/// given and the others it requires, minimal.
pub fn piao(struttura: Value, fabbisogni: Value) -> Value {
    let mut plan = read_json(&minimo());
    plan["piao"] = json!({
        "dipendenti": "fino_a_50",
        "anagrafica": {},
        "rischi": {},
        "struttura": struttura,
        "lavoro_agile": { "condizioni": {
            "servizi_agli_utenti": "Sì", "rotazione_e_prevalenza": "Sì",
            "riservatezza_dei_dati": "Sì", "smaltimento_arretrato": "Sì",
            "dotazione_tecnologica": "Sì"
        } },
        "fabbisogni": fabbisogni,
        "pubblicazione": { "autorita": "Giunta Comunale", "url_trasparenza": "https://www.comune.example.it/piao" }
    });
    plan
}

fn codici<'a>(diags: &'a [Value], prefisso: &str) -> Vec<(&'a str, &'a str)> {
    diags
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with(prefisso)))
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["path"].as_str().unwrap_or(""),
            )
        })
        .collect()
}

#[test]
fn rimodulazione_and_its_table_go_together() {
    let riga = json!([{ "qualifica": "Area degli Istruttori", "unita": 3, "valore": 90000 }]);
    // True without the table: a warning at the flag.
    let (code, diags) = check_json(&piao(json!({}), json!({ "rimodulazione": true })));
    assert_eq!(code, 0, "{diags:?}");
    assert_eq!(
        codici(&diags, "P12"),
        [("P120", "piao.fabbisogni.rimodulazione")]
    );
    assert_eq!(diags[0]["severity"], "avviso");
    // The table without the flag: an error at the table.
    let (code, diags) = check_json(&piao(
        json!({}),
        json!({ "tabelle": { "dotazione_rimodulata": riga } }),
    ));
    assert_eq!(code, 1);
    assert_eq!(
        codici(&diags, "P12"),
        [("P121", "piao.fabbisogni.tabelle.dotazione_rimodulata")]
    );
    // Both: nothing to say.
    let (code, diags) = check_json(&piao(
        json!({}),
        json!({ "rimodulazione": true, "tabelle": { "dotazione_rimodulata": riga } }),
    ));
    assert_eq!(code, 0);
    assert!(codici(&diags, "P12").is_empty(), "{diags:?}");
}

#[test]
fn counts_are_whole_and_not_negative_and_di_cui_within_total() {
    let struttura = json!({
        "ampiezza": [
            { "unita": "Segreteria", "risorse": 4.5 },
            { "unita": "Tecnico", "risorse": -1 }
        ],
        "personale_per_profilo": [{ "profilo": "Istruttore", "unita": 2.25 }]
    });
    let fabbisogni = json!({
        "tabelle": {
            "non_dirigenti": [
                { "area": "Area dei Funzionari", "posti": 5, "di_ruolo": 4 },
                { "area": "Area degli Istruttori", "posti": 9, "di_ruolo": 3, "comandati_out": 4 }
            ],
            "cessazioni": [{ "qualifica": "Area degli Operatori", "unita": 1, "risorse": -500 }],
            // Items of expenditure may be negative: no error.
            "limite_spesa": [{ "voce": "Componenti escluse", "anno_t": -10, "anno_t_1": -10, "anno_t_2": -10 }],
            "copertura": [
                { "anno": 2027, "aree": [{ "qualifica": "Area degli Istruttori", "reclutamento": "Concorso", "unita": 1.5 }] },
                { "anno": 2024 },
                { "anno": 2024 }
            ]
        }
    });
    let (code, diags) = check_json(&piao(struttura, fabbisogni));
    assert_eq!(code, 1);
    let mut trovati = codici(&diags, "P12");
    trovati.sort();
    assert_eq!(
        trovati,
        [
            ("P122", "piao.fabbisogni.tabelle.cessazioni[0].risorse"),
            ("P122", "piao.struttura.ampiezza[1].risorse"),
            ("P123", "piao.fabbisogni.tabelle.copertura[0].aree[0].unita"),
            ("P123", "piao.struttura.ampiezza[0].risorse"),
            ("P123", "piao.struttura.personale_per_profilo[0].unita"),
            (
                "P124",
                "piao.fabbisogni.tabelle.non_dirigenti[1].comandati_out"
            ),
            ("P126", "piao.fabbisogni.tabelle.copertura[0].anno"),
            ("P126", "piao.fabbisogni.tabelle.copertura[2].anno"),
        ]
    );
    let p124 = diags.iter().find(|d| d["code"] == "P124").unwrap();
    assert_eq!(
        p124["message"],
        "nella riga «Area degli Istruttori» i comandati OUT (4) sono più del personale di ruolo (3), di cui fanno parte"
    );
    // Located in the file: line and column of the value.
    assert!(p124["position"]["line"].as_u64().is_some(), "{p124}");
}

#[test]
fn tabella_funzionale_targets_outside_the_triennium_are_warned() {
    let riga = json!({
        "codice": "FP-01",
        "indicatore": {
            "descrizione": "Tempo medio di copertura",
            "target": { "2024": "<= 180", "2030": "<= 100" },
            "peso": 50
        }
    });
    let (code, diags) = check_json(&piao(json!({ "funzionale": [riga] }), json!({})));
    assert_eq!(code, 0, "{diags:?}");
    // Section 1's own warnings (P13x, an empty anagrafica) are not this test's.
    let diags: Vec<Value> = diags
        .into_iter()
        .filter(|d| !d["code"].as_str().unwrap().starts_with("P13"))
        .collect();
    assert_eq!(
        codici(&diags, "P"),
        // Sorted by position in the file.
        [
            ("P090", "piao.struttura.funzionale[0].indicatore.peso"),
            (
                "P127",
                "piao.struttura.funzionale[0].indicatore.target.2030"
            ),
        ]
    );
}

#[test]
fn tabella_funzionale_ovp_must_exist_when_2_1_is_there() {
    let riga = json!({
        "codice": "SO-01", "ovp": "OVP9",
        "indicatore": { "descrizione": "Azioni realizzate", "target": { "2024": ">= 40%" } }
    });
    // Without 2.1 (a PIAO semplificato) there is nothing to check against.
    let plan = piao(json!({ "funzionale": [riga] }), json!({}));
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 0, "{diags:?}");
    // With 2.1 and no such OVP: an error at the link.
    let mut plan = plan;
    plan["piao"]["valore_pubblico"] = json!({ "generale": [] });
    plan["piao"]["fabbisogni"] = json!({ "funzionale": [riga] });
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    let mut trovati = codici(&diags, "P12");
    trovati.sort();
    assert_eq!(
        trovati,
        [
            ("P125", "piao.fabbisogni.funzionale[0].ovp"),
            ("P125", "piao.struttura.funzionale[0].ovp"),
        ]
    );
    assert_eq!(
        diags.iter().find(|d| d["code"] == "P125").unwrap()["message"],
        "la riga SO-01 della tabella funzionale è collegata all'obiettivo di valore pubblico «OVP9», che non esiste: la sottosezione 2.1 non ne definisce"
    );
}

/// Builds `plan` in-process: the PIAO's PDF text (squashed, with the figures' alternative
/// texts) and its HTML page.
fn documenti(plan: &Value) -> (String, String) {
    let (_dir, path) = plan_file(plan);
    let outputs = build_outputs(&path);
    let pdf = output(&outputs, "piao-2024-2026.pdf");
    let testo = squash(&format!("{}\n{}", pdf_text(pdf), alt_texts(pdf).join("\n")));
    let html = String::from_utf8(output(&outputs, "piao-2024-2026.html").to_vec()).unwrap();
    (testo, html)
}

fn struttura(tecnico: u32) -> Value {
    json!({
        "ampiezza": [
            { "unita": "Segreteria", "risorse": 12 },
            { "unita": "Tecnico", "risorse": tecnico },
            { "unita": "Finanziario", "risorse": 4 }
        ],
        "personale_per_profilo": [
            { "profilo": "Funzionario", "unita": 9 },
            { "profilo": "Istruttore", "unita": 14 }
        ]
    })
}

fn fabbisogni(funzionari: u32) -> Value {
    json!({
        "tabelle": {
            "cessazioni": [
                { "qualifica": "Dirigente", "dirigenziale": true, "unita": 1, "risorse": 85000 },
                { "qualifica": "Area dei Funzionari", "unita": funzionari, "risorse": 70000 }
            ]
        }
    })
}

/// The totals row of a table in the HTML page, cell by cell.
fn riga_html(etichetta: &str, celle: &[&str]) -> String {
    let mut r = format!("<th scope=\"row\">{etichetta}</th>");
    for c in celle {
        r.push_str(&format!("<td class=\"num\">{c}</td>"));
    }
    r
}

#[test]
fn totals_and_the_ampiezza_media_are_computed_in_pdf_and_html() {
    // Ampiezza: 12 + 7 + 4 = 23 units, 23 / 3 = 7,67 per unit. Cessazioni: 1 + 2 = 3
    // units and 85.000 + 70.000 = 155.000 euro; of dirigenti 1 and 85.000.
    let (pdf, html) = documenti(&piao(struttura(7), fabbisogni(2)));
    for atteso in [
        "Totaleunità23",
        "AmpiezzamediaU.O.:7,67",
        "Totalecomplessivo3€155.000",
        "Totaledirigenti:Totaleunitàcessate1;Totalerisorsedacessazione€85.000.",
        "Totalearee:Totaleunitàcessate2;Totalerisorsedacessazione€70.000.",
    ] {
        assert!(pdf.contains(atteso), "{atteso} not in the PDF: {pdf}");
    }
    assert!(html.contains(&riga_html("Totale unità", &["23"])), "{html}");
    assert!(html.contains("Ampiezza media U.O.: 7,67"));
    assert!(html.contains(&riga_html("Totale complessivo", &["3", "€ 155.000"])));

    // One more in Tecnico: 24 units, 24 / 3 = 8,00. Two more Funzionari leaving: 5 units.
    let (pdf, html) = documenti(&piao(struttura(8), fabbisogni(4)));
    for atteso in [
        "Totaleunità24",
        "AmpiezzamediaU.O.:8,00",
        "Totalecomplessivo5€155.000",
        "Totalearee:Totaleunitàcessate4;Totalerisorsedacessazione€70.000.",
    ] {
        assert!(pdf.contains(atteso), "{atteso} not in the PDF: {pdf}");
    }
    assert!(!pdf.contains("AmpiezzamediaU.O.:7,67"));
    assert!(html.contains(&riga_html("Totale unità", &["24"])));
    assert!(html.contains("Ampiezza media U.O.: 8,00"));
    assert!(html.contains(&riga_html("Totale complessivo", &["5", "€ 155.000"])));
}

#[test]
fn staff_by_profile_is_a_chart_in_the_list_of_figures_with_its_table() {
    let (pdf, html) = documenti(&piao(struttura(7), json!({})));
    // Listed among the figures, captioned, its values in the alternative text, and the
    // table of the same values (9 + 14 = 23) beside it.
    // The list of figures writes «Figura N Titolo», the caption «Figura N: Titolo».
    assert!(pdf.contains("Elencodellefigure"), "{pdf}");
    assert!(
        (1..10).any(|n| pdf.contains(&format!("Figura{n}Personaleperprofilodiruolo"))),
        "{pdf}"
    );
    assert!(pdf.contains("Graficoabarre:Personaleperprofilodiruolo.Funzionario9dipendenti;Istruttore14dipendenti."), "{pdf}");
    assert!(pdf.contains("Personaleperprofilodiruolo:ivaloridelgrafico"));
    assert!(pdf.contains("Totale23"));
    assert!(html.contains("<figure>"));
    assert!(html.contains("Personale per profilo di ruolo"));
    assert!(html.contains(&riga_html("Totale", &["23"])));
}
