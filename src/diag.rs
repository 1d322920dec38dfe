//! Diagnostics: problems found in a plan or a template, located through a source map and
//! drawn in Italian by `annotate-snippets`.

use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

mod codice;

pub use codice::Codice;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be produced.
    Errore,
    /// The document can be produced, but something should be looked at.
    Avviso,
}

/// A line and column, both 1-based, in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Position {
    /// The position of a byte offset, by one scan of `text`: for a single location (a
    /// template error); many locations in one file go through a [`SourceFile`].
    pub fn of(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset);
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// Where a problem is in a workbook (a spreadsheet read back by an import): the file, the
/// sheet and, for a problem with one value, its cell and the heading of its column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellLocation {
    /// The workbook's file, as the user gave it.
    pub workbook: String,
    /// The sheet's name.
    pub sheet: String,
    /// The cell, e.g. `F12`; none for a problem with the whole sheet.
    pub cell: Option<String>,
    /// The cell's row, from 1.
    pub row: Option<u32>,
    /// The cell's column letters, e.g. `F`.
    pub column: Option<String>,
    /// The heading of the cell's column, as written in the sheet's header row.
    pub heading: Option<String>,
}

impl CellLocation {
    /// The location as the human output shows it:
    /// `cartella.xlsx, foglio «Indicatori», cella F12 (colonna «Target 2022»)`.
    pub fn describe(&self) -> String {
        let mut out = format!("{}, foglio «{}»", self.workbook, self.sheet);
        match (&self.cell, &self.column) {
            (Some(cell), _) => out.push_str(&format!(", cella {cell}")),
            (None, Some(column)) => out.push_str(&format!(", colonna {column}")),
            (None, None) => {}
        }
        if let Some(heading) = self.heading.as_deref().filter(|h| !h.is_empty()) {
            if self.cell.is_some() {
                out.push_str(&format!(" (colonna «{heading}»)"));
            } else {
                out.push_str(&format!(" «{heading}»"));
            }
        }
        out
    }
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning: the code's own severity, unless `--rigoroso` raised it.
    pub severity: Severity,
    /// Stable code, e.g. `P001`.
    pub code: Codice,
    /// What is wrong, in Italian, lowercase, no final period.
    pub message: String,
    /// The file the problem is in.
    pub file: Option<String>,
    /// JSON path of the value, e.g. `albero[0].figli[1].peso`.
    pub path: Option<String>,
    /// Line and column of the value.
    pub position: Option<Position>,
    /// Byte range of the value in the file, for the excerpt.
    #[serde(skip)]
    pub range: Option<Range<usize>>,
    /// What to do, when that can be said.
    pub hint: Option<String>,
    /// Further context (e.g. the template that produced a Typst line).
    pub note: Option<String>,
    /// The workbook, sheet and cell, for a problem found in a spreadsheet (absent from the
    /// JSON of every other diagnostic).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellLocation>,
}

impl Diagnostic {
    /// A problem with a code (which gives its severity) and a message, not yet located.
    pub fn new(code: Codice, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            file: None,
            path: None,
            position: None,
            range: None,
            hint: None,
            note: None,
            cell: None,
        }
    }

    /// Sets the JSON path.
    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Sets the workbook location (a spreadsheet's file, sheet and cell).
    pub fn at_cell(mut self, location: CellLocation) -> Self {
        self.cell = Some(location);
        self
    }

    /// Sets the hint printed after `suggerimento:`.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a note printed after `nota:` (after any note already there).
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        let note = note.into();
        self.note = Some(match self.note.take() {
            Some(first) => format!("{first}; {note}"),
            None => note,
        });
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Errore
    }
}

/// A Typst message as one of ours: the common ones said in Italian, with Typst's own
/// words kept as a note; any other quoted as Typst wrote it.
pub fn from_typst(code: Codice, message: &str) -> Diagnostic {
    let what = match code.severity() {
        Severity::Errore => "errore di composizione",
        Severity::Avviso => "avviso di composizione",
    };
    match typst_in_italiano(message) {
        Some(it) => Diagnostic::new(code, format!("{what}: {it}"))
            .with_note(format!("messaggio di Typst: {message}")),
        None => Diagnostic::new(code, format!("{what} (Typst): {message}")),
    }
}

/// The Italian of Typst's common messages.
fn typst_in_italiano(message: &str) -> Option<String> {
    let rest = |prefix: &str| message.strip_prefix(prefix);
    if let Some(v) = rest("unknown variable: ") {
        return Some(format!("variabile o funzione sconosciuta `{v}`"));
    }
    if let Some(f) = rest("unknown font family: ") {
        return Some(format!("famiglia di font sconosciuta `{f}`"));
    }
    if let Some(p) = rest("file not found (searched at ") {
        return Some(format!("file non trovato: `{}`", p.trim_end_matches(')')));
    }
    if message.starts_with("failed to load file") {
        return Some("impossibile caricare un file".into());
    }
    if message == "no font could be found" {
        return Some("nessun font disponibile".into());
    }
    if let Some(t) =
        rest("label `").and_then(|l| l.strip_suffix("` does not exist in the document"))
    {
        return Some(format!("l'etichetta `{t}` non esiste nel documento"));
    }
    if let Some((expected, found)) = rest("expected ").and_then(|r| r.split_once(", found ")) {
        return Some(format!("atteso {expected}, trovato {found}"));
    }
    if let Some((_, t)) = message.split_once("the text ")
        && let Some((text, _)) = t.split_once(" could not be displayed with ")
    {
        return Some(format!(
            "il testo {text} non si può scrivere con i font del documento"
        ));
    }
    if message.starts_with("PDF/A") || message.starts_with("PDF/UA") {
        return Some("il documento non rispetta PDF/A-2a o PDF/UA-1".into());
    }
    None
}

/// `--rigoroso`: every warning counts as an error. Applied right after validation, so that
/// a plan with warnings stops before anything is composed.
pub fn rigoroso(diags: &mut [Diagnostic]) {
    for d in diags {
        d.severity = Severity::Errore;
    }
}

/// The byte offsets where the lines of a text start. Built only by [`SourceFile::new`],
/// once per file, and shared by every diagnostic located in that file.
#[derive(Debug)]
struct LineIndex {
    starts: Vec<usize>,
}

#[cfg(test)]
thread_local! {
    /// How many line indices this thread has built: tests check that it is one per file.
    static BUILT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl LineIndex {
    fn new(text: &str) -> Self {
        #[cfg(test)]
        BUILT.with(|b| b.set(b.get() + 1));
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }
}

/// A file diagnostics point into: its name, its text and its line index, built once.
#[derive(Debug)]
pub struct SourceFile {
    /// The name diagnostics report it under (the path as the user gave it).
    pub name: String,
    /// The whole text.
    pub text: String,
    lines: LineIndex,
}

impl SourceFile {
    /// Takes a file's text and indexes its lines.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            name: name.into(),
            text,
            lines,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset);
        let line = self.lines.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.lines.starts[line];
        Position {
            line: line + 1,
            column: self.text[start..offset].chars().count() + 1,
        }
    }

    /// The byte offset of a 1-based line and column (clamped to the line and the file).
    pub fn offset(&self, pos: Position) -> usize {
        let range = self.line_range(pos.line);
        let line = &self.text[range.clone()];
        range.start
            + line
                .char_indices()
                .nth(pos.column.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i)
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let Some(&start) = self.lines.starts.get(line.saturating_sub(1)) else {
            return self.text.len()..self.text.len();
        };
        let end = self
            .lines
            .starts
            .get(line)
            .map_or(self.text.len(), |e| e - 1);
        let end = end.max(start);
        let trimmed = self.text[start..end].trim_end_matches('\r').len();
        start..start + trimmed
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        &self.text[self.line_range(line)]
    }

    /// Locates a diagnostic at a byte range of this file.
    pub fn locate(&self, d: &mut Diagnostic, range: Range<usize>) {
        d.file = Some(self.name.clone());
        d.position = Some(self.position(range.start));
        d.range = Some(range);
    }
}

/// The largest char boundary of `text` not after `offset`.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The files diagnostics may point into, each indexed once, for drawing excerpts.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<Arc<SourceFile>>,
}

impl SourceMap {
    /// Adds a file (sharing it, not copying its text or its index).
    pub fn add(&mut self, file: Arc<SourceFile>) {
        if self.get(&file.name).is_none() {
            self.files.push(file);
        }
    }

    /// Adds every file `diags` point into that the map lacks and `resolve` can give,
    /// asking for each name once.
    pub fn resolve(&mut self, diags: &[Diagnostic], resolve: impl Fn(&str) -> Option<String>) {
        for name in diags.iter().filter_map(|d| d.file.as_deref()) {
            if self.get(name).is_none()
                && let Some(text) = resolve(name)
            {
                self.files.push(Arc::new(SourceFile::new(name, text)));
            }
        }
    }

    /// The file reported under `name`.
    pub fn get(&self, name: &str) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.name == name).map(|f| &**f)
    }
}

impl From<Arc<SourceFile>> for SourceMap {
    fn from(file: Arc<SourceFile>) -> Self {
        SourceMap { files: vec![file] }
    }
}

/// Draws diagnostics for a terminal or a log (header, location, excerpt, path, note,
/// hint), then one line counting them.
pub fn render(diags: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags {
        out.push_str(&renderer.render(&[group(d, sources)]));
        out.push_str("\n\n");
    }
    if !diags.is_empty() {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        out.push_str(&summary(errors, diags.len() - errors));
        out.push('\n');
    }
    out
}

/// One diagnostic as an `annotate-snippets` group, with Italian labels. The excerpt is the
/// one line the diagnostic points at, cut out through the file's shared line index.
fn group<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> Group<'a> {
    let level = match d.severity {
        Severity::Errore => Level::ERROR.with_name("errore"),
        Severity::Avviso => Level::WARNING.with_name("avviso"),
    };
    let mut group = Group::with_title(level.primary_title(&d.message).id(d.code.as_str()));
    if let Some(cell) = &d.cell {
        // A workbook has no lines to excerpt: the origin line names the sheet and the cell.
        group = group.element(Origin::path(cell.describe()));
    } else if let Some(file) = &d.file {
        let source = sources.get(file);
        match (d.position, source) {
            (Some(p), Some(source)) => {
                let line = source.line_range(p.line);
                let start = source.offset(p);
                let end = d
                    .range
                    .as_ref()
                    .map_or(start, |r| r.end.min(line.end))
                    .max(start);
                // At least one character is underlined, unless the line has ended.
                let end = if end == start {
                    source.text[start..line.end]
                        .chars()
                        .next()
                        .map_or(start, |c| start + c.len_utf8())
                } else {
                    end
                };
                group = group.element(
                    Snippet::source(&source.text[line.clone()])
                        .line_start(p.line)
                        .path(file.as_str())
                        .annotation(
                            AnnotationKind::Primary.span(start - line.start..end - line.start),
                        ),
                );
            }
            (Some(p), None) => {
                group = group.element(
                    Origin::path(file.as_str())
                        .line(p.line)
                        .char_column(p.column),
                );
            }
            (None, _) => group = group.element(Origin::path(file.as_str())),
        }
    }
    let footers = [
        ("percorso", d.path.as_ref().map(|p| format!("`{p}`"))),
        ("nota", d.note.clone()),
        ("suggerimento", d.hint.clone()),
    ];
    for (name, text) in footers {
        if let Some(text) = text {
            let level = if name == "suggerimento" {
                Level::HELP
            } else {
                Level::NOTE
            };
            group = group.element(level.with_name(name).message(text));
        }
    }
    group
}

/// Diagnostics as JSON Lines: one object per line, nothing else.
pub fn json_lines(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        if let Ok(line) = serde_json::to_string(d) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// A tool failure (exit 2) as one Italian message: the `anyhow` chain, with every I/O
/// error said in Italian instead of the system's English.
pub fn tool_failure(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            parts.push(io_in_italiano(io));
            break;
        }
        // A wrapper around an I/O error (walkdir, notify) repeats it in English: the I/O
        // error, next in the chain, says it in Italian.
        if let Some(io) = cause
            .source()
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            && cause.to_string().contains(&io.to_string())
        {
            continue;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ")
}

/// An I/O error in Italian, by kind (the system's text would be English).
pub fn io_in_italiano(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let it = match e.kind() {
        K::NotFound => "il file o la cartella non esiste",
        K::PermissionDenied => "permesso negato",
        K::AlreadyExists => "esiste già",
        K::IsADirectory => "è una cartella, non un file",
        K::NotADirectory => "una parte del percorso non è una cartella",
        K::DirectoryNotEmpty => "la cartella non è vuota",
        K::ReadOnlyFilesystem => "il disco è in sola lettura",
        K::StorageFull => "lo spazio su disco è esaurito",
        K::QuotaExceeded => "la quota disco è esaurita",
        K::FileTooLarge => "il file è troppo grande",
        K::InvalidFilename => "nome di file non valido",
        K::InvalidData => "contenuto non valido",
        K::UnexpectedEof => "il file finisce prima del previsto",
        K::OutOfMemory => "memoria esaurita",
        K::Interrupted => "operazione interrotta",
        K::WouldBlock => "il file non è pronto (nessuno scrive nella pipe)",
        K::TimedOut => "tempo scaduto",
        K::CrossesDevices => "spostamento tra dischi diversi non possibile",
        K::ResourceBusy => "il file è in uso",
        K::Unsupported => "operazione non supportata",
        _ => {
            return match e.raw_os_error() {
                Some(n) => format!("errore di sistema (codice {n})"),
                None => "errore di lettura o scrittura".into(),
            };
        }
    };
    it.to_string()
}

/// One line counting errors and warnings, in Italian.
pub fn summary(errors: usize, warnings: usize) -> String {
    let e = if errors == 1 {
        "1 errore".to_string()
    } else {
        format!("{errors} errori")
    };
    let w = if warnings == 1 {
        "1 avviso".to_string()
    } else {
        format!("{warnings} avvisi")
    };
    format!("{e}, {w}")
}

/// Names in backticks, separated by commas, as messages quote a list: `` `a`, `b` ``.
pub fn ticked(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_files_map_offsets_both_ways() {
        let text = "{\n  \"à\": 1,\r\n  \"b\": 2\n}";
        let file = SourceFile::new("p.json", text);
        let off = text.find("1,").unwrap();
        let pos = file.position(off);
        assert_eq!(pos, Position { line: 2, column: 8 });
        assert_eq!(file.offset(pos), off);
        assert_eq!(file.line_text(2), "  \"à\": 1,");
        assert_eq!(file.line_text(3), "  \"b\": 2");
        assert_eq!(Position::of(text, off), pos);
        // Inside a multi-byte character: the character's own position.
        assert_eq!(file.position(text.find('à').unwrap() + 1).column, 4);
    }

    #[test]
    fn rendering_shows_location_excerpt_path_and_hint() {
        let file = Arc::new(SourceFile::new("piano.json", "{\n  \"peso\": \"x\"\n}\n"));
        let mut d = Diagnostic::new(Codice::P001, "tipo errato")
            .at_path("peso")
            .with_hint("scrivi un numero");
        file.locate(&mut d, 12..15);
        let out = render(&[d], &SourceMap::from(file), false);
        let expected = "\
errore[P001]: tipo errato
 --> piano.json:2:11
  |
2 |   \"peso\": \"x\"
  |           ^^^
  |
  = percorso: `peso`
  = suggerimento: scrivi un numero

1 errore, 0 avvisi
";
        assert_eq!(out, expected);
    }

    fn cella() -> CellLocation {
        CellLocation {
            workbook: "cartella.xlsx".into(),
            sheet: "Indicatori".into(),
            cell: Some("F12".into()),
            row: Some(12),
            column: Some("F".into()),
            heading: Some("Target 2022".into()),
        }
    }

    /// A problem in a workbook is located by file, sheet, cell and heading, with no excerpt.
    #[test]
    fn rendering_a_cell_location() {
        let d = Diagnostic::new(Codice::P172, "la cella non contiene un numero: «circa 40»")
            .at_cell(cella())
            .with_hint("scrivi un numero, ad esempio 40 o 40,5");
        let out = render(&[d], &SourceMap::default(), false);
        let expected = "\
errore[P172]: la cella non contiene un numero: «circa 40»
--> cartella.xlsx, foglio «Indicatori», cella F12 (colonna «Target 2022»)
 = suggerimento: scrivi un numero, ad esempio 40 o 40,5

1 errore, 0 avvisi
";
        assert_eq!(out, expected);
        let sheet_only = CellLocation {
            cell: None,
            row: None,
            column: None,
            heading: None,
            ..cella()
        };
        assert_eq!(sheet_only.describe(), "cartella.xlsx, foglio «Indicatori»");
        let column_only = CellLocation {
            cell: None,
            row: None,
            ..cella()
        };
        assert_eq!(
            column_only.describe(),
            "cartella.xlsx, foglio «Indicatori», colonna F «Target 2022»"
        );
    }

    /// In JSON the cell is one more object; diagnostics of a plan do not gain the key.
    #[test]
    fn json_lines_carry_the_cell_only_when_there_is_one() {
        let plain = Diagnostic::new(Codice::P007, "data non valida").at_path("atti[0].data");
        let in_cell = Diagnostic::new(Codice::P173, "data non valida").at_cell(cella());
        let text = json_lines(&[plain, in_cell]);
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(lines[0].get("cell").is_none(), "{text}");
        assert_eq!(
            lines[1]["cell"],
            serde_json::json!({
                "workbook": "cartella.xlsx",
                "sheet": "Indicatori",
                "cell": "F12",
                "row": 12,
                "column": "F",
                "heading": "Target 2022"
            })
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic::new(Codice::P031, "pesi mancanti");
        let plain = render(std::slice::from_ref(&d), &SourceMap::default(), false);
        assert!(
            plain.starts_with("avviso[P031]: pesi mancanti\n"),
            "{plain}"
        );
        assert!(!plain.contains('\x1b'));
        let styled = render(&[d], &SourceMap::default(), true);
        assert!(styled.contains('\x1b'));
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        let mut diags = vec![Diagnostic::new(Codice::P031, "pesi mancanti")];
        assert!(!diags[0].is_error());
        rigoroso(&mut diags);
        assert!(diags[0].is_error());
        assert_eq!(diags[0].code, Codice::P031);
    }

    #[test]
    fn json_lines_are_one_object_per_line() {
        let diags = vec![
            Diagnostic::new(Codice::P007, "data non valida").at_path("atti[0].data"),
            Diagnostic::new(Codice::P040, "segnaposto"),
        ];
        let text = json_lines(&diags);
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["code"], "P007");
        assert_eq!(lines[0]["severity"], "errore");
        assert_eq!(lines[1]["severity"], "avviso");
    }

    #[test]
    fn tool_failures_are_italian() {
        let io = std::io::Error::from(std::io::ErrorKind::NotFound);
        let e = anyhow::Error::new(io).context("impossibile leggere il piano `p.json`");
        assert_eq!(
            tool_failure(&e),
            "impossibile leggere il piano `p.json`: il file o la cartella non esiste"
        );
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(io_in_italiano(&denied), "permesso negato");
        let other = std::io::Error::from_raw_os_error(1234);
        assert_eq!(io_in_italiano(&other), "errore di sistema (codice 1234)");
    }

    #[test]
    fn common_typst_messages_are_italian_with_the_original_as_a_note() {
        let d = from_typst(Codice::T002, "unknown variable: foo");
        assert_eq!(
            d.message,
            "errore di composizione: variabile o funzione sconosciuta `foo`"
        );
        assert_eq!(
            d.note.as_deref(),
            Some("messaggio di Typst: unknown variable: foo")
        );
        let d = from_typst(
            Codice::T002,
            "PDF/A-2a error: the text \"🚲\" could not be displayed with font \"Titillium Web\"",
        );
        assert_eq!(
            d.message,
            "errore di composizione: il testo \"🚲\" non si può scrivere con i font del documento"
        );
        let d = from_typst(Codice::T003, "something new");
        assert_eq!(d.message, "avviso di composizione (Typst): something new");
        assert_eq!(d.note, None);
    }

    /// 5,000 diagnostics over a large text are located and drawn through one line index:
    /// no diagnostic builds its own or copies the text.
    #[test]
    fn thousands_of_diagnostics_share_one_line_index() {
        let lines = 200_000;
        let mut text = String::from("[\n");
        for i in 0..lines {
            text.push_str(&format!("  {{\"peso\": \"{i}\"}},\n"));
        }
        text.push_str("  {}\n]\n");
        BUILT.with(|b| b.set(0));
        let file = Arc::new(SourceFile::new("grande.json", text));
        let mut diags = Vec::new();
        for k in 0..5_000 {
            // Line 2 + 40k holds `  {"peso": "<40k>"},`: the value starts at byte 11.
            let n = 40 * k;
            let needle = format!("\"{n}\"");
            let line = 2 + n;
            let start = file.line_range(line).start + 11;
            assert_eq!(&file.text[start..start + needle.len()], needle);
            let mut d = Diagnostic::new(Codice::P002, "tipo non valido");
            file.locate(&mut d, start..start + needle.len());
            assert_eq!(d.position, Some(Position { line, column: 12 }));
            diags.push(d);
        }
        let out = render(&diags, &SourceMap::from(file), false);
        assert_eq!(out.matches("errore[P002]").count(), 5_000);
        assert!(out.contains(" --> grande.json:199962:12\n"), "the last one");
        assert_eq!(BUILT.with(std::cell::Cell::get), 1);
    }
}
