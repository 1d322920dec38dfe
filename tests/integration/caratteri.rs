//! Characters and fonts: emoji print with the embedded emoji font; a character no font has
//! is an error located in the plan, before compiling; a body's own fonts beside the plan
//! are embedded and cover what they have; Markdown lists nest at most eight levels.

use std::path::Path;

use crate::common::*;

/// The fixture plan with `from` replaced by `to` in its text, written to a fresh folder.
fn plan_with(from: &str, to: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let text = std::fs::read_to_string(minimo()).unwrap();
    assert!(text.contains(from));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("piano.json");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    (dir, path)
}

/// The base names of the fonts a PDF embeds.
fn embedded_fonts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
        .filter_map(|d| d.get(b"FontName").and_then(|n| n.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

fn check(path: &Path) -> Result<Vec<piano::diag::Diagnostic>, Vec<piano::diag::Diagnostic>> {
    piano::pipeline::load_and_validate(piano::load::read(path).unwrap()).map(|(_, _, d)| d)
}

#[test]
fn emoji_in_a_plan_print_with_the_embedded_emoji_font() {
    let (_dir, path) = plan_with(
        "\"Piste ciclabili nuove.\"",
        "\"Piste ciclabili nuove ✅, strade chiuse ❌, cittadini contenti 😀.\"",
    );
    let pdf = build_pdf(&path);
    let fonts = embedded_fonts(&pdf);
    assert!(
        fonts.iter().any(|f| f.ends_with("+NotoEmoji-Regular")),
        "{fonts:?}"
    );
    assert!(pdf_text(&pdf).contains("cittadini contenti"));
}

#[test]
fn a_character_without_a_font_is_an_error_located_in_the_plan() {
    // Line 21 of the fixture: `          "titolo": "Mobilità dolce",`; «漢» is its 31st
    // character (10 spaces, then `"titolo": "` is 11 and `Mobilità ` is 9).
    let (_dir, path) = plan_with("\"Mobilità dolce\"", "\"Mobilità 漢 dolce\"");
    let errors = check(&path).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(e.code.as_str(), "P081");
    assert_eq!(
        e.message,
        "il carattere «漢» (U+6F22) non è in nessun font incorporato"
    );
    assert_eq!(e.path.as_deref(), Some("albero[0].figli[0].titolo"));
    let pos = e.position.unwrap();
    assert_eq!((pos.line, pos.column), (21, 31));
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("cartella `fonts` accanto al piano")
    );
    // The command line says the same, in Italian, before anything is compiled.
    let out = piano(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("il carattere «漢» (U+6F22) non è in nessun font incorporato"),
        "{stderr}"
    );
    assert!(!stderr.contains("could not be displayed"), "{stderr}");
}

#[test]
fn a_font_beside_the_plan_covers_its_characters_and_is_embedded() {
    let (dir, path) = plan_with("\"Mobilità dolce\"", "\"Mobilità 漢 dolce\"");
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/fonts/NotoSansCJKsc-Han.otf"),
        fonts.join("NotoSansCJKsc-Han.otf"),
    )
    .unwrap();
    // Not a font: ignored by its extension.
    std::fs::copy(
        root().join("tests/fixtures/fonts/OFL.txt"),
        fonts.join("OFL.txt"),
    )
    .unwrap();
    let pdf = build_pdf(&path);
    let names = embedded_fonts(&pdf);
    assert!(names.iter().any(|f| f.contains("NotoSansCJK")), "{names:?}");
    assert!(pdf_text(&pdf).contains('漢'));
    // A character the folder's font does not have is still an error, which now names the
    // folder too.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("漢", "漢語", 1)).unwrap();
    let errors = check(&path).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].message,
        "il carattere «語» (U+8A9E) non è né nei font incorporati né in quelli della cartella \
         `fonts` accanto al piano"
    );
}

#[test]
fn an_invalid_font_beside_the_plan_is_an_error() {
    let (dir, path) = plan_with("\"Mobilità dolce\"", "\"Mobilità dolce\"");
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    std::fs::write(fonts.join("rotto.ttf"), b"not a font").unwrap();
    let errors = check(&path).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code.as_str(), "P071");
    assert!(
        errors[0].message.contains("rotto.ttf") && errors[0].message.contains("non è un font"),
        "{}",
        errors[0].message
    );
}

#[test]
fn lists_nested_too_deep_are_one_error_located_in_the_plan() {
    // 5,000 levels: one `- ` per level on a single line.
    let deep = format!("{}fondo", "- ".repeat(5000));
    let (_dir, path) = plan_with(
        "\"Piste ciclabili nuove.\"",
        &serde_json::to_string(&deep).unwrap(),
    );
    let errors = check(&path).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(e.code.as_str(), "P082");
    assert_eq!(e.message, "elenco annidato su 5000 livelli: il massimo è 8");
    assert_eq!(e.path.as_deref(), Some("albero[0].figli[0].descrizione"));
    assert_eq!(e.position.map(|p| p.line), Some(23));
}

#[test]
fn eight_levels_of_list_build() {
    let (_dir, path) = plan_with(
        "\"Piste ciclabili nuove.\"",
        &serde_json::to_string(&format!("{}ottavo livello", "- ".repeat(8))).unwrap(),
    );
    assert!(check(&path).is_ok());
    let nine = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("- ottavo", "- - nono", 1);
    std::fs::write(&path, nine).unwrap();
    let errors = check(&path).unwrap_err();
    assert_eq!(
        errors[0].message,
        "elenco annidato su 9 livelli: il massimo è 8"
    );
    let eight = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("- - nono", "- ottavo", 1);
    std::fs::write(&path, eight).unwrap();
    assert!(pdf_text(&build_pdf(&path)).contains("ottavo livello"));
}
