//! Whatever a plan contains prints literally: no Typst code can come from the data.

use crate::common::*;

const INJECTIONS: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "$x^2$",
    "*non grassetto*",
    "_non corsivo_",
    "@riferimento",
    "<etichetta>",
    "[parentesi] e \\ barra",
    "// non un commento",
    "= non un titolo",
    "- non un elenco",
    "1. non numerato",
    "#{ panic() } ```raw```",
];

#[test]
fn injection_strings_appear_literally_in_the_pdf() {
    let mut json = read_json(&minimo());
    json["albero"][0]["titolo"] = INJECTIONS[0].into();
    let strategic = &mut json["albero"][0]["figli"][0];
    strategic["titolo"] = INJECTIONS[1].into();
    // Emphasis markers go where text is plain (offices): titles and subtitles read the
    // plan's inline Markdown (`tests/integration/formato.rs`).
    strategic["sottotitolo"] = INJECTIONS[4].into();
    strategic["uffici"] = serde_json::json!([INJECTIONS[2], INJECTIONS[3]]);
    strategic["indicatori"][0]["descrizione"] = INJECTIONS[5].into();
    strategic["indicatori"][0]["target"]["2024"] = INJECTIONS[6].into();
    strategic["indicatori"][0]["baseline"] = INJECTIONS[7].into();
    let op = &mut strategic["figli"][0];
    op["titolo"] = INJECTIONS[8].into();
    op["indicatori"][0]["descrizione"] = INJECTIONS[9].into();
    op["indicatori"][0]["target"]["31/12"] = INJECTIONS[10].into();
    op["indicatori"][0]["documentazione"] = INJECTIONS[11].into();
    let (_dir, path) = plan_file(&json);
    let text = squash(&pdf_text(&build_pdf(&path)));
    for s in INJECTIONS {
        assert!(text.contains(&squash(s)), "`{s}` is not printed literally");
    }
    assert!(!text.contains("root:"), "a file was read");
}

#[test]
fn markdown_fields_cannot_emit_typst() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["descrizione"] =
        "Testo #read(\"/etc/passwd\") e #pagebreak() e <b>html</b> e [link](file:///etc/passwd)"
            .into();
    let (_dir, path) = plan_file(&json);
    let text = squash(&pdf_text(&build_pdf(&path)));
    assert!(text.contains(&squash(
        "#read(\"/etc/passwd\") e #pagebreak() e <b>html</b> e link"
    )));
}

#[test]
fn control_characters_are_refused_with_their_location() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["titolo"] = "Mobilità\u{7} dolce".into();
    let (_dir, path) = plan_file(&json);
    let out = piano(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("errore[P006]: carattere di controllo U+0007"),
        "{err}"
    );
    assert!(
        err.contains("percorso: `albero[0].figli[0].titolo`"),
        "{err}"
    );
    assert!(err.contains("piano.json:"), "{err}");
}
