//! Actions as other bodies print them: their period and own code in their row, under group
//! headings that are not a level of the tree; one objective printed in several numbered
//! schede, one per group of its actions, and still one node everywhere else.

use crate::check::check_json;
use crate::common::*;

/// A national three-year plan's shape: Capitolo (no scheda) → Obiettivo → Linea di azione
/// (no scheda, no positional codes, its period column headed "Tempi"). Two lines per group;
/// the third line has no code of its own, the fourth no period.
fn linee() -> serde_json::Value {
    serde_json::json!({
        "ente": { "nome": "Agenzia per l'Italia Digitale" },
        "documento": { "titolo": "Piano triennale", "anno_inizio": 2024, "anno_fine": 2026 },
        "atti": [{ "organo": "Direttore generale", "tipo": "adozione", "numero": "5", "data": "2024-01-10" }],
        "livelli": [
            { "nome": "Capitolo", "plurale": "Capitoli", "scheda": false },
            { "nome": "Obiettivo", "plurale": "Obiettivi" },
            { "nome": "Linea di azione", "plurale": "Linee di azione", "scheda": false,
              "numerato": false, "scadenze": ["2024"], "colonne": { "periodo": "Tempi" } }
        ],
        "albero": [{ "titolo": "Servizi", "figli": [{
            "titolo": "Migliorare i servizi digitali", "periodo": "2024-2026",
            "indicatori": [{ "descrizione": "Servizi online", "target": { "2024": ">= 5", "2025": ">= 8", "2026": ">= 10" } }],
            "figli": [
                { "numero": "CAP1.LA01", "titolo": "Adesione a pagoPA", "periodo": "giugno 2024",
                  "gruppo": "Linee di azione istituzionali", "uffici": ["AgID"] },
                { "numero": "CAP1.LA02", "titolo": "Linee guida sui servizi", "periodo": "da marzo 2024",
                  "gruppo": "Linee di azione istituzionali", "uffici": ["AgID"] },
                { "titolo": "Piano di migrazione", "periodo": "dicembre 2025",
                  "gruppo": "Linee di azione per le PA", "uffici": ["PA"] },
                { "numero": "CAP1.PA.LA04", "titolo": "Pubblicazione dei dati",
                  "gruppo": "Linee di azione per le PA",
                  "indicatori": [{ "descrizione": "Dataset pubblicati", "target": { "2024": ">= 10" }, "uffici": ["PA"] }] }
            ]
        }]}]
    })
}

/// Builds a plan that passes the strict check, in-process: every output.
fn built(json: &serde_json::Value) -> Vec<piano::write::Output> {
    let (_dir, path) = plan_file(json);
    let check = piano(&["check", "--rigoroso", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{err}");
    build_outputs(&path)
}

/// `piano diff OLD NEW`: its exit code and what it printed.
fn diff(old: &serde_json::Value, new: &serde_json::Value) -> (Option<i32>, String) {
    let (_a, old_path) = plan_file(old);
    let (_b, new_path) = plan_file(new);
    let out = piano(&[
        "diff",
        old_path.to_str().unwrap(),
        new_path.to_str().unwrap(),
    ]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The text of an output.
fn text(outputs: &[piano::write::Output], name: &str) -> String {
    String::from_utf8(output(outputs, name).to_vec()).unwrap()
}

#[test]
fn actions_print_their_period_code_and_group_in_their_row() {
    let outputs = built(&linee());
    let html = text(&outputs, "piano-triennale-2024-2026.html");
    // The period column, headed as the level says, after the target and before the offices.
    assert!(html.contains(
        "<th scope=\"col\">Target 2024</th><th scope=\"col\">Tempi</th><th scope=\"col\">Servizi&#x2f;Uffici</th>"
    ), "{html}");
    // Two group headings spanning the five columns, each before its first line.
    let gruppo = |g: &str| {
        format!(
            "<tbody class=\"gruppo\"><tr><th scope=\"rowgroup\" colspan=\"5\">{g}</th></tr></tbody>\n<tbody>\n<tr><th scope=\"rowgroup\""
        )
    };
    assert_eq!(html.matches("<tbody class=\"gruppo\">").count(), 2);
    let istituzionali = html.find(&gruppo("Linee di azione istituzionali")).unwrap();
    let pa = html.find(&gruppo("Linee di azione per le PA")).unwrap();
    // Each line's row: its code (own `numero`; none for the third, its level unnumbered), its
    // indicator and target, its period ("-" for the fourth), its offices.
    let righe = [
        "Linea di azione CAP1.LA01: Adesione a pagoPA</th><td>-</td><td>-</td><td rowspan=\"1\">giugno 2024</td><td rowspan=\"1\">AgID</td>",
        "Linea di azione CAP1.LA02: Linee guida sui servizi</th><td>-</td><td>-</td><td rowspan=\"1\">da marzo 2024</td><td rowspan=\"1\">AgID</td>",
        ">Piano di migrazione</th><td>-</td><td>-</td><td rowspan=\"1\">dicembre 2025</td><td rowspan=\"1\">PA</td>",
        "Linea di azione CAP1.PA.LA04: Pubblicazione dei dati</th><td>Dataset pubblicati</td><td>&gt;= 10</td><td rowspan=\"1\">-</td><td rowspan=\"1\">PA</td>",
    ];
    let at: Vec<usize> = righe
        .iter()
        .map(|r| {
            html.find(r)
                .unwrap_or_else(|| panic!("`{r}` not in the page"))
        })
        .collect();
    assert!(istituzionali < at[0] && at[0] < at[1] && at[1] < pa && pa < at[2] && at[2] < at[3]);
    // The objective's own period is one of its fields, labelled by default.
    assert!(html.contains("<dt>Periodo</dt><dd>2024-2026</dd>"));
    // No block of timings repeats what the rows say.
    assert!(!html.contains("Tempistiche"));

    // A group is no node: not in the tree diagram, nor in the summary, nor in the open data
    // (one row per node, its group and period as columns).
    let albero =
        &html[html.find("<ul class=\"albero\">").unwrap()..html.find("</figure>").unwrap()];
    assert_eq!(albero.matches("<li>").count(), 6, "{albero}");
    assert!(!albero.contains("Linee di azione"), "{albero}");
    assert_eq!(html.matches("Linee di azione istituzionali").count(), 1);
    let csv = text(&outputs, "piano-triennale-2024-2026-obiettivi.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 7, "{csv}");
    assert!(lines[0].ends_with(",uffici,periodo,gruppo"), "{csv}");
    assert!(lines[1].starts_with("1,1,,Capitolo,Servizi,"), "{csv}");
    assert_eq!(
        lines[3],
        "1.1.1,CAP1.LA01,,Linea di azione,Adesione a pagoPA,1.1,,,,,AgID,giugno 2024,Linee di azione istituzionali"
    );
    assert_eq!(
        lines[5],
        "1.1.3,,,Linea di azione,Piano di migrazione,1.1,,,,,PA,dicembre 2025,Linee di azione per le PA"
    );
    assert!(lines[2].ends_with(",2024-2026,"), "{csv}");
    let package = text(&outputs, "datapackage.json");
    assert!(package.contains("\"name\": \"periodo\"") && package.contains("\"name\": \"gruppo\""));

    // The PDF: the same rows, each group heading once.
    let pdf = norm(&pdf_text(output(&outputs, "piano-triennale-2024-2026.pdf")));
    for expected in [
        "Linea di azione Indicatore Target 2024 Tempi Servizi/Uffici Linee di azione istituzionali Linea di azione CAP1.LA01",
        "giugno 2024",
        "da marzo 2024",
        "Linee di azione per le PA Piano di migrazione - - dicembre 2025 PA",
        "Periodo 2024-2026",
    ] {
        assert!(
            pdf.contains(&norm(expected)),
            "`{expected}` not in the PDF: {pdf}"
        );
    }
    assert_eq!(
        pdf.matches(&norm("Linee di azione istituzionali")).count(),
        1
    );
    assert!(!pdf.contains(&norm("Tempistiche")));
}

/// Changing an action's period or group is a change `piano diff` reports on that action.
#[test]
fn diff_reports_a_changed_period_and_group() {
    let old = linee();
    let mut new = linee();
    let linee_nuove = &mut new["albero"][0]["figli"][0]["figli"];
    linee_nuove[0]["periodo"] = "luglio 2024".into();
    linee_nuove[2]["gruppo"] = "Linee di azione istituzionali".into();
    let (code, stdout) = diff(&old, &new);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("CAP1.LA01 › periodo\n      giugno 2024 → luglio 2024"),
        "{stdout}"
    );
    assert!(
        stdout.contains("«Piano di migrazione» › gruppo"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Riepilogo: 1 testo modificato, 1 altra modifica"),
        "{stdout}"
    );
}

/// A group or a scheda number where the documents have no place for it is a warning at
/// its JSON path, with its line.
#[test]
fn a_group_on_an_objective_with_its_own_scheda_is_a_warning() {
    let mut json = linee();
    json["albero"][0]["figli"][0]["gruppo"] = "Obiettivi".into();
    json["albero"][0]["periodo"] = "2024".into();
    let (code, diags) = check_json(&json);
    assert_eq!(code, 0);
    let p044: Vec<(&str, &str)> = diags
        .iter()
        .filter(|d| d["code"] == "P044")
        .map(|d| (d["path"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        p044,
        [
            ("albero[0].figli[0].gruppo", "avviso"),
            ("albero[0].periodo", "avviso")
        ],
        "{diags:?}"
    );
    // Located at the key's line (keys are printed in order, so the objective's group first).
    let lines: Vec<u64> = diags
        .iter()
        .filter(|d| d["code"] == "P044")
        .map(|d| d["position"]["line"].as_u64().unwrap())
        .collect();
    assert!(lines[0] > 1 && lines[0] < lines[1], "{lines:?}");
    let (_dir, path) = plan_file(&json);
    let strict = piano(&["check", "--rigoroso", path.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
}

/// Venezia's shape: Obiettivo strategico (no scheda) → Obiettivo operativo (unnumbered) →
/// Azione/Progetto. The first objective is scheda 7; the second heads schede 8 and 9, one
/// action each, with its own description printed once.
fn schede() -> serde_json::Value {
    let azione = |scheda: &str, titolo: &str, indicatore: &str, target: &str, n: &str| {
        serde_json::json!({
            "scheda": scheda, "titolo": titolo,
            "indicatori": [{ "descrizione": indicatore, "target": { "2019": target }, "uffici": ["Registro imprese"] }],
            "descrizione": format!("Descrizione della {n} azione."),
            "tempi": format!("Tempi della {n} azione."),
            "benefici": format!("Benefici della {n} azione.")
        })
    };
    serde_json::json!({
        "ente": { "nome": "Camera di Commercio" },
        "documento": { "titolo": "Programmi", "anno_inizio": 2019, "anno_fine": 2019 },
        "livelli": [
            { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici", "scheda": false },
            { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi", "numerato": false },
            { "nome": "Azione/Progetto", "plurale": "Azioni/Progetti", "scheda": false, "numerato": false }
        ],
        "albero": [{ "numero": "7", "titolo": "Semplificazione", "figli": [
            { "scheda": "7", "titolo": "Implementazione CRM", "figli": [
                { "titolo": "CRM terza annualità",
                  "indicatori": [{ "descrizione": "Uffici coinvolti", "target": { "2019": ">= 10" } }] }
            ]},
            { "titolo": "Digitalizzazione dei processi camerali",
              "descrizione": "Testo dell'obiettivo operativo.",
              "figli": [
                azione("8", "Azione 1 - Fascicolo elettronico", "Fascicoli aperti", ">= 50", "prima"),
                azione("9", "Azione 2 - Conservazione digitale", "Documenti conservati", "100%", "seconda")
              ]}
        ]}]
    })
}

#[test]
fn one_objective_heads_one_numbered_scheda_per_group_of_actions() {
    let outputs = built(&schede());
    let pdf = output(&outputs, "programmi-2019.pdf");
    let body = norm(&body_text(pdf, &["Camera di Commercio", "Programmi 2019"]));
    let schede = body.rfind(&norm("Schede obiettivi")).unwrap();
    let obiettivo = "Obiettivo operativo: Digitalizzazione dei processi camerali";
    // In order: scheda 8 with the objective's heading, its first action, the objective's
    // own text and the action's texts; scheda 9 with the heading again and the second action.
    let sequence = [
        "Scheda 7",
        "Obiettivo operativo: Implementazione CRM",
        "Scheda 8",
        obiettivo,
        "Azione 1 - Fascicolo elettronico Fascicoli aperti >= 50 Registro imprese",
        "Descrizione Testo dell'obiettivo operativo.",
        "Azione 1 - Fascicolo elettronico Descrizione Descrizione della prima azione. Tempistiche Tempi della prima azione. Benefici/miglioramenti attesi Benefici della prima azione.",
        "Scheda 9",
        obiettivo,
        "Azione 2 - Conservazione digitale Documenti conservati 100% Registro imprese",
        "Azione 2 - Conservazione digitale Descrizione Descrizione della seconda azione.",
    ];
    let mut from = schede;
    for s in sequence {
        let at = body[from..]
            .find(&norm(s))
            .unwrap_or_else(|| panic!("`{s}` not after position {from}: {}", &body[from..]));
        from += at + norm(s).len();
    }
    // Scheda 9 holds only its action: nothing of scheda 8 is repeated.
    let nove = body.rfind(&norm("Scheda 9")).unwrap();
    for s in [
        "Fascicoli aperti",
        "Testo dell'obiettivo operativo",
        "prima azione",
    ] {
        assert!(
            !body[nove..].contains(&norm(s)),
            "`{s}` repeated in scheda 9"
        );
    }
    assert_eq!(
        body.matches(&norm("Testo dell'obiettivo operativo"))
            .count(),
        1
    );
    // The summary has one table for the objective, naming both schede, with both indicators.
    assert!(
        body[..schede].contains(&norm(
            "Schede 8 e 9 – Obiettivo operativo: Digitalizzazione dei processi camerali 2019 \
         Indicatore 1: Fascicoli aperti >= 50 Indicatore 2: Documenti conservati 100%"
        )),
        "{body}"
    );
    assert_eq!(body[..schede].matches(&norm(obiettivo)).count(), 1);
    let titles = outline_titles(pdf);
    for t in ["Scheda 7", "Scheda 8", "Scheda 9"] {
        assert!(titles.iter().any(|x| x == t), "{titles:?}");
    }

    // The objective is one node: once in the tree diagram and once in the open data.
    let html = text(&outputs, "programmi-2019.html");
    let albero =
        &html[html.find("<ul class=\"albero\">").unwrap()..html.find("</figure>").unwrap()];
    assert_eq!(
        albero
            .matches("Digitalizzazione dei processi camerali")
            .count(),
        1
    );
    let csv = text(&outputs, "programmi-2019-obiettivi.csv");
    assert_eq!(
        csv.matches("Digitalizzazione dei processi camerali")
            .count(),
        1
    );
    assert_eq!(csv.lines().count(), 1 + 6);
    // The HTML page: two headings of numbered schede for the objective, every id unique.
    assert!(html.contains(">Scheda 8</h5>") && html.contains(">Scheda 9</h5>"));
    assert_eq!(html.matches(&format!("<h6>{obiettivo}</h6>")).count(), 2);
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let all = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all, "repeated ids");
    assert!(ids.contains(&"obiettivo-1-2") && ids.contains(&"obiettivo-1-2-scheda-9"));
}

/// Moving an action to the other numbered scheda changes that action only: the objective
/// is one node for `piano diff`.
#[test]
fn diff_sees_one_objective_whose_action_moved_scheda() {
    let old = schede();
    let mut new = schede();
    new["albero"][0]["figli"][1]["figli"][1]["scheda"] = "8".into();
    let (code, stdout) = diff(&old, &new);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("› scheda\n      9 → 8"), "{stdout}");
    assert!(stdout.contains("Riepilogo: 1 altra modifica"), "{stdout}");
}

/// A group, a period and the period's heading print literally, whatever they contain.
#[test]
fn group_and_period_print_literally() {
    let mut json = linee();
    json["livelli"][2]["colonne"]["periodo"] = "Tempi _non corsivo_".into();
    let linea = &mut json["albero"][0]["figli"][0]["figli"][0];
    linea["gruppo"] = "*Linee* #pagebreak() istituzionali".into();
    linea["periodo"] = "$x^2$ [da] marzo <etichetta>".into();
    let outputs = built(&json);
    let pdf = squash(&pdf_text(output(&outputs, "piano-triennale-2024-2026.pdf")));
    for s in [
        "Tempi _non corsivo_",
        "*Linee* #pagebreak() istituzionali",
        "$x^2$ [da] marzo <etichetta>",
    ] {
        assert!(pdf.contains(&squash(s)), "`{s}` is not printed literally");
    }
}
