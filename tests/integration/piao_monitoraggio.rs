//! The PIAO's section 4 Monitoraggio (sub-phases, milestones, Gantt chart) and
//! subsection 3.3.2 Formazione del personale: their checks, located, and what the
//! documents print.

use crate::check::check_json;
use crate::common::*;

/// The small fixture plan made a PIAO with only `formazione` and `monitoraggio`.
fn piao(formazione: serde_json::Value, monitoraggio: serde_json::Value) -> serde_json::Value {
    let mut json = read_json(&minimo());
    json["piao"] = serde_json::json!({
        "dipendenti": "oltre_50",
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
