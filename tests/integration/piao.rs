//! The PIAO (issue 15): the whole Piano Integrato from one file, in the Piano tipo's order,
//! ordinario or semplificato, ready for the DFP portal; the sections of the Performance
//! plan and of the POLA are its subsections 2.2 and 3.2.

use std::sync::LazyLock;

use serde_json::{Value, json};

use crate::check::check_json;
use crate::common::*;

/// The semplificato example, built once (PIAO, its 2.2 and its 2.3 documents).
fn castelnuovo_piao() -> &'static [piano::write::Output] {
    static OUTPUTS: LazyLock<Vec<piano::write::Output>> =
        LazyLock::new(|| build_outputs(&root().join("data/castelnuovo-piao-2025-2027.json")));
    &OUTPUTS
}

/// A section of the PIAO with one chapter of narrative, marked with `testo`.
fn sezione(testo: &str) -> Value {
    json!({ "generale": [ { "titolo": format!("Testo {testo}"), "contenuto": [ { "testo": format!("Contenuto {testo}.") } ] } ] })
}

/// The five conditions of lavoro agile, each stated.
fn condizioni() -> Value {
    json!({
        "servizi_agli_utenti": "Sportelli aperti in presenza.",
        "rotazione_e_prevalenza": "Turni a rotazione, prevalenza in presenza.",
        "riservatezza_dei_dati": "VPN e postazioni cifrate.",
        "smaltimento_arretrato": "Nessun arretrato da smaltire.",
        "dotazione_tecnologica": "Portatile fornito dall'ente."
    })
}

/// The small fixture plan made a PIAO semplificato with the required subsections.
fn semplificato() -> Value {
    let mut plan = read_json(&minimo());
    plan["documento"]["titolo"] = json!("Piano Integrato di Attività e Organizzazione");
    plan["piao"] = json!({
        "dipendenti": "fino_a_50",
        "pubblicazione": { "autorita": "Giunta Comunale", "url_trasparenza": "https://www.comune.example.it/at/piao" },
        "anagrafica": sezione("uno"),
        "rischi": sezione("rischi"),
        "struttura": sezione("struttura"),
        "lavoro_agile": { "condizioni": condizioni() },
        "fabbisogni": sezione("fabbisogni")
    });
    plan
}

#[test]
fn the_outline_follows_the_piano_tipo_and_numbers_stay_fixed() {
    // Without 2.1, the anticorruption subsection is still 2.3; without 3.3.2, the staffing
    // plan is still 3.3.1; 2.2 holds the plan's objectives.
    let (_dir, path) = plan_file(&semplificato());
    let outputs = build_outputs(&path);
    let pdf = output(&outputs, "piao-2024-2026.pdf");
    let titoli = outline_titles(pdf);
    let posizione = |t: &str| {
        titoli
            .iter()
            .position(|x| x == t)
            .unwrap_or_else(|| panic!("{t} not in the outline: {titoli:#?}"))
    };
    let ordine = [
        "1 Scheda anagrafica dell'amministrazione",
        "2 Valore pubblico, performance e anticorruzione",
        "2.2 Performance",
        "2.3 Rischi corruttivi e trasparenza",
        "3 Organizzazione e capitale umano",
        "3.1 Struttura organizzativa",
        "3.2 Organizzazione del lavoro agile",
        "3.3 Fabbisogni e formazione del personale",
        "3.3.1 Piano triennale dei fabbisogni di personale",
    ];
    let pos: Vec<usize> = ordine.iter().map(|t| posizione(t)).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{titoli:#?}");
    assert!(!titoli.iter().any(|t| t.starts_with("2.1 ")), "{titoli:#?}");
    // The parts of the planning chapter are subsections of 2.2.
    assert!(
        titoli.iter().any(|t| t == "2.2.1 Albero della performance"),
        "{titoli:#?}"
    );
    // The subsection's text, the conditions of lavoro agile, the objectives.
    let testo = squash(&pdf_text(pdf));
    for atteso in [
        "Contenuto rischi.",
        "Turni a rotazione, prevalenza in presenza.",
        "Mobilità dolce",
        "PIAO semplificato (fino a 50 dipendenti)",
    ] {
        assert!(testo.contains(&squash(atteso)), "{atteso} missing");
    }
    // The page has the same numbers and the same texts.
    let html = String::from_utf8(output(&outputs, "piao-2024-2026.html").to_vec()).unwrap();
    for atteso in [
        ">2.3 Rischi corruttivi e trasparenza<",
        ">3.3.1 Piano triennale dei fabbisogni di personale<",
        "Turni a rotazione, prevalenza in presenza.",
    ] {
        assert!(html.contains(atteso), "{atteso} missing from the page");
    }
}

#[test]
fn the_sections_for_the_oiv_and_the_rpct_are_documents_of_their_own() {
    let outputs = castelnuovo_piao();
    // Subsection 2.2 alone only on request: it composes the whole chapter again.
    assert!(!outputs.iter().any(|o| o.name.contains("-performance.")));
    let source = piano::load::read(&root().join("data/castelnuovo-piao-2025-2027.json")).unwrap();
    let options = piano::pipeline::BuildOptions {
        documenti: vec![piano::pipeline::Documento::Piano],
        ..Default::default()
    };
    let solo = piano::pipeline::build(source, &piano::render::Templates::builtin(), &options)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
        .outputs;
    let performance = output(&solo, "piao-2025-2027-performance.pdf");
    assert_eq!(
        info(performance, "Title").as_deref(),
        Some(
            "Performance – sottosezione 2.2 del Piano Integrato di Attività e Organizzazione 2025 - 2027"
        )
    );
    let anticorruzione = output(outputs, "piao-2025-2027-anticorruzione.pdf");
    assert!(squash(&pdf_text(anticorruzione)).contains(&squash(
        "Sottosezione 2.3 del Piano Integrato di Attività e Organizzazione 2025 2027"
    )));
    // One chapter, the subsection, whose parts do not each start a page of their own.
    let capitoli: Vec<String> = outline_entries(anticorruzione)
        .into_iter()
        .filter(|(d, _)| *d == 1)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(capitoli, ["Rischi corruttivi e trasparenza"]);
    // The POLA is subsection 3.2, not an annex of 2.2.
    assert!(!squash(&pdf_text(performance)).contains("Allegato: "));
}

#[test]
fn the_pdf_passes_the_portals_own_check() {
    // The portal's client check (PIAO.md §3): `%PDF-` header; XMP pdfaid:conformance A;
    // real text: at least 800 alphanumerics, at least 2 per KB, at most 70% of the pages
    // with fewer than 35.
    let pdf = output(castelnuovo_piao(), "piao-2025-2027.pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let xmp = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Type")
                .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Metadata"))
        })
        .map(|s| String::from_utf8_lossy(&s.content).to_string())
        .next()
        .expect("an XMP stream");
    assert!(
        xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "{xmp}"
    );
    let mut pagine_povere = 0;
    let mut totale = 0;
    let pages = pdf_extract::extract_text_from_mem_by_pages(pdf).unwrap();
    for testo in &pages {
        let k = testo.chars().filter(|c| c.is_alphanumeric()).count();
        totale += k;
        if k < 35 {
            pagine_povere += 1;
        }
    }
    assert!(totale >= 800, "{totale} alphanumerics");
    let kb = pdf.len() as f64 / 1024.0;
    assert!(
        totale as f64 / kb >= 2.0,
        "{totale} alphanumerics in {kb:.0} KB"
    );
    assert!(
        pagine_povere as f64 <= 0.7 * pages.len() as f64,
        "{pagine_povere} of {} pages under 35 alphanumerics",
        pages.len()
    );
}

#[test]
fn a_semplificato_without_the_staffing_plan_is_refused_where_the_band_is_stated() {
    let mut plan = semplificato();
    plan["piao"].as_object_mut().unwrap().remove("fabbisogni");
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "P150")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(d["severity"], "errore");
    assert_eq!(d["path"], "piao.dipendenti");
    assert!(d["position"]["line"].as_u64().unwrap() > 1, "{d:#?}");
    let messaggio = d["message"].as_str().unwrap();
    assert!(
        messaggio.contains("3.3.1 Piano triennale dei fabbisogni di personale"),
        "{messaggio}"
    );
    assert!(messaggio.contains("semplificato"), "{messaggio}");
    // Optional subsections of the semplificato are not asked for.
    assert_eq!(
        diags.iter().filter(|d| d["code"] == "P150").count(),
        1,
        "{diags:#?}"
    );
}

#[test]
fn an_ordinario_asks_for_every_subsection() {
    let mut plan = semplificato();
    plan["piao"]["dipendenti"] = json!("oltre_50");
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    let mancanti: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "P150")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    // 2.1, 3.3.2 and 4 (2.2 is the tree, present).
    assert_eq!(mancanti.len(), 3, "{mancanti:#?}");
    assert!(mancanti[0].contains("2.1 Valore pubblico"));
    assert!(mancanti[2].contains("4 Monitoraggio"));
}

#[test]
fn lavoro_agile_must_state_the_five_conditions() {
    let mut plan = semplificato();
    plan["piao"]["lavoro_agile"]["condizioni"]
        .as_object_mut()
        .unwrap()
        .remove("smaltimento_arretrato");
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d["code"] == "P151").unwrap();
    assert_eq!(d["path"], "piao.lavoro_agile.condizioni");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("smaltimento del lavoro arretrato")
    );
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .contains("`smaltimento_arretrato`")
    );
}

#[test]
fn a_publication_folder_has_the_portals_form_and_every_table_as_open_data() {
    let dir = tempfile::tempdir().unwrap();
    let cartella = publish_into(
        &root().join("data/castelnuovo-piao-2025-2027.json"),
        dir.path(),
        "pubblica",
    );
    // The form's answers, from the adoption act and `piao.pubblicazione`.
    let modulo = read_json(&cartella.join("piao-2025-2027-portale.json"));
    assert_eq!(
        modulo,
        json!({
            "data_approvazione": "2025-01-28",
            "autorita_approvatore": "Giunta Comunale",
            "estremi_atto": "deliberazione di Giunta Comunale n. 12 del 28 gennaio 2025",
            "triennio": "2025-2027",
            "numero_dipendenti": "≤ 50",
            "url_amministrazione_trasparente": "https://www.comune.castelnuovodellago.example.it/amministrazione-trasparente/piao"
        })
    );
    // The conditions of lavoro agile are a table: a CSV of their own, in the data package.
    let package = read_json(&cartella.join("datapackage.json"));
    let risorsa = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["name"]
                .as_str()
                .unwrap()
                .starts_with("sezione-3-2-le-condizioni")
        })
        .expect("the conditions' table in the data package");
    let csv = std::fs::read_to_string(cartella.join(risorsa["path"].as_str().unwrap())).unwrap();
    let mut righe = csv.lines();
    assert_eq!(righe.next(), Some("Condizione,Come il piano la assicura"));
    assert_eq!(righe.count(), 5);
    // The index page is the PIAO's.
    let html = std::fs::read_to_string(cartella.join("index.html")).unwrap();
    assert!(html.contains("<title>Piano Integrato di Attività e Organizzazione 2025 - 2027"));
    let sums = std::fs::read_to_string(cartella.join("SHA256SUMS")).unwrap();
    assert!(sums.contains("piao-2025-2027-portale.json"));
}

#[test]
fn the_skeletons_of_a_piao_check_and_build() {
    let dir = tempfile::tempdir().unwrap();
    for (nome, extra) in [
        ("ordinario.json", None),
        ("semplificato.json", Some("--semplificato")),
    ] {
        let path = dir.path().join(nome);
        let mut args = vec!["nuovo", "--piao", path.to_str().unwrap()];
        args.extend(extra);
        assert!(piano(&args).status.success());
        let plan = read_json(&path);
        // No made-up figure: the band and the version are the only values besides text.
        assert_eq!(plan["piao"]["versione"], "1.0");
        let out = piano(&["check", path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("P150"), "{stderr}");
    }
    let semplificato = read_json(&dir.path().join("semplificato.json"));
    assert!(semplificato["piao"].get("monitoraggio").is_none());
    assert_eq!(semplificato["piao"]["dipendenti"], "fino_a_50");
}

#[test]
fn a_pola_alone_is_refused_for_a_piao() {
    let (_dir, path) = plan_file(&semplificato());
    let out = piano(&["build", path.to_str().unwrap(), "--documento", "pola"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sottosezione 3.2"), "{stderr}");
}

#[test]
fn amendments_of_the_piao_sections_are_reported() {
    let old = semplificato();
    let mut new = old.clone();
    new["piao"]["lavoro_agile"]["condizioni"]["dotazione_tecnologica"] =
        json!("Portatile e telefono forniti dall'ente.");
    new["piao"]["versione"] = json!("2.0");
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::write(&a, old.to_string()).unwrap();
    std::fs::write(&b, new.to_string()).unwrap();
    let out = piano(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    let testo = String::from_utf8_lossy(&out.stdout);
    assert!(
        testo.contains("piao › lavoro agile › condizioni › dotazione tecnologica"),
        "{testo}"
    );
    assert!(testo.contains("piao › versione"), "{testo}");
}

#[test]
fn both_piao_examples_pass_the_strict_check_and_are_marked_illustrative() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for nome in [
        "brescia-piao-2021-2023.json",
        "castelnuovo-piao-2025-2027.json",
    ] {
        let plan = root().join("data").join(nome);
        let run = piano(&["check", "--rigoroso", plan.to_str().unwrap()]);
        assert!(
            run.status.success(),
            "{nome}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(read_json(&plan)["documento"]["illustrativo"], true);
        let riga = readme
            .lines()
            .position(|l| l.contains(nome))
            .unwrap_or_else(|| panic!("the README names {nome}"));
        let intorno = readme.lines().skip(riga).take(3).collect::<String>();
        assert!(intorno.contains("illustrativ"), "{intorno}");
    }
}

#[test]
fn the_ordinario_example_builds_with_every_section_in_order() {
    let outputs = build_outputs(&root().join("data/brescia-piao-2021-2023.json"));
    let pdf = output(&outputs, "piao-2021-2023.pdf");
    let livello_1: Vec<String> = outline_entries(pdf)
        .into_iter()
        .filter(|(d, _)| *d == 1)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        livello_1,
        [
            "1 Scheda anagrafica dell'amministrazione",
            "2 Valore pubblico, performance e anticorruzione",
            "3 Organizzazione e capitale umano",
            "4 Monitoraggio",
        ],
    );
    let titoli = outline_titles(pdf);
    let sotto: Vec<&str> = [
        "2.1 ", "2.2 ", "2.3 ", "3.1 ", "3.2 ", "3.3 ", "3.3.1 ", "3.3.2 ",
    ]
    .into_iter()
    .filter(|n| !titoli.iter().any(|t| t.starts_with(n)))
    .collect();
    assert!(sotto.is_empty(), "missing {sotto:?} in {titoli:#?}");
    // The real Brescia content is in 2.2 and 3.2.
    let testo = squash(&pdf_text(pdf));
    assert!(
        testo.contains(&squash("Realizzazione Futura Digital Time 2021"))
            || testo.contains(&squash("Piano di sviluppo"))
    );
}
