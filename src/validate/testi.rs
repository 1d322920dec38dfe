//! Checks on the plan's texts that Typst would otherwise report in the generated file:
//! characters that no font can print, and Markdown lists nested too deep.

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::diag::{Codice, Diagnostic};
use crate::fonts::{FOLDER, Fonts};
use crate::load::Loaded;
use crate::model::{Blocco, Nodo, Piano, Sezione};

/// How many levels a Markdown list may nest (a list inside an item of a list is level 2).
pub const MAX_LIVELLI_ELENCO: usize = 8;

/// How many characters without a font are reported one by one; the others are counted in
/// one more diagnostic.
const MAX_CARATTERI: usize = 10;

/// Characters of the plan's texts that no font has, each reported once, located at its
/// first occurrence (line and column of the character itself when it is written as is,
/// else of the text that holds it).
pub fn caratteri(loaded: &Loaded, fonts: &Fonts) -> Vec<Diagnostic> {
    let mut found: Vec<(char, String, usize)> = Vec::new();
    strings(&loaded.json, String::new(), &mut |path, s| {
        for c in s.chars().filter(|&c| !fonts.covers(c)) {
            match found.iter_mut().find(|(k, _, _)| *k == c) {
                Some((_, _, n)) => *n += 1,
                None => found.push((c, path.to_string(), 1)),
            }
        }
    });
    let mut out = Vec::new();
    let dove = if fonts.own() > 0 {
        format!(
            "non è né nei font incorporati né in quelli della cartella `{FOLDER}` accanto al piano"
        )
    } else {
        "non è in nessun font incorporato".to_string()
    };
    for (c, path, n) in found.iter().take(MAX_CARATTERI) {
        let mut d = Diagnostic::new(
            Codice::P081,
            format!("il carattere «{c}» (U+{:04X}) {dove}", u32::from(*c)),
        )
        .at_path(path.clone())
        .with_hint(format!(
            "metti un font che lo contenga (un file .ttf o .otf, ad esempio della famiglia \
             Noto: Noto Sans CJK per cinese e giapponese) nella cartella `{FOLDER}` accanto \
             al piano: i font di quella cartella sono incorporati nel PDF"
        ));
        if *n > 1 {
            d = d.with_note(format!("compare {n} volte nel piano; qui la prima"));
        }
        d.file = Some(loaded.source.name.clone());
        if loaded.index.locate(&mut d, &loaded.source)
            && let Some(range) = d.range.clone()
            && let Some(at) = loaded.source.text[range].find(*c)
        {
            let start = d.range.as_ref().map_or(0, |r| r.start) + at;
            d.position = Some(loaded.source.position(start));
            d.range = Some(start..start + c.len_utf8());
        }
        out.push(d);
    }
    if found.len() > MAX_CARATTERI {
        let altri: Vec<String> = found[MAX_CARATTERI..]
            .iter()
            .take(20)
            .map(|(c, _, _)| format!("«{c}»"))
            .collect();
        let mut d = Diagnostic::new(
            Codice::P081,
            format!(
                "altri {} caratteri senza font: {}{}",
                found.len() - MAX_CARATTERI,
                altri.join(" "),
                if found.len() > MAX_CARATTERI + 20 {
                    " …"
                } else {
                    ""
                }
            ),
        )
        .with_hint(format!(
            "il piano è scritto in una scrittura che i font incorporati non hanno: metti i \
             font che servono nella cartella `{FOLDER}` accanto al piano"
        ));
        d.file = Some(loaded.source.name.clone());
        out.push(d);
    }
    out
}

/// Every string of the plan that a document prints, with its JSON path (not `$schema`,
/// ids, or the logo's file name).
fn strings(value: &serde_json::Value, path: String, f: &mut dyn FnMut(&str, &str)) {
    match value {
        serde_json::Value::String(s) => f(&path, s),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                strings(v, format!("{path}[{i}]"), f);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if matches!(k.as_str(), "$schema" | "id" | "logo") {
                    continue;
                }
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                strings(v, child, f);
            }
        }
        _ => {}
    }
}

/// Markdown texts with lists nested deeper than [`MAX_LIVELLI_ELENCO`].
pub fn annidamento(piano: &Piano, out: &mut Vec<Diagnostic>) {
    markdown_fields(piano, &mut |path, text| {
        let depth = list_depth(text);
        if depth > MAX_LIVELLI_ELENCO {
            out.push(
                Diagnostic::new(
                    Codice::P082,
                    format!(
                        "elenco annidato su {depth} livelli: il massimo è {MAX_LIVELLI_ELENCO}"
                    ),
                )
                .at_path(path)
                .with_hint(
                    "riduci i rientri dell'elenco: ogni rientro di due o più spazi prima di \
                     `-` o `1.` apre un livello dentro il precedente",
                ),
            );
        }
    });
}

/// The deepest nesting of lists in a Markdown text, as the documents read it.
pub fn list_depth(text: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0;
    for event in Parser::new_ext(text, Options::empty()) {
        match event {
            Event::Start(Tag::List(_)) => {
                depth += 1;
                max = max.max(depth);
            }
            Event::End(pulldown_cmark::TagEnd::List(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The texts of the plan written in the Markdown subset, with their JSON paths.
fn markdown_fields(piano: &Piano, f: &mut dyn FnMut(String, &str)) {
    if let Some(t) = &piano.introduzione {
        f("introduzione".into(), t);
    }
    sezioni(&piano.sezioni, "sezioni", f);
    if let Some(pola) = &piano.pola {
        sezioni(&pola.sezioni, "pola.sezioni", f);
    }
    for (i, n) in piano.albero.iter().enumerate() {
        nodo(n, format!("albero[{i}]"), f);
    }
    for (a, az) in piano.aziende_speciali.iter().enumerate() {
        for (i, n) in az.obiettivi.iter().enumerate() {
            nodo(n, format!("aziende_speciali[{a}].obiettivi[{i}]"), f);
        }
    }
}

fn sezioni(list: &[Sezione], base: &str, f: &mut dyn FnMut(String, &str)) {
    for (i, sez) in list.iter().enumerate() {
        let path = format!("{base}[{i}]");
        for (b, blocco) in sez.contenuto.iter().enumerate() {
            match blocco {
                Blocco::Testo(t) => f(format!("{path}.contenuto[{b}].testo"), t),
                Blocco::Tabella(t) => {
                    if let Some(n) = &t.note {
                        f(format!("{path}.contenuto[{b}].tabella.note"), n);
                    }
                }
                _ => {}
            }
        }
        sezioni(&sez.sezioni, &format!("{path}.sezioni"), f);
    }
}

fn nodo(n: &Nodo, path: String, f: &mut dyn FnMut(String, &str)) {
    for (key, text) in [
        ("descrizione", &n.descrizione),
        ("impegno", &n.impegno),
        ("tempi", &n.tempi),
        ("benefici", &n.benefici),
        ("note", &n.note),
    ] {
        if let Some(t) = text {
            f(format!("{path}.{key}"), t);
        }
    }
    sezioni(&n.sezioni, &format!("{path}.sezioni"), f);
    for (i, c) in n.figli.iter().enumerate() {
        nodo(c, format!("{path}.figli[{i}]"), f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_depth_counts_lists_inside_items() {
        assert_eq!(list_depth("testo senza elenchi"), 0);
        assert_eq!(list_depth("- a\n- b"), 1);
        assert_eq!(list_depth("1. a\n   - x\n2. b"), 2);
        assert_eq!(list_depth("- a\n  - b\n    - c"), 3);
        // A dash inside a sentence is not a list.
        assert_eq!(list_depth("a - b - c"), 0);
    }
}
