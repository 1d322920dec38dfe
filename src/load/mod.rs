//! Load stage: read the plan file, parse its JSON, deserialise it into the model, and keep
//! an index from JSON paths to positions so that every later diagnostic can be located.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use anyhow::Context as _;

use crate::diag::{Diagnostic, LineIndex};
use crate::model::Piano;

pub mod descrizioni;
pub mod logo;
pub mod schema;

/// The text of a plan file and the name it is reported under.
#[derive(Debug, Clone)]
pub struct PlanSource {
    /// The path as the user gave it, used in diagnostics.
    pub name: String,
    /// The whole file.
    pub text: String,
}

/// A parsed plan with its source and path index.
#[derive(Debug)]
pub struct Loaded {
    /// Where it came from.
    pub source: PlanSource,
    /// The plan.
    pub plan: Piano,
    /// The JSON tree, kept for checks that need the raw values.
    pub json: serde_json::Value,
    /// Positions of every JSON path.
    pub index: PathIndex,
}

/// Reads a plan file; an unreadable file is a tool failure, not a plan error.
pub fn read(path: &Path) -> anyhow::Result<PlanSource> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("impossibile leggere il piano `{}`", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "il piano `{}` non è un testo UTF-8 valido (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    // Editors on Windows often save with a byte-order mark: it is not content.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(PlanSource {
        name: path.display().to_string(),
        text,
    })
}

/// Parses and deserialises a plan, or returns its located errors.
pub fn parse(source: PlanSource) -> Result<Loaded, Vec<Diagnostic>> {
    let json: serde_json::Value = match serde_json::from_str(&source.text) {
        Ok(v) => v,
        Err(e) => return Err(vec![syntax_error(&source, &e)]),
    };
    let index = PathIndex::build(&source.text);
    let mut structural = schema::check(&json);
    if !structural.is_empty() {
        for d in &mut structural {
            d.file = Some(source.name.clone());
            index.locate(d, &source.text);
        }
        structural.sort_by(|a, b| a.position.cmp(&b.position).then(a.code.cmp(b.code)));
        structural.dedup();
        return Err(structural);
    }
    let mut de = serde_json::Deserializer::from_str(&source.text);
    let plan: Piano = match serde_path_to_error::deserialize(&mut de) {
        Ok(p) => p,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let mut d = type_error(&path, &inner.to_string());
            d.file = Some(source.name.clone());
            if !index.locate(&mut d, &source.text) {
                let li = LineIndex::new(&source.text);
                let pos = crate::diag::Position {
                    line: inner.line(),
                    column: inner.column().max(1),
                };
                d.range = Some(li.offset(pos)..li.offset(pos) + 1);
                d.position = Some(pos);
            }
            return Err(vec![d]);
        }
    };
    Ok(Loaded {
        source,
        plan,
        json,
        index,
    })
}

fn syntax_error(source: &PlanSource, e: &serde_json::Error) -> Diagnostic {
    let raw = e.to_string();
    let raw = raw.split(" at line ").next().unwrap_or(&raw);
    let (message, mut hint) = translate_syntax(raw);
    let pos = crate::diag::Position {
        line: e.line().max(1),
        column: e.column().max(1),
    };
    let li = LineIndex::new(&source.text);
    let off = li.offset(pos);
    if source.text[off.min(source.text.len())..].starts_with("//")
        || source.text[off.min(source.text.len())..].starts_with("/*")
    {
        hint =
            Some("il JSON non ammette commenti: toglili (le note vanno nei campi `note`)".into());
    }
    let mut d = Diagnostic::error("P001", message);
    d.file = Some(source.name.clone());
    d.position = Some(pos);
    d.range = Some(off..off + 1);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

fn translate_syntax(raw: &str) -> (String, Option<String>) {
    let m = |s: &str| s.to_string();
    match raw {
        r if r.starts_with("EOF while parsing") => (
            m("il file finisce prima della chiusura di un oggetto, elenco o testo"),
            Some(m("controlla che ogni `{`, `[` e `\"` aperto sia chiuso")),
        ),
        "trailing comma" => (
            m("virgola di troppo prima della chiusura"),
            Some(m("togli la virgola dopo l'ultimo elemento")),
        ),
        "expected `,` or `}`" => (
            m("atteso `,` oppure `}`"),
            Some(m("probabilmente manca una virgola tra due campi")),
        ),
        "expected `,` or `]`" => (
            m("atteso `,` oppure `]`"),
            Some(m(
                "probabilmente manca una virgola tra due elementi dell'elenco",
            )),
        ),
        "expected `:`" => (m("atteso `:` dopo il nome del campo"), None),
        "key must be a string" => (
            m("il nome del campo deve essere tra virgolette doppie"),
            Some(m("scrivi ad esempio \"peso\": 20")),
        ),
        "expected value" => (
            m("atteso un valore"),
            Some(m(
                "un testo va tra virgolette doppie, un numero senza; controlla virgole e parentesi",
            )),
        ),
        "expected ident" => (
            m("parola non riconosciuta: sono ammessi solo true, false e null"),
            None,
        ),
        "invalid number" | "number out of range" => (
            m("numero non valido"),
            Some(m("usa il punto come separatore decimale: 16000.50")),
        ),
        "invalid escape" => (
            m("sequenza di escape non valida in un testo"),
            Some(m("per scrivere una barra rovesciata usa `\\\\`")),
        ),
        r if r.starts_with("control character") => (
            m("carattere di controllo (ad esempio un a capo) dentro un testo"),
            Some(m("scrivi gli a capo come `\\n`")),
        ),
        "recursion limit exceeded" => (
            m("annidamento troppo profondo: il JSON supera i 128 livelli"),
            Some(m(
                "un piano ha pochi livelli: controlla parentesi e `figli` annidati per errore",
            )),
        ),
        "trailing characters" => (
            m("testo in più dopo la fine del documento JSON"),
            Some(m("il file deve contenere un solo oggetto `{ ... }`")),
        ),
        other => (format!("JSON non valido: {other}"), None),
    }
}

/// A problem the schema cannot see (a repeated key), or one it did not catch.
fn type_error(path: &str, raw: &str) -> Diagnostic {
    let raw = raw.split(" at line ").next().unwrap_or(raw);
    if let Some(field) = raw
        .strip_prefix("duplicate field `")
        .map(|f| f.trim_end_matches('`'))
    {
        return Diagnostic::error(
            "P014",
            format!("il campo `{field}` è scritto due volte nello stesso oggetto"),
        )
        .at_path(if path == "." { "(radice)" } else { path })
        .with_hint("tieni un solo valore: con due, non si sa quale valga");
    }
    Diagnostic::error("P002", format!("valore non valido: {raw}")).at_path(if path == "." {
        "(radice)"
    } else {
        path
    })
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a typo.
pub fn closest(word: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Byte ranges of every value in the JSON text, by path (`albero[0].figli[1].peso`).
#[derive(Debug, Default)]
pub struct PathIndex {
    values: HashMap<String, Range<usize>>,
}

impl PathIndex {
    /// Indexes a JSON text; an unparsable text gives an empty index.
    pub fn build(text: &str) -> PathIndex {
        let mut index = PathIndex::default();
        let options = jsonc_parser::ParseOptions::default();
        let collect = jsonc_parser::CollectOptions::default();
        if let Ok(result) = jsonc_parser::parse_to_ast(text, &collect, &options)
            && let Some(value) = &result.value
        {
            index.walk(value, String::new());
        }
        index
    }

    fn walk(&mut self, value: &jsonc_parser::ast::Value<'_>, path: String) {
        use jsonc_parser::ast::Value;
        use jsonc_parser::common::Ranged;
        let r = value.range();
        self.values.insert(path.clone(), r.start..r.end);
        match value {
            Value::Object(obj) => {
                for prop in &obj.properties {
                    let name = prop.name.clone().into_string();
                    let child = if path.is_empty() {
                        name
                    } else {
                        format!("{path}.{name}")
                    };
                    self.walk(&prop.value, child);
                }
            }
            Value::Array(arr) => {
                for (i, el) in arr.elements.iter().enumerate() {
                    self.walk(el, format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }

    /// The byte range of the value at `path`, or of its nearest indexed ancestor.
    pub fn range(&self, path: &str) -> Option<Range<usize>> {
        let mut p = path.to_string();
        loop {
            if let Some(r) = self.values.get(&p) {
                return Some(r.clone());
            }
            let cut = p.rfind(['.', '['])?;
            p.truncate(cut);
        }
    }

    /// Fills a diagnostic's position from its path; false if the path is unknown.
    pub fn locate(&self, d: &mut Diagnostic, text: &str) -> bool {
        let Some(path) = d.path.as_deref() else {
            return false;
        };
        let path = if path == "(radice)" { "" } else { path };
        match self.range(path) {
            Some(r) => {
                d.position = Some(LineIndex::new(text).position(r.start));
                d.range = Some(r);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_suggestions() {
        let c = vec![
            "peso".to_string(),
            "titolo".to_string(),
            "indicatori".to_string(),
        ];
        assert_eq!(closest("pesso", &c).as_deref(), Some("peso"));
        assert_eq!(closest("indicatore", &c).as_deref(), Some("indicatori"));
        assert_eq!(closest("zzz", &c), None);
    }

    #[test]
    fn path_index_finds_nested_values() {
        let text = "{\"albero\": [{\"titolo\": \"A\", \"figli\": [{\"peso\": 20}]}]}";
        let idx = PathIndex::build(text);
        let r = idx.range("albero[0].figli[0].peso").unwrap();
        assert_eq!(&text[r], "20");
        let r = idx.range("albero[0].figli[0].manca").unwrap();
        assert_eq!(&text[r], "{\"peso\": 20}");
    }
}
