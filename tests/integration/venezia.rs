//! The second real example: schede 1–7 of the 2019 programme of the Camera di Commercio
//! Venezia Rovigo, a Balanced-Scorecard plan (Prospettiva → Obiettivo strategico →
//! Obiettivo operativo → Azione/Progetto) with the body's own numbers and numbered schede.
//! Its PDF must hold every scheda, indicator, target, office and sentence of the reference
//! text, in a layout that suits it.

use crate::common::*;

fn reference() -> String {
    std::fs::read_to_string(
        root().join("tests/fixtures/riferimento/venezia-rovigo-programmi-2019-schede-1-7.txt"),
    )
    .expect("the reference text is in tests/fixtures/riferimento")
}

/// The PDF's text without running header and footer, normalised with `norm`.
fn pdf_body() -> String {
    let outputs = venezia_outputs();
    let pdf = output(outputs, "programmi-ed-attivita-2019.pdf");
    norm(&body_text(
        pdf,
        &["CCIAA Venezia Rovigo", "Programmi ed attività 2019"],
    ))
}

/// Labels of the reference that our layout writes differently, with the reason.
const LABELS: &[(&str, &str)] = &[
    (
        "Descrizione Azione 1:",
        "each action's texts follow its own heading (\"Azione 1 - ...\") and a DESCRIZIONE label",
    ),
    ("Descrizione Azione 2:", "as above"),
    ("Descrizione: Azione 2:", "as above"),
];

#[test]
fn the_pdf_holds_every_cell_and_sentence_of_the_reference() {
    let text = pdf_body();
    let labels: Vec<String> = LABELS.iter().map(|(l, _)| norm(l)).collect();
    let all = fragments(&reference());
    assert!(all.len() > 280, "{}", all.len());
    let missing: Vec<&String> = all
        .iter()
        .filter(|f| !text.contains(&norm(f)))
        .filter(|f| !labels.iter().any(|l| l.contains(&norm(f))))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} fragments of the reference are not in the PDF: {missing:#?}",
        missing.len(),
        all.len()
    );
}

#[test]
fn every_indicator_target_and_office_is_in_its_scheda_in_order() {
    let text = pdf_body();
    let json = read_json(&venezia());
    // The schede section starts after the summary tables.
    let schede = text.rfind(&norm("Schede obiettivi")).unwrap();
    let mut at = schede;
    let mut count = (0, 0, 0);
    for prospettiva in json["albero"].as_array().unwrap() {
        for strategico in prospettiva["figli"].as_array().unwrap() {
            for operativo in strategico["figli"].as_array().unwrap() {
                let heading = norm(&format!("Scheda {}", operativo["scheda"].as_str().unwrap()));
                assert!(text[schede..].contains(&heading), "{heading}");
                count.0 += 1;
                for azione in operativo["figli"].as_array().unwrap() {
                    for ind in azione["indicatori"].as_array().unwrap() {
                        let d = norm(ind["descrizione"].as_str().unwrap());
                        let pos = text[at..]
                            .find(&d)
                            .unwrap_or_else(|| panic!("indicator `{d}` missing or out of order"));
                        at += pos + d.len();
                        let target = norm(ind["target"]["2019"].as_str().unwrap());
                        assert!(
                            text[at..].starts_with(&target),
                            "target `{target}` does not follow `{d}`: {}",
                            &text[at..at + 80]
                        );
                        count.1 += 1;
                        for u in ind["uffici"].as_array().unwrap() {
                            assert!(text[schede..].contains(&norm(u.as_str().unwrap())), "{u}");
                            count.2 += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(count.0, 8, "8 operational objectives (scheda 3 holds two)");
    assert_eq!(count.1, 23, "23 indicators");
}

#[test]
fn objectives_carry_the_bodys_numbers_and_schede_group_objectives() {
    let outputs = venezia_outputs();
    let pdf = output(outputs, "programmi-ed-attivita-2019.pdf");
    let outline = outline_titles(pdf);
    let titles: Vec<&str> = outline.iter().map(|t| t.trim()).collect();
    for n in ["1", "3", "6", "7", "8"] {
        assert!(
            titles
                .iter()
                .any(|t| t.starts_with(&format!("Obiettivo strategico {n}: "))),
            "strategic objective {n}: {titles:#?}"
        );
    }
    assert!(
        !titles
            .iter()
            .any(|t| t.starts_with("Obiettivo strategico 1."))
    );
    for n in 1..=7 {
        let s = format!("Scheda {n}");
        assert_eq!(
            titles.iter().filter(|t| **t == s).count(),
            1,
            "{s}: {titles:#?}"
        );
    }
    // Scheda 3 holds two operational objectives, one after the other.
    let i = titles.iter().position(|t| *t == "Scheda 3").unwrap();
    assert!(titles[i + 1].starts_with("Obiettivo operativo: Consolidamento funzioni associate"));
    assert!(titles[i + 2].starts_with("Obiettivo operativo: Vigilanza e controllo"));
    assert_eq!(titles[i + 3], "Prospettiva BSC: Processi interni e qualità");
    assert_eq!(
        titles[i + 4],
        "Obiettivo strategico 7: Semplificazione e sburocratizzazione degli adempimenti amministrativi per il sistema delle imprese"
    );

    // The normalised plan in the open data keeps the body's own numbers.
    let json: serde_json::Value =
        serde_json::from_slice(output(outputs, "programmi-ed-attivita-2019.json")).unwrap();
    let csv =
        String::from_utf8(output(outputs, "programmi-ed-attivita-2019-obiettivi.csv").to_vec())
            .unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let numero = headers.iter().position(|h| h == "numero").unwrap();
    let codice = headers.iter().position(|h| h == "codice").unwrap();
    let pairs: Vec<(String, String)> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[codice].to_string(), r[numero].to_string())
        })
        .collect();
    assert!(pairs.contains(&("1.3".into(), "6".into())), "{pairs:?}");
    assert!(pairs.contains(&("2.1".into(), "7".into())), "{pairs:?}");
    assert!(pairs.contains(&("1".into(), String::new())), "{pairs:?}");
    // Each indicator's offices are in the open data too.
    let csv =
        String::from_utf8(output(outputs, "programmi-ed-attivita-2019-indicatori.csv").to_vec())
            .unwrap();
    assert!(csv.contains(",Servizi Uffici RI | Ufficio PID"), "{csv}");
    assert!(
        json["obiettivi"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["codice"] == "1.3" && o["numero"] == "6"),
        "{json}"
    );
}

#[test]
fn the_html_page_shows_the_actions_table_with_merged_cells() {
    let outputs = venezia_outputs();
    let html =
        String::from_utf8(output(outputs, "programmi-ed-attivita-2019.html").to_vec()).unwrap();
    // Scheda 1: one action over its four indicators.
    assert!(html.contains("<th scope=\"rowgroup\" rowspan=\"4\">Avvio nuovo servizio Punto Impresa Digitale II^ annualità"), "{html}");
    // Scheda 3: the second indicator shares the office cell of the first.
    assert!(html.contains("<td rowspan=\"2\">Servizio Tutela del consumatore e della fede pubblica &#x2f;Ufficio Metrico e Vigilanza</td>"));
    // Scheda 7: three indicators share one office, two another.
    assert!(html.contains(
        "<td rowspan=\"3\">Tutte le Unità Organizzative (Servizi&#x2f;Uffici) coinvolte</td>"
    ));
    assert_eq!(html.matches(">Scheda 3</h").count(), 1);
    assert!(html.contains("Benefici/miglioramenti attesi"));
    assert!(html.contains("Tempistiche"));
}

#[test]
fn the_example_passes_the_strict_check() {
    let out = piano(&["check", "--rigoroso", venezia().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_repeated_number_and_a_split_scheda_are_errors() {
    let mut json = read_json(&venezia());
    json["albero"][1]["figli"][0]["numero"] = "6".into();
    json["albero"][1]["figli"][0]["figli"][2]["scheda"] = "4".into();
    let (_dir, path) = plan_file(&json);
    let out = piano(&["check", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("P022") && err.contains("il numero `6` è già di un altro obiettivo"),
        "{err}"
    );
    assert!(
        err.contains("albero[1].figli[0].numero") || err.contains("albero[1].figli[0]"),
        "{err}"
    );
    assert!(err.contains("P023") && err.contains("la scheda 4"), "{err}");
}

/// Another body may weigh its actions and their indicators and give baselines: the actions'
/// table then grows the columns for them, in the PDF and in the HTML.
#[test]
fn weighed_actions_with_baselines_get_their_columns() {
    let mut json = read_json(&venezia());
    let scheda4 = &mut json["albero"][1]["figli"][0]["figli"][0]["figli"];
    scheda4[0]["peso"] = 60.into();
    scheda4[1]["peso"] = 40.into();
    scheda4[0]["indicatori"][0]["peso"] = 100.into();
    scheda4[0]["indicatori"][0]["baseline"] = "31/7".into();
    scheda4[1]["indicatori"][0]["peso"] = 70.into();
    scheda4[1]["indicatori"][1]["peso"] = 30.into();
    let (_dir, path) = plan_file(&json);
    let text = norm(&pdf_text(&build_pdf(&path)));
    for expected in [
        "Peso: 60,00%",
        "Peso: 40,00%",
        "Target storico",
        "Adozione della \"delibera di sospensione\" della sezione Albo Gestori 31/7 entro il 1/6/2019 100,00%",
    ] {
        assert!(
            text.contains(&norm(expected)),
            "`{expected}` not in the PDF"
        );
    }
    let html = built_html(&path, "programmi-ed-attivita-2019.html");
    assert!(html.contains("<th scope=\"col\">Target storico</th>"));
    assert!(html.contains("<td class=\"num\">70,00%</td>"));
}
