//! Render stage: the view model through minijinja templates into Typst markup.
//!
//! Templates are strict (an undefined value is an error) and auto-escaping: in a
//! `.typ.j2` template every `{{ value }}` prints literally (see [`escape`]), and the only
//! ways to emit markup are the reviewed filters `md` (safe Markdown subset), `mdi` (its
//! inline part, emphasis and strong, for titles and short texts), `stringa` (a quoted
//! Typst string literal) and `dati` (any view value as a Typst data literal, for layout
//! functions that draw charts and diagrams). The `safe` filter is removed.

pub mod escape;
pub mod markdown;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};
use walkdir::WalkDir;

use crate::diag::{Codice, Diagnostic, Position};

/// The templates and assets built into the binary.
const BUILTIN: &[(&str, &str)] = &[
    ("piano.typ.j2", include_str!("../../templates/piano.typ.j2")),
    (
        "scheda.typ.j2",
        include_str!("../../templates/scheda.typ.j2"),
    ),
    (
        "sezioni.typ.j2",
        include_str!("../../templates/sezioni.typ.j2"),
    ),
    (
        "blocchi.typ.j2",
        include_str!("../../templates/blocchi.typ.j2"),
    ),
    (
        "metadati.typ.j2",
        include_str!("../../templates/metadati.typ.j2"),
    ),
    (
        "copertina.typ.j2",
        include_str!("../../templates/copertina.typ.j2"),
    ),
    ("pola.typ.j2", include_str!("../../templates/pola.typ.j2")),
    (
        "relazione.typ.j2",
        include_str!("../../templates/relazione.typ.j2"),
    ),
    (
        "pola-corpo.typ.j2",
        include_str!("../../templates/pola-corpo.typ.j2"),
    ),
    (
        "modifiche.typ.j2",
        include_str!("../../templates/modifiche.typ.j2"),
    ),
    (
        "modifiche.html.j2",
        include_str!("../../templates/modifiche.html.j2"),
    ),
    ("stile.typ", include_str!("../../templates/stile.typ")),
    (
        "piano.html.j2",
        include_str!("../../templates/piano.html.j2"),
    ),
    ("pola.html.j2", include_str!("../../templates/pola.html.j2")),
    (
        "relazione.html.j2",
        include_str!("../../templates/relazione.html.j2"),
    ),
    (
        "pola-corpo.html.j2",
        include_str!("../../templates/pola-corpo.html.j2"),
    ),
    (
        "scheda.html.j2",
        include_str!("../../templates/scheda.html.j2"),
    ),
    (
        "sezioni.html.j2",
        include_str!("../../templates/sezioni.html.j2"),
    ),
    (
        "blocchi.html.j2",
        include_str!("../../templates/blocchi.html.j2"),
    ),
    (
        "testata.html.j2",
        include_str!("../../templates/testata.html.j2"),
    ),
    ("stile.css.j2", include_str!("../../templates/stile.css.j2")),
    (
        "capitolo.typ.j2",
        include_str!("../../templates/capitolo.typ.j2"),
    ),
    ("piao.typ.j2", include_str!("../../templates/piao.typ.j2")),
    (
        "piao-sezione.typ.j2",
        include_str!("../../templates/piao-sezione.typ.j2"),
    ),
    (
        "capitolo.html.j2",
        include_str!("../../templates/capitolo.html.j2"),
    ),
    ("piao.html.j2", include_str!("../../templates/piao.html.j2")),
    (
        "piao-sezione.html.j2",
        include_str!("../../templates/piao-sezione.html.j2"),
    ),
];

/// Marker every template writes on its first line, so a Typst error can name it.
const ORIGIN_MARKER: &str = "// modello: ";

/// The largest file a templates folder may hold.
pub const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// The most a template may print; the built-in ones print a few megabytes for the
/// largest plans.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024 * 1024;

/// How many instructions one rendering may run (minijinja's fuel): over a thousand times
/// what the built-in templates need for the example plans (about 30 000), so that only a
/// loop that never ends, or nearly, runs out.
pub const FUEL: u64 = 50_000_000;

/// A set of templates and assets: the built-in ones, overridden file by file.
#[derive(Debug, Clone)]
pub struct Templates {
    files: BTreeMap<String, String>,
    /// Where each overriding file came from, for diagnostics.
    pub overridden: BTreeMap<String, String>,
}

impl Templates {
    /// The built-in templates.
    pub fn builtin() -> Templates {
        Templates {
            files: BUILTIN
                .iter()
                .map(|(n, s)| (n.to_string(), s.to_string()))
                .collect(),
            overridden: BTreeMap::new(),
        }
    }

    /// The built-in templates with every file of `dir` replacing the one of the same name.
    ///
    /// Every file must be a regular file of at most [`MAX_TEMPLATE_BYTES`]; a link or any
    /// other kind of entry is an error naming it, rather than being silently skipped.
    pub fn with_overrides(dir: &Path) -> anyhow::Result<Templates> {
        let mut t = Templates::builtin();
        if !dir.is_dir() {
            anyhow::bail!("la cartella dei modelli `{}` non esiste", dir.display());
        }
        for entry in WalkDir::new(dir).sort_by_file_name() {
            let entry =
                entry.with_context(|| format!("impossibile leggere `{}`", dir.display()))?;
            let path = entry.path();
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            if kind.is_symlink() {
                anyhow::bail!(
                    "il modello `{}` è un collegamento simbolico, che non viene seguito: \
                     copia il file nella cartella dei modelli",
                    path.display()
                );
            }
            if !kind.is_file() {
                anyhow::bail!("il modello `{}` non è un file", path.display());
            }
            let rel = path.strip_prefix(dir).unwrap_or(path);
            let name = rel.to_string_lossy().replace('\\', "/");
            let text = read_template(path)?;
            t.overridden
                .insert(name.clone(), path.display().to_string());
            t.files.insert(name, text);
        }
        Ok(t)
    }

    /// The Typst assets (non-template files) to serve to the compiler.
    pub fn assets(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(n, _)| !n.ends_with(".j2"))
            .map(|(n, s)| (n.as_str(), s.as_str()))
    }

    fn environment(&self) -> Result<Environment<'_>, Diagnostic> {
        let mut env = Environment::new();
        env.set_fuel(Some(FUEL));
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .unwrap_or_default();
        env.set_syntax(syntax);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".typ.j2") {
                AutoEscape::Custom("typst".into())
            } else if name.ends_with(".html.j2") || name.ends_with(".svg.j2") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            if matches!(state.auto_escape(), AutoEscape::Custom(name) if name == "typst") {
                if value.is_safe() {
                    out.write_str(value.as_str().unwrap_or_default())
                        .map_err(|_| Error::new(ErrorKind::WriteFailure, "scrittura"))?;
                } else if value.is_none() || value.is_undefined() {
                    return Err(Error::new(
                        ErrorKind::UndefinedError,
                        "valore assente stampato: usa `{% if ... %}` o il filtro `default`",
                    ));
                } else {
                    out.write_str(&escape::markup(&value.to_string()))
                        .map_err(|_| Error::new(ErrorKind::WriteFailure, "scrittura"))?;
                }
                Ok(())
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        env.remove_filter("safe");
        env.remove_filter("escape");
        env.remove_filter("e");
        // The same Markdown subset becomes Typst or HTML depending on the template.
        env.add_filter("md", |state: &minijinja::State, s: &str| {
            Value::from_safe_string(match state.auto_escape() {
                AutoEscape::Html => markdown::to_html(s),
                _ => markdown::to_typst(s),
            })
        });
        // Titles, subtitles, indicators and targets: emphasis and strong only.
        env.add_filter("mdi", |state: &minijinja::State, s: &str| {
            Value::from_safe_string(match state.auto_escape() {
                AutoEscape::Html => markdown::inline_html(s),
                _ => markdown::inline_typst(s),
            })
        });
        // A chart's drawing, made by the view with its text escaped (`view::svg`): the
        // one markup that reaches an HTML page unescaped besides the `md` filter's.
        env.add_filter("svg", |v: Value| -> Result<Value, Error> {
            let svg = v.get_attr("svg")?;
            Ok(Value::from_safe_string(
                svg.as_str().unwrap_or_default().to_string(),
            ))
        });
        env.add_filter("stringa", |s: &str| {
            Value::from_safe_string(escape::string_literal(s))
        });
        env.add_filter("dati", |v: Value| -> Result<Value, Error> {
            let json = serde_json::to_value(&v).map_err(|e| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("dati non serializzabili: {e}"),
                )
            })?;
            Ok(Value::from_safe_string(escape::data_literal(&json)))
        });
        for (name, source) in &self.files {
            if name.ends_with(".j2") {
                env.add_template(name.as_str(), source.as_str())
                    .map_err(|e| self.template_error(name, &e))?;
            }
        }
        Ok(env)
    }

    /// Renders template `name` with `view` as context, within [`FUEL`] instructions and
    /// [`MAX_OUTPUT_BYTES`] of output.
    pub fn render<T: serde::Serialize>(&self, name: &str, view: &T) -> Result<String, Diagnostic> {
        let env = self.environment()?;
        let mut out = Capped::default();
        let result = match env.get_template(name) {
            Ok(t) => t
                .render_captured_to(Value::from(Serde(view)), &mut out)
                .map(|_| ()),
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => Ok(String::from_utf8(out.bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())),
            Err(_) if out.full => {
                let mut d = Diagnostic::new(
                    Codice::T001,
                    format!(
                        "il modello `{name}` produce più di {} MB di testo",
                        MAX_OUTPUT_BYTES / (1024 * 1024)
                    ),
                )
                .with_hint(
                    "un ciclo del modello stampa troppo: controlla i cicli e le ripetizioni",
                );
                d.file = Some(self.file_of(name));
                Err(d)
            }
            Err(e) => Err(self.template_error(name, &e)),
        }
    }

    /// The file a template is reported under: its own path if overridden.
    fn file_of(&self, name: &str) -> String {
        self.overridden
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("modelli/{name}"))
    }

    fn template_error(&self, name: &str, outer: &Error) -> Diagnostic {
        // An error in an included template arrives wrapped: report the innermost one.
        let mut e = outer;
        while let Some(inner) = std::error::Error::source(e).and_then(|s| s.downcast_ref::<Error>())
        {
            e = inner;
        }
        let file = e.name().unwrap_or(name).to_string();
        let detail = match e.kind() {
            ErrorKind::OutOfFuel => format!(
                "il modello esegue più di {FUEL} istruzioni: un ciclo non finisce o è troppo lungo"
            ),
            _ => e
                .detail()
                .map(str::to_string)
                .unwrap_or_else(|| e.kind().to_string()),
        };
        let mut d = Diagnostic::new(
            Codice::T001,
            format!("errore nel modello `{file}`: {detail}"),
        );
        d.file = Some(self.file_of(&file));
        d.position = e.line().map(|line| Position { line, column: 1 });
        if let Some(src) = self.files.get(&file)
            && let Some(r) = e.range()
        {
            d.position = Some(Position::of(src, r.start));
            d.range = Some(r);
        }
        if !self.overridden.contains_key(&file) {
            d = d.with_note("il modello è quello incorporato nel programma");
        }
        d
    }

    /// The text of a template or asset, for printing excerpts.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }
}

/// Reads a file of the templates folder, refusing one larger than [`MAX_TEMPLATE_BYTES`]
/// (also one that grows while it is read).
fn read_template(path: &Path) -> anyhow::Result<String> {
    use std::io::Read as _;
    let too_big = || {
        anyhow::anyhow!(
            "il modello `{}` supera il massimo di {} MB",
            path.display(),
            MAX_TEMPLATE_BYTES / (1024 * 1024)
        )
    };
    let file = std::fs::File::open(path)
        .with_context(|| format!("impossibile leggere il modello `{}`", path.display()))?;
    if file.metadata().is_ok_and(|m| m.len() > MAX_TEMPLATE_BYTES) {
        return Err(too_big());
    }
    let mut text = String::new();
    file.take(MAX_TEMPLATE_BYTES + 1)
        .read_to_string(&mut text)
        .with_context(|| format!("impossibile leggere il modello `{}`", path.display()))?;
    if text.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(too_big());
    }
    Ok(text)
}

/// The output of a rendering, refusing to grow past [`MAX_OUTPUT_BYTES`].
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    /// Whether the output reached the limit (the rendering then fails).
    full: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.full = true;
            return Err(std::io::Error::other("limite del testo prodotto"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The template that produced a line of the generated Typst file, from the nearest
/// marker above it.
pub fn origin_of_line(generated: &str, line: usize) -> Option<String> {
    generated
        .lines()
        .take(line)
        .filter_map(|l| l.trim_start().strip_prefix(ORIGIN_MARKER))
        .last()
        .map(|s| s.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_and_undefined_is_an_error() {
        let mut t = Templates::builtin();
        t.files.insert(
            "prova.typ.j2".into(),
            "= {{ titolo }}\n{{ testo | md }}".into(),
        );
        let out = t
            .render(
                "prova.typ.j2",
                &serde_json::json!({"titolo": "#pagebreak()", "testo": "**a**"}),
            )
            .unwrap();
        assert_eq!(out, "= \\#pagebreak()\n#strong[a]");
        let err = t
            .render("prova.typ.j2", &serde_json::json!({"titolo": "x"}))
            .unwrap_err();
        assert_eq!(err.code, Codice::T001);
    }

    #[test]
    fn the_safe_filter_is_not_available() {
        let mut t = Templates::builtin();
        t.files.insert("p.typ.j2".into(), "{{ x | safe }}".into());
        assert!(
            t.render("p.typ.j2", &serde_json::json!({"x": "#x"}))
                .is_err()
        );
    }

    #[test]
    fn origin_is_the_nearest_marker() {
        let g = "// modello: a.typ.j2\nx\n// modello: b.typ.j2\ny\nz";
        assert_eq!(origin_of_line(g, 2).as_deref(), Some("a.typ.j2"));
        assert_eq!(origin_of_line(g, 5).as_deref(), Some("b.typ.j2"));
    }
}
