//! Diagnostics: problems found in a plan or a template, located and printed in Italian.

use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;

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

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `P001`.
    pub code: &'static str,
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
}

impl Diagnostic {
    /// An error with a code and message, not yet located.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Errore, code, message)
    }

    /// A warning with a code and message, not yet located.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Avviso, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: None,
            path: None,
            position: None,
            range: None,
            hint: None,
            note: None,
        }
    }

    /// Sets the JSON path.
    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Sets the hint printed after `suggerimento:`.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets a note printed after `nota:`.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Errore
    }
}

/// Line/column lookup over a text, by byte offset.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Position {
            line: line + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and column.
    pub fn offset(&self, pos: Position) -> usize {
        let start = self
            .starts
            .get(pos.line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let line = self.line_text(pos.line);
        start
            + line
                .char_indices()
                .nth(pos.column.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(self.text.len(), |e| e - 1);
        self.text[start..end.max(start)].trim_end_matches('\r')
    }
}

/// Renders diagnostics for a terminal or a log: header, location, excerpt, path, hint.
pub fn render(
    diags: &[Diagnostic],
    sources: &dyn Fn(&str) -> Option<String>,
    color: bool,
) -> String {
    let mut out = String::new();
    for d in diags {
        let (label, paint) = match d.severity {
            Severity::Errore => ("errore", "\x1b[1;31m"),
            Severity::Avviso => ("avviso", "\x1b[1;33m"),
        };
        let (bold, reset, blue) = if color {
            ("\x1b[1m", "\x1b[0m", "\x1b[1;34m")
        } else {
            ("", "", "")
        };
        let paint = if color { paint } else { "" };
        let _ = writeln!(
            out,
            "{paint}{label}[{}]{reset}{bold}: {}{reset}",
            d.code, d.message
        );
        if let Some(file) = &d.file {
            match d.position {
                Some(p) => {
                    let _ = writeln!(out, "  {blue}-->{reset} {file}:{}:{}", p.line, p.column);
                }
                None => {
                    let _ = writeln!(out, "  {blue}-->{reset} {file}");
                }
            }
            if let (Some(p), Some(text)) = (d.position, sources(file)) {
                let index = LineIndex::new(&text);
                let line = index.line_text(p.line);
                let width = p.line.to_string().len();
                let _ = writeln!(out, "{blue}{:width$} |{reset}", "");
                let _ = writeln!(out, "{blue}{} |{reset} {}", p.line, line.replace('\t', " "));
                let len = d
                    .range
                    .as_ref()
                    .map(|r| {
                        text.get(r.clone())
                            .map_or(1, |s| s.lines().next().unwrap_or("").chars().count())
                    })
                    .unwrap_or(1)
                    .clamp(1, line.chars().count().saturating_sub(p.column - 1).max(1));
                let _ = writeln!(
                    out,
                    "{blue}{:width$} |{reset} {}{paint}{}{reset}",
                    "",
                    " ".repeat(p.column - 1),
                    "^".repeat(len)
                );
            }
        }
        if let Some(path) = &d.path {
            let _ = writeln!(out, "  {blue}={reset} percorso: `{path}`");
        }
        if let Some(note) = &d.note {
            let _ = writeln!(out, "  {blue}={reset} nota: {note}");
        }
        if let Some(hint) = &d.hint {
            let _ = writeln!(out, "  {blue}={reset} suggerimento: {hint}");
        }
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if !diags.is_empty() {
        let _ = writeln!(out, "{}", summary(errors, warnings));
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets_both_ways() {
        let text = "{\n  \"à\": 1,\n  \"b\": 2\n}";
        let idx = LineIndex::new(text);
        let off = text.find("1,").unwrap();
        let pos = idx.position(off);
        assert_eq!(pos, Position { line: 2, column: 8 });
        assert_eq!(idx.offset(pos), off);
        assert_eq!(idx.line_text(3), "  \"b\": 2");
    }

    #[test]
    fn rendering_shows_location_path_and_hint() {
        let text = "{\n  \"peso\": \"x\"\n}\n".to_string();
        let mut d = Diagnostic::error("P001", "tipo errato")
            .at_path("peso")
            .with_hint("scrivi un numero");
        d.file = Some("piano.json".into());
        d.position = Some(Position {
            line: 2,
            column: 11,
        });
        d.range = Some(11..14);
        let out = render(&[d], &|_| Some(text.clone()), false);
        assert!(out.contains("errore[P001]: tipo errato"), "{out}");
        assert!(out.contains("--> piano.json:2:11"), "{out}");
        assert!(out.contains("2 |   \"peso\": \"x\""), "{out}");
        assert!(out.contains("^^^"), "{out}");
        assert!(out.contains("percorso: `peso`"), "{out}");
        assert!(out.contains("suggerimento: scrivi un numero"), "{out}");
        assert!(out.contains("1 errore, 0 avvisi"), "{out}");
    }
}
