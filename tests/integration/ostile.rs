//! Hostile and broken input never crashes: each case exits 1 (the plan has errors) or 2 (the
//! file cannot be read), with a located message, and never panics.

use std::path::Path;

use crate::common::*;

/// Runs `piano check` on raw bytes and returns exit code and stderr.
fn check_bytes(bytes: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("piano.json");
    std::fs::write(&path, bytes).unwrap();
    check_path(&path)
}

fn check_path(path: &Path) -> (i32, String) {
    let out = piano(&["check", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!err.contains("panicked"), "panic: {err}");
    (
        out.status.code().expect("exited normally, not by a signal"),
        err,
    )
}

fn minimo_text() -> String {
    std::fs::read_to_string(minimo()).unwrap()
}

fn with_title(title: &str) -> Vec<u8> {
    let mut json = read_json(&minimo());
    json["albero"][0]["titolo"] = title.into();
    serde_json::to_vec_pretty(&json).unwrap()
}

#[test]
fn empty_whitespace_truncated_and_trailing_commas_are_located_errors() {
    for (bytes, expected) in [
        (&b""[..], "--> "),
        (b"   \n\t \n", ":3:1"),
        (b"{\"ente\": {\"nome\": \"x\"", "il file finisce prima"),
        (b"{\"ente\": {\"nome\": \"x\",}}", "virgola di troppo"),
        (
            b"{\n  // commento\n  \"ente\": {}\n}",
            "il JSON non ammette commenti",
        ),
        (
            b"{\"documento\": {\"anno_inizio\": 1e400}}",
            "numero non valido",
        ),
        (b"{\"a\": \"\x00\"}", "carattere di controllo"),
    ] {
        let (code, err) = check_bytes(bytes);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("errore[P001]"), "{err}");
        assert!(err.contains(expected), "`{expected}` not in:\n{err}");
    }
}

#[test]
fn unreadable_files_are_tool_failures() {
    let (code, err) = check_bytes(b"{\n  \"ente\": \"\xc3\xa0\xff\xfe\"}");
    assert_eq!(code, 2);
    // The bad byte follows `  "ente": "à` on line 2: column 13.
    assert!(
        err.contains("non è un testo UTF-8 valido: riga 2, colonna 13"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = check_path(dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("impossibile leggere il piano"), "{err}");
    let (code, _) = check_path(&dir.path().join("manca.json"));
    assert_eq!(code, 2);
}

/// Only a regular file is read, and at most 64 MB of it: a device, a FIFO or a huge file
/// is a prompt Italian error (exit 2), never a hang or a memory blow-up.
#[test]
fn devices_fifos_and_huge_files_are_refused_without_reading() {
    let (code, err) = check_path(Path::new("/dev/zero"));
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err,
        "errore: impossibile leggere il piano `/dev/zero`: è un dispositivo, non un file\n"
    );

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("piano.json");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path and a mode.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    // Without a writer, opening the FIFO for reading would wait forever.
    let (code, err) = check_path(&fifo);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("è una pipe (FIFO), non un file"), "{err}");

    let big = dir.path().join("grande.json");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(2 * 1024 * 1024 * 1024).unwrap();
    let (code, err) = check_path(&big);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("è troppo grande (2048 MB; il massimo è 64 MB)"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(minimo_text().as_bytes());
    let (code, err) = check_bytes(&bytes);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn odd_but_valid_text_is_accepted_and_control_characters_are_not() {
    for title in [
        "مدينة مستدامة",             // right-to-left
        "Città\u{0301} sostenibile", // combining accent
        "Città sostenibile 🚲",      // emoji
        "-0",
    ] {
        let (code, err) = check_bytes(&with_title(title));
        assert_eq!(code, 0, "{title}: {err}");
    }
    let (code, err) = check_bytes(&with_title("nul\u{0}qui"));
    assert_eq!(code, 1);
    assert!(
        err.contains("errore[P006]: carattere di controllo U+0000")
            && err.contains("albero[0].titolo"),
        "{err}"
    );
    // A 10 MB title is only text.
    let (code, err) = check_bytes(&with_title(&"a".repeat(10 * 1024 * 1024)));
    assert_eq!(code, 0, "{}", &err[..err.len().min(500)]);
}

#[test]
fn a_glyph_no_font_has_is_a_located_build_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("piano.json");
    // (An emoji such as 🚲 prints: the emoji font is embedded.)
    std::fs::write(&path, with_title("Città sostenibile 漢")).unwrap();
    let out = piano(&[
        "build",
        path.to_str().unwrap(),
        "-o",
        dir.path().join("out").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // Reported in the plan before compiling (P081), not by Typst in the generated file.
    assert!(
        err.contains("errore[P081]") && err.contains("«漢» (U+6F22)"),
        "{err}"
    );
    assert!(!err.contains("T002"), "{err}");
}

#[test]
fn duplicate_keys_weights_as_strings_and_deep_nesting() {
    let dup = minimo_text().replacen(
        "\"titolo\": \"Città sostenibile\",",
        "\"titolo\": \"A\", \"titolo\": \"B\",",
        1,
    );
    let (code, err) = check_bytes(dup.as_bytes());
    assert_eq!(code, 1);
    assert!(
        err.contains("errore[P014]: il campo `titolo` è scritto due volte"),
        "{err}"
    );

    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["peso"] = "50%".into();
    let (code, err) = check_bytes(&serde_json::to_vec(&json).unwrap());
    assert_eq!(code, 1);
    assert!(
        err.contains("trovato il testo \"50%\"") && err.contains("albero[0].figli[0].peso"),
        "{err}"
    );

    // 30 levels of objectives: located errors for the levels that have no name.
    let mut node = serde_json::json!({"titolo": "foglia"});
    for i in 0..30 {
        node = serde_json::json!({"titolo": format!("livello {i}"), "figli": [node]});
    }
    let mut json = read_json(&minimo());
    json["albero"] = serde_json::json!([node]);
    json.as_object_mut().unwrap().remove("assegnazioni");
    let (code, err) = check_bytes(&serde_json::to_vec(&json).unwrap());
    assert_eq!(code, 1);
    assert!(
        err.contains("errore[P010]"),
        "{}",
        &err[..err.len().min(800)]
    );

    // Nesting deeper than the parser's limit is a located error too.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let (code, err) = check_bytes(deep.as_bytes());
    assert_eq!(code, 1);
    assert!(
        err.contains("annidamento troppo profondo") && err.contains(":1:"),
        "{err}"
    );

    // 64 levels of arrays in an unknown field.
    let mut json = read_json(&minimo());
    let mut v = serde_json::json!(1);
    for _ in 0..64 {
        v = serde_json::json!([v]);
    }
    json["ente"]["annidato"] = v;
    let (code, err) = check_bytes(&serde_json::to_vec(&json).unwrap());
    assert_eq!(code, 1);
    assert!(
        err.contains("questo campo non è previsto: `annidato`"),
        "{err}"
    );
}

mod proprieta {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Arbitrary bytes never make the loader panic.
        #[test]
        fn loader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(text) = String::from_utf8(bytes) {
                let _ = piano::pipeline::load_and_validate(std::sync::Arc::new(piano::diag::SourceFile::new("p.json", text)));
            }
        }

        /// Any title reaches the rendered Typst literally escaped, and the plan still loads.
        #[test]
        fn any_title_is_escaped_in_the_rendered_typst(title in "\\PC{1,60}") {
            // Characters no font has are an error of their own (P081).
            let fonts = piano::fonts::Fonts::embedded();
            let title: String = title.chars().filter(|&c| fonts.covers(c)).collect();
            // An empty title is an error of its own (P041).
            prop_assume!(!title.trim().is_empty());
            let mut json = crate::common::read_json(&crate::common::minimo());
            json["albero"][0]["figli"][0]["titolo"] = title.clone().into();
            let text = serde_json::to_string(&json).unwrap();
            let (loaded, catalogo, _) = piano::pipeline::load_and_validate(std::sync::Arc::new(piano::diag::SourceFile::new("p.json", text)))
                .map_err(|d| format!("{d:?}")).unwrap();
            let view = piano::view::View::build(&loaded.plan, &catalogo, None);
            let typ = piano::render::Templates::builtin().render("piano.typ.j2", &view).unwrap();
            let escaped = piano::render::escape::markup(&format!("Obiettivo strategico 1.1: {title}"));
            let heading = format!("#heading(level: 4)[{escaped}]");
            prop_assert!(typ.contains(&heading), "`{heading}` not in the rendered Typst");
        }
    }
}
