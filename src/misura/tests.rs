//! The roll-up on a small plan, every figure computed by hand in the comments.

use super::*;
use crate::consuntivo::Consuntivo;

fn piano() -> Piano {
    serde_json::from_value(serde_json::json!({
        "ente": {"nome": "Ente"},
        "documento": {"titolo": "Piano", "anno_inizio": 2021, "anno_fine": 2023},
        "livelli": [
            {"nome": "Area", "plurale": "Aree", "scheda": false},
            {"nome": "Obiettivo strategico", "plurale": "Obiettivi strategici"},
            {"nome": "Obiettivo operativo", "plurale": "Obiettivi operativi", "scadenze": ["30/6", "31/12"]}
        ],
        "ponderazione": {"quota_indicatori": 50},
        "albero": [{"titolo": "Area", "figli": [
            {"titolo": "Strategico A", "peso": 60, "indicatori": [
                {"descrizione": "Imprese", "target": {"2021": ">= 100", "2022": ">= 120", "2023": ">= 140"}, "peso": 40},
                {"descrizione": "Avvio", "target": {"2021": "SI", "2022": "SI", "2023": "SI"}, "peso": 60}
            ], "figli": [
                {"id": "oo1", "titolo": "Operativo 1", "peso": 70, "indicatori": [
                    {"descrizione": "Tempi", "target": {"30/6": "<= 35 gg.", "31/12": "<= 30 gg."}}
                ]},
                {"titolo": "Operativo 2", "peso": 30, "indicatori": [
                    {"descrizione": "Regolamento", "target": {"30/6": "-", "31/12": "entro il 30/9/2021"}}
                ]}
            ]},
            {"titolo": "Strategico B", "peso": 40, "indicatori": [
                {"descrizione": "Gruppi", "target": {"2021": "Avvio gruppi di lavoro", "2022": "-", "2023": "-"}}
            ]}
        ]}],
        "assegnazioni": {"anno": 2021, "dirigenti": [
            {"nome": "Rossi", "ruolo": "Dirigente", "obiettivi": [
                {"obiettivo": "1.1.1", "peso": 50}, {"obiettivo": "1.2", "peso": 30}, {"obiettivo": "1.1.2", "peso": 20}
            ]}
        ]}
    }))
    .unwrap()
}

fn consuntivo(risultati: serde_json::Value) -> Consuntivo {
    serde_json::from_value(serde_json::json!({
        "piano": "piano.json", "anno": 2021, "risultati": risultati
    }))
    .unwrap()
}

fn tutti() -> serde_json::Value {
    serde_json::json!([
        {"obiettivo": "1.1", "indicatore": 1, "valore": 80},
        {"obiettivo": "1.1", "indicatore": 2, "valore": "SI"},
        {"obiettivo": "oo1", "indicatore": 1, "scadenza": "30/6", "valore": "33 gg."},
        {"obiettivo": "oo1", "indicatore": 1, "valore": 40, "unita": "giorni", "note": "picco di istanze"},
        {"obiettivo": "1.1.2", "indicatore": 1, "valore": "2021-10-10"},
        {"obiettivo": "1.2", "indicatore": 1, "valore": "avviati due gruppi su quattro", "realizzazione": 50}
    ])
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a figure");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn achievement_rolls_up_by_the_plans_rules() {
    let piano = piano();
    let indice = Indice::build(&piano);
    let (m, problemi) = misura(&piano, &indice, &consuntivo(tutti()));
    assert_eq!(problemi, vec![]);
    // Entries: 0 Area, 1 Strategico A, 2 Operativo 1, 3 Operativo 2, 4 Strategico B.
    // Operativo 1: <= 30 days, 40 reached: 30 / 40 = 75%.
    close(m.nodi[2].realizzazione, 75.0);
    // Operativo 2: deadline 30/9, done 10/10: late, 0% by default.
    close(m.nodi[3].realizzazione, 0.0);
    // Strategico A, own: 80/100 = 80% weighted 40, SI = 100% weighted 60: 32 + 60 = 92.
    close(m.nodi[1].indicatori.as_ref().map(|o| o.valore), 92.0);
    // Children: 75 × 70% + 0 × 30% = 52,5.
    close(m.nodi[1].figli.as_ref().map(|o| o.valore), 52.5);
    // Ponderazione 50/50: 46 + 26,25 = 72,25.
    close(m.nodi[1].realizzazione, 72.25);
    // Strategico B: achievement stated for a target in words, 50%.
    close(m.nodi[4].realizzazione, 50.0);
    // Area: 72,25 × 60% + 50 × 40% = 43,35 + 20 = 63,35; the body, one area: the same.
    close(m.nodi[0].realizzazione, 63.35);
    close(m.ente.as_ref().map(|e| e.valore), 63.35);
    // Rossi: 75 × 50% + 50 × 30% + 0 × 20% = 37,5 + 15 = 52,5.
    close(m.dirigenti[0].media.as_ref().map(|d| d.valore), 52.5);
    // The 30/6 result is printed, not counted.
    let tempi = m.indicatori.iter().find(|i| i.voce == 2).unwrap();
    assert_eq!(tempi.scadenza, "31/12");
    assert_eq!(tempi.intermedi.len(), 1);
    assert_eq!(tempi.intermedi[0].risultato, "33 gg.");
    assert_eq!(tempi.note.as_deref(), Some("picco di istanze"));
}

#[test]
fn a_node_with_both_and_no_ponderazione_counts_its_own_indicators() {
    let mut piano = piano();
    piano.ponderazione = None;
    let indice = Indice::build(&piano);
    let (m, _) = misura(&piano, &indice, &consuntivo(tutti()));
    assert_eq!(
        m.nodi[1].regola,
        Some(RegolaNodo::IndicatoriSenzaPonderazione)
    );
    close(m.nodi[1].realizzazione, 92.0);
}

#[test]
fn weights_are_normalised_to_their_sum_and_missing_ones_mean_a_plain_mean() {
    // 30 and 30 (sum 60): 50% each; 80 and 100 give 90.
    let m = Media::di(vec![
        ("a".into(), 80.0, Some(30.0)),
        ("b".into(), 100.0, Some(30.0)),
    ])
    .unwrap();
    assert_eq!(
        (m.regola, m.somma_pesi),
        (RegolaMedia::Ponderata, Some(60.0))
    );
    assert_eq!(m.termini[0].quota, 50.0);
    close(Some(m.valore), 90.0);
    // One weight missing: plain mean of 80, 100 and 30 = 70.
    let m = Media::di(vec![
        ("a".into(), 80.0, Some(30.0)),
        ("b".into(), 100.0, None),
        ("c".into(), 30.0, Some(10.0)),
    ])
    .unwrap();
    assert_eq!(m.regola, RegolaMedia::Semplice);
    close(Some(m.valore), 70.0);
}

#[test]
fn a_missing_result_counts_zero_and_is_reported_in_the_plan() {
    let piano = piano();
    let indice = Indice::build(&piano);
    let mut r = tutti();
    r.as_array_mut().unwrap().remove(0);
    let (m, problemi) = misura(&piano, &indice, &consuntivo(r));
    assert_eq!(
        problemi,
        vec![Problema {
            percorso: "albero[0].figli[0].indicatori[0]".into(),
            nel_piano: true,
            tipo: TipoProblema::Mancante {
                nome: "indicatore 1 di 1.1".into(),
                scadenza: "2021".into()
            }
        }]
    );
    // Own: 0 × 40% + 100 × 60% = 60.
    close(m.nodi[1].indicatori.as_ref().map(|o| o.valore), 60.0);
}

#[test]
fn unusable_results_are_located() {
    let piano = piano();
    let indice = Indice::build(&piano);
    let (_, problemi) = misura(
        &piano,
        &indice,
        &consuntivo(serde_json::json!([
            {"obiettivo": "9.9", "indicatore": 1, "valore": 1},
            {"obiettivo": "1.1", "indicatore": 3, "valore": 1},
            {"obiettivo": "1.1", "indicatore": 1, "valore": "2021-05-30"},
            {"obiettivo": "oo1", "indicatore": 1, "valore": "40%"},
            {"obiettivo": "1.1", "indicatore": 2, "valore": "SI", "realizzazione": 100},
            {"obiettivo": "1.1", "indicatore": 2, "scadenza": "2025", "valore": "SI"},
            {"obiettivo": "1.2", "indicatore": 1, "valore": "avviati"},
            {"obiettivo": "1.2", "indicatore": 1, "valore": "x", "realizzazione": 10},
            {"obiettivo": "1.1.2", "indicatore": 1, "valore": "2021-09-01"},
            {"obiettivo": "1.1.2", "indicatore": 1, "valore": "2021-09-02"}
        ])),
    );
    let mut paths: Vec<&str> = problemi
        .iter()
        .filter(|p| !p.nel_piano)
        .map(|p| p.percorso.as_str())
        .collect();
    paths.sort();
    // 0 unknown objective, 1 unknown indicator, 2 a date for a number, 3 a percentage for
    // days, 4 an achievement stated for SI, 5 a deadline the level lacks, 6 words without
    // an achievement, 7 a second result for 1.2 (after 6), 9 a second one for 1.1.2.
    assert_eq!(
        paths,
        vec![
            "risultati[0].obiettivo",
            "risultati[1].indicatore",
            "risultati[2].valore",
            "risultati[3].valore",
            "risultati[4].realizzazione",
            "risultati[5].scadenza",
            "risultati[6].realizzazione",
            "risultati[7]",
            "risultati[9]",
        ]
    );
    assert!(matches!(
        problemi
            .iter()
            .find(|p| p.percorso == "risultati[3].valore")
            .unwrap()
            .tipo,
        TipoProblema::Unita { .. }
    ));
}
