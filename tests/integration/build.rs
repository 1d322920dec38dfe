//! The example plan and the fixture build into PDFs a reader can trust.

use crate::common::*;

fn collect_indicator_texts(nodes: &[serde_json::Value], out: &mut Vec<String>) {
    for n in nodes {
        for ind in n["indicatori"].as_array().into_iter().flatten() {
            out.push(ind["descrizione"].as_str().unwrap().to_string());
            for t in ind["target"]
                .as_object()
                .into_iter()
                .flat_map(|m| m.values())
            {
                let text = match t {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Object(o) => o["testo"].as_str().unwrap().to_string(),
                    other => panic!("unexpected target {other}"),
                };
                out.push(text);
            }
        }
        collect_indicator_texts(n["figli"].as_array().map_or(&[], |v| v.as_slice()), out);
    }
}

#[test]
fn brescia_builds_with_metadata_outline_and_every_indicator() {
    let pdf = brescia_pdf();
    assert!(page_count(pdf) >= 30, "only {} pages", page_count(pdf));
    assert_eq!(
        info(pdf, "Title").as_deref(),
        Some("Piano della Performance 2021 - 2023")
    );
    assert_eq!(
        info(pdf, "Author").as_deref(),
        Some("Camera di Commercio Industria Artigianato e Agricoltura di Brescia")
    );
    assert!(info(pdf, "CreationDate").unwrap().starts_with("D:20210426"));
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let lang = doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .map(decode_pdf_string)
        .unwrap();
    assert_eq!(lang, "it");

    let outline = outline_titles(pdf);
    for expected in [
        "Pianificazione",
        "Albero della performance",
        "Schede obiettivi",
        "Area strategica 2: Servizi innovativi e semplificazione dei procedimenti per le imprese",
        "Obiettivo operativo 1.1.2: Riorganizzazione procedimento concessione ed erogazione bandi camerali e ADP",
        "Schede obiettivi Azienda Speciale Pro Brixia",
        "Assegnazione degli obiettivi 2021 ai dirigenti",
    ] {
        assert!(
            outline.iter().any(|t| t.ends_with(expected)),
            "bookmark `{expected}` missing from {outline:#?}"
        );
    }

    let text = squash(&pdf_text(pdf));
    let json = read_json(&brescia());
    let mut expected = Vec::new();
    collect_indicator_texts(json["albero"].as_array().unwrap(), &mut expected);
    for az in json["aziende_speciali"].as_array().unwrap() {
        collect_indicator_texts(az["obiettivi"].as_array().unwrap(), &mut expected);
    }
    assert!(
        expected.len() > 100,
        "only {} indicator texts",
        expected.len()
    );
    let missing: Vec<_> = expected
        .iter()
        .filter(|e| !text.contains(&squash(e)))
        .collect();
    assert!(missing.is_empty(), "not in the PDF text: {missing:#?}");
    // Italian number formats.
    assert!(text.contains("€1.171.568,59"));
    assert!(text.contains("100,00%"));
}

#[test]
fn the_same_plan_gives_byte_identical_pdfs() {
    let a = build_pdf(&minimo());
    let b = build_pdf(&minimo());
    assert!(a == b, "two builds of the same plan differ");
}

#[test]
fn a_title_written_once_appears_everywhere_it_is_shown() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["figli"][0]["titolo"] = "Titolo cambiato una volta sola".into();
    let (_dir, path) = plan_file(&json);
    let text = pdf_text(&build_pdf(&path));
    // Tree, summary table, scheda heading, manager's table (the fixture states no
    // `ponderazione`, so its parent has no weighting table naming it).
    let count = squash(&text)
        .matches(&squash("Titolo cambiato una volta sola"))
        .count();
    assert!(count >= 4, "the title appears {count} times:\n{text}");
    assert!(!text.contains("Progettazione esecutiva"));
}

#[test]
fn rendered_typst_of_the_fixture() {
    let source = piano::load::read(&minimo()).unwrap();
    let options = piano::pipeline::BuildOptions {
        emit_typst: true,
        ..Default::default()
    };
    let built =
        piano::pipeline::build(source, &piano::render::Templates::builtin(), &options).unwrap();
    let typ = built
        .outputs
        .iter()
        .find(|o| o.name.ends_with(".typ"))
        .unwrap();
    insta::assert_snapshot!(String::from_utf8(typ.bytes.clone()).unwrap());
}
