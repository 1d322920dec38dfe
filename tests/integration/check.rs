//! `piano check`: every problem of a plan at once, located, in Italian.

use crate::common::*;

/// Runs `piano check` on `json` with JSON diagnostics: the exit code and the diagnostics.
pub fn check_json(json: &serde_json::Value) -> (i32, Vec<serde_json::Value>) {
    let (_dir, path) = plan_file(json);
    let out = piano(&[
        "check",
        "--formato-diagnostica",
        "json",
        path.to_str().unwrap(),
    ]);
    (out.status.code().unwrap(), json_lines(&out.stderr))
}

/// stderr as JSON Lines: every line one object, nothing else on the stream.
fn json_lines(stderr: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(stderr.to_vec())
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"));
            assert!(v.is_object(), "not an object: {l}");
            v
        })
        .collect()
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
}

/// `build --rigoroso` stops at the plan's warnings, before anything is rendered or
/// composed: a template that cannot compile is never reached.
#[test]
fn strict_build_stops_before_composing() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["indicatori"][0]["target"]
        .as_object_mut()
        .unwrap()
        .remove("2025");
    let (dir, path) = plan_file(&json);
    let templates = dir.path().join("modelli");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("scheda.typ.j2"), "#funzione-inesistente()\n").unwrap();
    let out_dir = dir.path().join("out");
    let build = piano(&[
        "build",
        "--rigoroso",
        path.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]);
    let err = String::from_utf8(build.stderr).unwrap();
    assert_eq!(build.status.code(), Some(1), "{err}");
    assert!(err.contains("errore[P012]"), "{err}");
    assert!(
        !err.contains("T002") && !err.contains("T001"),
        "composed: {err}"
    );
    assert!(
        err.contains("nessun documento scritto: ci sono avvisi e `--rigoroso` è attivo"),
        "{err}"
    );
    assert!(build.stdout.is_empty());
    assert!(!out_dir.exists());
}

/// With `--formato-diagnostica json` stderr is JSON Lines only: no count, no prose.
#[test]
fn json_diagnostics_are_pure_json() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["indicatori"][0]["target"]
        .as_object_mut()
        .unwrap()
        .remove("2025");
    let (dir, path) = plan_file(&json);
    let valid = piano(&[
        "check",
        "--formato-diagnostica",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(valid.status.code(), Some(0));
    let diags = json_lines(&valid.stderr);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "P012");
    assert_eq!(diags[0]["severity"], "avviso");

    json["assegnazioni"]["dirigenti"][0]["obiettivi"][1]["peso"] = 30.into();
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let build = piano(&[
        "build",
        "--formato-diagnostica",
        "json",
        path.to_str().unwrap(),
        "-o",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(1));
    let diags = json_lines(&build.stderr);
    assert!(diags.iter().any(|d| d["code"] == "P033"), "{diags:?}");

    let missing = piano(&[
        "check",
        "--formato-diagnostica",
        "json",
        "/nessuna/piano.json",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    let failure = json_lines(&missing.stderr);
    assert_eq!(failure.len(), 1);
    assert_eq!(
        failure[0]["message"],
        "impossibile leggere il piano `/nessuna/piano.json`: il file o la cartella non esiste"
    );
}

/// A repeated `id` points at its second declaration.
#[test]
fn a_repeated_id_is_located_at_the_second_declaration() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["figli"][0]["id"] = "mobilita".into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d["code"] == "P021").expect("P021");
    assert_eq!(d["path"], "albero[0].figli[0].figli[0].id");
    assert!(d["file"].as_str().unwrap().ends_with("piano.json"));
    // The fixture written pretty: `"id": "mobilita"` of the child is on a line of its own.
    let line = d["position"]["line"].as_u64().unwrap() as usize;
    let (_dir, path) = plan_file(&json);
    let text = std::fs::read_to_string(path).unwrap();
    let shown = text.lines().nth(line - 1).unwrap();
    assert_eq!(shown.trim(), "\"id\": \"mobilita\",");
    let column = d["position"]["column"].as_u64().unwrap() as usize;
    assert_eq!(&shown[column - 1..], "\"mobilita\",");
}

/// The POLA's adoption before its validation points at the POLA's own acts.
#[test]
fn pola_acts_are_checked_at_their_own_path() {
    let mut json = read_json(&brescia());
    json["pola"]["atti"][1]["data"] = "2021-04-01".into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d["code"] == "P009").expect("P009");
    assert_eq!(d["path"], "pola.atti[1].data");
}

/// Years far outside any plan are refused, located, before anything is sized by them.
#[test]
fn the_period_is_bounded_before_use() {
    let mut json = read_json(&minimo());
    json["documento"]["anno_inizio"] = i32::MIN.into();
    json["documento"]["anno_fine"] = i32::MAX.into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1);
    let paths: Vec<&str> = diags.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["documento.anno_inizio", "documento.anno_fine"]);
    assert!(diags.iter().all(|d| d["code"] == "P015"));
    assert_eq!(
        diags[0]["message"],
        "l'anno -2147483648 è fuori dall'intervallo ammesso (1900–2200)"
    );
    assert!(diags[0]["position"]["line"].as_u64().unwrap() > 1);

    json["documento"]["anno_inizio"] = 1900.into();
    json["documento"]["anno_fine"] = 2200.into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["path"], "documento.anno_fine");
    assert_eq!(
        diags[0]["message"],
        "il periodo 1900–2200 dura 301 anni: al massimo sono 10"
    );

    let mut json = read_json(&brescia());
    json["pola"]["anno_fine"] = 3000.into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1);
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "P015" && d["path"] == "pola.anno_fine"),
        "{diags:?}"
    );
}

/// A value serde refuses after the schema let it pass is explained in Italian.
#[test]
fn a_year_too_large_for_the_model_is_explained_in_italian() {
    let mut json = read_json(&minimo());
    json["documento"]["anno_fine"] = 99_999_999_999_i64.into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 1);
    assert_eq!(diags[0]["code"], "P002");
    assert_eq!(diags[0]["path"], "documento.anno_fine");
    assert_eq!(
        diags[0]["message"],
        "numero fuori dall'intervallo ammesso: trovato il numero 99999999999"
    );
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
