//! Structural check of the plan against the JSON Schema derived from the model, reporting
//! every problem at once (serde stops at the first), in Italian, by JSON path.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError, Validator};
use serde_json::Value;

use crate::diag::{Codice, Diagnostic, ticked};
use crate::model::Piano;

/// The plan's JSON Schema, generated from the model types with the Italian descriptions
/// they carry for the editor: the one `piano schema` prints and every plan is checked
/// against.
pub fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::to_value(schemars::schema_for!(Piano)).unwrap_or(Value::Null))
}

/// The results file's JSON Schema (`piano schema --consuntivo`), from its model types.
pub fn schema_consuntivo() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::to_value(schemars::schema_for!(crate::consuntivo::Consuntivo))
            .unwrap_or(Value::Null)
    })
}

fn validator() -> Option<&'static Validator> {
    static VALIDATOR: OnceLock<Option<Validator>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| jsonschema::validator_for(schema()).ok())
        .as_ref()
}

fn validator_consuntivo() -> Option<&'static Validator> {
    static VALIDATOR: OnceLock<Option<Validator>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| jsonschema::validator_for(schema_consuntivo()).ok())
        .as_ref()
}

/// Every structural problem of a plan, unlocated (the caller locates them by path).
pub fn check(json: &Value) -> Vec<Diagnostic> {
    check_with(validator(), schema(), json)
}

/// Every structural problem of a results file, unlocated.
pub fn check_consuntivo(json: &Value) -> Vec<Diagnostic> {
    check_with(validator_consuntivo(), schema_consuntivo(), json)
}

fn check_with(validator: Option<&Validator>, root: &Value, json: &Value) -> Vec<Diagnostic> {
    let Some(v) = validator else {
        return Vec::new();
    };
    let mut out: Vec<Diagnostic> = Vec::new();
    for e in v.iter_errors(json) {
        out.extend(translate(root, json, &e));
    }
    out
}

/// Converts a JSON pointer (`/albero/0/peso`) into our path (`albero[0].peso`), using the
/// document to tell array indices from object keys that look like numbers (`target.2021`).
pub fn pointer_to_path(json: &Value, pointer: &str) -> String {
    let mut path = String::new();
    let mut node = Some(json);
    for raw in pointer.split('/').skip(1) {
        let seg = raw.replace("~1", "/").replace("~0", "~");
        match node {
            Some(Value::Array(items)) => {
                path.push_str(&format!("[{seg}]"));
                node = seg.parse::<usize>().ok().and_then(|i| items.get(i));
            }
            other => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&seg);
                node = other.and_then(|n| n.get(&seg));
            }
        }
    }
    path
}

fn type_name(t: JsonType) -> &'static str {
    match t {
        JsonType::Null => "null",
        JsonType::Boolean => "true o false",
        JsonType::Integer => "un numero intero",
        JsonType::Number => "un numero",
        JsonType::String => "un testo tra virgolette",
        JsonType::Array => "un elenco `[ ... ]`",
        JsonType::Object => "un oggetto `{ ... }`",
    }
}

fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("il valore {b}"),
        Value::Number(n) => format!("il numero {n}"),
        Value::String(s) => format!("il testo \"{}\"", s.chars().take(40).collect::<String>()),
        Value::Array(_) => "un elenco".into(),
        Value::Object(_) => "un oggetto".into(),
    }
}

/// The property names the schema allows at the object that `schema_path` points into.
fn allowed_properties(root: &Value, schema_path: &str) -> Vec<String> {
    let parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
    root.pointer(parent)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// The string constants of a `oneOf`/`anyOf` whose alternatives are all constants.
fn const_alternatives(root: &Value, schema_path: &str) -> Vec<String> {
    let Some(alts) = root.pointer(schema_path).and_then(Value::as_array) else {
        return Vec::new();
    };
    let consts: Vec<String> = alts
        .iter()
        .filter_map(|a| a.get("const").and_then(Value::as_str).map(str::to_string))
        .collect();
    if consts.len() == alts.len() {
        consts
    } else {
        Vec::new()
    }
}

fn hint_for_alternatives(path: &str) -> (&'static str, &'static str) {
    let last = path.rsplit('.').next().unwrap_or(path);
    if path.contains(".peso") || last == "peso" {
        (
            "peso non valido",
            "scrivi un numero da 0 a 100 (percentuale, es. 40) o un oggetto con un numero per scadenza, es. {\"2021\": 40}",
        )
    } else if path.contains(".target.") || last == "baseline" {
        (
            "target non valido",
            "scrivi il target come testo (\"SI\", \">= 250\"), come numero, o come oggetto con `testo`",
        )
    } else if path.contains("contenuto[") && !path.contains("righe") {
        (
            "blocco di contenuto non valido",
            "ogni blocco ha una sola chiave: `testo`, `tabella`, `grafico`, `organigramma`, `serie_mensile`, `conteggi`, `programma_sviluppo` o `indicatori_dfp`",
        )
    } else {
        (
            "valore non valido",
            "scrivi un numero, un testo tra virgolette o null",
        )
    }
}

/// One schema error of `json` as diagnostics in Italian (one per unexpected field).
fn translate(root: &Value, json: &Value, e: &ValidationError<'_>) -> Vec<Diagnostic> {
    let path = pointer_to_path(json, &e.instance_path().to_string());
    let instance = e.instance();
    match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            unexpected_fields(root, &path, unexpected, &e.schema_path().to_string())
        }
        ValidationErrorKind::Required { property } => {
            vec![missing_field(path, property.as_str().unwrap_or_default())]
        }
        ValidationErrorKind::Type { kind } => vec![wrong_type(path, kind, instance)],
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> = options
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|o| o.as_str().map(str::to_string))
                .collect();
            vec![not_allowed(path, instance, &allowed)]
        }
        ValidationErrorKind::Minimum { limit } => {
            vec![out_of_range(path, instance, &format!("minimo {limit}"))]
        }
        ValidationErrorKind::Maximum { limit } => {
            vec![out_of_range(path, instance, &format!("massimo {limit}"))]
        }
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            vec![no_alternative(
                root,
                path,
                instance,
                &e.schema_path().to_string(),
            )]
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            vec![
                Diagnostic::new(
                    Codice::P002,
                    "valore ambiguo: corrisponde a più forme ammesse",
                )
                .at_path(path),
            ]
        }
        _ => vec![Diagnostic::new(Codice::P002, format!("valore non valido: {e}")).at_path(path)],
    }
}

/// Fields the schema does not have at the object at `path` (whose schema is at
/// `schema_path`), each with the closest allowed name or the list of them.
fn unexpected_fields(
    root: &Value,
    path: &str,
    unexpected: &[String],
    schema_path: &str,
) -> Vec<Diagnostic> {
    let allowed = allowed_properties(root, schema_path);
    unexpected
        .iter()
        .map(|field| {
            let hint = match super::closest(field, &allowed) {
                Some(c) => format!("forse intendevi `{c}`?"),
                None if allowed.is_empty() => "togli questo campo".to_string(),
                None => format!("i campi ammessi qui sono: {}", ticked(&allowed)),
            };
            let p = if path.is_empty() {
                field.clone()
            } else {
                format!("{path}.{field}")
            };
            Diagnostic::new(
                Codice::P004,
                format!("questo campo non è previsto: `{field}`"),
            )
            .at_path(p)
            .with_hint(hint)
        })
        .collect()
}

/// A required `field` missing from the object at `path`.
fn missing_field(path: String, field: &str) -> Diagnostic {
    Diagnostic::new(
        Codice::P003,
        format!("manca il campo obbligatorio `{field}`"),
    )
    .at_path(if path.is_empty() {
        "(radice)".to_string()
    } else {
        path
    })
    .with_hint(format!("aggiungi `\"{field}\": ...` a questo oggetto"))
}

/// A value of another JSON type than the schema's.
fn wrong_type(path: String, kind: &TypeKind, instance: &Value) -> Diagnostic {
    let expected = match kind {
        TypeKind::Single(t) => type_name(*t).to_string(),
        TypeKind::Multiple(set) => set
            .iter()
            .map(type_name)
            .collect::<Vec<_>>()
            .join(" oppure "),
    };
    Diagnostic::new(
        Codice::P002,
        format!(
            "tipo non valido: trovato {}, atteso {expected}",
            found(instance)
        ),
    )
    .at_path(path)
}

/// A value that is none of the `allowed` strings, with the closest one or the list.
fn not_allowed(path: String, instance: &Value, allowed: &[String]) -> Diagnostic {
    let value = instance.as_str().unwrap_or_default().to_string();
    let hint = match super::closest(&value, allowed) {
        Some(c) => format!("forse intendevi `{c}`?"),
        None => format!("valori ammessi: {}", ticked(allowed)),
    };
    Diagnostic::new(
        Codice::P005,
        format!("valore non ammesso: {}", found(instance)),
    )
    .at_path(path)
    .with_hint(hint)
}

/// A number beyond its `bound` (`minimo 0`); a weight is a percentage.
fn out_of_range(path: String, instance: &Value, bound: &str) -> Diagnostic {
    let (msg, hint) = if path.contains("peso") {
        (
            "percentuale fuori dall'intervallo 0–100",
            "i pesi sono percentuali: 40 significa 40%",
        )
    } else {
        ("valore fuori dall'intervallo ammesso", "")
    };
    let d = Diagnostic::new(
        Codice::P013,
        format!("{msg}: trovato {} ({bound})", found(instance)),
    )
    .at_path(path);
    if hint.is_empty() {
        d
    } else {
        d.with_hint(hint)
    }
}

/// A value that matches none of the forms of a `oneOf`/`anyOf` (at `schema_path`).
fn no_alternative(root: &Value, path: String, instance: &Value, schema_path: &str) -> Diagnostic {
    // A unit enum with documented variants is a `oneOf` of `const` strings.
    let consts = const_alternatives(root, schema_path);
    if !consts.is_empty() {
        return not_allowed(path, instance, &consts);
    }
    let (msg, hint) = hint_for_alternatives(&path);
    Diagnostic::new(Codice::P002, format!("{msg}: trovato {}", found(instance)))
        .at_path(path)
        .with_hint(hint)
}

/// The `///` comments of a source file, each joined as schemars joins a doc comment into
/// a description: what would leak into a schema where a `#[schemars(description)]` is
/// missing.
#[cfg(test)]
pub(crate) fn doc_comments(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in source.lines() {
        match line.trim_start().strip_prefix("///") {
            Some(text) => block.push(text.strip_prefix(' ').unwrap_or(text)),
            None if !block.is_empty() => {
                out.push(block.join("\n").trim().to_string());
                block.clear();
            }
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// JSON pointers of the places an editor shows a description that has none: types,
    /// properties anywhere, and the alternatives of enums.
    fn without_description(schema: &Value, pointer: &str, out: &mut Vec<String>) {
        let Value::Object(map) = schema else { return };
        for (key, value) in map {
            let here = format!("{pointer}/{key}");
            match (key.as_str(), value) {
                ("default" | "const" | "enum" | "examples", _) => {}
                ("properties" | "$defs", Value::Object(named)) => {
                    for (name, s) in named {
                        let p = format!("{here}/{name}");
                        if s.get("description").and_then(Value::as_str).is_none() {
                            out.push(p.clone());
                        }
                        without_description(s, &p, out);
                    }
                }
                ("oneOf" | "anyOf", Value::Array(alts)) => {
                    // The alternatives of an enum type; elsewhere an `anyOf` only says
                    // that an optional field may be null.
                    let enum_type =
                        pointer.starts_with("/$defs/") && pointer.matches('/').count() == 2;
                    for (i, s) in alts.iter().enumerate() {
                        let p = format!("{here}/{i}");
                        if enum_type && s.get("description").is_none() {
                            out.push(p.clone());
                        }
                        without_description(s, &p, out);
                    }
                }
                (_, Value::Array(items)) => {
                    for (i, s) in items.iter().enumerate() {
                        without_description(s, &format!("{here}/{i}"), out);
                    }
                }
                (_, v @ Value::Object(_)) => without_description(v, &here, out),
                _ => {}
            }
        }
    }

    /// Every `description` of a schema, wherever it is.
    fn descriptions<'a>(schema: &'a Value, out: &mut Vec<&'a str>) {
        match schema {
            Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("description", Value::String(text)) => out.push(text),
                        ("default" | "const" | "enum" | "examples", _) => {}
                        (_, v) => descriptions(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| descriptions(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_type_field_and_variant_has_an_italian_description() {
        let s = schema();
        assert_eq!(s["title"], "Piano della Performance");
        assert!(s["description"].is_string(), "the root has no description");
        let mut missing = Vec::new();
        without_description(s, "", &mut missing);
        assert!(
            missing.is_empty(),
            "add `#[schemars(description = \"...\")]` in Italian to src/model.rs for: {missing:#?}"
        );
    }

    #[test]
    fn no_english_doc_comment_is_left() {
        // The model documents `Ente::nome` in English; the schema shows the Italian text.
        let s = schema();
        assert_eq!(
            s["$defs"]["Ente"]["properties"]["nome"]["description"],
            "Denominazione completa, come in copertina"
        );
        let docs = doc_comments(include_str!("../model.rs"));
        assert!(docs.contains(&"Full legal name, as on the cover.".to_string()));
        let mut found = Vec::new();
        descriptions(s, &mut found);
        let leaked: Vec<&&str> = found
            .iter()
            .filter(|d| docs.iter().any(|c| c == *d))
            .collect();
        assert!(
            leaked.is_empty(),
            "doc comments of src/model.rs in the schema, without an Italian `#[schemars(description)]`: {leaked:#?}"
        );
    }

    #[test]
    fn a_tagged_block_describes_its_key() {
        let s = schema();
        let testo = s["$defs"]["Blocco"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["properties"].get("testo").is_some())
            .unwrap();
        assert_eq!(
            testo["properties"]["testo"]["description"],
            "Testo in Markdown ridotto: paragrafi, elenchi, **grassetto**, *corsivo*, link"
        );
        assert_eq!(
            testo["description"],
            testo["properties"]["testo"]["description"]
        );
    }

    #[test]
    fn pointers_become_paths() {
        let json = serde_json::json!({"albero": [{"figli": [{"indicatori": [{"target": {"2021": "x"}}]}]}]});
        assert_eq!(
            pointer_to_path(&json, "/albero/0/figli/0/indicatori/0/target/2021"),
            "albero[0].figli[0].indicatori[0].target.2021"
        );
    }

    #[test]
    fn all_problems_are_reported_at_once() {
        let json = serde_json::json!({
            "ente": {"nome": "Comune", "nomee": "x"},
            "documento": {"titolo": "Piano", "anno_inizio": "2024", "anno_fine": 2026},
            "livelli": [{"nome": "Area", "plurale": "Aree"}],
            "albero": [{"titolo": "A", "peso": 140, "indicatori": [{"descrizione": "d", "peso": "tanto"}]}],
            "atti": [{"organo": "Giunta", "tipo": "delibera", "data": "2024-01-01"}]
        });
        let diags = check(&json);
        let codes: Vec<(&str, &str)> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.path.as_deref().unwrap_or("")))
            .collect();
        assert!(codes.contains(&("P004", "ente.nomee")), "{codes:?}");
        assert!(
            codes.contains(&("P002", "documento.anno_inizio")),
            "{codes:?}"
        );
        assert!(codes.contains(&("P013", "albero[0].peso")), "{codes:?}");
        assert!(
            codes.contains(&("P002", "albero[0].indicatori[0].peso")),
            "{codes:?}"
        );
        assert!(codes.contains(&("P005", "atti[0].tipo")), "{codes:?}");
        let typo = diags.iter().find(|d| d.code == Codice::P004).unwrap();
        assert_eq!(typo.hint.as_deref(), Some("forse intendevi `nome`?"));
    }
}
