//! `piano check`: every problem of a plan at once, located, in Italian.

use crate::common::*;

fn check_json(json: &serde_json::Value) -> (i32, Vec<serde_json::Value>) {
    let (_dir, path) = plan_file(json);
    let out = piano(&[
        "check",
        "--formato-diagnostica",
        "json",
        path.to_str().unwrap(),
    ]);
    let diags: serde_json::Value = if out.stderr.starts_with(b"[") {
        serde_json::from_slice(
            &out.stderr[..out.stderr.iter().rposition(|&b| b == b']').unwrap() + 1],
        )
        .unwrap()
    } else {
        serde_json::json!([])
    };
    (
        out.status.code().unwrap(),
        diags.as_array().unwrap().clone(),
    )
}

fn has(diags: &[serde_json::Value], code: &str, path: &str) -> bool {
    diags.iter().any(|d| d["code"] == code && d["path"] == path)
}

#[test]
fn structural_errors_are_all_reported_sorted_by_position() {
    let mut json = read_json(&minimo());
    json["ente"]["nomee"] = "x".into();
    json["documento"]["anno_inizio"] = "2024".into();
    json["albero"][0]["figli"][0]["peso"] = 140.into();
    json["albero"][0]["figli"][0]["indicatori"][0]["unità"] = "km".into();
    json["atti"][0]["tipo"] = "validazion".into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1);
    assert!(has(&diags, "P004", "ente.nomee"), "{diags:#?}");
    assert!(has(&diags, "P002", "documento.anno_inizio"), "{diags:#?}");
    assert!(has(&diags, "P005", "atti[0].tipo"), "{diags:#?}");
    assert!(has(&diags, "P013", "albero[0].figli[0].peso"), "{diags:#?}");
    assert!(
        has(&diags, "P004", "albero[0].figli[0].indicatori[0].unità"),
        "{diags:#?}"
    );
    let lines: Vec<u64> = diags
        .iter()
        .map(|d| d["position"]["line"].as_u64().unwrap())
        .collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "not sorted by position");
    let unita = diags
        .iter()
        .find(|d| d["path"] == "albero[0].figli[0].indicatori[0].unità")
        .unwrap();
    assert_eq!(unita["hint"], "forse intendevi `unita`?");
    let tipo = diags.iter().find(|d| d["code"] == "P005").unwrap();
    assert_eq!(tipo["hint"], "forse intendevi `validazione`?");
}

#[test]
fn semantic_errors_are_all_reported() {
    let mut json = read_json(&minimo());
    let strategic = &mut json["albero"][0]["figli"][0];
    strategic["indicatori"][0]["peso"] = 90.into();
    strategic["indicatori"][0]["target"]["2031"] = "x".into();
    strategic["figli"][0]["peso"] = 80.into();
    json["atti"][0]["data"] = "2024-02-15".into();
    json["assegnazioni"]["dirigenti"][0]["obiettivi"][0]["obiettivo"] = "9.9".into();
    json["assegnazioni"]["dirigenti"][0]["obiettivi"][1]["titolo"] =
        "Progettazione definitiva".into();
    json["albero"][0]["figli"][0]["descrizione"] = "Deliberazione n.____".into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1);
    assert!(
        has(&diags, "P030", "albero[0].figli[0].indicatori"),
        "{diags:#?}"
    );
    assert!(
        has(
            &diags,
            "P011",
            "albero[0].figli[0].indicatori[0].target.2031"
        ),
        "{diags:#?}"
    );
    assert!(
        has(&diags, "P030", "albero[0].figli[0].figli"),
        "{diags:#?}"
    );
    assert!(has(&diags, "P009", "atti[1].data"), "{diags:#?}");
    assert!(
        has(
            &diags,
            "P020",
            "assegnazioni.dirigenti[0].obiettivi[0].obiettivo"
        ),
        "{diags:#?}"
    );
    assert!(
        has(
            &diags,
            "P042",
            "assegnazioni.dirigenti[0].obiettivi[1].titolo"
        ),
        "{diags:#?}"
    );
    assert!(
        has(&diags, "P040", "albero[0].figli[0].descrizione"),
        "{diags:#?}"
    );
    let sum = diags
        .iter()
        .find(|d| d["path"] == "albero[0].figli[0].indicatori")
        .unwrap();
    assert_eq!(
        sum["message"],
        "i pesi degli indicatori di 1.1 sommano a 90,00% invece di 100,00%"
    );
}

#[test]
fn warnings_pass_unless_strict() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["figli"][0]["indicatori"][0]["peso"] = serde_json::Value::Null;
    json["albero"][0]["figli"][0]["figli"][0]["indicatori"][0]
        .as_object_mut()
        .unwrap()
        .remove("peso");
    json["albero"][0]["figli"][0]["indicatori"][0]["target"]
        .as_object_mut()
        .unwrap()
        .remove("2025");
    let (code, diags) = check_json(&json);
    assert_eq!(code, 0, "{diags:#?}");
    assert!(
        has(&diags, "P031", "albero[0].figli[0].figli[0].indicatori"),
        "{diags:#?}"
    );
    assert!(
        has(&diags, "P012", "albero[0].figli[0].indicatori[0].target"),
        "{diags:#?}"
    );
    let (_dir, path) = plan_file(&json);
    let strict = piano(&["check", "--rigoroso", path.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
    let build = piano(&[
        "build",
        "--rigoroso",
        path.to_str().unwrap(),
        "-o",
        _dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(1));
    assert!(!_dir.path().join("out").exists());
}

#[test]
fn pola_consistency() {
    let mut json = read_json(&brescia());
    let mesi = json["pola"]["sezioni"][1]["contenuto"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|b| b.get("serie_mensile").is_some())
        .unwrap();
    mesi["serie_mensile"]["mesi"][3]["lavoratori_agili"] = 500.into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d["code"] == "P051").expect("P051");
    assert_eq!(d["message"], "apr: 500 lavoratori agili su 132 dipendenti");
}
