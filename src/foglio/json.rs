//! Byte-preserving edits of a JSON text: what an import changes in a plan, with every byte
//! outside the edited values left as the author wrote it (keys, their order, whitespace,
//! comments, the spelling of untouched numbers such as `40.0`).
//!
//! The text is parsed once into the concrete syntax tree of `jsonc-parser` (the parser
//! [`crate::load`] locates diagnostics with), edited in place and written back.
//!
//! # API
//!
//! ```
//! use piano::foglio::json::{apply, Edit};
//! use serde_json::json;
//!
//! let before = "{\n  \"target\": {\n    \"2022\": 40.0\n  },\n  \"note\": []\n}\n";
//! let after = apply(before, &[
//!     Edit::set("target.2022", json!(45)),        // replace a value (or add a missing key)
//!     Edit::insert("target", "2023", json!(50)),  // add a key to an object (error if present)
//!     Edit::append("note", json!("rivisto")),     // add an element at the end of an array
//! ]).unwrap();
//! assert_eq!(after, "{\n  \"target\": {\n    \"2022\": 45.0,\n    \"2023\": 50\n  },\n  \"note\": [\"rivisto\"]\n}\n");
//! ```
//!
//! - Paths are written as diagnostics write them: `albero[0].figli[1].target.2022`; a segment
//!   after a dot is always an object key (so `2022` is the key `"2022"`), `[n]` an array
//!   index; the empty path is the root value.
//! - Edits apply in order, each to the result of the ones before it: after
//!   `Edit::remove("a[0]")` the old `a[1]` is `a[0]`.
//! - [`Edit::Set`] with a value equal to the one already there (numbers compared by value, so
//!   `40.0` and `40` are equal) changes nothing: a no-op import gives back identical bytes.
//!   A number replacing a number keeps its spelling where it can: `40.0` set to 45 becomes
//!   `45.0`, `40` set to 45.0 becomes `45`.
//! - New values are written like what they replace, or like the element before them
//!   ([`Edit::Append`]): the same indentation, an object's keys in the same order (keys the
//!   model lacks follow in serde_json's order, which is alphabetical), one line if that was
//!   on one line. A key added to an object written on one line stays on that line
//!   (`{"a": 1}` → `{"a": 1, "b": 2}`).
//! - Setting an object or array spread over lines edits it member by member (element by
//!   element): members that did not change keep their bytes, missing ones are removed, new
//!   ones added at the end.
//! - Failures are an [`EditError`], which names the path and says what was expected.

use std::fmt;

use jsonc_parser::ParseOptions;
use jsonc_parser::cst::{
    CstArray, CstContainerNode, CstInputValue, CstLeafNode, CstNode, CstObject, CstRootNode,
};
use serde_json::Value;

/// One change to a JSON text.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Sets the value at `path`: replaces it, or adds the key at the end of its object when
    /// the path's last segment is a key the object lacks.
    Set {
        /// Where, e.g. `albero[0].indicatori[1].target.2022`.
        path: String,
        /// The new value.
        value: Value,
    },
    /// Adds `key` at the end of the object at `path`; an error if the key is already there.
    Insert {
        /// The object.
        path: String,
        /// The new key.
        key: String,
        /// Its value.
        value: Value,
    },
    /// Adds `value` at the end of the array at `path`.
    Append {
        /// The array.
        path: String,
        /// The new element.
        value: Value,
    },
    /// Removes the object member or array element at `path`, with its comma.
    Remove {
        /// The member or element.
        path: String,
    },
}

impl Edit {
    /// [`Edit::Set`].
    pub fn set(path: impl Into<String>, value: Value) -> Edit {
        Edit::Set {
            path: path.into(),
            value,
        }
    }

    /// [`Edit::Insert`].
    pub fn insert(path: impl Into<String>, key: impl Into<String>, value: Value) -> Edit {
        Edit::Insert {
            path: path.into(),
            key: key.into(),
            value,
        }
    }

    /// [`Edit::Append`].
    pub fn append(path: impl Into<String>, value: Value) -> Edit {
        Edit::Append {
            path: path.into(),
            value,
        }
    }

    /// [`Edit::Remove`].
    pub fn remove(path: impl Into<String>) -> Edit {
        Edit::Remove { path: path.into() }
    }

    /// The path the edit names.
    pub fn path(&self) -> &str {
        match self {
            Edit::Set { path, .. }
            | Edit::Insert { path, .. }
            | Edit::Append { path, .. }
            | Edit::Remove { path } => path,
        }
    }
}

/// Why an edit could not be made. Its `Display` is Italian, for a tool failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The original text is not JSON.
    Parse {
        /// The parser's message.
        message: String,
    },
    /// A path that is not well formed (`a[x]`, `a..b`, `a[1`).
    BadPath {
        /// The path.
        path: String,
    },
    /// Nothing at this path (a missing key or an index past the end).
    NotFound {
        /// The path, up to the missing segment.
        path: String,
    },
    /// A key was asked of something that is not an object.
    NotAnObject {
        /// The path of the value that is not an object.
        path: String,
    },
    /// An index was asked of, or an element appended to, something that is not an array.
    NotAnArray {
        /// The path of the value that is not an array.
        path: String,
    },
    /// [`Edit::Insert`] of a key the object already has.
    KeyExists {
        /// The path of the existing member.
        path: String,
    },
    /// [`Edit::Remove`] or [`Edit::Set`] of the root, which has no parent to remove it from
    /// or is missing altogether.
    Root,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Parse { message } => write!(f, "il testo non è JSON valido: {message}"),
            EditError::BadPath { path } => write!(f, "percorso JSON non valido `{path}`"),
            EditError::NotFound { path } => write!(f, "nessun valore al percorso `{path}`"),
            EditError::NotAnObject { path } => {
                write!(
                    f,
                    "il valore al percorso `{}` non è un oggetto",
                    shown(path)
                )
            }
            EditError::NotAnArray { path } => {
                write!(f, "il valore al percorso `{}` non è un elenco", shown(path))
            }
            EditError::KeyExists { path } => write!(f, "il campo `{path}` esiste già"),
            EditError::Root => f.write_str("la radice del documento non si può togliere"),
        }
    }
}

impl std::error::Error for EditError {}

/// The root's path as a message shows it.
fn shown(path: &str) -> &str {
    if path.is_empty() { "(radice)" } else { path }
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// Splits `a[0].b.2022` into `a`, `[0]`, `b`, `2022`.
fn parse_path(path: &str) -> Result<Vec<Segment>, EditError> {
    let bad = || EditError::BadPath { path: path.into() };
    let mut segments = Vec::new();
    let mut rest = path;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let (n, tail) = after.split_once(']').ok_or_else(bad)?;
            let index = n.parse::<usize>().map_err(|_| bad())?;
            if !n.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            segments.push(Segment::Index(index));
            rest = tail;
        } else {
            let key_text = if first {
                rest
            } else {
                rest.strip_prefix('.').ok_or_else(bad)?
            };
            let end = key_text.find(['.', '[']).unwrap_or(key_text.len());
            if end == 0 {
                return Err(bad());
            }
            segments.push(Segment::Key(key_text[..end].to_string()));
            rest = &key_text[end..];
        }
        first = false;
    }
    Ok(segments)
}

/// The text of the first `n` segments, as a path.
fn prefix(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Key(k) if out.is_empty() => out.push_str(k),
            Segment::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Applies `edits` in order to `text` and returns the new text; an error leaves nothing
/// half done (the caller still holds the original).
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    // A byte-order mark, which the loader accepts, is kept but not shown to the parser.
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut root = parse(text)?;
    for edit in edits {
        if let Some(reparsed) = apply_one(&root, edit)? {
            root = parse(&reparsed)?;
        }
    }
    Ok(format!("{bom}{root}"))
}

fn parse(text: &str) -> Result<CstRootNode, EditError> {
    CstRootNode::parse(text, &ParseOptions::default()).map_err(|e| EditError::Parse {
        message: e.to_string(),
    })
}

/// Makes one edit in the tree; `Some(text)` when part of it went in as raw text (a key added
/// to a one-line object, a one-line value), which the caller parses again.
fn apply_one(root: &CstRootNode, edit: &Edit) -> Result<Option<String>, EditError> {
    let segments = parse_path(edit.path())?;
    match edit {
        Edit::Set { value, .. } => {
            let Some((last, parents)) = segments.split_last() else {
                return match root.value() {
                    Some(old) => Ok(reparse(root, replace(old, value))),
                    None => Err(EditError::Root),
                };
            };
            let parent = resolve(root, parents)?;
            match last {
                Segment::Key(key) => {
                    let object = as_object(&parent, parents)?;
                    match object.get(key).and_then(|p| p.value()) {
                        Some(old) => Ok(reparse(root, replace(old, value))),
                        None => Ok(add_member(root, &object, key, value)),
                    }
                }
                Segment::Index(i) => {
                    let array = as_array(&parent, parents)?;
                    let old = array.elements().into_iter().nth(*i).ok_or_else(|| {
                        EditError::NotFound {
                            path: prefix(&segments),
                        }
                    })?;
                    Ok(reparse(root, replace(old, value)))
                }
            }
        }
        Edit::Insert { key, value, .. } => {
            let node = resolve(root, &segments)?;
            let object = as_object(&node, &segments)?;
            if object.get(key).is_some() {
                let mut path = segments.clone();
                path.push(Segment::Key(key.clone()));
                return Err(EditError::KeyExists {
                    path: prefix(&path),
                });
            }
            Ok(add_member(root, &object, key, value))
        }
        Edit::Append { value, .. } => {
            let node = resolve(root, &segments)?;
            let array = as_array(&node, &segments)?;
            let last = array.elements().pop();
            let mut raw = false;
            array.append(input(value, last.as_ref(), &mut raw));
            Ok(reparse(root, raw))
        }
        Edit::Remove { .. } => {
            let Some((last, parents)) = segments.split_last() else {
                return Err(EditError::Root);
            };
            let parent = resolve(root, parents)?;
            let missing = || EditError::NotFound {
                path: prefix(&segments),
            };
            match last {
                Segment::Key(key) => as_object(&parent, parents)?
                    .get(key)
                    .ok_or_else(missing)?
                    .remove(),
                Segment::Index(i) => as_array(&parent, parents)?
                    .elements()
                    .into_iter()
                    .nth(*i)
                    .ok_or_else(missing)?
                    .remove(),
            }
            Ok(None)
        }
    }
}

/// The text to parse again after an edit that wrote raw text.
fn reparse(root: &CstRootNode, raw: bool) -> Option<String> {
    raw.then(|| root.to_string())
}

/// The node at `segments`.
fn resolve(root: &CstRootNode, segments: &[Segment]) -> Result<CstNode, EditError> {
    let mut node = root.value().ok_or(EditError::NotFound {
        path: String::new(),
    })?;
    for (depth, segment) in segments.iter().enumerate() {
        let here = &segments[..depth];
        let missing = || EditError::NotFound {
            path: prefix(&segments[..=depth]),
        };
        node = match segment {
            Segment::Key(key) => as_object(&node, here)?
                .get(key)
                .and_then(|p| p.value())
                .ok_or_else(missing)?,
            Segment::Index(i) => as_array(&node, here)?
                .elements()
                .into_iter()
                .nth(*i)
                .ok_or_else(missing)?,
        };
    }
    Ok(node)
}

fn as_object(node: &CstNode, at: &[Segment]) -> Result<CstObject, EditError> {
    node.as_object()
        .ok_or_else(|| EditError::NotAnObject { path: prefix(at) })
}

fn as_array(node: &CstNode, at: &[Segment]) -> Result<CstArray, EditError> {
    node.as_array()
        .ok_or_else(|| EditError::NotAnArray { path: prefix(at) })
}

/// Replaces a value, unless it already equals the new one; the new value is written like
/// the old one. An object or array spread over lines is edited member by member, element by
/// element, so that what did not change keeps its bytes. True if something was written as
/// raw text (see [`input`]).
fn replace(old: CstNode, value: &Value) -> bool {
    if old.to_serde_value().is_some_and(|v| same(&v, value)) {
        return false;
    }
    let mut raw = false;
    if !one_line(&old) {
        if let (Some(object), Value::Object(new)) = (old.as_object(), value) {
            for prop in object.properties() {
                if prop
                    .decoded_name()
                    .is_some_and(|name| !new.contains_key(&name))
                {
                    prop.remove();
                }
            }
            for (key, v) in new {
                match object.get(key).and_then(|p| p.value()) {
                    Some(child) => raw |= replace(child, v),
                    None => {
                        object.append(key, input(v, None, &mut raw));
                    }
                }
            }
            return raw;
        }
        if let (Some(array), Value::Array(new)) = (old.as_array(), value) {
            let elements = array.elements();
            for (i, v) in new.iter().enumerate() {
                match elements.get(i) {
                    Some(element) => raw |= replace(element.clone(), v),
                    None => {
                        let last = array.elements().pop();
                        array.append(input(v, last.as_ref(), &mut raw));
                    }
                }
            }
            for element in elements.into_iter().skip(new.len()) {
                element.remove();
            }
            return raw;
        }
    }
    let new = input(value, Some(&old), &mut raw);
    match old {
        CstNode::Container(CstContainerNode::Object(o)) => {
            o.replace_with(new);
        }
        CstNode::Container(CstContainerNode::Array(a)) => {
            a.replace_with(new);
        }
        CstNode::Container(_) => {}
        CstNode::Leaf(leaf) => {
            match leaf {
                CstLeafNode::BooleanLit(l) => l.replace_with(new),
                CstLeafNode::NullKeyword(l) => l.replace_with(new),
                CstLeafNode::NumberLit(l) => l.replace_with(new),
                CstLeafNode::StringLit(l) => l.replace_with(new),
                CstLeafNode::WordLit(l) => l.replace_with(new),
                _ => None,
            };
        }
    }
    raw
}

/// Whether a node is a non-empty object or array written on one line.
fn one_line(node: &CstNode) -> bool {
    let filled = node.as_object().is_some_and(|o| !o.properties().is_empty())
        || node.as_array().is_some_and(|a| !a.elements().is_empty());
    filled && !node.to_string().contains('\n')
}

/// Adds `key` at the end of `object`. An object written on one line keeps to its line: the
/// member is spliced into the text (returned, to be parsed again), because the tree would
/// spread the object over several lines.
fn add_member(root: &CstRootNode, object: &CstObject, key: &str, value: &Value) -> Option<String> {
    let own = object.to_string();
    if own.contains('\n') || object.properties().is_empty() {
        let mut raw = false;
        object.append(key, input(value, None, &mut raw));
        return raw.then(|| root.to_string());
    }
    let start = offset(&CstNode::Container(CstContainerNode::Object(
        object.clone(),
    )));
    let end = start + own.len();
    let text = root.to_string();
    // The member goes after the last non-blank byte before the closing brace.
    let body = &text[start..end - 1];
    let close = start + body.trim_end().len();
    // After a trailing comma the member takes one too: `{"a": 1,}` → `{"a": 1, "b": 2,}`.
    let trailing_comma = body.trim_end().ends_with(',');
    let member = format!(
        "{}{}: {}{}",
        if trailing_comma { " " } else { ", " },
        serde_json::to_string(key).unwrap_or_default(),
        spell(value, None),
        if trailing_comma { "," } else { "" }
    );
    Some(format!("{}{}{}", &text[..close], member, &text[close..]))
}

/// The byte offset of a node in its root's text: the lengths of what precedes it at every
/// level up.
fn offset(node: &CstNode) -> usize {
    let mut offset = 0;
    let mut node = node.clone();
    loop {
        offset += node
            .previous_siblings()
            .map(|s| s.to_string().len())
            .sum::<usize>();
        match node.parent() {
            Some(parent) => node = CstNode::Container(parent),
            None => return offset,
        }
    }
}

/// Two JSON values equal as data: numbers by value (`40.0` equals `40`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        _ => a == b,
    }
}

/// A new value as the tree takes it, written like `like` (the value it replaces, or the
/// element before it): a number keeps the old spelling's style, an object's members follow
/// the old object's order (new keys after them, in serde_json's order), and an object or
/// array written on one line stays on one line. The tree would spread a new object over
/// several lines, so a one-line one goes in as raw text (a number literal holding it),
/// setting `raw`: the caller then parses the text again.
fn input(value: &Value, like: Option<&CstNode>, raw: &mut bool) -> CstInputValue {
    let one_line = like.is_some_and(one_line);
    match value {
        Value::Null => CstInputValue::Null,
        Value::Bool(b) => CstInputValue::Bool(*b),
        Value::Number(n) => CstInputValue::Number(number(n, spelling(like).as_deref())),
        Value::String(s) => CstInputValue::String(s.clone()),
        Value::Array(_) | Value::Object(_) if one_line => {
            *raw = true;
            CstInputValue::Number(spell(value, like))
        }
        Value::Array(a) => CstInputValue::Array(
            a.iter()
                .enumerate()
                .map(|(i, v)| input(v, element_like(like, i).as_ref(), raw))
                .collect(),
        ),
        Value::Object(o) => CstInputValue::Object(
            members(o, like)
                .into_iter()
                .map(|(k, v, l)| (k.clone(), input(v, l.as_ref(), raw)))
                .collect(),
        ),
    }
}

/// The spelling of a number literal.
fn spelling(node: Option<&CstNode>) -> Option<String> {
    node?.as_number_lit().map(|n| n.to_string())
}

/// What the `i`-th element of a new array is written like: the old array's element at the
/// same place, or its last.
fn element_like(like: Option<&CstNode>, i: usize) -> Option<CstNode> {
    let elements = like?.as_array()?.elements();
    elements.get(i).or(elements.last()).cloned()
}

/// An object's members in the order of the object `like` (keys it lacks after), each with
/// what its value is written like.
fn members<'a>(
    object: &'a serde_json::Map<String, Value>,
    like: Option<&CstNode>,
) -> Vec<(&'a String, &'a Value, Option<CstNode>)> {
    let props = like
        .and_then(CstNode::as_object)
        .map(|o| o.properties())
        .unwrap_or_default();
    let mut out: Vec<(&String, &Value, Option<CstNode>)> = Vec::new();
    for prop in &props {
        if let Some(name) = prop.decoded_name()
            && let Some((k, v)) = object.get_key_value(&name)
        {
            out.push((k, v, prop.value()));
        }
    }
    for (k, v) in object {
        if !out.iter().any(|(seen, _, _)| *seen == k) {
            out.push((k, v, None));
        }
    }
    out
}

/// A value as compact JSON text, written like `like` as [`input`] does; a part equal to
/// its counterpart in `like` is copied from it byte for byte.
fn spell(value: &Value, like: Option<&CstNode>) -> String {
    if let Some(like) = like
        && like.to_serde_value().is_some_and(|v| same(&v, value))
    {
        return like.to_string();
    }
    match value {
        Value::Number(n) => number(n, spelling(like).as_deref()),
        Value::Array(a) => format!(
            "[{}]",
            a.iter()
                .enumerate()
                .map(|(i, v)| spell(v, element_like(like, i).as_ref()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(o) => format!(
            "{{{}}}",
            members(o, like)
                .into_iter()
                .map(|(k, v, l)| format!(
                    "{}: {}",
                    serde_json::to_string(k).unwrap_or_default(),
                    spell(v, l.as_ref())
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// A number's spelling: serde_json's, except that a whole number replacing one spelled
/// with a decimal point keeps the point (`45.0`) and one replacing a number spelled without
/// loses it (`45`).
fn number(n: &serde_json::Number, old: Option<&str>) -> String {
    let plain = n.to_string();
    let Some(old) = old else { return plain };
    let old_has_point = old.contains(['.', 'e', 'E']);
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            let whole = format!("{}", f as i64);
            let whole = if f == 0.0 && f.is_sign_negative() {
                "-0".to_string()
            } else {
                whole
            };
            if old_has_point {
                format!("{whole}.0")
            } else {
                whole
            }
        }
        _ => plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(before: &str, edits: &[Edit], after: &str) {
        let got = apply(before, edits).unwrap();
        assert_eq!(got, after, "\n--- got:\n{got}\n--- expected:\n{after}");
    }

    #[test]
    fn paths_split_into_keys_and_indices() {
        assert_eq!(
            parse_path("albero[0].figli[12].target.2022").unwrap(),
            vec![
                Segment::Key("albero".into()),
                Segment::Index(0),
                Segment::Key("figli".into()),
                Segment::Index(12),
                Segment::Key("target".into()),
                Segment::Key("2022".into()),
            ]
        );
        assert_eq!(parse_path("").unwrap(), vec![]);
        assert_eq!(parse_path("[3]").unwrap(), vec![Segment::Index(3)]);
        for bad in ["a..b", "a[x]", "a[1", ".a", "a.", "a[-1]", "a[+1]"] {
            assert!(
                matches!(parse_path(bad), Err(EditError::BadPath { .. })),
                "{bad}"
            );
        }
        assert_eq!(prefix(&parse_path("a[0].b.2022").unwrap()), "a[0].b.2022");
    }

    /// The untouched bytes stay: odd spacing, `40.0`, escapes, unicode, the final newline.
    #[test]
    fn set_replaces_only_the_value() {
        let before = "{\n\t\"titolo\" :  \"Qualità \\u00e8 \\\"alta\\\"\",\n\t\"peso\": 40.0,\n\t\"target\": {\"2022\": 1e2,   \"2023\": \"-\"}\n}\n";
        check(
            before,
            &[Edit::set("target.2023", json!("≥ 80%"))],
            "{\n\t\"titolo\" :  \"Qualità \\u00e8 \\\"alta\\\"\",\n\t\"peso\": 40.0,\n\t\"target\": {\"2022\": 1e2,   \"2023\": \"≥ 80%\"}\n}\n",
        );
        // A new string with quotes, a backslash and a line break is escaped.
        check(
            "{\"a\": \"x\"}",
            &[Edit::set("a", json!("dice \"sì\"\\\nfine"))],
            "{\"a\": \"dice \\\"sì\\\"\\\\\\nfine\"}",
        );
    }

    /// Keys are matched by what they say, however they are escaped; paths may hold any
    /// letter.
    #[test]
    fn unicode_and_escaped_keys() {
        check(
            "{\"unit\\u00e0\": {\"perc\u{e9}\": 1}, \"città\": \"\\\"Brescia\\\"\"}",
            &[
                Edit::set("unità.percé", json!(2)),
                Edit::set("città", json!("Brescia ✓")),
            ],
            "{\"unit\\u00e0\": {\"perc\u{e9}\": 2}, \"città\": \"Brescia ✓\"}",
        );
    }

    #[test]
    fn numbers_keep_their_spelling_style() {
        let before = "{\"a\": 40.0, \"b\": 40, \"c\": 7}";
        check(
            before,
            &[
                Edit::set("a", json!(45)),
                Edit::set("b", json!(45.0)),
                Edit::set("c", json!(7.25)),
            ],
            "{\"a\": 45.0, \"b\": 45, \"c\": 7.25}",
        );
    }

    /// Setting what is already there (`40` for `40.0`, `1e2` for 100, an equal object)
    /// gives back the same bytes.
    #[test]
    fn no_op_edits_give_identical_bytes() {
        let before = "{\n  \"peso\": 40.0,\n  \"n\": 1e2,\n  \"t\": {\"2022\": 3, \"x\": [1, \"è\"]},\n  \"s\": \"caf\\u00e8\"\n}";
        let edits = [
            Edit::set("peso", json!(40)),
            Edit::set("n", json!(100)),
            Edit::set("t", json!({"2022": 3.0, "x": [1, "è"]})),
            Edit::set("s", json!("cafè")),
        ];
        assert_eq!(apply(before, &edits).unwrap(), before);
        assert_eq!(apply(before, &[]).unwrap(), before);
        let crlf_bom = "\u{feff}{\r\n  \"a\": 1\r\n}\r\n";
        assert_eq!(
            apply(crlf_bom, &[Edit::set("a", json!(1))]).unwrap(),
            crlf_bom
        );
    }

    #[test]
    fn nested_edits_through_arrays() {
        let before = r#"{
  "albero": [
    {
      "titolo": "A",
      "figli": [
        {"titolo": "A.1"},
        {
          "titolo": "A.2",
          "indicatori": [
            {
              "nome": "Tempo medio",
              "target": {
                "2022": 30
              }
            }
          ]
        }
      ]
    }
  ]
}
"#;
        let after = r#"{
  "albero": [
    {
      "titolo": "A",
      "figli": [
        {"titolo": "A.1"},
        {
          "titolo": "A.2",
          "indicatori": [
            {
              "nome": "Tempo medio",
              "target": {
                "2022": 25,
                "2023": 20
              }
            }
          ]
        }
      ]
    }
  ]
}
"#;
        check(
            before,
            &[
                Edit::set("albero[0].figli[1].indicatori[0].target.2022", json!(25)),
                Edit::set("albero[0].figli[1].indicatori[0].target.2023", json!(20)),
            ],
            after,
        );
    }

    #[test]
    fn insert_into_an_empty_object() {
        check(
            "{\n  \"target\": {},\n  \"b\": 1\n}",
            &[Edit::insert("target", "2022", json!(40))],
            "{\n  \"target\": {\n    \"2022\": 40\n  },\n  \"b\": 1\n}",
        );
    }

    #[test]
    fn insert_into_a_multi_line_object_takes_its_indentation() {
        check(
            "{\n    \"a\": {\n        \"x\": 1\n    }\n}\n",
            &[Edit::insert(
                "a",
                "nuovo",
                json!({"valore": 2, "unità": "%"}),
            )],
            "{\n    \"a\": {\n        \"x\": 1,\n        \"nuovo\": {\n            \"unità\": \"%\",\n            \"valore\": 2\n        }\n    }\n}\n",
        );
    }

    #[test]
    fn insert_into_a_one_line_object_stays_on_its_line() {
        check(
            "{\n  \"t\": {\"2022\": 40.0 },\n  \"u\": {\"a\": 1,}\n}",
            &[
                Edit::insert("t", "2023", json!(50)),
                Edit::set("u.b", json!([1, {"c": "d"}])),
            ],
            "{\n  \"t\": {\"2022\": 40.0, \"2023\": 50 },\n  \"u\": {\"a\": 1, \"b\": [1, {\"c\": \"d\"}],}\n}",
        );
    }

    /// A file with Windows line ends gets Windows line ends in what is added.
    #[test]
    fn crlf_files_keep_their_line_ends() {
        check(
            "{\r\n  \"a\": {\r\n    \"x\": 1\r\n  }\r\n}\r\n",
            &[Edit::insert("a", "y", json!({"z": 2}))],
            "{\r\n  \"a\": {\r\n    \"x\": 1,\r\n    \"y\": {\r\n      \"z\": 2\r\n    }\r\n  }\r\n}\r\n",
        );
    }

    #[test]
    fn insert_of_an_existing_key_is_an_error() {
        let err = apply("{\"a\": {\"b\": 1}}", &[Edit::insert("a", "b", json!(2))]).unwrap_err();
        assert_eq!(err, EditError::KeyExists { path: "a.b".into() });
        assert_eq!(err.to_string(), "il campo `a.b` esiste già");
    }

    #[test]
    fn append_to_arrays() {
        check(
            "{\n  \"risultati\": [\n    {\"id\": 1}\n  ],\n  \"v\": []\n}",
            &[
                Edit::append("risultati", json!({"id": 2})),
                Edit::append("v", json!("è")),
            ],
            "{\n  \"risultati\": [\n    {\"id\": 1},\n    {\"id\": 2}\n  ],\n  \"v\": [\"è\"]\n}",
        );
        check(
            "[1, 2]",
            &[Edit::append("", json!(3)), Edit::set("[0]", json!(0))],
            "[0, 2, 3]",
        );
    }

    /// A new element is written like the one before it: its keys in the same order (not
    /// serde_json's alphabetical one), a one-line member on one line, numbers spelled alike.
    #[test]
    fn appended_elements_follow_their_sibling() {
        let before = r#"{
  "risultati": [
    {
      "obiettivo": "1.1.2",
      "indicatore": 1,
      "valore": 790.0,
      "target": {"2022": 1, "2023": 2}
    }
  ]
}"#;
        let after = r#"{
  "risultati": [
    {
      "obiettivo": "1.1.2",
      "indicatore": 1,
      "valore": 790.0,
      "target": {"2022": 1, "2023": 2}
    },
    {
      "obiettivo": "2.1",
      "indicatore": 2,
      "valore": 12.0,
      "target": {"2022": 5},
      "fonte": "Ufficio"
    }
  ]
}"#;
        let new = json!({
            "fonte": "Ufficio", "valore": 12, "target": {"2022": 5},
            "indicatore": 1, "obiettivo": "2.1"
        });
        // The element goes in, then an edit reaches inside it.
        check(
            before,
            &[
                Edit::append("risultati", new),
                Edit::set("risultati[1].indicatore", json!(2)),
            ],
            after,
        );
    }

    /// An object replaced by another keeps its members' order and its layout.
    #[test]
    fn replaced_objects_keep_order_and_layout() {
        check(
            "{\n  \"t\": {\"2023\": 1, \"2022\": 2, \"x\": 1e2},\n  \"m\": {\n    \"z\": 1.0,\n    \"a\": 2\n  },\n  \"l\": [\n    1,\n    2\n  ]\n}",
            &[
                Edit::set("t", json!({"2022": 3, "2023": 1, "x": 100})),
                Edit::set("m", json!({"a": 5, "z": 1, "b": [1]})),
                Edit::set("l", json!([1])),
            ],
            "{\n  \"t\": {\"2023\": 1, \"2022\": 3, \"x\": 1e2},\n  \"m\": {\n    \"z\": 1.0,\n    \"a\": 5,\n    \"b\": [1]\n  },\n  \"l\": [\n    1\n  ]\n}",
        );
    }

    #[test]
    fn remove_members_and_elements() {
        check(
            "{\n  \"a\": 1,\n  \"b\": [1, 2, 3],\n  \"c\": 3\n}",
            &[
                Edit::remove("a"),
                Edit::remove("b[1]"),
                Edit::remove("b[1]"),
            ],
            "{\n  \"b\": [1],\n  \"c\": 3\n}",
        );
    }

    #[test]
    fn errors_name_the_path() {
        let text = "{\"a\": [1], \"o\": {}}";
        let cases = [
            (
                Edit::set("a[3]", json!(1)),
                EditError::NotFound {
                    path: "a[3]".into(),
                },
            ),
            (
                Edit::set("x.y", json!(1)),
                EditError::NotFound { path: "x".into() },
            ),
            (
                Edit::set("a.k", json!(1)),
                EditError::NotAnObject { path: "a".into() },
            ),
            (
                Edit::append("o", json!(1)),
                EditError::NotAnArray { path: "o".into() },
            ),
            (
                Edit::remove("o.k"),
                EditError::NotFound { path: "o.k".into() },
            ),
            (Edit::remove(""), EditError::Root),
            (
                Edit::set("a[", json!(1)),
                EditError::BadPath { path: "a[".into() },
            ),
        ];
        for (edit, expected) in cases {
            assert_eq!(
                apply(text, std::slice::from_ref(&edit)).unwrap_err(),
                expected,
                "{edit:?}"
            );
        }
        assert!(matches!(
            apply("{\"a\": ", &[]),
            Err(EditError::Parse { .. })
        ));
        assert_eq!(
            EditError::NotAnArray {
                path: String::new()
            }
            .to_string(),
            "il valore al percorso `(radice)` non è un elenco"
        );
    }
}
