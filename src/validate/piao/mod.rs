//! Checks of the PIAO: required subsections by headcount band, links by id between
//! sections, and each section's own rules.

use crate::diag::Diagnostic;
use crate::indice::Indice;
use crate::model::Piano;

mod anagrafica;
mod fabbisogni;
mod formazione;
mod monitoraggio;
mod organizzazione;
mod rischi;
mod valore;

/// Runs the PIAO's checks when the plan is a PIAO, and those of the plan's links to it.
pub fn controlla(piano: &Piano, indice: &Indice, out: &mut Vec<Diagnostic>) {
    valore::collegamenti(piano, indice, out);
    let Some(piao) = &piano.piao else {
        return;
    };
    if let Some(s) = &piao.anagrafica {
        anagrafica::controlla(s, piano, "piao.anagrafica", out);
    }
    if let Some(s) = &piao.valore_pubblico {
        valore::controlla(s, piano, "piao.valore_pubblico", out);
    }
    if let Some(s) = &piao.rischi {
        rischi::controlla(s, piano, "piao.rischi", out);
    }
    if let Some(s) = &piao.struttura {
        organizzazione::controlla(s, piano, "piao.struttura", out);
    }
    if let Some(s) = &piao.fabbisogni {
        fabbisogni::controlla(s, piano, "piao.fabbisogni", out);
    }
    if let Some(s) = &piao.formazione {
        formazione::controlla(s, piano, "piao.formazione", out);
    }
    if let Some(s) = &piao.monitoraggio {
        monitoraggio::controlla(s, piano, "piao.monitoraggio", out);
    }
}
