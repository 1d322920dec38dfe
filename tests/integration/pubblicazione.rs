//! The publication folder for Amministrazione Trasparente: accessible HTML, open data,
//! checksums.

use crate::common::*;

/// The Brescia publication folder, shared by the tests (they only read it).
fn publish() -> &'static std::path::Path {
    published_examples().0
}

#[test]
fn the_publication_folder_holds_everything_with_verified_checksums() {
    let out = publish();
    let mut names: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "SHA256SUMS",
            "datapackage.json",
            "index.html",
            "piano-della-performance-2021-2023-assegnazioni.csv",
            "piano-della-performance-2021-2023-indicatori.csv",
            "piano-della-performance-2021-2023-obiettivi.csv",
            "piano-della-performance-2021-2023.json",
            "piano-della-performance-2021-2023.pdf",
            "piano-organizzativo-del-lavoro-agile-2021.html",
            "piano-organizzativo-del-lavoro-agile-2021.pdf",
        ]
    );
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    assert_eq!(sums.lines().count(), names.len() - 1);
    for line in sums.lines() {
        let (hex, name) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(out.join(name)).unwrap();
        use sha2::Digest as _;
        let actual: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hex, actual, "{name}");
    }
}

#[test]
fn the_html_page_is_self_contained_and_accessible() {
    let out = publish();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"it\">"));
    assert!(html.contains("<a class=\"salta\" href=\"#contenuto\">Vai al contenuto</a>"));
    assert!(html.contains("<main id=\"contenuto\">"));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("@media print"));
    // No resource from another site: no scripts, no external stylesheets, images or fonts.
    for forbidden in ["<script", "<link", "<img", "@import", "url(", "src=\"http"] {
        assert!(!html.contains(forbidden), "`{forbidden}` in the page");
    }
    // Every table has a caption and header cells with a scope.
    let tables = html.matches("<table>").count();
    assert!(tables > 50, "{tables}");
    assert_eq!(html.matches("<caption").count(), tables);
    assert!(!html.contains("<th>"), "header cell without scope");
    // Charts are SVG with a title and a description.
    assert!(
        html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=")
    );
    // Every indicator and the links to the PDF and the open data are there.
    let json = read_json(&brescia());
    let first = json["albero"][0]["figli"][0]["indicatori"][0]["descrizione"]
        .as_str()
        .unwrap();
    assert!(html.contains(first));
    for link in [
        "piano-della-performance-2021-2023.pdf",
        "piano-della-performance-2021-2023-indicatori.csv",
        "datapackage.json",
    ] {
        assert!(html.contains(&format!("href=\"{link}\"")), "{link}");
    }
    // Headings go down one level at a time.
    let mut last = 1;
    for (i, _) in html.match_indices("<h") {
        if let Some(level) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10)) {
            assert!(
                level <= last + 1,
                "heading h{level} after h{last} at byte {i}"
            );
            last = level;
        }
    }
}

#[test]
fn open_data_has_one_row_per_indicator_and_deadline() {
    let out = publish();
    let mut rdr =
        csv::Reader::from_path(out.join("piano-della-performance-2021-2023-indicatori.csv"))
            .unwrap();
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "codice_obiettivo");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let json = read_json(&brescia());
    let mut expected = 0;
    fn count(nodes: &[serde_json::Value], n: &mut usize) {
        for node in nodes {
            for ind in node["indicatori"].as_array().into_iter().flatten() {
                *n += ind["target"].as_object().map_or(0, |m| m.len());
            }
            count(node["figli"].as_array().map_or(&[], |v| v.as_slice()), n);
        }
    }
    count(json["albero"].as_array().unwrap(), &mut expected);
    count(
        json["aziende_speciali"][0]["obiettivi"].as_array().unwrap(),
        &mut expected,
    );
    assert_eq!(rows.len(), expected);
    let r = rows
        .iter()
        .find(|r| &r[0] == "1.1.2" && &r[8] == "31/12" && &r[1] == "1")
        .unwrap();
    assert_eq!(&r[9], "1489");
    assert_eq!(&r[10], "=");
    assert_eq!(&r[11], "1489.0");
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("datapackage.json")).unwrap())
            .unwrap();
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    let fields = package["resources"][1]["schema"]["fields"]
        .as_array()
        .unwrap();
    assert_eq!(fields.len(), headers.len());
    for (f, h) in fields.iter().zip(headers.iter()) {
        assert_eq!(f["name"], h);
    }
    let assegnazioni =
        std::fs::read_to_string(out.join("piano-della-performance-2021-2023-assegnazioni.csv"))
            .unwrap();
    assert!(assegnazioni.contains("\r\n"), "RFC 4180 line ends");
    assert!(
        assegnazioni.contains(
            "Riorganizzazione procedimento concessione ed erogazione bandi camerali e ADP"
        )
    );
}

#[test]
fn the_pdf_is_tagged_archival_and_accessible_with_every_font_embedded() {
    let pdf = brescia_pdf();
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "no structure tree");
    let mark_info = match catalog.get(b"MarkInfo").unwrap() {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
        lopdf::Object::Dictionary(d) => d,
        other => panic!("MarkInfo is {other:?}"),
    };
    assert!(matches!(
        mark_info.get(b"Marked"),
        Ok(lopdf::Object::Boolean(true))
    ));
    assert_eq!(decode_pdf_string(catalog.get(b"Lang").unwrap()), "it");
    // XMP metadata identifies PDF/A-2a and PDF/UA-1.
    let meta = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = doc.get_object(meta).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8_lossy(&xmp.content).to_string();
    for needle in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>A</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
    ] {
        assert!(xmp.contains(needle), "`{needle}` missing in XMP:\n{xmp}");
    }
    // Every font has its program embedded.
    let mut fonts = 0;
    for (_, obj) in doc.objects.iter() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type")
                .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"FontDescriptor"))
        {
            fonts += 1;
            assert!(
                d.get(b"FontFile2").is_ok()
                    || d.get(b"FontFile3").is_ok()
                    || d.get(b"FontFile").is_ok(),
                "font not embedded: {d:?}"
            );
        }
    }
    assert!(fonts >= 2, "{fonts}");
}
