//! Checks of the PIAO's section «Formazione del personale».

use crate::diag::Diagnostic;
use crate::model::Piano;
use crate::model::piao::formazione::Formazione;

/// Checks `piao.<section>` (JSON paths start with `base`).
pub fn controlla(_s: &Formazione, _piano: &Piano, _base: &str, _out: &mut Vec<Diagnostic>) {}
