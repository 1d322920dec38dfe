//! Escaping of plan values for Typst markup and Typst string literals.
//!
//! Every value a template prints goes through [`markup`], so that it prints literally
//! whatever it contains: Typst's markup syntax (`#`, `$`, `*`, `_`, `@`, `<`, `[`, `\`,
//! `//`, `=`/`-`/`+`/`1.` at a line start, ...) is escaped character by character, and
//! line breaks become spaces. Control characters never reach Typst: the validator
//! refuses them with their location, and these functions drop any that remain.

/// Characters that have a meaning in Typst markup somewhere, escaped everywhere.
const SPECIAL: &[char] = &[
    '\\', '#', '$', '*', '_', '@', '<', '>', '[', ']', '{', '}', '`', '~', '/', '=', '-', '+', '"',
    ':', '&', '\'',
];

/// Escapes `text` so that, placed in Typst markup, it prints exactly as written.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for ch in text.chars() {
        match ch {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            // `1.` at a line start would begin a numbered list, `...` would become `…`.
            '.' => out.push_str("\\."),
            c if SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Quotes `text` as a Typst string literal (`"..."`), for arguments that take a string.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a JSON-like value as a Typst code literal: strings as string literals, numbers,
/// booleans, `none`, arrays `(a, b,)` and dictionaries `("k": v,)`. Data passed this way to
/// Typst layout functions can never become markup or code.
pub fn data_literal(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "none".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.is_finite() && n.is_f64() => format!("{f:?}"),
            Some(f) if f.is_finite() => n.to_string(),
            _ => "none".into(),
        },
        Value::String(s) => string_literal(s),
        Value::Array(items) => {
            let mut out = String::from("(");
            for i in items {
                out.push_str(&data_literal(i));
                out.push_str(", ");
            }
            out.push(')');
            out
        }
        Value::Object(map) if map.is_empty() => "(:)".into(),
        Value::Object(map) => {
            let mut out = String::from("(");
            for (k, v) in map {
                out.push_str(&string_literal(k));
                out.push_str(": ");
                out.push_str(&data_literal(v));
                out.push_str(", ");
            }
            out.push(')');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the text, its escaped form parses as plain text: no markup, no code.
        #[test]
        fn escaped_text_is_only_text(s in "\\PC{0,80}") {
            let escaped = markup(&s);
            let root = typst::syntax::parse(&escaped);
            let mut kinds = Vec::new();
            fn leaves(n: &typst::syntax::SyntaxNode, out: &mut Vec<typst::syntax::SyntaxKind>) {
                if n.children().len() == 0 { out.push(n.kind()); }
                for c in n.children() { leaves(c, out); }
            }
            leaves(&root, &mut kinds);
            use typst::syntax::SyntaxKind::*;
            for k in kinds {
                prop_assert!(matches!(k, Text | Escape | Space | Markup), "{k:?} in {escaped:?}");
            }
        }
    }

    #[test]
    fn markup_escapes_every_special_character() {
        assert_eq!(
            markup("#read(\"/etc/passwd\")"),
            "\\#read(\\\"\\/etc\\/passwd\\\")"
        );
        assert_eq!(markup("$x$ *b* _i_"), "\\$x\\$ \\*b\\* \\_i\\_");
        assert_eq!(
            markup("@ref <label> [a] \\"),
            "\\@ref \\<label\\> \\[a\\] \\\\"
        );
        assert_eq!(markup("= titolo"), "\\= titolo");
        assert_eq!(markup("- voce"), "\\- voce");
        assert_eq!(markup("1. voce"), "1\\. voce");
        assert_eq!(markup("ecc..."), "ecc\\.\\.\\.");
        assert_eq!(markup("a // b"), "a \\/\\/ b");
        assert_eq!(markup("riga\nnuova"), "riga nuova");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(markup("a\u{7}b\u{0}c"), "abc");
        assert_eq!(string_literal("a\u{1b}b"), "\"ab\"");
    }

    #[test]
    fn plain_text_is_untouched() {
        assert_eq!(
            markup("Competitività e sviluppo delle imprese, 100,00%"),
            "Competitività e sviluppo delle imprese, 100,00%"
        );
    }

    #[test]
    fn data_literals_are_plain_typst_values() {
        let v = serde_json::json!({"a": [1, 2.5, "x\"#y", null, true], "b": {}});
        assert_eq!(
            data_literal(&v),
            "(\"a\": (1, 2.5, \"x\\\"#y\", none, true, ), \"b\": (:), )"
        );
        assert_eq!(data_literal(&serde_json::json!([])), "()");
    }

    #[test]
    fn string_literals_escape_quotes_and_backslashes() {
        assert_eq!(string_literal("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
    }
}
