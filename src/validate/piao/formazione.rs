//! Checks of the PIAO's section «Formazione del personale»: codes unique in each table,
//! dates that exist and run forward, no negative hours or costs, targets and people
//! trained only for the recipients an activity has, people trained only in the fotografia.

use std::collections::HashSet;

use super::monitoraggio::periodo;
use crate::diag::{Codice, Diagnostic};
use crate::model::Piano;
use crate::model::piao::formazione::{AttivitaFormativa, Formazione};

/// Checks `piao.formazione` (JSON paths start with `base`).
pub fn controlla(s: &Formazione, _piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    tabella(&s.fotografia, &format!("{base}.fotografia"), true, out);
    tabella(&s.obiettivi, &format!("{base}.obiettivi"), false, out);
    for (i, a) in s.riconosciute.iter().enumerate() {
        non_negativo(a.ore, &format!("{base}.riconosciute[{i}].ore"), out);
    }
}

/// One table of activities; `fotografia` when it may hold people trained.
fn tabella(righe: &[AttivitaFormativa], base: &str, fotografia: bool, out: &mut Vec<Diagnostic>) {
    let mut visti = HashSet::new();
    for (i, a) in righe.iter().enumerate() {
        let path = format!("{base}[{i}]");
        if !visti.insert(a.codice.as_str()) {
            out.push(
                Diagnostic::new(
                    Codice::P143,
                    format!("il codice `{}` compare più di una volta", a.codice),
                )
                .at_path(format!("{path}.codice"))
                .with_hint("dai a ogni attività formativa della tabella un codice diverso"),
            );
        }
        periodo(
            a.data_inizio.as_deref(),
            a.data_fine.as_deref(),
            &path,
            &format!("attività formativa `{}`", a.codice),
            out,
        );
        for (campo, v) in [("ore", a.ore), ("crediti", a.crediti), ("costo", a.costo)] {
            non_negativo(v, &format!("{path}.{campo}"), out);
        }
        let mut fuori = Vec::new();
        if !a.destinatari.dirigenti() {
            fuori.extend([
                ("target_dirigenti", a.target_dirigenti),
                ("formati_dirigenti", a.formati_dirigenti),
            ]);
        }
        if !a.destinatari.non_dirigenti() {
            fuori.extend([
                ("target_non_dirigenti", a.target_non_dirigenti),
                ("formati_non_dirigenti", a.formati_non_dirigenti),
            ]);
        }
        for (campo, v) in fuori {
            if v.is_some_and(|n| n > 0) {
                out.push(
                    Diagnostic::new(
                        Codice::P144,
                        format!(
                            "l'attività `{}` è per i soli «{}», ma `{campo}` non è zero",
                            a.codice,
                            a.destinatari.etichetta().to_lowercase()
                        ),
                    )
                    .at_path(format!("{path}.{campo}"))
                    .with_hint("correggi `destinatari` (`entrambi`?) o togli il numero"),
                );
            }
        }
        if !fotografia {
            for (campo, v) in [
                ("formati_dirigenti", a.formati_dirigenti),
                ("formati_non_dirigenti", a.formati_non_dirigenti),
            ] {
                if v.is_some() {
                    out.push(
                        Diagnostic::new(
                            Codice::P144,
                            format!(
                                "l'attività prevista `{}` indica i formati, che il documento non stampa negli obiettivi",
                                a.codice
                            ),
                        )
                        .at_path(format!("{path}.{campo}"))
                        .with_hint("i formati vanno nella fotografia al 31.12; negli obiettivi indica il target"),
                    );
                }
            }
        }
    }
}

/// A number that cannot be negative (hours, credits, cost).
fn non_negativo(v: Option<f64>, path: &str, out: &mut Vec<Diagnostic>) {
    if let Some(v) = v
        && v < 0.0
    {
        out.push(
            Diagnostic::new(Codice::P002, format!("valore negativo: {v}"))
                .at_path(path)
                .with_hint("ore, crediti e costi sono zero o più"),
        );
    }
}
