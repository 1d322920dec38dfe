//! Marks for the regenerated plan (`piano build NUOVO.json --confronta VECCHIO.json`): which
//! schede and which indicator rows an amendment touched, and the act to cite.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::format::Date;
use crate::model::{Piano, TipoAtto};

use super::Differenze;

/// What the amendment touched, keyed by the new version's codes.
#[derive(Debug, Clone, Default)]
pub struct Segni {
    /// Objectives added, renamed, moved or with changed values, texts or indicators, with
    /// what changed in words.
    pub obiettivi: BTreeMap<String, Vec<String>>,
    /// Indicator rows added or changed: (objective code, indicator number).
    pub indicatori: BTreeSet<(String, usize)>,
    /// "Modificato con deliberazione di Giunta n. 78 del 19 luglio 2021".
    pub nota: String,
}

impl Segni {
    /// The marks of `new` against `old`: the note cites the amendment acts of `new` that
    /// `old` does not have.
    pub fn new(old: &Piano, new: &Piano, diff: &Differenze) -> Segni {
        let mut s = Segni::default();
        let known: BTreeSet<(String, String)> = old
            .atti
            .iter()
            .map(|a| (a.data.clone(), a.numero.clone().unwrap_or_default()))
            .collect();
        let acts: Vec<String> = new
            .atti
            .iter()
            .filter(|a| a.tipo == TipoAtto::Aggiornamento)
            .filter(|a| !known.contains(&(a.data.clone(), a.numero.clone().unwrap_or_default())))
            .map(|a| {
                let data = Date::parse_iso(&a.data).map_or_else(|| a.data.clone(), |d| d.long());
                match &a.numero {
                    Some(n) => format!("deliberazione di {} n. {n} del {data}", a.organo),
                    None => format!("deliberazione di {} del {data}", a.organo),
                }
            })
            .collect();
        s.nota = if acts.is_empty() {
            "Modificato rispetto alla versione precedente".into()
        } else {
            format!("Modificato con {}", acts.join(", "))
        };
        let mut add = |code: &str, what: String| {
            if code != "—" && !code.is_empty() {
                s.obiettivi.entry(code.to_string()).or_default().push(what);
            }
        };
        for o in &diff.obiettivi {
            add(&o.codice_dopo, format!("obiettivo {}", o.modifica));
        }
        for i in &diff.indicatori {
            add(
                &i.obiettivo,
                format!("indicatore {} {}", i.numero_dopo, i.modifica),
            );
        }
        for v in &diff.valori {
            add(&v.obiettivo, format!("{} modificato", v.voce));
        }
        for i in &diff.indicatori {
            if let Ok(n) = i.numero_dopo.parse::<usize>() {
                s.indicatori.insert((i.obiettivo.clone(), n));
            }
        }
        for v in &diff.valori {
            // "Indicatore 3: ..." names the row; an objective's own weight names none.
            if let Some(n) = v
                .oggetto
                .strip_prefix("Indicatore ")
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.trim().parse().ok())
            {
                s.indicatori.insert((v.obiettivo.clone(), n));
            }
        }
        for list in s.obiettivi.values_mut() {
            list.dedup();
        }
        s
    }
}

/// A plan to compare with that has errors cannot be compared: its problems, as a note.
pub fn invalid_old(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .map(|d| {
            if d.is_error() {
                d.with_note("nel piano indicato con `--confronta`")
            } else {
                d
            }
        })
        .collect()
}
