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

/// Runs `piano build` on `plan` into `out` with `extra` arguments: exit code and stderr.
fn build_into(plan: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["build", plan.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = piano(&args);
    let err = String::from_utf8_lossy(&run.stderr).to_string();
    assert!(!err.contains("panicked"), "panic: {err}");
    (
        run.status.code().expect("exited normally, not by a signal"),
        err,
    )
}

/// The minimal plan in `dir/piano/piano.json`, with `edit` applied.
fn plan_in(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) -> std::path::PathBuf {
    let folder = dir.join("piano");
    std::fs::create_dir_all(&folder).unwrap();
    let mut json = read_json(&minimo());
    edit(&mut json);
    let path = folder.join("piano.json");
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    path
}

/// The CRC of a PNG chunk (ISO 3309, as PNG specifies it).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A valid PNG that declares `w`×`h` pixels (its pixel data is an empty zlib stream).
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        png.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        png.extend(&body);
        png.extend(crc32(&body).to_be_bytes());
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]); // 8 bits, RGBA
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    png
}

/// A JPEG header whose frame (SOF0) declares `w`×`h` pixels.
fn jpeg_declaring(w: u16, h: u16) -> Vec<u8> {
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    jpeg.extend(h.to_be_bytes());
    jpeg.extend(w.to_be_bytes());
    jpeg.extend([0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
    jpeg.extend([0xFF, 0xD9]);
    jpeg
}

/// Builds a plan whose logo is `name` holding `bytes`: exit code and stderr.
fn build_with_logo(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path(), |j| j["ente"]["logo"] = name.into());
    std::fs::write(plan.parent().unwrap().join(name), bytes).unwrap();
    build_into(&plan, &dir.path().join("out"), &[])
}

#[test]
fn a_logo_outside_the_plan_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("segreto.svg");
    std::fs::write(
        &secret,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#,
    )
    .unwrap();
    let linked = dir.path().join("piano/collegato.svg");
    for logo in ["../segreto.svg", secret.to_str().unwrap(), "collegato.svg"] {
        let plan = plan_in(dir.path(), |j| j["ente"]["logo"] = logo.into());
        if logo == "collegato.svg" && !linked.exists() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(&secret, &linked).unwrap();
        }
        let (code, err) = build_into(&plan, &dir.path().join("out"), &[]);
        assert_eq!(code, 1, "{logo}: {err}");
        assert!(
            err.contains(&format!(
                "errore[P070]: impossibile leggere il logo `{logo}`"
            )) && err.contains("fuori dalla cartella del piano")
                && err.contains("percorso: `ente.logo`")
                && err.contains("piano.json:"),
            "{logo}: {err}"
        );
    }
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_logo_that_is_not_a_file_or_too_large_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path(), |j| j["ente"]["logo"] = "cartella.png".into());
    std::fs::create_dir(dir.path().join("piano/cartella.png")).unwrap();
    let (code, err) = build_into(&plan, &dir.path().join("out"), &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`cartella.png`: non è un file"), "{err}");

    let mut big = png_declaring(10, 10);
    big.resize(6 * 1024 * 1024, 0);
    let (code, err) = build_with_logo("grande.png", &big);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("il file è di 6 MB, più del massimo di 5 MB"),
        "{err}"
    );
}

#[test]
fn image_bombs_are_refused_before_decoding() {
    use base64::Engine as _;
    let bomb = png_declaring(100_000, 100_000);
    let (code, err) = build_with_logo("bomba.png", &bomb);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("errore[P070]")
            && err.contains(
                "l'immagine dichiara 100000×100000 pixel, più del massimo di 10000×10000"
            )
            && err.contains("percorso: `ente.logo`"),
        "{err}"
    );

    let (code, err) = build_with_logo("bomba.jpg", &jpeg_declaring(65000, 65000));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("l'immagine dichiara 65000×65000 pixel"),
        "{err}"
    );

    let data = base64::engine::general_purpose::STANDARD.encode(&bomb);
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100"><image width="100" height="100" xlink:href="data:image/png;base64,{data}"/></svg>"#
    );
    let (code, err) = build_with_logo("bomba.svg", svg.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("immagine incorporata nell'SVG: l'immagine dichiara 100000×100000 pixel"),
        "{err}"
    );

    let huge = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>"#;
    let (code, err) = build_with_logo("enorme.svg", huge.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("l'SVG dichiara width=\"100000\""), "{err}");

    // A small PNG embedded in an SVG is fine.
    let small = base64::engine::general_purpose::STANDARD.encode(png_declaring(1, 1));
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image width="10" height="10" href="data:image/png;base64,{small}"/></svg>"#
    );
    let (code, err) = build_with_logo("stemma.svg", svg.as_bytes());
    assert_ne!(code, 2, "{err}");
    assert!(!err.contains("P070"), "{err}");
}

/// The files of a folder with their contents, sorted by name.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn an_output_that_cannot_be_written_leaves_every_old_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path(), |_| {});
    let out = dir.path().join("out");
    let (code, err) = build_into(&plan, &out, &[]);
    assert_eq!(code, 0, "{err}");
    // One output's name is taken by a folder with a file in it: its rename fails.
    let blocked = out.join("piano-della-performance-2024-2026-obiettivi.csv");
    std::fs::remove_file(&blocked).unwrap();
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("x"), "x").unwrap();
    let before = contents(&out);
    assert!(before.len() >= 5, "{before:?}");

    let mut json = read_json(&plan);
    json["albero"][0]["titolo"] = "Un titolo nuovo".into();
    json["albero"][0]["figli"][0]["indicatori"][0]["target"]["2024"] = ">= 21".into();
    std::fs::write(&plan, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let (code, err) = build_into(&plan, &out, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("piano-della-performance-2024-2026-obiettivi.csv")
            && err.contains("nessun file della cartella è stato cambiato"),
        "{err}"
    );
    assert_eq!(contents(&out), before, "an old output was replaced");
}

#[test]
fn temporary_files_left_by_a_killed_build_are_removed_by_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path(), |_| {});
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // What a build killed while writing leaves behind.
    let stale = [
        ".piano-della-performance-2024-2026.pdf.Xq3r9Z.tmp",
        ".piano-della-performance-2024-2026.html.a1B2c3.tmp",
    ];
    for name in stale {
        std::fs::write(out.join(name), "mezzo file").unwrap();
    }
    std::fs::write(out.join("appunti.tmp"), "mio").unwrap();
    let (code, err) = build_into(&plan, &out, &[]);
    assert_eq!(code, 0, "{err}");
    for name in stale {
        assert!(!out.join(name).exists(), "{name} left");
    }
    assert!(out.join("appunti.tmp").exists());
    let hidden: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[cfg(unix)]
#[test]
fn an_output_replaced_by_a_link_to_dev_zero_or_a_pipe_is_not_read() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path(), |_| {});
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let pdf = out.join("piano-della-performance-2024-2026.pdf");
    let csv = out.join("piano-della-performance-2024-2026-obiettivi.csv");
    std::os::unix::fs::symlink("/dev/zero", &pdf).unwrap();
    let fifo = std::ffi::CString::new(csv.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let mut child = Command::new(env!("CARGO_BIN_EXE_piano"))
        .args(["build", plan.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Bounded: a build reading /dev/zero or a pipe never ends.
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the build read /dev/zero or the pipe without end");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    for path in [&pdf, &csv] {
        assert!(
            std::fs::symlink_metadata(path).unwrap().is_file(),
            "{path:?}"
        );
    }
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_plan_file_named_dots_is_refused_in_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let inside = dir.path().join("dentro");
    std::fs::create_dir(&inside).unwrap();
    let dots = inside.join("...json");
    std::fs::copy(minimo(), &dots).unwrap();
    let other = inside.join("altro.json");
    std::fs::copy(minimo(), &other).unwrap();
    let out = inside.join("out");
    let run = piano(&[
        "build",
        dots.to_str().unwrap(),
        other.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(err.contains("rinomina il file"), "{err}");
    // Nothing was written beside `out`.
    let names: Vec<String> = std::fs::read_dir(&inside)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".pdf")), "{names:?}");
}

#[test]
fn emit_typst_writes_templates_kept_in_subfolders() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path(), |_| {});
    let modelli = dir.path().join("modelli");
    std::fs::create_dir_all(modelli.join("parti")).unwrap();
    std::fs::write(modelli.join("parti/nota.typ"), "// una nota\n").unwrap();
    let out = dir.path().join("out");
    let (code, err) = build_into(
        &plan,
        &out,
        &["--emit-typst", "--templates", modelli.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("parti/nota.typ")).unwrap(),
        "// una nota\n"
    );
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralised_and_the_json_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let formula = "=HYPERLINK(\"http://x.example\";\"clic\")";
    let plan = plan_in(dir.path(), |j| {
        j["albero"][0]["titolo"] = formula.into();
        j["albero"][0]["figli"][0]["titolo"] = "@SOMMA(A1:A9)".into();
        j["albero"][0]["figli"][0]["figli"][0]["titolo"] = "-2+3".into();
    });
    let out = dir.path().join("out");
    let (code, err) = build_into(&plan, &out, &[]);
    assert_eq!(code, 0, "{err}");
    let mut rdr =
        csv::Reader::from_path(out.join("piano-della-performance-2024-2026-obiettivi.csv"))
            .unwrap();
    let titles: Vec<String> = rdr.records().map(|r| r.unwrap()[4].to_string()).collect();
    assert_eq!(
        &titles[..3],
        [
            format!("'{formula}"),
            "'@SOMMA(A1:A9)".into(),
            "'-2+3".into()
        ]
    );
    let json = read_json(&out.join("piano-della-performance-2024-2026.json"));
    assert_eq!(json["obiettivi"][0]["titolo"], formula);
    assert_eq!(json["obiettivi"][1]["titolo"], "@SOMMA(A1:A9)");
}

/// Builds the minimal plan with a templates folder holding `files`: exit code and stderr.
fn build_with_templates(files: &[(&str, &str)], extra: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path(), |_| {});
    let modelli = dir.path().join("modelli");
    std::fs::create_dir_all(&modelli).unwrap();
    for (name, text) in files {
        std::fs::write(modelli.join(name), text).unwrap();
    }
    let mut args = vec!["--templates", modelli.to_str().unwrap()];
    args.extend_from_slice(extra);
    build_into(&plan, &dir.path().join("out"), &args)
}

/// The built-in `piano.typ.j2` with `extra` added at its end.
fn piano_template_with(extra: &str) -> String {
    let builtin = std::fs::read_to_string(root().join("templates/piano.typ.j2")).unwrap();
    format!("{builtin}\n{extra}\n")
}

#[test]
fn a_template_loop_that_never_ends_runs_out_of_fuel() {
    let nested = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}";
    let (code, err) = build_with_templates(&[("piano.typ.j2", &piano_template_with(nested))], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("errore[T001]") && err.contains("un ciclo non finisce"),
        "{err}"
    );
}

#[test]
fn a_template_printing_without_end_is_stopped() {
    let bomb = "{% for i in range(100000) %}{{ \"x\" * 50000000 }}{% endfor %}";
    let (code, err) = build_with_templates(&[("piano.typ.j2", &piano_template_with(bomb))], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("il modello `piano.typ.j2` produce più di 64 MB di testo"),
        "{err}"
    );
    let repeat = "{{ \"x\" * 8000000000 }}";
    let (code, err) = build_with_templates(&[("piano.typ.j2", &piano_template_with(repeat))], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("errore[T001]"), "{err}");
}

#[test]
fn a_large_or_linked_template_file_is_named_in_an_error() {
    let big = "x".repeat(5 * 1024 * 1024);
    let (code, err) = build_with_templates(&[("grande.typ", &big)], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("grande.typ") && err.contains("supera il massimo di 4 MB"),
        "{err}"
    );

    #[cfg(unix)]
    {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path(), |_| {});
        let modelli = dir.path().join("modelli");
        std::fs::create_dir_all(&modelli).unwrap();
        std::fs::write(dir.path().join("altrove.typ"), "// x\n").unwrap();
        std::os::unix::fs::symlink(dir.path().join("altrove.typ"), modelli.join("stile.typ"))
            .unwrap();
        let (code, err) = build_into(
            &plan,
            &dir.path().join("out"),
            &["--templates", modelli.to_str().unwrap()],
        );
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("stile.typ") && err.contains("collegamento simbolico"),
            "{err}"
        );
    }
}

#[test]
fn a_typst_loop_that_never_ends_is_given_up_after_the_time_limit() {
    let builtin = std::fs::read_to_string(root().join("templates/stile.typ")).unwrap();
    let looping =
        format!("{builtin}\n#for i in range(100000) {{ for j in range(100000) {{ }} }}\n");
    let (code, err) = build_with_templates(&[("stile.typ", &looping)], &["--limite-tempo", "1"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("errore[T004]")
            && err.contains("(modello `piano.typ.j2`) non è finita entro il limite di 1 s")
            && err.contains("--limite-tempo"),
        "{err}"
    );
}

mod proprieta {
    use proptest::prelude::*;

    /// The Markdown inline forms a narrative field may use around a word.
    const FORMS: &[(&str, &str)] = &[
        ("**", "**"),
        ("__", "__"),
        ("*", "*"),
        ("_", "_"),
        ("[", "](https://www.comune.it)"),
        ("`", "`"),
        ("***", "***"),
    ];

    /// Punctuation that may follow inline markup.
    const MARKS: &[&str] = &[
        ";", ",", ".", ":", "!", "?", ")", "]", "(", "[", "%", "…", "»", ";;", ").",
    ];

    /// Compiles a small document made of `md` through the `md` conversion, returning the
    /// text a reader sees, or Typst's errors.
    fn pdf_of_markdown(md: &str) -> Result<String, String> {
        let main = format!(
            "#set document(title: [prova])\n#set text(lang: \"it\", font: \"Titillium Web\")\n{}\n",
            piano::render::markdown::to_typst(md)
        );
        let settings = piano::compile::PdfSettings {
            ident: "prova".into(),
            date: Some(piano::format::Date {
                year: 2024,
                month: 1,
                day: 1,
            }),
        };
        piano::compile::compile_pdf(main, Vec::new(), &settings, "prova.typ")
            .map(|(pdf, _)| crate::common::pdf_text(&pdf))
            .map_err(|d| format!("{d:?}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// A punctuation mark right after bold, italic, a link or code is printed: Typst's
        /// `#expr;` must not swallow a `;`, nor read `(` or `[` as arguments.
        #[test]
        fn punctuation_after_inline_markup_survives(
            form in 0..FORMS.len(),
            mark in 0..MARKS.len(),
            word in "[a-z]{1,8}",
        ) {
            let (open, close) = FORMS[form];
            let mark = MARKS[mark];
            let md = format!("servizi {open}{word}{close}{mark} altro");
            let text = pdf_of_markdown(&md).map_err(|e| TestCaseError::fail(format!("{md}: {e}")))?;
            let seen = crate::common::squash(&text);
            let want = format!("servizi{word}{mark}altro");
            prop_assert!(seen.contains(&want), "`{md}` printed as `{text}`");
        }
    }

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
            // Titles read the plan's emphasis (`mdi`): escaped text and `strong`/`emph` calls.
            let escaped = piano::render::markdown::inline_typst(&format!("Obiettivo strategico 1.1: {title}"));
            let heading = format!("#heading(level: 4)[{escaped}]");
            prop_assert!(typ.contains(&heading), "`{heading}` not in the rendered Typst");
        }
    }
}
