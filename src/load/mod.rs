//! Load stage: read the plan file (a regular file, of bounded size), parse its JSON,
//! deserialise it into the model, check the period before anything is sized by it, and
//! keep an index from JSON paths to byte ranges so that every later diagnostic can be
//! located through the file's one line index.

use std::collections::HashMap;
use std::io::Read as _;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::consuntivo::Consuntivo;
use crate::diag::{Codice, Diagnostic, Position, SourceFile};
use crate::model::Piano;

pub mod logo;
pub mod schema;

/// The text of a plan file, the name it is reported under and its line index, shared by
/// every stage and every diagnostic (cloning it copies a pointer).
pub type PlanSource = Arc<SourceFile>;

/// The largest plan file read: a real plan is well under 1 MB.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The first year a plan or POLA may start or end in.
pub const ANNO_MIN: i32 = 1900;
/// The last year a plan or POLA may start or end in.
pub const ANNO_MAX: i32 = 2200;
/// The most years a plan or POLA may span (a performance plan is triennial).
pub const ANNI_MAX: i64 = 10;

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

/// Reads a plan file; an unreadable file is a tool failure, not a plan error. Only a
/// regular file is read (a FIFO would block, a device never end) and at most
/// [`MAX_BYTES`] of it.
pub fn read(path: &Path) -> anyhow::Result<PlanSource> {
    let shown = path.display();
    let cannot = |why: &str| anyhow::anyhow!("impossibile leggere il piano `{shown}`: {why}");
    let meta = std::fs::metadata(path).map_err(|e| {
        anyhow::Error::new(e).context(format!("impossibile leggere il piano `{shown}`"))
    })?;
    if let Some(why) = not_a_file(&meta) {
        return Err(cannot(why));
    }
    if meta.len() > MAX_BYTES {
        return Err(too_big(&shown, meta.len()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading waits for a writer: if a FIFO took the file's place
    // since the check above, opening without waiting lets the check below refuse it.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| {
        anyhow::Error::new(e).context(format!("impossibile leggere il piano `{shown}`"))
    })?;
    let meta = file.metadata().map_err(|e| {
        anyhow::Error::new(e).context(format!("impossibile leggere il piano `{shown}`"))
    })?;
    if let Some(why) = not_a_file(&meta) {
        return Err(cannot(why));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            anyhow::Error::new(e).context(format!("impossibile leggere il piano `{shown}`"))
        })?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_big(&shown, bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // The valid prefix is UTF-8 by definition; lossy conversion only satisfies the type.
        let before = String::from_utf8_lossy(valid);
        let pos = Position::of(&before, before.len());
        anyhow::anyhow!(
            "il piano `{shown}` non è un testo UTF-8 valido: riga {}, colonna {} (salvalo con la codifica UTF-8)",
            pos.line,
            pos.column
        )
    })?;
    // Editors on Windows often save with a byte-order mark: it is not content.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(Arc::new(SourceFile::new(shown.to_string(), text)))
}

/// Why a file's metadata is not that of a regular file, if it is not.
fn not_a_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("è una cartella, non un file");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some("è una pipe (FIFO), non un file");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("è un dispositivo, non un file");
        }
        if kind.is_socket() {
            return Some("è un socket, non un file");
        }
    }
    Some("non è un file")
}

fn too_big(shown: &std::path::Display<'_>, len: u64) -> anyhow::Error {
    anyhow::anyhow!(
        "impossibile leggere il piano `{shown}`: è troppo grande ({} MB; il massimo è {} MB)",
        len.div_ceil(1024 * 1024),
        MAX_BYTES / (1024 * 1024)
    )
}

/// Parses and deserialises a plan, or returns its located errors.
pub fn parse(source: PlanSource) -> Result<Loaded, Vec<Diagnostic>> {
    let (plan, json, index): (Piano, _, _) = parse_as(&source, schema::check)?;
    let mut period = periods(&plan);
    if !period.is_empty() {
        for d in &mut period {
            d.file = Some(source.name.clone());
            index.locate(d, &source);
        }
        return Err(period);
    }
    Ok(Loaded {
        source,
        plan,
        json,
        index,
    })
}

/// A parsed results file with its source and path index.
#[derive(Debug)]
pub struct LoadedConsuntivo {
    /// Where it came from.
    pub source: PlanSource,
    /// The results.
    pub consuntivo: Consuntivo,
    /// Positions of every JSON path.
    pub index: PathIndex,
}

impl LoadedConsuntivo {
    /// The plan file it names, relative to its own folder.
    pub fn percorso_piano(&self) -> std::path::PathBuf {
        Path::new(&self.source.name)
            .parent()
            .unwrap_or(Path::new(""))
            .join(&self.consuntivo.piano)
    }
}

/// Parses and deserialises a results file, or returns its located errors.
pub fn parse_consuntivo(source: PlanSource) -> Result<LoadedConsuntivo, Vec<Diagnostic>> {
    let (consuntivo, _, index) = parse_as(&source, schema::check_consuntivo)?;
    Ok(LoadedConsuntivo {
        source,
        consuntivo,
        index,
    })
}

/// Whether a file holds the results of a plan (a consuntivo: its `piano` names the plan
/// file) rather than a plan. An unparsable text is taken for a plan, whose checks explain.
pub fn is_consuntivo(source: &SourceFile) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        piano: Option<serde_json::Value>,
    }
    serde_json::from_str::<Probe>(&source.text)
        .is_ok_and(|p| p.piano.is_some_and(|v| v.is_string()))
}

/// Parses a JSON text, checks it against a schema (every problem at once) and
/// deserialises it, each error located in the file.
fn parse_as<T: serde::de::DeserializeOwned>(
    source: &PlanSource,
    structural: fn(&serde_json::Value) -> Vec<Diagnostic>,
) -> Result<(T, serde_json::Value, PathIndex), Vec<Diagnostic>> {
    let json: serde_json::Value = match serde_json::from_str(&source.text) {
        Ok(v) => v,
        Err(e) => return Err(vec![syntax_error(source, &e)]),
    };
    let index = PathIndex::build(&source.text);
    let mut problems = structural(&json);
    if !problems.is_empty() {
        for d in &mut problems {
            d.file = Some(source.name.clone());
            index.locate(d, source);
        }
        problems.sort_by(|a, b| a.position.cmp(&b.position).then(a.code.cmp(&b.code)));
        problems.dedup();
        return Err(problems);
    }
    let mut de = serde_json::Deserializer::from_str(&source.text);
    match serde_path_to_error::deserialize(&mut de) {
        Ok(value) => Ok((value, json, index)),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let mut d = type_error(&path, &inner.to_string());
            d.file = Some(source.name.clone());
            if !index.locate(&mut d, source) {
                let pos = Position {
                    line: inner.line(),
                    column: inner.column().max(1),
                };
                let off = source.offset(pos);
                source.locate(&mut d, off..off + 1);
            }
            Err(vec![d])
        }
    }
}

/// The plan's and the POLA's periods within [`ANNO_MIN`]–[`ANNO_MAX`] and at most
/// [`ANNI_MAX`] years long: checked before any stage lists the years of a period.
fn periods(plan: &Piano) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let doc = &plan.documento;
    period(doc.anno_inizio, doc.anno_fine, "documento", &mut out);
    if let Some(pola) = &plan.pola {
        period(pola.anno_inizio, pola.anno_fine, "pola", &mut out);
    }
    out
}

fn period(start: i32, end: i32, base: &str, out: &mut Vec<Diagnostic>) {
    let mut in_range = true;
    for (year, field) in [(start, "anno_inizio"), (end, "anno_fine")] {
        if !(ANNO_MIN..=ANNO_MAX).contains(&year) {
            in_range = false;
            out.push(
                Diagnostic::new(
                    Codice::P015,
                    format!(
                        "l'anno {year} è fuori dall'intervallo ammesso ({ANNO_MIN}–{ANNO_MAX})"
                    ),
                )
                .at_path(format!("{base}.{field}"))
                .with_hint("scrivi l'anno per intero, ad esempio 2024"),
            );
        }
    }
    let years = i64::from(end) - i64::from(start) + 1;
    if in_range && years > ANNI_MAX {
        out.push(
            Diagnostic::new(
                Codice::P015,
                format!("il periodo {start}–{end} dura {years} anni: al massimo sono {ANNI_MAX}"),
            )
            .at_path(format!("{base}.anno_fine"))
            .with_hint("controlla gli anni: il piano della performance è triennale"),
        );
    }
}

fn syntax_error(source: &SourceFile, e: &serde_json::Error) -> Diagnostic {
    let raw = e.to_string();
    let raw = raw.split(" at line ").next().unwrap_or(&raw);
    let (message, mut hint) = translate_syntax(raw);
    let pos = Position {
        line: e.line().max(1),
        column: e.column().max(1),
    };
    let off = source.offset(pos);
    let rest = &source.text[off..];
    if rest.starts_with("//") || rest.starts_with("/*") {
        hint =
            Some("il JSON non ammette commenti: toglili (le note vanno nei campi `note`)".into());
    }
    let mut d = Diagnostic::new(Codice::P001, message);
    source.locate(&mut d, off..off + 1);
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
        // serde_json's messages are all above; a new one is named, in its own words.
        other => (
            m("JSON non valido"),
            Some(format!(
                "controlla la sintassi in questo punto (serde_json: {other})"
            )),
        ),
    }
}

/// A problem the schema cannot see (a repeated key), or one it did not catch, in Italian:
/// serde's own wording survives only as a note, for an unforeseen message.
fn type_error(path: &str, raw: &str) -> Diagnostic {
    let raw = raw.split(" at line ").next().unwrap_or(raw);
    let path = if path == "." { "(radice)" } else { path };
    let quoted = |s: &str| s.trim_matches('`').to_string();
    let d = if let Some(field) = raw.strip_prefix("duplicate field ") {
        Diagnostic::new(
            Codice::P014,
            format!(
                "il campo `{}` è scritto due volte nello stesso oggetto",
                quoted(field)
            ),
        )
        .with_hint("tieni un solo valore: con due, non si sa quale valga")
    } else if let Some(field) = raw.strip_prefix("missing field ") {
        let field = quoted(field);
        Diagnostic::new(
            Codice::P003,
            format!("manca il campo obbligatorio `{field}`"),
        )
        .with_hint(format!("aggiungi `\"{field}\": ...` a questo oggetto"))
    } else if let Some(rest) = raw.strip_prefix("unknown field ") {
        let field = quoted(rest.split(", expected").next().unwrap_or(rest));
        Diagnostic::new(
            Codice::P004,
            format!("questo campo non è previsto: `{field}`"),
        )
    } else if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let mut parts = rest.splitn(2, ", expected ");
        let value = quoted(parts.next().unwrap_or_default());
        let d = Diagnostic::new(Codice::P005, format!("valore non ammesso: `{value}`"));
        match parts.next() {
            Some(allowed) => d.with_hint(format!(
                "valori ammessi: {}",
                allowed.trim_start_matches("one of ").replace(" or ", ", ")
            )),
            None => d,
        }
    } else if let Some(rest) = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "))
    {
        let mut parts = rest.splitn(2, ", expected ");
        let found = unexpected(parts.next().unwrap_or_default());
        let message = match parts.next().and_then(expected) {
            Some(e) if e == "un numero intero" && found.starts_with("il numero") => {
                format!("numero fuori dall'intervallo ammesso: trovato {found}")
            }
            Some(e) => format!("tipo non valido: trovato {found}, atteso {e}"),
            None => format!("valore non valido: trovato {found}"),
        };
        Diagnostic::new(Codice::P002, message)
    } else if let Some(rest) = raw.strip_prefix("invalid length ") {
        let n = rest.split(',').next().unwrap_or_default();
        Diagnostic::new(Codice::P002, format!("numero di elementi non valido: {n}"))
    } else if raw.starts_with("data did not match any variant") {
        Diagnostic::new(
            Codice::P002,
            "valore non valido: non corrisponde a nessuna delle forme ammesse",
        )
    } else {
        Diagnostic::new(Codice::P002, "valore non valido").with_note(format!("(serde) {raw}"))
    };
    d.at_path(path)
}

/// serde's description of a value found (`string "x"`, `integer `5``), in Italian.
fn unexpected(found: &str) -> String {
    let value = |prefix: &str| found.strip_prefix(prefix).map(|v| v.trim_matches('`'));
    if let Some(v) = value("string ") {
        format!("il testo {v}")
    } else if let Some(v) = value("integer ").or_else(|| value("floating point ")) {
        format!("il numero {v}")
    } else if let Some(v) = value("boolean ") {
        format!("il valore {v}")
    } else {
        match found {
            "map" => "un oggetto".into(),
            "sequence" => "un elenco".into(),
            "null" | "unit value" => "null".into(),
            other => format!("`{other}`"),
        }
    }
}

/// serde's description of what was expected (`i32`, `a string`), in Italian, if known.
fn expected(what: &str) -> Option<String> {
    let it = match what {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            "un numero intero"
        }
        "f32" | "f64" => "un numero",
        "a string" | "a borrowed string" | "a character" => "un testo tra virgolette",
        "a boolean" => "true o false",
        "a sequence" => "un elenco `[ ... ]`",
        w if w.starts_with("struct ") || w.starts_with("a map") => "un oggetto `{ ... }`",
        _ => return None,
    };
    Some(it.to_string())
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

    /// Fills a diagnostic's file and position from its path, through the file's shared
    /// line index; false if the path is unknown.
    pub fn locate(&self, d: &mut Diagnostic, source: &SourceFile) -> bool {
        let Some(path) = d.path.as_deref() else {
            return false;
        };
        let path = if path == "(radice)" { "" } else { path };
        match self.range(path) {
            Some(r) => {
                source.locate(d, r);
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
    fn serde_messages_are_said_in_italian() {
        let d = type_error("albero[0]", "missing field `titolo` at line 3 column 4");
        assert_eq!(d.code, Codice::P003);
        assert_eq!(d.message, "manca il campo obbligatorio `titolo`");
        let d = type_error(
            "atti[0].tipo",
            "unknown variant `delibera`, expected `adozione` or `validazione`",
        );
        assert_eq!(d.code, Codice::P005);
        assert_eq!(d.message, "valore non ammesso: `delibera`");
        assert_eq!(
            d.hint.as_deref(),
            Some("valori ammessi: `adozione`, `validazione`")
        );
        let d = type_error("albero[0].peso", "invalid type: string \"x\", expected f64");
        assert_eq!(
            d.message,
            "tipo non valido: trovato il testo \"x\", atteso un numero"
        );
        let d = type_error(".", "duplicate field `ente`");
        assert_eq!(d.code, Codice::P014);
        assert_eq!(d.path.as_deref(), Some("(radice)"));
        let d = type_error("x", "something serde never said");
        assert_eq!(d.message, "valore non valido");
        assert_eq!(
            d.note.as_deref(),
            Some("(serde) something serde never said")
        );
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
