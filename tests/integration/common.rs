//! Shared fixtures and PDF readers.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::LazyLock;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled example plan.
pub fn brescia() -> PathBuf {
    root().join("data/brescia-2021-2023.json")
}

/// The second example (Venezia Rovigo 2019).
pub fn venezia() -> PathBuf {
    root().join("data/venezia-rovigo-2019.json")
}

/// Builds a plan in-process with the default options: every output, or a panic with the
/// diagnostics.
pub fn build_outputs(plan: &Path) -> Vec<piano::write::Output> {
    let source = piano::load::read(plan).unwrap();
    piano::pipeline::build(
        source,
        &piano::render::Templates::builtin(),
        &piano::pipeline::BuildOptions::default(),
    )
    .unwrap_or_else(|f| panic!("build failed: {:#?}", f.diagnostics))
    .outputs
}

/// Every output of the Brescia example, built once per test run and shared by the tests
/// that only read it.
pub fn brescia_outputs() -> &'static [piano::write::Output] {
    static OUTPUTS: LazyLock<Vec<piano::write::Output>> =
        LazyLock::new(|| build_outputs(&brescia()));
    &OUTPUTS
}

/// Every output of the Venezia Rovigo example, built once per test run.
pub fn venezia_outputs() -> &'static [piano::write::Output] {
    static OUTPUTS: LazyLock<Vec<piano::write::Output>> =
        LazyLock::new(|| build_outputs(&venezia()));
    &OUTPUTS
}

/// The output called `name` among `outputs`.
pub fn output<'a>(outputs: &'a [piano::write::Output], name: &str) -> &'a [u8] {
    &outputs
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("{name} not built"))
        .bytes
}

/// The Brescia plan's PDF, from the shared build.
pub fn brescia_pdf() -> &'static [u8] {
    output(brescia_outputs(), "piano-della-performance-2021-2023.pdf")
}

/// The publication folders of both examples, written once per test run by the binary
/// (`piano build --pubblicazione`), for the tests that read them: (Brescia, Venezia).
pub fn published_examples() -> (&'static Path, &'static Path) {
    static DIR: LazyLock<(tempfile::TempDir, PathBuf, PathBuf)> = LazyLock::new(|| {
        let dir = tempfile::tempdir().unwrap();
        let brescia = publish_into(&brescia(), dir.path(), "pubblica");
        let venezia = publish_into(&venezia(), dir.path(), "venezia");
        (dir, brescia, venezia)
    });
    (&DIR.1, &DIR.2)
}

/// The small fixture plan.
pub fn minimo() -> PathBuf {
    root().join("tests/fixtures/minimo.json")
}

/// Runs the `piano` binary with `args`, without colours and without SOURCE_DATE_EPOCH.
pub fn piano(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_piano"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("the piano binary runs")
}

/// Builds a plan file in-process into PDF bytes, panicking with the diagnostics on failure.
pub fn build_pdf(plan: &Path) -> Vec<u8> {
    let source = piano::load::read(plan).unwrap();
    let templates = piano::render::Templates::builtin();
    match piano::pipeline::build(
        source,
        &templates,
        &piano::pipeline::BuildOptions::default(),
    ) {
        Ok(b) => {
            b.outputs
                .into_iter()
                .find(|o| o.name.ends_with(".pdf"))
                .unwrap()
                .bytes
        }
        Err(f) => panic!("build failed: {:#?}", f.diagnostics),
    }
}

/// Writes `json` to a plan file in a fresh temporary folder.
pub fn plan_file(json: &serde_json::Value) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("piano.json");
    std::fs::write(&path, serde_json::to_string_pretty(json).unwrap()).unwrap();
    (dir, path)
}

/// Reads a JSON file.
pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The text a reader sees in a PDF.
pub fn pdf_text(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("the PDF text can be extracted")
}

/// The text of the pages without their running header and footer, so that a paragraph
/// broken across two pages reads as one.
pub fn body_text(pdf: &[u8], furniture: &[&str]) -> String {
    pdf_text(pdf)
        .lines()
        .filter(|l| {
            let t = l.trim();
            let page_number = t
                .strip_prefix("pag. ")
                .is_some_and(|r| r.split(" di ").all(|n| n.parse::<u32>().is_ok()));
            let header = !t.is_empty()
                && furniture
                    .iter()
                    .any(|f| t == *f || t.replace(' ', "") == furniture.concat().replace(' ', ""));
            !page_number && !header
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text reduced for comparison: no whitespace, no hyphens (line-end hyphenation and list
/// markers vary with layout), typographic apostrophes made straight.
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '•' | '–'))
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect()
}

/// The titles of the PDF's bookmarks, depth first.
pub fn outline_titles(pdf: &[u8]) -> Vec<String> {
    outline_entries(pdf).into_iter().map(|(_, t)| t).collect()
}

/// The PDF's bookmarks, depth first, each with its depth in the outline (from 1).
pub fn outline_entries(pdf: &[u8]) -> Vec<(usize, String)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = catalog
        .get(b"Outlines")
        .and_then(|o| o.as_reference())
        .unwrap();
    let mut entries = Vec::new();
    let first = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"First")
        .and_then(|o| o.as_reference())
        .ok();
    walk_outline(&doc, first, 1, &mut entries);
    entries
}

fn walk_outline(
    doc: &lopdf::Document,
    mut next: Option<lopdf::ObjectId>,
    depth: usize,
    entries: &mut Vec<(usize, String)>,
) {
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        if let Ok(t) = item.get(b"Title") {
            entries.push((depth, decode_pdf_string(t)));
        }
        let child = item.get(b"First").and_then(|o| o.as_reference()).ok();
        walk_outline(doc, child, depth + 1, entries);
        next = item.get(b"Next").and_then(|o| o.as_reference()).ok();
    }
}

/// Decodes a PDF text string (UTF-16BE with BOM, or PDFDocEncoding treated as Latin-1).
pub fn decode_pdf_string(obj: &lopdf::Object) -> String {
    let bytes = obj.as_str().unwrap_or_default();
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// An entry of the PDF's document information dictionary.
pub fn info(pdf: &[u8], key: &str) -> Option<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let dict = doc.get_dictionary(info).ok()?;
    dict.get(key.as_bytes()).ok().map(decode_pdf_string)
}

/// The alternative texts of the PDF's tagged figures (`/Alt` in the structure tree).
pub fn alt_texts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"Alt").ok())
        .map(decode_pdf_string)
        .collect()
}

/// The number of pages.
pub fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

/// Text reduced for comparing a PDF with a reference text: `squash`, lower case (references
/// write labels in capitals), without punctuation, quotes, brackets and emphasis marks.
pub fn norm(text: &str) -> String {
    squash(&text.replace('*', ""))
        .to_lowercase()
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ':' | '.'
                    | ';'
                    | ','
                    | '('
                    | ')'
                    | '"'
                    | '\''
                    | '\u{201c}'
                    | '\u{201d}'
                    | '\u{2018}'
                    | '…'
                    | '◦'
                    | '○'
            )
        })
        .collect()
}

/// The fragments of a reference text a reader must find: every table cell and every
/// sentence (cells split on tabs, sentences on `.`, `;`, `:` and on the ` - ` and ` • ` of
/// inline lists), without the HTML tags and link marks the conversion left.
pub fn fragments(reference: &str) -> Vec<String> {
    let mut clean = String::new();
    let mut in_tag = false;
    for c in reference.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                clean.push('\n');
            }
            _ if !in_tag => clean.push(c),
            _ => {}
        }
    }
    let clean = clean.replace("](#)", "").replace('[', "");
    let mut out = Vec::new();
    for line in clean.lines() {
        for cell in line.split('\t') {
            let mut piece = String::new();
            let chars: Vec<char> = cell.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                piece.push(c);
                let next_space = chars.get(i + 1).is_some_and(|n| n.is_whitespace());
                let marker = matches!(c, '-' | '•') && i > 0 && chars[i - 1] == ' ' && next_space;
                if (matches!(c, '.' | ';' | ':') && next_space) || marker {
                    out.push(std::mem::take(&mut piece));
                }
            }
            out.push(piece);
        }
    }
    out.into_iter()
        .filter(|f| norm(f).chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .collect()
}

/// Builds a plan file with the `piano` binary into `out` beside it and returns the HTML
/// page `name` it wrote.
pub fn built_html(path: &Path, name: &str) -> String {
    let out = path.parent().unwrap().join("out");
    let run = piano(&["build", path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read_to_string(out.join(name)).unwrap()
}

/// Runs `piano build PLAN FLAG OUT EXTRA...`, asserting exit code 0, and returns `out`.
pub fn build_into(plan: &Path, flag: &str, out: PathBuf, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build", plan.to_str().unwrap(), flag, out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = piano(&args);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// Runs `piano build PLAN --pubblicazione DIR/NAME` and returns the publication folder.
pub fn publish_into(plan: &Path, dir: &Path, name: &str) -> PathBuf {
    build_into(plan, "--pubblicazione", dir.join(name), &[])
}
