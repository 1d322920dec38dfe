//! Field-by-field comparison of the parts of a plan that have no identity of their own
//! (narrative chapters, the POLA, a scheda's budget link and resources...): every changed
//! value is reported with a readable location, long texts word by word.

use serde_json::Value;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::testo::{self, TipoSegmento};
use super::{ModificaCampo, ModificaTesto, Rif};

/// A text with at least this many words is narrative: its changes are shown word by word.
const PAROLE_NARRATIVA: usize = 5;

/// One step of a location, as a reader follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Passo {
    /// An objective, by its code.
    Obiettivo(Rif),
    /// An indicator of the objective before, by its number from 1.
    Indicatore(usize),
    /// An element of a list, by its title or name.
    Nome(String),
    /// A field, by its JSON key.
    Campo(String),
    /// An element of a list without a title, by the list's key (empty for a list of lists)
    /// and its number from 1.
    Elemento(String, usize),
}

/// Where a changed value is: the steps a reader follows, and its JSON path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Luogo {
    /// The steps, from the top.
    pub passi: Vec<Passo>,
    /// JSON path in the new version (in the old one for a removed value).
    pub percorso: String,
}

impl Luogo {
    /// An objective.
    pub fn obiettivo(r: Rif) -> Luogo {
        Luogo {
            percorso: r.percorso.clone(),
            passi: vec![Passo::Obiettivo(r)],
        }
    }

    /// The indicator at `pos` (from 0) of the objective here.
    pub fn indicatore(&self, pos: usize) -> Luogo {
        self.con(
            Passo::Indicatore(pos + 1),
            format!("{}.indicatori[{pos}]", self.percorso),
        )
    }

    /// The field `key` of the object here.
    pub fn campo(&self, key: &str) -> Luogo {
        let percorso = if self.percorso.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.percorso)
        };
        self.con(Passo::Campo(key.to_string()), percorso)
    }

    /// The element at `i` of the list in the field `key` (empty: the list here), named by
    /// `nome` or else by its number.
    pub fn elemento(&self, key: &str, i: usize, nome: Option<&str>) -> Luogo {
        let lista = if key.is_empty() {
            self.percorso.clone()
        } else {
            self.campo(key).percorso
        };
        let passo = match nome {
            Some(t) => Passo::Nome(t.to_string()),
            None => Passo::Elemento(key.to_string(), i + 1),
        };
        self.con(passo, format!("{lista}[{i}]"))
    }

    fn con(&self, passo: Passo, percorso: String) -> Luogo {
        let mut passi = self.passi.clone();
        passi.push(passo);
        Luogo { passi, percorso }
    }
}

/// How an element of a list is named: by its title or its name (the PIAO's rows by their
/// denomination, event, measure or activity), or else by its `id`, if it has one.
pub(super) fn nome(v: &Value) -> Option<&str> {
    [
        "titolo",
        "nome",
        "denominazione",
        "evento",
        "misura",
        "attivita",
        "id",
    ]
    .iter()
    .find_map(|k| v.get(*k).and_then(Value::as_str))
}

/// What aligns an element of a list with its counterpart: its `id` when it has one (so that
/// a changed row with an identity is one change, wherever rows were added), else its value.
fn chiave(v: &Value) -> String {
    match v.get("id").and_then(Value::as_str) {
        Some(id) => format!("id:{id}"),
        None => v.to_string(),
    }
}

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
    pub fn confronta(&mut self, dove: &Luogo, old: Option<&Value>, new: Option<&Value>) {
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
    pub fn campo(&mut self, dove: &Luogo, key: &str, old: Option<&Value>, new: Option<&Value>) {
        match (old, new) {
            (Some(Value::Array(a)), Some(Value::Array(b))) => self.elenco(dove, key, a, b),
            _ => self.confronta(&dove.campo(key), old, new),
        }
    }

    /// Compares the fields `keys` of two objects, in that order.
    pub fn campi(&mut self, dove: &Luogo, old: &Value, new: &Value, keys: &[&str]) {
        for k in keys {
            self.campo(dove, k, old.get(k), new.get(k));
        }
    }

    /// Compares two objects but for the fields `esclusi`, which have rules of their own.
    pub fn tranne(
        &mut self,
        dove: &Luogo,
        old: Option<&Value>,
        new: Option<&Value>,
        esclusi: &[&str],
    ) {
        let senza = |v: Option<&Value>| {
            v.map(|v| match v {
                Value::Object(m) => Value::Object(
                    m.iter()
                        .filter(|(k, _)| !esclusi.contains(&k.as_str()))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                ),
                v => v.clone(),
            })
        };
        self.confronta(dove, senza(old).as_ref(), senza(new).as_ref());
    }

    /// Compares two lists, aligning equal elements (or elements with the same `id`) so that
    /// an insertion is one change.
    fn elenco(&mut self, dove: &Luogo, key: &str, a: &[Value], b: &[Value]) {
        let ka: Vec<String> = a.iter().map(chiave).collect();
        let kb: Vec<String> = b.iter().map(chiave).collect();
        for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
            let (_, ra, rb) = op.as_tag_tuple();
            if let DiffOp::Equal { .. } = op {
                // Same identity: what changed inside it, if anything.
                for (i, j) in ra.zip(rb) {
                    if a[i] != b[j] {
                        self.confronta(
                            &dove.elemento(key, j, nome(&b[j])),
                            Some(&a[i]),
                            Some(&b[j]),
                        );
                    }
                }
                continue;
            }
            let pairs = ra.len().min(rb.len());
            for k in 0..pairs {
                let (i, j) = (ra.start + k, rb.start + k);
                self.confronta(
                    &dove.elemento(key, j, nome(&b[j])),
                    Some(&a[i]),
                    Some(&b[j]),
                );
            }
            for (i, x) in a.iter().enumerate().take(ra.end).skip(ra.start + pairs) {
                self.confronta(&dove.elemento(key, i, nome(x)), Some(x), None);
            }
            for (j, y) in b.iter().enumerate().take(rb.end).skip(rb.start + pairs) {
                self.confronta(&dove.elemento(key, j, nome(y)), None, Some(y));
            }
        }
    }

    fn testo(&mut self, dove: &Luogo, a: Option<&str>, b: Option<&str>) {
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
            dove: dove.clone(),
            segmenti,
        });
    }

    fn altra(&mut self, dove: &Luogo, a: Option<&Value>, b: Option<&Value>) {
        self.altre.push(ModificaCampo {
            dove: dove.clone(),
            prima: a.cloned(),
            dopo: b.cloned(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rif(codice: &str, percorso: &str) -> Rif {
        Rif {
            chiave: codice.into(),
            codice: codice.into(),
            percorso: percorso.into(),
            vecchio: false,
        }
    }

    #[test]
    fn an_inserted_list_element_is_one_change() {
        let mut r = Raccolta::default();
        let obiettivo = rif("1.1", "albero[0].figli[0]");
        r.campo(
            &Luogo::obiettivo(obiettivo.clone()),
            "uffici",
            Some(&json!(["Ragioneria", "Protocollo"])),
            Some(&json!(["Ragioneria", "Promozione", "Protocollo"])),
        );
        assert_eq!(
            r.altre,
            vec![ModificaCampo {
                dove: Luogo {
                    passi: vec![
                        Passo::Obiettivo(obiettivo),
                        Passo::Elemento("uffici".into(), 2)
                    ],
                    percorso: "albero[0].figli[0].uffici[1]".into(),
                },
                prima: None,
                dopo: Some(json!("Promozione")),
            }]
        );
        assert!(r.testi.is_empty());
    }

    #[test]
    fn nested_values_are_located_by_title_and_by_json_path() {
        let mut r = Raccolta::default();
        let old = json!([{"titolo": "Presentazione", "righe": [{"importo": 1000.5}]}]);
        let new = json!([{"titolo": "Presentazione", "righe": [{"importo": 2000}]}]);
        r.campo(&Luogo::default(), "sezioni", Some(&old), Some(&new));
        assert_eq!(
            r.altre[0].dove.passi,
            [
                Passo::Nome("Presentazione".into()),
                Passo::Elemento("righe".into(), 1),
                Passo::Campo("importo".into())
            ]
        );
        assert_eq!(r.altre[0].dove.percorso, "sezioni[0].righe[0].importo");
        assert_eq!(
            (r.altre[0].prima.clone(), r.altre[0].dopo.clone()),
            (Some(json!(1000.5)), Some(json!(2000)))
        );
    }

    #[test]
    fn fields_with_rules_of_their_own_are_left_to_them() {
        let mut r = Raccolta::default();
        let old = json!({"titolo": "A", "nota": "x", "peso": 10});
        let new = json!({"titolo": "B", "nota": "y", "peso": 20});
        r.tranne(
            &Luogo::default(),
            Some(&old),
            Some(&new),
            &["titolo", "peso"],
        );
        let percorsi: Vec<&str> = r.altre.iter().map(|a| a.dove.percorso.as_str()).collect();
        assert_eq!(percorsi, ["nota"]);
    }

    #[test]
    fn rows_with_an_id_pair_by_it_wherever_rows_are_added() {
        // A row inserted before the one whose probability changed: the change is still one
        // value of the row `E2`, and the insertion one addition.
        let old = json!([{"id": "E1", "evento": "Uno", "probabilita": 2}, {"id": "E2", "evento": "Due", "probabilita": 1}]);
        let new = json!([{"id": "E0", "evento": "Zero", "probabilita": 1}, {"id": "E1", "evento": "Uno", "probabilita": 2}, {"id": "E2", "evento": "Due", "probabilita": 3}]);
        let mut r = Raccolta::default();
        r.confronta(&Luogo::default(), Some(&old), Some(&new));
        let percorsi: Vec<&str> = r.altre.iter().map(|m| m.dove.percorso.as_str()).collect();
        assert_eq!(percorsi, ["[0]", "[2].probabilita"], "{:#?}", r.altre);
    }

    #[test]
    fn long_texts_go_word_by_word() {
        let mut r = Raccolta::default();
        r.confronta(
            &Luogo::default().campo("introduzione"),
            Some(&json!("Il piano descrive gli obiettivi della Camera")),
            Some(&json!(
                "Il piano descrive gli obiettivi strategici della Camera"
            )),
        );
        assert!(r.altre.is_empty());
        assert_eq!(r.testi.len(), 1);
        assert_eq!(r.testi[0].dove.percorso, "introduzione");
        assert!(
            r.testi[0]
                .segmenti
                .iter()
                .any(|s| s.tipo == TipoSegmento::Aggiunto && s.testo == "strategici")
        );
    }
}
