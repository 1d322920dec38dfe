//! Field-by-field comparison of the parts of a plan that have no identity of their own
//! (narrative chapters, the POLA, a scheda's budget link and resources...): every changed
//! value is reported with a readable location, long texts word by word.

use serde_json::Value;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::testo::{self, TipoSegmento};
use super::{ModificaCampo, ModificaTesto};
use crate::format::format_plain;

/// A text with at least this many words is narrative: its changes are shown word by word.
const PAROLE_NARRATIVA: usize = 5;
/// Longest summary of a value in the table of other changes.
const MAX_SINTESI: usize = 300;

/// Where changes found by the generic comparison go.
#[derive(Debug, Default)]
pub(super) struct Raccolta {
    /// Narrative texts changed.
    pub testi: Vec<ModificaTesto>,
    /// Other values changed.
    pub altre: Vec<ModificaCampo>,
}

impl Raccolta {
    /// Compares two values found at `dove`; `None` and `null` both mean absent.
    pub fn confronta(&mut self, dove: &str, old: Option<&Value>, new: Option<&Value>) {
        let old = old.filter(|v| !v.is_null());
        let new = new.filter(|v| !v.is_null());
        match (old, new) {
            (None, None) => {}
            (Some(a), Some(b)) if a == b => {}
            (Some(Value::Object(a)), Some(Value::Object(b))) => {
                let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
                keys.sort();
                keys.dedup();
                for k in keys {
                    self.campo(dove, k, a.get(k), b.get(k));
                }
            }
            (Some(Value::Array(a)), Some(Value::Array(b))) => self.elenco(dove, "", a, b),
            (Some(Value::String(a)), Some(Value::String(b))) => self.testo(dove, Some(a), Some(b)),
            (None, Some(Value::String(b))) => self.testo(dove, None, Some(b)),
            (Some(Value::String(a)), None) => self.testo(dove, Some(a), None),
            (a, b) => self.altra(dove, a, b),
        }
    }

    /// Compares the field `key` of two objects.
    pub fn campo(&mut self, dove: &str, key: &str, old: Option<&Value>, new: Option<&Value>) {
        let nome = key.replace('_', " ");
        match (old, new) {
            (Some(Value::Array(a)), Some(Value::Array(b))) => self.elenco(dove, &nome, a, b),
            _ => self.confronta(&unisci(dove, &nome), old, new),
        }
    }

    /// Compares two lists, aligning equal elements so that an insertion is one change.
    fn elenco(&mut self, dove: &str, nome: &str, a: &[Value], b: &[Value]) {
        let ka: Vec<String> = a.iter().map(Value::to_string).collect();
        let kb: Vec<String> = b.iter().map(Value::to_string).collect();
        for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
            let (_, ra, rb) = op.as_tag_tuple();
            if let DiffOp::Equal { .. } = op {
                continue;
            }
            let pairs = ra.len().min(rb.len());
            for k in 0..pairs {
                let (i, j) = (ra.start + k, rb.start + k);
                let luogo = unisci(dove, &etichetta(nome, &b[j], j));
                self.confronta(&luogo, Some(&a[i]), Some(&b[j]));
            }
            for (i, x) in a.iter().enumerate().take(ra.end).skip(ra.start + pairs) {
                self.confronta(&unisci(dove, &etichetta(nome, x, i)), Some(x), None);
            }
            for (j, y) in b.iter().enumerate().take(rb.end).skip(rb.start + pairs) {
                self.confronta(&unisci(dove, &etichetta(nome, y, j)), None, Some(y));
            }
        }
    }

    fn testo(&mut self, dove: &str, a: Option<&str>, b: Option<&str>) {
        let words = |s: Option<&str>| s.map_or(0, |s| s.split_whitespace().count());
        if words(a).max(words(b)) < PAROLE_NARRATIVA {
            let (a, b) = (
                a.map(|s| Value::String(s.into())),
                b.map(|s| Value::String(s.into())),
            );
            self.altra(dove, a.as_ref(), b.as_ref());
            return;
        }
        let segmenti = match (a, b) {
            (Some(a), Some(b)) => testo::confronta(a, b),
            (None, Some(b)) => testo::intero(TipoSegmento::Aggiunto, b),
            (Some(a), None) => testo::intero(TipoSegmento::Tolto, a),
            (None, None) => return,
        };
        // Texts that differ only in spacing are the same text to a reader.
        if segmenti.iter().all(|s| s.tipo == TipoSegmento::Uguale) {
            return;
        }
        self.testi.push(ModificaTesto {
            dove: dove.to_string(),
            segmenti,
        });
    }

    fn altra(&mut self, dove: &str, a: Option<&Value>, b: Option<&Value>) {
        self.altre.push(ModificaCampo {
            dove: dove.to_string(),
            prima: a.map_or_else(|| "—".into(), sintesi),
            dopo: b.map_or_else(|| "—".into(), sintesi),
        });
    }
}

/// Joins a location and a step: `1.1.2 › risorse 1`.
pub(super) fn unisci(dove: &str, passo: &str) -> String {
    match (dove.is_empty(), passo.is_empty()) {
        (true, _) => passo.to_string(),
        (_, true) => dove.to_string(),
        _ => format!("{dove} › {passo}"),
    }
}

/// How an element of a list is named: by its title or name when it has one, else by its
/// position from 1.
fn etichetta(nome: &str, v: &Value, i: usize) -> String {
    for key in ["titolo", "nome"] {
        if let Some(t) = v.get(key).and_then(Value::as_str) {
            return format!("«{}»", accorcia(t, 60));
        }
    }
    if nome.is_empty() {
        (i + 1).to_string()
    } else {
        format!("{nome} {}", i + 1)
    }
}

/// A value in a few words: texts as written, numbers in Italian format, records by title.
pub(super) fn sintesi(v: &Value) -> String {
    let s = match v {
        Value::Null => "—".to_string(),
        Value::Bool(true) => "sì".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), format_plain),
        Value::String(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Value::Array(items) => items.iter().map(sintesi).collect::<Vec<_>>().join("; "),
        Value::Object(map) => {
            if let Some(t) = ["titolo", "nome"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str))
            {
                format!("«{t}»")
            } else if map.len() == 1 {
                map.values().map(sintesi).collect()
            } else {
                map.iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| format!("{}: {}", k.replace('_', " "), sintesi(v)))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        }
    };
    accorcia(&s, MAX_SINTESI)
}

/// A text cut to at most `max` characters, with `…` when cut.
pub(super) fn accorcia(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_inserted_list_element_is_one_change() {
        let mut r = Raccolta::default();
        r.campo(
            "1.1",
            "uffici",
            Some(&json!(["Ragioneria", "Protocollo"])),
            Some(&json!(["Ragioneria", "Promozione", "Protocollo"])),
        );
        assert_eq!(
            r.altre,
            vec![ModificaCampo {
                dove: "1.1 › uffici 2".into(),
                prima: "—".into(),
                dopo: "Promozione".into()
            }]
        );
        assert!(r.testi.is_empty());
    }

    #[test]
    fn nested_values_are_located_by_title_and_numbers_are_italian() {
        let mut r = Raccolta::default();
        let old = json!([{"titolo": "Presentazione", "righe": [{"importo": 1000.5}]}]);
        let new = json!([{"titolo": "Presentazione", "righe": [{"importo": 2000}]}]);
        r.campo("", "sezioni", Some(&old), Some(&new));
        assert_eq!(r.altre[0].dove, "«Presentazione» › righe 1 › importo");
        assert_eq!(
            (r.altre[0].prima.as_str(), r.altre[0].dopo.as_str()),
            ("1.000,50", "2.000")
        );
    }

    #[test]
    fn long_texts_go_word_by_word() {
        let mut r = Raccolta::default();
        r.confronta(
            "introduzione",
            Some(&json!("Il piano descrive gli obiettivi della Camera")),
            Some(&json!(
                "Il piano descrive gli obiettivi strategici della Camera"
            )),
        );
        assert!(r.altre.is_empty());
        assert_eq!(r.testi.len(), 1);
        assert!(
            r.testi[0]
                .segmenti
                .iter()
                .any(|s| s.tipo == TipoSegmento::Aggiunto && s.testo == "strategici")
        );
    }
}
