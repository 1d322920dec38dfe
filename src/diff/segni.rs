//! Marks for the regenerated plan (`piano build NUOVO.json --confronta VECCHIO.json`): which
//! schede and which indicator rows an amendment touched, and the act to cite.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::model::{Atto, Piano, TipoAtto};

use super::{Differenze, Rif, report};

/// What the amendment touched, keyed by the new version's codes.
#[derive(Debug, Clone, Default)]
pub struct Segni {
    /// Objectives added, renamed, moved or with changed values, texts or indicators, with
    /// what changed in words.
    pub obiettivi: BTreeMap<String, Vec<String>>,
    /// Indicator rows added or changed: (objective code, indicator number).
    pub indicatori: BTreeSet<(String, usize)>,
    /// Objectives whose own targets or baseline changed, by code.
    pub target: BTreeSet<String>,
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
            .map(Atto::deliberazione)
            .collect();
        s.nota = if acts.is_empty() {
            "Modificato rispetto alla versione precedente".into()
        } else {
            format!("Modificato con {}", acts.join(", "))
        };
        let mut add = |r: &Rif, what: String| {
            s.obiettivi.entry(r.chiave.clone()).or_default().push(what);
        };
        for o in &diff.obiettivi {
            if let Some(r) = &o.dopo {
                add(
                    r,
                    format!("obiettivo {}", report::generi(&o.generi, "rinominato")),
                );
            }
        }
        for i in &diff.indicatori {
            let numero = i.numero_dopo.or(i.numero_prima).unwrap_or_default();
            let what = report::generi(&i.generi, "riformulato");
            add(&i.obiettivo, format!("indicatore {numero} {what}"));
        }
        for v in &diff.valori {
            add(
                &v.obiettivo,
                format!("{} modificato", report::voce(&v.voce)),
            );
        }
        let righe = diff
            .indicatori
            .iter()
            .filter_map(|i| Some((&i.obiettivo, i.numero_dopo?)))
            .chain(
                diff.valori
                    .iter()
                    .filter_map(|v| Some((&v.obiettivo, v.indicatore.as_ref()?.0))),
            );
        for (r, n) in righe {
            s.indicatori.insert((r.chiave.clone(), n));
        }
        let propri = diff.valori.iter().filter(|v| {
            v.indicatore.is_none()
                && matches!(v.voce, super::Voce::Target(_) | super::Voce::Baseline)
        });
        for v in propri {
            s.target.insert(v.obiettivo.chiave.clone());
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
